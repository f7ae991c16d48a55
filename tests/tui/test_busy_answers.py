"""The app answers keys while long work runs in its workers: here coverage grouping
(`v`) on a corpus directory of a few hundred articles, held running by the test."""

from __future__ import annotations

import random
import threading

import pytest
from conftest import wait_until
from textual import events

from reader.tui.app import ReaderApp
from reader.tui.screens.coverage import CoverageScreen
from reader.tui.widgets.article_view import ArticleView
from reader.xref.judged import JudgedLinks

ARTICLES = 200
WORDS = (
    "minister talks ceasefire border city council election vote budget court ruling "
    "police report storm harbour strike union wages energy prices rally protest army "
    "treaty summit envoy aid convoy hospital school flood drought harvest market"
).split()


def write_corpus(root, articles: int, seed: int = 3) -> None:
    """Articles of a few sentences drawn from a shared pool, so that many are linked."""
    rng = random.Random(seed)
    pool = [
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 14))).capitalize() + "."
        for _ in range(articles // 2)
    ]
    root.mkdir()
    (root / "entities.yaml").write_text("entities: []\n", "utf-8")
    for number in range(articles):
        sentences = " ".join(rng.sample(pool, 3))
        (root / f"a{number:04d}.yaml").write_text(
            f"id: a{number:04d}\nsource: a{number:04d}.txt\noutlet: Outlet {number % 9}\n"
            f"date: 2016-01-{1 + number % 28:02d}\nblocks:\n- headline: Story {number}\n"
            f"- paragraph: {sentences}\n",
            "utf-8",
        )


@pytest.fixture
def held_clusters(monkeypatch):
    """Coverage grouping that keeps grouping (real work, holding the interpreter as the
    real thing does) until the test releases it; `running` is set meanwhile."""
    running, release = threading.Event(), threading.Event()

    def clusters(self, progress=None):
        running.set()
        try:  # the engine's grouping each time (JudgedLinks keeps what it grouped)
            result = self.xref.clusters(progress)
            while not release.is_set():
                result = self.xref.clusters(progress)
            return result
        finally:
            running.clear()

    monkeypatch.setattr(JudgedLinks, "clusters", clusters)
    yield running, release
    release.set()


async def test_keys_are_answered_while_coverage_is_grouping(tmp_path, state_path, held_clusters):
    running, release = held_clusters
    corpus = tmp_path / "corpus"
    write_corpus(corpus, ARTICLES)
    app = ReaderApp(corpus, state_path=state_path, xref_cache=False, corpus_cache=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: app.xref_status.name == "READY", 60)
        assert len(app.corpus.articles) == ARTICLES
        assert any(app.xref.links_for_article(a.id) for a in app.corpus.articles)
        await pilot.press("v")
        assert isinstance(app.screen, CoverageScreen)
        await wait_until(pilot, running.is_set)
        # Keys as the terminal sends them (Pilot's press waits for the process to idle,
        # which it never does while the grouping runs).
        press(app, "escape")  # back to the text while the claims are grouped
        await wait_until(pilot, lambda: not isinstance(app.screen, CoverageScreen))
        first = app.main.article.id
        press(app, "right_square_bracket")
        await wait_until(pilot, lambda: app.main.article.id != first)  # the next article
        view = app.main.query_one(ArticleView)
        cursor = view.cursor_span
        press(app, "j")
        await wait_until(pilot, lambda: view.cursor_span != cursor)  # the cursor moved
        assert running.is_set()  # and the grouping has not stopped meanwhile
        release.set()
        await wait_until(pilot, lambda: not running.is_set())


def press(app: ReaderApp, key: str) -> None:
    app.post_message(events.Key(key, key if len(key) == 1 else None))
