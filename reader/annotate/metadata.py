"""Outlet and date: taken from what the page prints, never guessed.

The outlet is the one given on the command line, else a catalogued news outlet named
in a dateline ("/TASS/", "Moscow, SANA -", "(EIRNS)") or in the page's chrome. The
date is a full date printed in a date stamp or at the opening of the article; a day
without a year gives no date. Each note says where the value came from, or why there
is none, so that `outlet_note` and `date_note` can be checked against the page.
"""

from __future__ import annotations

import re
from collections import Counter

from reader.annotate.dates import MONTH_YEAR, find_date
from reader.annotate.draft import DraftBlock
from reader.annotate.outlet_cues import PHOTO_CREDIT, chrome_outlet, dateline_outlet
from reader.model import BlockKind, Entity, EntityType

OPENER_CHARS = 100  # how far into a paragraph a dateline can reach
OPENER_BLOCKS = 3  # how many body blocks after the headline may open with one


def _excerpt(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _agency_pattern(alias: str) -> re.Pattern:
    name = re.escape(alias)
    return re.compile(rf"/{name}/|\({name}\)|(?<!\w){name}\s*[-–—]|,\s*{name}\b(?=\s*[-–—,.])")


def _openers(blocks: list[DraftBlock]) -> list[DraftBlock]:
    body = [b for b in blocks if b.kind in (BlockKind.PARAGRAPH, BlockKind.STANDFIRST)]
    return body[:OPENER_BLOCKS]


def find_outlet(
    blocks: list[DraftBlock], entities: dict[str, Entity], source: str
) -> tuple[str | None, str]:
    outlets = [e for e in entities.values() if e.type is EntityType.MEDIA_OUTLET]
    for block in _openers(blocks) + [b for b in blocks if b.kind is BlockKind.DATELINE]:
        opener = block.text[:OPENER_CHARS]
        for entity in outlets:
            for alias in entity.aliases:
                match = _agency_pattern(alias).search(opener)
                if match:
                    return entity.name, (
                        f'Named in the dateline "{_excerpt(opener[: match.end()])}" '
                        f"(line {block.line})."
                    )
    named: Counter[str] = Counter()
    where: dict[str, DraftBlock] = {}
    for block in blocks:
        if block.kind is not BlockKind.CHROME or PHOTO_CREDIT.search(block.text):
            continue  # "Image copyright AFP" credits a photo, not the page
        for entity in outlets:
            if any(re.search(rf"(?<!\w){re.escape(a)}(?!\w)", block.text) for a in entity.aliases):
                named[entity.id] += 1
                where.setdefault(entity.id, block)
    if named:
        entity_id, _ = named.most_common(1)[0]
        block = where[entity_id]
        return entities[entity_id].name, (
            f'Named in the page\'s chrome: "{_excerpt(block.text)}" (line {block.line}).'
        )
    found = dateline_outlet(blocks)
    if found is not None:
        name, block = found
        return outlet_from_metadata(name, entities), (
            f'Named in the dateline "{_excerpt(block.text)}" (line {block.line}).'
        )
    found = chrome_outlet(blocks)
    if found is not None:
        name, block = found
        return outlet_from_metadata(name, entities), (
            f'Named in the page\'s masthead or copyright line "{_excerpt(block.text)}" '
            f"(line {block.line})."
        )
    return None, f"Not named in the text; imported from {source}."


def _squashed(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def outlet_from_metadata(name: str, entities: dict[str, Entity]) -> str:
    """The catalogue's name for an outlet the metadata names ("PressTV", "www.presstv.ir")."""
    host = re.fullmatch(r"(?:https?://)?(?:www\.)?([a-z0-9-]+)(?:\.[a-z0-9-]+)+/?", name.lower())
    wanted = {_squashed(name)} | ({_squashed(host.group(1))} if host else set())
    for entity in entities.values():
        if entity.type is not EntityType.MEDIA_OUTLET:
            continue
        if wanted & {_squashed(form) for form in (entity.name, *entity.aliases)}:
            return entity.name
    if host:  # a crawler's source domain: the host, without the "www." of its address
        return re.sub(r"^(?:https?://)?(?:www\.)?", "", name.lower()).rstrip("/")
    return name


def find_article_date(blocks: list[DraftBlock]) -> tuple[str | None, str]:
    stamps = [b for b in blocks if b.kind is BlockKind.DATELINE]
    openers = _openers(blocks)
    partial = None
    for block, region, what in [(b, b.text, "Date stamp") for b in stamps] + [
        (b, b.text[:OPENER_CHARS], "Dateline") for b in openers
    ]:
        found = find_date(region)
        if found is None:
            continue
        if found.date is not None:
            reading = f", {found.reading}" if found.reading else ""
            note = f'{what} "{found.printed}" (line {block.line}){reading}.'
            month_only = [
                f'"{s.text}" (line {s.line})'
                for s in stamps
                if s is not block and MONTH_YEAR.search(s.text)
            ]
            if month_only:
                note += f" The page also prints {', '.join(month_only)}."
            return found.date.isoformat(), note
        if partial is None:
            partial = (block, found, what)
    if partial is None:
        return None, "The page prints no date in a date stamp or dateline."
    block, found, what = partial
    return None, (
        f'{what} "{found.printed}" (line {block.line}) gives no full date (no year, or '
        "a day and month that cannot be told apart); not established."
    )
