"""Exact-text selectors resolved to character offsets.

Annotations quote the words they point at (like the W3C TextQuoteSelector) instead of
storing offsets, so a file stays readable, survives edits elsewhere in the text, and a
typo is caught rather than silently pointing at the wrong words.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from reader.model import Span


@dataclass(frozen=True, slots=True)
class Selector:
    exact: str
    prefix: str = ""
    suffix: str = ""
    occurrence: int | None = None  # 1-based, among matches left after prefix/suffix


@dataclass(frozen=True, slots=True)
class NotFound:
    closest: str | None  # the passage most like `exact`, if any is close
    closest_start: int | None
    score: float


@dataclass(frozen=True, slots=True)
class NoSuchOccurrence:
    """`occurrence` asks for a match that is not there (0, negative, or past the last)."""

    occurrence: int
    count: int  # how many places match


@dataclass(frozen=True, slots=True)
class Ambiguous:
    count: int  # how many places match
    starts: tuple[int, ...]


def find_all(text: str, exact: str) -> list[int]:
    """Start offsets of every occurrence, overlapping ones included."""
    starts = []
    start = text.find(exact)
    while start != -1:
        starts.append(start)
        start = text.find(exact, start + 1)
    return starts


@functools.lru_cache(maxsize=256)
def matching_starts(text: str, exact: str, prefix: str = "", suffix: str = "") -> tuple[int, ...]:
    """Start offsets of `exact` in `text` with `prefix` right before and `suffix` right
    after, in order. Memoised: a long block with thousands of annotations asks the
    same question for each (scanning it each time made loading quadratic); Python
    keeps a string's hash, so a repeat costs a lookup."""
    return tuple(
        s
        for s in find_all(text, exact)
        if s >= len(prefix)
        and text.startswith(prefix, s - len(prefix))
        and text.startswith(suffix, s + len(exact))
    )


def resolve_anchor(text: str, selector: Selector) -> Span | NotFound | Ambiguous | NoSuchOccurrence:
    """Where `selector` points in `text`, or why it points nowhere in particular."""
    if not selector.exact:
        return NotFound(None, None, 0.0)
    starts = matching_starts(text, selector.exact, selector.prefix, selector.suffix)
    if selector.occurrence is not None:
        if 1 <= selector.occurrence <= len(starts):
            start = starts[selector.occurrence - 1]
            return Span(start, start + len(selector.exact))
        if starts:
            return NoSuchOccurrence(selector.occurrence, len(starts))
    if len(starts) == 1:
        return Span(starts[0], starts[0] + len(selector.exact))
    if starts:
        return Ambiguous(len(starts), starts)
    return closest_passage(text, selector.exact)


def closest_passage(text: str, exact: str, min_score: float = 60.0) -> NotFound:
    """The passage of `text` most like `exact`, for a "did you mean" hint."""
    from rapidfuzz import fuzz

    if not text:
        return NotFound(None, None, 0.0)
    alignment = fuzz.partial_ratio_alignment(exact, text)
    if alignment is None or alignment.score < min_score:
        return NotFound(None, None, alignment.score if alignment else 0.0)
    passage = text[alignment.dest_start : alignment.dest_end]
    return NotFound(passage, alignment.dest_start, alignment.score)
