"""Coverage clusters: cohesive groups of linked statements, not chains."""

from __future__ import annotations

import pytest

from reader.corpus import bundled_corpus_path, load_corpus
from reader.xref import cross_reference
from reader.xref.clusters import cohesive_clusters
from reader.xref.evaluation import Label, claim_labels, load_claims
from tests.xref.devset import CLAIMS


def clique(members, score):
    return {(i, j): score for n, i in enumerate(members) for j in members[n + 1 :]}


def test_two_claims_joined_by_one_stray_link_stay_apart():
    article_of = {i: i for i in range(8)}  # every statement from its own article
    scores = clique([0, 1, 2, 3], 60) | clique([4, 5, 6, 7], 55) | {(3, 4): 25}
    groups = cohesive_clusters(scores, article_of)
    assert sorted(groups) == [[0, 1, 2, 3], [4, 5, 6, 7]]


def test_a_chain_is_not_one_claim():
    article_of = {i: i for i in range(6)}
    chain = {(i, i + 1): 40 for i in range(5)}
    groups = cohesive_clusters(chain, article_of, min_cohesion=0.5)
    assert max(len(g) for g in groups) < 6


def test_pairs_within_one_article_do_not_count_against_cohesion():
    # statements 0 and 1 are in one article: they can never be linked to each other
    article_of = {0: "a", 1: "a", 2: "b", 3: "c"}
    scores = {(0, 2): 50, (1, 2): 50, (0, 3): 50, (1, 3): 50, (2, 3): 50}
    assert cohesive_clusters(scores, article_of, min_cohesion=1.0) == [[0, 1, 2, 3]]


def test_a_group_from_one_article_is_no_cross_outlet_claim():
    assert cohesive_clusters({(0, 1): 50}, {0: "a", 1: "a"}) == []


@pytest.fixture(scope="module")
def seeds():
    corpus, _ = load_corpus(bundled_corpus_path())
    return corpus, cross_reference(corpus, cache=False)


def test_seed_clusters_agree_with_the_labelled_claims(seeds):
    """Co-clustered pairs scored against tests/devset/claims.yaml (measured: 0.48 / 0.85)."""
    corpus, xref = seeds
    labels = claim_labels(corpus, load_claims(CLAIMS))
    clusters = xref.clusters()
    hits = predicted = 0
    for cluster in clusters:
        keys = [(s.article_id, s.index) for s in cluster.statements]
        for n, a in enumerate(keys):
            for b in keys[n + 1 :]:
                label = labels.label(a, b)
                if a[0] == b[0] or label is Label.UNSURE:
                    continue
                predicted += 1
                hits += label in ("related", "same")
    positives = sum(1 for a, b in labels.cross_pairs() if labels.label(a, b) in ("related", "same"))
    assert len(clusters) >= 4  # not one cluster of everything
    assert hits / predicted >= 0.44
    assert hits / positives >= 0.80


def test_a_cluster_is_named_by_its_most_linked_statement(seeds):
    _, xref = seeds
    for cluster in xref.clusters():
        assert cluster.centre in cluster.statements
        inside = {(s.article_id, s.index) for s in cluster.statements}

        def strength(statement, inside=inside):
            return sum(
                lk.score
                for lk in xref.links_from(statement)
                if (lk.target.article_id, lk.target.index) in inside
            )

        assert strength(cluster.centre) == max(strength(s) for s in cluster.statements)


def test_a_cluster_keeps_the_same_pairs_inside_it(seeds):
    corpus, xref = seeds
    same = {
        frozenset((link.source, link.target))
        for article in corpus.articles
        for link in xref.links_for_article(article.id)
        if link.grade == "same"
    }
    assert same
    for cluster in xref.clusters():
        inside = {pair for pair in same if pair <= set(cluster.statements)}
        assert {frozenset(pair) for pair in cluster.same} == inside
