"""The reading loop keeps the keyboard (issue 9): tabs switch without taking focus, a
key goes into the side list and back, the place and the settings survive restarts."""

from __future__ import annotations

from conftest import wait_until
from textual import events

from reader.tui.screens.help import HelpScreen
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.item_list import ItemList


def view_of(app) -> ArticleView:
    return app.main.query_one(ArticleView)


async def test_a_tab_key_switches_the_side_panel_and_the_text_keeps_the_keys(make_app, settle):
    app = make_app(cross_reference=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3", "j", "j", "j")
        assert app.focused is view_of(app)
        assert view_of(app).cursor == 3
        assert app.main.query_one("TabbedContent").active == "tab-links"


async def test_s_moves_into_the_side_list_and_back(make_app, settle):
    app = make_app(cross_reference=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2", "s")
        assert app.focused is app.main.query_one("#quotes", ItemList)
        await pilot.press("s")
        assert app.focused is view_of(app)


async def test_cross_references_show_by_default_and_the_last_tab_is_remembered(make_app, settle):
    app = make_app(cross_reference=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.main.query_one("TabbedContent").active == "tab-links"
        await pilot.press("1")
    again = make_app(cross_reference=True)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert again.main.query_one("TabbedContent").active == "tab-entities"


async def test_the_reading_place_is_exact_across_restarts(make_app, settle):
    places = []
    for run in range(4):
        app = make_app(cross_reference=True)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            if run == 0:  # a statement that opens with a quotation mark, in the second article
                await pilot.press("right_square_bracket")
                statements = app.xref.statements(app.main.article.id)
                opening = next(
                    s for s in statements if app.main.article.text[s.span.start - 1] in "“\"'‘"
                )
                await pilot.press(*["j"] * opening.index)
            places.append((app.main.article.id, view_of(app).cursor_span, view_of(app).top_offset))
        app.save_state()
    assert places[1:] == places[:1] * 3


async def test_keys_typed_right_after_slash_go_into_the_search_bar(make_app, settle):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # All queued at once, as a paste or a fast typist's keys arrive (pilot.press
        # would wait for each key to be handled).
        for key, character in [("slash", "/"), *((c, c) for c in "truce")]:
            app.post_message(events.Key(key, character))
        await pilot.pause()
        assert app.main.query_one("#search").value == "truce"
        assert app.focused is app.main.query_one("#search")


async def test_escape_after_a_at_a_wide_terminal_goes_back_to_the_text(make_app, settle):
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        assert app.focused is app.main.query_one("#articles").rows
        await pilot.press("escape")
        assert app.focused is view_of(app)


async def test_help_keeps_keys_that_arrive_in_a_burst(make_app, settle):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark", "j", "j", "j", "j")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.pause(0.2)
        assert app.screen.query_one("#help-keys").scroll_y == 4


async def test_the_theme_is_remembered(make_app, settle):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.theme = "textual-light"
        await pilot.pause()
    again = make_app()
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert again.theme == "textual-light"


async def test_the_pane_with_the_keys_is_marked_and_the_cursor_dims_without_them(make_app, settle):
    from reader.tui.palette import contrast

    app = make_app(cross_reference=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view, heading, side = (
            view_of(app),
            app.main.query_one("#heading"),
            app.main.query_one("#side"),
        )
        focused = (heading.styles.background, side.styles.border_left)
        cursor_focused = view.highlight_styles().cursor.background
        await pilot.press("s")
        await pilot.pause()
        assert (heading.styles.background, side.styles.border_left) != focused
        cursor_blurred = view.highlight_styles().cursor.background
        base = view.background_colors[1]
        assert contrast(cursor_blurred, base) < contrast(cursor_focused, base)


async def test_braces_step_to_the_next_and_previous_statement_with_links(make_app, settle):
    app = make_app(cross_reference=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        statements = app.xref.statements("herald")
        ahead = [s.index for s in statements if app.xref.links_from(s) and s.index > 0]
        assert len(ahead) >= 2 and view_of(app).cursor == 0
        seen = []
        for _ in ahead:
            await pilot.press("right_curly_bracket")
            seen.append(view_of(app).cursor)
            assert app.main.links[1]  # the side panel lists them without a keypress
        assert seen == ahead
        await pilot.press("left_curly_bracket")
        assert view_of(app).cursor == ahead[-2]


async def test_the_link_list_sets_outlet_date_grade_and_score_apart(make_app, settle):
    for width, whole in ((120, False), (160, True)):
        app = make_app(cross_reference=True)
        async with app.run_test(size=(width, 40)) as pilot:
            await settle(pilot)
            await pilot.press("right_curly_bracket")
            link = app.main.links[1][0]
            target = app.corpus.article(link.target.article_id)
            rows = app.main.query_one("#links", ItemList)
            prompt = rows.get_option_at_index(0).prompt.plain
            source = app.main.article
            assert prompt.startswith(f"{target.outlet_label} · {target.date}, ")
            assert f"\n{link.grade} {link.score:.0f}\n" in prompt
            assert ("day" in prompt) == (source.date != target.date)
            statement = " ".join(link.target.text.split())
            assert (statement in prompt) == whole or len(statement) < 100
