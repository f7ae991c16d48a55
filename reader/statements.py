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

import bisect
import itertools
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
    """The article's statements, in text order, each with its span in `article.text`."""
    blocks = _body_blocks(article)
    quotes = _quotation_spans(article)
    index = _SortedSpans([q for q, _ in quotes])
    units: list[tuple[Span, str | None]] = []
    for block in blocks:
        units.extend(_segment_block(article.text, block, quotes, index))
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


def _quotation_spans(article: Article) -> list[tuple[Span, str | None]]:
    """Quotations that stand as units: annotated direct quotes, else long quoted runs."""
    annotated = [q for q in article.quotes if q.kind is not QuoteKind.SCARE]
    units: list[tuple[Span, str | None]] = [
        (q.span, q.id) for q in annotated if q.kind is QuoteKind.DIRECT
    ]
    taken = _SortedSpans(sorted((q.span for q in annotated), key=lambda span: span.start))
    for match in _QUOTED.finditer(article.text):
        inner = Span(match.start() + 1, match.end() - 1)
        if taken.any_overlapping(inner):
            continue
        words = len(_WORD.findall(article.text, inner.start, inner.end))
        multi = _SENTENCE_INSIDE.search(article.text, inner.start, inner.end)
        if words >= _MIN_QUOTE_WORDS or multi:
            units.append((inner, None))
    return sorted(units, key=lambda unit: unit[0].start)


def _segment_block(
    text: str,
    block: Span,
    quotes: Sequence[tuple[Span, str | None]],
    index: _SortedSpans,
) -> Iterable[tuple[Span, str | None]]:
    start = strip_dateline(text, block.start, block.end)
    candidates = range(index.first_reaching_past(block.start), index.before(block.end))
    inside = [quotes[k] for k in candidates if quotes[k][0].overlaps(block)]
    spans = _SortedSpans([q for q, _ in inside])
    # A sentence cut inside a quotation goes; a quotation's own edges are cuts unless a
    # quotation after it (in order of start) covers them. Bisections over the sorted
    # quotations, not a pass over all cuts for each one: a long block with thousands
    # of quotations stays linear.
    cuts = {
        c
        for c in {s.start for s in sentence_spans(text, start, block.end)} | {block.end}
        if not spans.strictly_inside_any(c)
    }
    for k, (quote, _) in enumerate(inside):
        for edge in (max(quote.start, start), min(quote.end, block.end)):
            if not spans.strictly_inside_any_after(edge, k):
                cuts.add(edge)
    ordered = sorted(c for c in cuts if start <= c <= block.end)
    for left, right in zip([start, *ordered], ordered, strict=False):
        span = _trim(text, left, right)
        if span is None:
            continue
        k = spans.first_reaching_past(span.start)  # the first quotation ending after it
        holds = k < len(inside) and inside[k][0].start <= span.start
        yield span, inside[k][1] if holds else None


class _SortedSpans:
    """Spans sorted by start, with the furthest end reached so far at each: which of
    them hold or overlap an offset is then a bisection, not a scan."""

    def __init__(self, spans: list[Span]):
        self.spans = spans
        self.starts = [span.start for span in spans]
        self.reach = list(itertools.accumulate((span.end for span in spans), max))

    def before(self, offset: int) -> int:
        """How many spans start before `offset`."""
        return bisect.bisect_left(self.starts, offset)

    def first_reaching_past(self, offset: int) -> int:
        """The index of the first span that ends after `offset` (len when none does)."""
        return bisect.bisect_right(self.reach, offset)

    def any_overlapping(self, span: Span) -> bool:
        return self.first_reaching_past(span.start) < self.before(span.end)

    def strictly_inside_any(self, offset: int) -> bool:
        return self.first_reaching_past(offset) < self.before(offset)

    def strictly_inside_any_after(self, offset: int, index: int) -> bool:
        """Whether a span after the `index`-th one holds `offset` strictly inside."""
        for k in range(index + 1, self.before(offset)):
            if self.spans[k].end > offset:
                return True
        return False


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
