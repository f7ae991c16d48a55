"""Filling a DataTable with corpus text."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.content import Content
from textual.widgets import DataTable

from reader.tui import display


def fill_table(
    table: DataTable,
    headers: Sequence[str],
    rows: Sequence[Sequence[Content]],
    max_width: int = 40,
    capped: int | None = None,
    height: int | None = 1,
) -> None:
    """Add the columns and rows; each column as wide as its widest cell (up to
    `max_width`; only the first `capped` columns when given, the others never cut),
    since DataTable sizes a column of Content cells by its header alone. `height`
    None makes each row as tall as its tallest cell, wrapped at its column's width."""
    for header, width in zip(headers, column_widths(headers, rows, max_width, capped), strict=True):
        table.add_column(Text(display.literal(header)), width=width)
    for number, row in enumerate(rows):
        table.add_row(*row, key=str(number), height=height)


def column_widths(
    headers: Sequence[str],
    rows: Sequence[Sequence[Content]],
    max_width: int = 40,
    capped: int | None = None,
) -> list[int]:
    """Each column as wide as its widest cell or header, up to `max_width` (only the
    first `capped` columns when given)."""
    widths = []
    for column, header in enumerate(headers):
        width = max([len(header), *(row[column].cell_length for row in rows)])
        if capped is None or column < capped:
            width = min(width, max_width)
        widths.append(width)
    return widths
