import sqlite3

from reader.xref import LinkGrade, XrefSettings, cross_reference
from reader.xref.cache import LinkCache
from tests.xref.test_crossref import corpus


def links(xref):
    return [(lk.source, lk.target, lk.score, lk.grade) for lk in xref.all_links()]


def test_second_run_reads_the_cache(tmp_path, monkeypatch):
    path = tmp_path / "xref.sqlite"
    first = cross_reference(corpus(), cache=path)
    import reader.xref.crossref as crossref

    def fail(*args, **kwargs):
        raise AssertionError("scored again although the corpus did not change")

    monkeypatch.setattr(crossref, "prepare", fail)
    second = cross_reference(corpus(), cache=path)
    assert links(second) == links(first) and links(first)
    assert second.statements("one") == first.statements("one")


def test_a_changed_article_is_not_served_from_the_cache(tmp_path):
    path = tmp_path / "xref.sqlite"
    c = corpus()
    cross_reference(c, cache=path)
    changed = type(c)((c.articles[0], c.articles[2]), c.entities)
    assert LinkCache.for_corpus(changed, path).load(changed) is None
    assert cross_reference(changed, cache=path).all_links() == []


def test_a_corrupt_cache_file_is_rebuilt(tmp_path):
    path = tmp_path / "xref.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    xref = cross_reference(corpus(), cache=path)
    assert len(xref.all_links()) == 1
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM entries").fetchone() == (1,)


def test_a_corrupt_entry_is_dropped_and_rebuilt(tmp_path):
    path = tmp_path / "xref.sqlite"
    good = links(cross_reference(corpus(), cache=path))
    with sqlite3.connect(path) as db:
        db.execute("UPDATE entries SET payload = ?", (b"garbage",))
    assert links(cross_reference(corpus(), cache=path)) == good


def test_a_changed_scorer_is_not_served_old_links(tmp_path, monkeypatch):
    import reader.xref.cache as cache

    path = tmp_path / "xref.sqlite"
    c = corpus()
    cross_reference(c, cache=path)
    assert LinkCache.for_corpus(c, path).load(c) is not None
    # the engine's code (or a library it uses) changed since the entry was written
    original = cache.engine_fingerprint
    monkeypatch.setattr(cache, "engine_fingerprint", lambda: original() + b"edited")
    assert LinkCache.for_corpus(c, path).load(c) is None


def test_other_settings_grade_otherwise_and_are_cached_apart(tmp_path):
    path = tmp_path / "xref.sqlite"
    never_same = XrefSettings(same_overlap=1.01, same_clause=1.01)

    def grades(xref):
        return [lk.grade for lk in xref.all_links()]

    assert grades(cross_reference(corpus(), cache=path)) == [LinkGrade.SAME]
    assert grades(cross_reference(corpus(), cache=path, settings=never_same)) == [LinkGrade.RELATED]
    assert grades(cross_reference(corpus(), cache=path)) == [LinkGrade.SAME]
