"""The review queue: the links nobody has judged yet, to confirm or reject in a row.

Most uncertain first (scores nearest a grade's threshold) or best first (`o`
switches). `y` / `x` judge the highlighted link and move on; `enter` opens it in the
compare view with the reasons for the link, where `y` / `x` judge and go to the next.
Keyboard only, like a triage tool; the title counts judged / total.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from reader.model import Link
from reader.tui import display
from reader.tui.judging import JudgingKeys
from reader.tui.location import Location
from reader.tui.screens.compare import CompareScreen
from reader.tui.widgets.item_list import ItemList
from reader.tui.widgets.link_list import GRADE_STYLES
from reader.xref.review import BEST, UNCERTAIN, review_order

if TYPE_CHECKING:
    from reader.xref.judged import JudgedLinks

ORDER_NAMES = {UNCERTAIN: "most uncertain first", BEST: "best first"}


def unjudged_links(view: JudgedLinks, order: str) -> list[Link]:
    links = [lk for lk in view.engine_links() if view.judgement(lk.source, lk.target) is None]
    return review_order(links, order, view.overlap)


def progress_text(view: JudgedLinks) -> str:
    links = view.engine_links()
    judged = sum(view.judgement(lk.source, lk.target) is not None for lk in links)
    return f"judged {judged} / {len(links)}"


def queue_prompt(link: Link, view: JudgedLinks, width: int) -> Content:
    """Grade and score, then each statement on a line of its own, cut to `width`."""
    lines: list[Content | str | tuple[str, str]] = [
        (str(link.grade), GRADE_STYLES.get(link.grade, "")),
        (f" {link.score:.0f}", "dim"),
    ]
    for statement in (link.source, link.target):
        outlet = display.literal(view.outlet(statement))
        room = max(width - len(outlet) - 4, 20)
        lines += [
            "\n  ",
            (outlet, "bold"),
            " ",
            display.literal(display.snippet(statement.text, room)),
        ]
    return Content.assemble(*lines)


class ReviewScreen(JudgingKeys, Screen[Location | None]):
    HELP_TITLE = "Review queue"
    BINDINGS = [
        Binding("y", "judge('confirmed')", "Confirm"),
        Binding("x", "judge('rejected')", "Reject"),
        Binding("escape,backspace", "dismiss", "Back"),
        Binding("enter", "open", "Compare"),
        Binding("o", "switch_order", "Order"),
    ]

    def __init__(self, view: JudgedLinks, order: str = UNCERTAIN) -> None:
        super().__init__()
        self.view = view
        self.order = order
        self.queue: list[Link] = []

    def compose(self) -> ComposeResult:
        yield Static(id="review-title", classes="screen-title", markup=False)
        yield ItemList(id="queue", empty="Every link is judged.")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_queue(0)

    def refresh_queue(self, index: int | None = None) -> None:
        """List the unjudged links again, the cursor at `index` (else where it was)."""
        queue_list = self.query_one("#queue", ItemList)
        if index is None:
            index = queue_list.highlighted or 0
        self.queue = unjudged_links(self.view, self.order)
        width = queue_list.size.width or self.app.size.width
        queue_list.show(
            [(queue_prompt(link, self.view, width - 2), link) for link in self.queue],
            highlight=min(index, len(self.queue) - 1) if self.queue else None,
        )
        self.query_one("#review-title", Static).update(
            Content.assemble(
                ("Review links", "bold"),
                f" · {progress_text(self.view)} · {ORDER_NAMES[self.order]}",
                ("   y confirm · x reject · enter compare · o order", "dim"),
            )
        )

    def link_to_judge(self) -> Link | None:
        return self.query_one("#queue", ItemList).item

    def judged(self, link: Link, verdict: str | None) -> None:
        self.refresh_queue()  # the judged link leaves: the cursor is on the next one

    def action_switch_order(self) -> None:
        self.order = BEST if self.order == UNCERTAIN else UNCERTAIN
        self.refresh_queue(0)

    def action_open(self) -> None:
        queue_list = self.query_one("#queue", ItemList)
        if not self.queue or queue_list.highlighted is None:
            self.app.notify("Every link is judged.", timeout=2, markup=False)
            return
        self.app.push_screen(
            ReviewCompareScreen(
                self.view.corpus, list(self.queue), queue_list.highlighted, self.view.why
            ),
            self._back_from_compare,
        )

    def on_item_list_chosen(self, event: ItemList.Chosen) -> None:
        self.action_open()

    def _back_from_compare(self, location: Location | None) -> None:
        if location is not None:
            self.dismiss(location)
        else:
            self.refresh_queue()


class ReviewCompareScreen(CompareScreen):
    """The compare view over the queue: a judgement moves on to the next link."""

    HELP_TITLE = "Review: compare and judge"

    def title_prefix(self) -> Content:
        progress = f"Review · {progress_text(self.app.xref)} · "  # type: ignore[attr-defined]
        return Content.styled(progress, "bold")

    def judged(self, link: Link, verdict: str | None) -> None:
        super().judged(link, verdict)
        if verdict is not None and self.index + 1 < len(self.links):
            self.action_step(1)
        elif verdict is not None:
            self.app.notify("That was the last link of the queue.", timeout=3, markup=False)
            self.dismiss(None)
