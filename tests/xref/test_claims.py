"""The exhaustive labels (tests/devset/claims.yaml) are sound and account for the corpus."""

import pytest

from reader.corpus import bundled_corpus_path, load_corpus
from reader.statements import segment_article, statement_at
from reader.xref.evaluation import claim_labels, load_claims, load_labels
from tests.xref.devset import CLAIMS, LINKS


@pytest.fixture(scope="module")
def seeds():
    corpus, problems = load_corpus(bundled_corpus_path())
    assert not problems
    return corpus, claim_labels(corpus, load_claims(CLAIMS))


def test_every_statement_is_labelled_once_as_unclustered_or_in_claims(seeds):
    _, labels = seeds
    missing = [s.text[:60] for k, s in labels.statements.items() if k not in labels.named]
    assert not missing, f"statements claims.yaml does not account for: {missing}"
    for key, where in labels.named.items():
        assert "unclustered" not in where or len(where) == 1, (key, where)


def test_claims_agree_with_the_hand_picked_pairs(seeds):
    corpus, labels = seeds
    data = load_labels(LINKS)
    by_source = {a.source: a for a in corpus.articles}

    def key(entry):
        article = by_source[data["articles"][entry[0]]]
        found = statement_at(segment_article(article), article.text.index(entry[1]))
        return article.id, found.index

    for pair in data["pairs"]:
        assert labels.label(key(pair["a"]), key(pair["b"])) == pair["grade"], pair


def test_claim_ids_are_unique_and_near_names_claims():
    data = load_claims(CLAIMS)
    ids = [claim["id"] for claim in data["claims"]]
    assert len(ids) == len(set(ids))
    for pair in data["near"]:
        assert set(pair) <= set(ids)


def test_same_pairs_are_members_of_one_claim(seeds):
    _, labels = seeds
    same = [tuple(pair) for pair, grade in labels.labels.items() if grade == "same"]
    assert len(same) == 2
    for a, b in same:
        assert set(labels.named[a]) & set(labels.named[b]) - {"same"}
