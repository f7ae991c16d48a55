"""Does the article list stay fast at ten thousand articles?

    python benchmarks/article_list.py                 # 1,000 and 10,000 articles
    python benchmarks/article_list.py --sizes 2000

The articles are copies of the bundled seeds under new ids, outlets and dates. For each
size, headless at 120x40, in one process so drift in a shared machine hits both alike:

- fill: from giving the rows to the list to its first frame drawn, for the article
  list (`ArticleList`, Line API, three lines a row) against the same rows in Textual's
  `OptionList` (every option laid out when filled), the baseline; then the same after
  a resize (an OptionList lays every option out again);
- filter (core, no app): building the index (done once, in a worker, on the first
  filter), then queries: an outlet, a date range with an entity, a first word (which
  folds every text once), a word in most articles, a word in none, and a query typed a
  letter at a time (each letter's query refines the last, so it looks at the last
  result only).

Printed: seconds for each, and the fill ratios (OptionList over ArticleList).
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import time

from reader.article_filter import ArticleIndex, parse_filter
from reader.corpus import bundled_corpus_path, load_corpus

OUTLETS = ["TASS", "Press TV", "SANA", "EIR", "Reuters", "AFP", "AP", None]


def copies(count: int):
    corpus, _ = load_corpus(bundled_corpus_path())
    made = []
    for n in range(count):
        seed = corpus.articles[n % len(corpus.articles)]
        made.append(
            dataclasses.replace(
                seed,
                id=f"{seed.id}-{n}",
                outlet=OUTLETS[n % len(OUTLETS)],
                date=f"{2010 + n % 10}-{1 + n % 12:02d}-{1 + n % 28:02d}",
            )
        )
    made.sort(key=lambda a: (a.date, a.id))
    return corpus, made


async def fill_seconds(articles, entities, widget: str) -> tuple[float, float]:
    """Seconds from filling the list to its frame, then from a resize to its frame."""
    from textual.app import App
    from textual.content import Content
    from textual.widgets import OptionList

    from reader.tui.widgets.article_list import ArticleList

    class ListApp(App):
        def compose(self):
            yield ArticleList(id="list") if widget == "ArticleList" else OptionList(id="list")

    app = ListApp()
    async with app.run_test(size=(40, 40)) as pilot:
        shown = app.query_one("#list")
        await pilot.pause()
        start = time.perf_counter()
        if isinstance(shown, ArticleList):
            shown.show_articles(articles, entities)
        else:
            shown.add_options(Content(f"{a.date} {a.outlet_label}\n{a.title}") for a in articles)
        await pilot.pause()
        filled = time.perf_counter() - start
        start = time.perf_counter()
        await pilot.resize_terminal(60, 40)
        await pilot.pause()
        resized = time.perf_counter() - start
    return filled, resized


def filter_seconds(articles, entities) -> list[tuple[str, float, int]]:
    rows = []
    start = time.perf_counter()
    index = ArticleIndex(articles)
    rows.append(("index built", time.perf_counter() - start, len(articles)))
    for query in (
        "outlet:tass",
        "since:2015-03 until:2016 entity:lavrov",
        "Moscow",
        "Lavrov",
        "nosuchwordanywhere",
        "sort:outlet",
    ):
        index = ArticleIndex(articles) if query == "Lavrov" else index  # no refinement
        start = time.perf_counter()
        found = index.select(parse_filter(query, entities))
        rows.append((query, time.perf_counter() - start, len(found)))
    typed = ""
    slowest = 0.0
    for letter in "aleppo truce":
        typed += letter
        start = time.perf_counter()
        found = index.select(parse_filter(typed, entities))
        slowest = max(slowest, time.perf_counter() - start)
    rows.append(("'aleppo truce' typed: slowest letter", slowest, len(found)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    args = parser.parse_args()
    for size in args.sizes:
        corpus, articles = copies(size)
        print(f"\n{size:,} articles")
        print(f"{'':42} {'seconds':>9} {'articles':>9}")
        for what, seconds, found in filter_seconds(articles, corpus.entities):
            print(f"{what:42} {seconds:9.3f} {found:9,}")
        fills = {}
        for widget in ("OptionList", "ArticleList"):
            fills[widget] = asyncio.run(fill_seconds(articles, corpus.entities, widget))
            filled, resized = fills[widget]
            print(f"{widget + ': filled to first frame':42} {filled:9.3f}")
            print(f"{widget + ': resized to next frame':42} {resized:9.3f}")
        for n, what in enumerate(("fill", "resize")):
            ratio = fills["OptionList"][n] / max(fills["ArticleList"][n], 1e-9)
            print(f"{what + ': OptionList / ArticleList':42} {ratio:9.1f}x")


if __name__ == "__main__":
    main()
