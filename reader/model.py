"""The corpus as typed, immutable values.

Everything the loader produces and every other part of `reader` consumes. Offsets are
character offsets into `Article.text`, half-open (`start <= i < end`), so
`article.text[m.start:m.end]` is the annotated passage.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class EntityType(StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"
    ARMED_GROUP = "armed_group"
    GOVERNMENT_BODY = "government_body"
    # Countries are places; a capital standing for its government ("Washington") is a
    # metonym mention of the country (see docs/corpus-format.md).
    PLACE = "place"
    MEDIA_OUTLET = "media_outlet"
    EVENT = "event"  # agreements, truces, meetings, resolutions as events
    DOCUMENT = "document"


class BlockKind(StrEnum):
    """What a line of the raw page is, once it is in the article file."""

    HEADLINE = "headline"
    STANDFIRST = "standfirst"  # the summary line under a headline
    DATELINE = "dateline"  # a date/time stamp standing on its own line
    HEADING = "heading"  # a subheading inside the article
    PARAGRAPH = "paragraph"
    CAPTION = "caption"  # a photo caption: part of the article, marked as such
    BYLINE = "byline"  # author or editor credits
    CHROME = "chrome"  # site navigation, share buttons, teasers: kept, not body


class MentionKind(StrEnum):
    NAME = "name"  # one of the entity's catalogued aliases
    ROLE = "role"  # "the Russian minister", "Russia's top diplomat"
    METONYM = "metonym"  # "Washington" for the US government


class QuoteKind(StrEnum):
    DIRECT = "direct"  # the speaker's words, in quotation marks (or set off as theirs)
    INDIRECT = "indirect"  # reported speech: "Lavrov said that ..."
    PARTIAL = "partial"  # a few quoted words inside the outlet's own sentence
    SCARE = "scare"  # quotation marks that distance, not report speech ('moderate')


class LinkGrade(StrEnum):
    """How closely two linked statements match (docs/xref.md)."""

    SAME = "same"  # one statement reported twice (a translation, a retelling)
    RELATED = "related"  # the same claim, paraphrased


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, offset: int) -> bool:
        return self.start <= offset < self.end


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    name: str
    type: EntityType
    aliases: tuple[str, ...]
    description: str = ""
    status: str = ""  # "proposed": added by `reader import`, not yet reviewed
    first_seen: str = ""  # where a proposed entity was first found


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One block of the body (chrome is not in the body)."""

    index: int  # position among the body blocks, from 0
    kind: BlockKind
    span: Span  # where the block's text sits in Article.text
    line: int | None = None  # line in the raw source file, from 1, when known


@dataclass(frozen=True, slots=True)
class ChromeLine:
    """A line of the raw page that is site furniture, kept apart from the body."""

    text: str
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    entity_id: str
    span: Span
    kind: MentionKind = MentionKind.NAME
    paragraph: int = 0


@dataclass(frozen=True, slots=True)
class Quote:
    id: str  # unique within its article
    kind: QuoteKind
    span: Span  # the quoted or reported words
    paragraph: int
    speaker: str | None = None  # entity id; None only for scare quotes
    cue: str | None = None  # the attribution words as printed ("said", "added")
    cue_span: Span | None = None  # where the cue sits (may be another paragraph)
    channel: str | None = None  # entity through which the words reach the outlet
    continues: str | None = None  # id of the quote this one carries on


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    source: str  # provenance: the raw file's name
    outlet: str | None  # None when the text does not say
    title: str
    date: str | None  # ISO date "YYYY-MM-DD", or None when not established
    text: str  # the body blocks joined by "\n\n"
    paragraphs: tuple[Paragraph, ...]
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    chrome: tuple[ChromeLine, ...] = ()
    outlet_note: str = ""
    date_note: str = ""
    notes: str = ""  # normalisation and other remarks from the file
    path: Path | None = None  # the YAML file it was loaded from
    url: str | None = None  # where the article was published, when known

    @property
    def outlet_label(self) -> str:
        return self.outlet or "unknown outlet"

    def paragraph_at(self, offset: int) -> Paragraph | None:
        for paragraph in self.paragraphs:
            if paragraph.span.start <= offset <= paragraph.span.end:
                return paragraph
        return None

    def quote(self, quote_id: str) -> Quote | None:
        return next((q for q in self.quotes if q.id == quote_id), None)


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with the input, reported like a compiler diagnostic."""

    path: Path | str
    line: int | None
    column: int | None
    message: str  # what is wrong, and how to fix it

    def __str__(self) -> str:
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class Corpus:
    articles: tuple[Article, ...]
    entities: dict[str, Entity] = field(default_factory=dict)
    root: Path | None = None
    # Articles by id, built once: exports and views look an article up per link.
    _by_id: dict[str, Article] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_id: dict[str, Article] = {}
        for article in self.articles:
            by_id.setdefault(article.id, article)  # the first, as a scan would find
        object.__setattr__(self, "_by_id", by_id)

    def article(self, article_id: str) -> Article | None:
        return self._by_id.get(article_id)

    def entity(self, entity_id: str) -> Entity | None:
        return self.entities.get(entity_id)


@dataclass(frozen=True, slots=True)
class Statement:
    """A unit of comparison: a sentence, or a quotation standing as its own unit."""

    article_id: str
    index: int  # position among the article's statements
    span: Span
    text: str
    quote_id: str | None = None  # set when the statement is (part of) a quotation


@dataclass(frozen=True, slots=True)
class Link:
    """A graded match between statements of two different articles."""

    source: Statement
    target: Statement
    score: float  # 0..100, symmetric
    grade: LinkGrade
    source_match: Span | None = None  # aligned passage, offsets in Article.text
    target_match: Span | None = None
    # a researcher's judgement of it (reader/judgements.py): "confirmed", "rejected",
    # "added" (a link the engine did not make), or None when not judged
    verdict: str | None = None
