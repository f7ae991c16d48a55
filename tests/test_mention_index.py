"""Mentions by entity, made once per corpus: what the entity screen lists."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from reader.corpus import load_corpus
from reader.mention_index import MentionIndex, mention_index
from reader.xref import entity_coverage

CORPUS = Path(__file__).parent / "tui" / "fixtures" / "corpus"


def test_an_entitys_mentions_in_corpus_order_and_its_outlets():
    corpus, _ = load_corpus(CORPUS)
    index = MentionIndex(corpus)
    for entity_id in corpus.entities:
        scanned = [
            (article.id, mention.span)
            for article in corpus.articles
            for mention in sorted(article.mentions, key=lambda m: m.span.start)
            if mention.entity_id == entity_id
        ]
        assert [(a.id, m.span) for a, m in index.mentions(entity_id)] == scanned
    for row in entity_coverage(corpus):
        outlets = index.outlets(row.entity_id)
        assert {o.outlet: o.mentions for o in outlets} == row.by_outlet
        assert [o.mentions for o in outlets] == sorted(row.by_outlet.values(), reverse=True)
    assert index.mentions("no-such-entity") == [] and index.outlets("no-such-entity") == []


def test_articles_are_counted_per_outlet_and_the_index_is_kept_per_corpus():
    corpus, _ = load_corpus(CORPUS)
    story = corpus.articles[0]
    copies = [dataclasses.replace(story, id=f"copy-{n}") for n in range(3)]
    bigger = dataclasses.replace(corpus, articles=(*corpus.articles, *copies))
    entity = story.mentions[0].entity_id
    row = next(o for o in mention_index(bigger).outlets(entity) if o.outlet == story.outlet_label)
    in_story = sum(m.entity_id == entity for m in story.mentions)
    assert (row.mentions, row.articles) == (4 * in_story, 4)
    assert mention_index(bigger) is mention_index(bigger)
    assert mention_index(corpus) is not mention_index(bigger)
