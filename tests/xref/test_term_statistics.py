"""The rounding of term statistics (score.term_idf, score.stable_total): exact in a
small corpus; in a large one, close to exact and moved by few of the articles added."""

from __future__ import annotations

import dataclasses
import math

import pytest

import reader.xref.score as score
from reader.xref.crossref import prepare
from reader.xref.incremental import _moved_terms
from reader.xref.score import EXACT_STATEMENTS, TermWeights, stable_total, term_idf
from reader.xref.settings import XrefSettings
from tests.xref.test_synthetic_corpus import load_generator

LARGE = 1 << 15  # a statement count where the statistics are rounded


def test_a_small_corpus_has_exact_statistics():
    for total in (1, 88, EXACT_STATEMENTS - 1):
        assert stable_total(total) == total
        for holding in range(1, min(total, 300) + 1):
            assert term_idf(holding, total) == math.log(1 + total / holding)


def test_a_rounded_weight_stays_close_to_the_exact_one():
    worst = max(
        abs(term_idf(holding, LARGE) - math.log(1 + LARGE / holding))
        for holding in range(1, LARGE + 1)
    )
    assert 0 < worst <= math.log(1.5) / 2 + 1e-12


def test_a_weight_moves_at_most_twice_while_its_frequency_doubles():
    for octave in range(2, 14):
        moves = sum(
            term_idf(holding, LARGE) != term_idf(holding + 1, LARGE)
            for holding in range(1 << octave, 2 << octave)
        )
        assert moves <= 2, octave


def test_the_statement_count_moves_once_in_an_eighth_of_it_or_more():
    last_move = EXACT_STATEMENTS
    for total in range(EXACT_STATEMENTS, 200_000):
        if stable_total(total + 1) != stable_total(total):
            assert total + 1 - last_move >= total // 8
            last_move = total + 1
        assert abs(math.log(stable_total(total) / total)) <= math.log(1.25) / 2 + 1e-3


@pytest.fixture
def rounded(monkeypatch):
    """Rounded statistics on a corpus small enough for a test."""
    monkeypatch.setattr(score, "EXACT_STATEMENTS", 32)


def test_one_article_more_moves_the_weights_of_few_statements(rounded):
    corpus = load_generator().generate(16, seed=3, statements=16).corpus
    whole = prepare(corpus)
    for left_out in range(4):
        less = prepare(
            dataclasses.replace(
                corpus, articles=corpus.articles[:left_out] + corpus.articles[left_out + 1 :]
            )
        )
        assert less.weights.total == whole.weights.total
        moved = _moved_terms(less.holding, whole)
        held = {
            term
            for terms, article in zip(whole.terms, whole.article_of, strict=True)
            if article == left_out
            for term in terms.terms
        }
        assert moved and moved < held  # only terms the article holds, and not all
        touched = [
            n
            for n, terms in enumerate(whole.terms)
            if whole.article_of[n] != left_out and not moved.isdisjoint(terms.terms)
        ]
        assert len(touched) < len(whole.terms) / 2


def test_a_term_is_informative_by_its_exact_frequency(rounded):
    import numpy as np

    settings = XrefSettings()
    total = 20_000
    counts = {f"t{n}": n for n in range(1, 2_000)}
    weights = TermWeights.from_counts(counts, total, settings)
    limit = settings.informative_limit(weights.total)
    for term, holding in counts.items():
        informative = weights.idf[term] >= weights.informative
        assert informative == (holding <= limit), holding
        # the candidate index compares in float32
        assert (np.float32(weights.idf[term]) >= np.float32(weights.informative)) == informative
