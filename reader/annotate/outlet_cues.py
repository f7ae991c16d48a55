"""Outlets the catalogue does not know, read from how pages name themselves.

A wire dateline names its agency: "BEIRUT, September 17, 2016 (Regional Press 34) -",
"(Reuters) -", "ATHENS, November 2. /TASS/."; a copyright line names the publisher
("© 2016 The Gulf Herald. All rights reserved."); a masthead above the headline reads
like a newspaper's name ("The Daily Star"). Only these shapes count: a section name
("World News", "Middle East") is not an outlet.
"""

from __future__ import annotations

import re

from reader.annotate.draft import DraftBlock
from reader.model import BlockKind

_NAME = r"[A-Z][\w&'’.-]*(?: [A-Za-z0-9&'’.-]+){0,5}"
DATELINES = [
    # PLACE, date (Agency) -
    re.compile(rf"^[A-Z][A-Za-z .'’-]{{1,40}}(?:,[^()\n]{{0,40}})?\(({_NAME})\)\s*[-–—]"),
    # (Agency) - at the very start
    re.compile(rf"^\(({_NAME})\)\s*[-–—]"),
    # PLACE, date. /AGENCY/.
    re.compile(r"^[A-Z][A-Za-z0-9 .,'’-]{1,60}/([A-Z][A-Za-z0-9 .-]{1,30})/"),
]
COPYRIGHT = re.compile(
    rf"(?:©|\(c\)|Copyright)\s*(?:©\s*)?(?:\d{{4}}(?:\s*[-–]\s*\d{{4}})?\s*,?\s*)?({_NAME}?)"
    r"(?:\.|,|\s+All rights|\s*$)",
    re.I,
)
MASTHEAD_WORDS = re.compile(
    r"\b(?:Times|Post|Herald|Press|Daily|Tribune|Gazette|Journal|Telegraph|Agency|"
    r"Observer|Chronicle|Standard|Guardian|Express|Mirror|Monitor|Courier|Sun|Star)\b"
)
PHOTO_CREDIT = re.compile(r"\b(?:photo|image|picture|pictures|video|getty)\b", re.I)
SECTION_WORDS = {"world", "all", "latest", "top", "breaking", "business", "local", "more", "home"}
NOT_NAMES = {"All", "All rights", "The", "Photo", "Image", "Getty Images"}


def _clean(name: str) -> str:
    return name.strip(" .,-–—")


def dateline_outlet(blocks: list[DraftBlock]) -> tuple[str, DraftBlock] | None:
    body = [b for b in blocks if b.kind in (BlockKind.PARAGRAPH, BlockKind.STANDFIRST)]
    for block in body[:3]:
        for pattern in DATELINES:
            match = pattern.match(block.text[:120])
            if match:
                name = _clean(match.group(1))
                if name and name not in NOT_NAMES and not re.fullmatch(r"[\d\W]+", name):
                    return name, block
    return None


def chrome_outlet(blocks: list[DraftBlock]) -> tuple[str, DraftBlock] | None:
    for block in blocks:
        if block.kind is not BlockKind.CHROME or PHOTO_CREDIT.search(block.text):
            continue  # "Image copyright AFP" credits a photo, not the page
        match = COPYRIGHT.search(block.text)
        if match:
            name = _clean(match.group(1))
            if len(name) > 2 and name not in NOT_NAMES and not name.lower().startswith("all "):
                return name, block
    for block in blocks:
        if block.kind is BlockKind.HEADLINE:
            break
        words = block.text.split()
        if (
            block.kind is BlockKind.CHROME
            and 2 <= len(words) <= 5
            and all(w[:1].isupper() or w in {"of", "the", "and"} for w in words)
            and MASTHEAD_WORDS.search(block.text)
            and words[0].lower() not in SECTION_WORDS
            and not re.search(r"[/|>:]", block.text)
        ):
            return block.text, block
    return None
