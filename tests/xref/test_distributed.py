"""The cluster engine against the local one, on a LocalCluster of 2 worker processes."""

import os
import signal

import pytest

from reader.corpus import bundled_corpus_path, load_corpus
from reader.xref.crossref import best_links, prepare, scored_pairs
from tests.xref.test_synthetic_corpus import load_generator

distributed = pytest.importorskip("distributed")

from reader.xref.dask_client import run_on_cluster  # noqa: E402


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    )
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


def local_engine(corpus):
    prepared = prepare(corpus)
    pairs = best_links(scored_pairs(prepared), prepared.article_of)
    return prepared.statements, pairs, prepared.representative


def assert_same_links(run, corpus):
    statements, pairs, representative = local_engine(corpus)
    assert run.statements == statements
    # copies grouped as locally, across partitions too: only representatives are scored
    assert run.representative == representative
    assert sorted(run.pairs) == sorted(pairs) and pairs
    for pair, local in pairs.items():
        assert_same_score(run.pairs[pair], local, pair)
    # each link in exactly one partition, the partition of its first statement
    flat = [(i, j) for part in run.partitions for i, j, _ in part]
    assert sorted(flat) == sorted(pairs)
    for number, part in enumerate(run.partitions):
        assert all(run.bounds[number] <= i < run.bounds[number + 1] for i, _, _ in part)


def assert_same_score(remote, local, pair):
    assert remote.grade == local.grade, pair
    assert remote.score == pytest.approx(local.score, abs=1e-9), pair
    assert remote.overlap == pytest.approx(local.overlap, abs=1e-9), pair
    assert remote.conflicts == local.conflicts, pair


def generated(articles):
    return load_generator().generate(articles, seed=11).corpus


def test_the_seeds_give_the_local_engines_links(client):
    corpus, _ = load_corpus(bundled_corpus_path())
    assert_same_links(run_on_cluster(client, corpus, partitions=2), corpus)


def test_a_generated_corpus_gives_the_local_engines_links(client):
    corpus = generated(40)
    run = run_on_cluster(client, corpus, partitions=3, shards=2)
    assert len(run.partitions) == 3
    # syndicated copies, some in another partition than their representative
    copies = [(n, r) for n, r in enumerate(run.representative) if n != r]
    owner = [p for p in range(3) for _ in range(run.bounds[p], run.bounds[p + 1])]
    assert any(owner[n] != owner[r] for n, r in copies)
    assert_same_links(run, corpus)


def test_more_partitions_than_articles_is_one_article_each(client):
    corpus = generated(3)
    run = run_on_cluster(client, corpus, partitions=10)
    assert len(run.partitions) == 3
    assert_same_links(run, corpus)


def test_progress_counts_tasks_up_to_all_of_them(client):
    seen = []
    corpus = generated(6)
    run_on_cluster(
        client, corpus, partitions=2, progress=lambda done, total: seen.append((done, total))
    )
    assert seen and seen[-1][0] == seen[-1][1] > 0
    assert all(0 <= done <= total for done, total in seen)


def test_workers_on_another_engine_version_are_refused(client, monkeypatch):
    import reader.xref.cache as cache
    from reader.xref.dask_client import ClusterUnavailable

    # the client's engine differs from the one the workers run
    monkeypatch.setattr(cache, "engine_fingerprint", lambda: b"another engine")
    with pytest.raises(ClusterUnavailable, match="another version"):
        run_on_cluster(client, generated(2))


def test_a_worker_killed_mid_run_loses_and_doubles_no_link(client):
    corpus = generated(20)
    before = client.run(os.getpid)
    killed = []

    def kill_a_worker(stage):
        if stage == "submitted":
            address, pid = sorted(before.items())[0]
            os.kill(pid, signal.SIGKILL)
            killed.append(address)

    run = run_on_cluster(client, corpus, partitions=3, on_stage=kill_a_worker)
    assert killed
    assert_same_links(run, corpus)


# The local link cache keeps a cluster run (cluster_cache.py) as it keeps a local one.


def cache_links(xref):
    return [(lk.source, lk.target, lk.score, lk.grade) for lk in xref.all_links()]


def no_scoring(monkeypatch):
    """Links read from the cache must come without segmenting or scoring anything."""
    import reader.xref.incremental as incremental

    def fail(*args, **kwargs):
        raise AssertionError("the links were computed, not read from the cache")

    monkeypatch.setattr(incremental, "scored_pairs", fail)
    monkeypatch.setattr(incremental, "prepare", fail)


