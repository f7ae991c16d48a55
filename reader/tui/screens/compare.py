"""Two linked statements side by side, in their paragraphs, with why they were linked.

The word alignment is the engine's (`reader.xref.diff.word_diff`) and so is the
explanation (`CrossReference.why`); this screen paints them: the names both statements
give are bold and underlined in both, whatever the spelling ("same entity, other
name"), shared words underlined, words one side has and the other does not reversed,
conflicting specifics reversed in italics; the paragraph around each is dimmed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import Worker, WorkerState

from reader.model import Article, Corpus, Link, Span, Statement
from reader.tui import display
from reader.tui.judging import JudgingKeys, fresh_link
from reader.tui.link_reasons import (
    CONFLICT,
    SHARED_ENTITY,
    SHARED_WORD,
    entity_names,
    statement_marks,
    why_lines,
)
from reader.tui.location import Location
from reader.tui.widgets.link_list import days_apart, gap_label

if TYPE_CHECKING:
    from reader.xref.why import Why

CHANGED = "bold reverse"  # legible on any theme, unlike a theme colour
CONTEXT = "dim"


def statement_in_context(
    article: Article, statement: Statement, marks: list[tuple[str, list[Span]]]
) -> Content:
    """The statement's paragraph, context dimmed, each (style, spans) of `marks` (offsets
    into the statement's text) applied in turn: later ones win."""
    paragraph = article.paragraph_at(statement.span.start)
    block = paragraph.span if paragraph is not None else statement.span
    start, end = min(block.start, statement.span.start), max(block.end, statement.span.end)
    content = Content(display.literal(article.text[start:end]))
    here = statement.span.start - start
    content = content.stylize(CONTEXT, 0, here).stylize(CONTEXT, here + len(statement.span))
    for style, spans in marks:
        for span in spans:
            content = content.stylize(style, here + span.start, here + span.end)
    return content


