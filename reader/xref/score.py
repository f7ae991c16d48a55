"""How close two statements are, and the grade of their link.

A claim is a predicate about someone: who (the entities) and what is said of them
(the words). Two statements report one claim when they share both, so the score is an
IDF-weighted Dice overlap taken apart on the two channels: the content words (lemmas)
and the entity terms (`@lavrov`; see `terms.py`), the entities counting for
`ENTITY_SHARE` of the words. Taken together in one overlap, a short statement that
names the story's cast ("Lavrov said at the meeting ...") matched any long one naming
the same people; apart, sharing the cast is worth at most half of the score, and a
link also needs a shared informative word (`MIN_SHARED_WORDS`): a cast list is not a
claim. Raw string scorers (`fuzz.ratio`, `token_set_ratio`) cannot tell a paraphrase of
one claim from a look-alike statement about another event, so disagreeing specifics
(another date, another day, another number, places the other statement does not name)
lower the score and rule out `same`.

Grades:

- `same`: one statement reported twice. Most of the weighted terms are shared
  (`SAME_OVERLAP`) by statements of a like size (`SAME_SIZE_RATIO`), or one clause
  of each is (`SAME_CLAUSE`: a readout quoted in
  full by one outlet and in part inside a longer sentence by the other), and no
  specific disagrees.
- `related`: the same claim paraphrased: a score of at least `RELATED_SCORE`.

The thresholds were chosen on the development sets (tests/devset/), with
leave-one-article-out checks; docs/xref.md gives the figures.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from reader.xref.terms import StatementTerms

SAME, RELATED = "same", "related"
GRADES = (SAME, RELATED)
RELATED_SCORE = 20.0
# The weight of the entity channel against the words' (1.0) in the score.
ENTITY_SHARE = 1.0
SAME_OVERLAP = 0.40
SAME_CLAUSE = 0.60
# A short statement inside a long one (a headline against a caption) is not the long
# one reported twice: statements (or clauses) are `same` only when the smaller holds
# at least this share of the larger's weight.
SAME_SIZE_RATIO = 0.5
CONFLICT_FACTOR = 0.7
# A statement with fewer content terms than this ("he said.") links to nothing.
MIN_TERMS = 3
# One shared word is chance, however rare: a link needs this many shared informative
# terms. A term is informative when at most INFORMATIVE_SHARE of the statements hold
# it, and never when more than INFORMATIVE_CEILING do (the candidate index holds
# exactly the informative terms, and a query's work grows with their postings); in a
# small corpus document frequencies cannot tell a topic word from a common one, so
# every term held by up to INFORMATIVE_FLOOR statements is informative.
MIN_SHARED = 2
# ... and at least this many of them must be words, not entities.
MIN_SHARED_WORDS = 1
INFORMATIVE_SHARE = 0.02
INFORMATIVE_CEILING = 300
INFORMATIVE_FLOOR = 40
# Clauses this short are too common to show that two statements are one; and two
# statements sharing fewer terms than this are not one text carried twice, however
# short they are (a headline against a sentence).
MIN_CLAUSE_TERMS = 6


# Term statistics are rounded to STABLE_BITS significant bits (document frequencies
# from 64 up, the statement count from EXACT_STATEMENTS up), so that one article more
# or less changes the weight of no term it does not hold, and of few it holds: the
# links of the other articles stay exactly as they were, and an incremental run
# (reader/xref/incremental.py) rescores only what touches the change. Below those
# sizes the statistics are exact; the rounding moves a weight by at most 3%.
STABLE_BITS = 6
EXACT_STATEMENTS = 4096


def stable_count(n: int) -> int:
    """`n` to STABLE_BITS significant bits, rounded down (exact below 2**STABLE_BITS)."""
    shift = n.bit_length() - STABLE_BITS
    return n if shift <= 0 else (n >> shift) << shift


def stable_total(statements: int) -> int:
    """The statement count the weights are computed from."""
    return statements if statements < EXACT_STATEMENTS else stable_count(statements)


def informative_limit(statements: int) -> int:
    """The most statements an informative term may be held by."""
    return int(max(min(INFORMATIVE_SHARE * statements, INFORMATIVE_CEILING), INFORMATIVE_FLOOR))


def grade_rank(grade: str | None) -> int:
    """2 for same, 1 for related, 0 for no link: for sorting and --min-grade."""
    return {SAME: 2, RELATED: 1}.get(grade or "", 0)


@dataclass(frozen=True, slots=True)
class TermWeights:
    """Inverse document frequency of each term over the corpus's statements."""

    idf: dict[str, float]
    unseen: float  # the weight of a term no statement of the corpus holds
    informative: float = 0.0  # the least idf of an informative term
    total: int = 1  # the statement count the weights were computed from (stable_total)

    @classmethod
    def from_statements(cls, statements: Iterable[StatementTerms]) -> TermWeights:
        counts: Counter[str] = Counter()
        total = 0
        for terms in statements:
            counts.update(set(terms.terms))
            total += 1
        return cls.from_counts(counts, total)

    @classmethod
    def from_counts(cls, counts: dict[str, int], statements: int) -> TermWeights:
        """The weights of a corpus of `statements` statements, `counts[term]` of which
        hold the term."""
        total = stable_total(max(statements, 1))
        idf = {term: term_idf(n, total) for term, n in counts.items() if n > 0}
        limit = informative_limit(total)
        return cls(idf, math.log(1 + total), math.log(1 + total / limit), total)

    def informative_count(self, terms: Iterable[str]) -> int:
        idf, unseen, least = self.idf, self.unseen, self.informative
        return sum(1 for t in terms if idf.get(t, unseen) >= least)

    def weight(self, terms: Iterable[str]) -> float:
        idf, unseen = self.idf, self.unseen
        return sum(idf.get(t, unseen) for t in terms)


