"""Sentence boundaries, with offsets, from syntok.

syntok gets abbreviations (U.S., Mr, Sept., Feb.) and quotations that end a sentence
right, which a list of stops and abbreviations does not; the one thing added here is
the closing quotation mark or bracket it leaves outside the sentence it closes.
"""

from __future__ import annotations

from reader.model import Span

_CLOSING_MARKS = '"\u201d\u2019)'


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """The sentences of `text[start:end]`, in order, as offsets into `text`.

    A sentence runs from its first token to its last, closing marks included; the
    white space between sentences belongs to none.
    """
    from syntok import segmenter

    end = len(text) if end is None else end
    spans = []
    for paragraph in segmenter.analyze(text[start:end]):
        for sentence in paragraph:
            tokens = list(sentence)
            if tokens:
                first, last = tokens[0], tokens[-1]
                spans.append(Span(start + first.offset, start + last.offset + len(last.value)))
    return [_with_closing_marks(text, span, end) for span in spans]


def _with_closing_marks(text: str, span: Span, limit: int) -> Span:
    # syntok leaves a closing quotation mark after the full stop outside the sentence.
    end = span.end
    while end < limit and text[end] in _CLOSING_MARKS:
        end += 1
    return Span(span.start, end)
