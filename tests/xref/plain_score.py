"""The scorer as its docstring defines it, term by term for each pair: what the
engine's profiled scorer (score.StatementProfile, score_profiles) must equal. It is
the engine's code before the profiles, kept as the reference."""

from __future__ import annotations

from reader.model import LinkGrade
from reader.xref.score import (
    PairScore,
    TermWeights,
    _alike_in_size,
    claim_overlap,
    conflicts,
    is_entity,
)
from reader.xref.settings import DEFAULT_SETTINGS, XrefSettings
from reader.xref.terms import StatementTerms


def plain_weight(weights: TermWeights, terms) -> float:
    return sum(weights.idf.get(t, weights.unseen) for t in terms)


def plain_informative_count(weights: TermWeights, terms) -> int:
    return sum(1 for t in terms if weights.idf.get(t, weights.unseen) >= weights.informative)


def plain_score_pair(
    a: StatementTerms,
    b: StatementTerms,
    weights: TermWeights,
    settings: XrefSettings = DEFAULT_SETTINGS,
) -> PairScore:
    """The symmetric score and grade of two statements of different articles."""
    mine, theirs = a.term_set, b.term_set
    if len(mine) < settings.min_terms or len(theirs) < settings.min_terms:
        return PairScore(0.0, None, 0.0, ())
    shared = mine & theirs
    words_shared = plain_informative_count(weights, (t for t in shared if not is_entity(t)))
    if (
        plain_informative_count(weights, shared) < settings.min_shared
        or words_shared < settings.min_shared_words
    ):
        return PairScore(0.0, None, 0.0, ())
    overlap = _dice(mine, theirs, weights)
    disagree = conflicts(a, b)
    factor = settings.conflict_factor if disagree else 1.0
    score = 100.0 * _claim_overlap(mine, theirs, weights, settings.entity_share) * factor
    ratio = settings.same_size_ratio
    whole = overlap >= settings.same_overlap and _alike_in_size(
        plain_weight(weights, mine), plain_weight(weights, theirs), ratio
    )
    grade: LinkGrade | None
    if (
        not disagree
        and len(shared) >= settings.min_clause_terms
        and (whole or _best_clause(a, b, weights, settings) >= settings.same_clause)
    ):
        grade = LinkGrade.SAME
    elif score >= settings.related_score:
        grade = LinkGrade.RELATED
    else:
        grade = None
    return PairScore(round(score, 2), grade, overlap, disagree)


def _claim_overlap(
    mine: frozenset[str], theirs: frozenset[str], weights: TermWeights, entity_share: float
) -> float:
    my_entities = frozenset(filter(is_entity, mine))
    their_entities = frozenset(filter(is_entity, theirs))
    words = _dice(mine - my_entities, theirs - their_entities, weights)
    entities = _dice(my_entities, their_entities, weights)
    return claim_overlap(words, entities, entity_share, bool(my_entities or their_entities))


def _dice(mine: frozenset[str], theirs: frozenset[str], weights: TermWeights) -> float:
    total = plain_weight(weights, mine) + plain_weight(weights, theirs)
    return 2 * plain_weight(weights, mine & theirs) / total if total else 0.0


def _best_clause(
    a: StatementTerms, b: StatementTerms, weights: TermWeights, settings: XrefSettings
) -> float:
    best = 0.0
    least = settings.min_clause_terms
    theirs = [
        (clause, plain_weight(weights, clause))
        for clause in map(frozenset, b.clauses)
        if len(clause) >= least
    ]
    for clause in map(frozenset, a.clauses):
        if len(clause) < least:
            continue
        size = plain_weight(weights, clause)
        for other, other_size in theirs:
            if clause & other and _alike_in_size(size, other_size, settings.same_size_ratio):
                best = max(best, _dice(clause, other, weights))
    return best
