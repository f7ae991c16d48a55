"""What a statement says, as terms to compare: lemmas, entity ids and specifics.

Two outlets reporting one statement rarely share its wording: one writes "Jabhat Fateh
al-Sham", the other "Jabhat al-Nusra"; one "fulfilled", the other "fulfill"; one
"Foreign Minister Sergei Lavrov", the other "Lavrov". So a statement is compared as the
sequence of its content terms: each entity mention becomes one term (`@lavrov`, through
the annotations, or the catalogue's aliases where an article has none), a title before a
person's name goes with the name, other words become lemmas, and function words and
reporting verbs ("said", "added") drop out. Dates, numbers and days of the week are kept
apart as specifics: two statements that disagree on them report different events.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from reader.language import ATTRIBUTING, calendar_names
from reader.model import Article, Entity, EntityType, Mention, Span, Statement

# Function words and reporting glue: frequent in every statement, evidence of nothing.
FUNCTION_WORDS = frozenset(
    """a an the and or but nor so yet if then than that this these those there here
    of in on at to for from by with without within into onto over under about above
    below after before during since until upon via per as against between among
    through throughout toward towards off out up down across along around behind
    beyond near i me my we us our you your he him his she her it its they them their
    who whom whose which what when where why how all any both each few more most
    other some such no not only own same too very can will just should would could
    may might must shall be is are was were been being am have has had having do does
    did doing also even still again further once now however instead whether while
    because although though otherwise rather quite many much several either neither
    s t d ll m o re ve y mr mrs ms""".split()
)
# Weekdays and months, lowercase, as terms compare them.
WEEKDAYS = frozenset(day.lower() for day in calendar_names.WEEKDAYS)
# "U.S." is one word; hyphens and apostrophes split ("US-Russia", "Russia's").
_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W_]+")
_CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014\"\u201c\u201d]|\s-\s")
# Words of a title before a person's name: "Russian Foreign Minister", "US Secretary of
# State". Capitalised words, and the small words that join them.
_TITLE_JOINERS = frozenset({"of", "the", "for", "and"})
_MAX_TITLE_WORDS = 6


@dataclass(frozen=True, slots=True)
class StatementTerms:
    """A statement reduced to what is compared."""

    terms: tuple[str, ...]  # content terms in text order: lemmas and "@entity" ids
    clause_ends: tuple[int, ...]  # where each clause's terms end in `terms`
    numbers: frozenset[str]  # digits as printed: "9", "2016"
    months: frozenset[str]
    weekdays: frozenset[str]
    places: frozenset[str]  # entity ids of places mentioned

    @property
    def term_set(self) -> frozenset[str]:
        return frozenset(self.terms)

    @property
    def clauses(self) -> list[tuple[str, ...]]:
        """The terms cut at clause breaks (commas, colons, dashes, brackets, quotes)."""
        starts = (0, *self.clause_ends)
        return [self.terms[a:b] for a, b in zip(starts, self.clause_ends, strict=False) if b > a]


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """A lowercase lemma, with British and American spellings brought together."""
    import simplemma

    word = word.lower()
    if len(word) > 3:
        # simplemma gives some names back capitalised ("russia" -> "Russia").
        word = simplemma.lemmatize(word, lang="en").lower()
    if len(word) > 5:
        if word.endswith("ise"):
            word = word[:-3] + "ize"
        elif word.endswith("isation"):
            word = word[:-7] + "ization"
        elif word.endswith("our"):
            word = word[:-3] + "or"
    return word


def statement_terms(
    article: Article,
    statement: Statement,
    entities: Mapping[str, Entity],
    mentions: Sequence[Mention] | None = None,
) -> StatementTerms:
    """The statement's terms; `mentions` default to the article's annotations."""
    inside = mentions_inside(article.mentions if mentions is None else mentions, statement.span)
    return terms_of_text(article.text, statement.span, inside, entities)


def mentions_inside(found: Iterable[Mention], span: Span) -> list[Mention]:
    """The mentions within `span`, in text order: what a statement's terms are read from
    (for many statements of one article, article_terms finds them by bisection)."""
    return sorted(
        (m for m in found if span.start <= m.span.start and m.span.end <= span.end),
        key=lambda m: m.span.start,
    )


def article_terms(
    article: Article,
    statements: Sequence[Statement],
    entities: Mapping[str, Entity],
    mentions: Sequence[Mention] | None = None,
) -> list[StatementTerms]:
    """The terms of each of the article's statements; `mentions` default to the
    article's annotations. The mentions are sorted once and each statement finds its
    own by bisection: scanning them all for every statement made a long article's
    terms quadratic in its length."""
    from bisect import bisect_left

    found = sorted(article.mentions if mentions is None else mentions, key=_mention_start)
    starts = [m.span.start for m in found]
    terms = []
    for statement in statements:
        span = statement.span
        inside = []
        for n in range(bisect_left(starts, span.start), len(found)):
            mention = found[n]
            if mention.span.start >= span.end:
                break
            if mention.span.end <= span.end:
                inside.append(mention)
        terms.append(terms_of_text(article.text, span, inside, entities))
    return terms


def _mention_start(mention: Mention) -> int:
    return mention.span.start


def terms_of_text(
    text: str, span: Span, mentions: Iterable[Mention], entities: Mapping[str, Entity]
) -> StatementTerms:
    return _extract(text, span, mentions, entities, None)


@dataclass(frozen=True, slots=True)
class Specific:
    """A date, day or number as written, or a place named: what can conflict."""

    kind: str  # "number" | "month" | "weekday" | "place"
    value: str  # as compared: "9", "september", "friday", or a place's entity id
    span: Span  # article offsets


@dataclass(frozen=True, slots=True)
class LocatedTerms:
    """A statement's terms with where each one was read: what a link's "why" shows."""

    terms: StatementTerms
    spans: tuple[Span, ...]  # one per `terms.terms`: the word, or the entity's mention
    specifics: tuple[Specific, ...]

    def spans_of(self, term: str) -> tuple[Span, ...]:
        return tuple(s for t, s in zip(self.terms.terms, self.spans, strict=True) if t == term)


def located_terms(
    text: str, span: Span, mentions: Iterable[Mention], entities: Mapping[str, Entity]
) -> LocatedTerms:
    """The terms `terms_of_text` gives, read by the same code, with their places."""
    where: tuple[list[Span], list[Specific]] = ([], [])
    terms = _extract(text, span, mentions, entities, where)
    return LocatedTerms(terms, tuple(where[0]), tuple(where[1]))


def _extract(
    text: str,
    span: Span,
    mentions: Iterable[Mention],
    entities: Mapping[str, Entity],
    where: tuple[list[Span], list[Specific]] | None,
) -> StatementTerms:
    """The one reading of a statement, for scoring and for explaining a score.

    `where`, when given, collects each term's span and each specific's, so the
    explanation can never read a statement differently from the scorer.
    """
    terms: list[str] = []
    clause_ends: list[int] = []
    numbers, months, weekdays, places = set(), set(), set(), set()
    position = span.start

    record = where is not None
    term_spans, specifics = where if where is not None else ([], [])

    def words(start: int, end: int) -> None:
        piece_start = start
        breaks = _CLAUSE_BREAK.finditer(text, start, end)
        for n in itertools.count():
            found = next(breaks, None)
            piece_end = found.start() if found else end
            if n and terms and (not clause_ends or clause_ends[-1] < len(terms)):
                clause_ends.append(len(terms))
            for match in _TOKEN.finditer(text, piece_start, piece_end):
                token = match.group()
                word = token.replace(".", "") if "." in token else token
                low = word.lower()
                if low.isdigit():
                    value = low.lstrip("0") or "0"
                    numbers.add(value)
                    if record:
                        specifics.append(Specific("number", value, Span(*match.span())))
                    continue
                if low in WEEKDAYS:
                    weekdays.add(low)
                    if record:
                        specifics.append(Specific("weekday", low, Span(*match.span())))
                    continue
                month = _month(word)
                if month:
                    months.add(month)
                    if record:
                        specifics.append(Specific("month", month, Span(*match.span())))
                    continue
                if low in FUNCTION_WORDS or len(low) < 2:
                    continue
                term = lemma(word)
                # Verbs that only attribute ("said", "according to") tie any two
                # statements of any story together.
                if term in FUNCTION_WORDS or term in ATTRIBUTING:
                    continue
                terms.append(term)
                if record:
                    term_spans.append(Span(*match.span()))
            if found is None:
                break
            piece_start = found.end()

    for mention in mentions:
        entity = entities.get(mention.entity_id)
        start = mention.span.start
        if entity is not None and entity.type is EntityType.PERSON:
            start = max(position, _title_start(text, position, start))
        if start > position:
            words(position, start)
        terms.append("@" + mention.entity_id)
        if record:
            term_spans.append(mention.span)
        if entity is not None and entity.type is EntityType.PLACE:
            places.add(mention.entity_id)
            if record:
                specifics.append(Specific("place", mention.entity_id, mention.span))
        position = max(position, mention.span.end)
    words(position, span.end)
    return StatementTerms(
        terms=tuple(terms),
        clause_ends=(*clause_ends, len(terms))
        if not clause_ends or clause_ends[-1] < len(terms)
        else tuple(clause_ends),
        numbers=_frozen(numbers),
        months=_frozen(months),
        weekdays=_frozen(weekdays),
        places=_frozen(places),
    )


# Most statements name no number, month, weekday or place: one shared empty set for
# all of them. Each empty frozenset is its own 216-byte object, and four per statement
# were over half of a statement's terms in memory (1,320 bytes, 580 shared).
_NONE: frozenset[str] = frozenset()


def _frozen(found) -> frozenset[str]:
    return frozenset(found) if found else _NONE


def _month(word: str) -> str | None:
    # Capitalised only: "may" and "march" are also verbs.
    if not word[:1].isupper():
        return None
    month = calendar_names.month_of(word)
    return month.lower() if month else None


def _title_start(text: str, floor: int, name_start: int) -> int:
    """Where a title run ("Russian Foreign Minister ") before a name begins."""
    start = name_start
    taken = 0
    for match in reversed(list(re.finditer(r"\S+", text[floor:name_start]))):
        word = match.group()
        if not (word[0].isupper() or word in _TITLE_JOINERS) or not word.isalpha():
            break
        taken += 1
        if taken > _MAX_TITLE_WORDS:
            break
        start = floor + match.start()
    # A title begins with a capital: "of State" alone is not one.
    while start < name_start and not text[start].isupper():
        start = text.index(" ", start) + 1
    return start