@pytest.mark.parametrize("which", ["seeds", "generated"])
def test_a_cluster_run_lands_in_the_link_cache_as_a_local_run_does(
    client, tmp_path, monkeypatch, which
):
    from reader.xref.cache import LinkCache, corpus_keys
    from reader.xref.cluster_cache import keep_cluster_run
    from reader.xref.crossref import cross_reference
    from reader.xref.incremental import cross_reference_stored
    from reader.xref.settings import DEFAULT_SETTINGS

    if which == "seeds":
        corpus, _ = load_corpus(bundled_corpus_path())
    else:
        corpus = generated(24)
    local = cross_reference(corpus, cache=tmp_path / "local.sqlite")
    run = run_on_cluster(client, corpus, partitions=3, shards=2, keep=True)
    assert keep_cluster_run(corpus, run, tmp_path / "cluster.sqlite", DEFAULT_SETTINGS) == []
    # what is kept is what a local run keeps: pairs in grading order, copies, term counts
    key, keys = corpus_keys(corpus)
    ours, theirs = (LinkCache(tmp_path / f"{kind}.sqlite") for kind in ("cluster", "local"))
    kept, expected = ours.load_run(key), theirs.load_run(key)
    assert kept is not None and expected is not None
    ours_graded, theirs_graded = kept.graded.pair_scores(), expected.graded.pair_scores()
    assert list(ours_graded) == list(theirs_graded)  # the same pairs, in the same order
    for pair, result in theirs_graded.items():
        assert_same_score(ours_graded[pair], result, pair)
    assert list(kept.link_scores()) == list(expected.link_scores())
    assert (kept.articles, kept.counts) == (keys, expected.counts)
    assert (kept.total, kept.representative) == (expected.total, expected.representative)
    assert kept.holding == expected.holding
    assert ours.load_articles(keys, corpus.articles) == theirs.load_articles(keys, corpus.articles)
    no_scoring(monkeypatch)
    again = cross_reference_stored(corpus, tmp_path / "cluster.sqlite")
    assert cache_links(again) == cache_links(local) and cache_links(local)
    assert again.copy_groups == local.copy_groups


def _hold_statement_count(held: bool) -> None:
    # On a worker: as tests/xref/test_incremental.py holds it in the test's process.
    import reader.xref.score as score

    if held:
        score.real_stable_total = score.stable_total  # type: ignore[attr-defined]
        score.stable_total = lambda statements: 1 << 20
    elif hasattr(score, "real_stable_total"):
        score.stable_total = score.real_stable_total


def test_a_local_run_after_adding_an_article_starts_from_the_clusters_links(
    client, tmp_path, monkeypatch
):
    import dataclasses

    import reader.xref.incremental as incremental
    import reader.xref.score as score
    from reader.xref.cluster_cache import keep_cluster_run
    from reader.xref.crossref import cross_reference
    from reader.xref.settings import DEFAULT_SETTINGS

    # Below 4,096 statements every added one moves every weight (a whole run): hold the
    # count's step here and on the workers, so the change is an update.
    monkeypatch.setattr(score, "stable_total", lambda statements: 1 << 20)
    rescored: list[int] = []
    real = incremental.scored_pairs

    def counting(prepared, *args, queries=None, **kwargs):
        rescored.append(len(prepared.terms) if queries is None else len(queries))
        return real(prepared, *args, queries=queries, **kwargs)

    monkeypatch.setattr(incremental, "scored_pairs", counting)
    synthetic = load_generator().generate(16, seed=3, statements=16).corpus
    articles = synthetic.articles
    before, after = (
        dataclasses.replace(synthetic, articles=chosen, root=tmp_path / "corpus")
        for chosen in (articles[:5] + articles[6:], articles)
    )
    client.run(_hold_statement_count, True)
    try:
        run = run_on_cluster(client, before, partitions=2, keep=True)
    finally:
        client.run(_hold_statement_count, False)
    path = tmp_path / "xref.sqlite"
    keep_cluster_run(before, run, path, DEFAULT_SETTINGS)
    updated = cross_reference(after, cache=path)
    assert cache_links(updated) == cache_links(cross_reference(after, cache=False))
    assert cache_links(updated)
    statements = sum(len(updated.statements(a.id)) for a in after.articles)
    assert rescored and rescored[-1] < statements  # an update from the cluster's run
