"""The article list at ten thousand rows: drawn on demand, filtered in a worker."""

from __future__ import annotations

from textual import on
from textual.app import App

from reader.model import Entity, EntityType
from reader.tui.widgets.article_list import ROW_HEIGHT, ArticleList, ArticleRows
from tests.articles import make_article

OUTLETS = ["TASS", "Press TV", "SANA", None, "EIR"]
ENTITIES = {"lavrov": Entity("lavrov", "Sergey Lavrov", EntityType.PERSON, ("Lavrov",))}


def articles(count: int):
    made = []
    for n in range(count):
        text = f"Story {n} about the truce." + (" Lavrov spoke." if n % 3 == 0 else "")
        made.append(
            make_article(
                f"a{n:05d}",
                [f"Title {n} [b]x[/b]", text],
                outlet=OUTLETS[n % len(OUTLETS)],
                date=f"2016-{1 + n % 12:02d}-{1 + n % 28:02d}",
                mentions=[("lavrov", "Lavrov")] if n % 3 == 0 else [],
            )
        )
    made.sort(key=lambda a: (a.date, a.id))
    return made


class ListApp(App):
    def __init__(self, shown):
        super().__init__()
        self.shown = shown
        self.chosen: list[str] = []

    def compose(self):
        yield ArticleList(id="articles")

    def on_mount(self) -> None:
        self.query_one(ArticleList).show_articles(self.shown, ENTITIES, highlight=None)
        self.query_one(ArticleList).focus()

    @on(ArticleList.Chosen)
    def chose(self, event: ArticleList.Chosen) -> None:
        self.chosen.append(event.article_id)


async def typed(pilot, *keys: str) -> None:
    """Press `keys` and wait for the filtering they start."""
    await pilot.press(*keys)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def screen_text(app) -> str:
    rows = app.query_one(ArticleRows)
    return "\n".join(rows.render_line(y).text for y in range(rows.size.height))


async def test_ten_thousand_rows_are_drawn_where_seen():
    shown = articles(10_000)
    app = ListApp(shown)
    async with app.run_test(size=(60, 20)) as pilot:
        rows = app.query_one(ArticleRows)
        assert rows.virtual_size.height == 10_000 * ROW_HEIGHT
        assert app.focused is rows
        assert shown[0].title in screen_text(app)
        await pilot.press("G")
        assert rows.cursor == 9_999
        assert shown[-1].title in screen_text(app)
        await pilot.press("k", "enter")
        assert app.chosen == [shown[-2].id]
        await pilot.press("g", "pagedown")
        assert rows.cursor > 1 and shown[rows.cursor].title in screen_text(app)


async def test_titles_are_shown_literally():
    app = ListApp(articles(3))
    async with app.run_test(size=(60, 20)):
        assert "[b]x[/b]" in screen_text(app)


async def test_slash_filters_by_outlet_entity_and_words_and_escape_drops_it():
    shown = articles(600)
    app = ListApp(shown)
    async with app.run_test(size=(80, 20)) as pilot:
        listing = app.query_one(ArticleList)
        await pilot.press("slash")
        assert app.focused is app.query_one("#article-filter")
        await typed(pilot, *"outlet:tass entity:lavrov")
        expected = [a.id for a in shown if a.outlet == "TASS" and a.mentions]
        assert listing.items == expected and expected
        status = str(app.query_one("#article-list-status").render())
        assert status.startswith(f"{len(expected)} of 600 articles")
        await pilot.press("enter")  # back to the rows, the filter kept
        assert app.focused is listing.rows and listing.items == expected
        await pilot.press("slash", "escape")
        assert listing.items == [a.id for a in shown]
        assert app.focused is listing.rows
        assert not app.query_one("#article-filter").display


async def test_a_query_that_cannot_be_read_says_why_and_keeps_the_rows():
    shown = articles(30)
    app = ListApp(shown)
    async with app.run_test(size=(80, 20)) as pilot:
        listing = app.query_one(ArticleList)
        await typed(pilot, "slash", *"since:2016-1x")
        status = app.query_one("#article-list-status")
        assert "since:2016-1x: not a date" in str(status.render())
        assert status.has_class("-error")
        assert listing.items == [a.id for a in shown]


async def test_sort_by_outlet_and_nothing_found():
    shown = articles(40)
    app = ListApp(shown)
    async with app.run_test(size=(80, 20)) as pilot:
        listing = app.query_one(ArticleList)
        await typed(pilot, "slash", *"sort:outlet")
        outlets = [
            next(a for a in shown if a.id == i).outlet_label.casefold() for i in listing.items
        ]
        assert outlets == sorted(outlets) and len(outlets) == 40
        await typed(pilot, *" nosuchword")
        assert listing.items == []
        assert "No article matches the filter." in screen_text(app)


async def test_in_the_reader_slash_in_the_list_filters_and_keys_go_into_the_line(make_app, settle):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        listing = app.main.query_one("#articles", ArticleList)
        await pilot.press("a", "slash")
        assert app.focused is app.main.query_one("#article-filter")
        # 'a', 'c', 'v', 'q' are commands elsewhere: here they are letters of the query.
        await typed(pilot, *"outlet:gazette")
        assert listing.items == ["gazette"]
        assert app.main.article.id == "herald"
        await pilot.press("enter", "enter")
        assert app.main.article.id == "gazette"


async def test_the_filter_line_is_one_line_that_shows_what_is_typed():
    app = ListApp(articles(30))
    async with app.run_test(size=(60, 20)) as pilot:
        await typed(pilot, "slash", *"truce")
        line = app.query_one("#article-filter")
        assert line.region.height == 1 and line.has_focus
        assert "truce" in line.render_line(0).text


async def test_keys_typed_right_after_slash_go_into_the_filter_line():
    """A burst ('/' then letters, as a paste or a fast typist sends them) arrives
    before the line has the focus: the letters still land in it, and 'G' or 'j' do
    not move the rows."""
    from textual import events

    shown = articles(50)
    app = ListApp(shown)
    async with app.run_test(size=(60, 20)) as pilot:
        rows = app.query_one(ArticleRows)
        for key, character in [("slash", "/"), ("G", "G"), ("j", "j"), ("o", "o")]:
            app.post_message(events.Key(key, character))
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.query_one("#article-filter").value == "Gjo"
        assert rows.cursor == 0
