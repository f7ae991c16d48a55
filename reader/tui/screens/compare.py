"""Two linked statements side by side, in their paragraphs, with the changed words marked.

The word alignment is the engine's (`reader.xref.diff.word_diff`); this screen only
paints it: words one side has and the other does not stand out, shared words are
underlined, the paragraph around each statement is dimmed.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from reader.model import Article, Corpus, Link, Span, Statement
from reader.tui import format as fmt
from reader.tui.location import Location

SHARED = "underline"
CHANGED = "bold $text-warning"
CONTEXT = "dim"


def statement_in_context(
    article: Article, statement: Statement, changed: list[Span], shared: list[Span]
) -> Content:
    """The statement's paragraph: context dimmed, `shared` and `changed` spans (offsets
    into the statement's text) styled."""
    paragraph = article.paragraph_at(statement.span.start)
    block = paragraph.span if paragraph is not None else statement.span
    start, end = min(block.start, statement.span.start), max(block.end, statement.span.end)
    content = Content(fmt.literal(article.text[start:end]))
    here = statement.span.start - start
    content = content.stylize(CONTEXT, 0, here).stylize(CONTEXT, here + len(statement.span))
    for span in shared:
        content = content.stylize(SHARED, here + span.start, here + span.end)
    for span in changed:
        content = content.stylize(CHANGED, here + span.start, here + span.end)
    return content


class CompareScreen(Screen[Location | None]):
    HELP_TITLE = "Compare two statements"
    BINDINGS = [
        Binding("escape,backspace", "dismiss", "Back"),
        Binding("n,j,down", "step(1)", "Next link"),
        Binding("N,k,up", "step(-1)", "Previous link", show=False),
        Binding("enter", "open_target", "Open right side"),
    ]

    def __init__(self, corpus: Corpus, links: list[Link], index: int = 0) -> None:
        super().__init__()
        self.corpus = corpus
        self.links = links
        self.index = index

    @property
    def link(self) -> Link:
        return self.links[self.index]

    def compose(self) -> ComposeResult:
        yield Static(id="compare-title", classes="screen-title", markup=False)
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

    def _show(self) -> None:
        from reader.xref.diff import DiffTag, word_diff

        link = self.link
        source = self.corpus.article(link.source.article_id)
        target = self.corpus.article(link.target.article_id)
        assert source is not None and target is not None
        ops = word_diff(link.source.text, link.target.text)
        shared_a = [op.a_span for op in ops if op.tag is DiffTag.EQUAL]
        shared_b = [op.b_span for op in ops if op.tag is DiffTag.EQUAL]
        changed_a = [op.a_span for op in ops if op.tag in (DiffTag.REPLACE, DiffTag.DELETE)]
        changed_b = [op.b_span for op in ops if op.tag in (DiffTag.REPLACE, DiffTag.INSERT)]
        self.query_one("#compare-title", Static).update(
            Content.assemble(
                (f"Link {self.index + 1}/{len(self.links)}", "bold"),
                " · ",
                (link.grade, "bold"),
                f" · score {link.score:.0f}",
                ("   n/N: other links · enter: read the right side", "dim"),
            )
        )
        for side, article, statement, changed, shared in (
            ("source", source, link.source, changed_a, shared_a),
            ("target", target, link.target, changed_b, shared_b),
        ):
            self.query_one(f"#{side}-heading", Static).update(fmt.article_heading(article))
            self.query_one(f"#{side}-text", Static).update(
                statement_in_context(article, statement, changed, shared)
            )

    def action_step(self, step: int) -> None:
        self.index = (self.index + step) % len(self.links)
        self._show()

    def action_open_target(self) -> None:
        target = self.link.target
        self.dismiss(Location(target.article_id, focus=target.span))
