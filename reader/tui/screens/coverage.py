"""Which outlet carried which claim, and how: a row per cluster, a column per outlet.

Clusters and how each outlet carried a statement come from the engine
(`CrossReference.clusters()`, computed in a worker: on a large corpus it takes a while
and the screen must still answer keys); this screen lays them out and opens them.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from dataclasses import dataclass
from typing import Any, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, ProgressBar, Static
from textual.worker import Worker, WorkerState, get_current_worker

from reader.model import Corpus, Statement
from reader.tui import display
from reader.tui.location import Location
from reader.tui.widgets.item_list import ItemList
from reader.tui.widgets.tables import column_widths
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
OUTLET_COLUMNS = 24  # past this many outlets, the others are counted in one column
ROWS_PER_BATCH = 200
PROGRESS_INTERVAL = 0.2  # seconds
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


@dataclass(frozen=True, slots=True)
class CoverageTable:
    """What the coverage table shows, laid out in the worker: claims, headers, widths
    and cells."""

    clusters: list[Cluster]
    headers: list[str]
    widths: list[int]
    rows: list[tuple[Content, ...]]
    hidden_outlets: int  # outlets past OUTLET_COLUMNS, counted in the last column


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
        self._pending: list[tuple[Content, ...]] = []  # rows still to add to the table
        self._done = (0, 0)  # links looked at by the grouping, of all

    def compose(self) -> ComposeResult:
        yield Static(
            "Grouping statements into claims…",
            id="coverage-status",
            classes="screen-title",
            markup=False,
        )
        yield ProgressBar(id="coverage-progress", show_eta=False)
        # The claim column stays put as the outlets scroll by.
        yield DataTable(id="coverage", cursor_type="row", zebra_stripes=True, fixed_columns=1)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        self._progress_timer = self.set_interval(PROGRESS_INTERVAL, self._show_progress)
        self._group()

    @work(thread=True, exclusive=True, name="coverage", exit_on_error=False)
    def _group(self) -> CoverageTable:
        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            # Read by a timer: the thread never waits for the screen.
            self._done = (done, total) if not worker.is_cancelled else self._done

        clusters = self.xref.clusters(progress)
        return coverage_table(self.corpus, clusters)

    def _show_progress(self) -> None:
        done, total = self._done
        if total:
            self.query_one(ProgressBar).update(total=total, progress=done)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name != "coverage":
            return
        status = self.query_one("#coverage-status", Static)
        if event.state == WorkerState.SUCCESS:
            self._show(cast(CoverageTable, event.worker.result))
        elif event.state == WorkerState.ERROR:
            self._progress_timer.stop()
            status.update(f"Could not group the claims: {event.worker.error}")

    def _show(self, laid_out: CoverageTable) -> None:
        self.clusters = laid_out.clusters
        self._progress_timer.stop()
        self.query_one(ProgressBar).display = False
        status = f"{counted(len(self.clusters), 'claim')} carried by more than one outlet"
        if laid_out.hidden_outlets:
            status += (
                f"; the {OUTLET_COLUMNS} outlets that carried most of them have a column, "
                f"the {laid_out.hidden_outlets} others are counted"
            )
        self.query_one("#coverage-status", Static).update(
            status + " · enter opens a claim's statements"
        )
        table = self.query_one(DataTable)
        for header, width in zip(laid_out.headers, laid_out.widths, strict=True):
            table.add_column(Text(display.literal(header)), width=width)
        # Added a screenful at a time: thousands of rows at once would hold the keys up.
        self._pending = laid_out.rows
        self._add_rows()

    def _add_rows(self) -> None:
        table = self.query_one(DataTable)
        batch, self._pending = self._pending[:ROWS_PER_BATCH], self._pending[ROWS_PER_BATCH:]
        start = table.row_count
        for number, row in enumerate(batch, start):
            table.add_row(*row, key=str(number), height=None)
        if self._pending:
            self.set_timer(0.01, self._add_rows)

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


def coverage_table(corpus: Corpus, clusters: list[Cluster]) -> CoverageTable:
    """The table of `clusters`: a row per claim, a column per outlet (the OUTLET_COLUMNS
    that carried most claims, the others counted in a last column). Made in the worker:
    at thousands of claims and hundreds of outlets, a million cells."""
    # An article with no outlet named is a column of its own, labelled by its id (two
    # such articles are not one "unknown outlet").
    column_of = {a.id: a.outlet or f"{a.id} (no outlet)" for a in corpus.articles}
    by_cluster: list[dict[str, list[HowCarried]]] = []
    claims: Counter[str] = Counter()
    for cluster in clusters:
        by_column: dict[str, list[HowCarried]] = {}
        for carried in cluster.carried:
            by_column.setdefault(column_of[carried.statement.article_id], []).append(carried.how)
        by_cluster.append(by_column)
        claims.update(by_column.keys())  # a claim once per outlet
    named = {c for c in claims if not c.endswith(" (no outlet)")}
    shown = set(sorted(claims, key=lambda c: (-claims[c], c))[:OUTLET_COLUMNS])
    columns = sorted(shown & named) + sorted(shown - named)
    hidden = len(claims) - len(columns)
    rows = []
    for cluster, by_column in zip(clusters, by_cluster, strict=True):
        cells = [carried_cell(by_column.get(column, [])) for column in columns]
        if hidden:
            others = sum(column not in shown for column in by_column)
            cells.append(Content(str(others) if others else ""))
        # Wrapped here: a DataTable cuts a cell at its column's width.
        claim = Content(
            "\n".join(textwrap.wrap(display.literal(claim_label(cluster)), CLAIM_WIDTH))
        )
        rows.append((claim, Content(grade_label(cluster)), *cells))
    headers = ["Claim", "Grade", *columns, *(["Other outlets"] if hidden else [])]
    # A claim wraps in its column rather than being cut.
    widths = column_widths(headers, rows, max_width=CLAIM_WIDTH, capped=1)
    return CoverageTable(clusters, headers, widths, rows, hidden)


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
