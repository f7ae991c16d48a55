"""Sizes past which input is refused rather than processed.

A corpus is untrusted input: a 50 MB "article" or a YAML file nested a thousand levels
deep is far more likely a mistake (or an attack) than news, and would otherwise cost
minutes of segmentation or a crash. The limits are generous for real pages (the longest
news article in the seeds is about 10,000 characters) and the size limit can be raised
for one run with the environment variable READER_MAX_ARTICLE_CHARS.
"""

from __future__ import annotations

import os

MAX_ARTICLE_CHARS = 2_000_000  # an article's text, or a raw page, in characters
MAX_ARTICLE_CHARS_ENV = "READER_MAX_ARTICLE_CHARS"
# An article file also holds its annotations (about as long again as its text for the
# densely annotated seeds): its YAML may be this many times the text limit.
YAML_CHARS_PER_ARTICLE_CHAR = 4
# Corpus files nest six levels (article, blocks, block, quotes, quote, cue); this leaves
# room for any hand-written file and refuses a nesting that could exhaust the stack.
MAX_YAML_DEPTH = 64


def max_article_chars() -> int:
    """The size limit for this run: READER_MAX_ARTICLE_CHARS when set to a whole number."""
    value = os.environ.get(MAX_ARTICLE_CHARS_ENV, "").strip().replace("_", "")
    if value.isdigit() and int(value) > 0:
        return int(value)
    return MAX_ARTICLE_CHARS


def max_yaml_chars() -> int:
    return max_article_chars() * YAML_CHARS_PER_ARTICLE_CHAR


def too_long(what: str, length: int, limit: int) -> str:
    """The message for input past a size limit: how long, the limit, how to raise it."""
    return (
        f"{what} is {length:,} characters long, over the limit of {limit:,}; "
        f"split it, or raise the limit with {MAX_ARTICLE_CHARS_ENV}=<characters>"
    )
