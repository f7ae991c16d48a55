"""Judging links in the reader: `y` confirms, `x` rejects, `u` clears, on any screen
that shows a link; and the small dialog that asks an added link's grade.

Every judgement goes to the corpus's judgements.yaml at once (reader/judgement_file.py,
which keeps hand edits), and the app's judged view of the links is read again, so each
screen shows the judgement as the file now holds it.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.model import Link, Statement

if TYPE_CHECKING:
    from reader.tui.app import ReaderApp

VERDICT_WORDS = {
    "confirmed": "Confirmed",
    "rejected": "Rejected (hidden; X shows rejected links)",
    "added": "Added",
    None: "Judgement cleared",
}


def write_judgement(
    app: ReaderApp, a: Statement, b: Statement, verdict: str | None, grade: str | None = None
) -> bool:
    """Write (or with `verdict` None, clear) the judgement of the pair, read the
    judgements again and say so; False, after saying why, when it could not be."""
    from reader.judgement_file import JudgementFileError, clear_judgement, record_judgement

    view = app.xref
    if app.corpus is None or view is None or not hasattr(view, "reload"):
        app.notify("Cross-references are still being computed.", timeout=3, markup=False)
        return False
    try:
        if verdict is None:
            clear_judgement(app.corpus, a, b)
        else:
            record_judgement(app.corpus, a, b, verdict, grade)
    except JudgementFileError as error:
        app.notify(
            str(error), title="Judgement not saved", severity="error", timeout=10, markup=False
        )
        return False
    problems = view.reload()
    app.notify(VERDICT_WORDS[verdict], timeout=2, markup=False)
    if problems:
        app.notify(
            f"judgements.yaml has {len(problems)} problem(s); run 'reader check' to see them",
            severity="warning",
            timeout=6,
            markup=False,
        )
    return True


def fresh_link(app: ReaderApp, link: Link) -> Link:
    """`link` as the judged view now has it (its verdict and grade after a change)."""
    view = app.xref
    if view is None or not hasattr(view, "links_from"):
        return link
    for other in view.links_from(link.source, rejected=True):
        if other.target == link.target:
            return other
    return dataclasses.replace(link, verdict=None)  # an added link, taken away


class JudgingKeys(DOMNode):
    """Keys that judge the link a screen points at; mixed into the screen's class.

    The screen says which link (`link_to_judge`) and redraws after (`judged`).
    """

    BINDINGS = [  # out of the footer (the screens' titles say them) but for the queue's
        Binding("y", "judge('confirmed')", "Confirm link", show=False),
        Binding("x", "judge('rejected')", "Reject link", show=False),
        Binding("u", "judge('')", "Clear judgement", show=False),
    ]

    def link_to_judge(self) -> Link | None:
        raise NotImplementedError

    def judged(self, link: Link, verdict: str | None) -> None:
        """Called after the judgement of `link` was written."""

    def action_judge(self, verdict: str) -> None:
        link = self.link_to_judge()
        if link is None:
            self.app.notify("No link here to judge.", timeout=2, markup=False)
            return
        if link.verdict == "added" and verdict == "rejected":
            verdict = ""  # rejecting a link one added takes it away
        grade = link.grade if verdict else None
        if write_judgement(self.app, link.source, link.target, verdict or None, grade):  # type: ignore[arg-type]
            self.judged(link, verdict or None)


class GradeScreen(ModalScreen[str | None]):
    """Which grade an added link gets: same or related."""

    HELP_TITLE = "Grade of an added link"
    BINDINGS = [
        Binding("s", "dismiss('same')", "Same"),
        Binding("r", "dismiss('related')", "Related"),
        Binding("escape,backspace", "dismiss(None)", "Cancel"),
    ]
    DEFAULT_CSS = """
    GradeScreen { align: center middle; }
    GradeScreen > Vertical {
        width: 64; height: auto; padding: 1 2;
        border: round $accent; background: $surface;
    }
    """

    def __init__(self, a: Statement, b: Statement) -> None:
        super().__init__()
        self.a, self.b = a, b

    def compose(self) -> ComposeResult:
        from reader.tui import display

        with Vertical():
            yield Static(Content("Link these two statements?"), classes="screen-title")
            for statement in (self.a, self.b):
                yield Static(
                    Content.assemble(
                        (display.literal(statement.article_id), "bold"),
                        ": ",
                        display.literal(display.snippet(statement.text, 120)),
                    )
                )
            yield Static(
                Content.from_markup(
                    "[b]s[/b] same (one statement reported twice) · "
                    "[b]r[/b] related (the same claim) · [b]escape[/b] cancel"
                )
            )


class MainScreenJudging(JudgingKeys):
    """The reading screen's judging keys: the link highlighted in the side panel (or
    the best one of the statement), marking a statement and linking it by hand, the
    rejected links shown or hidden, and the review queue.

    The screen gives `article`, `xref` (the judged view), `links`, `side` and
    `refresh_links()`.
    """

    BINDINGS = [
        Binding("X", "toggle_rejected", "Show rejected links", show=False),
        Binding("m", "mark_statement", "Mark statement to link", show=False),
        Binding("l", "link_marked", "Link marked statement here", show=False),
        # `r` (review) is bound by the screen, after its own keys in the footer
    ]

    marked: Statement | None = None  # the statement `m` marked, to link with `l`

    def link_to_judge(self) -> Link | None:
        return self.chosen_link()  # type: ignore[attr-defined]

    def judged(self, link: Link, verdict: str | None) -> None:
        self.refresh_links()  # type: ignore[attr-defined]

    def on_screen_resume(self) -> None:
        """Back from the compare view or the review queue: links judged there show so."""
        if self.xref is not None:  # type: ignore[attr-defined]
            self.refresh_links()  # type: ignore[attr-defined]

    def statement_here(self) -> Statement | None:
        from reader.tui.widgets.article_view import ArticleView

        xref, article = self.xref, self.article  # type: ignore[attr-defined]
        unit = self.query_one(ArticleView).cursor_span
        if xref is None or article is None or unit is None:
            return None
        return xref.statement_at(article.id, unit.start)

    def action_toggle_rejected(self) -> None:
        view = self.xref  # type: ignore[attr-defined]
        if view is None or not hasattr(view, "show_rejected"):
            self.app.notify("Cross-references are still being computed.", timeout=2, markup=False)
            return
        view.show_rejected = not view.show_rejected
        self.refresh_links()  # type: ignore[attr-defined]
        shown = "shown (marked ✗)" if view.show_rejected else "hidden"
        self.app.notify(f"Rejected links {shown}.", timeout=2, markup=False)

    def action_mark_statement(self) -> None:
        statement = self.statement_here()
        if statement is None:
            self.app.notify("No statement here to mark.", timeout=2, markup=False)
            return
        self.marked = statement
        self.app.notify(
            f"Statement {statement.index + 1} of {statement.article_id} marked: go to the "
            "statement it matches in another article and press l.",
            timeout=5,
            markup=False,
        )

    def action_link_marked(self) -> None:
        here, marked = self.statement_here(), self.marked
        if marked is None:
            self.app.notify(
                "Mark a statement with m first, then press l on its match.", markup=False
            )
            return
        if here is None or here.article_id == marked.article_id:
            self.app.notify(
                "Put the cursor on a statement of another article.", timeout=3, markup=False
            )
            return

        def add(grade: str | None) -> None:
            if grade and write_judgement(self.app, marked, here, "added", grade):  # type: ignore[arg-type]
                self.marked = None
                self.refresh_links()  # type: ignore[attr-defined]

        self.app.push_screen(GradeScreen(marked, here), add)

    def action_review(self) -> None:
        from reader.tui.screens.review import ReviewScreen

        view = self.xref  # type: ignore[attr-defined]
        if view is None or not hasattr(view, "engine_links"):
            self.app.notify("Cross-references are still being computed.", timeout=2, markup=False)
            return
        self.app.push_screen(ReviewScreen(view), self._returned)  # type: ignore[attr-defined]
