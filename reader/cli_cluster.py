"""`reader xref` on a Dask cluster, and from a Parquet link store (docs/cluster.md).

Apart from cli.py so that the plain `reader xref` neither reads nor imports any of it.
"""

from __future__ import annotations

import argparse
import sys


def cluster_cross_reference(corpus, args: argparse.Namespace):
    """The links computed on a Dask cluster (docs/cluster.md), or None after saying why."""
    from reader.xref.dask_client import ClusterUnavailable, cross_reference_on_cluster

    progress = TaskProgress(sys.stderr)
    try:
        xref, store = cross_reference_on_cluster(
            corpus,
            args.scheduler,
            workers=args.workers or 2,
            partitions=args.partitions,
            store=args.link_store,
            cache=not args.no_cache,
            progress=progress,
            say=lambda message: print(message, file=sys.stderr, flush=True),
        )
    except ClusterUnavailable as error:
        progress.end()
        print(f"reader xref: {error}", file=sys.stderr)
        return None
    except Exception as error:  # a task failed for good on the cluster
        progress.end()
        print(
            f"reader xref: the cluster run failed: {type(error).__name__}: {error}", file=sys.stderr
        )
        return None
    progress.end()
    print(f"reader xref: link store written to {store}", file=sys.stderr)
    return xref


def stored_cross_reference(corpus, args: argparse.Namespace):
    """The links of a Parquet link store, or None after saying why. They are not kept
    in the link cache: it keeps every graded pair and each statement's terms, which a
    store does not hold (a `--scheduler` run keeps them itself)."""
    from reader.xref import CrossReference
    from reader.xref.linkstore import LinkStoreError, read_link_store

    try:
        statements, pairs = read_link_store(args.link_store, corpus)
    except LinkStoreError as error:
        print(f"reader xref: {error}", file=sys.stderr)
        return None
    return CrossReference(corpus, statements, pairs)


class TaskProgress:
    """Tasks done / submitted on the cluster, on stderr: one line redrawn on a terminal,
    a line every few seconds elsewhere (a log)."""

    def __init__(self, stream):
        self.stream = stream
        self.live = stream.isatty()
        self.shown = ""
        self.last = 0.0

    def __call__(self, done: int, total: int) -> None:
        import time

        line = f"xref on the cluster: {done}/{total} tasks"
        if line == self.shown:
            return
        now = time.monotonic()
        if self.live:
            self.stream.write("\r" + line)
        elif now - self.last >= 5 or done == total:
            self.stream.write(line + "\n")
        else:
            return
        self.shown, self.last = line, now
        self.stream.flush()

    def end(self) -> None:
        if self.live and self.shown:
            self.stream.write("\n")
            self.stream.flush()
            self.shown = ""
