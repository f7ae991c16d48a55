"""A small corpus with a judgement file, for the tests of judgements."""

from __future__ import annotations

import shutil
from pathlib import Path

from reader.corpus import load_corpus
from reader.xref import cross_reference

XREF_CORPUS = Path(__file__).parent / "fixtures" / "xref_corpus"
# Two articles: the first's quotation and the second's paragraph are one readout
# (the engine links them `same`); the headlines are about other things.
QUOTE = "Lavrov drew attention to the fact"
SECOND = "Mr Lavrov emphasised"
FIRST_HEADLINE = "Markets rose after the central bank held its rates"
SECOND_HEADLINE = "The football club signed a new striker on loan"


def copy_corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(XREF_CORPUS, root)
    return root


def loaded(root: Path):
    corpus, problems = load_corpus(root)
    assert problems == []
    return corpus, cross_reference(corpus, cache=False)


def statement(xref, article_id: str, words: str):
    """The statement of `article_id` holding `words`."""
    article = xref.corpus.article(article_id)
    found = xref.statement_at(article_id, article.text.index(words))
    assert found is not None, words
    return found


def the_link(xref):
    (link,) = xref.all_links()
    return link
