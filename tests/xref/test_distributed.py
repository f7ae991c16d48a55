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
        remote = run.pairs[pair]
        assert remote.grade == local.grade, pair
        assert remote.score == pytest.approx(local.score, abs=1e-9), pair
        assert remote.overlap == pytest.approx(local.overlap, abs=1e-9), pair
        assert remote.conflicts == local.conflicts, pair
    # each link in exactly one partition, the partition of its first statement
    flat = [(i, j) for part in run.partitions for i, j, _ in part]
    assert sorted(flat) == sorted(pairs)
    for number, part in enumerate(run.partitions):
        assert all(run.bounds[number] <= i < run.bounds[number + 1] for i, _, _ in part)


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
