"""The loaded corpus kept between runs: one JSON file per corpus in the user's cache dir.

Loading a corpus composes its YAML and checks every field, anchor and raw line: tens of
milliseconds for the bundled one, and imports (PyYAML, rapidfuzz) that the reader's
first frame can do without. So what a load produced, the corpus *and its problems*, is
kept, keyed by everything it was made from: the directory's article files, each file
the load read (size, mtime and BLAKE2 digest of its contents), the loader's own source and
the libraries it calls. Any of them changed, and the corpus is loaded again.

The cache is never trusted over the corpus: an entry that does not decode, fails its
checksum or holds a value of the wrong type is dropped and rebuilt, and a cache that
cannot be written is simply not kept. Keys, fingerprints and the sealed entry format
are those of every cache of reader (reader/cache_entry.py).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from reader.atomic_files import write_atomically
from reader.cache_entry import CacheError, code_fingerprint, decode_json, digest, seal, unseal
from reader.corpus import (
    ENTITIES_FILE,
    RAW_DIR,
    article_files,
    load_corpus,
    load_corpus_reading,
)
from reader.model import (
    Article,
    BlockKind,
    ChromeLine,
    Corpus,
    Entity,
    EntityType,
    Mention,
    MentionKind,
    Paragraph,
    Problem,
    Quote,
    QuoteKind,
    Span,
)

VERSION = 4  # bump when the layout of an entry changes
KEEP_ENTRIES = 16  # corpora whose entries are kept, the latest written
_READER = Path(__file__).resolve().parent
# What a load's result depends on besides the corpus: the loader's code, which is every
# module at the top of the package (tests/test_corpus_cache.py checks that a load imports
# no other), and the libraries it calls (PyYAML parses, rapidfuzz words the hints).
LIBRARIES = ("yaml", "_yaml", "rapidfuzz")


def loader_sources(package: Path = _READER) -> list[Path]:
    return sorted(package.glob("*.py"))


__all__ = ["CacheError", "load_corpus_cached", "read_cached", "read_opening", "write_opening"]


def default_cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("reader"))


def load_corpus_cached(
    root: Path | str,
    cache_dir: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[Corpus, list[Problem]]:
    """What `load_corpus(root)` returns, from the cache when nothing changed since;
    when some article files changed (or were added), only those are read again.
    `progress` is told (files read, files in all) as they are read."""
    root = Path(root)
    if not root.is_dir():
        return load_corpus(root)
    path, key = _entry(root, cache_dir)
    entry = _try_open(path, key)
    if entry is not None:
        whole = _try_whole(entry, root)
        if whole is not None:
            return whole
    before = _snapshot(root)
    kept = _KeptFiles(entry, root, before)
    corpus, problems, read = load_corpus_reading(root, kept.load_file, progress=progress)
    sources = _sources(read, before)
    if all(before.get(name, state) == state for name, state in sources.items()):
        try:
            _write(path, key, root, corpus, problems, sources, kept.loaded)
        except (OSError, ValueError):
            pass  # a cache that cannot be kept costs the next start its time, nothing else
    # else a file changed while it was read: what was loaded may be neither version
    return corpus, problems


class _KeptFiles:
    """Loads article files, giving back what the entry kept for those that did not
    change (nor their raw page, the catalogue or raw/), and records what each gave."""

    def __init__(self, entry: tuple[dict, dict] | None, root: Path, now: dict[str, list | str]):
        # `now`: the files as the load found them before reading (_snapshot), checked
        # again after it: each file is read once to tell whether it changed, not twice
        self._now = now
        self.loaded: dict[str, tuple[Article | None, list[Problem], tuple[int, int]]] = {}
        self._files: dict = {}
        self._data: dict = {}
        self._sources: dict = {}
        if entry is None:
            return
        header, data = entry
        sources, files = header.get("sources"), header.get("files")
        if not isinstance(sources, dict) or not isinstance(files, dict):
            return
        shared = [str(root / ENTITIES_FILE), str(root / RAW_DIR)]
        if all(name in sources and self._state(name) == sources[name] for name in shared):
            self._files, self._data, self._sources = files, data, sources

    def load_file(self, path, entities, raw_dir, declared):
        from reader.article_file import load_article_located

        result = None
        try:
            result = self._kept(path)
        except (CacheError, KeyError, IndexError, TypeError, ValueError):
            result = None  # not kept, or not usable: read the file
        if result is None:
            result = load_article_located(path, entities, raw_dir, declared)
        self.loaded[str(path)] = result
        return result

    def _state(self, name: str) -> list | str:
        found = self._now.get(name)
        return _state(Path(name)) if found is None else found

    def _kept(self, path: Path) -> tuple[Article | None, list[Problem], tuple[int, int]] | None:
        record = self._files.get(str(path))
        if record is None or self._state(str(path)) != self._sources.get(str(path)):
            return None
        raw = record["raw"]
        if raw is not None and self._state(raw) != self._sources.get(raw):
            return None
        index = record["article"]
        article = None if index is None else _decode_article(self._data["articles"][index])
        problems = [_decode_problem(self._data["problems"][n]) for n in record["problems"]]
        line, column = record["id"]
        return article, problems, (_check(line, int), _check(column, int))


def read_cached(
    root: Path | str, cache_dir: Path | None = None, *, max_bytes: int | None = None
) -> tuple[Corpus, list[Problem]] | None:
    """The cache's entry for `root` if it is there and holds; None, and nothing loaded,
    when it does not (or is larger than `max_bytes`: the caller reads it elsewhere)."""
    root = Path(root)
    if not root.is_dir():
        return None
    path, key = _entry(root, cache_dir)
    return _try_read(path, root, key, max_bytes)


def _entry(root: Path, cache_dir: Path | None, kind: str = "corpus") -> tuple[Path, str]:
    cache_dir = default_cache_dir() if cache_dir is None else Path(cache_dir)
    key = _key(root)
    return cache_dir / f"{kind}-{digest(key.encode())[:20]}.json", key


# The opening article: the one the reader shows first, while the whole corpus loads. A
# corpus of thousands of files has an entry of megabytes, checked against every file;
# this one holds a single article and is checked against its file, its raw page and the
# catalogue, so the first frame need not wait for the rest.


def write_opening(
    root: Path | str, cache_dir: Path | None, corpus: Corpus, article_id: str
) -> None:
    """Keep the article `article_id` of `corpus` (with its catalogue) for the next start."""
    from reader.provenance import raw_source_path

    root = Path(root)
    article = corpus.article(article_id)
    if article is None or article.path is None:
        return
    read = [root / ENTITIES_FILE, root / RAW_DIR, article.path]
    if article.source and (root / RAW_DIR).is_dir():
        raw = raw_source_path(root / RAW_DIR, article.source)
        read += [] if raw is None else [raw]
    path, key = _entry(root, cache_dir, "opening")
    header = {
        "key": key,
        "fingerprint": _fingerprint(),
        "file": Path(article.path).name,
        "sources": _sources(read),
    }
    opening = Corpus((article,), corpus.entities, root)
    payload = json.dumps(_encode(opening, []), ensure_ascii=False, separators=(",", ":"))
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, seal(header, payload.encode("utf-8")))
    _prune(path.parent, "opening")


def read_opening(
    root: Path | str, cache_dir: Path | None = None, file: Path | None = None
) -> Corpus | None:
    """The corpus of the one article kept by `write_opening`, if it came from `file`
    (when given) and none of the files it came from changed since; None otherwise."""
    root = Path(root)
    path, key = _entry(root, cache_dir, "opening")
    entry = _try_open(path, key)
    try:
        if entry is None or not _unchanged(entry[0]):
            return None
        if file is not None and entry[0].get("file") != file.name:
            return None  # kept for another place than the remembered one
        corpus, _ = _decode(entry[1], root)
    except (OSError, CacheError):
        return None
    except Exception:  # noqa: BLE001 - whatever a damaged entry holds, load the file
        return None
    return corpus if len(corpus.articles) == 1 else None


def _try_read(
    path: Path, root: Path, key: str, max_bytes: int | None = None
) -> tuple[Corpus, list[Problem]] | None:
    try:
        if max_bytes is not None and path.stat().st_size > max_bytes:
            return None
    except OSError:
        return None
    entry = _try_open(path, key)
    return None if entry is None else _try_whole(entry, root)


def _try_open(path: Path, key: str) -> tuple[dict, dict] | None:
    """The entry's header and payload if it is ours and sound, whatever changed since."""
    try:
        header, payload = unseal(path.read_bytes())
        if header.get("key") != key or header.get("fingerprint") != _fingerprint():
            raise CacheError("another corpus, or another loader")
        data = decode_json(payload)
        if not isinstance(data, dict):
            raise CacheError("not an entry")
        return header, data
    except (OSError, CacheError):
        return None  # no entry yet, or not one to use
    except Exception:  # noqa: BLE001 - whatever a damaged file does, load the corpus
        return None


