"""The review queue's order and the reasons shown for a link."""

from reader.model import Link, Span, Statement
from reader.xref.review import BEST, UNCERTAIN, review_order


def _link(n: int, score: float, grade: str) -> Link:
    return Link(
        Statement("a", n, Span(0, 1), "x"), Statement("b", n, Span(0, 1), "y"), score, grade
    )


def test_uncertain_first_is_nearest_a_threshold_and_best_first_is_strongest():
    links = [_link(0, 70.0, "related"), _link(1, 21.0, "related"), _link(2, 35.0, "same")]
    overlaps = {0: 0.9, 1: 0.1, 2: 0.42}
    uncertain = review_order(links, UNCERTAIN, lambda lk: overlaps[lk.source.index])
    assert [lk.source.index for lk in uncertain] == [1, 2, 0]
    assert [lk.source.index for lk in review_order(links, BEST)] == [2, 0, 1]
