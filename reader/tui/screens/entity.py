"""One entity across the corpus: which outlets mention it, and every mention in context.

Nothing here grows with the corpus on the UI thread: the mentions come from an index
(reader/mention_index.py) made once per corpus in a worker, while the screen is up
and says so; the list draws only the rows on screen (`RowList`), and a row's context
(the statement around the mention) is found when the row is drawn, from the
cross-references' statements or, while those are pending, by segmenting that one
article.
"""

from __future__ import annotations

from typing import Any, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static
from textual.worker import Worker, WorkerState, get_current_worker

from reader.mention_index import MentionIndex, mention_index
from reader.model import Article, Corpus, Entity, Mention, Span, Statement
from reader.statements import segment_article, statement_at
from reader.tui import display
from reader.tui.location import Location
from reader.tui.widgets.row_list import RowList, fitted
from reader.tui.widgets.tables import fill_table
from reader.wording import counted

MIN_CONTEXT_WORDS = 6
ROW_HEIGHT = 3  # outlet, date and kind; two lines of context
CONTEXT_LINES = ROW_HEIGHT - 1
OUTLETS_SHOWN = 100  # rows of the outlet table; the rest are counted below it
LINE_SLACK = 10  # characters a line may lose to wrapping at a word's end
SEGMENTED_KEPT = 256  # articles segmented for context while cross-references are pending


def context_span(article: Article, mention: Mention, statements: list[Statement]) -> Span:
    """The statement holding the mention, or its block when the statement is only a
    few words such as "Lavrov said."."""
    statement = statement_at(statements, mention.span.start)
    if statement is not None and len(statement.text.split()) >= MIN_CONTEXT_WORDS:
        context = statement.span
    else:
        paragraph = article.paragraph_at(mention.span.start)
        context = paragraph.span if paragraph is not None else mention.span
    return Span(min(context.start, mention.span.start), max(context.end, mention.span.end))


def mention_context(article: Article, mention: Mention, statements: list[Statement]) -> Content:
    """The mention in its context (`context_span`), the mention in reverse."""
    context = context_span(article, mention, statements)
    start, end = context.start, context.end
    return Content.assemble(
        display.literal(article.text[start : mention.span.start]),
        (display.literal(article.text[mention.span.start : mention.span.end]), "bold reverse"),
        display.literal(article.text[mention.span.end : end]),
    )


def lead_in(context: Content, mention: Span, width: int) -> Content:
    """`context` cut before the mention (`mention`: its offsets in `context`) when the
    mention would not be on its first line: a long statement may name the entity far
    into it."""
    if mention.end <= width - LINE_SLACK:
        return context
    cut = context.plain.rfind(" ", 0, mention.start - width // 3) + 1
    return Content("…") + context[cut:] if cut > 0 else context


class EntityScreen(Screen[Location | None]):
    HELP_TITLE = "Entity across the corpus"
    BINDINGS = [Binding("escape,backspace", "dismiss", "Back")]

    def __init__(self, corpus: Corpus, entity: Entity, xref: Any = None) -> None:
        super().__init__()
        self.corpus = corpus
        self.entity = entity
        self.xref = xref  # its statements when computed; else an article is segmented here
        self._segmented: dict[str, list[Statement]] = {}

    def compose(self) -> ComposeResult:
        entity = self.entity
        yield Static(
            Content.assemble(
                (display.literal(entity.name), f"bold {display.entity_style(entity, self.app)}"),
                (f"  {entity.type.value.replace('_', ' ')}\n", "italic"),
                display.literal(entity.description),
            ),
            classes="screen-title",
        )
        yield DataTable(id="outlets", cursor_type="none", zebra_stripes=True)
        yield Static("Finding the mentions…", id="entity-status", classes="detail", markup=False)
        yield RowList(id="mentions", row_height=ROW_HEIGHT, empty="No mentions in this corpus.")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#mentions").focus()
        self._index()

    @work(thread=True, exclusive=True, name="mention-index", exit_on_error=False)
    def _index(self) -> MentionIndex:
        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            if not worker.is_cancelled:
                status = f"Finding the mentions… {done:,} of {total:,} articles"
                self.app.call_from_thread(self._status, status)

        return mention_index(self.corpus, progress)

    def _status(self, text: str) -> None:
        self.query_one("#entity-status", Static).update(text)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name != "mention-index":
            return
        if event.state == WorkerState.SUCCESS:
            self._show(cast(MentionIndex, event.worker.result))
        elif event.state == WorkerState.ERROR:
            self._status(f"Could not list the mentions: {event.worker.error}")

    def _show(self, index: MentionIndex) -> None:
        outlets = index.outlets(self.entity.id)
        fill_table(
            self.query_one("#outlets", DataTable),
            ["Outlet", "Mentions", "Articles"],
            [
                (
                    Content(display.literal(row.outlet)),
                    Content(str(row.mentions)),
                    Content(str(row.articles)),
                )
                for row in outlets[:OUTLETS_SHOWN]
            ],
        )
        mentions = index.mentions(self.entity.id)
        articles = len({article.id for article, _ in mentions})
        status = (
            f"{counted(len(mentions), 'mention')} in {counted(articles, 'article')} "
            f"of {counted(len(outlets), 'outlet')}"
        )
        if len(outlets) > OUTLETS_SHOWN:
            status += f" (the {OUTLETS_SHOWN} that name it most in the table)"
        self._status(status + " · enter reads a mention in its article")
        self.query_one("#mentions", RowList).show(mentions, self._draw)

    def _draw(self, found: tuple[Article, Mention], width: int) -> list[Content]:
        article, mention = found
        where = Content.assemble(
            (display.literal(f"{article.outlet_label}, {display.date_label(article)}"), "bold"),
            (f" · {mention.kind.value}", "italic"),
        ).truncate(width, ellipsis=True)
        statements = self._statements(article)
        context = mention_context(article, mention, statements)
        start = context_span(article, mention, statements).start
        here = Span(mention.span.start - start, mention.span.end - start)
        context = lead_in(context, here, width)
        return [where, *fitted(Content(" ").join(context.split("\n")), width, CONTEXT_LINES)]

    def _statements(self, article: Article) -> list[Statement]:
        """The article's statements: the cross-references', else segmented once here."""
        if self.xref is not None:
            return self.xref.statements(article.id)
        if (found := self._segmented.get(article.id)) is None:
            if len(self._segmented) >= SEGMENTED_KEPT:
                self._segmented.clear()
            found = self._segmented[article.id] = segment_article(article)
        return found

    @on(RowList.Chosen, "#mentions")
    def _chosen(self, event: RowList.Chosen) -> None:
        article, mention = event.item
        self.dismiss(Location(article.id, focus=mention.span))
