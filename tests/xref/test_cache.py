"""The link cache: read back when nothing changed, never trusted over the corpus, and
never deleted because it could not be written."""

import json
import os
import sqlite3

import pytest

import reader.xref.cache as cache
from reader.cache_entry import seal, unseal
from reader.xref import LinkGrade, XrefSettings, cross_reference
from reader.xref.cache import LinkCache, corpus_keys
from reader.xref.run_payload import decode_run, encode_run
from tests.xref.test_crossref import corpus


def links(xref):
    return [(lk.source, lk.target, lk.score, lk.grade) for lk in xref.all_links()]


def uncached():
    return links(cross_reference(corpus(), cache=False))


def test_second_run_reads_the_cache(tmp_path, monkeypatch):
    path = tmp_path / "xref.sqlite"
    first = cross_reference(corpus(), cache=path)
    import reader.xref.incremental as incremental

    def fail(*args, **kwargs):
        raise AssertionError("scored again although the corpus did not change")

    monkeypatch.setattr(incremental, "prepare", fail)
    second = cross_reference(corpus(), cache=path)
    assert links(second) == links(first) and links(first)
    assert second.statements("one") == first.statements("one")


def test_a_changed_article_is_not_served_from_the_cache(tmp_path):
    path = tmp_path / "xref.sqlite"
    c = corpus()
    cross_reference(c, cache=path)
    changed = type(c)((c.articles[0], c.articles[2]), c.entities)
    assert LinkCache(path).load_run(corpus_keys(changed)[0]) is None
    assert cross_reference(changed, cache=path).all_links() == []


def test_a_corrupt_cache_file_is_rebuilt(tmp_path):
    path = tmp_path / "xref.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    xref = cross_reference(corpus(), cache=path)
    assert len(xref.all_links()) == 1
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM runs").fetchone() == (1,)


def rewrite(path, table, change):
    with sqlite3.connect(path) as db:
        for key, payload in db.execute(f"SELECT key, payload FROM {table}").fetchall():
            db.execute(f"UPDATE {table} SET payload = ? WHERE key = ?", (change(payload), key))


def test_a_corrupt_entry_is_dropped_and_rebuilt(tmp_path):
    path = tmp_path / "xref.sqlite"
    cross_reference(corpus(), cache=path)
    rewrite(path, "runs", lambda payload: b"garbage")
    rewrite(path, "articles", lambda payload: b"garbage")
    assert links(cross_reference(corpus(), cache=path)) == uncached()


def test_an_entry_altered_into_other_valid_json_is_not_trusted(tmp_path):
    path = tmp_path / "xref.sqlite"
    cross_reference(corpus(), cache=path)

    def altered(payload):
        header, body = unseal(payload)
        run = decode_run(body)
        # every score, still a number: a payload that decodes, with a stale digest
        run.graded.score = run.graded.score * 0 + 99.0
        return json.dumps(header).encode() + b"\n" + encode_run(run)

    rewrite(path, "runs", altered)
    assert links(cross_reference(corpus(), cache=path)) == uncached()


def test_an_entry_nested_too_deep_is_dropped(tmp_path):
    path = tmp_path / "xref.sqlite"
    cross_reference(corpus(), cache=path)
    rewrite(path, "runs", lambda payload: seal({}, b"[" * 100_000 + b"]" * 100_000))
    assert links(cross_reference(corpus(), cache=path)) == uncached()


def test_a_changed_scorer_is_not_served_old_links(tmp_path, monkeypatch):
    path = tmp_path / "xref.sqlite"
    c = corpus()
    cross_reference(c, cache=path)
    assert LinkCache(path).load_run(corpus_keys(c)[0]) is not None
    # the engine's code (or a library it uses) changed since the entry was written
    original = cache.engine_fingerprint
    monkeypatch.setattr(cache, "engine_fingerprint", lambda: original() + "edited")
    assert LinkCache(path).load_run(corpus_keys(c)[0]) is None


def test_a_read_only_cache_is_read_and_never_deleted(tmp_path, monkeypatch):
    path = tmp_path / "xref.sqlite"
    cross_reference(corpus(), cache=path)
    before = path.read_bytes()
    real = sqlite3.connect
    # read-only as a file system or permissions make it (chmod does not stop root)
    monkeypatch.setattr(
        cache.sqlite3, "connect", lambda p, **kw: real(f"file:{p}?mode=ro", uri=True, **kw)
    )
    c = corpus()
    changed = type(c)((c.articles[1], c.articles[0]), c.entities)
    xref = cross_reference(changed, cache=path)
    assert links(xref) == links(cross_reference(changed, cache=False))
    assert path.read_bytes() == before
    assert any("cannot be written" in note for note in xref.notes)


def test_a_cache_locked_by_another_process_is_left_alone(tmp_path, monkeypatch):
    path = tmp_path / "xref.sqlite"
    cross_reference(corpus(), cache=path)
    monkeypatch.setattr(cache, "BUSY_SECONDS", 0.05)
    holder = sqlite3.connect(path)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        xref = cross_reference(corpus(), cache=path)
        assert links(xref) == uncached()
        assert any("in use by another process" in note for note in xref.notes)
        assert path.exists()
    finally:
        holder.rollback()
        holder.close()
    with sqlite3.connect(path) as db:  # the file is still the cache, whole
        assert db.execute("SELECT count(*) FROM runs").fetchone() == (1,)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes whatever the permissions")
def test_a_cache_file_without_write_permission_survives(tmp_path):
    path = tmp_path / "xref.sqlite"
    cross_reference(corpus(), cache=path)
    path.chmod(0o444)
    c = corpus()
    changed = type(c)((c.articles[1], c.articles[0]), c.entities)
    assert links(cross_reference(changed, cache=path)) == links(
        cross_reference(changed, cache=False)
    )
    assert path.exists()


def test_other_settings_grade_otherwise_and_are_cached_apart(tmp_path):
    path = tmp_path / "xref.sqlite"
    never_same = XrefSettings(same_overlap=1.01, same_clause=1.01)

    def grades(xref):
        return [lk.grade for lk in xref.all_links()]

    assert grades(cross_reference(corpus(), cache=path)) == [LinkGrade.SAME]
    assert grades(cross_reference(corpus(), cache=path, settings=never_same)) == [LinkGrade.RELATED]
    assert grades(cross_reference(corpus(), cache=path)) == [LinkGrade.SAME]
