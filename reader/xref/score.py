"""How close two statements are, and the grade of their link.

A claim is a predicate about someone: who (the entities) and what is said of them
(the words). Two statements report one claim when they share both, so the score is an
IDF-weighted Dice overlap taken apart on the two channels: the content words (lemmas)
and the entity terms (`@lavrov`; see `terms.py`), the entities counting for
`entity_share` of the words. Taken together in one overlap, a short statement that
names the story's cast ("Lavrov said at the meeting ...") matched any long one naming
the same people; apart, sharing the cast is worth at most half of the score, and a
link also needs a shared informative word (`min_shared_words`): a cast list is not a
claim. Raw string scorers (`fuzz.ratio`, `token_set_ratio`) cannot tell a paraphrase of
one claim from a look-alike statement about another event, so disagreeing specifics
(another date, another day, another number, places the other statement does not name)
lower the score and rule out `same`.

Grades (`LinkGrade`):

- `same`: one statement reported twice. Most of the weighted terms are shared
  (`same_overlap`) by statements of a like size (`same_size_ratio`), or one clause
  of each is (`same_clause`: a readout quoted in
  full by one outlet and in part inside a longer sentence by the other), and no
  specific disagrees.
- `related`: the same claim paraphrased: a score of at least `related_score`.

The names in backquotes are fields of `XrefSettings` (settings.py); their defaults
were chosen on the development sets (tests/devset/), with leave-one-article-out
checks; docs/xref.md gives the figures.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from itertools import repeat

from reader.model import LinkGrade
from reader.xref.settings import DEFAULT_SETTINGS, XrefSettings
from reader.xref.terms import StatementTerms

# Term statistics are rounded from EXACT_STATEMENTS distinct statements up, so that one
# article more or less moves the weight of few of the terms it holds and of none it
# does not: the links of the other articles stay exactly as they were, and an
# incremental run (reader/xref/incremental.py) rescores only the statements holding a
# term whose weight moved. A document frequency counts by buckets of DF_BITS
# significant bits (1, 2, 3, then 4-5, 6-7, 8-11, 12-15, ...: a step of a third to a
# half), each weighed at its geometric middle, so a weight is at most 0.2 off the
# exact idf (log 1.5 / 2); a term at document frequency d moves once in about d/2 to
# d/3 increments and then takes its d holders along, so one more article rescores
# about two to three statements per term it holds, whatever their frequency. The
# statement count goes by buckets of TOTAL_BITS significant bits, at their geometric
# middle too (a step of an eighth to a quarter: every weight shifts alike by at most
# log(1.25) / 2): it moves, and with it every weight (a whole run), once in T/8 to
# T/4 statements added. Whether a term is informative stays exact (term_weight).
# Below EXACT_STATEMENTS the statistics are exact: a whole run costs seconds there,
# and the development sets' figures stay those of exact weights. docs/xref.md gives
# the measurements behind these choices.
EXACT_STATEMENTS = 4096
DF_BITS = 2
TOTAL_BITS = 3


def _middle(n: int, bits: int) -> float:
    """The geometric middle of the numbers sharing `n`'s `bits` leading bits (`n`
    itself below 2**bits): what stands for all of them, off by at most half a step."""
    shift = n.bit_length() - bits
    if shift <= 0:
        return n
    low = (n >> shift) << shift
    return math.sqrt(low * (low + (1 << shift) - 1))


def stable_total(statements: int) -> int:
    """The statement count the weights are computed from."""
    if statements < EXACT_STATEMENTS:
        return statements
    return round(_middle(statements, TOTAL_BITS))


def stable_count(statements_holding: int, total: int) -> float:
    """The document frequency a weight is computed from, among `total` (stable_total)
    statements: exact in a small corpus, else its bucket's geometric middle."""
    if total < EXACT_STATEMENTS:
        return statements_holding
    return _middle(statements_holding, DF_BITS)


def term_idf(statements_holding: int, total: int) -> float:
    """The idf of a term held by `statements_holding` of `total` (stable_total)
    statements."""
    return math.log(1 + total / stable_count(statements_holding, total))


