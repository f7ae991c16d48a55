"""The review queue's order and the reasons shown for a link."""

from reader.model import Link, Span, Statement
from reader.xref.review import BEST, UNCERTAIN, reasons_text, review_order
from tests.judged_corpus import copy_corpus, loaded, the_link


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


def test_reasons_name_what_the_statements_share_and_their_dates(tmp_path):
    corpus, xref = loaded(copy_corpus(tmp_path))
    link = the_link(xref)
    text = reasons_text(xref.why(link), ("2016-09-28", "2016-09-28"))
    assert text.startswith("both name Sergey Lavrov, Jabhat al-Nusra")
    assert "shared words: " in text and "agreement" in text and "dated" not in text
    assert "dated 2016-06-10 and unknown" in reasons_text(xref.why(link), ("2016-06-10", None))
