"""Running the import's work over the cores, in input order, stoppable between items.

Work goes to worker processes a few items at a time (never the whole queue), so a
Ctrl-C stops the run within an item or two: the items in hand finish, nothing more is
started, and the main process, which alone writes to the corpus, ends cleanly.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator

from reader.annotate.import_work import Context, Prepared, Task, prepare, start_worker

PARALLEL_FROM = 4  # fewer items than this are not worth starting processes for


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def prepared_items(
    tasks: list[Task], context: Context, jobs: int, stop: Callable[[], bool]
) -> Iterator[Prepared]:
    """Each task's result, in the order given; stops early once `stop()` is true."""
    if jobs <= 1 or len(tasks) < PARALLEL_FROM:
        start_worker_in_process(context)
        for task in tasks:
            if stop():
                return
            yield prepare(task, context)
        return
    yield from _in_processes(tasks, context, jobs, stop)


def start_worker_in_process(context: Context) -> None:
    from reader.annotate.mentions import MentionFinder

    context.finder = context.finder or MentionFinder(context.entities)


def _in_processes(
    tasks: Iterable[Task], context: Context, jobs: int, stop: Callable[[], bool]
) -> Iterator[Prepared]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from reader.annotate.import_work import prepare_in_worker

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
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
            pending.append(pool.submit(prepare_in_worker, task))
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
                    pending.append(pool.submit(prepare_in_worker, following))
    finally:
        # The items in hand finish (workers ignore SIGINT); nothing new starts.
        pool.shutdown(wait=True, cancel_futures=True)
