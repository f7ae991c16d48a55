"""A smoke test of the corpus-directory benchmark's writer at a tiny size."""

import importlib.util
import sys
from pathlib import Path

from reader.corpus import load_corpus
from reader.xref import cross_reference

BENCHMARKS = Path(__file__).parents[1] / "benchmarks"


def load_writer(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS))  # it draws words from synthetic_corpus
    spec = importlib.util.spec_from_file_location("corpus_writer", BENCHMARKS / "corpus_writer.py")
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)
    spec.loader.exec_module(module)
    return module


def test_a_written_corpus_is_sound_and_carries_wire_copies(tmp_path, monkeypatch):
    writer = load_writer(monkeypatch)
    spare = writer.write_corpus(tmp_path / "corpus", 30, seed=5)
    corpus, problems = load_corpus(tmp_path / "corpus")
    assert problems == [] and len(corpus.articles) == 30
    writer.write_article(tmp_path / "corpus", spare)
    corpus, problems = load_corpus(tmp_path / "corpus")
    assert problems == [] and len(corpus.articles) == 31
    xref = cross_reference(corpus, cache=False)
    copied = [s for a in corpus.articles for s in xref.statements(a.id) if xref.copies_of(s)]
    assert copied, "wire stories carried verbatim"
    assert xref.link_count() > 0
