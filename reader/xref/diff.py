"""What one outlet's wording changed: the aligned passage and a word-level diff."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from reader.model import Link, Span

if TYPE_CHECKING:
    from reader.xref.why import Why

_WORD = re.compile(r"\S+")
_EDGE_PUNCTUATION = "\"'\u201c\u201d\u2018\u2019.,;:!?()[]\u2013\u2014-"


class DiffTag(StrEnum):
    """What a step of the word diff does: difflib's four, and one more for a name."""

    EQUAL = "equal"
    REPLACE = "replace"
    INSERT = "insert"  # words only the second text has
    DELETE = "delete"  # words only the first text has
    # Two spellings of one entity ("Jabhat Fateh al-Sham", "Jabhat al-Nusra"; "Sergei
    # Lavrov", "Lavrov") are one entity under another name, not changed words.
    ALIAS = "alias"


@dataclass(frozen=True, slots=True)
class DiffOp:
    """One step of the word diff; spans are offsets into the two statement texts."""

    tag: DiffTag
    a_span: Span
    b_span: Span


Names = Sequence[tuple[Span, str]]  # (span in the text, entity id) of entity mentions


@dataclass(frozen=True, slots=True)
class _Words:
    keys: list[str]  # what is compared: a word, or "@id" for a whole mention
    surfaces: list[str]  # how it is written, without case or edge marks
    spans: list[Span]


def _words(text: str, names: Names = ()) -> _Words:
    """The words of `text`; the words of one entity mention become one word."""
    # The widest name first, so a name inside a longer one ("Russia" in "Russia's
    # foreign minister") goes with the longer.
    ordered = sorted(names, key=lambda n: (n[0].start, -n[0].end))
    words = _Words([], [], [])
    held = None  # the name the last word belonged to
    for match in _WORD.finditer(text):
        key = match.group().strip(_EDGE_PUNCTUATION).lower().replace("\u2019", "'")
        key = key or match.group()
        span = Span(match.start(), match.end())
        name = next((n for n in ordered if n[0].overlaps(span)), None)
        if name is not None and name is held:
            words.surfaces[-1] += " " + key
            continue
        held = name
        words.keys.append(key if name is None else "@" + name[1])
        words.surfaces.append(key)
        # A mention's step covers the name, not the marks around it ("al-Sham.").
        words.spans.append(span if name is None else name[0])
    return words


def _cover(spans: list[Span], start: int, end: int) -> Span:
    if start < end:
        return Span(spans[start].start, spans[end - 1].end)
    # The empty side of an insert or delete sits where the other side goes in.
    if start < len(spans):
        return Span(spans[start].start, spans[start].start)
    offset = spans[-1].end if spans else 0
    return Span(offset, offset)


def word_diff(a: str, b: str, a_names: Names = (), b_names: Names = ()) -> list[DiffOp]:
    """The word-level edit from `a` to `b`; words compare without case or edge marks.

    `a_names`, `b_names`: entity mentions in each text, as (span, entity id). A mention
    counts as one word, its entity: the same entity spelt another way is an alias
    step (DiffTag.ALIAS), not a replacement.
    """
    from rapidfuzz.distance import Levenshtein

    one, other = _words(a, a_names), _words(b, b_names)
    ops: list[DiffOp] = []
    for op in Levenshtein.opcodes(one.keys, other.keys):
        if op.tag != DiffTag.EQUAL:
            ops.append(
                DiffOp(
                    DiffTag(op.tag),
                    _cover(one.spans, op.src_start, op.src_end),
                    _cover(other.spans, op.dest_start, op.dest_end),
                )
            )
            continue
        # An equal run holds alias steps where the two spellings differ.
        start = op.src_start
        shift = op.dest_start - op.src_start
        for i in range(op.src_start, op.src_end + 1):
            alias = i < op.src_end and one.surfaces[i] != other.surfaces[i + shift]
            if i == op.src_end or alias:
                if i > start:
                    ops.append(
                        DiffOp(
                            DiffTag.EQUAL,
                            _cover(one.spans, start, i),
                            _cover(other.spans, start + shift, i + shift),
                        )
                    )
                if alias:
                    ops.append(DiffOp(DiffTag.ALIAS, one.spans[i], other.spans[i + shift]))
                start = i + 1
    return ops


def link_diff(link: Link, why: Why) -> list[DiffOp]:
    """The word diff of a link's two statements, each entity both name taken as one
    word (`why` is `CrossReference.why(link)`); spans are statement offsets."""

    def names(statement, side: str) -> list[tuple[Span, str]]:
        base = statement.span.start
        return [
            (Span(span.start - base, span.end - base), term.entity_id or term.term)
            for term in why.entities
            for span in getattr(term, side)
        ]

    return word_diff(
        link.source.text,
        link.target.text,
        names(link.source, "source"),
        names(link.target, "target"),
    )


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
