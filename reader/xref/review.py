"""The review queue: which links to judge first.

Most uncertain first puts the links whose score lies nearest a grade's threshold on
top (`related` at the related score, `same` at the share of terms `same` needs): there a
judgement tells the most about where the engine goes wrong. Best first puts the
strongest links on top, for confirming quickly.
"""

from __future__ import annotations

from reader.model import Link
from reader.xref.score import grade_rank
from reader.xref.settings import DEFAULT_SETTINGS

UNCERTAIN, BEST = "uncertain", "best"
ORDERS = (UNCERTAIN, BEST)


def margin(link: Link, overlap: float | None = None) -> float:
    """How far the link is from changing grade, in score points (small: uncertain)."""
    to_related = abs(link.score - DEFAULT_SETTINGS.related_score)
    if overlap is None:
        return to_related
    return min(to_related, 100 * abs(overlap - DEFAULT_SETTINGS.same_overlap))


def review_order(links: list[Link], order: str = UNCERTAIN, overlaps=None) -> list[Link]:
    """`links` in the order to judge them; `overlaps(link)` gives the pair's term
    overlap (0..1) when it is known."""
    if order == BEST:
        return sorted(links, key=lambda lk: (-grade_rank(lk.grade), -lk.score))
    overlap = overlaps or (lambda link: None)
    return sorted(links, key=lambda lk: (margin(lk, overlap(lk)), -lk.score))
