"""HTML pages: main text and metadata extracted with trafilatura.

trafilatura separates an article from its page furniture (navigation, cookie
banners, scripts, teasers, footers) and reads the metadata pages carry (OpenGraph,
JSON-LD, `<link rel="canonical">`, `<meta name="author">`) better than anything
written here would: it is tested on thousands of real news pages. The page text is
its extraction, one paragraph a line; the original page stays in `raw/` byte for
byte, and the article names the extractor and its version.
"""

from __future__ import annotations

import warnings
from functools import cache
from pathlib import Path

from reader.annotate.sources import BadInput, Metadata, SourceItem
from reader.rawtext import normalise_line

MAX_PAGE_BYTES = 20_000_000  # a saved news page is well under 5 MB


@cache
def extractor_name() -> str:
    from importlib.metadata import version

    return f"trafilatura {version('trafilatura')}"


def decode_html(data: bytes) -> str:
    """The page as text: UTF-8 when it is, else what the page or charset detection says."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from trafilatura.utils import decode_file

    return decode_file(data)


def extract_page(path: Path, data: bytes, text_name: str) -> SourceItem:
    if len(data) > MAX_PAGE_BYTES:
        raise BadInput(
            f"{path}: {len(data) // 1_000_000} MB is too large for a news page "
            f"(limit {MAX_PAGE_BYTES // 1_000_000} MB); save the article alone"
        )
    import trafilatura

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        document = trafilatura.bare_extraction(
            decode_html(data), with_metadata=True, include_comments=False, include_tables=False
        )
    text = getattr(document, "text", None) or ""
    if document is None or isinstance(document, dict) or not text.strip():
        raise BadInput(
            f"{path}: no article text found in the page (is it an index or a login page?); "
            "save the article's own page, or its text as a .txt file"
        )
    metadata = Metadata(
        title=document.title or None,
        date=(document.date or None),
        outlet=document.sitename or None,
        url=document.url or None,
        author=document.author or None,
    )
    for key, value in vars(metadata).items():
        if value and key != "notes":
            metadata.notes[key] = f"the page's metadata ({extractor_name()})"
    lines = [normalise_line(line) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if metadata.title and normalise_line(metadata.title) not in lines[:2]:
        lines.insert(0, normalise_line(metadata.title))
    return SourceItem(
        label=str(path),
        name=text_name,
        text="\n".join(lines) + "\n",
        original=path.name,
        original_path=path,
        extractor=extractor_name(),
        metadata=metadata,
    )
