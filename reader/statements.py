"""Segmentation of an article body into statements.

A statement is a sentence, or a quotation standing as a unit of its own: when a
quotation covers only part of a sentence ("..., saying, "The Americans are on our
side."") or runs over several sentences, the quotation is one statement and what is
left of the sentences around it (the attribution, "he added.") is another. Statements
never overlap, and each keeps its span in `Article.text`.

Sentence boundaries come from syntok (reader.language.sentence_spans), which gets
abbreviations (U.S., Mr, Sept., Feb.) and quotations that end a sentence right; the
rules here handle what it does not: datelines ("ATHENS, November 2. /TASS/.") and
quotations.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from reader.language import MONTH_PATTERN, sentence_spans
from reader.model import Article, BlockKind, Quote, QuoteKind, Span, Statement

# Blocks that carry no claim of their own.
_NOT_STATEMENTS = frozenset({BlockKind.DATELINE, BlockKind.BYLINE, BlockKind.CHROME})

# A dateline opening a paragraph: an optional place, an optional date, then an agency
# that closes itself ("/TASS/.") or is followed by a dash ("SANA -", "(Reuters) -").
# Requiring the closing mark keeps "Russia, US, Saudi Arabia ..." a sentence.
_DATELINE = re.compile(
    rf"""
    (?:[A-Z][\w'.-]*(?:\s[A-Z][\w'.-]*){{0,3}},?\s)?      # place
    (?:{MONTH_PATTERN}\s\d{{1,2}}(?:,\s\d{{4}})?\.?\s?)?      # date
    (?:/[A-Z][\w-]*/\.?                                    # /TASS/.
      |(?:\([A-Z][\w-]*\)|[A-Z]{{2,}}\w*)\s*[\u2013\u2014-]  # SANA -, (EIRNS)-
    )\s*(?=[A-Z"\u201c\u2018'])""",
    re.VERBOSE,
)

# Quotation marks that open and close a quotation: straight double quotes are
# paired in order; curly ones by their direction.
_QUOTED = re.compile(r"\u201c[^\u201c\u201d]*\u201d|\"[^\"]*\"|\u00ab[^\u00ab\u00bb]*\u00bb")
# A quotation found by its marks becomes a unit only when it reads as speech, not as a
# few quoted words inside the outlet's sentence (partial or scare quotes).
_MIN_QUOTE_WORDS = 8
_SENTENCE_INSIDE = re.compile(r"[.!?]\s+\S")
_EDGE = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb,;: \t\n\u00a0-\u2013\u2014"
_WORD = re.compile(r"\w+")


def segment_article(article: Article) -> list[Statement]:
    """The article's statements, in text order, each with its span in `article.text`.

    Time linear in the article's length: blocks and statements find the quotations
    they overlap by bisection (_Overlapping), never by scanning all of them."""
    blocks = _body_blocks(article)
    quotes = _Overlapping(_quotation_spans(article))
    units: list[tuple[Span, str | None]] = []
    for block in blocks:
        units.extend(_segment_block(article.text, block, quotes.overlapping(block)))
    return [
        Statement(article.id, i, span, article.text[span.start : span.end], quote_id)
        for i, (span, quote_id) in enumerate(units)
    ]


def strip_dateline(text: str, start: int, end: int) -> int:
    """Where the paragraph's first sentence starts once a leading dateline is skipped."""
    match = _DATELINE.match(text, start, end)
    return match.end() if match else start


def _body_blocks(article: Article) -> list[Span]:
    if article.paragraphs:
        return [p.span for p in article.paragraphs if p.kind not in _NOT_STATEMENTS]
    blocks, offset = [], 0
    for chunk in re.split(r"(\n\s*\n)", article.text):
        if chunk.strip() and not chunk.isspace():
            blocks.append(Span(offset, offset + len(chunk)))
        offset += len(chunk)
    return blocks


class _Overlapping:
    """Spans (each with a value), sorted by start, found by the span they overlap."""

    def __init__(self, items: Iterable[tuple[Span, str | None]]):
        self.items = sorted(items, key=lambda item: item[0].start)
        self._starts = [span.start for span, _ in self.items]
        # the furthest end among the spans up to each one: where looking back can stop
        self._reach: list[int] = []
        for span, _ in self.items:
            self._reach.append(max(span.end, self._reach[-1] if self._reach else span.end))

    def overlapping_numbers(self, span: Span) -> list[int]:
        """The positions of the spans overlapping `span`, in order of start."""
        import bisect

        found = []
        n = bisect.bisect_left(self._starts, span.end) - 1
        while n >= 0 and self._reach[n] > span.start:
            if self.items[n][0].overlaps(span):
                found.append(n)
            n -= 1
        return found[::-1]

    def overlapping(self, span: Span) -> list[tuple[Span, str | None]]:
        return [self.items[n] for n in self.overlapping_numbers(span)]


def _quotation_spans(article: Article) -> list[tuple[Span, str | None]]:
    """Quotations that stand as units: annotated direct quotes, else long quoted runs."""
    annotated = [q for q in article.quotes if q.kind is not QuoteKind.SCARE]
    units: list[tuple[Span, str | None]] = [
        (q.span, q.id) for q in annotated if q.kind is QuoteKind.DIRECT
    ]
    known = _Overlapping((q.span, None) for q in annotated)
    for match in _QUOTED.finditer(article.text):
        inner = Span(match.start() + 1, match.end() - 1)
        if known.overlapping_numbers(inner):
            continue
        words = len(_WORD.findall(article.text, inner.start, inner.end))
        multi = _SENTENCE_INSIDE.search(article.text, inner.start, inner.end)
        if words >= _MIN_QUOTE_WORDS or multi:
            units.append((inner, None))
    return sorted(units, key=lambda unit: unit[0].start)


def _segment_block(
    text: str, block: Span, inside: Sequence[tuple[Span, str | None]]
) -> Iterable[tuple[Span, str | None]]:
    """The block's statements; `inside` are the quotations overlapping it, by start.

    A sentence boundary inside a quotation goes; each quotation's own edges are
    boundaries unless a quotation after it (by start) encloses them. Boundaries are
    checked against the quotations they fall in only, found by bisection: a block of
    thousands of sentences and quotations is not quadratic."""
    start = strip_dateline(text, block.start, block.end)
    quotes = _Overlapping(inside)  # `inside` is sorted by start: the same positions

    def enclosed(edge: int, after: int = -1) -> bool:
        return any(
            n > after and quotes.items[n][0].start < edge
            for n in quotes.overlapping_numbers(Span(edge, edge + 1))
        )

    sentences = {s.start for s in sentence_spans(text, start, block.end)} | {block.end}
    cuts = {c for c in sentences if not enclosed(c)}
    for number, (quote, _) in enumerate(quotes.items):
        for edge in (max(quote.start, start), min(quote.end, block.end)):
            if not enclosed(edge, after=number):
                cuts.add(edge)
    ordered = sorted(c for c in cuts if start <= c <= block.end)
    for left, right in zip([start, *ordered], ordered, strict=False):
        span = _trim(text, left, right)
        if span is None:
            continue
        holding = quotes.overlapping(Span(span.start, span.start + 1))
        yield span, (holding[0][1] if holding else None)


def _trim(text: str, start: int, end: int) -> Span | None:
    """The piece without the marks and spaces at its edges; None when no word is left."""
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    if not _WORD.search(text, start, end):
        return None
    return Span(start, end)


def statement_at(statements: Sequence[Statement], offset: int) -> Statement | None:
    """The statement whose span holds `offset` (statements are in text order)."""
    import bisect

    i = bisect.bisect_right([s.span.start for s in statements], offset) - 1
    if i >= 0 and statements[i].span.contains(offset):
        return statements[i]
    return None


def quote_covering(article: Article, span: Span) -> Quote | None:
    """The annotated quote that covers most of `span`, if one covers at least half."""
    best, best_overlap = None, 0
    for quote in article.quotes:
        overlap = min(quote.span.end, span.end) - max(quote.span.start, span.start)
        if overlap > best_overlap:
            best, best_overlap = quote, overlap
    if best is not None and best_overlap * 2 >= len(span):
        return best
    return None
