"""The corpus cache gives what loading gives, and is never trusted over the files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import reader.corpus_cache as corpus_cache
from reader.corpus import bundled_corpus_path, load_corpus
from reader.corpus_cache import load_corpus_cached

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = FIXTURES / "corpus"
PROBLEMS = FIXTURES / "problems"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A copy of the good corpus (with its raw page) and one broken article."""
    root = tmp_path / "corpus"
    shutil.copytree(GOOD, root)
    shutil.copy(PROBLEMS / "anchor_not_found.yaml", root / "anchor_not_found.yaml")
    return root


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("corpus-*.json"))


def same(a, b) -> bool:
    """Equal corpora and problems, down to whether each problem's path is a Path."""
    return a == b and [type(p.path) for p in a[1]] == [type(p.path) for p in b[1]]


def no_loading(monkeypatch) -> None:
    def fail(root, load_file=None):
        raise AssertionError("loaded the files instead of the cache")

    monkeypatch.setattr(corpus_cache, "load_corpus_reading", fail)


def reloads(monkeypatch) -> list[Path]:
    calls: list[Path] = []
    real = corpus_cache.load_corpus_reading

    def counting(root, load_file=None, **options):
        calls.append(root)
        return real(root, load_file, **options)

    monkeypatch.setattr(corpus_cache, "load_corpus_reading", counting)
    return calls


@pytest.mark.parametrize(
    "root", [bundled_corpus_path(), GOOD, PROBLEMS, FIXTURES / "nowhere"], ids=str
)
def test_a_cached_load_is_the_load(root, cache, monkeypatch):
    expected = load_corpus(root)
    assert same(load_corpus_cached(root, cache), expected)
    if root.is_dir():
        assert len(entries(cache)) == 1
        no_loading(monkeypatch)
    assert same(load_corpus_cached(root, cache), expected)


def test_problems_come_from_the_cache_too(corpus, cache, monkeypatch):
    expected = load_corpus(corpus)
    assert any("not found in its block" in p.message for p in expected[1])
    load_corpus_cached(corpus, cache)
    no_loading(monkeypatch)
    assert same(load_corpus_cached(corpus, cache), expected)


def test_reading_the_cache_imports_no_yaml(corpus, cache):
    load_corpus_cached(corpus, cache)
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from reader.corpus_cache import load_corpus_cached\n"
        f"corpus, problems = load_corpus_cached(Path({str(corpus)!r}), Path({str(cache)!r}))\n"
        "assert corpus.articles and problems\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in ('yaml', 'rapidfuzz')]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def edit(path: Path, old: str, new: str, *, keep_stat: bool = False) -> None:
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    if keep_stat:
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def test_an_edited_article_is_loaded_again(corpus, cache, monkeypatch):
    load_corpus_cached(corpus, cache)
    edit(corpus / "example.yaml", "Lavrov says US must act on Nusra", "Lavrov says US must act")
    calls = reloads(monkeypatch)
    got = load_corpus_cached(corpus, cache)
    assert calls and same(got, load_corpus(corpus))
    assert any("differs from raw line" in p.message for p in got[1])
    assert len(entries(cache)) == 1  # the entry replaced, not another one kept


def test_same_size_and_mtime_but_other_words_is_caught_by_the_digest(corpus, cache, monkeypatch):
    load_corpus_cached(corpus, cache)
    edit(corpus / "example.yaml", "Lavrov says", "Lavrov sayz", keep_stat=True)
    calls = reloads(monkeypatch)
    assert same(load_corpus_cached(corpus, cache), load_corpus(corpus)) and calls


