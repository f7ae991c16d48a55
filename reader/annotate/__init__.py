"""Automatic annotation of raw page text, for `reader import` (UI-free).

`annotate_raw` turns the text of one raw page into a `Draft`: every non-blank line a
block (chrome or body), the catalogue's entities found in the body, quotations and
reported speech with their speakers, and the outlet and date when the page states
them. `reader.annotate.importer` writes drafts into a corpus; docs/import.md says how
well this does against the hand-annotated seeds.
"""

from __future__ import annotations

from reader.annotate.blocks import classify_lines
from reader.annotate.cues import block_view, find_cues
from reader.annotate.draft import Draft, DraftBlock
from reader.annotate.fuzzy_names import AliasIndex, suggest_aliases
from reader.annotate.mentions import MentionFinder
from reader.annotate.metadata import find_article_date, find_outlet, outlet_from_metadata
from reader.annotate.name_proposals import find_names as find_names_in
from reader.annotate.quotes import annotate_quotations
from reader.annotate.reported import annotate_reported_speech
from reader.annotate.sources import Metadata
from reader.model import Entity
from reader.rawtext import NO_BREAK_SPACES, content_lines, raw_lines

__all__ = ["annotate_raw", "Draft"]


def annotate_raw(
    raw: str,
    source: str,
    entities: dict[str, Entity],
    *,
    outlet: str | None = None,
    finder: MentionFinder | None = None,
    metadata: Metadata | None = None,
) -> Draft:
    """The annotated draft of one raw page (`raw` is its decoded text)."""
    draft = Draft(source, _blocks(raw))
    finder = finder or MentionFinder(entities)
    index = AliasIndex(entities)
    for block in draft.body:
        block.mentions = finder.find(block.text)
        draft.suggestions += suggest_aliases(block.text, block.line, block.mentions, index)

    views = [block_view(i, block) for i, block in enumerate(draft.body)]
    find_cues(views, entities)
    quote_notes = annotate_quotations(views, entities)
    annotate_reported_speech(views, {e.id: e.type for e in entities.values()})

    metadata = metadata or Metadata()
    if outlet:
        draft.outlet, draft.outlet_note = outlet, "Given on the command line (--outlet)."
    elif metadata.outlet:
        draft.outlet = outlet_from_metadata(metadata.outlet, entities)
        draft.outlet_note = f'"{metadata.outlet}" in {metadata.notes.get("outlet", "metadata")}.'
    else:
        draft.outlet, draft.outlet_note = find_outlet(draft.blocks, entities, source)
    if metadata.date:
        draft.date = metadata.date
        draft.date_note = f'"{metadata.date}" in {metadata.notes.get("date", "metadata")}.'
    else:
        draft.date, draft.date_note = find_article_date(draft.blocks)
    draft.url, draft.author = metadata.url, metadata.author
    draft.notes = [
        "Annotated automatically by reader import (blocks, mentions, quotes); "
        "review before relying on it."
    ]
    draft.notes += normalisation_notes(raw)
    draft.notes += quote_notes
    draft.notes += suggestion_notes(draft)
    draft.notes += proposed_notes(draft, entities)
    return draft


def _blocks(raw: str) -> list[DraftBlock]:
    raw = raw.removeprefix("\ufeff")  # read as the loader reads it (utf-8-sig)
    lines = content_lines(raw)
    kinds = classify_lines([text for _, text in lines])
    return [DraftBlock(kind, text, line) for (line, text), kind in zip(lines, kinds, strict=True)]


def scan_names(raw: str, source: str, entities: dict[str, Entity], finder: MentionFinder):
    """The new names and known names' other spellings in one raw page (first pass)."""
    body = Draft(source, _blocks(raw)).body
    for block in body:
        block.mentions = finder.find(block.text)
    return find_names_in(body, entities)


def proposed_notes(draft: Draft, entities: dict[str, Entity]) -> list[str]:
    """Which mentions are of entities not yet reviewed (added by an import)."""
    proposed = sorted(
        {m.entity for b in draft.body for m in b.mentions if entities[m.entity].status}
    )
    if not proposed:
        return []
    return [
        "Mentions of entities proposed by reader import, not yet reviewed: "
        + ", ".join(proposed)
        + " (see reader entities --proposed)."
    ]


def suggestion_notes(draft: Draft) -> list[str]:
    return [
        f'Possible mention not annotated: "{s.text}" (line {s.line}) is close to the '
        f'alias "{s.alias}" of {s.entity} (score {s.score:g}); add it to that entity\'s '
        "aliases in entities.yaml and annotate it, or import with --learn-aliases."
        for s in draft.suggestions
    ]


def normalisation_notes(raw: str) -> list[str]:
    """Which raw lines had white space normalised (the format's only change)."""
    no_break, runs = [], []
    for number, line in enumerate(raw_lines(raw), start=1):
        if not line.strip():
            continue
        if any(c in line for c in NO_BREAK_SPACES):
            no_break.append(number)
        elif "  " in line or "\t" in line:
            runs.append(number)
    notes = []
    if no_break:
        notes.append(f"Normalised: no-break spaces became spaces on raw lines {_ranges(no_break)}.")
    if runs:
        notes.append(
            f"Normalised: runs of spaces or tabs became one space on raw lines {_ranges(runs)}."
        )
    return notes


def _ranges(numbers: list[int]) -> str:
    parts, start, previous = [], numbers[0], numbers[0]
    for n in numbers[1:] + [None]:
        if n is not None and n == previous + 1:
            previous = n
            continue
        parts.append(str(start) if start == previous else f"{start}-{previous}")
        if n is not None:
            start = previous = n
    return ", ".join(parts)
