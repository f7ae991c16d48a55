"""Problems, the remembered position, the command palette and the entity screen."""

from __future__ import annotations

import json

from conftest import BROKEN, toasts

from reader.tui.location import Location
from reader.tui.screens.entity import EntityScreen
from reader.tui.screens.main import MainScreen
from reader.tui.screens.problems import ProblemsScreen
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.item_list import ItemList
from reader.tui.widgets.row_list import RowList


async def test_corpus_problems_are_noticed_listed_and_sound_articles_open(make_app, settle):
    app = make_app(BROKEN)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        assert any("problem" in text for text in toasts(app))
        assert [a.id for a in app.corpus.articles] == ["courier", "bad"]
        assert app.main.article.id == "courier"
        await pilot.press("p")
        assert isinstance(app.screen, ProblemsScreen)
        rows = [str(o.prompt) for o in app.screen.query_one(ItemList).options]
        assert len(rows) == len(app.problems) == 1
        assert "bad-anchor.yaml:11:33: mention of lavrov" in rows[0]
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_a_sound_corpus_has_no_problems_screen(make_app, settle):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        assert isinstance(app.screen, MainScreen)


async def test_the_last_article_and_position_are_remembered(make_app, settle, state_path):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket", "j", "j")
        cursor = app.main.query_one(ArticleView).cursor_span.start
        app.save_state()
    saved = json.loads(state_path.read_text())
    assert saved["version"] == 1
    assert [entry["article"] for entry in saved["corpora"].values()] == ["courier"]

    again = make_app()
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert again.main.article.id == "courier"
        assert again.main.query_one(ArticleView).cursor_span.start == cursor


async def test_a_corrupt_state_file_is_ignored_with_a_notice(make_app, settle, state_path):
    state_path.parent.mkdir(parents=True)
    state_path.write_text("{not json")
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        assert app.main.article.id == "herald"
        assert any("state file" in text for text in toasts(app))
        await pilot.press("right_square_bracket")
    assert json.loads(state_path.read_text())["version"] == 1  # replaced by a sound one


async def choose_in_palette(pilot, query: str) -> None:
    await pilot.press("ctrl+p", *query)
    await pilot.pause(0.5)  # the palette gathers hits in the background
    await pilot.press("enter")
    await pilot.pause()


async def test_the_palette_finds_an_article(make_app, settle):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await choose_in_palette(pilot, "markup stays")
        assert app.main.article.id == "gazette"
        assert [loc.article_id for loc in app.main.history] == ["herald"]


async def test_the_palette_finds_a_quote_and_shows_it(make_app, settle):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await choose_in_palette(pilot, "would study the russian")
        quote = app.corpus.article("gazette").quote("q1")
        assert app.main.article.id == "gazette"
        assert app.main.query_one(ArticleView).focus_span == quote.span


async def test_the_entity_screen_lists_outlets_and_mentions_and_jumps(make_app, settle):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("1", "s", "j", "j", "j")  # Russia, United States, al-Nusra Front
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, EntityScreen) and screen.entity.id == "nusra"
        await app.workers.wait_for_complete()  # the mention index
        await pilot.pause()
        mentions = screen.query_one("#mentions", RowList)
        assert [article.id for article, _ in mentions.items] == ["herald", "courier"]
        assert "al-Nusra" in "".join(line.plain for line in mentions.lines(1))
        assert screen.query_one("#outlets").row_count == 2
        assert "2 mentions in 2 articles of 2 outlets" in str(
            screen.query_one("#entity-status").content
        )
        await pilot.press("j", "enter")
        assert isinstance(app.screen, MainScreen)
        courier = app.corpus.article("courier")
        span = next(m.span for m in courier.mentions if m.entity_id == "nusra")
        assert app.main.article.id == "courier"
        assert app.main.query_one(ArticleView).focus_span == span
        assert app.main.history[-1].article_id == "herald"


async def test_go_to_returns_from_any_screen(make_app, settle):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.show_entity("kerry")
        await pilot.pause()
        app.go_to(Location("gazette"))
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and app.main.article.id == "gazette"