def informative_idf(total: int, limit: int) -> float:
    """The least weight of an informative term: one held by at most `limit` statements
    (settings.informative_limit)."""
    return math.log(1 + total / limit)


def term_weight(statements_holding: int, total: int, limit: int) -> float:
    """The weight of a term: its idf, kept on its side of the informative threshold.

    Whether a term is informative is decided on its exact document frequency, as in a
    small corpus: rounded, the threshold fell inside a bucket, and the terms of that
    bucket all went one way. On a corpus of recombined news sentences, whose terms
    crowd near the ceiling, that halved or doubled the links (docs/xref.md). An
    informative term weighs at least the threshold, another a little less; only
    terms of the bucket around the threshold are moved, by less than a step.
    """
    idf = term_idf(statements_holding, total)
    if total < EXACT_STATEMENTS:
        return idf
    least = informative_idf(total, limit)
    # below the threshold in float32 too (the candidate index's precision)
    return max(idf, least) if statements_holding <= limit else min(idf, least * _UNDER)


_UNDER = 1 - 1e-6


def grade_rank(grade: LinkGrade | None) -> int:
    """2 for same, 1 for related, 0 for no link: for sorting and --min-grade."""
    return _RANKS.get(grade, 0) if grade else 0


_RANKS = {LinkGrade.SAME: 2, LinkGrade.RELATED: 1}


@dataclass(frozen=True, slots=True)
class TermWeights:
    """Inverse document frequency of each term over the corpus's statements."""

    idf: dict[str, float]
    unseen: float  # the weight of a term no statement of the corpus holds
    informative: float = 0.0  # the least idf of an informative term
    total: int = 1  # the statement count the weights were computed from (stable_total)

    @classmethod
    def from_statements(
        cls, statements: Iterable[StatementTerms], settings: XrefSettings = DEFAULT_SETTINGS
    ) -> TermWeights:
        counts: Counter[str] = Counter()
        total = 0
        for terms in statements:
            counts.update(set(terms.terms))
            total += 1
        return cls.from_counts(counts, total, settings)

    @classmethod
    def from_counts(
        cls, counts: Mapping[str, int], total: int, settings: XrefSettings = DEFAULT_SETTINGS
    ) -> TermWeights:
        """From document frequencies (statements holding each term) among `total`
        statements: for some terms only, where a cluster partition weighs its own.
        The statistics are rounded (stable_total, term_idf): see EXACT_STATEMENTS."""
        total = stable_total(max(total, 1))
        limit = settings.informative_limit(total)
        idf = {term: term_weight(n, total, limit) for term, n in counts.items() if n > 0}
        return cls(idf, math.log(1 + total), informative_idf(total, limit), total)

    def informative_count(self, terms: Iterable[str]) -> int:
        idf, unseen, least = self.idf, self.unseen, self.informative
        return sum(1 for t in terms if idf.get(t, unseen) >= least)

    def weight(self, terms: Collection[str]) -> float:
        """The summed idf of `terms`, correctly rounded (math.fsum): the same float
        whatever order a set iterates in, so runs in processes with other string hash
        seeds (an incremental run, a cluster's workers) score pairs alike to the bit."""
        get = self.idf.get
        return math.fsum(map(get, terms, repeat(self.unseen, len(terms))))


def is_entity(term: str) -> bool:
    return term.startswith("@")


def claim_overlap(words, entities, entity_share: float, with_entities: bool = True):
    """The score's overlap (0..1) from the Dice overlaps of the two channels.

    `with_entities` is False when neither statement names an entity: the words are
    then all there is (a corpus without a catalogue scores on its words alone). Works
    on floats and on numpy arrays alike (the candidate index bounds with it).
    """
    if not with_entities:
        return words
    return (words + entity_share * entities) / (1 + entity_share)


@dataclass(frozen=True, slots=True)
class PairScore:
    score: float  # 0..100, symmetric
    grade: LinkGrade | None  # None below the related threshold
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