def _try_whole(entry: tuple[dict, dict], root: Path) -> tuple[Corpus, list[Problem]] | None:
    """The corpus the entry holds, if no file it was made from changed since."""
    header, data = entry
    try:
        if header.get("listing") != _listing(root):
            raise CacheError("article files added, removed or renamed")
        if not _unchanged(header):
            raise CacheError("a file changed")
        return _decode(data, root)
    except (OSError, CacheError):
        return None
    except Exception:  # noqa: BLE001 - whatever a damaged entry holds, load the corpus
        return None


def _unchanged(header: dict) -> bool:
    """Whether every file the entry was made from is as it was then."""
    sources = header.get("sources")
    if not isinstance(sources, dict) or not sources:
        return False
    return all(_state(Path(name)) == state for name, state in sources.items())


# The key: what the entry was made from


def _key(root: Path) -> str:
    """The corpus as named (problems and paths quote it as given) and where it is."""
    where = "" if root.is_absolute() else os.getcwd()
    return json.dumps([str(root), str(root.resolve()), where])


def _fingerprint() -> str:
    return code_fingerprint(f"corpus-{VERSION}", loader_sources(_READER), LIBRARIES)


def _state(path: Path) -> list | str:
    """A file as the loader saw it: its size, mtime and digest; or what else is there."""
    try:
        if path.is_dir():
            return "dir"
        if not path.is_file():
            return "missing"
        stat = path.stat()
        data = path.read_bytes()
    except (OSError, ValueError):
        return "unreadable"
    return [stat.st_size, stat.st_mtime_ns, digest(data)]