def test_an_edited_catalogue_raw_page_or_listing_is_loaded_again(corpus, cache, monkeypatch):
    calls = reloads(monkeypatch)
    load_corpus_cached(corpus, cache)
    raw = next((corpus / "raw").iterdir())
    for change in (
        lambda: edit(corpus / "entities.yaml", "Sergei Lavrov", "Sergey Lavrov"),
        lambda: raw.write_text(raw.read_text(encoding="utf-8") + "\nNew\n", encoding="utf-8"),
        lambda: shutil.copy(PROBLEMS / "date_not_iso.yaml", corpus / "date_not_iso.yaml"),
        lambda: (corpus / "anchor_not_found.yaml").unlink(),
        lambda: shutil.rmtree(corpus / "raw"),
    ):
        change()
        before = len(calls)
        assert same(load_corpus_cached(corpus, cache), load_corpus(corpus))
        assert len(calls) == before + 1
        assert same(load_corpus_cached(corpus, cache), load_corpus(corpus))
        assert len(calls) == before + 1  # and the new entry is used


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: data[: len(data) // 2],
        lambda data: b"\x00\xff not json",
        lambda data: data.replace(b'"text":"', b'"text":"x', 1),  # fails the checksum
        lambda data: b"[]\n" + data.partition(b"\n")[2],
    ],
    ids=["empty", "truncated", "garbage", "altered", "no-header"],
)
def test_a_damaged_cache_is_rebuilt(corpus, cache, monkeypatch, damage):
    load_corpus_cached(corpus, cache)
    (entry,) = entries(cache)
    entry.write_bytes(damage(entry.read_bytes()))
    calls = reloads(monkeypatch)
    assert same(load_corpus_cached(corpus, cache), load_corpus(corpus)) and calls
    assert same(load_corpus_cached(corpus, cache), load_corpus(corpus)) and len(calls) == 1


@pytest.mark.parametrize(
    "change",
    [
        lambda payload: payload["articles"][0].__setitem__("id", 7),
        lambda payload: payload["articles"][-1]["mentions"][0].__setitem__(1, -5),
        lambda payload: payload["articles"][-1]["mentions"][0].__setitem__(3, "nickname"),
        lambda payload: payload["problems"][0].__setitem__(2, "ten"),
        lambda payload: payload["entities"][0].pop(),
        lambda payload: payload.pop("articles"),
    ],
    ids=["id", "span", "kind", "line", "short", "missing"],
)
def test_a_cache_with_wrong_values_is_never_trusted(corpus, cache, monkeypatch, change):
    """Even with a checksum that fits: a value of the wrong type or out of range is
    refused and the corpus loaded again."""
    load_corpus_cached(corpus, cache)
    (entry,) = entries(cache)
    header_line, _, payload_bytes = entry.read_bytes().partition(b"\n")
    header, payload = json.loads(header_line), json.loads(payload_bytes)
    change(payload)
    payload_bytes = json.dumps(payload).encode()
    header["checksum"] = corpus_cache.digest(payload_bytes)
    entry.write_bytes(json.dumps(header).encode() + b"\n" + payload_bytes)
    calls = reloads(monkeypatch)
    assert same(load_corpus_cached(corpus, cache), load_corpus(corpus)) and calls


def test_another_loader_does_not_read_the_entry(corpus, cache, monkeypatch, tmp_path):
    """The entry depends on the loader's own source: an edited loader loads again."""
    load_corpus_cached(corpus, cache)
    copy = tmp_path / "reader"
    skip = shutil.ignore_patterns("tui", "xref", "annotate", "__pycache__")
    shutil.copytree(Path(corpus_cache.__file__).parent, copy, ignore=skip)
    (copy / "anchors.py").write_text((copy / "anchors.py").read_text() + "\n# tuned\n")
    monkeypatch.setattr(corpus_cache, "_READER", copy)
    calls = reloads(monkeypatch)
    assert same(load_corpus_cached(corpus, cache), load_corpus(corpus)) and calls


