"""A place in the corpus the reader can go to, and come back to."""

from __future__ import annotations

from dataclasses import dataclass

from reader.model import Span


@dataclass(frozen=True, slots=True)
class Location:
    article_id: str
    focus: Span | None = None  # a passage to show and make stand out
    cursor: int | None = None  # offset of the reading position
    top: int | None = None  # offset shown on the first line, to restore a view exactly
