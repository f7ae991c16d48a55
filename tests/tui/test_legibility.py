"""Every text the app draws is legible in each bundled theme (issue 9): contrast is
computed from the app's own screenshot, screen by screen, theme by theme.

Muted text needs 3:1 (WCAG AA for large text), and what the reader is pointed at
(the focus target, the current search hit, a selected row) 4.5:1, standing out from
its neighbours."""

from __future__ import annotations

import pytest
from conftest import BROKEN, CORPUS
from legibility import MUTED, TEXT, runs_with, worst_runs

from reader.tui.widgets.article_view import ArticleView

THEMES = pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])


async def run_screen(make_app, settle, theme, keys, corpus=CORPUS, check=None, before=None):
    app = make_app(corpus, cross_reference=True)
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = theme
        await settle(pilot)
        if before is not None:
            await before(pilot)
        await pilot.press(*keys)
        await pilot.pause()
        within = app.screen.query_one("#help-box").region if keys == ["question_mark"] else None
        assert worst_runs(app, MUTED, within) == []
        if check is not None:
            check(app)


def focus_bg(app, focus: str) -> str:
    """The background of the first drawn piece of the focused passage (the longest run
    of it, so that a word of it elsewhere on screen does not count)."""
    return max(runs_with(app, focus), key=lambda run: len(run.text.strip())).bg


def focus_stands_out(app) -> None:
    """The focused passage reads at 4.5:1 and looks unlike the other highlights."""
    view = app.main.query_one(ArticleView)
    focus = view.article.text[view.focus_span.start : view.focus_span.end]
    runs = [run for run in runs_with(app, focus) if run.bg == focus_bg(app, focus)]
    assert runs and all(run.contrast >= TEXT for run in runs)
    others = [run for run in runs_with(app, focus) if run.bg != runs[0].bg]
    if len(view.marks) > 1:  # the current one differs from the rest
        assert others and all(run.bg != runs[0].bg for run in others)


def selected_row_reads(app) -> None:
    """The open article's row in the list, selected, reads at 4.5:1."""
    article = app.main.article
    runs = runs_with(app, article.outlet_label) + runs_with(app, article.date)
    assert runs and all(run.contrast >= TEXT for run in runs)


@THEMES
@pytest.mark.parametrize(
    "keys, check",
    [
        (["1", "s", *"jjjjjj", "n"], focus_stands_out),  # a mention picked in the entity tab
        (["slash", *"truce", "enter", "n"], focus_stands_out),  # the current search hit
        (["a"], selected_row_reads),  # the article list
        (["c"], None),  # compare
        (["v"], None),  # coverage
        (["question_mark"], None),  # help (what lies behind it is dimmed on purpose)
    ],
    ids=["mention", "search", "articles", "compare", "coverage", "help"],
)
async def test_every_screen_is_legible(make_app, settle, theme, keys, check):
    await run_screen(make_app, settle, theme, keys, check=check)


@THEMES
async def test_the_entity_and_problems_screens_are_legible(make_app, settle, theme):
    await run_screen(make_app, settle, theme, ["1", "s", "j", "enter"])
    await run_screen(make_app, settle, theme, ["p"], corpus=BROKEN)


async def to_a_statement_with_links(pilot) -> None:
    main = pilot.app.main
    while not main.links[1]:
        await pilot.press("j")


@THEMES
async def test_a_followed_link_is_legible(make_app, settle, theme):
    await run_screen(
        make_app, settle, theme, ["enter"], check=focus_stands_out, before=to_a_statement_with_links
    )
