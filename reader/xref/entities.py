"""Entities across the corpus: who is mentioned where, and unknown spellings resolved."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from reader.model import Corpus

# An unknown spelling resolves to a catalogue entity only when one of its aliases is
# this close (rapidfuzz WRatio, 0..100): "Jabhat al Nusrah" finds "Jabhat al-Nusra".
ALIAS_CUTOFF = 85.0


@dataclass(frozen=True, slots=True)
class EntityCoverage:
    """How often one entity is mentioned, per article and per outlet."""

    entity_id: str
    name: str
    type: str
    by_article: dict[str, int]
    by_outlet: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_article.values())


def entity_coverage(corpus: Corpus) -> list[EntityCoverage]:
    """Every catalogued entity with its mention counts, most mentioned first."""
    by_article: dict[str, Counter[str]] = {e: Counter() for e in corpus.entities}
    by_outlet: dict[str, Counter[str]] = {e: Counter() for e in corpus.entities}
    for article in corpus.articles:
        for mention in article.mentions:
            if mention.entity_id not in by_article:
                by_article[mention.entity_id] = Counter()
                by_outlet[mention.entity_id] = Counter()
            by_article[mention.entity_id][article.id] += 1
            by_outlet[mention.entity_id][article.outlet_label] += 1
    rows = []
    for entity_id, counts in by_article.items():
        entity = corpus.entities.get(entity_id)
        rows.append(
            EntityCoverage(
                entity_id=entity_id,
                name=entity.name if entity else entity_id,
                type=entity.type.value if entity else "unknown",
                by_article=dict(counts),
                by_outlet=dict(by_outlet[entity_id]),
            )
        )
    rows.sort(key=lambda row: (-row.total, row.entity_id))
    return rows


def resolve_alias(
    name: str, corpus: Corpus, cutoff: float = ALIAS_CUTOFF
) -> tuple[str, float] | None:
    """The catalogue entity a spelling most likely names, with the match score.

    An exact alias scores 100. Otherwise the closest alias by rapidfuzz's WRatio over
    case-folded, hyphen-free forms, when it reaches `cutoff`.
    """
    from rapidfuzz import fuzz, process, utils

    aliases: list[str] = []
    owners: list[str] = []
    for entity in corpus.entities.values():
        for alias in dict.fromkeys((entity.name, *entity.aliases)):
            if alias == name:
                return entity.id, 100.0
            aliases.append(alias)
            owners.append(entity.id)
    if not aliases or not name.strip():
        return None

    def fold(text: str) -> str:
        return utils.default_process(text.replace("-", " "))

    found = process.extractOne(
        fold(name), [fold(a) for a in aliases], scorer=fuzz.WRatio, score_cutoff=cutoff
    )
    if found is None:
        return None
    _, score, position = found
    return owners[position], round(float(score), 1)
