"""Exports stream: links are written as they come, in the documented layout."""

from __future__ import annotations

import io
import json

from reader.corpus import bundled_corpus_path, load_corpus
from reader.xref import LinkGrade, cross_reference, export


def seeds():
    corpus, _ = load_corpus(bundled_corpus_path())
    return corpus, cross_reference(corpus, cache=False)


def test_streamed_json_is_the_whole_document_indented_as_before():
    corpus, xref = seeds()
    links = xref.all_links()
    out = io.StringIO()
    export.write_links_json(out, corpus, iter(links), "related", None)
    document = json.loads(out.getvalue())
    assert len(document["links"]) == len(links) > 0
    assert out.getvalue() == json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    empty = io.StringIO()
    export.write_links_json(empty, corpus, iter(()), "same", "x")
    assert json.loads(empty.getvalue())["links"] == []


def test_each_link_is_written_before_the_next_is_made():
    corpus, xref = seeds()
    for write in (
        lambda out, links: export.write_links_json(out, corpus, links, LinkGrade.RELATED, None),
        lambda out, links: export.write_links_csv(out, corpus, links),
    ):
        out = io.StringIO()
        sizes: list[int] = []

        def links(out=out, sizes=sizes):
            for link in xref.iter_links():
                sizes.append(len(out.getvalue()))  # what was written when it is asked for
                yield link

        write(out, links())
        assert len(sizes) > 2
        assert all(later > earlier for earlier, later in zip(sizes, sizes[1:], strict=False))


def test_iter_links_keeps_no_link_it_made():
    corpus, xref = seeds()
    streamed = list(xref.iter_links())
    assert streamed == xref.all_links() and xref.link_count() == len(streamed)


def test_an_article_is_found_by_id_and_the_first_of_a_duplicate_wins():
    corpus, _ = load_corpus(bundled_corpus_path())
    for article in corpus.articles:
        assert corpus.article(article.id) is article
    assert corpus.article("no such article") is None
