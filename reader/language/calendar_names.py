"""Month and weekday names as English news pages print them, from `calendar`.

`calendar` names them in the C locale, which is what Python runs in unless a program
calls `locale.setlocale` (reader never does). Pages add a few abbreviations of their
own ("Sept.", "Tues.", "Thurs."), listed here once.
"""

from __future__ import annotations

import calendar

MONTHS = tuple(calendar.month_name[1:])  # "January" ... "December"
WEEKDAYS = tuple(calendar.day_name)  # "Monday" ... "Sunday"

# Abbreviations beyond calendar's three letters, with the name they shorten.
_MORE_MONTH_ABBREVIATIONS = {"Sept": "September"}
_MORE_WEEKDAY_ABBREVIATIONS = {"Tues": "Tuesday", "Thur": "Thursday", "Thurs": "Thursday"}

_MONTH_OF: dict[str, str] = {
    **{name.lower(): name for name in MONTHS},
    **{abbr.lower(): name for abbr, name in zip(calendar.month_abbr[1:], MONTHS, strict=True)},
    **{abbr.lower(): name for abbr, name in _MORE_MONTH_ABBREVIATIONS.items()},
}


def month_of(word: str) -> str | None:
    """The month `word` names ("Sept." -> "September"), case aside; else None.

    "May" and "March" are verbs too: a caller that reads running text checks the
    capital itself.
    """
    return _MONTH_OF.get(word.rstrip(".").lower())


def month_number(word: str) -> int | None:
    """1 for "January", "Jan" or "jan."; None for a word that is no month."""
    month = month_of(word)
    return MONTHS.index(month) + 1 if month else None


def _alternatives(names: tuple[str, ...], abbreviations: list[str], stop: str) -> str:
    # Whole names first and longer abbreviations before shorter ones, so that
    # "September" is not read as "Sep" and "Sept." not as "Sep".
    shorter = sorted((a for a in abbreviations if a not in names), key=len, reverse=True)
    return "(?:" + "|".join([*names, *(a + stop for a in shorter)]) + ")"


# A month as printed: its name, or an abbreviation with or without its stop.
MONTH_PATTERN = _alternatives(
    MONTHS, [*calendar.month_abbr[1:], *_MORE_MONTH_ABBREVIATIONS], r"\.?"
)
# A weekday as printed, its name or an abbreviation (the caller reads any stop).
WEEKDAY_PATTERN = _alternatives(WEEKDAYS, [*calendar.day_abbr, *_MORE_WEEKDAY_ABBREVIATIONS], "")
