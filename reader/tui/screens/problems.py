"""What the loader found wrong with the corpus, one problem a line, as a compiler says it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from reader.model import Article, Problem
from reader.tui import display, messages
from reader.tui.location import Location
from reader.tui.widgets.item_list import ItemList
from reader.wording import counted

CONTEXT_LINES = 2  # shown above and below a problem's line


def offending_lines(problem: Problem) -> Content:
    """The lines of the problem's file around its line, that line marked."""
    try:
        lines = Path(problem.path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as error:
        return Content(display.literal(f"{problem.path}: cannot be read ({error})"))
    line = (problem.line or 1) - 1
    first, last = max(line - CONTEXT_LINES, 0), min(line + CONTEXT_LINES + 1, len(lines))
    shown = []
    for number in range(first, last):
        text = Content(display.literal(f"{number + 1:>5} {lines[number]}"))
        shown.append(text.stylize("bold reverse") if number == line else text)
    return Content("\n").join(shown) if shown else Content("(the file is empty)")


class ProblemsScreen(Screen[Location | None]):
    HELP_TITLE = "Corpus problems"
    BINDINGS = [
        Binding("escape,backspace,p", "dismiss", "Back"),
        Binding("r", "reload", "Reload the corpus"),
    ]

    def __init__(self, problems: list[Problem], articles: Sequence[Article] = ()) -> None:
        """`articles`: those that loaded, to open the one a problem is in."""
        super().__init__()
        self.problems = problems
        self.articles = articles

    def compose(self) -> ComposeResult:
        count = len(self.problems)
        yield Static(
            f"{counted(count, 'problem')} in the corpus. The articles they leave sound are "
            "open. enter: the article, or the lines, of a problem · r: reload once fixed",
            classes="screen-title",
            markup=False,
        )
        yield ItemList(id="problems")
        yield Static(id="problem-lines", classes="detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ItemList).show(
            [(Content(display.literal(str(problem))), problem) for problem in self.problems]
        )
        self.query_one(ItemList).focus()

    @on(ItemList.Chosen)
    def _chosen(self, event: ItemList.Chosen) -> None:
        problem: Problem = event.item
        where = Path(problem.path).resolve()
        for article in self.articles:
            if article.path is not None and article.path.resolve() == where:
                self.dismiss(Location(article.id))
                return
        self.query_one("#problem-lines", Static).update(offending_lines(problem))

    def action_reload(self) -> None:
        self.post_message(messages.ReloadCorpus())
