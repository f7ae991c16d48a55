"""The client's side of a cluster run: connect, submit the stages of distributed.py,
wait with progress, and gather the links.

Dask is imported only here, and only when a run starts: without `--scheduler`, `reader
xref` never imports it.
"""

from __future__ import annotations

import logging
import operator
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from reader.model import Corpus, Statement
from reader.xref.distributed import (
    add,
    copy_pieces,
    copy_reply,
    distinct_count,
    final_links,
    frequency_pieces,
    frequency_reply,
    graded_pairs,
    group_copies,
    keep_best,
    merge_copies,
    merge_frequencies,
    merge_postings,
    partition_candidates,
    postings_piece,
    postings_reply,
    prepare_partition,
    representatives,
    route_graded,
    score_partition,
    statement_count,
    statement_spans,
    statement_terms,
    terms_reply,
    weigh_partition,
    weights_total,
    worker_fingerprint,
)
from reader.xref.score import PairScore
from reader.xref.settings import DEFAULT_SETTINGS, XrefSettings
from reader.xref.terms import StatementTerms

# How long to wait for a scheduler before saying it cannot be reached.
CONNECT_TIMEOUT = "3s"
# Articles per partition when the caller does not say: big enough that a task's work
# outweighs its scheduling, small enough that a partition's index fits a worker.
ARTICLES_PER_PARTITION = 2_000

Progress = Callable[[int, int], None]


class ClusterUnavailable(Exception):
    """The scheduler could not be reached or the cluster could not be started."""


@dataclass
class ClusterRun:
    statements: list[Statement]
    pairs: dict[tuple[int, int], PairScore]
    partitions: list[list[tuple[int, int, PairScore]]]  # the links, by partition
    bounds: list[int]  # statement numbers where each partition starts (and the end)
    representative: list[int]  # each statement's representative among its copies
    kept: CacheParts | None = None  # with run_on_cluster(keep=True)


@dataclass
class CacheParts:
    """What the local link cache keeps of a run besides its links (cluster_cache.py)."""

    graded: list[tuple[int, int, PairScore]]  # every graded pair, in the local engine's order
    # Each partition's statements' terms, fetched one partition at a time as this is
    # iterated (once, while the client is open): the client never holds them all.
    terms: Iterator[list[StatementTerms]]
    holding: dict[str, int]  # how many distinct statements hold each term
    total: int  # the statement count the weights were computed from