def _listing(root: Path) -> list[str]:
    return [str(p) for p in article_files(root)]


def _sources(
    read: list[Path], before: dict[str, list | str] | None = None
) -> dict[str, list | str]:
    """The state of each file; one whose size and mtime are those it had `before`
    keeps its digest from then (read again, a corpus of thousands of files cost a
    second per load)."""
    found: dict[str, list | str] = {}
    for path in dict.fromkeys(read):
        then = before.get(str(path)) if before else None
        if isinstance(then, list):
            try:
                stat = path.stat()
            except OSError:
                stat = None
            if stat is not None and [stat.st_size, stat.st_mtime_ns] == then[:2]:
                found[str(path)] = then
                continue
        found[str(path)] = _state(path)
    return found


def _snapshot(root: Path) -> dict[str, list | str]:
    """The files a load may read, as they are before it reads them."""
    raw_dir = root / RAW_DIR
    paths = [root / ENTITIES_FILE, raw_dir, *article_files(root)]
    if raw_dir.is_dir():
        paths += sorted(raw_dir.iterdir())
    return _sources(paths)


# Reading and writing entries: a header line (key, sources, checksum), then the payload


def _write(
    path: Path,
    key: str,
    root: Path,
    corpus: Corpus,
    problems: list[Problem],
    sources: dict[str, list | str],
    loaded: dict[str, tuple[Article | None, list[Problem], tuple[int, int]]],
) -> None:
    payload = json.dumps(_encode(corpus, problems), ensure_ascii=False, separators=(",", ":"))
    header = {
        "key": key,
        "fingerprint": _fingerprint(),
        "listing": _listing(root),
        "sources": sources,
        "files": _files(root, corpus, problems, loaded),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, seal(header, payload.encode("utf-8")))
    _prune(path.parent, "corpus")


