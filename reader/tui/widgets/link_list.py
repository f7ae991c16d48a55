"""How a cross-reference reads in a list: where it goes and when, how good it is, and
what it says."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from textual.content import Content

from reader.model import Article, Link, LinkGrade, Statement
from reader.tui import display
from reader.wording import counted
from reader.xref.copies import Copies

# Weight, not theme colours: legible on a selected row too.
GRADE_STYLES = {LinkGrade.SAME: "bold", LinkGrade.RELATED: "italic"}
OUTLETS_IN_ROW = 12  # named in the copies row; the list behind it has them all
# a researcher's judgement of the link (reader/judgements.py)
VERDICT_MARKS = {
    "confirmed": ("✓ ", "bold $text-success"),
    "added": ("+ ", "bold $text-success"),
    "rejected": ("✗ ", "bold $text-error"),
}


def days_apart(source: Article | None, target: Article | None) -> int | None:
    """Days from the source article's date to the target's; None when either is unknown."""
    try:
        return (date.fromisoformat(target.date) - date.fromisoformat(source.date)).days  # type: ignore[union-attr, arg-type]
    except (AttributeError, TypeError, ValueError):
        return None


def gap_label(days: int | None) -> str:
    if days is None:
        return ""
    if days == 0:
        return "same day"
    count = f"{abs(days)} day{'s' if abs(days) != 1 else ''}"
    return f"{count} later" if days > 0 else f"{count} earlier"


def link_prompt(
    link: Link, source: Article | None, target: Article | None, width: int | None = 70
) -> Content:
    """Outlet, date and gap; grade and score; the statement (cut to `width`
    characters, or whole when None). `target` is the article the link goes to."""
    outlet = target.outlet_label if target is not None else link.target.article_id
    when = display.date_label(target) if target is not None else ""
    gap = gap_label(days_apart(source, target))
    text = link.target.text if width is None else display.snippet(link.target.text, width)
    mark, style = VERDICT_MARKS.get(link.verdict or "", ("", ""))
    return Content.assemble(
        (mark, style),
        (display.literal(outlet), "bold"),
        (f" · {when}" if when else ""),
        (f", {gap}" if gap else ""),
        "\n",
        (link.grade, GRADE_STYLES.get(link.grade, "")),
        f" {link.score:.0f}\n" if link.verdict != "added" else " added\n",
        display.literal(" ".join(text.split())),
    )


@dataclass(frozen=True, slots=True)
class CopiesRow:
    """The verbatim copies of the statement being read, by outlet: one row in the
    cross-references, however many there are (reader/xref/copies.py)."""

    statement: Statement
    groups: tuple[Copies, ...]

    @property
    def count(self) -> int:
        return sum(group.count for group in self.groups)

    def summary(self) -> str:
        """'carried verbatim by 57 outlets': the first line of the row."""
        copies = counted(self.count, "copy", "copies")
        return f"carried verbatim by {counted(len(self.groups), 'outlet')} ({copies})"

    def outlets(self, shown: int | None = None) -> str:
        """'Reuters 3, AP 2, ...', most copies first; `shown` outlets at most."""
        groups = self.groups if shown is None else self.groups[:shown]
        listed = ", ".join(f"{group.outlet} {group.count}" for group in groups)
        rest = len(self.groups) - len(groups)
        return listed + (f" and {counted(rest, 'more outlet')}" if rest else "")


def copies_row(
    statement: Statement, groups: Sequence[Copies], links: Sequence[Link]
) -> CopiesRow | None:
    """The row for the statement's copies that its links do not show already (a few
    copies are `same` links each: copies.COPY_LINKS_UP_TO); None when there are none."""
    linked = {link.target for link in links}
    unshown = [
        Copies(group.outlet, found)
        for group in groups
        if (found := tuple(s for s in group.statements if s not in linked))
    ]
    if not unshown:
        return None
    return CopiesRow(statement, tuple(sorted(unshown, key=lambda g: (-g.count, g.outlet))))


def copies_prompt(row: CopiesRow, width: int | None = 70) -> Content:
    """The copies row: how many outlets carried the statement, the outlets with most
    copies first (cut to `width` characters, or OUTLETS_IN_ROW when None: a wire story
    may have a thousand), and where enter goes."""
    outlets = row.outlets(OUTLETS_IN_ROW)
    if width is not None:
        outlets = display.snippet(outlets, width)
    return Content.assemble(
        (display.literal(row.summary()), "bold"),
        "\n",
        display.literal(outlets),
        "\n",
        ("enter: every copy", "italic"),
    )