class CompareScreen(JudgingKeys, Screen[Location | None]):
    HELP_TITLE = "Compare two statements"
    BINDINGS = [
        Binding("escape,backspace", "dismiss", "Back"),
        Binding("n,j,down", "step(1)", "Next link"),
        Binding("N,k,up", "step(-1)", "Previous link", show=False),
        Binding("enter", "open_target", "Open right side"),
    ]

    def __init__(
        self,
        corpus: Corpus,
        links: list[Link],
        index: int = 0,
        explain: Callable[[Link], Why] | None = None,
        every: Callable[[], list[Link]] | None = None,
    ) -> None:
        """`explain` says why a link was made (CrossReference.why); `every` gives the
        links to step through, `links` among them (gathered in a worker)."""
        super().__init__()
        self.corpus = corpus
        self.links = links
        self.index = index
        self.explain = explain
        self.every = every
        self._whys: dict[Link, Why] = {}

    @property
    def link(self) -> Link:
        return self.links[self.index]

    def compose(self) -> ComposeResult:
        yield Static(id="compare-title", classes="screen-title", markup=False)
        yield Static(id="compare-why", classes="detail", markup=False)
        with Horizontal(id="compare-sides"):
            with VerticalScroll(classes="compare-side"):
                yield Static(id="source-heading", markup=False)
                yield Static(id="source-text", markup=False)
            with VerticalScroll(classes="compare-side"):
                yield Static(id="target-heading", markup=False)
                yield Static(id="target-text", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self._show()
        if self.every is not None:
            self._gather()

    @work(thread=True, name="gather-links", exit_on_error=False)
    def _gather(self) -> list[Link]:
        assert self.every is not None
        return self.every()

    def _gathered(self, links: list[Link]) -> None:
        """Every link to step through is in: the one shown keeps its place among them."""
        if self.link in links:
            self.index = links.index(self.link)
            self.links = links
            self._draw(self._whys.get(self.link))

    def _show(self) -> None:
        """The link shown at once; why it was made as soon as the worker has it."""
        why = self._whys.get(self.link)
        self._draw(why)
        if why is None and self.explain is not None:
            self._explain(self.link)

    @work(thread=True, exclusive=True, name="explain", exit_on_error=False)
    def _explain(self, link: Link) -> tuple[Link, Why]:
        # The first explanation of a corpus without annotations builds the catalogue's
        # alias matcher: a second or more, not on the UI thread.
        assert self.explain is not None
        return link, self.explain(link)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name == "gather-links" and event.state == WorkerState.SUCCESS:
            self._gathered(cast("list[Link]", event.worker.result))
        if event.worker.name == "explain" and event.state == WorkerState.SUCCESS:
            link, why = cast("tuple[Link, Why]", event.worker.result)
            self._whys[link] = why
            if link == self.link:
                self._draw(why)

    def _draw(self, why: Why | None) -> None:
        from reader.xref.diff import DiffTag, word_diff

        link = self.link
        source = self.corpus.article(link.source.article_id)
        target = self.corpus.article(link.target.article_id)
        assert source is not None and target is not None
        names: dict[str, list] = {"source": [], "target": []}
        if why is not None:
            names = {
                "source": entity_names(why, link.source, "source"),
                "target": entity_names(why, link.target, "target"),
            }
        # Two spellings of one entity align as that entity (ALIAS), not as changed words.
        ops = word_diff(link.source.text, link.target.text, names["source"], names["target"])
        changed = {
            "source": [op.a_span for op in ops if op.tag in (DiffTag.REPLACE, DiffTag.DELETE)],
            "target": [op.b_span for op in ops if op.tag in (DiffTag.REPLACE, DiffTag.INSERT)],
        }
        equal = {
            "source": [op.a_span for op in ops if op.tag is DiffTag.EQUAL],
            "target": [op.b_span for op in ops if op.tag is DiffTag.EQUAL],
        }
        gap = gap_label(days_apart(source, target))
        self.query_one("#compare-title", Static).update(
            Content.assemble(
                self.title_prefix(),
                (f"Link {self.index + 1}/{len(self.links)}", "bold"),
                " · ",
                (link.grade, "bold"),
                f" {link.score:.0f}",
                (f" · {gap}" if gap else ""),
                (f" · {link.verdict}", "bold") if link.verdict else "",
                (
                    "   n/N: other links · y/x: confirm/reject · enter: read the right side",
                    "italic",
                ),
            )
        )
        self.query_one("#compare-why", Static).update(
            why_lines(why, source.text, target.text)
            if why is not None
            else Content.styled("Finding what the two share…", "italic")
            if self.explain is not None
            else ""
        )
        for side, article, statement in (
            ("source", source, link.source),
            ("target", target, link.target),
        ):
            marks: list[tuple[str, list[Span]]] = [
                (SHARED_WORD, equal[side]),
                (CHANGED, changed[side]),
            ]
            if why is not None:
                shared_names, shared_words, conflicts = statement_marks(why, statement, side)
                marks += [
                    (SHARED_WORD, shared_words),
                    (SHARED_ENTITY, shared_names),
                    (CONFLICT, conflicts),
                ]
            self.query_one(f"#{side}-heading", Static).update(display.article_heading(article))
            self.query_one(f"#{side}-text", Static).update(
                statement_in_context(article, statement, marks)
            )

    def title_prefix(self) -> Content:
        """What the title begins with (the review queue's progress)."""
        return Content("")

    def link_to_judge(self) -> Link | None:
        return self.link

    def judged(self, link: Link, verdict: str | None) -> None:
        self.links[self.index] = fresh_link(self.app, link)  # type: ignore[arg-type]
        self._show()

    def action_step(self, step: int) -> None:
        self.index = (self.index + step) % len(self.links)
        self._show()

    def action_open_target(self) -> None:
        target = self.link.target
        self.dismiss(Location(target.article_id, focus=target.span))
