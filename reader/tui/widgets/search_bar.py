"""The `/` search line under the article."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


class SearchBar(Input):
    """Typing searches as you go; enter keeps the hits, escape drops them."""

    HELP_TITLE = "Search line"
    HELP_ACTIONS = {"submit", "cancel"}

    BINDINGS = [Binding("escape", "cancel", "Cancel search", show=False)]

    DEFAULT_CSS = """
    SearchBar {
        display: none;
        dock: bottom;
        padding: 0 1;
        &.-active { display: block; }
    }
    """

    class Cancelled(Message):
        pass

    def __init__(self, **kwargs) -> None:
        super().__init__(placeholder="Search this article", compact=True, **kwargs)

    def open(self) -> None:
        # Shown and focused at once, not at the next style update or after the keys
        # already queued: what is typed right after '/' goes here.
        self.display = True
        self.add_class("-active")
        self.value = ""
        self.screen.set_focus(self)

    def close(self) -> None:
        self.display = False
        self.remove_class("-active")

    def action_cancel(self) -> None:
        self.close()
        self.post_message(self.Cancelled())
