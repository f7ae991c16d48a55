"""The development set's figures on the bundled corpus (see docs/xref.md).

The floors are the figures measured when the scorer was last changed, rounded down:
a change that makes grading worse on the hand labels fails here.
"""

import pytest

from reader.corpus import bundled_corpus_path, load_corpus
from reader.xref import cross_reference
from reader.xref.evaluation import figures, load_labels, predicted_grades, resolve
from tests.xref.devset import LINKS


@pytest.fixture(scope="module")
def seeds():
    corpus, problems = load_corpus(bundled_corpus_path())
    assert not problems
    return corpus, cross_reference(corpus, cache=False)


def test_every_label_names_a_statement(seeds):
    corpus, xref = seeds
    labels = load_labels(LINKS)
    for pair in labels["pairs"]:
        for name, exact in (pair["a"], pair["b"]):
            assert resolve(corpus, xref, labels["articles"][name], exact) is not None, exact


def test_both_readouts_are_linked_as_same(seeds):
    corpus, xref = seeds
    sources = load_labels(LINKS)["articles"]
    pairs = [
        (("presstv", "Once again, Lavrov drew attention"), ("eir", "Mr Lavrov again emphasised")),
        (
            ("presstv", "Kerry underlined his country"),
            ("eir", "the United States is making preparations to suspend"),
        ),
    ]
    for (a_name, a_text), (b_name, b_text) in pairs:
        a = resolve(corpus, xref, sources[a_name], a_text)
        b = resolve(corpus, xref, sources[b_name], b_text)
        assert [link.grade for link in xref.links_from(a) if link.target == b] == ["same"]


def test_figures_on_the_whole_development_set(seeds):
    result = figures(predicted_grades(*seeds, load_labels(LINKS)))
    assert result.pairs == 49
    assert result.same_precision == 1.0 and result.same_recall == 1.0
    assert result.link_precision >= 0.88  # measured 0.90
    assert result.link_recall >= 0.62  # measured 0.66


def test_figures_on_the_held_back_check_split(seeds):
    result = figures(predicted_grades(*seeds, load_labels(LINKS), split="check"))
    assert result.link_precision >= 0.95  # measured 1.00
    assert result.link_recall >= 0.45  # measured 0.45
