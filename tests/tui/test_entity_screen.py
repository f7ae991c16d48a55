"""The entity screen at scale: up at once, its index made in a worker, and only the
rows on screen drawn (an article segmented for context only when its row is seen)."""

from __future__ import annotations

import dataclasses
import threading

from conftest import wait_until

import reader.tui.screens.entity as entity_screen
from reader.tui.screens.entity import EntityScreen
from reader.tui.screens.main import MainScreen
from reader.tui.widgets.row_list import RowList

COPIES = 400


def many_mentions(corpus):
    """The corpus with COPIES more articles like its first, and the entity it names most."""
    story = corpus.articles[0]
    copies = [
        dataclasses.replace(story, id=f"copy-{n:03d}", outlet=f"Outlet {n % 40}")
        for n in range(COPIES)
    ]
    entity_id = max(
        {m.entity_id for m in story.mentions},
        key=lambda e: sum(m.entity_id == e for m in story.mentions),
    )
    return dataclasses.replace(corpus, articles=(*corpus.articles, *copies)), entity_id


async def test_the_screen_is_up_while_its_index_is_made_and_keys_answer(
    make_app, settle, monkeypatch
):
    release = threading.Event()
    made = entity_screen.mention_index

    def slow_index(corpus, progress=None):
        release.wait(10)
        return made(corpus, progress)

    monkeypatch.setattr(entity_screen, "mention_index", slow_index)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        corpus, entity_id = many_mentions(app.corpus)
        app.push_screen(EntityScreen(corpus, corpus.entities[entity_id]))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EntityScreen)
        assert "Finding the mentions" in str(screen.query_one("#entity-status").content)
        assert [w.name for w in app.workers if w.is_running] == ["mention-index"]
        assert screen.query_one(RowList).items == ()
        await pilot.press("escape")  # the screen answers while the index is made
        assert isinstance(app.screen, MainScreen)
        release.set()


async def test_only_the_rows_on_screen_are_drawn(make_app, settle, monkeypatch):
    segmented = []
    segment = entity_screen.segment_article

    def counted_segment(article):
        segmented.append(article.id)
        return segment(article)

    monkeypatch.setattr(entity_screen, "segment_article", counted_segment)
    app = make_app()  # no cross-references: the screen segments what it shows
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        corpus, entity_id = many_mentions(app.corpus)
        app.push_screen(EntityScreen(corpus, corpus.entities[entity_id]))
        await pilot.pause()
        rows = app.screen.query_one(RowList)
        await wait_until(pilot, lambda: len(rows.items) > COPIES)
        await pilot.pause()
        visible = rows.size.height // entity_screen.ROW_HEIGHT + 1
        assert 0 < len(set(segmented)) <= visible < len(rows.items)
        status = str(app.screen.query_one("#entity-status").content)
        naming = [
            a for a in app.corpus.articles if any(m.entity_id == entity_id for m in a.mentions)
        ]
        articles, outlets = COPIES + len(naming), 40 + len({a.outlet_label for a in naming})
        assert f"in {articles} articles of {outlets} outlets" in status
        assert app.screen.query_one("#outlets").row_count == outlets
        await pilot.press("G")
        await pilot.pause()
        assert rows.cursor == len(rows.items) - 1
        assert len(set(segmented)) <= 2 * visible


def test_a_mention_far_into_a_long_statement_is_on_the_first_line():
    from textual.content import Content

    from reader.model import Span

    text = " ".join(f"word{n}" for n in range(60)) + " Lavrov said so."
    start = text.index("Lavrov")
    context = Content(text).stylize("reverse", start, start + 6)
    shown = entity_screen.lead_in(context, Span(start, start + 6), 60)
    first = shown.wrap(58)[0].plain
    assert first.startswith("…") and "Lavrov" in first
    near = Content("Lavrov said so.")
    assert entity_screen.lead_in(near, Span(0, 6), 60) is near
