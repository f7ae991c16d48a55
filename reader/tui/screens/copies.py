"""Every verbatim copy of one statement, outlet by outlet: where the copies row of the
cross-references goes. A wire story may be carried by thousands of articles, so the
rows are drawn only as they are seen (`RowList`); enter reads a copy in its article."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from reader.model import Corpus, Statement
from reader.tui import display
from reader.tui.location import Location
from reader.tui.widgets.link_list import CopiesRow, days_apart, gap_label
from reader.tui.widgets.row_list import RowList, fitted

ROW_HEIGHT = 2  # outlet, date and gap; the article's title


class CopiesScreen(Screen[Location | None]):
    HELP_TITLE = "Copies of a statement"
    BINDINGS = [Binding("escape,backspace", "dismiss", "Back")]

    def __init__(self, corpus: Corpus, copies: CopiesRow) -> None:
        super().__init__()
        self.corpus = corpus
        self.copies = copies
        self.source = corpus.article(copies.statement.article_id)

    def compose(self) -> ComposeResult:
        statement = self.copies.statement
        yield Static(
            Content.assemble(
                (display.literal(self.copies.summary().capitalize()), "bold"),
                ("  enter: read a copy in its article\n", "italic"),
                display.literal(display.snippet(statement.text, 300)),
            ),
            classes="screen-title",
        )
        yield RowList(id="copies", row_height=ROW_HEIGHT)
        yield Footer()

    def on_mount(self) -> None:
        rows = self.query_one(RowList)
        # Outlet by outlet, the outlets with most copies first (as the row lists them).
        statements = [s for group in self.copies.groups for s in group.statements]
        rows.show(statements, self._draw)
        rows.focus()

    def _draw(self, statement: Statement, width: int) -> list[Content]:
        article = self.corpus.article(statement.article_id)
        if article is None:
            return [Content(display.literal(statement.article_id))]
        gap = gap_label(days_apart(self.source, article))
        where = Content.assemble(
            (display.literal(article.outlet_label), "bold"),
            f" · {display.date_label(article)}",
            f", {gap}" if gap else "",
        ).truncate(width, ellipsis=True)
        title = fitted(Content(display.literal(" ".join(article.title.split()))), width, 1)
        return [where, *title]

    @on(RowList.Chosen, "#copies")
    def _chosen(self, event: RowList.Chosen) -> None:
        statement: Statement = event.item
        self.dismiss(Location(statement.article_id, focus=statement.span))