def _files(
    root: Path,
    corpus: Corpus,
    problems: list[Problem],
    loaded: dict[str, tuple[Article | None, list[Problem], tuple[int, int]]],
) -> dict[str, dict]:
    """What each article file gave, as positions in the payload: its article (None
    when it gave none, or one whose id another file took) and its problems."""
    article_at = {id(article): n for n, article in enumerate(corpus.articles)}
    problem_at = {id(problem): n for n, problem in enumerate(problems)}
    files = {}
    from reader.provenance import raw_source_path

    for name, (article, found, id_where) in loaded.items():
        if any(id(problem) not in problem_at for problem in found):
            continue
        index = article_at.get(id(article)) if article is not None else None
        if article is not None and index is None:
            continue  # a duplicate id: the corpus does not hold it, read it again
        raw_path = None
        if article is not None and article.source and (root / RAW_DIR).is_dir():
            raw_path = raw_source_path(root / RAW_DIR, article.source)
        files[name] = {
            "article": index,
            "problems": [problem_at[id(problem)] for problem in found],
            "raw": None if raw_path is None else str(raw_path),
            "id": list(id_where),
        }
    return files


def _prune(cache_dir: Path, kind: str) -> None:
    """Keep the KEEP_ENTRIES entries of a kind written last: one per corpus, a corpus
    moved or renamed leaves its old one behind."""
    entries = []
    for entry in cache_dir.glob(f"{kind}-*.json"):
        try:
            entries.append((entry.stat().st_mtime_ns, entry))
        except OSError:
            continue
    for _, entry in sorted(entries, reverse=True)[KEEP_ENTRIES:]:
        try:
            entry.unlink()
        except OSError:
            pass


# The corpus as JSON values


def _pair(span: Span) -> list[int]:
    return [span.start, span.end]


def _path(path: Path | str) -> list[str | bool]:
    return [str(path), isinstance(path, Path)]


def _encode(corpus: Corpus, problems: list[Problem]) -> dict:
    return {
        "entities": [
            [e.id, e.name, e.type.value, list(e.aliases), e.description, e.status, e.first_seen]
            for e in corpus.entities.values()
        ],
        "articles": [
            {
                "id": a.id,
                "source": a.source,
                "outlet": a.outlet,
                "title": a.title,
                "date": a.date,
                "text": a.text,
                "paragraphs": [
                    [p.index, p.kind.value, *_pair(p.span), p.line] for p in a.paragraphs
                ],
                "mentions": [
                    [m.entity_id, *_pair(m.span), m.kind.value, m.paragraph] for m in a.mentions
                ],
                "quotes": [
                    [
                        q.id,
                        q.kind.value,
                        *_pair(q.span),
                        q.paragraph,
                        q.speaker,
                        q.cue,
                        None if q.cue_span is None else _pair(q.cue_span),
                        q.channel,
                        q.continues,
                    ]
                    for q in a.quotes
                ],
                "chrome": [[c.text, c.line] for c in a.chrome],
                "outlet_note": a.outlet_note,
                "date_note": a.date_note,
                "notes": a.notes,
                "path": None if a.path is None else str(a.path),
                "url": a.url,
            }
            for a in corpus.articles
        ],
        "problems": [[*_path(p.path), p.line, p.column, p.message] for p in problems],
    }


def _check(value, kind, optional: bool = False):
    if (value is None and optional) or (type(value) is kind):
        return value
    raise CacheError(f"expected {kind.__name__}, found {type(value).__name__}")


def _span_of(pair: list, text_length: int) -> Span:
    if len(pair) != 2:
        raise CacheError("a span that is not two offsets")
    return _span(pair[0], pair[1], text_length)