def term_idf(statements_holding: int, total: int) -> float:
    return math.log(1 + total / stable_count(statements_holding))


def is_entity(term: str) -> bool:
    return term.startswith("@")


def claim_overlap(words: float, entities: float, with_entities: bool = True) -> float:
    """The score's overlap (0..1) from the Dice overlaps of the two channels.

    `with_entities` is False when neither statement names an entity: the words are
    then all there is (a corpus without a catalogue scores on its words alone).
    """
    if not with_entities:
        return words
    return (words + ENTITY_SHARE * entities) / (1 + ENTITY_SHARE)


@dataclass(frozen=True, slots=True)
class PairScore:
    score: float  # 0..100, symmetric
    grade: str | None  # "same", "related", or None below the threshold
    overlap: float  # weighted Dice of the whole term sets, 0..1 (for `same`)
    conflicts: tuple[str, ...]  # the kinds of specifics that disagree


def conflicts(a: StatementTerms, b: StatementTerms) -> tuple[str, ...]:
    """Kinds of specifics on which the two statements disagree."""
    found = []
    for kind in ("numbers", "months", "weekdays"):
        mine, theirs = getattr(a, kind), getattr(b, kind)
        if mine and theirs and not (mine & theirs):
            found.append(kind)
    if a.places - b.places and b.places - a.places:
        found.append("places")
    return tuple(found)


def score_pair(a: StatementTerms, b: StatementTerms, weights: TermWeights) -> PairScore:
    """The symmetric score and grade of two statements of different articles."""
    mine, theirs = a.term_set, b.term_set
    if len(mine) < MIN_TERMS or len(theirs) < MIN_TERMS:
        return PairScore(0.0, None, 0.0, ())
    shared = mine & theirs
    if (
        weights.informative_count(shared) < MIN_SHARED
        or weights.informative_count(t for t in shared if not is_entity(t)) < MIN_SHARED_WORDS
    ):
        return PairScore(0.0, None, 0.0, ())
    overlap = _dice(mine, theirs, weights)
    disagree = conflicts(a, b)
    score = 100.0 * _claim_overlap(mine, theirs, weights) * (CONFLICT_FACTOR if disagree else 1.0)
    whole = overlap >= SAME_OVERLAP and _alike_in_size(weights.weight(mine), weights.weight(theirs))
    if (
        not disagree
        and len(shared) >= MIN_CLAUSE_TERMS
        and (whole or _best_clause(a, b, weights) >= SAME_CLAUSE)
    ):
        grade = SAME
    elif score >= RELATED_SCORE:
        grade = RELATED
    else:
        grade = None
    return PairScore(round(score, 2), grade, overlap, disagree)


def _claim_overlap(mine: frozenset[str], theirs: frozenset[str], weights: TermWeights) -> float:
    my_entities = frozenset(filter(is_entity, mine))
    their_entities = frozenset(filter(is_entity, theirs))
    words = _dice(mine - my_entities, theirs - their_entities, weights)
    entities = _dice(my_entities, their_entities, weights)
    return claim_overlap(words, entities, bool(my_entities or their_entities))


def _dice(mine: frozenset[str], theirs: frozenset[str], weights: TermWeights) -> float:
    total = weights.weight(mine) + weights.weight(theirs)
    return 2 * weights.weight(mine & theirs) / total if total else 0.0


def _best_clause(a: StatementTerms, b: StatementTerms, weights: TermWeights) -> float:
    best = 0.0
    theirs = [
        (clause, weights.weight(clause))
        for clause in map(frozenset, b.clauses)
        if len(clause) >= MIN_CLAUSE_TERMS
    ]
    for clause in map(frozenset, a.clauses):
        if len(clause) < MIN_CLAUSE_TERMS:
            continue
        size = weights.weight(clause)
        for other, other_size in theirs:
            if clause & other and _alike_in_size(size, other_size):
                best = max(best, _dice(clause, other, weights))
    return best


def _alike_in_size(one: float, other: float) -> bool:
    return min(one, other) >= SAME_SIZE_RATIO * max(one, other)
