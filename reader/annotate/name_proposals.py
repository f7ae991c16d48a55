"""One page's new names: candidates resolved to known entities when they are spellings
of a catalogued name ("Sergej Lavrov", "Sergei Lavroff"), else proposed. The main
process groups the proposals of the whole collection (reader.annotate.name_clusters)
and adds them to the catalogue before the articles are annotated, so that every
article's mentions and quote speakers can use every name found anywhere."""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from reader.annotate.draft import DraftBlock
from reader.annotate.fuzzy_names import name_runs
from reader.annotate.new_names import NameCandidate, find_new_names
from reader.language.transliteration import name_key, same_name
from reader.model import Entity, EntityType


@dataclass
class Proposal:
    name: str
    type: EntityType
    aliases: list[str]
    cue: str
    line: int


@dataclass
class NameFindings:
    variants: list[tuple[str, str, int]] = field(default_factory=list)  # entity, alias, line
    proposals: list[Proposal] = field(default_factory=list)


def find_names(body: list[DraftBlock], entities: dict[str, Entity]) -> NameFindings:
    findings = NameFindings()
    owners = {alias: e.id for e in entities.values() for alias in e.aliases}
    by_key: dict[str, str] = {}
    for entity in entities.values():
        for alias in entity.aliases:
            if " " in alias:  # one word is too little to call two spellings one name
                by_key.setdefault(name_key(alias), entity.id)
    taken_aliases = set(owners)
    types = {e.id: e.type for e in entities.values()}

    def variant(entity_id: str, text: str, line: int) -> None:
        if text not in taken_aliases:
            taken_aliases.add(text)
            findings.variants.append((entity_id, text, line))

    for block in body:
        for start, end in _spelling_windows(block.text):
            words = block.text[start:end]
            if words not in owners and name_key(words) in by_key:
                variant(by_key[name_key(words)], words, block.line)
    proposals: dict[str, Proposal] = {}
    for block in body:
        taken = [(m.start, m.end) for m in block.mentions]
        for candidate in find_new_names(block.text, taken):
            _place(candidate, block.line, by_key, owners, proposals, variant, taken_aliases, types)
    findings.proposals = list(proposals.values())
    return findings


def _spelling_windows(text: str) -> list[tuple[int, int]]:
    """Runs of two or three capitalised words: where a known name may be spelt otherwise
    ("Sergej Lavrov", "Sergei Lavroff"), longest first, not overlapping."""
    found: list[tuple[int, int]] = []
    for run in name_runs(text):
        for size in (3, 2):
            for i in range(len(run) - size + 1):
                start, end = run[i].start(), run[i + size - 1].end()
                if text[end - 1] == ".":
                    end -= 1
                if not any(s < end and start < e for s, e in found):
                    found.append((start, end))
    return found


def _place(
    candidate: NameCandidate,
    line: int,
    by_key: dict[str, str],
    owners: dict[str, str],
    proposals: dict[str, Proposal],
    variant,
    taken_aliases: set[str],
    types: dict[str, EntityType],
) -> None:
    text = candidate.text
    if text in owners:
        return
    if candidate.cue == "honorific":  # "Mr Lavrov": whoever has that surname
        surname = text.split()[-1]
        if surname in owners and types.get(owners[surname]) is EntityType.PERSON:
            variant(owners[surname], text, line)
            return
        for proposal in proposals.values():
            if proposal.type is EntityType.PERSON and surname in proposal.aliases:
                if text not in taken_aliases:
                    proposal.aliases.append(text)
                    taken_aliases.add(text)
                return
    key = name_key(text)
    if key in by_key:
        variant(by_key[key], text, line)
        return
    close = process.extractOne(key, list(by_key), scorer=fuzz.ratio, score_cutoff=85)
    if close is not None and same_name(text, close[0]):
        if candidate.type is EntityType.PERSON and types.get(by_key[close[0]]) is candidate.type:
            variant(by_key[close[0]], text, line)  # "Sergei Lavroff"
        return  # another spelling of a known body: left to the near-spelling notes
    for proposal in proposals.values():
        if candidate.same_as in proposal.aliases or (
            proposal.type is candidate.type and any(same_name(text, a) for a in proposal.aliases)
        ):
            if text not in taken_aliases:
                proposal.aliases.append(text)
                taken_aliases.add(text)
            return
    aliases = [text]
    taken_aliases.add(text)
    if candidate.type is EntityType.PERSON:
        surname = text.split()[-1]
        if len(surname) > 3 and surname not in taken_aliases:
            aliases.append(surname)  # "Hijab said" after "leader Riyad Hijab"
            taken_aliases.add(surname)
    proposals[key] = Proposal(text, candidate.type, aliases, candidate.cue, line)
