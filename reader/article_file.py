"""Reading and checking one article file: metadata, blocks, mentions and quotes.

A bad annotation is reported and left out; the rest of the article still loads, so one
typo never hides a whole article from the reader.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from reader.alias_forms import printed_as_alias
from reader.anchors import (
    Ambiguous,
    NoSuchOccurrence,
    NotFound,
    Selector,
    find_all,
    resolve_anchor,
)
from reader.article_schema import (
    ARTICLE_FIELDS,
    BLOCK_FIELDS,
    BLOCK_KINDS,
    CUE_FIELDS,
    ID_PATTERN,
    MENTION_FIELDS,
    PARAGRAPH_SEPARATOR,
    QUOTE_FIELDS,
    URL_PATTERN,
)
from reader.fields import check_fields, did_you_mean, valid
from reader.limits import max_article_chars, too_long
from reader.model import (
    Article,
    BlockKind,
    ChromeLine,
    Entity,
    Mention,
    MentionKind,
    Paragraph,
    Problem,
    Quote,
    QuoteKind,
    Span,
)
from reader.provenance import original_problems, raw_problems, source_outside_raw
from reader.yamlsource import YamlList, YamlMap, load_yaml_file


@dataclass
class _Block:
    kind: BlockKind
    text: str
    source: YamlMap
    line: int | None
    # Set by lay_out for body blocks; chrome keeps these.
    span: Span = Span(0, 0)  # where the block's text sits in the article's text
    index: int = -1  # position among body blocks


@dataclass
class _ArticleReader:
    path: Path
    entities: dict[str, Entity] | None  # None when the catalogue could not be read
    raw_dir: Path | None
    declared: set[str] = field(default_factory=set)  # ids with their own problem
    problems: list[Problem] = field(default_factory=list)
    document: object = None  # the file's YAML, once read

    def problem(self, position: tuple[int, int], message: str) -> None:
        self.problems.append(Problem(self.path, position[0], position[1], message))

    def fields_sound(self, item: YamlMap, spec: dict, what: str) -> bool:
        """Report `item`'s field problems; an annotation with any is left out."""
        problems = check_fields(item, spec, what, self.path)
        self.problems += problems
        return not problems

    # -- the file as a whole ------------------------------------------------------
    def read(self) -> Article | None:
        document, self.problems = load_yaml_file(self.path)
        self.document = document
        if document is None:
            if not self.problems:
                self.problem((1, 1), "file is empty; see docs/corpus-format.md")
            return None
        if not isinstance(document, YamlMap):
            self.problem(
                getattr(document, "position", (1, 1)),
                "an article file must be a mapping (id, source, outlet, date, blocks)",
            )
            return None
        if not any(key in ARTICLE_FIELDS for key in document):
            self.problem(
                document.position,
                "this is not an article file (none of id, source, outlet, date, blocks); "
                "see docs/corpus-format.md, or move the file out of the corpus",
            )
            return None
        self.problems += check_fields(document, ARTICLE_FIELDS, "article", self.path)
        if not valid(document, "id", ARTICLE_FIELDS["id"]) or not valid(
            document, "blocks", ARTICLE_FIELDS["blocks"]
        ):
            return None
        article_id = document["id"]
        if not ID_PATTERN.match(article_id):
            self.problem(
                document.where("id"),
                f"article id {article_id!r} should be letters, digits, '-', '_' or '.'",
            )
        blocks = self.read_blocks(document["blocks"])
        body = [b for b in blocks if b.kind is not BlockKind.CHROME]
        if not body:
            self.problem(document.where("blocks"), "article has no body blocks; add a paragraph")
        text = self.lay_out(body)
        if len(text) > (limit := max_article_chars()):
            self.problem(document.where("blocks"), too_long("the article", len(text), limit))
            return None
        mentions, quotes = self.read_annotations(body, text)
        given_source = document.get("source")
        source = given_source if isinstance(given_source, str) else ""
        if source and (why := source_outside_raw(source)):
            self.problem(document.where("source"), f"source {source!r}: {why}")
            source = ""
        elif source and self.raw_dir is not None:
            self.problems += raw_problems(self.path, document, blocks, source, self.raw_dir)
        if self.raw_dir is not None:
            self.problems += original_problems(self.path, document, self.raw_dir)
        headlines = [b.text for b in body if b.kind is BlockKind.HEADLINE]
        if not headlines and body:
            self.problem(
                document.where("blocks"),
                "article has no headline block; add '- headline: ...' as its title",
            )
        return Article(
            id=article_id,
            source=source,
            outlet=self.outlet(document),
            title=headlines[0] if headlines else article_id,
            date=self.date(document),
            text=text,
            paragraphs=tuple(Paragraph(b.index, b.kind, b.span, b.line) for b in body),
            mentions=tuple(sorted(mentions, key=lambda m: (m.span.start, m.span.end))),
            quotes=tuple(quotes),
            chrome=tuple(ChromeLine(b.text, b.line) for b in blocks if b.kind is BlockKind.CHROME),
            outlet_note=_text(document, "outlet_note"),
            date_note=_text(document, "date_note"),
            notes=_text(document, "notes"),
            path=self.path,
            url=self.url(document),
        )

    def outlet(self, document: YamlMap) -> str | None:
        outlet = document.get("outlet")
        if isinstance(outlet, str) and outlet.strip():
            return outlet
        if "outlet" in document and not _text(document, "outlet_note"):
            self.problem(
                document.where("outlet"),
                "outlet is unknown: add 'outlet_note:' saying why the text does not name it",
            )
        return None

    def url(self, document: YamlMap) -> str | None:
        value = document.get("url")
        if not isinstance(value, str):
            return None
        if not URL_PATTERN.match(value):
            self.problem(
                document.where("url"),
                f"url {value[:60]!r} is not a web address; write it as https://... "
                "(the article's own address), or leave the field out",
            )
            return None
        return value

    def date(self, document: YamlMap) -> str | None:
        value = document.get("date")
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value).isoformat()
            except ValueError:
                self.problem(
                    document.where("date"),
                    f"date {value!r} is not an ISO date; write it as YYYY-MM-DD, "
                    "or null with a date_note",
                )
                return None
        if "date" in document and not _text(document, "date_note"):
            self.problem(
                document.where("date"),
                "date is unknown: add 'date_note:' saying what the text does say",
            )
        return None

    # -- blocks ---------------------------------------------------------------------
    def read_blocks(self, items: YamlList) -> list[_Block]:
        blocks = []
        for item, position in zip(items, items.item_positions, strict=True):
            if not isinstance(item, YamlMap):
                self.problem(position, "a block must be a mapping such as '- paragraph: \"...\"'")
                continue
            self.problems += check_fields(item, BLOCK_FIELDS, "block", self.path)
            kinds = [key for key in item if key in BLOCK_KINDS]
            if len(kinds) != 1:
                found = ", ".join(kinds) if kinds else "none"
                self.problem(
                    position,
                    f"a block needs exactly one of {', '.join(BLOCK_KINDS)} (found: {found})",
                )
                continue
            kind = BlockKind(kinds[0])
            text = item[kinds[0]]
            if not isinstance(text, str) or not text.strip():
                continue  # the type problem is already reported by check_fields
            if text != text.strip() or "\n" in text:
                self.problem(
                    item.where(kinds[0]),
                    "block text must be one line with no white space at either end",
                )
                text = " ".join(text.split())
            line = item.get("line") if valid(item, "line", BLOCK_FIELDS["line"]) else None
            if kind is BlockKind.CHROME:
                for key in ("mentions", "quotes"):
                    if key in item:
                        self.problem(
                            item.key_where(key),
                            f"chrome is not part of the article: move the {key} to a "
                            "body block, or change the block's kind",
                        )
            blocks.append(_Block(kind, text, item, line))
        return blocks

    @staticmethod
    def lay_out(body: list[_Block]) -> str:
        offset = 0
        for index, block in enumerate(body):
            block.index = index
            block.span = Span(offset, offset + len(block.text))
            offset = block.span.end + len(PARAGRAPH_SEPARATOR)
        return PARAGRAPH_SEPARATOR.join(b.text for b in body)

    # -- annotations ----------------------------------------------------------------
    def read_annotations(self, body: list[_Block], text: str) -> tuple[list[Mention], list[Quote]]:
        mentions: list[Mention] = []
        quotes: list[Quote] = []
        quote_ids: dict[str, tuple[int, int]] = {}
        continuations: list[tuple[str, tuple[int, int]]] = []
        for block in body:
            for item, position in self.items(block, "mentions"):
                mention = self.read_mention(item, position, block, body)
                if mention:
                    mentions.append(mention)
            for item, position in self.items(block, "quotes"):
                quote = self.read_quote(item, position, block, body)
                if quote is None:
                    continue
                if quote.id in quote_ids:
                    self.problem(
                        item.where("id"),
                        f"quote {quote.id}: duplicate id (also at line "
                        f"{quote_ids[quote.id][0]}); give each quote its own id",
                    )
                    continue
                quote_ids[quote.id] = item.where("id")
                quotes.append(quote)
                if quote.continues:
                    continuations.append((quote.continues, item.where("continues")))
        for target, position in continuations:
            if target not in quote_ids:
                self.problem(
                    position, f"continues {target!r}: no quote with that id in this article"
                )
        return mentions, quotes

    def items(self, block: _Block, key: str):
        items = block.source.get(key)
        if not isinstance(items, YamlList) or block.kind is BlockKind.CHROME:
            return
        for item, position in zip(items, items.item_positions, strict=True):
            if isinstance(item, YamlMap):
                yield item, position
            else:
                self.problem(position, f"each of {key} must be a mapping with 'exact'")

    def entity_ref(self, item: YamlMap, key: str, what: str) -> str | None:
        entity_id = item.get(key)
        if not isinstance(entity_id, str):
            return None
        if entity_id in self.declared and entity_id not in (self.entities or {}):
            return None  # the entity's own problem is reported in the catalogue
        if self.entities is not None and entity_id not in self.entities:
            hint = did_you_mean(entity_id, list(self.entities)) if self.entities else ""
            self.problem(
                item.where(key),
                f"{what}: unknown entity {entity_id!r}; add it to entities.yaml"
                + (f" or fix the id ({hint})" if hint.startswith("did") else ""),
            )
            return None
        return entity_id

    def read_mention(
        self, item: YamlMap, position, block: _Block, body: list[_Block]
    ) -> Mention | None:
        entity_id = item.get("entity")
        what = f"mention of {entity_id}" if isinstance(entity_id, str) else "mention"
        if not self.fields_sound(item, MENTION_FIELDS, what):
            return None
        kind = self.enum(item, "kind", MentionKind, what, MentionKind.NAME)
        entity_id = self.entity_ref(item, "entity", what)
        span = self.anchor(item, block, body, what)
        if kind is None or entity_id is None or span is None:
            return None
        if kind is MentionKind.NAME and self.entities:
            aliases = self.entities[entity_id].aliases
            if not printed_as_alias(item["exact"], aliases):
                self.problem(
                    item.where("exact"),
                    f"{what}: {item['exact']!r} is not one of its aliases; add it to "
                    "the aliases in entities.yaml, or set kind: role or metonym",
                )
        return Mention(entity_id, span, kind, block.index)

    def read_quote(
        self, item: YamlMap, position, block: _Block, body: list[_Block]
    ) -> Quote | None:
        quote_id = item.get("id")
        what = f"quote {quote_id}" if isinstance(quote_id, str) else "quote"
        if not self.fields_sound(item, QUOTE_FIELDS, what):
            return None
        kind = self.enum(item, "kind", QuoteKind, what, None)
        span = self.anchor(item, block, body, what)
        speaker = self.entity_ref(item, "speaker", what)
        channel = self.entity_ref(item, "channel", what)
        if "speaker" not in item and kind is not QuoteKind.SCARE:
            self.problem(
                item.position,
                f"{what}: missing field 'speaker'; add 'speaker: <entity id>' "
                "(only scare quotes may have none)",
            )
            return None
        if kind is None or span is None or ("speaker" in item and speaker is None):
            return None
        cue, cue_span = self.cue(item, block, body, what)
        return Quote(
            id=item["id"],  # a string: fields_sound checked it
            kind=kind,
            span=span,
            paragraph=block.index,
            speaker=speaker,
            cue=cue,
            cue_span=cue_span,
            channel=channel,
            continues=item.get("continues"),
        )

    def cue(self, item: YamlMap, block: _Block, body: list[_Block], what: str):
        cue = item.get("cue")
        if cue is None:
            return None, None
        if isinstance(cue, str):
            return cue, self.anchor(YamlMapView(cue, item.where("cue")), block, body, f"{what} cue")
        if not self.fields_sound(cue, CUE_FIELDS, f"{what} cue"):
            return None, None
        index = block.index + cue.get("block", 0)
        if not 0 <= index < len(body):
            self.problem(
                cue.where("block"),
                f"{what} cue: block {cue.get('block')} is outside the article; "
                "count body blocks from the quote's own (-1 before, 1 after)",
            )
            return None, None
        return cue["exact"], self.anchor(cue, body[index], body, f"{what} cue")

    def enum(self, item: YamlMap, key: str, enum, what: str, default):
        if key not in item:
            return default
        try:
            return enum(item[key])
        except ValueError:
            choices = ", ".join(member.value for member in enum)
            self.problem(
                item.where(key), f"{what}: unknown {key} {item[key]!r}; use one of {choices}"
            )
            return None

    def anchor(self, item, block: _Block, body: list[_Block], what: str) -> Span | None:
        selector = Selector(
            exact=item["exact"],
            prefix=item.get("prefix", ""),
            suffix=item.get("suffix", ""),
            occurrence=item.get("occurrence"),
        )
        exact = selector.exact
        if not exact.strip():
            self.problem(
                item.where("exact"),
                f"{what}: 'exact' is empty; copy into it the words of the block that the "
                "annotation points at, exactly as printed",
            )
            return None
        found = resolve_anchor(block.text, selector)
        if isinstance(found, Span):
            return Span(block.span.start + found.start, block.span.start + found.end)
        if isinstance(found, NoSuchOccurrence):
            self.problem(
                item.where("occurrence"),
                f"{what}: occurrence {found.occurrence} is out of range: anchor {exact!r} "
                f"matches {found.count} place{'s' if found.count != 1 else ''} in this block; "
                + (
                    f"use a number from 1 to {found.count} (in reading order)"
                    if found.count > 1
                    else "remove 'occurrence'"
                ),
            )
            return None
        if isinstance(found, Ambiguous):
            self.problem(
                item.where("exact"),
                f"{what}: anchor {exact!r} matches {found.count} places in this block; "
                f"add 'occurrence: 1' to {found.count} (in reading order), "
                "or a 'prefix'/'suffix' that tells them apart",
            )
            return None
        hint = self.where_else(exact, block, body, found)
        self.problem(
            item.where("exact"), f"{what}: anchor {exact!r} not found in its block; {hint}"
        )
        return None

    def where_else(self, exact: str, block: _Block, body: list[_Block], found: NotFound) -> str:
        for other in body:
            if other is not block and find_all(other.text, exact):
                where = f"line {other.source.position[0]}"
                return f"it is in the block at {where}: move the annotation there"
        if found.closest is not None:
            return (
                f'closest: "{found.closest}" (line {block.source.position[0]}); '
                "copy the words exactly as printed"
            )
        return "copy the words exactly as they are printed in the block"


class YamlMapView(YamlMap):
    """A plain-string cue seen as an anchor mapping, positioned where the string is."""

    def __init__(self, exact: str, position: tuple[int, int]):
        super().__init__(exact=exact)
        self.position = position
        self.key_positions = {"exact": position}
        self.value_positions = {"exact": position}


def _text(document: YamlMap, key: str) -> str:
    value = document.get(key)
    return value.strip() if isinstance(value, str) else ""


def load_article(
    path: Path,
    entities: dict[str, Entity] | None,
    raw_dir: Path | None = None,
    declared: set[str] | None = None,
) -> tuple[Article | None, list[Problem]]:
    article, problems, _ = load_article_located(path, entities, raw_dir, declared)
    return article, problems


def load_article_located(
    path: Path,
    entities: dict[str, Entity] | None,
    raw_dir: Path | None = None,
    declared: set[str] | None = None,
) -> tuple[Article | None, list[Problem], tuple[int, int]]:
    """`load_article`, and where the article's id is written (to point at it when
    another file uses the same id)."""
    reader = _ArticleReader(path, entities, raw_dir, declared=declared or set())
    article = reader.read()
    where = reader.document.where("id") if isinstance(reader.document, YamlMap) else (1, 1)
    return article, reader.problems, where