class StatementProfile:
    """What the scorer reads of one statement under one TermWeights: its term sets by
    channel, which of them are informative, and their weights, computed once per
    statement rather than once per pair (a statement meets hundreds of candidates).
    The work left to a pair is intersecting two profiles."""

    __slots__ = (
        "terms",
        "words",
        "entities",
        "informative",
        "informative_words",
        "weight",
        "words_weight",
        "entities_weight",
        "clauses",
        "statement",
    )

    def __init__(self, statement: StatementTerms, weights: TermWeights, settings: XrefSettings):
        idf, unseen, least = weights.idf, weights.unseen, weights.informative
        terms = statement.term_set
        # Each term's weight looked up once: the sums below are math.fsum over the same
        # values TermWeights.weight adds, so the same floats (an incremental run rescores
        # hundreds of statements, and this was most of it).
        get = idf.get
        value = {term: get(term, unseen) for term in terms}
        entities = frozenset(filter(is_entity, terms))
        words = terms - entities if entities else terms
        informative = frozenset(t for t, v in value.items() if v >= least)
        self.statement = statement
        self.terms = terms
        self.words = words
        self.entities = entities
        self.informative = informative
        self.informative_words = informative - entities if entities else informative
        self.weight = math.fsum(value.values())
        weigh = value.__getitem__
        self.words_weight = math.fsum(map(weigh, words)) if entities else self.weight
        self.entities_weight = math.fsum(map(weigh, entities))
        least_terms = settings.min_clause_terms
        self.clauses = tuple(
            (clause, math.fsum(map(weigh, clause)))
            for clause in map(frozenset, statement.clauses)
            if len(clause) >= least_terms
        )


NO_SCORE = PairScore(0.0, None, 0.0, ())


def score_pair(
    a: StatementTerms,
    b: StatementTerms,
    weights: TermWeights,
    settings: XrefSettings = DEFAULT_SETTINGS,
) -> PairScore:
    """The symmetric score and grade of two statements of different articles."""
    return score_profiles(
        StatementProfile(a, weights, settings),
        StatementProfile(b, weights, settings),
        weights,
        settings,
    )


def score_profiles(
    a: StatementProfile,
    b: StatementProfile,
    weights: TermWeights,
    settings: XrefSettings = DEFAULT_SETTINGS,
) -> PairScore:
    """`score_pair` of the two statements profiled (StatementProfile) under `weights`:
    what the engine and a cluster partition (distributed.py) both score with."""
    mine, theirs = a.terms, b.terms
    if len(mine) < settings.min_terms or len(theirs) < settings.min_terms:
        return NO_SCORE
    shared = mine & theirs
    # Informativeness is the term's, so the informative terms shared are those both
    # statements hold as informative.
    if (
        len(shared) < settings.min_shared
        or len(a.informative & b.informative) < settings.min_shared
        or len(a.informative_words & b.informative_words) < settings.min_shared_words
    ):
        return NO_SCORE
    weight = weights.weight
    overlap = _dice(a.weight, b.weight, weight(shared))
    disagree = conflicts(a.statement, b.statement)
    factor = settings.conflict_factor if disagree else 1.0
    words = _dice(a.words_weight, b.words_weight, weight(a.words & b.words))
    entities = _dice(a.entities_weight, b.entities_weight, weight(a.entities & b.entities))
    channels = claim_overlap(words, entities, settings.entity_share, bool(a.entities or b.entities))
    score = 100.0 * channels * factor
    ratio = settings.same_size_ratio
    whole = overlap >= settings.same_overlap and _alike_in_size(a.weight, b.weight, ratio)
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


def _dice(mine: float, theirs: float, shared: float) -> float:
    """The weighted Dice overlap of two term sets from their weights and their
    intersection's."""
    total = mine + theirs
    return 2 * shared / total if total else 0.0


def _best_clause(
    a: StatementProfile, b: StatementProfile, weights: TermWeights, settings: XrefSettings
) -> float:
    best = 0.0
    ratio = settings.same_size_ratio
    for clause, size in a.clauses:
        for other, other_size in b.clauses:
            if _alike_in_size(size, other_size, ratio):
                inside = clause & other
                if inside:
                    best = max(best, _dice(size, other_size, weights.weight(inside)))
    return best


def _alike_in_size(one: float, other: float, ratio: float) -> bool:
    return min(one, other) >= ratio * max(one, other)
