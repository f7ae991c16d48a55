"""Running the import's work over the cores, in input order, stoppable between items.

Work goes to worker processes a few items at a time (never the whole queue), so a
Ctrl-C stops the run within an item or two: the items in hand finish, nothing more is
started, and the main process, which alone writes to the corpus, ends cleanly.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator

from reader.annotate.import_work import Context, Prepared, Task, prepare, scan, start_worker

PARALLEL_FROM = 4  # fewer items than this are not worth starting processes for


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def prepared_items(
    tasks: list[Task],
    context: Context,
    jobs: int,
    stop: Callable[[], bool],
    first_pass: bool = False,
) -> Iterator[Prepared]:
    """Each task's result, in the order given; stops early once `stop()` is true.
    `first_pass`: read the inputs and find their names; else annotate them."""
    if jobs <= 1 or len(tasks) < PARALLEL_FROM:
        start_worker_in_process(context)
        work = scan if first_pass else prepare
        for task in tasks:
            if stop():
                return
            yield work(task, context)
        return
    yield from _in_processes(tasks, context, jobs, stop, first_pass)


def start_worker_in_process(context: Context) -> None:
    from reader.annotate.mentions import MentionFinder

    context.finder = context.finder or MentionFinder(context.entities)


def warm_up(tasks: list[Task]) -> None:
    """Load once, before the workers fork, what every worker would load for itself: the
    lemma dictionary (seconds to read) and, for HTML pages, the extractor."""
    import simplemma

    simplemma.is_known("word", lang="en")
    if any(task.kind == "html" for task in tasks):
        import trafilatura  # noqa: F401


def _in_processes(
    tasks: list[Task], context: Context, jobs: int, stop: Callable[[], bool], first_pass: bool
) -> Iterator[Prepared]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from reader.annotate.import_work import prepare_in_worker, scan_in_worker

    work = scan_in_worker if first_pass else prepare_in_worker
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    if method == "fork":
        warm_up(tasks)
    pool = ProcessPoolExecutor(
        jobs,
        mp_context=multiprocessing.get_context(method),
        initializer=start_worker,
        initargs=(context,),
    )
    pending: deque = deque()
    queue = iter(tasks)
    try:
        for task in queue:
            pending.append(pool.submit(work, task))
            if len(pending) >= jobs * 4:
                break
        while pending:
            result = pending.popleft().result()
            if stop():
                break
            yield result
            if not stop():
                following = next(queue, None)
                if following is not None:
                    pending.append(pool.submit(work, following))
    finally:
        # The items in hand finish (workers ignore SIGINT); nothing new starts.
        pool.shutdown(wait=True, cancel_futures=True)
