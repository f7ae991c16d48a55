"""The profiled scorer (each statement's sets and weights computed once) gives the
scores and grades of the scorer's plain definition, pair by pair."""

from __future__ import annotations

import itertools
import random

import pytest

from reader.corpus import bundled_corpus_path, load_corpus
from reader.xref.crossref import graded_candidates, prepare
from reader.xref.score import TermWeights, score_pair
from tests.xref.plain_score import plain_score_pair, plain_weight
from tests.xref.test_synthetic_corpus import load_generator


@pytest.fixture(scope="module", params=["seeds", "generated"])
def prepared(request):
    """The seeds (mostly `related` pairs) and a generated corpus (mostly `same`)."""
    if request.param == "seeds":
        corpus, _ = load_corpus(bundled_corpus_path())
    else:
        corpus = load_generator().generate(10, seed=5, statements=12).corpus
    return prepare(corpus)


def test_every_pair_scores_as_the_plain_definition(prepared):
    terms, weights = prepared.terms, prepared.weights
    pairs = [
        (i, j)
        for i, j in itertools.combinations(range(len(terms)), 2)
        if prepared.article_of[i] != prepared.article_of[j]
    ]
    graded = 0
    for i, j in pairs:
        plain = plain_score_pair(terms[i], terms[j], weights)
        fast = score_pair(terms[i], terms[j], weights)
        assert fast.grade == plain.grade, (i, j)
        assert fast.conflicts == plain.conflicts
        assert abs(fast.score - plain.score) < 1e-9
        assert abs(fast.overlap - plain.overlap) < 1e-9
        graded += plain.grade is not None
    assert graded >= 10, "graded pairs compared"


def test_the_engines_scoring_loop_scores_as_the_plain_definition(prepared):
    import numpy as np

    terms, weights, settings = prepared.terms, prepared.weights, prepared.settings
    # every statement against every other of another article, as the index yields
    found = [
        (
            q,
            np.array(
                [o for o in range(len(terms)) if prepared.article_of[o] != prepared.article_of[q]]
            ),
            None,
        )
        for q in range(len(terms))
    ]
    seen = 0
    for _, query, graded_here in graded_candidates(found, terms, weights, settings, frozenset()):
        for other, _, result in graded_here:
            first, second = sorted((query, other))
            plain = plain_score_pair(terms[first], terms[second], weights)
            assert (result.grade, result.conflicts) == (plain.grade, plain.conflicts)
            assert abs(result.score - plain.score) < 1e-9
            seen += 1
    assert seen >= 10


def test_a_weight_does_not_depend_on_the_order_terms_come_in():
    rng = random.Random(4)
    idf = {f"t{n}": rng.uniform(0.1, 9.0) for n in range(200)}
    weights = TermWeights(idf, 10.0)
    terms = list(idf) + ["unseen"]
    first = weights.weight(terms)
    for _ in range(20):
        rng.shuffle(terms)
        assert weights.weight(terms) == first
        assert weights.weight(frozenset(terms)) == first
    assert abs(first - plain_weight(weights, terms)) < 1e-9
