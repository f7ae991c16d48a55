"""Whatever a raw page holds, the article written for it loads with no problems.

A problem in an imported file would be a bug of the annotator, not of the page: these
tests import the hostile fixture and many mangled versions of the seeds' pages (marks
swapped or dropped, lines shuffled and cut, no-break spaces, line ends of every kind,
YAML syntax, control characters) and load each result with the corpus loader.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from reader.annotate import annotate_raw
from reader.annotate.article_writer import article_text
from reader.annotate.catalogue import ensure_catalogue, read_catalogue
from reader.annotate.importer import import_files
from reader.annotate.mentions import MentionFinder
from reader.article_file import load_article
from reader.corpus import bundled_corpus_path, load_corpus

SEEDS = bundled_corpus_path()
FIXTURES = Path(__file__).parent / "fixtures"
PAGES = Path(__file__).parent / "pages"
NOISE = [
    "\u00a0", "  ", "\t", "\u201c", "\u201d", '"', "'", "\u2019", "\u2018", "«", "»",
    ": ", " #", "- ", "&x", "*y", "!!str", "{", "}", "[", "]", "\u2028", "\x85", "\x0c",
    "\u200b", "—", "-", "US-", "-led", "Washington", "Moscow,", "said", "according to",
    "Lavrov", "he said.", "\"", "…", "(Photo by AFP)", "Check Also", "©",
]  # fmt: skip


def mangle(text: str, rng: random.Random) -> str:
    lines = text.splitlines()
    for _ in range(rng.randint(1, 6)):
        action = rng.randrange(6)
        i = rng.randrange(len(lines)) if lines else 0
        if not lines:
            lines.append("x")
        elif action == 0:  # noise inside a line
            line = lines[i]
            at = rng.randint(0, len(line))
            lines[i] = line[:at] + rng.choice(NOISE) + line[at:]
        elif action == 1:  # drop every quotation mark of one kind
            mark = rng.choice(['"', "\u201c", "\u201d", "\u2019"])
            lines = [line.replace(mark, "") for line in lines]
        elif action == 2:
            rng.shuffle(lines)
        elif action == 3:  # cut a line in two
            line = lines[i]
            at = rng.randint(0, len(line))
            lines[i : i + 1] = [line[:at], line[at:]]
        elif action == 4:
            del lines[i]
        else:
            lines.insert(i, rng.choice(NOISE) * rng.randint(1, 3))
    end = rng.choice(["\n", "\r\n", "\r"])
    return end.join(lines)


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory):
    root = tmp_path_factory.mktemp("catalogue")
    ensure_catalogue(root)
    entities, problems = read_catalogue(root)
    assert not problems
    return entities, MentionFinder(entities)


def loads_cleanly(tmp_path: Path, raw: str, name: str, catalogue) -> None:
    entities, finder = catalogue
    if not raw.strip():
        return
    draft = annotate_raw(raw, name, entities, finder=finder)
    if not draft.blocks:
        return
    draft.id = "mangled"
    (tmp_path / "raw").mkdir(exist_ok=True)
    (tmp_path / "raw" / name).write_text(raw, encoding="utf-8", newline="")
    path = tmp_path / "mangled.yaml"
    path.write_text(article_text(draft), encoding="utf-8")
    _, problems = load_article(path, entities, tmp_path / "raw")
    assert [str(p) for p in problems] == [], raw


def test_hostile_fixture_imports_and_loads(tmp_path):
    run = import_files(tmp_path / "c", [FIXTURES / "yaml_and_unicode_hostile.txt"])
    assert run.ok, run.results[0].problems
    corpus, problems = load_corpus(tmp_path / "c")
    assert problems == []
    (article,) = corpus.articles
    assert "x" * 5000 in article.text
    assert "\u2028" in article.text  # kept as printed, not taken for a line break


@pytest.mark.parametrize("seed", range(40))
def test_mangled_pages_load_without_problems(seed, tmp_path, catalogue):
    rng = random.Random(seed)
    sources = sorted((SEEDS / "raw").glob("*.txt")) + sorted(PAGES.glob("*.txt"))
    source = rng.choice(sources)
    raw = mangle(source.read_text(encoding="utf-8"), rng)
    loads_cleanly(tmp_path, raw, f"mangled_{seed}.txt", catalogue)


@pytest.mark.parametrize(
    "raw",
    [
        "One line only",
        "Check Also\nRead more\nShare",
        "\ufeff\u00a0\u00a0Lavrov\u00a0said\u00a0\u201cno\u201d",
        '"""\n\'\'\'\n"\'"',
        "Lavrov said: “" + "very " * 400 + "long”",
        "US-US-US US US US Washington-Washington",
        "Moscow\n" * 30,
        "2016-09-28\n10.06.2016 15:47\nSeptember 2016",
    ],
)
def test_degenerate_pages_load_without_problems(raw, tmp_path, catalogue):
    loads_cleanly(tmp_path, raw, "degenerate.txt", catalogue)
