"""Which outlet carried which claim, and how: a row per cluster, a column per outlet.

Clusters and how each outlet carried a statement come from the engine
(`CrossReference.clusters()`, computed in a worker: on a large corpus it takes a while
and the screen must still answer keys); this screen lays them out and opens them.
"""

from __future__ import annotations

import textwrap
from typing import Any, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static
from textual.worker import Worker, WorkerState

from reader.model import Corpus, Statement
from reader.tui import display
from reader.tui.location import Location
from reader.tui.widgets.item_list import ItemList
from reader.tui.widgets.tables import fill_table
from reader.wording import counted
from reader.xref.crossref import Cluster, HowCarried

HOW_STYLES = {
    # Weights, not theme colours: legible on the zebra stripes and the cursor alike.
    HowCarried.DIRECT_QUOTE: "bold",
    HowCarried.PARTIAL_QUOTE: "bold italic",
    HowCarried.INDIRECT: "italic",
    HowCarried.PARAPHRASE: "",
}
CLAIM_WIDTH = 36
# A statement this short is a fragment or a caption, not a claim that reads alone.
CLEAR_WORDS = 6
SENTENCE_ENDS = (".", "!", "?", '."', ".\u201d", '?"', "?\u201d", '!"', "!\u201d")


def claim_label(cluster: Cluster) -> str:
    """The claim in its shortest clear wording: the shortest statement that is a whole
    sentence of a few words; the best-linked one when none is."""
    clear = [s for s in cluster.statements if is_clear(s)]
    if clear:
        best = min(clear, key=lambda s: (len(s.text.strip()), s.article_id, s.index))
    else:
        best = cluster.centre or cluster.statements[0]
    return " ".join(best.text.split())


def is_clear(statement: Statement) -> bool:
    """A whole sentence: begins with a capital (after any opening quote), ends as one."""
    text = statement.text.strip()
    first = text.lstrip("\"'\u201c\u2018\u00ab(")[:1]
    return len(text.split()) >= CLEAR_WORDS and first.isupper() and text.endswith(SENTENCE_ENDS)


def grade_label(cluster: Cluster) -> str:
    """`same` or `related`, with the `same` pairs inside a related claim counted."""
    if cluster.grade == "same" or not cluster.same:
        return str(cluster.grade)
    return f"{cluster.grade} · {len(cluster.same)} same"


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
        self.xref = xref
        self.clusters: list[Cluster] = []  # filled when the worker is done
        # A column per outlet; an article with no outlet named is a column of its own,
        # labelled by its id (two such articles are not one "unknown outlet").
        self.column_of = {a.id: a.outlet or f"{a.id} (no outlet)" for a in corpus.articles}
        named = sorted({a.outlet for a in corpus.articles if a.outlet})
        self.columns = named + sorted({c for c in self.column_of.values() if c not in named})

    def compose(self) -> ComposeResult:
        yield Static(
            "Grouping statements into claims…",
            id="coverage-status",
            classes="screen-title",
            markup=False,
        )
        # The claim column stays put as the outlets scroll by.
        yield DataTable(id="coverage", cursor_type="row", zebra_stripes=True, fixed_columns=1)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        self._group()

    @work(thread=True, exclusive=True, name="coverage", exit_on_error=False)
    def _group(self) -> list[Cluster]:
        return self.xref.clusters()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name != "coverage":
            return
        status = self.query_one("#coverage-status", Static)
        if event.state == WorkerState.SUCCESS:
            self.clusters = cast("list[Cluster]", event.worker.result)
            self._show()
        elif event.state == WorkerState.ERROR:
            status.update(f"Could not group the claims: {event.worker.error}")

    def _show(self) -> None:
        self.query_one("#coverage-status", Static).update(
            f"{counted(len(self.clusters), 'claim')} carried by more than one outlet · "
            "enter opens a claim's statements"
        )
        rows = []
        for cluster in self.clusters:
            by_column: dict[str, list[HowCarried]] = {}
            for carried in cluster.carried:
                column = self.column_of[carried.statement.article_id]
                by_column.setdefault(column, []).append(carried.how)
            cells = [carried_cell(by_column.get(column, [])) for column in self.columns]
            # Wrapped here: a DataTable cuts a cell at its column's width.
            claim = Content(
                "\n".join(textwrap.wrap(display.literal(claim_label(cluster)), CLAIM_WIDTH))
            )
            rows.append((claim, Content(grade_label(cluster)), *cells))
        table = self.query_one(DataTable)
        headers = ["Claim", "Grade", *self.columns]
        # A claim wraps in its column rather than being cut.
        fill_table(table, headers, rows, max_width=CLAIM_WIDTH, capped=1, height=None)

    def action_cursor(self, direction: str) -> None:
        table = self.query_one(DataTable)
        table.action_cursor_down() if direction == "down" else table.action_cursor_up()

    @on(DataTable.RowSelected)
    def _open_cluster(self, event: DataTable.RowSelected) -> None:
        if not self.clusters:
            return
        cluster = self.clusters[event.cursor_row]  # rows stay in cluster order
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
            date = display.date_label(article) if article else ""
            rows.append(
                (
                    Content.assemble(
                        (display.literal(carried.outlet), "bold"),
                        f" {date} ",
                        (carried.how, HOW_STYLES.get(carried.how, "")),
                        "\n",
                        display.literal(statement.text),
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
