"""Which outlet carried which claim, and how: a row per cluster, a column per outlet.

Clusters and how each outlet carried a statement come from the engine
(`CrossReference.clusters()`); this screen lays them out and opens them.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from reader.model import Corpus
from reader.tui import format as fmt
from reader.tui.location import Location
from reader.tui.widgets.item_list import ItemList
from reader.tui.widgets.tables import fill_table
from reader.wording import counted
from reader.xref.crossref import HowCarried

HOW_STYLES = {
    HowCarried.DIRECT_QUOTE: "bold $text-success",
    HowCarried.PARTIAL_QUOTE: "$text-success",
    HowCarried.INDIRECT: "$text-primary",
    # ($text-muted is a contrast colour: it needs a background)
    HowCarried.PARAPHRASE: "dim",
}
CLAIM_WIDTH = 36


def carried_cell(hows: list[HowCarried]) -> Content:
    """How one outlet carried a claim: each way once, with a count when repeated."""
    parts: list[Content] = []
    for how in dict.fromkeys(hows):
        count = hows.count(how)
        label = how if count == 1 else f"{how} ×{count}"
        parts.append(Content.styled(label, HOW_STYLES.get(how, "")))
    return Content(", ").join(parts)


class CoverageScreen(Screen[Location | None]):
    HELP_TITLE = "Coverage"
    BINDINGS = [
        Binding("escape,backspace", "dismiss", "Back"),
        Binding("j", "cursor('down')", "Down", show=False),
        Binding("k", "cursor('up')", "Up", show=False),
    ]

    def __init__(self, corpus: Corpus, xref: Any) -> None:
        super().__init__()
        self.corpus = corpus
        self.clusters = xref.clusters()
        self.outlets = sorted({a.outlet_label for a in corpus.articles})

    def compose(self) -> ComposeResult:
        count = len(self.clusters)
        yield Static(
            f"{counted(count, 'claim')} carried by more than one outlet · "
            "enter opens a claim's statements",
            classes="screen-title",
            markup=False,
        )
        yield DataTable(id="coverage", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        rows = []
        for cluster in self.clusters:
            by_outlet = cluster.by_outlet()
            claim = fmt.snippet((cluster.centre or cluster.statements[0]).text, CLAIM_WIDTH)
            cells = [carried_cell([c.how for c in by_outlet.get(o, [])]) for o in self.outlets]
            rows.append((Content(fmt.literal(claim)), Content(cluster.grade), *cells))
        table = self.query_one(DataTable)
        fill_table(table, ["Claim", "Grade", *self.outlets], rows, max_width=CLAIM_WIDTH)
        table.focus()

    def action_cursor(self, direction: str) -> None:
        table = self.query_one(DataTable)
        table.action_cursor_down() if direction == "down" else table.action_cursor_up()

    @on(DataTable.RowSelected)
    def _open_cluster(self, event: DataTable.RowSelected) -> None:
        cluster = self.clusters[int(event.row_key.value)]
        self.app.push_screen(ClusterScreen(self.corpus, cluster), self._opened)

    def _opened(self, location: Location | None) -> None:
        if location is not None:
            self.dismiss(location)


class ClusterScreen(Screen[Location | None]):
    """The statements of one claim, outlet by outlet; enter reads one in its article."""

    HELP_TITLE = "Claim"
    BINDINGS = [Binding("escape,backspace", "dismiss", "Back")]

    def __init__(self, corpus: Corpus, cluster: Any) -> None:
        super().__init__()
        self.corpus = corpus
        self.cluster = cluster

    def compose(self) -> ComposeResult:
        yield Static(
            f"{len(self.cluster.statements)} statements · {self.cluster.grade}",
            classes="screen-title",
            markup=False,
        )
        yield ItemList(id="statements")
        yield Footer()

    def on_mount(self) -> None:
        rows = []
        for carried in self.cluster.carried:
            statement = carried.statement
            article = self.corpus.article(statement.article_id)
            date = fmt.date_label(article) if article else ""
            rows.append(
                (
                    Content.assemble(
                        (fmt.literal(carried.outlet), "bold"),
                        f" {date} ",
                        (carried.how, HOW_STYLES.get(carried.how, "")),
                        "\n",
                        fmt.literal(statement.text),
                    ),
                    Location(statement.article_id, focus=statement.span),
                )
            )
        items = self.query_one(ItemList)
        items.show(rows)
        items.focus()

    @on(ItemList.Chosen)
    def _chosen(self, event: ItemList.Chosen) -> None:
        self.dismiss(event.item)
