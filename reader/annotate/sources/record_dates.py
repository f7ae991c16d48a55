"""Dates as records and feeds write them: ISO dates and times, RFC 2822, "Sept. 29, 2016"."""

from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime

from reader.annotate.dates import find_date


def parse_date(text: str) -> str | None:
    """The ISO date `text` states, or None when it is not a full date."""
    text = text.strip()
    iso = re.match(r"\d{4}-\d{2}-\d{2}", text)
    if iso:
        try:
            return dt.date.fromisoformat(iso.group()).isoformat()
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    found = find_date(text)
    if found is not None and found.date is not None and len(found.printed) >= len(text) - 12:
        return found.date.isoformat()
    return None
