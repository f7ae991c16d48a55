"""Article text laid out in screen lines that keep their character offsets.

The article view draws line by line (Textual's Line API) and must answer "which line
holds offset N?" to scroll to an annotation, and "which offset is under the mouse?".
Wrapping ourselves keeps that map exact; no Textual import here.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len

from reader.model import Paragraph

_WORD = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True, slots=True)
class Line:
    """One screen line: `text[start:end]` of the article, or a blank between blocks."""

    start: int
    end: int
    paragraph: int  # index into Article.paragraphs; -1 for the blank between blocks


def wrap(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of `text[start:end]` to `width` cells, as (start, end) offsets.

    Trailing spaces stay on the line they follow (they are cropped when drawn), so the
    lines cover the span without gaps; a word wider than the line is cut.
    """
    width = max(width, 1)
    lines: list[tuple[int, int]] = []
    line_start, used = start, 0
    for match in _WORD.finditer(text, start, end):
        word_start, word_end = match.span()
        word_cells = cell_len(text[word_start:word_end].rstrip())
        if used and used + word_cells > width:
            lines.append((line_start, word_start))
            line_start, used = word_start, 0
        while word_cells > width:  # a word longer than a line: cut it
            cut, cells = word_start, 0
            while cells + cell_len(text[cut]) <= width:
                cells += cell_len(text[cut])
                cut += 1
            cut = max(cut, word_start + 1)
            lines.append((line_start, cut))
            line_start = word_start = cut
            word_cells = cell_len(text[word_start:word_end].rstrip())
        used += cell_len(text[word_start:word_end])
    if line_start < end or not lines:
        lines.append((line_start, end))
    return lines


class TextLayout:
    """An article's body wrapped to a width, with a blank line between blocks."""

    def __init__(self, text: str, paragraphs: Sequence[Paragraph], width: int) -> None:
        self.width = width
        self._text = text
        self.lines: list[Line] = []
        for paragraph in paragraphs:
            start, end = paragraph.span.start, paragraph.span.end
            if self.lines:
                self.lines.append(Line(start, start, -1))
            piece_start = start
            # A block may hold hard line breaks; each piece wraps on its own.
            for piece in text[start:end].split("\n"):
                piece_end = piece_start + len(piece)
                for line_start, line_end in wrap(text, piece_start, piece_end, width):
                    self.lines.append(Line(line_start, line_end, paragraph.index))
                piece_start = piece_end + 1
        self._starts = [line.start for line in self.lines]

    def __len__(self) -> int:
        return len(self.lines)

    def line_of(self, offset: int) -> int:
        """The index of the line showing `offset` (for a blank's offset, the line after)."""
        return max(bisect_right(self._starts, offset) - 1, 0)

    def offset_at(self, y: int, x: int) -> int | None:
        """The character offset shown at cell `x` of line `y`, or None off the text."""
        if not 0 <= y < len(self.lines) or self.lines[y].paragraph < 0:
            return None
        line = self.lines[y]
        cells = 0
        for offset in range(line.start, line.end):
            cells += cell_len(self._text[offset])
            if cells > x:
                return offset
        return max(line.end - 1, line.start)
