"""How the app starts and answers on a corpus directory of thousands of article files.

    python benchmarks/app_scale.py                       # 1,000 articles
    python benchmarks/app_scale.py --sizes 1000 10000
    python benchmarks/app_scale.py --keep DIR            # write (or reuse) the corpora there

For each size a corpus directory is written (benchmarks/corpus_writer.py: real sentences
recombined, names respelled, a share of wire stories carried verbatim), then, each in a
fresh process with cache and state directories of its own:

- first paint, cold: empty caches; from launching the process to the first frame with
  the article's text drawn in it, timed as its first line of text is drawn (and the
  process's CPU time by then). (Timed one refresh later, as startup.py times its frame,
  the figures grow by a frame's wait: the bundled corpus read 1.7x a bare app then.);
- all in, cold: the same run, until every pane is mounted and the article list holds
  the whole corpus;
- first paint and all in, warm: the same with the caches a cold run left, paired with a
  bare Textual app (startup.py's) run just before or after, so drift in a shared machine
  hits both; the ratio is the median of the pairs' ratios (target: 1.5x, and cold under
  3 s);
- key latency: the app on Pilot (headless, 120x40), corpus cache warm, link store
  empty. Each key is posted to the app as the terminal would, and timed until the
  result is on screen: the state changed (or the app said why it cannot, in a
  notification) and the next frame painted. `j` (the cursor), `]` (the next article),
  `enter` (follow a link), `c` (compare), `v` (coverage), the entity screen (asked for
  as choosing an entity asks: a generated corpus has no annotated mentions for the side
  panel to list), a palette query (typed into ctrl+p, until a hit holding it is among
  the first five). For `c`, `v` and the entity screen, "filled" is until the screen's
  own workers are done too; "UI thread CPU" is the interface thread's own CPU time over
  the answer (on a loaded machine the wall time also waits for the cores). Timed first
  while the app's cross-referencing worker runs, then after it finished (if it does
  within --xref-wait). Target: 100 ms. No answer within 120 s reads "no answer".

Peak memory is each process's own (os.wait4). The load average is printed: on a shared
machine wall times stretch; the CPU time of the cold runs is printed beside them.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import startup  # noqa: E402  (benchmarks/startup.py: the bare Textual app baseline)

PAINT_TARGET = 1.5  # warm first paint, of a bare app's
COLD_TARGET = 3.0  # seconds, cold first paint
KEY_TARGET = 0.1  # seconds
LONGEST = 120.0  # seconds: a key not answered by then is "no answer"

# A child run: the reader on CORPUS, printing when its first frame with text was painted
# and when everything was in, then leaving at once (the cross-referencing worker is not
# waited for).
PAINT = """
import os, sys, time
from reader.tui.app import ReaderApp
from reader.tui.widgets.article_view import ArticleView

drawn = []
draw = ArticleView.render_line

def render_line(view, y):
    strip = draw(view, y)
    if strip.text.strip() and not drawn:  # the frame being drawn now has the text
        drawn.append(y)
        view.app.painted()
    return strip

ArticleView.render_line = render_line

class Timed(ReaderApp):
    def painted(self):
        print(time.time(), time.process_time(), flush=True)
        self.set_interval(0.005, self.check_all_in)

    def check_all_in(self):
        main = self.main
        if main.complete and self.corpus is not None and len(main.articles) == {articles}:
            from reader.tui.widgets.article_list import ArticleList
            if len(main.query_one("#articles", ArticleList).rows.articles) == {articles}:
                self.call_after_refresh(self.all_in)

    def all_in(self):
        print(time.time(), time.process_time(), flush=True)
        os._exit(0)

Timed({corpus!r}).run(headless=True, size=(120, 40))
"""


# startup.py's bare app (the baseline both benchmarks hold the reader to), printing its
# CPU time too
BARE = startup.BARE.replace("print(time.time())", "print(time.time(), time.process_time())")
assert BARE != startup.BARE, "startup.BARE no longer prints its time as expected"


def child_env(base: Path) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONPYCACHEPREFIX=str(base / "pycache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for name in ("XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME"):
        env[name] = str(base / name.lower())
    env["READER_STATE_DIR"] = str(base / "state")
    return env


def run_timed(argv: list[str], env: dict[str, str]) -> tuple[str, float, float]:
    """The child's output, its CPU seconds and its peak resident memory in MB."""
    process = subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT, text=True
    )
    # Read both pipes in threads-free order: the children print little.
    _, status, usage = os.wait4(process.pid, 0)
    out = process.stdout.read() if process.stdout else ""
    err = process.stderr.read() if process.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"a timed run failed ({' '.join(argv[1:3])}):\n{err[-3000:]}")
    return out, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def paint_run(code: str, env: dict[str, str]) -> tuple[list[tuple[float, float]], float]:
    """(wall seconds since launch, CPU seconds of the process) at each time the child
    printed, and its peak memory."""
    launched = time.time()
    out, _, peak = run_timed([sys.executable, "-c", code], env)
    times = [line.split() for line in out.splitlines()]
    return [(float(wall) - launched, float(cpu)) for wall, cpu in times], peak


