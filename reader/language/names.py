"""Names in text: catalogued aliases found as printed, and spellings close to them.

- `AliasMatcher` finds printed forms (a catalogue's aliases) in text: case-sensitive,
  whole words, the longest first, never overlapping ("Jabhat al-Nusra" is not read
  as "al-Nusra");
- `NearSpellings` resolves a spelling no alias has ("Jabhat al Nusrah") to the alias
  closest to it, when one is close enough;
- `NAME_PARTICLES` are the small words that join the parts of a name ("al", "bin",
  "von"), which a name keeps in lower case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from reader.model import Entity, Mention, Span

NAME_PARTICLES = frozenset("al el ad as ash abu bin ibn ben de del la le von van".split())


def is_name_particle(word: str) -> bool:
    """ "al", "Al", "bin": a particle, in either case (a name may open with one)."""
    return word.lower() in NAME_PARTICLES


def catalogue_aliases(entities: Iterable[Entity], *, with_names: bool = True) -> dict[str, str]:
    """Printed form -> entity id: every alias (and each entity's name, `with_names`);
    a form two entities share belongs to the first."""
    owners: dict[str, str] = {}
    for entity in entities:
        for alias in (entity.name, *entity.aliases) if with_names else entity.aliases:
            if alias:
                owners.setdefault(alias, entity.id)
    return owners


@dataclass(frozen=True, slots=True)
class AliasMatch:
    alias: str  # the printed form found
    entity_id: str  # its owner
    span: Span


class AliasMatcher:
    """Finds the printed forms of `owners` (form -> entity id) in text.

    With `glued_stops`, a form ending in a stop ("U.S.") is found even when the next
    word is glued to it, as on a page that lost its spaces ("U.S.To Stop"); a form
    ending in a letter never runs into a longer word.
    """

    def __init__(self, owners: Mapping[str, str], *, glued_stops: bool = True):
        self.owners = dict(owners)
        forms = sorted(self.owners, key=len, reverse=True)
        alternatives = [
            re.escape(f) + ("" if glued_stops and not f[-1].isalnum() else r"(?!\w)") for f in forms
        ]
        self._pattern = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + ")") if forms else None

    @classmethod
    def for_entities(
        cls, entities: Iterable[Entity], *, with_names: bool = True, glued_stops: bool = True
    ) -> AliasMatcher:
        owners = catalogue_aliases(entities, with_names=with_names)
        return cls(owners, glued_stops=glued_stops)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[AliasMatch]:
        """The forms in `text[start:end]`, in order; offsets are into `text`."""
        if self._pattern is None:
            return []
        end = len(text) if end is None else end
        return [
            AliasMatch(m.group(), self.owners[m.group()], Span(m.start(), m.end()))
            for m in self._pattern.finditer(text, start, end)
        ]

    def mentions(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """The forms found, as name mentions of their entities."""
        return [Mention(m.entity_id, m.span) for m in self.find(text, start, end)]


# A near spelling scores at least this against its alias (rapidfuzz's ratio over the
# folded forms, 0..100): "Jabhat al Nusrah" scores 97 against "Jabhat al-Nusra",
# "Ministry" 93 against "Minister", which is why callers that scan running text check
# that the near spelling is not another word.
NEAR_SPELLING_SCORE = 90.0


def folded(text: str) -> str:
    """A name without case, hyphens or runs of spaces: how spellings are compared."""
    return re.sub(r"[\s\-\u2010\u2011]+", " ", text).casefold().strip()


@dataclass(frozen=True, slots=True)
class NearSpelling:
    alias: str  # the catalogued form it is closest to
    entity_id: str
    score: float  # 0..100; 100 for a form that differs only in case or hyphens


class NearSpellings:
    """The aliases of `owners` (form -> entity id), folded once, to resolve spellings."""

    def __init__(self, owners: Mapping[str, str], min_score: float = NEAR_SPELLING_SCORE):
        self.min_score = min_score
        self._aliases = {folded(form): (form, entity_id) for form, entity_id in owners.items()}
        self._choices = list(self._aliases)

    def __bool__(self) -> bool:
        return bool(self._choices)

    def closest(self, spelling: str) -> NearSpelling | None:
        """The alias `spelling` is closest to, when it scores at least `min_score`."""
        from rapidfuzz import fuzz, process

        if not self._choices or not spelling.strip():
            return None
        found = process.extractOne(
            folded(spelling), self._choices, scorer=fuzz.ratio, score_cutoff=self.min_score
        )
        if found is None:
            return None
        form, entity_id = self._aliases[found[0]]
        return NearSpelling(form, entity_id, round(float(found[1]), 1))
