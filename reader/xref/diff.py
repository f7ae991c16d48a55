"""What one outlet's wording changed: the aligned passage and a word-level diff."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from reader.model import Span

_WORD = re.compile(r"\S+")
_EDGE_PUNCTUATION = "\"'\u201c\u201d\u2018\u2019.,;:!?()[]\u2013\u2014-"


class DiffTag(StrEnum):
    """What a step of the word diff does (rapidfuzz's opcode names)."""

    EQUAL = "equal"
    REPLACE = "replace"
    INSERT = "insert"  # words only the second text has
    DELETE = "delete"  # words only the first text has


@dataclass(frozen=True, slots=True)
class DiffOp:
    """One step of the word diff; spans are offsets into the two statement texts."""

    tag: DiffTag
    a_span: Span
    b_span: Span


def _words(text: str) -> tuple[list[str], list[Span]]:
    keys, spans = [], []
    for match in _WORD.finditer(text):
        key = match.group().strip(_EDGE_PUNCTUATION).lower().replace("\u2019", "'")
        keys.append(key or match.group())
        spans.append(Span(match.start(), match.end()))
    return keys, spans


def _cover(spans: list[Span], start: int, end: int) -> Span:
    if start < end:
        return Span(spans[start].start, spans[end - 1].end)
    # The empty side of an insert or delete sits where the other side goes in.
    if start < len(spans):
        return Span(spans[start].start, spans[start].start)
    offset = spans[-1].end if spans else 0
    return Span(offset, offset)


def word_diff(a: str, b: str) -> list[DiffOp]:
    """The word-level edit from `a` to `b`; words compare without case or edge marks."""
    from rapidfuzz.distance import Levenshtein

    a_keys, a_spans = _words(a)
    b_keys, b_spans = _words(b)
    ops: list[DiffOp] = []
    for op in Levenshtein.opcodes(a_keys, b_keys):
        ops.append(
            DiffOp(
                DiffTag(op.tag),
                _cover(a_spans, op.src_start, op.src_end),
                _cover(b_spans, op.dest_start, op.dest_end),
            )
        )
    return ops


def aligned_spans(a: str, b: str) -> tuple[Span, Span]:
    """The passages of `a` and `b` that align best (rapidfuzz's partial alignment).

    The shorter text is aligned with the best-matching window of the longer one, so a
    short quote inside a long sentence is found inside it.
    """
    from rapidfuzz import fuzz

    if not a or not b:
        return Span(0, len(a)), Span(0, len(b))
    swap = len(a) > len(b)
    short, long = (b, a) if swap else (a, b)
    found = fuzz.partial_ratio_alignment(short.lower(), long.lower())
    if found is None:
        return Span(0, len(a)), Span(0, len(b))
    short_span = Span(found.src_start, found.src_end)
    long_span = _widen_to_words(long, found.dest_start, found.dest_end)
    return (long_span, short_span) if swap else (short_span, long_span)


def _widen_to_words(text: str, start: int, end: int) -> Span:
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return Span(start, end)
