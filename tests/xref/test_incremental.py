"""Incremental cross-references: adding, editing or removing one article gives exactly
the links of a run without the cache, rescoring only what the change touches."""

from __future__ import annotations

import dataclasses

import pytest

import reader.xref.incremental as incremental
import reader.xref.score as score
from reader.model import Corpus
from reader.xref import cross_reference
from reader.xref.incremental import stored_cross_reference
from tests.xref.test_synthetic_corpus import load_generator


def links(xref):
    return [(lk.source, lk.target, lk.score, lk.grade) for lk in xref.all_links()]


@pytest.fixture(scope="module")
def synthetic() -> Corpus:
    return load_generator().generate(16, seed=3, statements=16).corpus


@pytest.fixture
def updates(monkeypatch, rescored) -> list[int]:
    """Hold the statement count's step (the corpus is small: below 4,096 statements
    every change is a whole run) and count the statements each update rescores."""
    monkeypatch.setattr(score, "stable_total", lambda statements: 1 << 20)
    return rescored


@pytest.fixture
def rescored(monkeypatch) -> list[int]:
    """The number of statements each update rescores."""
    rescored: list[int] = []
    real = incremental.scored_pairs

    def counting(prepared, *args, queries=None, **kwargs):
        if queries is not None:
            rescored.append(len(queries))
        return real(prepared, *args, queries=queries, **kwargs)

    monkeypatch.setattr(incremental, "scored_pairs", counting)
    return rescored


def rooted(corpus: Corpus, articles, tmp_path) -> Corpus:
    return dataclasses.replace(corpus, articles=tuple(articles), root=tmp_path / "corpus")


def check_update(before: Corpus, after: Corpus, tmp_path, rescored: list[int]) -> int:
    """Assert that `after` updated from `before` gives a whole run's links; its
    statement count."""
    path = tmp_path / "xref.sqlite"
    cross_reference(before, cache=path)
    updated = cross_reference(after, cache=path)
    assert links(updated) == links(cross_reference(after, cache=False))
    assert links(updated), "a corpus with links"
    statements = sum(len(updated.statements(a.id)) for a in after.articles)
    assert rescored and rescored[-1] < statements  # an update, not a whole run
    return statements


def test_an_added_article_gives_the_links_of_a_whole_run(synthetic, tmp_path, updates):
    articles = synthetic.articles
    before = rooted(synthetic, articles[:5] + articles[6:], tmp_path)
    check_update(before, rooted(synthetic, articles, tmp_path), tmp_path, updates)


def test_an_edited_article_gives_the_links_of_a_whole_run(synthetic, tmp_path, updates):
    articles = list(synthetic.articles)
    edited = articles[7]
    cut = edited.text.index(". ") + 2  # the first sentence goes: spans and terms move
    articles[7] = dataclasses.replace(
        edited, text=edited.text[cut:], paragraphs=(), mentions=(), quotes=()
    )
    before = rooted(synthetic, synthetic.articles, tmp_path)
    check_update(before, rooted(synthetic, articles, tmp_path), tmp_path, updates)


def test_a_removed_article_gives_the_links_of_a_whole_run(synthetic, tmp_path, updates):
    articles = synthetic.articles
    before = rooted(synthetic, articles, tmp_path)
    check_update(
        before, rooted(synthetic, articles[:3] + articles[4:], tmp_path), tmp_path, updates
    )


@pytest.mark.parametrize("left_out", [0, 5, 9])
def test_with_rounded_statistics_an_added_article_is_an_update(
    synthetic, tmp_path, monkeypatch, rescored, left_out
):
    """The statistics rounded as in a large corpus (score.EXACT_STATEMENTS shrunk, the
    statement count not held): one article more is an update, with a whole run's links."""
    monkeypatch.setattr(score, "EXACT_STATEMENTS", 32)
    articles = synthetic.articles
    before = rooted(synthetic, articles[:left_out] + articles[left_out + 1 :], tmp_path)
    statements = check_update(before, rooted(synthetic, articles, tmp_path), tmp_path, rescored)
    assert rescored[-1] < statements / 2


def test_a_change_that_moves_every_weight_is_a_whole_run(synthetic, tmp_path, monkeypatch):
    calls: list[object] = []
    real = incremental.update_graded
    monkeypatch.setattr(
        incremental, "update_graded", lambda *a: calls.append(real(*a)) or calls[-1]
    )
    path = tmp_path / "xref.sqlite"
    articles = synthetic.articles
    cross_reference(rooted(synthetic, articles[1:], tmp_path), cache=path)
    after = rooted(synthetic, articles, tmp_path)
    assert links(cross_reference(after, cache=path)) == links(cross_reference(after, cache=False))
    assert calls == [None]  # below 4,096 statements the count is exact: every weight moved


def test_stored_links_are_there_at_once_and_say_whether_they_are_complete(synthetic, tmp_path):
    path = tmp_path / "xref.sqlite"
    articles = synthetic.articles
    before = rooted(synthetic, articles[1:], tmp_path)
    assert stored_cross_reference(before, path) is None
    whole = cross_reference(before, cache=path)
    again = stored_cross_reference(before, path)
    assert again is not None and again.complete and links(again) == links(whole)
    grown = stored_cross_reference(rooted(synthetic, articles, tmp_path), path)
    assert grown is not None and not grown.complete
    assert grown.statements(articles[0].id) == []  # the new article waits for its run
    kept = {(s.article_id, t.article_id) for s, t, _, _ in links(grown)}
    assert kept and all(articles[0].id not in pair for pair in kept)


def test_a_chain_of_changes_keeps_a_whole_runs_links_and_sides(synthetic, tmp_path, updates):
    """Each update starts from the last one's stored run (its link sides included):
    after adds, an edit and removals in turn, links and sides are a whole run's."""
    import numpy as np

    from reader.xref.cache import LinkCache, corpus_keys
    from reader.xref.crossref import link_sides
    from reader.xref.settings import DEFAULT_SETTINGS

    articles = list(synthetic.articles)
    edited = articles[4]
    cut = edited.text.index(". ") + 2
    rewritten = dataclasses.replace(
        edited, text=edited.text[cut:], paragraphs=(), mentions=(), quotes=()
    )
    states = [
        articles[2:],
        articles[1:],
        articles,
        articles[:4] + [rewritten] + articles[5:],
        articles[:4] + [rewritten] + articles[6:],
        articles[:3] + articles[6:],
    ]
    path = tmp_path / "xref.sqlite"
    for state in states:
        corpus = rooted(synthetic, state, tmp_path)
        updated = cross_reference(corpus, cache=path)
        assert links(updated) == links(cross_reference(corpus, cache=False))
        run = LinkCache(path).load_run(corpus_keys(corpus)[0])
        assert run is not None
        article_of = np.repeat(np.arange(len(run.counts)), run.counts)
        cold = link_sides(run.graded, article_of, DEFAULT_SETTINGS.links_per_article)
        assert np.array_equal(run.sides, cold)
    assert len(updates) >= len(states) - 1  # every change after the first an update
