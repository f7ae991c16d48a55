"""What each screen looks like at 80x24 and 120x40, on the fixed corpus.

Accepted snapshots live in __snapshots__/; after a deliberate change, look at the new
SVGs before accepting them with `pytest tests/tui/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import pytest
from conftest import settle_app, wait_until

from reader.model import Span
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.row_list import RowList

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])


def screen_after(make_app, snap_compare, size, press=(), then=None) -> bool:
    """The app on the fixture corpus, cross-referenced, after `press` (and `then(app)`)."""
    app = make_app(cross_reference=True)

    async def run_before(pilot) -> None:
        await settle_app(pilot)
        if then is not None:
            then(pilot.app)
            await pilot.pause()
        await pilot.press(*press)
        # what the keys started (why a link was made, said in a worker) is in too
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    return snap_compare(app, terminal_size=size, run_before=run_before)


def read_at(words: str):
    """Put the reading position on the statement holding `words` in the open article."""

    def move(app) -> None:
        start = app.main.article.text.index(words)
        app.main.query_one(ArticleView).reveal(Span(start, start + len(words)))

    return move


KERRY = read_at("studying the Russian proposal")  # a statement with links to two outlets


@SIZES
def test_main_screen(make_app, snap_compare, size):
    """The reading position on Kerry's reported words; the cross-reference tab open."""
    assert screen_after(make_app, snap_compare, size, ["3"], then=KERRY)


@SIZES
def test_main_screen_entity_highlighted(make_app, snap_compare, size):
    """John Kerry picked in the entity tab: his mentions marked, the second one focused."""
    assert screen_after(make_app, snap_compare, size, ["1", "s"] + ["j"] * 6 + ["n"])


@SIZES
def test_main_screen_markup_article(make_app, snap_compare, size):
    assert screen_after(make_app, snap_compare, size, ["left_square_bracket", "j"])


@SIZES
def test_compare_screen(make_app, snap_compare, size):
    assert screen_after(make_app, snap_compare, size, ["c"], then=KERRY)


@SIZES
def test_entity_screen(make_app, snap_compare, size):
    """Once its worker has indexed the mentions (the screen comes up before)."""
    app = make_app(cross_reference=True)

    async def run_before(pilot) -> None:
        await settle_app(pilot)
        pilot.app.show_entity("lavrov")
        await wait_until(pilot, lambda: pilot.app.screen.query(RowList))
        await wait_until(pilot, lambda: pilot.app.screen.query_one(RowList).items)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@SIZES
def test_coverage_screen(make_app, snap_compare, size):
    """Once its worker has grouped the claims (the keys alone do not wait for it)."""
    app = make_app(cross_reference=True)

    async def run_before(pilot) -> None:
        await settle_app(pilot)
        await pilot.press("v")
        await wait_until(pilot, lambda: pilot.app.screen.clusters)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@SIZES
def test_help_screen(make_app, snap_compare, size):
    assert screen_after(make_app, snap_compare, size, ["question_mark"])


@SIZES
def test_review_queue(make_app, snap_compare, size):
    """The review queue: the unjudged links, most uncertain first, judged / total."""
    assert screen_after(make_app, snap_compare, size, ["r"])
