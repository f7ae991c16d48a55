"""The main screen: article list, article text, entities and quotes, history, layout."""

from __future__ import annotations

from rich.cells import cell_len

from reader.model import Span
from reader.tui.display import literal
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.main import MainScreen
from reader.tui.screens.too_small import TooSmallScreen
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.item_list import ItemList


def view_of(app) -> ArticleView:
    return app.main.query_one(ArticleView)


def shown(widget) -> bool:
    """On screen: it has an area (a widget in a hidden pane has none)."""
    return widget.region.width > 0 and widget.region.height > 0


def article_text(view: ArticleView, line) -> str:
    return view.article.text[line.start : line.end].rstrip()


def rendered_text(view: ArticleView) -> str:
    """The visible lines as the terminal would get them, gutter stripped."""
    return "\n".join(view.render_line(y).text[2:].rstrip() for y in range(view.size.height))


async def test_opens_the_earliest_article_and_lists_all_by_date(make_app, settle):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.main.article.id == "herald"
        assert app.main.query_one("#articles", ArticleList).items == [
            "herald",
            "courier",
            "gazette",
        ]
        assert "Russia urges US" in rendered_text(view_of(app))
        assert app.focused is view_of(app)


async def test_article_text_is_shown_literally(make_app, settle):
    app = make_app()
    # At 80 columns a line of the markup article ends right after the escape character.
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("left_square_bracket")  # previous article wraps to the last one
        await pilot.pause()
        view = view_of(app)
        assert app.main.article.id == "gazette"
        text = " ".join(rendered_text(view).split())
        assert "Markup [b]x[/b] stays as typed" in text
        assert "[b]x[/b] and [/] in this copy" in text
        assert "escape ␛[31m that" in text  # the escape character is shown, not sent
        for y in range(view.size.height):
            assert all("\x1b" not in segment.text for segment in view.render_line(y))
        # Wrapped as shown: no line is cut at the edge (the escape takes a cell).
        width = view.scrollable_content_region.width - 2
        assert all(cell_len(literal(article_text(view, line))) <= width for line in view.lines)
        await pilot.press("a")  # the list, folded at 80 columns, on the open article
        rows = app.main.query_one("#articles", ArticleList).rows
        assert rows.cursor == 2
        drawn = "".join(rows.render_line(y).text for y in range(rows.size.height))
        assert "[b]x[/b]" in drawn


async def test_j_and_k_move_the_reading_position(make_app, settle):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = view_of(app)
        article = app.main.article
        await pilot.press("j", "j", "down")
        assert view.cursor_span == article.paragraphs[3].span
        await pilot.press("k")
        assert view.cursor_span == article.paragraphs[2].span
        await pilot.press("G")
        assert view.cursor_span == article.paragraphs[-1].span
        await pilot.press("g")
        assert view.cursor == 0


async def test_moving_in_the_entity_list_highlights_every_mention(make_app, settle):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view, article = view_of(app), app.main.article
        await pilot.press("1", "s")  # the Entities tab, into its list
        entities = app.main.query_one("#entities", ItemList)
        assert app.focused is entities
        await pilot.press("j", "j")  # the second entity: United States
        await pilot.pause()
        entity_id, spans = entities.item
        assert entity_id == "united-states"
        expected = tuple(m.span for m in article.mentions if m.entity_id == "united-states")
        assert sorted(view.marks, key=lambda s: s.start) == sorted(expected, key=lambda s: s.start)
        assert view.focus_span == spans[0]
        await pilot.press("n")
        assert view.focus_span == spans[1]
        await pilot.press("N", "N")
        assert view.focus_span == spans[-1]
        assert "United States" in str(app.main.query_one("#entity-detail").content)


async def test_n_scrolls_a_mention_into_view(make_app, settle):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = view_of(app)
        await pilot.press("1", "s")
        entities = app.main.query_one("#entities", ItemList)
        entities.highlight_where(lambda item: item[0] == "kerry")
        await pilot.pause()
        await pilot.press("N")  # the last mention of Kerry, at the bottom of the article
        await pilot.pause()
        last = entities.item[1][-1]
        assert view.focus_span == last
        line = view.line_of(last.start)
        assert view.scroll_y <= line < view.scroll_y + view.scrollable_content_region.height


async def test_selecting_a_quote_highlights_it_and_shows_who_said_it(make_app, settle):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view, article = view_of(app), app.main.article
        await pilot.press("2", "s", "j", "j")
        quote = article.quote("q2")
        assert view.focus_span == quote.span
        assert view.cursor_span.contains(quote.span.start)
        detail = str(app.main.query_one("#quote-detail").content)
        for words in ("Sergey Lavrov", "direct", "said", "Russian Foreign Ministry"):
            assert words in detail


