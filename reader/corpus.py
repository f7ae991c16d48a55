"""Loading and validating a corpus directory.

`load_corpus` never raises for bad input: it returns what could be loaded and every
problem found, so the reader can open the sound articles and show the rest as problems.

The file readers (and PyYAML behind them) are imported when a corpus is loaded, not with
this module: the reader finds its corpus here and may then load it from its cache
(reader.corpus_cache) without them.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from reader.model import Corpus, Problem

if TYPE_CHECKING:
    from collections.abc import Callable

    from reader.model import Article, Entity

    # (path, entities or None, raw dir or None, declared entity ids) -> (article, problems)
    ArticleLoader = Callable[
        [Path, dict[str, Entity] | None, Path | None, set[str]],
        tuple[Article | None, list[Problem]],
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
    return sorted(p for p in files if p.name not in (ENTITIES_FILE, "entities.yml"))


def load_corpus(root: Path | str) -> tuple[Corpus, list[Problem]]:
    corpus, problems, _ = load_corpus_reading(root)
    return corpus, problems


def load_corpus_reading(
    root: Path | str, load_file: ArticleLoader | None = None
) -> tuple[Corpus, list[Problem], list[Path]]:
    """`load_corpus`, and the paths whose files (or absence) the result depends on
    besides the directory's own listing: what a cache of it must watch.

    `load_file` loads one article file (default: article_file.load_article); the
    corpus cache passes one that gives back what it kept for the files that did not
    change, so that one edited file is the only one read again."""
    from reader.article_file import load_article
    from reader.entity_file import load_entities

    load = load_article if load_file is None else load_file

    root = Path(root)
    problems: list[Problem] = []
    if not root.is_dir():
        problems.append(Problem(root, None, None, "not a directory; give a corpus directory"))
        return Corpus((), {}, root), problems, []

    entities_path = root / ENTITIES_FILE
    entities: dict | None
    declared: set[str] = set()
    if entities_path.is_file():
        entities, declared, entity_problems = load_entities(entities_path)
        problems += entity_problems
    else:
        entities = None
        problems.append(
            Problem(
                entities_path,
                None,
                None,
                "no entity catalogue; create entities.yaml (see docs/corpus-format.md) "
                "so that mentions and speakers can be checked",
            )
        )

    files = article_files(root)
    if not files:
        problems.append(
            Problem(
                root,
                None,
                None,
                "no article files (*.yaml) here; is this the corpus directory?",
            )
        )
    raw_dir = root / RAW_DIR
    read = [entities_path, raw_dir, *files]
    articles: list[Article] = []
    seen: dict[str, Path] = {}
    for path in files:
        article, article_problems = load(
            path, entities, raw_dir if raw_dir.is_dir() else None, declared
        )
        problems += article_problems
        if article is None:
            continue
        if article.source and raw_dir.is_dir():
            read.append(raw_dir / article.source)  # compared with its raw page
        if article.id in seen:
            problems.append(
                Problem(
                    path,
                    1,
                    1,
                    f"article id {article.id!r} is already used by {seen[article.id].name}; "
                    "give each article its own id",
                )
            )
            continue
        seen[article.id] = path
        articles.append(article)
    articles.sort(key=lambda a: (a.date or "9999", a.id))
    return Corpus(tuple(articles), entities or {}, root), problems, read


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


def counted(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"
