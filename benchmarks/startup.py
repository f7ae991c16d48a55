"""Does the reader start as fast as a bare Textual app?

    python benchmarks/startup.py            # 31 runs of each
    python benchmarks/startup.py --runs 61

Each run is a fresh interpreter, timed as a user waits: from launching the process
(interpreter start-up and imports count) to the first frame painted:

- bare: a Textual App that mounts a Static and exits on its first paint;
- reader: ReaderApp on the bundled corpus, to the first frame painted with the first
  article in it (the corpus loaded, its text laid out and drawn with its highlights:
  the run fails unless the article view drew text before that frame); cross-referencing
  goes on in its worker afterwards, as it does for a user. Its caches (the corpus, the
  cross-references) live in a scratch directory, filled by the untimed first runs.
- all panes (shown, not held to the target): the same run, until the panes mounted
  after the first frame (the article list, the side panel's tabs, the footer) are in.

Both run headless at 120x40, in pairs (one then the other, which goes first
alternating), so drift in a shared machine hits both alike. Both read compiled
bytecode, as an installed app does: PYTHONDONTWRITEBYTECODE is lifted and the bytecode
goes to a scratch PYTHONPYCACHEPREFIX, written by a first, untimed run of each.
Printed: the median and the spread of each, the ratio of the medians, and the median
of the pairs' ratios, which is the figure held to the target of 1.3 or less.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 1.3

BARE = """
import time
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("Hello")

    def on_ready(self):
        self.call_after_refresh(self.done)

    def done(self):
        print(time.time())
        self.exit()

Bare().run(headless=True, size=(120, 40))
"""

READER = """
import time
from pathlib import Path
from reader.corpus import bundled_corpus_path
from reader.tui.app import ReaderApp
from reader.tui.widgets.article_view import ArticleView

drawn = []  # the article view's lines drawn with text in them
draw = ArticleView.render_line

def render_line(view, y):
    strip = draw(view, y)
    if strip.text.strip():
        drawn.append(y)
    return strip

ArticleView.render_line = render_line

class Timed(ReaderApp):
    timed = False

    def watch_corpus(self, corpus):  # the corpus is in: it is drawn in the coming frame
        if corpus is not None and not self.timed:
            self.timed = True
            self.call_after_refresh(self.done)

    def done(self):
        print(time.time())
        assert self.main.article is not None and drawn, "the frame had no article in it"

    def on_panes_mounted(self, event):  # every pane in: the article list, side panel, footer
        print(time.time())
        super().on_panes_mounted(event)
        self.exit()

Timed(bundled_corpus_path(), xref_cache=Path({cache!r})).run(headless=True, size=(120, 40))
"""


def time_run(code: str, env: dict[str, str]) -> list[float]:
    """Seconds from launching `code` to each time it prints (its first paint first)."""
    launched = time.time()
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT
    )
    if result.returncode != 0:
        raise SystemExit(f"a timed run failed:\n{result.stderr}")
    return [float(line) - launched for line in result.stdout.split()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=31)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        env = dict(
            os.environ,
            READER_STATE_DIR=scratch,
            XDG_CACHE_HOME=str(Path(scratch) / "cache"),
            PYTHONPATH=str(ROOT),
            PYTHONPYCACHEPREFIX=str(Path(scratch) / "pycache"),
        )
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        reader = READER.format(cache=str(Path(scratch) / "xref.sqlite"))
        for _ in range(2):  # compile the bytecode, warm the file-system cache for both
            time_run(BARE, env)
            time_run(reader, env)
        times: dict[str, list[float]] = {"bare": [], "reader": [], "all panes": []}
        for run in range(args.runs):  # interleaved, so drift in the machine hits both
            if run % 2:
                times["bare"] += time_run(BARE, env)
            first_frame, all_panes = time_run(reader, env)
            times["reader"].append(first_frame)
            times["all panes"].append(all_panes)
            if not run % 2:
                times["bare"] += time_run(BARE, env)
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"{'app':<10} {'median ms':>10} {'min ms':>8} {'max ms':>8}   runs: {args.runs}")
    for name, values in times.items():
        low, high = min(values) * 1000, max(values) * 1000
        print(f"{name:<10} {medians[name] * 1000:>10.0f} {low:>8.0f} {high:>8.0f}")
    ratio = statistics.median(r / b for b, r in zip(times["bare"], times["reader"], strict=True))
    print(f"ratio of the medians: {medians['reader'] / medians['bare']:.2f}")
    verdict = "within" if ratio <= TARGET else "OVER"
    print(f"ratio reader/bare, median of pairs: {ratio:.2f} ({verdict} the {TARGET}x target)")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
