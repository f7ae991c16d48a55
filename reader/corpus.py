"""Loading and validating a corpus directory.

`load_corpus` never raises for bad input: it returns what could be loaded and every
problem found, so the reader can open the sound articles and show the rest as problems.

The file readers (and PyYAML behind them) are imported when a corpus is loaded, not with
this module: the reader finds its corpus here and may then load it from its cache
(reader.corpus_cache) without them.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from reader.model import Corpus, Problem
from reader.wording import counted

if TYPE_CHECKING:
    from collections.abc import Callable

    from reader.model import Article, Entity

    # (path, entities or None, raw dir or None, declared entity ids)
    #   -> (article, problems, (line, column) of its id)
    ArticleLoader = Callable[
        [Path, dict[str, Entity] | None, Path | None, set[str]],
        tuple[Article | None, list[Problem], tuple[int, int]],
    ]

ENTITIES_FILE = "entities.yaml"
RAW_DIR = "raw"


def bundled_corpus_path() -> Path:
    """The corpus shipped with reader: inside the wheel, or the checkout's seeds/."""
    package = Path(__file__).resolve().parent
    installed = package / "_bundled_seeds"
    if installed.is_dir():
        return installed
    return package.parent / "seeds"


def article_files(root: Path) -> list[Path]:
    files = [*root.glob("*.yaml"), *root.glob("*.yml")]
    # judgements.yaml is the researcher's verdicts on links (reader/judgements.py)
    not_articles = (ENTITIES_FILE, "entities.yml", "judgements.yaml")
    # by name (all in one directory): comparing Path objects took 20 ms a listing
    return sorted((p for p in files if p.name not in not_articles), key=lambda p: p.name)


def load_corpus(root: Path | str) -> tuple[Corpus, list[Problem]]:
    corpus, problems, _ = load_corpus_reading(root)
    return corpus, problems


def load_article_alone(root: Path | str, path: Path) -> Corpus | None:
    """A corpus of the one article in `path` (with the catalogue), or None if that
    file gives none: what the reader shows while the whole corpus loads. Its problems
    are left to the whole load, which reports every file's."""
    corpus, _, _ = load_corpus_reading(root, only=path)
    return corpus if corpus.articles else None


def load_corpus_reading(
    root: Path | str,
    load_file: ArticleLoader | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
    only: Path | None = None,
) -> tuple[Corpus, list[Problem], list[Path]]:
    """`load_corpus`, and the paths whose files (or absence) the result depends on
    besides the directory's own listing: what a cache of it must watch.

    `load_file` loads one article file (default: article_file.load_article_located);
    the corpus cache passes one that gives back what it kept for the files that did
    not change, so that one edited file is the only one read again. `progress` is
    told (files read, files in all) before each file; `only` reads that one article
    file instead of the directory's."""
    from reader.article_file import load_article_located
    from reader.entity_file import load_entities
    from reader.provenance import raw_source_path
    from reader.safe_files import escapes, not_a_regular_file

    load = load_article_located if load_file is None else load_file

    root = Path(root)
    problems: list[Problem] = []
    try:
        if not root.is_dir():
            message = "not a directory; give a corpus directory"
            return Corpus((), {}, root), [Problem(root, None, None, message)], []
        os.listdir(root)
        files = article_files(root) if only is None else [only]
    except OSError as error:
        message = f"cannot read the directory: {error.strerror}; check its permissions"
        return Corpus((), {}, root), [Problem(root, None, None, message)], []

    def outside(path: Path) -> bool:
        # A file of the directory itself that is no symlink cannot lead out of it;
        # resolving every path of a corpus of thousands cost a run a fifth of a second.
        if path.parent == root and not os.path.islink(path):
            return False
        if os.path.lexists(path) and escapes(path, root):
            problems.append(
                Problem(
                    path,
                    None,
                    None,
                    f"a symlink to {os.path.realpath(path)}, outside the corpus; it was "
                    "skipped (never read): copy the file into the corpus instead",
                )
            )
            return True
        return False

    entities_path = root / ENTITIES_FILE
    entities: dict | None = None
    declared: set[str] = set()
    missing = not_a_regular_file(entities_path)
    if missing not in (None, "no such file"):
        problems.append(Problem(entities_path, None, None, missing))
    elif missing is None and not outside(entities_path):
        entities, declared, entity_problems = load_entities(entities_path)
        problems += entity_problems
        if not entities and not declared and entity_problems:
            # The catalogue as a whole is unreadable: its own problem says so, and the
            # articles' entity ids are not reported as unknown one by one.
            entities = None
    elif missing:
        problems.append(
            Problem(
                entities_path,
                None,
                None,
                "no entity catalogue; create entities.yaml (see docs/corpus-format.md) "
                "so that mentions and speakers can be checked",
            )
        )

    if not files:
        problems.append(
            Problem(
                root,
                None,
                None,
                "no article files (*.yaml) here; is this the corpus directory?",
            )
        )
    raw_dir = None if outside(root / RAW_DIR) else _raw_dir(root / RAW_DIR, problems)
    read = [entities_path, root / RAW_DIR, *files]
    articles: list[Article] = []
    seen: dict[str, tuple[Path, tuple[int, int]]] = {}
    for done, path in enumerate(files):
        if progress is not None:
            progress(done, len(files))
        if outside(path):
            continue
        article, article_problems, id_where = load(path, entities, raw_dir, declared)
        problems += article_problems
        if article is None:
            continue
        if article.source and raw_dir and (raw_path := raw_source_path(raw_dir, article.source)):
            read.append(raw_path)  # compared with its raw page
        if article.id in seen:
            first, (line, column) = seen[article.id]
            problems.append(
                Problem(
                    path,
                    *id_where,
                    f"article id {article.id!r} is already used by {first}:{line}:{column}; "
                    "give each article its own id",
                )
            )
            continue
        seen[article.id] = (path, id_where)
        articles.append(article)
    articles.sort(key=lambda a: (a.date or "9999", a.id))
    return Corpus(tuple(articles), entities or {}, root), problems, read


def _raw_dir(raw_dir: Path, problems: list[Problem]) -> Path | None:
    """The corpus's raw/ when there is one to read; a problem when it is there but
    cannot be used (then the articles are not compared with their pages)."""
    try:
        if not os.path.lexists(raw_dir):
            return None
        if not raw_dir.is_dir():
            problems.append(
                Problem(raw_dir, None, None, "not a directory; raw/ holds the raw page files")
            )
            return None
        os.listdir(raw_dir)
    except OSError as error:
        problems.append(
            Problem(
                raw_dir,
                None,
                None,
                f"cannot read the directory: {error.strerror}; check its permissions "
                "(the articles were not compared with their raw pages)",
            )
        )
        return None
    return raw_dir


def summary(corpus: Corpus) -> str:
    """One line: what the corpus holds."""
    outlets = Counter(a.outlet for a in corpus.articles)
    unnamed = outlets.pop(None, 0)
    outlet_text = counted(len(outlets), "outlet") + (f" (+{unnamed} unnamed)" if unnamed else "")
    mentions = sum(len(a.mentions) for a in corpus.articles)
    quotes = sum(len(a.quotes) for a in corpus.articles)
    return ", ".join(
        [
            counted(len(corpus.articles), "article"),
            outlet_text,
            counted(len(corpus.entities), "entity", "entities"),
            counted(mentions, "mention"),
            counted(quotes, "quote"),
        ]
    )