def connect(scheduler: str, workers: int = 2):
    """A Dask client: on the scheduler at `scheduler`, or on a LocalCluster of
    `workers` processes when it is "local". Raises ClusterUnavailable."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as error:
        raise ClusterUnavailable(
            "Dask is not installed: pip install 'outlet-reader[dask]' (or '.[dask]' in a checkout)"
        ) from error
    import dask

    try:
        if scheduler == "local":
            cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",
                silence_logs=logging.ERROR,
            )
            client = Client(cluster)
            return client
        with dask.config.set({"distributed.comm.timeouts.connect": CONNECT_TIMEOUT}):
            return Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as error:
        raise ClusterUnavailable(
            f"cannot reach the Dask scheduler at {scheduler}: {error}"
        ) from error
    except ValueError as error:
        raise ClusterUnavailable(f"not a scheduler address: {scheduler!r} ({error})") from error


def close(client) -> None:
    cluster = client.cluster if hasattr(client, "cluster") else None
    client.close()
    if cluster is not None:
        cluster.close()


def default_partitions(articles: int, workers: int) -> int:
    return max(min(2 * workers, articles), -(-articles // ARTICLES_PER_PARTITION), 1)


def run_on_cluster(
    client,
    corpus: Corpus,
    partitions: int | None = None,
    shards: int | None = None,
    progress: Progress | None = None,
    on_stage: Callable[[str], None] | None = None,
    settings: XrefSettings = DEFAULT_SETTINGS,
    keep: bool = False,
) -> ClusterRun:
    """Cross-reference `corpus` on the cluster behind `client`; with `keep`, bring back
    what the local link cache keeps too (ClusterRun.kept).

    `on_stage("prepared")` is called once the statements are counted, and
    `on_stage("submitted")` once every task is submitted (tests kill a worker there)."""
    from reader.xref import cache

    mine = cache.engine_fingerprint()
    theirs = client.run(worker_fingerprint)
    if not theirs:
        raise ClusterUnavailable(f"the cluster at {client.scheduler.address} has no workers")
    others = sorted(worker for worker, fingerprint in theirs.items() if fingerprint != mine)
    if others:
        raise ClusterUnavailable(
            f"{len(others)} worker(s) ({others[0]}, ...) run another version of reader's "
            "engine or of its libraries: install the same outlet-reader[dask] there"
        )
    articles = list(corpus.articles)
    workers = len(theirs)
    count = max(
        1, min(partitions or default_partitions(len(articles), workers), len(articles) or 1)
    )
    shards = shards or count
    cuts = [len(articles) * p // count for p in range(count + 1)]
    run = uuid.uuid4().hex[:8]
    tracked = _TaskCount()

    def submit(stage: str, part: object, function, *args):
        future = client.submit(function, *args, key=f"xref-{stage}-{run}-{part}")
        tracked.add(future)
        return future

    def wait(futures):
        _wait_with_progress(futures, tracked, progress)

    entities = submit("catalogue", 0, dict, dict(corpus.entities))
    prepared = [
        submit("prepare", p, prepare_partition, articles[cuts[p] : cuts[p + 1]], entities, cuts[p])
        for p in range(count)
    ]
    counts = [submit("count", p, statement_count, prepared[p]) for p in range(count)]
    wait(counts)
    sizes = client.gather(counts)
    bounds = [0]
    for size in sizes:
        bounds.append(bounds[-1] + size)
    if on_stage:
        on_stage("prepared")

    def split(stage, futures, ways):
        return [
            [submit(stage, f"{p}-{s}", operator.getitem, futures[p], s) for s in range(ways)]
            for p in range(len(futures))
        ]

    def exchange(stage, pieces, merge, reply):
        """pieces[p][s] merged by shard s; each partition p gets reply(shard, its piece).
        The merged shards and the replies, by partition."""
        merged = [
            submit(f"{stage}-shard", s, merge, *(pieces[p][s] for p in range(count)))
            for s in range(shards)
        ]
        return merged, [
            [
                submit(f"{stage}-reply", f"{p}-{s}", reply, merged[s], pieces[p][s])
                for s in range(shards)
            ]
            for p in range(count)
        ]

    # Copies grouped before anything is weighed, as the local engine groups them.
    copy_keys = split(
        "copy-piece",
        [submit("copies", p, copy_pieces, prepared[p], bounds[p], shards) for p in range(count)],
        shards,
    )
    _, copy_replies = exchange("copy", copy_keys, merge_copies, copy_reply)
    prepared = [
        submit("grouped", p, group_copies, prepared[p], bounds[p], *copy_replies[p])
        for p in range(count)
    ]
    total = submit(
        "distinct",
        0,
        add,
        *(submit("distinct", p + 1, distinct_count, prepared[p]) for p in range(count)),
    )
    df_pieces = split(
        "df-piece",
        [submit("df", p, frequency_pieces, prepared[p], shards) for p in range(count)],
        shards,
    )
    frequencies, df_replies = exchange("df", df_pieces, merge_frequencies, frequency_reply)
    weighed = [
        submit(
            "weigh",
            p,
            weigh_partition,
            prepared[p],
            bounds[p],
            total,
            shards,
            settings,
            *df_replies[p],
        )
        for p in range(count)
    ]
    pieces = [
        [submit("postings-piece", f"{p}-{s}", postings_piece, weighed[p], s) for s in range(shards)]
        for p in range(count)
    ]
    _, postings = exchange("postings", pieces, merge_postings, postings_reply)
    found = [
        submit("candidates", p, partition_candidates, weighed[p], settings, *postings[p])
        for p in range(count)
    ]
    graded = []
    for p in range(count):
        replies = []
        for owner in range(count):
            replies.append(
                submit(
                    "terms-reply",
                    f"{p}-{owner}",
                    terms_reply,
                    weighed[owner],
                    found[p],
                    bounds,
                    owner,
                )
            )
        graded.append(submit("score", p, score_partition, weighed[p], found[p], settings, *replies))
    routed = split(
        "route-piece",
        [submit("route", p, route_graded, graded[p], bounds) for p in range(count)],
        count,
    )
    kept = split(
        "kept-piece",
        [
            submit(
                "keep",
                p,
                keep_best,
                bounds,
                settings.links_per_article,
                *(routed[q][p] for q in range(count)),
            )
            for p in range(count)
        ],
        count,
    )
    links = [
        submit("links", p, final_links, graded[p], *(kept[q][p] for q in range(count)))
        for p in range(count)
    ]
    spans = [submit("spans", p, statement_spans, prepared[p]) for p in range(count)]
    firsts = [submit("representatives", p, representatives, prepared[p]) for p in range(count)]
    extra = []
    if keep:
        extra = [
            [submit("graded", p, graded_pairs, graded[p]) for p in range(count)],
            [submit("terms", p, statement_terms, prepared[p]) for p in range(count)],
            frequencies,
            [submit("total", 0, weights_total, weighed[0])],
        ]
    # Every task is submitted: from here the client holds only what it gathers, so the
    # workers free each intermediate result (partitions, shards, indexes) as soon as the
    # tasks that read it are done, instead of keeping every stage to the end. A result
    # lost with a worker is still computed again from the graph, which Dask keeps.
    del entities, prepared, copy_keys, copy_replies, total, df_pieces, df_replies
    del weighed, pieces, postings, found, graded, replies, routed, kept
    if not keep:
        del frequencies
    if on_stage:
        on_stage("submitted")
    wait(links + spans + firsts + [future for futures in extra for future in futures])
    by_partition = client.gather(links)
    statements = _statements(corpus, [span for part in client.gather(spans) for span in part])
    pairs = {(i, j): score for part in by_partition for i, j, score in part}
    representative = [first for part in client.gather(firsts) for first in part]
    kept = None
    if keep:
        graded_rows, holding, (total,) = (client.gather(extra[k]) for k in (0, 2, 3))
        kept = CacheParts(
            [row for part in graded_rows for row in part],
            (future.result() for future in extra[1]),
            {term: n for shard in holding for term, n in shard.items()},
            total,
        )
    return ClusterRun(statements, pairs, by_partition, bounds, representative, kept)


def _statements(corpus: Corpus, spans: list[tuple]) -> list[Statement]:
    from reader.model import Span

    texts = {a.id: a.text for a in corpus.articles}
    return [
        Statement(article_id, index, Span(start, end), texts[article_id][start:end], quote_id)
        for article_id, index, start, end, quote_id in spans
    ]


class _TaskCount:
    """The tasks submitted and finished, for progress. Holds a task's future only until
    it is seen finished: a future held keeps its result in a worker's memory."""

    def __init__(self) -> None:
        self.pending: list = []
        self.submitted = 0
        self.finished = 0

    def add(self, future) -> None:
        self.pending.append(future)
        self.submitted += 1

    def update(self) -> None:
        running = [f for f in self.pending if f.status != "finished"]
        self.finished += len(self.pending) - len(running)
        self.pending = running


