"""How a cross-reference reads in a list: where it goes, how good it is, what it says."""

from __future__ import annotations

from textual.content import Content

from reader.model import Corpus, Link, LinkGrade
from reader.tui import format as fmt

GRADE_STYLES = {LinkGrade.SAME: "$text-success", LinkGrade.RELATED: "$text-warning"}


def link_prompt(link: Link, corpus: Corpus, width: int = 70) -> Content:
    target = corpus.article(link.target.article_id)
    outlet = target.outlet_label if target is not None else link.target.article_id
    return Content.assemble(
        (fmt.literal(outlet), "bold"),
        " ",
        (link.grade, GRADE_STYLES.get(link.grade, "")),
        (f" {link.score:.0f}\n", "dim"),
        fmt.literal(fmt.snippet(link.target.text, width)),
    )
