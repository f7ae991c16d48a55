"""A keyboard list of things (entities, quotes, links, mentions) with their data attached.

An `OptionList` that remembers which value each row stands for, so its messages carry
the value itself: `ItemList.Highlighted` as the cursor moves, `ItemList.Chosen` on
enter or click. The screen gives it rows with `show`; it never looks elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class ItemList(OptionList):
    HELP_TITLE = "Lists (articles, entities, quotes, links)"
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]

    DEFAULT_CSS = """
    ItemList {
        height: 1fr;
        border: none;
        padding: 0;
        background: $surface;
        &:focus { border: none; background-tint: $foreground 3%; }
        & > .option-list--option { padding: 0 1; }
        /* "Nothing here." reads as a note, but at 3:1 at least in every theme. */
        & > .option-list--option-disabled { color: $text-muted; text-style: italic; }
        /* The selected row: text in black or white on a tint, readable in any theme
           (Textual's block cursor draws white on $primary, 3.8:1 in textual-dark). */
        & > .option-list--option-highlighted {
            background: $primary 20%;
            color: auto 95%;
            text-style: none;
        }
        &:focus > .option-list--option-highlighted {
            background: $primary 40%;
            color: auto 95%;
            text-style: bold;
        }
    }
    """

    class Highlighted(Message):
        def __init__(self, item_list: ItemList, item: Any) -> None:
            super().__init__()
            self.item_list = item_list
            self.item = item

        @property
        def control(self) -> ItemList:
            return self.item_list

    class Chosen(Highlighted):
        """Enter (or a click) on a row."""

    def __init__(self, *, empty: str = "Nothing here.", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.empty = empty
        self._items: list[Any] = []

    @property
    def items(self) -> Sequence[Any]:
        return self._items

    @property
    def item(self) -> Any | None:
        """The value under the cursor."""
        if self.highlighted is None or not self._items:
            return None
        return self._items[self.highlighted]

    def show(self, rows: Sequence[tuple[Content, Any]], *, highlight: int | None = 0) -> None:
        """Replace the rows; `highlight` is the index to put the cursor on (None: none)."""
        self._items = [value for _, value in rows]
        if rows:
            self.set_options(Option(prompt) for prompt, _ in rows)
        else:
            self.set_options([Option(Content(self.empty), disabled=True)])
            highlight = None
        self.highlighted = highlight

    def highlight_where(self, test: Callable[[Any], bool]) -> None:
        """Put the cursor on the first row whose value passes `test`."""
        for index, value in enumerate(self._items):
            if test(value):
                self.highlighted = index
                return

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if self._items:
            self.post_message(self.Highlighted(self, self._items[event.option_index]))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self._items:
            self.post_message(self.Chosen(self, self._items[event.option_index]))
