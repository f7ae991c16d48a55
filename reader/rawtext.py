"""The one normalisation applied to raw page text before it becomes an article block.

Raw pages carry no-break spaces (often beside ordinary ones, "Sergei\u00a0 Lavrov") and
stray white space at line ends. Those are rendering artefacts, not wording, so they go;
everything else (curly and straight quotes, dashes, typos) is kept as printed.
"""

from __future__ import annotations

import re

NO_BREAK_SPACES = "\u00a0\u202f\u2007"  # no-break, narrow no-break, figure space
_SPACE_RUN = re.compile(r"[ \t]{2,}")
_TO_SPACE = str.maketrans({c: " " for c in NO_BREAK_SPACES + "\t"})


def normalise_line(line: str) -> str:
    """A raw line as it appears in an article block."""
    return _SPACE_RUN.sub(" ", line.translate(_TO_SPACE)).strip()


def raw_lines(text: str) -> list[str]:
    """The lines of a raw file, split on line breaks only (not on U+2028 etc.)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def content_lines(text: str) -> list[tuple[int, str]]:
    """(line number from 1, normalised text) for every line that is not blank."""
    lines = []
    for number, line in enumerate(raw_lines(text), start=1):
        normalised = normalise_line(line)
        if normalised:
            lines.append((number, normalised))
    return lines
