"""How a cross-reference reads in a list: where it goes and when, how good it is, and
what it says."""

from __future__ import annotations

from datetime import date

from textual.content import Content

from reader.model import Article, Link, LinkGrade
from reader.tui import display

# Weight, not theme colours: legible on a selected row too.
GRADE_STYLES = {LinkGrade.SAME: "bold", LinkGrade.RELATED: "italic"}
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