def measure_paint(corpus: Path, articles: int, base: Path, cold_runs: int, warm_runs: int):
    code = PAINT.format(corpus=str(corpus), articles=articles)
    rows: dict[str, list[float]] = {
        name: []
        for name in (
            "bare",
            "bare CPU",
            "cold paint",
            "cold paint CPU",
            "cold all in",
            "cold all in CPU",
            "warm paint",
            "warm paint CPU",
            "warm all in",
            "ratio",
            "CPU ratio",
        )
    }
    peaks = []
    warm_env = child_env(base / "warm")
    for _ in range(2):  # bytecode compiled, files in the page cache; the warm caches filled
        paint_run(BARE, warm_env)
        paint_run(code, warm_env)
    for run in range(cold_runs):
        cold = base / f"cold-{run}"
        env = child_env(cold)
        env["PYTHONPYCACHEPREFIX"] = warm_env["PYTHONPYCACHEPREFIX"]  # the code is not cold
        ((paint, paint_cpu), (all_in, all_in_cpu)), peak = paint_run(code, env)
        rows["cold paint"].append(paint)
        rows["cold paint CPU"].append(paint_cpu)
        rows["cold all in"].append(all_in)
        rows["cold all in CPU"].append(all_in_cpu)
        peaks.append(peak)
        shutil.rmtree(cold, ignore_errors=True)
        print(
            f"  cold: paint {paint:.2f} s ({paint_cpu:.2f} s CPU), all in {all_in:.2f} s "
            f"({all_in_cpu:.1f} s CPU)",
            flush=True,
        )
    for run in range(warm_runs):
        if run % 2:
            ((bare, bare_cpu),), _ = paint_run(BARE, warm_env)
        ((paint, paint_cpu), (all_in, _)), peak = paint_run(code, warm_env)
        if not run % 2:
            ((bare, bare_cpu),), _ = paint_run(BARE, warm_env)
        rows["bare"].append(bare)
        rows["bare CPU"].append(bare_cpu)
        rows["warm paint"].append(paint)
        rows["warm paint CPU"].append(paint_cpu)
        rows["warm all in"].append(all_in)
        rows["ratio"].append(paint / bare)
        rows["CPU ratio"].append(paint_cpu / bare_cpu)
        peaks.append(peak)
    print(
        f"  warm: paint {statistics.median(rows['warm paint']):.3f} s, bare "
        f"{statistics.median(rows['bare']):.3f} s, ratio {statistics.median(rows['ratio']):.2f}"
        f" (CPU {statistics.median(rows['CPU ratio']):.2f})",
        flush=True,
    )
    return {name: statistics.median(values) for name, values in rows.items()} | {"peak": max(peaks)}


# Key latency, in a child process of its own


