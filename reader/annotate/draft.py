"""An article being annotated: blocks with offsets, before it is written as YAML.

The annotators work on character offsets inside each block's text; only the writer
turns them into the format's quoted anchors (`exact`, `occurrence`). Cue positions
count body blocks, as the format's `block:` does (chrome is not counted).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.model import BlockKind, MentionKind, QuoteKind


@dataclass
class DraftMention:
    entity: str
    start: int  # offsets in the block's text
    end: int
    kind: MentionKind = MentionKind.NAME


@dataclass
class DraftCue:
    start: int  # offsets in the text of the block holding the cue
    end: int
    block: int = 0  # that block, counted in body blocks from the quote's block


@dataclass
class DraftQuote:
    kind: QuoteKind
    start: int
    end: int
    speaker: str | None = None
    cue: DraftCue | None = None
    channel: str | None = None
    continues: DraftQuote | None = None
    id: str = ""  # given by the writer, in reading order


@dataclass
class DraftBlock:
    kind: BlockKind
    text: str
    line: int  # raw line, from 1
    mentions: list[DraftMention] = field(default_factory=list)
    quotes: list[DraftQuote] = field(default_factory=list)


@dataclass(frozen=True)
class AliasSuggestion:
    """A spelling close to an alias, found in the text but not in the catalogue."""

    entity: str
    alias: str  # the catalogued alias it is close to
    text: str  # as printed
    line: int
    score: float


@dataclass
class Draft:
    source: str
    blocks: list[DraftBlock]
    id: str = ""
    outlet: str | None = None
    outlet_note: str = ""
    date: str | None = None
    date_note: str = ""
    notes: list[str] = field(default_factory=list)
    url: str | None = None
    author: str | None = None
    original: str | None = None  # the file the text was extracted from, in raw/
    record: int | None = None  # its record number in `original`
    extractor: str | None = None
    suggestions: list[AliasSuggestion] = field(default_factory=list)

    @property
    def body(self) -> list[DraftBlock]:
        return [b for b in self.blocks if b.kind is not BlockKind.CHROME]

    def counts(self) -> dict[str, int]:
        body = self.body
        return {
            "blocks": len(self.blocks),
            "chrome": len(self.blocks) - len(body),
            "mentions": sum(len(b.mentions) for b in body),
            "quotes": sum(len(b.quotes) for b in body),
        }
