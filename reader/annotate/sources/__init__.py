"""What `reader import` reads: plain page text, HTML pages, records and feeds.

Every input becomes one or more `SourceItem`s: the page text the annotators work on
(one block a line, kept in `raw/` under `name` so `reader check` can compare every
block with it), the original file kept byte for byte beside it, and the metadata the
input states (title, date, outlet, URL, author), each with where it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
RECORD_SUFFIXES = {".jsonl", ".ndjson", ".json", ".csv"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}


@dataclass
class Metadata:
    """What the input itself says about the article; each note says where from."""

    title: str | None = None
    date: str | None = None  # ISO date
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    notes: dict[str, str] = field(default_factory=dict)  # field -> where it came from


@dataclass
class SourceItem:
    label: str  # how messages name it: "pages/a.html", "export.jsonl:record 3"
    name: str  # the page text's name in raw/ (the article's `source`)
    text: str  # the page text, one block a line
    original: str | None = None  # the original file's name in raw/, when not the text
    original_path: Path | None = None
    record: int | None = None  # the record's number in the original, from 1
    extractor: str | None = None  # "trafilatura 2.3.1": how the text was obtained
    metadata: Metadata = field(default_factory=Metadata)

    @property
    def data(self) -> bytes:
        return self.text.encode("utf-8")


class BadInput(Exception):
    """An input (or one record of it) that cannot be imported; the message says why."""


def kind_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in RECORD_SUFFIXES:
        return "records"
    if suffix in FEED_SUFFIXES:
        return "feed"
    return "text"


def page_text(title: str | None, lines: list[str]) -> str:
    """A record's page: its title as the first line (the headline), then its paragraphs."""
    from reader.rawtext import normalise_line

    lines = [line for line in map(normalise_line, lines) if line]
    title = normalise_line(title or "")
    if title and title not in lines[:1]:
        lines.insert(0, title)
    return "\n".join(lines) + "\n"
