"""What the loader found wrong with the corpus, one problem a line, as a compiler says it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from reader.model import Problem
from reader.tui import format as fmt
from reader.tui.widgets.item_list import ItemList
from reader.wording import counted


class ProblemsScreen(Screen[None]):
    HELP_TITLE = "Corpus problems"
    BINDINGS = [Binding("escape,backspace,p", "dismiss", "Back")]

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__()
        self.problems = problems

    def compose(self) -> ComposeResult:
        count = len(self.problems)
        yield Static(
            f"{counted(count, 'problem')} in the corpus. "
            "The articles they leave sound are open; fix the files and restart to reload.",
            classes="screen-title",
            markup=False,
        )
        yield ItemList(id="problems")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ItemList).show(
            [(Content(fmt.literal(str(problem))), problem) for problem in self.problems]
        )
