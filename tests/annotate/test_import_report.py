"""What `reader import` shows while it runs: a bar on a terminal, lines otherwise."""

from __future__ import annotations

import io

import reader.annotate.import_report as import_report
from reader.annotate.import_report import ImportReport, duration


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_bar_with_count_rate_and_time_left(monkeypatch):
    clock = iter([0.0, 0.0, 10.0])
    monkeypatch.setattr(import_report.time, "monotonic", lambda: next(clock))
    err = Terminal()
    report = ImportReport(io.StringIO(), io.StringIO(), err)
    report.progress("importing", 1, 4)
    report.progress("importing", 3, 4)
    shown = err.getvalue().split("\r")[-1]
    assert shown.startswith("importing: [##################------] 3/4 0.3/s 0:03 left")


def test_elsewhere_a_plain_line_now_and_then(monkeypatch):
    clock = iter([0.0, 1.0, 11.0, 12.0])
    monkeypatch.setattr(import_report.time, "monotonic", lambda: next(clock))
    err = io.StringIO()
    report = ImportReport(io.StringIO(), err)
    report.progress("reading and finding names", 1, 100)
    report.progress("reading and finding names", 50, 100)
    report.progress("reading and finding names", 51, 100)
    lines = err.getvalue().splitlines()
    assert lines == ["reading and finding names: 50/100 inputs, 5.0/s, about 0:10 left"]
    assert "\x1b" not in err.getvalue()


def test_durations_read_well():
    assert duration(65) == "1:05" and duration(3725) == "1:02:05"
