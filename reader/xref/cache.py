"""Cross-references kept between runs: a SQLite file in the user's cache directory.

Two kinds of entry, in the design every cache of reader shares (reader/cache_entry.py:
BLAKE2 keys, code fingerprints, sealed payloads):

- **articles**: one per article *content* (its id, text, paragraphs, mentions and
  quotes, with the entity catalogue and the engine's fingerprint): its statements and
  their terms, as two JSON lines, so that showing stored links reads no terms. An
  article that did not change is never segmented again, whatever else changed
  around it;
- **runs**: one per corpus (the sequence of its article keys): every graded pair, and
  which of them are the links, as compact columns (reader/xref/run_payload.py). A run
  on an unchanged corpus reads its links back; a run on a changed one starts from
  the latest run on the same directory and rescores only what the change touches
  (reader/xref/incremental.py).

The cache is never trusted over the corpus: an entry whose payload does not match its
digest, does not decode, or does not fit the corpus is dropped and computed again, so
the links always equal a run without the cache. The file is never deleted because it
could not be written (read-only) or was busy (locked by another process): the run
goes on without saving, and says so in `notes`. Only a file that is not a SQLite
database at all is removed, and built again.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reader.cache_entry import (
    CacheError,
    code_fingerprint,
    decode_json,
    digest,
    seal,
    unseal,
)
from reader.model import Article, Corpus, Entity, Span, Statement
from reader.xref.run_payload import Run, decode_run, encode_run
from reader.xref.settings import DEFAULT_SETTINGS, XrefSettings
from reader.xref.terms import StatementTerms

# Bump when the layout of an entry changes; changes to segmentation or scoring are
# caught by engine_fingerprint().
VERSION = "xref-6"
KEEP_RUNS = 8
# How long to wait for another process that holds the file: a writer commits in well
# under this; longer, and this run goes on without the cache.
BUSY_SECONDS = 2.0
LIBRARIES = ("syntok", "simplemma", "rapidfuzz", "numpy")


def default_cache_path() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("reader")) / "xref.sqlite"


def engine_fingerprint() -> str:
    """What the links were computed with: the engine's own source and its libraries.

    A bumped VERSION is easy to forget; hashing the code that segments and scores
    means a changed scorer can never be served links computed by the old one.
    """
    import reader.language
    import reader.statements
    import reader.xref

    sources = [Path(reader.statements.__file__)]
    for init in (reader.language.__file__, reader.xref.__file__):
        assert init is not None  # regular packages
        sources += sorted(Path(init).parent.glob("*.py"))
    return code_fingerprint(VERSION, sources, LIBRARIES)


def catalogue_digest(entities: dict[str, Entity]) -> str:
    return digest(repr(sorted(entities.items())).encode())


def article_key(article: Article, context: str) -> str:
    """The article's content as the engine sees it; `context` is the catalogue and
    engine digest every key of a corpus shares."""
    parts = (article.id, article.text, article.paragraphs, article.mentions, article.quotes)
    return digest(context.encode() + repr(parts).encode())


def corpus_keys(corpus: Corpus, settings: XrefSettings = DEFAULT_SETTINGS) -> tuple[str, list[str]]:
    """The run key of the corpus (with the engine's `settings`), and each article's
    key in corpus order."""
    context = engine_fingerprint() + catalogue_digest(corpus.entities) + repr(settings)
    keys = [article_key(article, context) for article in corpus.articles]
    return digest(json.dumps([context, keys]).encode()), keys


def corpus_digest(corpus: Corpus, settings: XrefSettings = DEFAULT_SETTINGS) -> str:
    """The key of the corpus's run: its article contents, catalogue, engine, settings."""
    return corpus_keys(corpus, settings)[0]


@dataclass
class LinkCache:
    path: Path
    notes: list[str] = field(default_factory=list)  # what the cache could not do, said once

    # Runs

    def load_run(self, key: str, *, all_pairs: bool = True) -> Run | None:
        """The run stored under `key`; with `all_pairs` False, its `graded` holds the
        links alone (what a run on an unchanged corpus shows: the other graded pairs
        are for an incremental run, and decoding them cost a warm run most of its
        time)."""
        row = self._fetch("SELECT payload FROM runs WHERE key = ?", (key,))
        if row is None:
            return None
        return self._decode_or_drop("runs", key, row[0], lambda data: decode_run(data, all_pairs))

    def previous_run(self, root: str, not_key: str, *, all_pairs: bool = True) -> Run | None:
        """The latest run on the same corpus directory, of another content
        (`all_pairs` as for load_run)."""
        row = self._fetch(
            "SELECT key, payload FROM runs WHERE root = ? AND key != ? ORDER BY used DESC",
            (root, not_key),
        )
        if row is None:
            return None
        return self._decode_or_drop(
            "runs", row[0], row[1], lambda data: decode_run(data, all_pairs)
        )

    def save_run(self, key: str, root: str, run: Run) -> None:
        payload = seal({"kind": "run"}, encode_run(run))
        now = time.time()  # one time for the run and its articles: pruning compares them

        def write(db: sqlite3.Connection) -> None:
            db.execute(
                "INSERT OR REPLACE INTO runs (key, root, payload, used) VALUES (?, ?, ?, ?)",
                (key, root, payload, now),
            )
            db.execute(
                "DELETE FROM runs WHERE key NOT IN "
                "(SELECT key FROM runs ORDER BY used DESC LIMIT ?)",
                (KEEP_RUNS,),
            )
            # Articles only the runs just dropped used go with them.
            db.executemany(
                "UPDATE articles SET used = ? WHERE key = ?", ((now, k) for k in run.articles)
            )
            oldest = db.execute("SELECT min(used) FROM runs").fetchone()[0]
            db.execute("DELETE FROM articles WHERE used < ?", (oldest,))

        self._write(write)

    # Articles

    def load_articles(
        self,
        keys: Sequence[str],
        corpus_articles: Sequence[Article] | None = None,
        *,
        terms: bool = True,
    ) -> dict[str, tuple[list[Statement] | None, list[StatementTerms]]]:
        """The stored statements (of `corpus_articles`, when given) and terms of each
        article key found; keys with no sound entry are left out. With `terms` False
        the terms are not read (an empty list each): showing stored links needs the
        statements alone."""
        found: dict[str, tuple[list[Statement] | None, list[StatementTerms]]] = {}
        articles = dict(zip(keys, corpus_articles, strict=True)) if corpus_articles else {}
        for chunk in _chunks(list(keys), 500):
            marks = ",".join("?" * len(chunk))
            rows = self._fetch_all(
                f"SELECT key, payload FROM articles WHERE key IN ({marks})", tuple(chunk)
            )
            for key, payload in rows:
                article = articles.get(key)
                entry = self._decode_or_drop(
                    "articles",
                    key,
                    payload,
                    lambda data, a=article: _decode_article(data, a, terms),
                )
                if entry is not None:
                    found[key] = entry
        return found

    def save_articles(
        self, entries: Iterable[tuple[str, list[Statement], list[StatementTerms]]]
    ) -> None:
        now = time.time()
        rows = [
            (key, seal({"kind": "article"}, _encode_article(statements, terms)), now)
            for key, statements, terms in entries
        ]
        if not rows:
            return
        self._write(
            lambda db: db.executemany(
                "INSERT OR REPLACE INTO articles (key, payload, used) VALUES (?, ?, ?)", rows
            )
        )

    # The file

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=BUSY_SECONDS)
        try:
            db.execute(
                "CREATE TABLE IF NOT EXISTS runs "
                "(key TEXT PRIMARY KEY, root TEXT, payload BLOB NOT NULL, used REAL)"
            )
            db.execute(
                "CREATE TABLE IF NOT EXISTS articles "
                "(key TEXT PRIMARY KEY, payload BLOB NOT NULL, used REAL)"
            )
        except sqlite3.OperationalError as error:
            if "readonly" not in str(error):  # a read-only file can still be read
                db.close()
                raise
        return db

    def _fetch(self, query: str, arguments: tuple):
        rows = self._fetch_all(query, arguments, one=True)
        return rows[0] if rows else None

    def _fetch_all(self, query: str, arguments: tuple, one: bool = False) -> list:
        try:
            db = self._connect()
            try:
                cursor = db.execute(query, arguments)
                return [r for r in [cursor.fetchone()] if r] if one else cursor.fetchall()
            finally:
                db.close()
        except (sqlite3.Error, OSError) as error:
            self._trouble(error, "read")
            return []

    def _write(self, action) -> None:
        try:
            db = self._connect()
            try:
                with db:
                    action(db)
            finally:
                db.close()
        except (sqlite3.Error, OSError) as error:
            self._trouble(error, "saved")

    def _decode_or_drop(self, table: str, key: str, payload, decode):
        try:
            header, body = unseal(bytes(payload))
            return decode(body)
        except (CacheError, ValueError, KeyError, IndexError, TypeError, AttributeError):
            self._write(lambda db: db.execute(f"DELETE FROM {table} WHERE key = ?", (key,)))
            return None

    def _trouble(self, error: Exception, doing: str) -> None:
        """A cache that cannot be used costs this run its time, never the file: only a
        file that is not a database at all is removed (and built again next time)."""
        code = getattr(error, "sqlite_errorcode", None)
        if code in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT):
            try:
                self.path.unlink(missing_ok=True)
            except OSError:
                pass
            note = f"{self.path} was not a sound cache; it is built again"
        elif code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            note = f"{self.path} is in use by another process; links not {doing} this time"
        elif code == sqlite3.SQLITE_READONLY or isinstance(error, PermissionError):
            note = f"{self.path} cannot be written; links not {doing} this time"
        else:
            note = f"{self.path}: {error}; links not {doing} this time"
        if note not in self.notes:
            self.notes.append(note)


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start : start + size]


