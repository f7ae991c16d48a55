"""New names across a collection: each page's proposal joins the proposed entity it is
a spelling of (rapidfuzz, through reader.annotate.name_variants), or starts one; the
catalogue gets them all, marked proposed, before any article is annotated."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reader.annotate.catalogue import add_aliases, add_entities
from reader.annotate.existing import slug
from reader.annotate.name_proposals import NameFindings
from reader.annotate.new_names import DATELINE_CUE
from reader.language.transliteration import name_key, same_name
from reader.model import Entity, EntityType


@dataclass
class Cluster:
    id: str
    name: str
    type: EntityType
    aliases: list[str]
    first_seen: str = ""
    cue: str = ""
    written: bool = True  # already in entities.yaml


@dataclass
class NameRegistry:
    entities: dict[str, Entity]
    owner: dict[str, str] = field(default_factory=dict)  # alias -> entity id
    clusters: dict[str, Cluster] = field(default_factory=dict)  # proposed entities
    by_last_word: dict[str, list[str]] = field(default_factory=dict)
    pending_aliases: list[tuple[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        for entity in self.entities.values():
            for alias in entity.aliases:
                self.owner.setdefault(alias, entity.id)
            if entity.status == "proposed":
                self._index(Cluster(entity.id, entity.name, entity.type, list(entity.aliases)))

    def _index(self, cluster: Cluster) -> None:
        self.clusters[cluster.id] = cluster
        words = name_key(cluster.name).split()
        if words:
            self.by_last_word.setdefault(words[-1], []).append(cluster.id)

    def add(self, findings: NameFindings, source: str) -> None:
        """Take one page's findings: spellings of known names, and new names."""
        for entity_id, alias, _ in findings.variants:
            self._alias(entity_id, alias)
        for proposal in findings.proposals:
            target = self._find(proposal.name, proposal.type, proposal.aliases)
            if target is None:
                target = self._new_id(proposal.name)
                self._index(
                    Cluster(
                        target,
                        proposal.name,
                        proposal.type,
                        [],
                        first_seen=f'raw/{source} line {proposal.line}: "{proposal.name}" '
                        f'after "{proposal.cue}"',
                        cue=proposal.cue,
                        written=False,
                    )
                )
            for alias in proposal.aliases:
                self._alias(target, alias)

    def _find(self, name: str, kind: EntityType, aliases: list[str]) -> str | None:
        for alias in aliases[:1]:
            if alias in self.owner:
                return self.owner[alias]
        words = name_key(name).split()
        for cluster_id in self.by_last_word.get(words[-1] if words else "", []):
            cluster = self.clusters[cluster_id]
            if cluster.type is kind and same_name(name, cluster.name):
                return cluster_id
        if len(words) > 1:  # "Riad Hijab" when "Riyad Hijab" is in: the last word differs
            for cluster in self.clusters.values():
                if cluster.type is kind and same_name(name, cluster.name):
                    return cluster.id
        return None

    def _new_id(self, name: str) -> str:
        base = slug(name) or "entity"
        candidate, n = base, 1
        while candidate in self.entities or candidate in self.clusters:
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    def _alias(self, entity_id: str, alias: str) -> None:
        if alias in self.owner:
            return
        self.owner[alias] = entity_id
        cluster = self.clusters.get(entity_id)
        if cluster is not None and not cluster.written:
            cluster.aliases.append(alias)
        else:
            self.pending_aliases.append((entity_id, alias))

    def write(self, catalogue: Path) -> list[str]:
        """Put what is pending into the catalogue; the names of the new entities."""
        new = [c for c in self.clusters.values() if not c.written]
        entries: list[dict[str, object]] = [
            {
                "id": c.id,
                "name": catalogue_name(c),
                "type": c.type.value,
                "aliases": c.aliases,
                "description": f'Found by reader import ("{c.cue} {c.name}").',
                "status": "proposed",
                "first_seen": c.first_seen,
            }
            for c in new
        ]
        added = set(add_entities(catalogue, entries)) if entries else set()
        for cluster in new:
            cluster.written = cluster.id in added
        if self.pending_aliases:
            add_aliases(catalogue, self.pending_aliases)
            self.pending_aliases = []
        return [catalogue_name(c) for c in new if c.written]


def catalogue_name(cluster: Cluster) -> str:
    """The name a proposed entity is catalogued under. A name first seen set in
    capitals (a dateline's "BEIRUT", "NEW YORK") is the page's typography, not the
    name: a spelling of it in mixed case, if the collection printed one, else its
    words capitalised. Acronyms are left as they are ("ISSG": found as acronyms or
    defined, never by the dateline cue)."""
    if not cluster.name.isupper() or cluster.cue != DATELINE_CUE:
        return cluster.name
    mixed = next((a for a in cluster.aliases if not a.isupper()), None)
    if mixed is not None:
        return mixed
    return " ".join("-".join(p.capitalize() for p in w.split("-")) for w in cluster.name.split())
