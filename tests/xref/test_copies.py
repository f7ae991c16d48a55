"""Syndication: copies of a story are found before scoring and shown as a group."""

from __future__ import annotations

import dataclasses
import io
import json

import pytest

from reader.corpus import bundled_corpus_path, load_corpus
from reader.model import Corpus
from reader.xref import cross_reference, export
from reader.xref.copies import COPY_LINKS_UP_TO, copy_groups
from reader.xref.crossref import prepare

REPRINTS = 40  # well past COPY_LINKS_UP_TO
OUTLETS = 20  # each reprinting outlet carries the story twice


@pytest.fixture(scope="module")
def seeds() -> Corpus:
    corpus, _ = load_corpus(bundled_corpus_path())
    return corpus


def reprinted(seeds: Corpus, copies: int) -> Corpus:
    """The seeds, and `copies` reprints of their first article by other outlets."""
    story = seeds.articles[0]
    reprints = [
        dataclasses.replace(story, id=f"reprint-{n:03d}", outlet=f"Reprint {n % OUTLETS:02d}")
        for n in range(copies)
    ]
    return dataclasses.replace(seeds, articles=(*seeds.articles, *reprints))


def scored(xref) -> set:
    return {(lk.source, lk.target, lk.score, lk.grade) for lk in xref.all_links()}


def test_reprints_change_no_weight_and_no_link_between_the_originals(seeds):
    assert REPRINTS > COPY_LINKS_UP_TO
    original = cross_reference(seeds, cache=False)
    with_reprints = cross_reference(reprinted(seeds, REPRINTS), cache=False)
    assert scored(with_reprints) == scored(original) and scored(original)
    assert prepare(reprinted(seeds, REPRINTS)).weights == prepare(seeds).weights


def test_a_copied_statement_shows_its_copies_by_outlet_with_a_count(seeds):
    corpus = reprinted(seeds, REPRINTS)
    xref = cross_reference(corpus, cache=False)
    story = seeds.articles[0]
    statement = next(s for s in xref.statements(story.id) if xref.copies_of(s))
    groups = xref.copies_of(statement)
    assert len(groups) == OUTLETS and all(g.count == REPRINTS // OUTLETS for g in groups)
    assert {g.outlet for g in groups} == {f"Reprint {n:02d}" for n in range(OUTLETS)}
    # a reprint's copy has the original's links, and the original among its copies
    reprint = xref.statement_at("reprint-007", statement.span.start)
    assert reprint is not None and reprint.text == statement.text
    assert [(lk.target, lk.score) for lk in xref.links_from(reprint)] == [
        (lk.target, lk.score) for lk in xref.links_from(statement)
    ]
    assert story.outlet_label in {g.outlet for g in xref.copies_of(reprint)}


def test_the_export_names_the_copies_once_per_outlet(seeds):
    corpus = reprinted(seeds, REPRINTS)
    xref = cross_reference(corpus, cache=False)
    out = io.StringIO()
    export.write_links_json(out, corpus, xref.iter_links(), "related", None, copies=xref.copies_of)
    document = json.loads(out.getvalue())
    copied = [end for link in document["links"] for end in (link["source"], link["target"])]
    copied = [end for end in copied if end["copies"]]
    assert copied and all(len(end["copies"]) == OUTLETS for end in copied)
    assert len(document["links"]) == len(cross_reference(seeds, cache=False).all_links())


def test_coverage_counts_a_copied_claim_once_per_outlet(seeds):
    xref = cross_reference(reprinted(seeds, REPRINTS), cache=False)
    for cluster in xref.clusters():
        outlets = [c.outlet for c in cluster.carried]
        reprints = [o for o in outlets if o.startswith("Reprint")]
        assert len(reprints) == len(set(reprints))
    assert any(
        sum(o.startswith("Reprint") for o in (c.outlet for c in cluster.carried)) == OUTLETS
        for cluster in xref.clusters()
    )


def test_a_few_copies_are_linked_as_same(seeds):
    xref = cross_reference(reprinted(seeds, 2), cache=False)
    statement = next(s for s in xref.statements(seeds.articles[0].id) if xref.copies_of(s))
    copies = [lk for lk in xref.links_from(statement) if lk.target.article_id.startswith("rep")]
    assert len(copies) == 2 and all(lk.grade == "same" and lk.score == 100.0 for lk in copies)


def test_short_statements_are_never_copies_by_chance():
    from reader.xref.terms import StatementTerms

    short = StatementTerms(
        ("talk", "fail"), (2,), frozenset(), frozenset(), frozenset(), frozenset()
    )
    assert copy_groups([short, short]) == [0, 1]


def test_a_short_sentence_reprinted_by_one_outlet_is_carried_once():
    """A sentence too short to be grouped as a copy ("Washington must keep its word.")
    is linked in each reprint; coverage still counts it once per outlet."""
    from pathlib import Path

    corpus, _ = load_corpus(Path(__file__).parents[1] / "tui" / "fixtures" / "corpus")
    story = next(a for a in corpus.articles if a.id == "herald")
    reprints = [dataclasses.replace(story, id=f"reprint-{n}", outlet="Wire") for n in range(12)]
    xref = cross_reference(
        dataclasses.replace(corpus, articles=(*corpus.articles, *reprints)), cache=False
    )
    # the same sentence from several of the outlet's reprints, in one claim
    assert any(
        len(reprinted) > len(set(reprinted))
        for cluster in xref.clusters()
        if (reprinted := [s.text for s in cluster.statements if s.article_id.startswith("rep")])
    )
    for cluster in xref.clusters():
        wire = [c for c in cluster.carried if c.outlet == "Wire"]
        texts = [" ".join(c.statement.text.casefold().split()) for c in wire]
        assert len(texts) == len(set(texts))