def _wait_with_progress(futures, tracked: _TaskCount, progress: Progress | None) -> None:
    """Wait for `futures`, reporting the tasks finished among all submitted so far.

    A task that failed for good (Dask retries those on a lost worker) raises here."""
    while True:
        tracked.update()
        if progress:
            progress(tracked.finished, tracked.submitted)
        for future in futures:
            if future.status == "error":
                future.result()
        if all(f.status == "finished" for f in futures):
            return
        time.sleep(0.25)


def default_store_path(corpus: Corpus) -> Path:
    """Where a run's link store goes when the caller names none: beside the link cache,
    one directory per corpus digest."""
    from reader.xref.cache import corpus_digest, default_cache_path

    return default_cache_path().parent / "link-stores" / corpus_digest(corpus)[:16]


def cross_reference_on_cluster(
    corpus: Corpus,
    scheduler: str,
    *,
    workers: int = 2,
    partitions: int | None = None,
    store: Path | None = None,
    cache: bool | Path = True,
    progress: Progress | None = None,
    say: Callable[[str], None] = lambda message: None,
    settings: XrefSettings = DEFAULT_SETTINGS,
):
    """Cross-reference `corpus` on a cluster; write the Parquet link store (to `store`,
    or default_store_path()) and, with `cache`, save the links to the local link cache.

    Returns the CrossReference and the store's directory. `say` gets the dashboard's
    address; raises ClusterUnavailable when there is no cluster to run on."""
    from reader.xref.crossref import CrossReference
    from reader.xref.linkstore import write_link_store

    client = connect(scheduler, workers)
    try:
        say(f"Dask dashboard: {client.dashboard_link}")
        run = run_on_cluster(
            client, corpus, partitions, progress=progress, settings=settings, keep=bool(cache)
        )
        notes: list[str] = []
        if cache:  # while the client is open: the terms come partition by partition
            from reader.xref.cache import default_cache_path
            from reader.xref.cluster_cache import keep_cluster_run

            path = cache if isinstance(cache, Path) else default_cache_path()
            notes = keep_cluster_run(corpus, run, path, settings)
    finally:
        close(client)
    store = store or default_store_path(corpus)
    write_link_store(store, corpus, run.statements, run.partitions, run.bounds)
    cross = CrossReference(
        corpus, run.statements, run.pairs, settings, notes=notes, representative=run.representative
    )
    return cross, store