def test_the_key_covers_all_the_code_a_load_runs(tmp_path):
    """Every reader module and third-party library a load imports is in the key."""
    root = tmp_path / "corpus"
    shutil.copytree(GOOD, root)
    shutil.copy(PROBLEMS / "unknown_field_speeker.yaml", root)  # the hints' code too
    code = (
        "import json, sys\n"
        "from reader.corpus import load_corpus\n"
        "before = set(sys.modules)\n"
        f"load_corpus({str(root)!r})\n"
        "print(json.dumps({name: getattr(sys.modules[name], '__file__', None) "
        "for name in sorted(set(sys.modules) - before)}))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    imported = json.loads(run.stdout)
    sources = {str(p) for p in corpus_cache.loader_sources()}
    ours = {name: file for name, file in imported.items() if name.startswith("reader.")}
    assert ours and all(file in sources for file in ours.values()), ours
    outside = {
        name.split(".")[0]
        for name, file in imported.items()
        if file and "site-packages" in file and not name.startswith("reader")
    }
    assert outside and outside <= set(corpus_cache.LIBRARIES), outside


def test_only_the_latest_entries_are_kept(tmp_path, cache, monkeypatch):
    monkeypatch.setattr(corpus_cache, "KEEP_ENTRIES", 3)
    roots = []
    for n in range(5):
        roots.append(tmp_path / f"corpus{n}")
        shutil.copytree(GOOD, roots[-1])
        load_corpus_cached(roots[-1], cache)
        written = corpus_cache._entry(roots[-1], cache)[0]
        os.utime(written, ns=(n * 10**9, n * 10**9))  # written in this order
    assert len(entries(cache)) == 3
    assert {corpus_cache._entry(root, cache)[0] for root in roots[2:]} == set(entries(cache))
    calls = reloads(monkeypatch)
    load_corpus_cached(roots[-1], cache)
    assert not calls  # the latest is among those kept


def test_a_cache_that_cannot_be_written_still_loads(corpus, tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache directory would be")
    assert same(load_corpus_cached(corpus, blocked), load_corpus(corpus))


def test_a_corpus_named_otherwise_has_its_own_entry(corpus, cache, monkeypatch):
    """Paths in problems are quoted as the corpus was named: relative stays relative."""
    monkeypatch.chdir(corpus.parent)
    relative = Path(corpus.name)
    absolute = load_corpus_cached(corpus, cache)
    named = load_corpus_cached(relative, cache)
    assert same(named, load_corpus(relative)) and not same(named, absolute)
    assert len(entries(cache)) == 2


def article_reads(monkeypatch) -> list[str]:
    """The article files read from disk (not given back by the cache)."""
    import reader.article_file as article_file

    reads: list[str] = []
    real = article_file.load_article_located

    def counting(path, *args, **kwargs):
        reads.append(Path(path).name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(article_file, "load_article_located", counting)
    return reads


def test_one_edited_file_is_the_only_one_read_again(tmp_path, cache, monkeypatch):
    root = tmp_path / "seeds"
    shutil.copytree(bundled_corpus_path(), root)
    load_corpus_cached(root, cache)
    reads = article_reads(monkeypatch)
    edited = sorted(root.glob("*.yaml"))[-1]
    edited.write_text(edited.read_text(encoding="utf-8").replace("Lavrov", "Lavrow", 1))
    added = root / "zz-added.yaml"
    shutil.copy(GOOD / "example.yaml", added)
    got = load_corpus_cached(root, cache)
    assert sorted(reads) == sorted([edited.name, added.name])
    monkeypatch.undo()
    assert same(got, load_corpus(root))
    added.unlink()
    expected = load_corpus(root)
    reads = article_reads(monkeypatch)
    assert same(load_corpus_cached(root, cache), expected) and reads == []


def test_an_edited_catalogue_reads_every_file_again(tmp_path, cache, monkeypatch):
    root = tmp_path / "corpus"
    shutil.copytree(GOOD, root)
    load_corpus_cached(root, cache)
    reads = article_reads(monkeypatch)
    catalogue = root / "entities.yaml"
    catalogue.write_text(catalogue.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    got = load_corpus_cached(root, cache)
    assert reads == ["example.yaml"]
    assert same(got, load_corpus(root))


def test_the_opening_article_is_kept_alone_and_dropped_when_its_file_changes(corpus, cache):
    whole, _ = load_corpus(corpus)
    article = whole.articles[1]
    corpus_cache.write_opening(corpus, cache, whole, article.id)
    opening = corpus_cache.read_opening(corpus, cache, article.path)
    assert opening is not None
    assert opening.articles == (article,) and opening.entities == whole.entities
    other = next(a for a in whole.articles if a.path != article.path)
    assert corpus_cache.read_opening(corpus, cache, other.path) is None  # another place
    article.path.write_text(article.path.read_text("utf-8") + "\n# edited\n", "utf-8")
    assert corpus_cache.read_opening(corpus, cache, article.path) is None


def test_an_opening_entry_after_a_changed_catalogue_is_not_used(corpus, cache):
    whole, _ = load_corpus(corpus)
    corpus_cache.write_opening(corpus, cache, whole, whole.articles[0].id)
    catalogue = corpus / "entities.yaml"
    catalogue.write_text(catalogue.read_text("utf-8") + "\n", "utf-8")
    assert corpus_cache.read_opening(corpus, cache) is None
