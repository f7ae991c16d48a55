"""How the command line scales on corpus directories of thousands of article files.

    python benchmarks/corpus_dirs.py                      # 1,000 articles
    python benchmarks/corpus_dirs.py --sizes 1000 10000

For each size, a corpus directory is written (benchmarks/corpus_writer.py: real
sentences from the seeds' raw pages recombined, names respelled, stories covered by
several outlets, and a share of wire stories carried verbatim by many outlets), and
each command runs in a fresh process with cache directories of its own:

- check: `reader check DIR`;
- xref cold: `reader xref --corpus DIR --format csv --article a00000` with empty
  caches (the whole corpus is cross-referenced; one article's links are printed);
- xref warm: the same again, nothing changed;
- xref +1: after one article file was added (the caches of the warm run);
- xref edit: after one article file was edited;
- xref -1: after that article file was removed again.

Output goes to /dev/null. Printed per command: wall time, CPU time (user + system:
on a shared machine the fairer measure), its CPU share of the cold run, and the
process's peak resident memory (from os.wait4, the child's own).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# CSV: every link with its aligned passages, without the per-link `why` of the JSON
# export (its cost is the explanation's, not the engine's).
FORMAT = "csv"
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float, float, int]:
    """Wall seconds, CPU seconds, peak RSS in MB and the exit code of
    `python -m reader argv`."""
    started = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "reader", *argv], stdout=sink, stderr=sink, env=env
        )
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return time.perf_counter() - started, cpu, usage.ru_maxrss / 1024, process.returncode


def measure(
    articles: int, seed: int, keep: Path | None
) -> list[tuple[str, float, float, float, int]]:
    from corpus_writer import write_article, write_corpus

    work = Path(tempfile.mkdtemp(prefix="reader-corpus-dirs-"))
    try:
        corpus = work / "corpus"
        started = time.perf_counter()
        spare = write_corpus(corpus, articles, seed=seed)
        print(f"  wrote {articles:,} articles in {time.perf_counter() - started:.1f} s", flush=True)
        env = dict(os.environ)
        for name in ("XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME"):
            env[name] = str(work / name.lower())
        # One article's links printed: the runs measure cross-referencing the corpus
        # (every run computes or reads all of it), not writing every link's alignment.
        xref = ["xref", "--corpus", str(corpus), "--format", FORMAT, "--article", "a00000"]
        rows = []

        def timed(label: str, argv: list[str]) -> None:
            seconds, cpu, peak, code = run(argv, env)
            rows.append((label, seconds, cpu, peak, code))
            print(
                f"  {label}: {seconds:.1f} s, {cpu:.1f} s CPU, {peak:.0f} MB, exit {code}",
                flush=True,
            )

        timed("check", ["check", str(corpus)])
        timed("xref cold", xref)
        timed("xref warm", xref)
        added = write_article(corpus, spare)
        timed("xref +1 article", xref)
        text = added.read_text(encoding="utf-8")
        added.write_text(text.replace("paragraph: ", "paragraph: Meanwhile, ", 1), "utf-8")
        timed("xref 1 edited", xref)
        added.unlink()
        timed("xref -1 article", xref)
        if keep is not None:
            shutil.copytree(corpus, keep / f"corpus-{articles}", dirs_exist_ok=True)
        return rows
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--keep", type=Path, help="copy each corpus written into this dir")
    args = parser.parse_args()
    table = []
    for size in args.sizes:
        print(f"{size:,} articles", flush=True)
        for label, seconds, cpu, peak, code in measure(size, args.seed, args.keep):
            table.append((size, label, seconds, cpu, peak, code))
    print()
    print("| articles | command | time | CPU time | CPU, of cold xref | peak memory |")
    print("| ---: | --- | ---: | ---: | ---: | ---: |")
    cold = {size: cpu for size, label, _, cpu, _, _ in table if label == "xref cold"}
    for size, label, seconds, cpu, peak, code in table:
        share = f"{100 * cpu / cold[size]:.1f}%" if label.startswith("xref") else ""
        flag = "" if code == 0 else f" (exit {code})"
        print(
            f"| {size:,} | {label}{flag} | {seconds:.1f} s | {cpu:.1f} s | {share} "
            f"| {peak:,.0f} MB |"
        )


if __name__ == "__main__":
    main()
