"""Why a link was made, as the reader sees it: the names and words both statements
share, and the specifics that conflict (from `CrossReference.why`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.content import Content

from reader.model import Span, Statement
from reader.tui import display

if TYPE_CHECKING:  # the engine's modules are imported when links are explained
    from reader.tui.widgets.link_list import CopiesRow
    from reader.xref.why import Conflict, Why

SHARED_ENTITY = "bold underline"
SHARED_WORD = "underline"
CONFLICT = "bold italic reverse"

NAMES_SHOWN = 6
WORDS_SHOWN = 10
OUTLETS_SHOWN = 40  # of the outlets that carried a copied statement


def _listed(items: Sequence[str], limit: int) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def _values(conflict: Conflict, side: str, text: str) -> str:
    specifics = conflict.source if side == "source" else conflict.target
    return ", ".join(dict.fromkeys(text[s.span.start : s.span.end] for s in specifics)) or "—"


def why_lines(why: Why, source_text: str, target_text: str) -> Content:
    """Shared names (by catalogue name, however each spells them), shared words, and
    the conflicts that lowered the score. `*_text` are the two articles' texts."""
    lines = []
    if names := [term.term for term in why.entities]:
        lines.append(
            Content.assemble(
                ("Both name ", "italic"),
                (display.literal(_listed(names, NAMES_SHOWN)), SHARED_ENTITY),
            )
        )
    if words := list(dict.fromkeys(term.shown for term in why.words)):
        lines.append(
            Content.assemble(
                ("Shared words ", "italic"),
                (display.literal(_listed(words, WORDS_SHOWN)), SHARED_WORD),
            )
        )
    for conflict in why.conflicts:
        lines.append(
            Content.assemble(
                (f"Conflicting {conflict.kind}s ", "italic"),
                (display.literal(_values(conflict, "source", source_text)), CONFLICT),
                " here, ",
                (display.literal(_values(conflict, "target", target_text)), CONFLICT),
                " there",
            )
        )
    if why.conflicts:
        lines.append(Content.styled(f"(the score is × {why.score_factor:g} for them)", "italic"))
    return Content("\n").join(lines) if lines else Content("Nothing shared is recorded.")


def statement_marks(
    why: Why, statement: Statement, side: str
) -> tuple[list[Span], list[Span], list[Span]]:
    """Spans, relative to `statement`'s text, of its shared names, shared words and
    conflicting specifics."""
    start = statement.span.start

    def relative(spans: Sequence[Span]) -> list[Span]:
        return [Span(s.start - start, s.end - start) for s in spans]

    def of(term_spans: Sequence[Sequence[Span]]) -> list[Span]:
        return [span for spans in term_spans for span in relative(spans)]

    pick = (lambda t: t.source) if side == "source" else (lambda t: t.target)
    names = of([pick(t) for t in why.entities])
    words = of([pick(t) for t in why.words])
    conflicts = relative([s.span for c in why.conflicts for s in pick(c)])
    return names, words, conflicts


def entity_names(why: Why, statement: Statement, side: str) -> list[tuple[Span, str]]:
    """(span in the statement's text, entity id) of each shared name: for the word diff,
    so that two spellings of one entity are that entity under another name."""
    start = statement.span.start
    found = []
    for term in why.entities:
        if term.entity_id is None:
            continue
        for span in term.source if side == "source" else term.target:
            found.append((Span(span.start - start, span.end - start), term.entity_id))
    return found


def copies_lines(copies: CopiesRow) -> Content:
    """What the copies row stands for: the outlets that carried the statement word for
    word (most copies first), and why they are one row and not links."""
    return Content.assemble(
        ("Carried word for word ", "italic"),
        "(case, punctuation, inflection and name spellings aside) by ",
        (display.literal(copies.outlets(OUTLETS_SHOWN)), "bold"),
        ". ",
        ("Copies are one statement: scored once, counted once per outlet in coverage.", "italic"),
    )
