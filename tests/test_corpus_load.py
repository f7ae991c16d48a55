"""Loading a sound corpus: offsets, kinds, provenance."""

from __future__ import annotations

from pathlib import Path

from reader.corpus import bundled_corpus_path, load_corpus
from reader.model import BlockKind, MentionKind, QuoteKind

GOOD = Path(__file__).parent / "fixtures" / "corpus"


def test_sound_corpus_has_no_problems():
    corpus, problems = load_corpus(GOOD)
    assert problems == []
    assert [a.id for a in corpus.articles] == ["example"]


def test_offsets_point_at_the_annotated_words():
    corpus, _ = load_corpus(GOOD)
    article = corpus.article("example")
    words = [(article.text[m.span.start : m.span.end], m.entity_id) for m in article.mentions]
    assert ("Sergei Lavrov", "lavrov") in words
    assert ("Washington", "united-states") in words
    metonym = next(m for m in article.mentions if m.kind is MentionKind.METONYM)
    assert article.text[metonym.span.start : metonym.span.end] == "Washington"
    q2 = article.quote("q2")
    assert q2.kind is QuoteKind.DIRECT
    assert article.text[q2.span.start : q2.span.end].startswith("Washington calls them ‘moderate’")
    assert article.text[q2.cue_span.start : q2.cue_span.end] == "said"
    # the cue is the one in q2's own paragraph, not the first "said" in the article
    assert article.paragraph_at(q2.cue_span.start).index == q2.paragraph


def test_chrome_is_kept_apart_from_the_body():
    corpus, _ = load_corpus(GOOD)
    article = corpus.article("example")
    assert [c.text for c in article.chrome] == ["Home / News", "SHARE THIS"]
    assert "SHARE THIS" not in article.text
    assert article.title == "Lavrov says US must act on Nusra"
    assert article.paragraphs[0].kind is BlockKind.HEADLINE
    assert [p.line for p in article.paragraphs] == [3, 5, 7]


def test_paragraph_spans_tile_the_text():
    corpus, _ = load_corpus(GOOD)
    article = corpus.article("example")
    rebuilt = "\n\n".join(article.text[p.span.start : p.span.end] for p in article.paragraphs)
    assert rebuilt == article.text


def test_cue_in_another_block(tmp_path):
    text = (GOOD / "example.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "        exact: the US must separate its allies from Nusra\n        cue: said\n",
        "        exact: the US must separate its allies from Nusra\n"
        "        cue: {exact: the Russian Foreign Ministry said, block: 1}\n",
    )
    (tmp_path / "example.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "entities.yaml").write_text(
        (GOOD / "entities.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    corpus, problems = load_corpus(tmp_path)
    assert problems == []
    article = corpus.article("example")
    q1 = article.quote("q1")
    cue = article.text[q1.cue_span.start : q1.cue_span.end]
    assert cue == "the Russian Foreign Ministry said"
    assert article.paragraph_at(q1.cue_span.start).index == q1.paragraph + 1


def test_bundled_corpus_path_is_the_seeds_directory_in_a_checkout():
    path = bundled_corpus_path()
    assert path.is_dir() and (path / "raw").is_dir()