async def latencies(corpus: Path, articles: int, repeats: int, xref_wait: float) -> dict:
    from textual import events
    from textual.command import CommandList, CommandPalette

    from reader.tui import messages
    from reader.tui.app import ReaderApp
    from reader.tui.location import Location
    from reader.tui.screens.compare import CompareScreen
    from reader.tui.screens.coverage import CoverageScreen
    from reader.tui.screens.entity import EntityScreen
    from reader.tui.widgets.article_view import ArticleView

    class Probe(ReaderApp):
        notes = 0

        def notify(self, *args, **kwargs):
            self.notes += 1
            return super().notify(*args, **kwargs)

    app = Probe(corpus)
    results: dict[str, dict[str, list[float]]] = {}

    async def until(condition, timeout: float = 30.0) -> bool:
        deadline = time.perf_counter() + timeout
        while not condition():
            if time.perf_counter() > deadline:
                return False
            await asyncio.sleep(0.001)
        return True

    async def painted() -> None:
        done = asyncio.get_running_loop().create_future()
        app.screen.call_after_refresh(lambda: done.done() or done.set_result(None))
        await done

    def post(key: str) -> None:
        character = {"space": " "}.get(key, key if len(key) == 1 else None)
        app.post_message(events.Key(key, character))

    async def timed(
        phase: str, name: str, keys: list[str] | Callable[[], object], answered, filled=None
    ) -> None:
        notes = app.notes
        started, ui_started = time.perf_counter(), time.thread_time()
        if callable(keys):
            keys()
        else:
            for key in keys:
                post(key)
        ok = await until(lambda: answered() or app.notes > notes, LONGEST)
        await painted()
        answer = time.perf_counter() - started if ok else float("inf")
        ui = time.thread_time() - ui_started  # the interface thread's own CPU time
        full = answer
        if filled is not None and app.notes == notes:
            ok = await until(filled, LONGEST)
            await painted()
            full = time.perf_counter() - started if ok else float("inf")
        results.setdefault(phase, {}).setdefault(name, []).append(answer)
        results[phase].setdefault(f"{name} (UI thread CPU)", []).append(ui)
        if filled is not None:
            results[phase].setdefault(f"{name} filled", []).append(full)

    def screen_workers_done() -> bool:
        screen = app.screen
        return not any(
            worker.node is screen
            or (hasattr(worker.node, "screen") and worker.node.screen is screen)
            for worker in app.workers
            if not worker.is_finished
        )

    async def home() -> None:
        while len(app.screen_stack) > 1:
            app.pop_screen()
        await painted()
        app.main.set_focus(app.main.query_one(ArticleView))
        await painted()

    async def round_of_keys(phase: str) -> None:
        main = app.main
        view = main.query_one(ArticleView)
        for _ in range(repeats):
            await home()
            cursor = view.cursor_span
            await timed(phase, "j", ["j"], lambda cursor=cursor: view.cursor_span != cursor)
            article = main.article
            await timed(
                phase,
                "]",
                ["right_square_bracket"],
                lambda article=article: main.article is not article,
            )
            await home()
            if app.xref is not None:  # to a statement with links, to follow one
                for candidate in app.corpus.articles[:200]:
                    linked = [
                        s for s in app.xref.statements(candidate.id) if app.xref.links_from(s)
                    ]
                    if linked:
                        main.open(Location(candidate.id, cursor=linked[0].span.start))
                        await painted()
                        break
            article = main.article
            await timed(
                phase, "enter", ["enter"], lambda article=article: main.article is not article
            )
            await home()
            await timed(
                phase,
                "c",
                ["c"],
                lambda: isinstance(app.screen, CompareScreen),
                lambda: isinstance(app.screen, CompareScreen) and screen_workers_done(),
            )
            await home()
            await timed(
                phase,
                "v",
                ["v"],
                lambda: isinstance(app.screen, CoverageScreen),
                lambda: isinstance(app.screen, CoverageScreen) and screen_workers_done(),
            )
            await home()
            # The side panel lists the open article's annotated mentions; a generated
            # corpus has none, so the screen is asked for as choosing one asks for it.
            entity = next(iter(app.corpus.entities))
            started_entity = partial(main.post_message, messages.ShowEntity(entity))
            await timed(
                phase,
                "entity",
                started_entity,
                lambda: isinstance(app.screen, EntityScreen),
                lambda: isinstance(app.screen, EntityScreen) and screen_workers_done(),
            )
            await home()
            post("ctrl+p")
            await until(lambda: isinstance(app.screen, CommandPalette))
            await painted()
            title = app.corpus.articles[len(app.corpus.articles) // 2].title
            query = " ".join(title.split()[:2])[:14].lower()

            def listed(query: str = query) -> bool:
                if not isinstance(app.screen, CommandPalette):
                    return False
                options = app.screen.query_one(CommandList)
                return options.option_count > 0 and any(
                    query in str(options.get_option_at_index(n).prompt).lower()
                    for n in range(min(options.option_count, 5))
                )

            await timed(phase, "palette", ["space" if c == " " else c for c in query], listed)
            await home()

    async with app.run_test(size=(120, 40)) as pilot:
        del pilot
        await until(
            lambda: (
                app.corpus is not None
                and app.main.complete
                and len(app.corpus.articles) == articles
            ),
            600,
        )
        await until(lambda: app.xref_status.name != "WAITING", 60)
        running = app.xref_status.name == "RUNNING"
        if running:
            await round_of_keys("xref running")
            running_after = app.xref_status.name == "RUNNING"
        else:
            running_after = False
        finished = await until(lambda: not app.xref_pending, xref_wait)
        if finished:
            await round_of_keys("after xref")
        status = app.xref_status.name
        app.exit()
    return {
        "results": results,
        "xref running throughout": running and running_after,
        "xref status": status,
    }


def measure_latency(corpus: Path, articles: int, base: Path, repeats: int, xref_wait: float):
    env = child_env(base / "warm")  # the corpus cache warm
    for name in ("XDG_CACHE_HOME", "READER_STATE_DIR"):  # a link store of its own, empty
        shutil.copytree(env[name], base / f"latency-{name}", dirs_exist_ok=True)
        env[name] = str(base / f"latency-{name}")
    for sqlite in Path(env["XDG_CACHE_HOME"]).rglob("*.sqlite*"):
        sqlite.unlink()
    argv = [
        sys.executable,
        str(HERE / "app_scale.py"),
        "--child-latency",
        str(corpus),
        "--sizes",
        str(articles),
        "--repeats",
        str(repeats),
        "--xref-wait",
        str(xref_wait),
    ]
    out, cpu, peak = run_timed(argv, env)
    return json.loads(out) | {"cpu": cpu, "peak": peak}


def corpus_for(size: int, seed: int, keep: Path | None, scratch: Path) -> Path:
    from corpus_writer import write_corpus

    where = (keep if keep is not None else scratch) / f"corpus-{size}"
    if not where.is_dir():
        started = time.perf_counter()
        write_corpus(where, size, seed=seed)
        print(f"  wrote {size:,} articles in {time.perf_counter() - started:.1f} s", flush=True)
    return where


def milliseconds(values: list[float]) -> str:
    if not values:
        return "-"
    if any(v == float("inf") for v in values):
        return "no answer"
    return f"{statistics.median(values) * 1000:.0f} ms (max {max(values) * 1000:.0f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--keep", type=Path, help="write the corpora here (reused if there)")
    parser.add_argument("--cold-runs", type=int, default=3)
    parser.add_argument("--warm-runs", type=int, default=9)
    parser.add_argument("--repeats", type=int, default=3, help="of each key")
    parser.add_argument(
        "--xref-wait", type=float, default=900, help="seconds to wait for cross-referencing"
    )
    parser.add_argument("--skip-latency", action="store_true")
    parser.add_argument("--child-latency", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_latency is not None:
        result = asyncio.run(
            latencies(args.child_latency, args.sizes[0], args.repeats, args.xref_wait)
        )
        print(json.dumps(result))
        return 0
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
    table = []
    with tempfile.TemporaryDirectory(prefix="reader-app-scale-") as scratch:
        for size in args.sizes:
            print(f"{size:,} articles", flush=True)
            base = Path(scratch) / f"run-{size}"
            corpus = corpus_for(size, args.seed, args.keep, Path(scratch))
            paint = measure_paint(corpus, size, base, args.cold_runs, args.warm_runs)
            latency = None
            if not args.skip_latency:
                latency = measure_latency(corpus, size, base, args.repeats, args.xref_wait)
                print(f"  latency: {latency['xref status']}, {latency['peak']:.0f} MB", flush=True)
            table.append((size, paint, latency))
    print(f"\nload average at the end {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print("| articles | measure | result | target |")
    print("| ---: | --- | ---: | --- |")
    over = False
    for size, paint, latency in table:

        def row(measure: str, result: str, target: str = "", size: int = size) -> None:
            print(f"| {size:,} | {measure} | {result} | {target} |")

        row(
            "bare Textual app, first paint",
            f"{paint['bare'] * 1000:.0f} ms ({paint['bare CPU'] * 1000:.0f} ms CPU)",
        )
        ratio = paint["ratio"]
        over |= ratio > PAINT_TARGET or paint["cold paint"] > COLD_TARGET
        row(
            "first paint, warm",
            f"{paint['warm paint'] * 1000:.0f} ms ({ratio:.2f}x bare; CPU time "
            f"{paint['CPU ratio']:.2f}x)",
            f"{PAINT_TARGET}x: {'met' if ratio <= PAINT_TARGET else 'OVER'}",
        )
        row("all panes and the whole list, warm", f"{paint['warm all in']:.2f} s")
        cold_ok = paint["cold paint"] <= COLD_TARGET
        row(
            "first paint, cold",
            f"{paint['cold paint']:.2f} s ({paint['cold paint CPU']:.2f} s CPU)",
            f"{COLD_TARGET:.0f} s: {'met' if cold_ok else 'OVER'}",
        )
        row(
            "all panes and the whole list, cold",
            f"{paint['cold all in']:.1f} s ({paint['cold all in CPU']:.1f} s CPU)",
        )
        row("peak memory, start-up", f"{paint['peak']:.0f} MB")
        if latency is None:
            continue
        for phase, keys in latency["results"].items():
            for name, values in keys.items():
                slow = values and statistics.median(values) > KEY_TARGET
                held = not name.endswith(("filled", "CPU)"))  # the target is the answer's
                over |= bool(slow) and held
                target = ("OVER" if slow else "met") if held else ""
                row(f"`{name}`, {phase}", milliseconds(values), target)
        if "after xref" not in latency["results"]:
            row("keys after cross-referencing", f"not reached ({latency['xref status']})")
        row("peak memory, keys", f"{latency['peak']:.0f} MB")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