# Payloads


def _encode_article(statements: list[Statement], terms: list[StatementTerms]) -> bytes:
    """Two JSON lines: the statements, then their terms (read only when scoring)."""
    spans = [[s.index, s.span.start, s.span.end, s.quote_id] for s in statements]
    body = [
        [
            list(t.terms),
            list(t.clause_ends),
            sorted(t.numbers),
            sorted(t.months),
            sorted(t.weekdays),
            sorted(t.places),
        ]
        for t in terms
    ]
    lines = (json.dumps(part, ensure_ascii=False, separators=(",", ":")) for part in (spans, body))
    return "\n".join(lines).encode()


def _decode_article(payload: bytes, article: Article | None, with_terms: bool = True):
    spans_line, newline, terms_line = payload.partition(b"\n")
    if not newline:
        raise CacheError("an article entry without its terms")
    spans = decode_json(spans_line)
    statements = None
    if article is not None:
        statements = []
        text = article.text
        for position, (index, start, end, quote_id) in enumerate(spans):
            if not (index == position and type(start) is int and 0 <= start < end <= len(text)):
                raise CacheError("a statement outside its article")
            if quote_id is not None and type(quote_id) is not str:
                raise CacheError("a quote id that is not text")
            statements.append(
                Statement(article.id, index, Span(start, end), text[start:end], quote_id)
            )
    terms: list[StatementTerms] = []
    if not with_terms:
        return statements, terms
    for words, ends, numbers, months, weekdays, places in decode_json(terms_line):
        terms.append(
            StatementTerms(
                tuple(map(str, words)),
                tuple(map(int, ends)),
                frozenset(map(str, numbers)),
                frozenset(map(str, months)),
                frozenset(map(str, weekdays)),
                frozenset(map(str, places)),
            )
        )
    if len(spans) != len(terms):
        raise CacheError("statements and terms disagree")
    return statements, terms
