"""The bundled corpus: sound, faithful to its raw pages, and its aliases clustered."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from reader.corpus import bundled_corpus_path, load_corpus
from reader.model import MentionKind, QuoteKind
from reader.rawtext import content_lines, normalise_line, raw_lines

SEEDS = bundled_corpus_path()


@pytest.fixture(scope="module")
def loaded():
    return load_corpus(SEEDS)


def test_every_seed_loads_without_problems(loaded):
    corpus, problems = loaded
    assert [str(p) for p in problems] == []
    raw_files = sorted(p.name for p in (SEEDS / "raw").iterdir())
    assert sorted(a.source for a in corpus.articles) == raw_files


def test_body_and_chrome_reproduce_each_raw_file_line_for_line(loaded):
    corpus, _ = loaded
    for article in corpus.articles:
        raw = (SEEDS / "raw" / article.source).read_text(encoding="utf-8")
        blocks = [(p.line, article.text[p.span.start : p.span.end]) for p in article.paragraphs]
        blocks += [(c.line, c.text) for c in article.chrome]
        assert all(line is not None for line, _ in blocks), article.id
        assert sorted(blocks) == content_lines(raw), article.id
        # the file keeps the page's order: body and chrome interleave as printed
        lines = [p.line for p in article.paragraphs]
        assert lines == sorted(lines), article.id


def test_normalisation_touches_only_white_space():
    for path in (SEEDS / "raw").iterdir():
        for line in raw_lines(path.read_text(encoding="utf-8")):
            assert normalise_line(line).split() == line.split(), (path.name, line)


def test_every_annotation_resolves_to_its_words(loaded):
    corpus, _ = loaded
    for article in corpus.articles:
        assert article.mentions, article.id
        for mention in article.mentions:
            words = article.text[mention.span.start : mention.span.end]
            if mention.kind is MentionKind.NAME:
                assert words in corpus.entities[mention.entity_id].aliases
        for quote in article.quotes:
            assert len(quote.span) > 0
            if quote.kind is not QuoteKind.SCARE:
                assert quote.speaker in corpus.entities, (article.id, quote.id)


ALIAS_CLUSTERS = [
    ["Sergei Lavrov", "Sergey Lavrov", "Lavrov", "Mr Lavrov"],
    [
        "Jabhat Fateh al-Sham",
        "Fateh al-Sham",
        "al-Nusra Front",
        "Jabhat al-Nusra",
        "Jabhat-al-Nusra",
        "Nusra Front",
        "al-Nusra",
        "Al Nusra",
        "Nusra",
    ],
    ["ISIS", "ISIL", "IS", "Islamic State group"],
    ["al-Qaeda", "al-Qaida"],
    ["Russian Foreign Ministry", "Russia’s Foreign Ministry"],
    ["ISSG", "International Syria Support Group"],
    ["JIC", "Joint Implementation Center"],
]


@pytest.mark.parametrize("names", ALIAS_CLUSTERS, ids=lambda names: names[0])
def test_alias_cluster_resolves_to_one_entity(loaded, names):
    corpus, _ = loaded
    owners = set()
    for name in names:
        found = [e.id for e in corpus.entities.values() if name in e.aliases]
        assert found, f"{name!r} is in no entity's aliases"
        owners.update(found)
    assert len(owners) == 1, owners


def test_wheel_carries_the_bundled_corpus(tmp_path):
    root = Path(__file__).resolve().parent.parent
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(root)],
        check=True,
    )
    (wheel,) = tmp_path.glob("outlet_reader-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "reader/_bundled_seeds/entities.yaml" in names
    for raw in (root / "seeds" / "raw").iterdir():
        assert f"reader/_bundled_seeds/raw/{raw.name}" in names
