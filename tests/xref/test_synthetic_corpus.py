"""A smoke test of the benchmark's corpus generator at a tiny size (not the benchmark)."""

import importlib.util
import sys
from pathlib import Path

from reader.xref import cross_reference

GENERATOR = Path(__file__).parents[2] / "benchmarks" / "synthetic_corpus.py"


def load_generator():
    spec = importlib.util.spec_from_file_location("synthetic_corpus", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_generated_corpus_is_sound_and_its_planted_links_are_found():
    synthetic = load_generator().generate(12, seed=3)
    corpus = synthetic.corpus
    assert len(corpus.articles) == 12
    for article in corpus.articles:
        for mention in article.mentions:
            text = article.text[mention.span.start : mention.span.end]
            assert text in corpus.entities[mention.entity_id].aliases
    assert {link.kind for link in synthetic.planted} <= {
        "retranslation",
        "alias",
        "partial",
        "paraphrase",
    }
    xref = cross_reference(corpus, cache=False)
    found = 0
    for link in synthetic.planted:
        (a_id, a_offset), (b_id, b_offset) = link.a, link.b
        a = xref.statement_at(a_id, a_offset)
        b = xref.statement_at(b_id, b_offset)
        found += any(lk.target == b for lk in xref.links_from(a))
    assert synthetic.planted and found / len(synthetic.planted) >= 0.9


def test_generation_is_deterministic():
    generate = load_generator().generate
    assert generate(3, seed=5).corpus.articles == generate(3, seed=5).corpus.articles
