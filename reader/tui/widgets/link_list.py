"""How a cross-reference reads in a list: where it goes, how good it is, what it says."""

from __future__ import annotations

from textual.content import Content

from reader.model import Article, Link
from reader.tui import display

GRADE_STYLES = {"same": "$text-success", "related": "$text-warning"}


def link_prompt(link: Link, target: Article | None, width: int = 70) -> Content:
    """`target` is the article the link goes to (None: named by its id)."""
    outlet = target.outlet_label if target is not None else link.target.article_id
    return Content.assemble(
        (display.literal(outlet), "bold"),
        " ",
        (link.grade, GRADE_STYLES.get(link.grade, "")),
        (f" {link.score:.0f}\n", "dim"),
        display.literal(display.snippet(link.target.text, width)),
    )
