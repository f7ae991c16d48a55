"""Month and weekday names (reader.language.calendar_names)."""

import re

from reader.language import (
    MONTH_PATTERN,
    MONTHS,
    WEEKDAY_PATTERN,
    WEEKDAYS,
    month_number,
    month_of,
)


def test_names_are_the_english_ones():
    assert MONTHS[0] == "January" and MONTHS[-1] == "December" and len(MONTHS) == 12
    assert WEEKDAYS == (
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    )


def test_printed_forms_name_their_month():
    assert [month_of(w) for w in ("Sept.", "sept", "SEP", "September", "May")] == [
        "September",
        "September",
        "September",
        "September",
        "May",
    ]
    assert month_number("Jan.") == 1 and month_number("december") == 12
    assert month_of("Mayor") is None and month_number("Monday") is None


def test_the_month_pattern_takes_whole_names_before_abbreviations():
    month = re.compile(rf"{MONTH_PATTERN}(?!\w)")
    assert [month.match(w).group() for w in ("September 9", "Sept. 9", "Sep 9", "March")] == [
        "September",
        "Sept.",
        "Sep",
        "March",
    ]
    assert month.match("Mayor") is None


def test_the_weekday_pattern_takes_printed_abbreviations():
    weekday = re.compile(rf"{WEEKDAY_PATTERN}\b")
    found = [weekday.match(w).group() for w in ("Thursday", "Thurs", "Tues", "Wed")]
    assert found == ["Thursday", "Thurs", "Tues", "Wed"]
