"""The review queue: which links to judge first, and why the engine made each.

Most uncertain first puts the links whose score lies nearest a grade's threshold on
top (`related` at RELATED_SCORE, `same` at SAME_OVERLAP of the terms): there a
judgement tells the most about where the engine goes wrong. Best first puts the
strongest links on top, for confirming quickly.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.model import Corpus, Link
from reader.xref.score import RELATED_SCORE, SAME_OVERLAP, conflicts, grade_rank
from reader.xref.terms import statement_terms

UNCERTAIN, BEST = "uncertain", "best"
ORDERS = (UNCERTAIN, BEST)


def margin(link: Link, overlap: float | None = None) -> float:
    """How far the link is from changing grade, in score points (small: uncertain)."""
    to_related = abs(link.score - RELATED_SCORE)
    if overlap is None:
        return to_related
    return min(to_related, 100 * abs(overlap - SAME_OVERLAP))


def review_order(links: list[Link], order: str = UNCERTAIN, overlaps=None) -> list[Link]:
    """`links` in the order to judge them; `overlaps(link)` gives the pair's term
    overlap (0..1) when it is known."""
    if order == BEST:
        return sorted(links, key=lambda lk: (-grade_rank(lk.grade), -lk.score))
    overlap = overlaps or (lambda link: None)
    return sorted(links, key=lambda lk: (margin(lk, overlap(lk)), -lk.score))


@dataclass(frozen=True)
class Reasons:
    entities: tuple[str, ...]  # names both statements mention
    words: tuple[str, ...]  # content words (lemmas) both hold
    conflicts: tuple[str, ...]  # kinds of specifics that disagree: numbers, months, ...
    dates: tuple[str | None, str | None]  # the two articles' dates

    def text(self) -> str:
        parts = []
        if self.entities:
            parts.append("both name " + ", ".join(self.entities))
        if self.words:
            parts.append("shared words: " + ", ".join(self.words))
        if self.conflicts:
            parts.append("disagree on " + ", ".join(self.conflicts))
        a, b = self.dates
        if a != b:
            parts.append(f"dated {a or 'unknown'} and {b or 'unknown'}")
        return "; ".join(parts) or "no shared terms"


def link_reasons(corpus: Corpus, link: Link, limit: int = 8) -> Reasons:
    """What the two statements share and where they disagree, as the engine sees it."""
    ends = []
    for statement in (link.source, link.target):
        article = corpus.article(statement.article_id)
        assert article is not None
        ends.append(
            (article, statement_terms(article, statement, corpus.entities, article.mentions))
        )
    (one, mine), (other, theirs) = ends
    shared = [t for t in dict.fromkeys(mine.terms) if t in theirs.term_set]
    entities = []
    for term in shared:
        if term.startswith("@"):
            entity = corpus.entity(term[1:])
            entities.append(entity.name if entity else term[1:])
    words = [t for t in shared if not t.startswith("@")]
    return Reasons(
        tuple(entities[:limit]),
        tuple(words[:limit]),
        conflicts(mine, theirs),
        (one.date, other.date),
    )
