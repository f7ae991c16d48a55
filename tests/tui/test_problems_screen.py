"""The problems screen leads to the problem: enter opens its article, or shows the
offending lines of a file that did not load; r reloads the corpus from disk."""

from __future__ import annotations

import shutil

from conftest import BROKEN

from reader.tui.screens.main import MainScreen
from reader.tui.screens.problems import ProblemsScreen


async def test_enter_opens_the_article_the_problem_is_in(make_app, settle):
    app = make_app(BROKEN)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        problem = app.problems[0]
        article = next(
            a for a in app.corpus.articles if a.path and a.path.name in str(problem.path)
        )
        await pilot.press("p", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.main.article.id == article.id


async def test_enter_shows_the_lines_of_a_file_that_did_not_load(make_app, settle, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(BROKEN, corpus)
    (corpus / "broken.yaml").write_text("id: broken\ntitle: [unclosed\n")
    app = make_app(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        index = next(i for i, p in enumerate(app.problems) if "broken.yaml" in str(p.path))
        await pilot.press("p", *["j"] * index, "enter")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        shown = app.screen.query_one("#problem-lines").content.plain
        assert "title: [unclosed" in shown


async def test_r_reloads_the_corpus_from_disk(make_app, settle, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(BROKEN, corpus)
    app = make_app(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert len(app.problems) == 1
        (corpus / "bad-anchor.yaml").unlink()  # the reader fixes the corpus
        await pilot.press("p", "r")
        await settle(pilot)
        assert app.problems == []
        assert [a.id for a in app.corpus.articles] == ["courier"]
        assert isinstance(app.screen, MainScreen) and app.main.article.id == "courier"
