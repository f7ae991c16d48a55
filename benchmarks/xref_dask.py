"""The local engine against a LocalCluster of 2 workers, on generated corpora.

    python benchmarks/xref_dask.py                    # 1,000 and 10,000 articles
    python benchmarks/xref_dask.py --sizes 1000 10000 100000 --workers 2

For each size, a synthetic corpus (benchmarks/synthetic_corpus.py) is cross-referenced
twice, each in a fresh process so that peak memory is that run's own:

- local: the local engine, as `reader xref --no-cache` runs it;
- cluster: `run_on_cluster` on a LocalCluster of N worker processes (one thread each)
  started in that process; the cluster's start-up is timed apart.

Printed per size: wall time of each; peak memory (resident) of the local process and
of each worker; whether the links are the same (pairs and grades, scores within 1e-9);
and, from the task stream, the task-seconds spent per stage. The projection to
1,000,000 articles takes the measured task-seconds per article of the largest size,
and assumes that they stay constant per article (past 15,000 statements a term's
postings are capped at INFORMATIVE_CEILING, so a statement's candidate work no longer
grows with the corpus) and that the work spreads evenly over the workers; the
scheduler's own time (about 1 ms a task, an assumption) is added for the task count.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The scheduler's own time per task (Dask's documented order of magnitude, ~1 ms): an
# assumption, since on this shared machine the measured overhead is mostly waiting.
SCHEDULER_MS_PER_TASK = 1.0
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))


def local_run(articles: int, seed: int, links_file: str) -> dict:
    from synthetic_corpus import generate

    from reader.xref.crossref import best_links, prepare, scored_pairs

    corpus = generate(articles, seed=seed).corpus
    started = time.perf_counter()
    prepared = prepare(corpus)
    pairs = best_links(scored_pairs(prepared), prepared.article_of)
    seconds = time.perf_counter() - started
    Path(links_file).write_text(
        json.dumps([[i, j, r.score, r.grade] for (i, j), r in sorted(pairs.items())])
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "peak_mb": peak, "links": len(pairs)}


def _worker_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cluster_run(articles: int, seed: int, workers: int, partitions: int | None, links_file: str):
    import distributed
    from synthetic_corpus import generate

    from reader.xref.cluster_cache import keep_cluster_run
    from reader.xref.dask_client import run_on_cluster
    from reader.xref.settings import DEFAULT_SETTINGS

    corpus = generate(articles, seed=seed).corpus
    started = time.perf_counter()
    cluster = distributed.LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
    )
    client = distributed.Client(cluster)
    client.wait_for_workers(workers)
    startup = time.perf_counter() - started
    try:
        started = time.perf_counter()
        with distributed.get_task_stream(client) as stream:
            # keep=True: what `reader xref --scheduler` runs, bringing back what the
            # local link cache keeps (every graded pair, each statement's terms)
            run = run_on_cluster(client, corpus, partitions, keep=True)
        seconds = time.perf_counter() - started
        started = time.perf_counter()
        with tempfile.TemporaryDirectory() as cache:
            keep_cluster_run(corpus, run, Path(cache) / "xref.sqlite", DEFAULT_SETTINGS)
        keeping = time.perf_counter() - started
        peaks = sorted(client.run(_worker_peak_mb).values())
    finally:
        client.close()
        cluster.close()
    stages: dict[str, float] = defaultdict(float)
    for task in stream.data:
        match = re.match(r"xref-(.+?)-[0-9a-f]{8}-", str(task["key"]))
        stage = match.group(1) if match else "other"
        for part in task["startstops"]:
            if part["action"] == "compute":
                stages[stage] += part["stop"] - part["start"]
    local = json.loads(Path(links_file).read_text())
    mine = [[i, j, r.score, r.grade] for (i, j), r in sorted(run.pairs.items())]
    same = len(local) == len(mine) and all(
        a[:2] == b[:2] and a[3] == b[3] and abs(a[2] - b[2]) <= 1e-9
        for a, b in zip(local, mine, strict=True)
    )
    return {
        "client_peak_mb": _worker_peak_mb(),  # the client's process, with the scheduler
        "startup": startup,
        "seconds": seconds,
        "keep_seconds": keeping,  # saving the run to the local link cache
        "worker_peak_mb": peaks,
        "partitions": len(run.partitions),
        "tasks": len(stream.data),
        "stages": dict(stages),
        "same": same,
    }


def in_fresh_process(kind: str, *args) -> dict:
    code = (
        f"import json, sys; sys.path.insert(0, {str(HERE)!r}); import xref_dask; "
        f"print(json.dumps(xref_dask.{kind}_run(*{args!r})))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"{kind} run of {args[0]} articles failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--partitions", type=int, default=None)
    parser.add_argument(
        "--per-partition",
        type=int,
        default=None,
        help="articles per partition (partitions scaled with the size; at least 2 a worker)",
    )
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    header = (
        f"{'articles':>9} {'local s':>8} {'local MB':>9} {'start s':>8} {'cluster s':>10} "
        f"{'worker MB':>14} {'client MB':>10} {'keep s':>7} {'parts':>6} {'tasks':>6} {'same':>5}"
    )
    print(header)
    for size in args.sizes:
        partitions = args.partitions
        if args.per_partition:
            partitions = max(2 * args.workers, size // args.per_partition)
        with tempfile.NamedTemporaryFile(suffix=".json") as links:
            local = in_fresh_process("local", size, args.seed, links.name)
            cluster = in_fresh_process(
                "cluster", size, args.seed, args.workers, partitions, links.name
            )
        peaks = "/".join(f"{mb:.0f}" for mb in cluster["worker_peak_mb"])
        print(
            f"{size:>9,} {local['seconds']:>8.1f} {local['peak_mb']:>9.0f} "
            f"{cluster['startup']:>8.1f} {cluster['seconds']:>10.1f} {peaks:>14} "
            f"{cluster['client_peak_mb']:>10.0f} {cluster['keep_seconds']:>7.1f} "
            f"{cluster['partitions']:>6} {cluster['tasks']:>6} {str(cluster['same']):>5}",
            flush=True,
        )
        print_costs(size, local, cluster, args.workers)
        print(header)
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


def print_costs(size: int, local: dict, cluster: dict, workers: int) -> None:
    stages = cluster["stages"]
    task_seconds = sum(stages.values())
    print(f"  task-seconds by stage at {size:,} articles (sum {task_seconds:.1f} s):")
    for stage, seconds in sorted(stages.items(), key=lambda item: -item[1]):
        if seconds >= 0.05 * task_seconds:
            print(f"    {stage:<16} {seconds:>8.1f}")
    # What the run cost beyond the tasks' own work, spread over the workers: scheduling,
    # transfers, the client's share (on a machine shared with other work, mostly waiting).
    overhead = max(cluster["seconds"] - task_seconds / workers, 0.0)
    per_article = task_seconds / size
    print(
        f"  {per_article * 1000:.1f} task-ms per article (local engine "
        f"{local['seconds'] / size * 1000:.1f} ms per article); beyond the tasks' work "
        f"spread over {workers} workers, {overhead:.0f} s of scheduling, transfers, waiting"
    )
    print(
        "  projection to 1,000,000 articles: task-seconds per article as measured here, "
        f"spread evenly, plus {SCHEDULER_MS_PER_TASK} ms of scheduler time per task:"
    )
    for cluster_workers in (16, 64):
        partitions = 4 * cluster_workers
        tasks = 10 * partitions**2 + 13 * partitions + 2  # the graph's shape, shards = partitions
        hours = (1_000_000 * per_article / cluster_workers) / 3600
        hours += tasks * SCHEDULER_MS_PER_TASK / 1000 / 3600
        print(
            f"    {cluster_workers:>3} workers, {partitions} partitions ({tasks:,} tasks): "
            f"about {hours:.1f} h"
        )


if __name__ == "__main__":
    main()
