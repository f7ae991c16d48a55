"""Why a link was made: the terms its two statements share, and what they disagree on.

Read from the scorer's own reading of each statement (`terms.located_terms`, the code
`terms_of_text` runs), so an explanation cannot name a term the score did not count or
miss one it did. An entity is one term however it is spelt ("Sergei Lavrov", "Lavrov",
"Russian Foreign Minister Sergey Lavrov" are all `@lavrov`): the explanation names it
once, by its catalogue name, with every spelling's span in each statement.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from reader.model import Entity, Span
from reader.xref.score import conflicts, is_entity
from reader.xref.settings import DEFAULT_SETTINGS, XrefSettings
from reader.xref.terms import LocatedTerms, Specific

ENTITY, WORD = "entity", "word"
# The scorer's names for the kinds of specifics (score.conflicts) and the kind of one.
_SPECIFIC_KIND = {"numbers": "number", "months": "month", "weekdays": "weekday", "places": "place"}


@dataclass(frozen=True, slots=True)
class SharedTerm:
    """A term both statements hold, with where each statement has it."""

    term: str  # an entity's catalogue name, or a word's lemma ("separate")
    kind: str  # ENTITY or WORD
    source: tuple[Span, ...]  # article offsets inside the source statement, text order
    target: tuple[Span, ...]  # the same in the target statement
    entity_id: str | None = None  # for an entity
    # How the source statement spells it, for showing: the lemmatiser's forms are not
    # always words ("promize"), and a reader looks for the words on the page.
    word: str = ""

    @property
    def shown(self) -> str:
        return self.word or self.term


@dataclass(frozen=True, slots=True)
class Conflict:
    """Specifics of one kind on which the statements disagree (they lower the score)."""

    kind: str  # "number" | "month" | "weekday" | "place"
    source: tuple[Specific, ...]  # the source statement's values of that kind, with spans
    target: tuple[Specific, ...]


@dataclass(frozen=True, slots=True)
class Why:
    """What a link rests on."""

    shared: tuple[SharedTerm, ...]  # in the order the source statement has them
    conflicts: tuple[Conflict, ...]
    conflict_factor: float = DEFAULT_SETTINGS.conflict_factor  # the scorer's (settings)

    @property
    def entities(self) -> tuple[SharedTerm, ...]:
        return tuple(t for t in self.shared if t.kind == ENTITY)

    @property
    def words(self) -> tuple[SharedTerm, ...]:
        return tuple(t for t in self.shared if t.kind == WORD)

    @property
    def score_factor(self) -> float:
        """What the conflicts multiplied the score by (1.0 without any)."""
        return self.conflict_factor if self.conflicts else 1.0


def explain(
    source: LocatedTerms,
    target: LocatedTerms,
    entities: Mapping[str, Entity],
    settings: XrefSettings = DEFAULT_SETTINGS,
    source_text: str = "",
) -> Why:
    """Why the statements read as `source` and `target` score as they do.
    `source_text` is the source article's text (for each word's spelling)."""
    theirs = target.terms.term_set
    shared = []
    for term in dict.fromkeys(source.terms.terms):
        if term not in theirs:
            continue
        if is_entity(term):
            entity_id = term[1:]
            entity = entities.get(entity_id)
            name = entity.name if entity is not None else entity_id
            shared.append(
                SharedTerm(name, ENTITY, source.spans_of(term), target.spans_of(term), entity_id)
            )
        else:
            spans = source.spans_of(term)
            word = source_text[spans[0].start : spans[0].end].lower() if source_text else ""
            shared.append(SharedTerm(term, WORD, spans, target.spans_of(term), word=word))
    found = []
    for kind in conflicts(source.terms, target.terms):
        one = _SPECIFIC_KIND[kind]
        mine = [s for s in source.specifics if s.kind == one]
        others = [s for s in target.specifics if s.kind == one]
        if one == "place":
            # Places conflict when each statement names one the other does not; the
            # places both name are shared terms, not the conflict.
            mine = [s for s in mine if s.value not in target.terms.places]
            others = [s for s in others if s.value not in source.terms.places]
        found.append(Conflict(one, tuple(mine), tuple(others)))
    return Why(tuple(shared), tuple(found), settings.conflict_factor)
