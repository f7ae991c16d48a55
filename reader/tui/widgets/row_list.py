"""A keyboard list of any number of rows, drawn only where they are seen.

`RowList` is a `ScrollView` with the Line API (as toolong draws a huge log, and as the
article list does): every row has the same height, so the list's height is known
without laying a row out, and a row is drawn (by the `draw` function the screen gives
with the rows) only when it scrolls into view. An `OptionList` lays out every option
up front: tens of thousands of mentions of one entity, or the thousand outlets that
carried one wire story, would cost seconds before the screen showed anything.

The screen gives the rows with `show`; the list reports `RowList.Highlighted` as the
cursor moves and `RowList.Chosen` on enter or a click, each with the row's value.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

# Lines of a row drawn and kept: a screenful many times over, whatever the list's length.
DRAWN_ROWS_KEPT = 512

Draw = Callable[[Any, int], Sequence[Content]]
"""A row's lines for a value at a width (at most the list's row height)."""


class RowList(ScrollView, can_focus=True):
    HELP_TITLE = "Lists"
    BINDINGS = [
        Binding("down,j", "move(1)", "Down", show=False),
        Binding("up,k", "move(-1)", "Up", show=False),
        Binding("home,g", "edge('first')", "First", show=False),
        Binding("end,G", "edge('last')", "Last", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("enter", "choose", "Open"),
    ]
    COMPONENT_CLASSES = {"row-list--cursor", "row-list--cursor-blurred", "row-list--empty"}
    DEFAULT_CSS = """
    RowList {
        height: 1fr;
        background: $surface;
        /* A tinted cursor with black or white text: legible in every theme, as the
           other lists' (tests/tui/test_legibility.py). */
        & > .row-list--cursor { color: auto 95%; background: $primary 40%; text-style: bold; }
        & > .row-list--cursor-blurred { color: auto 95%; background: $primary 20%; }
        & > .row-list--empty { color: $text-muted; text-style: italic; }
        &:focus { background-tint: $foreground 3%; }
    }
    """

    cursor: reactive[int] = reactive(0, init=False)

    class Highlighted(Message):
        def __init__(self, row_list: RowList, index: int, item: Any) -> None:
            super().__init__()
            self.row_list = row_list
            self.index = index
            self.item = item

        @property
        def control(self) -> RowList:
            return self.row_list

    class Chosen(Highlighted):
        """Enter (or a click) on a row."""

    def __init__(self, *, row_height: int = 2, empty: str = "Nothing here.", **kwargs: Any):
        super().__init__(**kwargs)
        self.row_height = row_height
        self.empty = empty
        self._items: Sequence[Any] = ()
        self._draw: Draw = lambda item, width: [Content(str(item))]
        self._drawn: dict[tuple[int, int], Sequence[Content]] = {}

    @property
    def items(self) -> Sequence[Any]:
        return self._items

    @property
    def item(self) -> Any | None:
        """The value under the cursor."""
        return self._items[self.cursor] if self._items else None

    def show(self, items: Sequence[Any], draw: Draw, *, highlight: int = 0) -> None:
        """Replace the rows: `draw(item, width)` gives a row's lines when it is seen."""
        self._items, self._draw = items, draw
        self._drawn.clear()
        self._size_to_rows()
        self.set_reactive(RowList.cursor, self.validate_cursor(highlight))
        self.scroll_to(y=0, animate=False)
        self._reveal()
        self.refresh()
        self._report(self.Highlighted)

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self._items) - 1))

    def watch_cursor(self) -> None:
        self._reveal()
        self.refresh()
        self._report(self.Highlighted)

    def _report(self, message: type[Highlighted]) -> None:
        if self._items:
            self.post_message(message(self, self.cursor, self._items[self.cursor]))

    def _size_to_rows(self) -> None:
        rows = max(len(self._items), 1)
        self.virtual_size = Size(self.scrollable_content_region.width, rows * self.row_height)

    def _reveal(self) -> None:
        if self._items:
            region = Region(0, self.cursor * self.row_height, 1, self.row_height)
            self.scroll_to_region(region, animate=False, force=True)

    def on_resize(self, event: events.Resize) -> None:
        self._size_to_rows()

    # Drawing

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.get_visual_style()
        line_y = int(self.scroll_y) + y
        row, line = divmod(line_y, self.row_height)
        if not self._items:
            if line_y == 0:
                base = self.get_visual_style("row-list--empty")
                return self._strip(Content(self.empty), base, width)
            return Strip.blank(width, base.rich_style)
        if row >= len(self._items):
            return Strip.blank(width, base.rich_style)
        if row == self.cursor:
            name = "row-list--cursor" if self.has_focus else "row-list--cursor-blurred"
            base = self.get_visual_style(name)
        lines = self._lines(row, max(width - 2, 1))
        return self._strip(lines[line] if line < len(lines) else Content(""), base, width)

    def lines(self, row: int) -> Sequence[Content]:
        """The lines of row `row` as drawn at the list's width."""
        return self._lines(row, max(self.scrollable_content_region.width - 2, 1))

    def _lines(self, row: int, width: int) -> Sequence[Content]:
        key = (row, width)
        if (lines := self._drawn.get(key)) is None:
            lines = self._draw(self._items[row], width)
            if len(self._drawn) > DRAWN_ROWS_KEPT:
                self._drawn.clear()
            self._drawn[key] = lines
        return lines

    def _strip(self, text: Content, base, width: int) -> Strip:
        segments = [Segment(" ", base.rich_style), *text.render_segments(base)]
        return Strip(segments).crop_extend(0, width, base.rich_style)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # Keys and mouse

    def action_move(self, step: int) -> None:
        self.cursor += step

    def action_edge(self, edge: str) -> None:
        self.cursor = 0 if edge == "first" else len(self._items) - 1

    def action_page(self, direction: int) -> None:
        rows = max(self.scrollable_content_region.height // self.row_height - 1, 1)
        self.cursor += direction * rows

    def action_choose(self) -> None:
        self._report(self.Chosen)

    def on_click(self, event: events.Click) -> None:
        if (where := event.get_content_offset(self)) is None:
            return
        row = (int(self.scroll_y) + where.y) // self.row_height
        if row < len(self._items):
            self.cursor = row
            self.action_choose()


def fitted(text: Content, width: int, lines: int) -> list[Content]:
    """`text` wrapped to `width`, cut with an ellipsis after `lines` lines."""
    wrapped = text.wrap(width)
    if len(wrapped) > lines:
        last = wrapped[lines - 1]
        wrapped = [*wrapped[: lines - 1], (last + " …").truncate(width, ellipsis=True)]
    return wrapped
