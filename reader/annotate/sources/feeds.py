"""RSS and Atom feeds, read with feedparser (it knows the dialects and their dates).

An entry that carries the article's full text (`content:encoded`, Atom `<content>`)
imports like a record; one with only a summary is reported, not imported: a summary
is the outlet's teaser, not its article.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

from reader.annotate.sources import BadInput, Metadata, SourceItem, page_text
from reader.rawtext import normalise_line

# A full article has paragraphs; a teaser fits in a couple of sentences.
MIN_FULL_TEXT = 400


def html_to_lines(html: str) -> list[str]:
    """The paragraphs of an entry's HTML content, one a line."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except Exception:  # lxml raises several types for odd markup; keep it as text
        return [line for line in map(normalise_line, html.splitlines()) if line]
    for element in root.iter("script", "style"):
        element.drop_tree()
    for element in root.iter("br"):
        element.tail = "\n" + (element.tail or "")
    for element in root.iter("p", "div", "h1", "h2", "h3", "h4", "li", "blockquote"):
        element.tail = "\n" + (element.tail or "")
        element.text = "\n" + (element.text or "")
    lines = [normalise_line(line) for line in root.text_content().splitlines()]
    return [line for line in lines if line]


def feed_items(path: Path, data: bytes, stem: str) -> Iterator[tuple[int, SourceItem | BadInput]]:
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = f" ({parsed.bozo_exception})" if parsed.get("bozo") else ""
        raise BadInput(f"{path}: no feed entries found{reason}; is it an RSS or Atom feed?")
    channel = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, start=1):
        yield number, _entry_item(path, number, entry, channel, f"{stem}-{number}.txt")


def _entry_item(path, number, entry, channel, name) -> SourceItem | BadInput:
    content = entry.get("content") or []
    html = "\n".join(c.get("value", "") for c in content)
    lines = html_to_lines(html) if html else []
    if sum(len(line) for line in lines) < MIN_FULL_TEXT:
        return BadInput(
            "only a summary, no full text (content:encoded); not imported: "
            "save the article's page and import that"
        )
    title = normalise_line(entry.get("title") or "")
    parsed_date = entry.get("published_parsed") or entry.get("updated_parsed")
    date = time.strftime("%Y-%m-%d", parsed_date) if parsed_date else None
    metadata = Metadata(
        title=title or None,
        date=date,
        outlet=channel,
        url=entry.get("link") or None,
        author=entry.get("author") or None,
    )
    where = f"entry {number} of the feed"
    for key in ("title", "date", "url", "author"):
        if getattr(metadata, key):
            metadata.notes[key] = where
    if channel:
        metadata.notes["outlet"] = "the feed's title"
    return SourceItem(
        label=f"{path}:record {number}",
        name=name,
        text=page_text(title, lines),
        original=path.name,
        original_path=path,
        record=number,
        metadata=metadata,
    )
