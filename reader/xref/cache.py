"""Cross-references kept between runs, in a SQLite file in the user's cache directory.

An entry is keyed by a digest of everything the links depend on: each article's text,
paragraphs, mentions and quotes (what its file says), the entity catalogue, and the
scorer's version. A changed file gives another key, so a stale entry is never read.
An entry that does not decode or does not fit the corpus, or a file that is not a
SQLite database, is dropped and rebuilt: the cache is never trusted over the corpus.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from pathlib import Path

from reader.model import Corpus, LinkGrade, Span, Statement
from reader.xref.score import PairScore
from reader.xref.settings import DEFAULT_SETTINGS, XrefSettings

# Bump when the payload's layout changes; changes to segmentation or scoring are
# caught by engine_fingerprint().
VERSION = "xref-3"
_KEEP_ENTRIES = 8


def default_cache_path() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("reader")) / "xref.sqlite"


def engine_fingerprint() -> bytes:
    """What the links were computed with: the engine's own source and its libraries.

    A bumped VERSION is easy to forget; hashing the code that segments and scores
    means a changed scorer can never be served links computed by the old one.
    """
    from importlib import metadata

    import reader.language
    import reader.statements
    import reader.xref

    digest = hashlib.sha256(VERSION.encode())
    sources = [Path(reader.statements.__file__)]
    for init in (reader.language.__file__, reader.xref.__file__):
        assert init is not None  # regular packages
        sources += sorted(Path(init).parent.glob("*.py"))
    for source in sources:
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    for package in ("syntok", "simplemma", "rapidfuzz", "numpy"):
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=none".encode())
    return digest.digest()


def corpus_digest(corpus: Corpus, settings: XrefSettings = DEFAULT_SETTINGS) -> str:
    digest = hashlib.sha256(engine_fingerprint())
    digest.update(repr(settings).encode())
    for entity_id in sorted(corpus.entities):
        digest.update(repr(corpus.entities[entity_id]).encode())
    for article in corpus.articles:
        parts = (article.id, article.text, article.paragraphs, article.mentions, article.quotes)
        digest.update(repr(parts).encode())
    return digest.hexdigest()


class LinkCache:
    def __init__(self, path: Path, key: str):
        self.path = path
        self.key = key

    @classmethod
    def for_corpus(
        cls,
        corpus: Corpus,
        path: Path | None = None,
        settings: XrefSettings = DEFAULT_SETTINGS,
    ) -> LinkCache:
        return cls(path or default_cache_path(), corpus_digest(corpus, settings))

    def load(
        self, corpus: Corpus
    ) -> tuple[list[Statement], dict[tuple[int, int], PairScore]] | None:
        """The cached statements and links, or None when there is no sound entry."""
        try:
            with self._connect() as db:
                row = db.execute(
                    "SELECT payload FROM entries WHERE key = ?", (self.key,)
                ).fetchone()
        except (sqlite3.Error, OSError):
            self._discard_file()
            return None
        if row is None:
            return None
        try:
            return _decode(row[0], corpus)
        except (ValueError, KeyError, IndexError, TypeError, zlib.error):
            self._forget()
            return None

    def save(self, statements: list[Statement], pairs: dict[tuple[int, int], PairScore]) -> None:
        payload = _encode(statements, pairs)
        try:
            with self._connect() as db:
                db.execute(
                    "INSERT OR REPLACE INTO entries (key, payload, used) "
                    "VALUES (?, ?, julianday('now'))",
                    (self.key, payload),
                )
                db.execute(
                    "DELETE FROM entries WHERE key NOT IN "
                    "(SELECT key FROM entries ORDER BY used DESC LIMIT ?)",
                    (_KEEP_ENTRIES,),
                )
        except (sqlite3.Error, OSError):
            # A cache that cannot be written costs time next run, nothing else.
            self._discard_file()

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=5)
        db.execute(
            "CREATE TABLE IF NOT EXISTS entries "
            "(key TEXT PRIMARY KEY, payload BLOB NOT NULL, used REAL)"
        )
        return db

    def _forget(self) -> None:
        try:
            with self._connect() as db:
                db.execute("DELETE FROM entries WHERE key = ?", (self.key,))
        except (sqlite3.Error, OSError):
            self._discard_file()

    def _discard_file(self) -> None:
        try:
            self.path.unlink(missing_ok=True)
        except OSError:
            pass


def _encode(statements: list[Statement], pairs: dict[tuple[int, int], PairScore]) -> bytes:
    body = {
        "statements": [
            [s.article_id, s.index, s.span.start, s.span.end, s.quote_id] for s in statements
        ],
        "pairs": [
            [i, j, r.score, r.grade, r.overlap, list(r.conflicts)] for (i, j), r in pairs.items()
        ],
    }
    return zlib.compress(json.dumps(body, separators=(",", ":")).encode())


def _decode(payload: bytes, corpus: Corpus):
    body = json.loads(zlib.decompress(payload))
    texts = {a.id: a.text for a in corpus.articles}
    statements = []
    for article_id, index, start, end, quote_id in body["statements"]:
        text = texts[article_id]
        if not (0 <= start < end <= len(text)):
            raise ValueError("statement outside its article")
        statements.append(Statement(article_id, index, Span(start, end), text[start:end], quote_id))
    pairs = {}
    for i, j, score, grade, overlap, kinds in body["pairs"]:
        if not (0 <= i < j < len(statements)):
            raise ValueError("link outside the corpus")
        pairs[(i, j)] = PairScore(float(score), LinkGrade(grade), float(overlap), tuple(kinds))
    return statements, pairs
