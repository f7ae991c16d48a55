"""What `reader import` prints while it runs: a line per input, a progress bar on a
terminal (count, rate, time left) or a plain progress line now and then otherwise, and
a closing summary. Lines go to stdout and stderr, which `reader.cli` puts behind
`reader.terminal_text.visible`, so no file name or outlet can carry a control
character; only the bar, our own text, is drawn on the terminal directly."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from reader.corpus import counted

PLAIN_EVERY = 10.0  # seconds between progress lines when not on a terminal
BAR = 24


def duration(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    if seconds >= 3600:
        return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    return f"{seconds // 60}:{seconds % 60:02d}"


class ImportReport:
    def __init__(
        self, out: TextIO | None = None, err: TextIO | None = None, terminal: TextIO | None = None
    ):
        self.out, self.err = out or sys.stdout, err or sys.stderr
        if terminal is None and sys.__stderr__ is not None and sys.__stderr__.isatty():
            terminal = sys.__stderr__  # the bar's \r and erase-line must reach it as such
        self.terminal = terminal
        self.tty = terminal is not None
        self.started = time.monotonic()
        self.last_plain = self.started
        self.phase, self.phase_started, self.phase_from = "", self.started, 0
        self.bar_shown = False

    def result(self, result, run) -> None:
        self._clear_bar()
        for problem in result.problems:
            print(problem, file=self.err)
        if result.skipped:
            print(f"{result.raw}: skipped, {result.skipped}", file=self.out)
        elif result.article is not None and result.draft is not None and not result.problems:
            print(import_line(result), file=self.out)
        self.progress("importing", len(run.results), run.total)

    def progress(self, phase: str, done: int, total: int) -> None:
        now = time.monotonic()
        if phase != self.phase:  # the rate and time left are each phase's own
            self.phase, self.phase_started, self.phase_from = phase, now, done - 1
        elapsed = now - self.phase_started
        rate = (done - self.phase_from) / elapsed if elapsed > 0 else 0.0
        left = (total - done) / rate if rate > 0 else 0.0
        # Inputs settled at once (refused, skipped) say nothing of the pace yet.
        pace = f"{rate:.1f}/s {duration(left)} left" if elapsed >= 1 else "-/s"
        if self.tty and done < total:
            filled = BAR * done // max(total, 1)
            bar = "#" * filled + "-" * (BAR - filled)
            assert self.terminal is not None
            self.err.flush()
            self.terminal.write(f"\r{phase}: [{bar}] {done}/{total} {pace}\x1b[K")
            self.terminal.flush()
            self.bar_shown = True
        elif not self.tty and now - self.last_plain >= PLAIN_EVERY and done < total:
            self.last_plain = now
            print(
                f"{phase}: {done}/{total} inputs, {rate:.1f}/s, about {duration(left)} left",
                file=self.err,
            )

    def _clear_bar(self) -> None:
        if self.bar_shown and self.terminal is not None:
            self.terminal.write("\r\x1b[K")
            self.terminal.flush()
            self.bar_shown = False

    def summary(self, run) -> str:
        self._clear_bar()
        took = duration(time.monotonic() - self.started)
        parts = [
            f"imported {run.imported}",
            f"{counted(run.skipped, 'duplicate')} skipped",
            f"{counted(run.problem_count, 'problem')}",
        ]
        if run.interrupted:
            rest = run.total - len(run.results)
            return (
                f"interrupted: {', '.join(parts)}; {rest} of {run.total} inputs not done "
                f"({took}); run the same command again to import the rest"
            )
        if run.stopped:
            rest = run.total - len(run.results)
            return (
                f"stopped: {run.stopped}: {', '.join(parts)}; {rest} of {run.total} "
                "inputs not done; free some space and run the same command again"
            )
        line = f"done: {', '.join(parts)} of {run.total} inputs in {took}"
        if run.new_names:
            line += f"; {counted(len(run.new_names), 'new name')} proposed in entities.yaml"
        if run.new_outlets:
            line += (
                f"; {counted(len(run.new_outlets), 'new outlet')} added to entities.yaml "
                "as proposed"
            )
        return line


def import_line(result) -> str:
    draft = result.draft
    counts = draft.counts()
    body = counts["blocks"] - counts["chrome"]
    parts = [
        f"{counted(body, 'block')} (+{counts['chrome']} chrome)",
        counted(counts["mentions"], "mention"),
        counted(counts["quotes"], "quote"),
        f"outlet {draft.outlet or 'unknown'}",
        f"date {draft.date or 'unknown'}",
    ]
    line = f"{result.raw} -> {result.article}: " + ", ".join(parts)
    if draft.suggestions and not result.learned:
        line += (
            f"; {counted(len(draft.suggestions), 'possible alias', 'possible aliases')} in notes"
        )
    if result.learned:
        line += f"; learned {counted(len(result.learned), 'alias', 'aliases')}"
    return line