async def test_enter_in_the_list_opens_an_article_and_back_returns(make_app, settle):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = view_of(app)
        await pilot.press("j", "j", "j", "j")
        before = app.main.here()
        await pilot.press("a", "j", "enter")
        assert app.main.article.id == "courier"
        assert app.focused is view
        assert [loc.article_id for loc in app.main.history] == ["herald"]
        await pilot.press("escape")
        await pilot.pause()
        assert app.main.article.id == "herald"
        assert view.cursor_span.start == before.cursor
        assert view.top_offset == before.top
        assert app.main.history == []
        await pilot.press("backspace")  # nothing further back: stays
        assert app.main.article.id == "herald"


async def test_search_highlights_hits_and_n_steps_through_them(make_app, settle):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view, text = view_of(app), app.main.article.text
        await pilot.press("slash", *"Truce")
        hits = [Span(i, i + 5) for i in range(len(text)) if text[i : i + 5].lower() == "truce"]
        assert list(view.marks) == hits and len(hits) == 3
        await pilot.press("enter")
        assert app.focused is view
        assert view.focus_span == hits[0]
        await pilot.press("n", "n")
        assert view.focus_span == hits[2]
        assert "3/3" in str(app.main.query_one("#status").content)
        await pilot.press("slash", "x", "escape")
        assert view.marks == () and view.focus_span is None
        assert app.focused is view


async def test_help_lists_the_keys_of_the_screen(make_app, settle):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        groups = {title: {text: keys for keys, text in rows} for title, rows in app.screen.groups}
        assert list(groups) == [
            "Reading",
            "Article filter line",
            "Article list",
            "Article text",
            "Search line",
            "Lists (articles, entities, quotes, links)",
            "Everywhere",
        ]
        assert groups["Article list"]["Filter articles"] == "/"
        assert groups["Article filter line"]["Drop the filter"] == "esc"
        assert groups["Reading"]["Search"] == "/"
        assert groups["Reading"]["Back"] == "esc backspace"
        assert groups["Reading"]["Next pane"] == "tab"
        assert groups["Article text"]["Page down"] == "pgdn space"
        assert groups["Everywhere"]["Quit"] == "^q q"
        await pilot.press(*"jjjjj")
        await pilot.pause()
        assert app.screen.query_one("#help-keys").scroll_y == 5
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)


async def test_panes_collapse_at_80_columns(make_app, settle):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        articles, side = app.main.query_one("#articles"), app.main.query_one("#side")
        assert not shown(articles) and shown(side)
        await pilot.press("a")
        await pilot.pause()
        assert shown(articles) and app.focused is articles.rows
        assert not shown(side)
        await pilot.press("j", "enter")
        await pilot.pause()
        assert app.main.article.id == "courier"
        assert not shown(articles) and shown(side)
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert shown(articles) and shown(side) and view_of(app).region.width >= 40


async def test_a_tiny_terminal_gets_a_polite_message(make_app, settle):
    app = make_app()
    async with app.run_test(size=(50, 12)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.resize_terminal(40, 30)
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)


async def test_tab_cycles_the_panes(make_app, settle):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        order = []
        for _ in range(3):
            await pilot.press("tab")
            order.append(app.focused.id)
        assert order == ["links", "article-rows", "article"]  # the cross-references shown first
        await pilot.press("shift+tab")
        assert app.focused.id == "article-rows"


async def test_a_click_in_the_text_moves_the_reading_position(make_app, settle):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = view_of(app)
        article = app.main.article
        target = article.paragraphs[4].span  # "The two ministers met in Geneva ..."
        line = view.line_of(target.start) - int(view.scroll_y)
        await pilot.click(ArticleView, offset=(10, line))
        assert view.cursor_span == target


async def test_resizing_never_crashes(make_app, settle):
    app = make_app(cross_reference=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for keys in ([], ["c"], ["v"], ["question_mark"], ["1", "enter"]):
            await pilot.press(*keys)
            for size in [(80, 24), (30, 8), (61, 16), (200, 60), (79, 23), (120, 40)]:
                await pilot.resize_terminal(*size)
                await pilot.pause()
            assert not isinstance(app.screen, TooSmallScreen)
            while len(app.screen_stack) > 1:
                await pilot.press("escape")
        view = view_of(app)
        width = view.scrollable_content_region.width - 2  # the gutter
        assert all(cell_len(article_text(view, line)) <= width for line in view.lines)
        assert max(cell_len(article_text(view, line)) for line in view.lines) > width - 12
