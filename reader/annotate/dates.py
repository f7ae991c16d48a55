"""Dates as pages print them: "Sept. 28, 2016", "2 November 2016", "10.06.2016 15:47".

Only what the text states is read: a day and month without a year give no date, and a
dotted numeric date is read day.month.year (the order of every site that writes dots;
the reading is said in the date note so a human can check it).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from reader.language import MONTH_PATTERN, WEEKDAY_PATTERN, month_number

_MONTH = MONTH_PATTERN
_YEAR = r"(?:19|20)\d\d"
_WEEKDAY = WEEKDAY_PATTERN + r"\.?,?"
_I = re.IGNORECASE

MONTH_DAY_YEAR = re.compile(
    rf"\b(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>{_YEAR})\b", _I
)
DAY_MONTH_YEAR = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH})\.?,?\s+(?P<year>{_YEAR})\b", _I
)
ISO = re.compile(rf"\b(?P<year>{_YEAR})-(?P<month>\d\d)-(?P<day>\d\d)\b")
DOTTED = re.compile(rf"\b(?P<day>\d{{1,2}})\.(?P<month>\d{{1,2}})\.(?P<year>{_YEAR})\b")
SLASHED = re.compile(rf"\b(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<year>{_YEAR})\b")
MONTH_YEAR = re.compile(rf"\b(?P<month>{_MONTH})\s+(?P<year>{_YEAR})\b", _I)
MONTH_DAY = re.compile(
    rf"\b(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s+{_YEAR})", _I
)
DAY_MONTH = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH})\b(?!\.?,?\s+{_YEAR})", _I
)
TIME = re.compile(r"\b\d{1,2}:\d\d(?::\d\d)?\s*(?:[ap]\.?m\.?)?", _I)
AGO = re.compile(r"\b\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago\b", _I)

# What may stand beside a date on a line that is only a date stamp.
_STAMP_WORDS = re.compile(
    rf"{_WEEKDAY}|\b(?:published|updated|posted|modified|last|created|date|on|at|am|pm"
    r"|gmt|utc|msk|cet|cest|est|edt|bst|local|time)\b|[|•·,:/()\-–—]",
    _I,
)


@dataclass(frozen=True)
class FoundDate:
    date: dt.date | None  # None when the text gives no year (or an impossible date)
    printed: str  # the words as printed
    reading: str  # how they were read, for the date note


def _month(name: str) -> int:
    number = month_number(name)
    assert number is not None, name  # the patterns match month names only
    return number


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_date(text: str) -> FoundDate | None:
    """The first full date in `text`, or the first partial one (no year) if none."""
    found: list[tuple[int, FoundDate]] = []
    for pattern in (MONTH_DAY_YEAR, DAY_MONTH_YEAR):
        for m in pattern.finditer(text):
            date = _make(int(m["year"]), _month(m["month"]), int(m["day"]))
            found.append((m.start(), FoundDate(date, m.group(), "")))
    for m in ISO.finditer(text):
        date = _make(int(m["year"]), int(m["month"]), int(m["day"]))
        found.append((m.start(), FoundDate(date, m.group(), "")))
    for m in DOTTED.finditer(text):
        date = _make(int(m["year"]), int(m["month"]), int(m["day"]))
        reading = f"read as day.month.year ({_spelt(date)})" if date else ""
        found.append((m.start(), FoundDate(date, m.group(), reading)))
    for m in SLASHED.finditer(text):
        a, b, year = int(m["a"]), int(m["b"]), int(m["year"])
        if a > 12 >= b:
            date, reading = _make(year, b, a), "read as day/month/year"
        elif b > 12 >= a:
            date, reading = _make(year, a, b), "read as month/day/year"
        else:
            date, reading = None, "day/month or month/day cannot be told apart"
        found.append((m.start(), FoundDate(date, m.group(), reading)))
    full = [f for f in found if f[1].date is not None]
    if full:
        return min(full, key=lambda f: f[0])[1]
    if found:
        return min(found, key=lambda f: f[0])[1]
    partial = []
    for pattern in (MONTH_DAY, DAY_MONTH, MONTH_YEAR):
        loose = pattern.search(text)
        if loose:
            partial.append((loose.start(), FoundDate(None, loose.group(), "")))
    return min(partial, key=lambda f: f[0])[1] if partial else None


def _spelt(date: dt.date | None) -> str:
    return f"{date.day} {date.strftime('%B')} {date.year}" if date else ""


def is_date_stamp(line: str) -> bool:
    """True for a line that holds a date or time and nothing else but stamp words."""
    stripped = line
    hit = False
    for pattern in (MONTH_DAY_YEAR, DAY_MONTH_YEAR, ISO, DOTTED, SLASHED, MONTH_YEAR,
                    MONTH_DAY, DAY_MONTH, TIME, AGO):  # fmt: skip
        stripped, n = pattern.subn(" ", stripped)
        hit = hit or n > 0
    if not hit:
        return False
    rest = _STAMP_WORDS.sub(" ", stripped).split()
    # "Russia | 2 November 2016" is a stamp; "Lavrov said on 2 November 2016" is not.
    return len(rest) <= 2 and not any(word.islower() for word in rest)