def _span(start, end, text_length: int) -> Span:
    if type(start) is int and type(end) is int and 0 <= start <= end <= text_length:
        return Span(start, end)
    raise CacheError("a span outside its text")


def _decode_path(name, is_path) -> Path | str:
    return Path(_check(name, str)) if _check(is_path, bool) else _check(name, str)


# Enum members by value: a lookup, where calling the enum costs a microsecond or more.
_ENTITY_TYPES = {member.value: member for member in EntityType}
_BLOCK_KINDS = {member.value: member for member in BlockKind}
_MENTION_KINDS = {member.value: member for member in MentionKind}
_QUOTE_KINDS = {member.value: member for member in QuoteKind}


def _decode(data, root: Path) -> tuple[Corpus, list[Problem]]:
    """The corpus from its JSON values, every one checked: a value of another type, an
    unknown kind or a span outside its text raises (KeyError, ValueError, CacheError)."""
    _check(data, dict)
    entities: dict[str, Entity] = {}
    for entity_id, name, entity_type, aliases, description, status, first_seen in _check(
        data["entities"], list
    ):
        entities[_check(entity_id, str)] = Entity(
            id=entity_id,
            name=_check(name, str),
            type=_ENTITY_TYPES[entity_type],
            aliases=tuple(_check(alias, str) for alias in _check(aliases, list)),
            description=_check(description, str),
            status=_check(status, str),
            first_seen=_check(first_seen, str),
        )
    articles = [_decode_article(item) for item in _check(data["articles"], list)]
    problems = [_decode_problem(item) for item in _check(data["problems"], list)]
    return Corpus(tuple(articles), entities, root), problems


def _decode_problem(item) -> Problem:
    name, is_path, line, column, message = _check(item, list)
    return Problem(
        _decode_path(name, is_path),
        _check(line, int, optional=True),
        _check(column, int, optional=True),
        _check(message, str),
    )


def _decode_article(item: dict) -> Article:
    text = _check(item["text"], str)
    length = len(text)
    paragraphs = []
    for index, kind, start, end, line in _check(item["paragraphs"], list):
        if type(index) is not int or (line is not None and type(line) is not int):
            raise CacheError("a paragraph's index or line is not a number")
        paragraphs.append(Paragraph(index, _BLOCK_KINDS[kind], _span(start, end, length), line))
    mentions = []
    for entity_id, start, end, kind, paragraph in _check(item["mentions"], list):
        if type(entity_id) is not str or type(paragraph) is not int:
            raise CacheError("a mention's entity or paragraph is of the wrong type")
        mentions.append(
            Mention(entity_id, _span(start, end, length), _MENTION_KINDS[kind], paragraph)
        )
    quotes = []
    for quote_id, kind, start, end, paragraph, speaker, cue, cue_span, channel, continues in _check(
        item["quotes"], list
    ):
        quotes.append(
            Quote(
                id=_check(quote_id, str),
                kind=_QUOTE_KINDS[kind],
                span=_span(start, end, length),
                paragraph=_check(paragraph, int),
                speaker=_check(speaker, str, optional=True),
                cue=_check(cue, str, optional=True),
                cue_span=None if cue_span is None else _span_of(_check(cue_span, list), length),
                channel=_check(channel, str, optional=True),
                continues=_check(continues, str, optional=True),
            )
        )
    path = item["path"]
    return Article(
        id=_check(item["id"], str),
        source=_check(item["source"], str),
        outlet=_check(item["outlet"], str, optional=True),
        title=_check(item["title"], str),
        date=_check(item["date"], str, optional=True),
        text=text,
        paragraphs=tuple(paragraphs),
        mentions=tuple(mentions),
        quotes=tuple(quotes),
        chrome=tuple(
            ChromeLine(_check(line_text, str), _check(line, int, optional=True))
            for line_text, line in _check(item["chrome"], list)
        ),
        outlet_note=_check(item["outlet_note"], str),
        date_note=_check(item["date_note"], str),
        notes=_check(item["notes"], str),
        path=None if path is None else Path(_check(path, str)),
        url=_check(item.get("url"), str, optional=True),
    )
