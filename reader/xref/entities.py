"""Entities across the corpus: who is mentioned where, and unknown spellings resolved."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from reader.language import NEAR_SPELLING_SCORE, NearSpellings, catalogue_aliases
from reader.model import Corpus


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
    name: str, corpus: Corpus, min_score: float = NEAR_SPELLING_SCORE
) -> tuple[str, float] | None:
    """The catalogue entity a spelling most likely names, with the match score.

    A catalogued form scores 100; another spelling resolves to the entity of the
    alias closest to it (reader.language.NearSpellings) when it scores `min_score`.
    """
    owners = catalogue_aliases(corpus.entities.values())
    if name in owners:
        return owners[name], 100.0
    found = NearSpellings(owners, min_score).closest(name)
    return (found.entity_id, found.score) if found else None
