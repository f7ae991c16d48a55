"""The best links of each statement, ranked again only where pairs changed: the same
as ranking every pair (what an incremental run relies on)."""

from __future__ import annotations

import random

import numpy as np
import pytest

from reader.model import LinkGrade
from reader.xref.crossref import best_links, kept_pairs, link_rows, link_sides
from reader.xref.graded import GradedPairs
from reader.xref.score import PairScore, grade_rank

STATEMENTS = 60
ARTICLES = 8


def random_pairs(rng: random.Random, count: int) -> dict[tuple[int, int], PairScore]:
    pairs = {}
    while len(pairs) < count:
        i, j = sorted(rng.sample(range(STATEMENTS), 2))
        grade = rng.choice([LinkGrade.SAME, LinkGrade.RELATED])
        # few distinct scores: ties are common and must be broken alike
        pairs[(i, j)] = PairScore(float(rng.choice([20, 35, 50, 50, 80])), grade, 0.5, ())
    return pairs


ARTICLE_OF = [n * ARTICLES // STATEMENTS for n in range(STATEMENTS)]


@pytest.mark.parametrize("seed", range(20))
def test_ranking_again_only_the_changed_statements_gives_every_sides_as_a_whole(seed):
    rng = random.Random(seed)
    before = random_pairs(rng, 300)
    graded = GradedPairs.of(before)
    sides = link_sides(graded, ARTICLE_OF, 2)
    # some pairs dropped, some rescored, some new
    after = dict(before)
    dropped = rng.sample(sorted(before), 40)
    for pair in dropped:
        del after[pair]
    rescored = random_pairs(rng, 30)
    after.update(rescored)
    kept = [pair for pair in before if pair in after and pair not in rescored]
    changed = np.zeros(STATEMENTS, dtype=bool)
    for i, j in [*dropped, *rescored]:
        changed[[i, j]] = True
    rows = {pair: n for n, pair in enumerate(before)}
    now = GradedPairs.of({pair: after[pair] for pair in kept} | rescored)
    previous = np.concatenate(
        ([sides[rows[pair]] for pair in kept], np.zeros(len(rescored), np.uint8))
    ).astype(np.uint8)
    updated = link_sides(now, ARTICLE_OF, 2, changed, previous)
    assert np.array_equal(updated, link_sides(now, ARTICLE_OF, 2))


def test_the_sides_keep_what_kept_pairs_keeps():
    rng = random.Random(7)
    pairs = random_pairs(rng, 300)
    graded = GradedPairs.of(pairs)
    chosen = {
        (int(graded.first[r]), int(graded.second[r]))
        for r in link_rows(graded, link_sides(graded, ARTICLE_OF, 2))
    }
    entries = [
        (mine, ARTICLE_OF[other], (grade_rank(result.grade), result.score), (i, j))
        for (i, j), result in pairs.items()
        for mine, other in ((i, j), (j, i))
    ]
    assert chosen == kept_pairs(entries, 2)
    assert set(best_links(pairs, ARTICLE_OF, 2)) == chosen
