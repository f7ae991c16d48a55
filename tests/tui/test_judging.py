"""Judging links in the reader: y / x / u, a link added by hand, the review queue; every
judgement in the corpus's judgements.yaml at once."""

from __future__ import annotations

import shutil

import pytest
from conftest import CORPUS, wait_until

from reader.judgements import judgements_path, load_judgements
from reader.tui.judging import GradeScreen
from reader.tui.screens.compare import CompareScreen
from reader.tui.screens.review import ReviewCompareScreen, ReviewScreen
from reader.tui.widgets.item_list import ItemList


@pytest.fixture
def corpus_copy(tmp_path):
    root = tmp_path / "corpus"
    shutil.copytree(CORPUS, root)
    return root


@pytest.fixture
def make_judging_app(make_app, corpus_copy):
    return lambda: make_app(corpus_copy, cross_reference=True)


LINKED = "Washington must keep its word"  # a statement with links to two articles


def verdicts(root):
    judgements, problems = load_judgements(judgements_path(root))
    assert problems == []
    return [(j.a.article, j.b.article, j.verdict, j.grade) for j in judgements]


def statement_containing(app, article_id: str, words: str):
    return next(s for s in app.xref.statements(article_id) if words in s.text)


async def go_to(pilot, app, statement) -> None:
    await pilot.press("g", *["j"] * statement.index)
    await pilot.pause()


async def test_y_confirms_the_highlighted_link_and_marks_it(make_judging_app, corpus_copy, settle):
    app = make_judging_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await go_to(pilot, app, statement_containing(app, "herald", LINKED))
        links = app.main.query_one("#links", ItemList)
        first = links.item
        await pilot.press("y")
        await pilot.pause()
        assert verdicts(corpus_copy) == [
            (first.source.article_id, first.target.article_id, "confirmed", first.grade)
        ]
        assert links.item.verdict == "confirmed"  # marked, and still under the cursor
        assert links.item.target == first.target
        assert "✓" in str(links.get_option_at_index(links.highlighted).prompt)


async def test_x_rejects_and_hides_the_link_u_clears(make_judging_app, corpus_copy, settle):
    app = make_judging_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await go_to(pilot, app, statement_containing(app, "herald", LINKED))
        links = app.main.query_one("#links", ItemList)
        before = list(links.items)
        rejected = links.item
        await pilot.press("x")
        await pilot.pause()
        assert verdicts(corpus_copy)[0][2] == "rejected"
        assert [lk.target for lk in links.items] == [lk.target for lk in before[1:]]
        await pilot.press("X")  # rejected links shown, marked
        await pilot.pause()
        shown = {lk.target: lk.verdict for lk in links.items}
        assert shown[rejected.target] == "rejected"
        links.highlight_where(lambda lk: lk.target == rejected.target)
        await pilot.press("u")
        await pilot.pause()
        assert verdicts(corpus_copy) == []
        await pilot.press("X")
        await pilot.pause()
        assert [lk.target for lk in links.items] == [lk.target for lk in before]


async def test_a_missed_link_is_added_by_marking_and_linking(make_judging_app, corpus_copy, settle):
    app = make_judging_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        herald = app.xref.statements("herald")
        courier = app.xref.statements("courier")
        linked = {lk.target for lk in app.xref.links_from(herald[0], rejected=True)}
        other = next(s for s in courier if s not in linked)
        await go_to(pilot, app, herald[0])
        await pilot.press("m")
        app.main.open(type(app.main.here())("courier", cursor=other.span.start))
        await pilot.pause()
        assert app.main.statement_here() == other
        await pilot.press("l")
        await wait_until(pilot, lambda: isinstance(app.screen, GradeScreen))
        await pilot.press("r")
        await pilot.pause()
        assert verdicts(corpus_copy) == [("herald", "courier", "added", "related")]
        links = app.main.query_one("#links", ItemList)
        added = next(lk for lk in links.items if lk.target == herald[0])
        assert added.verdict == "added" and added.grade == "related"


async def test_judging_in_the_compare_view(make_judging_app, corpus_copy, settle):
    app = make_judging_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await go_to(pilot, app, statement_containing(app, "herald", LINKED))
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, CompareScreen))
        link = app.screen.link
        assert "Both name" in str(app.screen.query_one("#compare-why").content)
        await pilot.press("x")
        await pilot.pause()
        assert app.screen.link.verdict == "rejected"
        assert "rejected" in str(app.screen.query_one("#compare-title").content)
        assert verdicts(corpus_copy)[0][2] == "rejected"
        await pilot.press("escape")
        await pilot.pause()
        targets = [lk.target for lk in app.main.query_one("#links", ItemList).items]
        assert link.target not in targets


async def test_the_review_queue_judges_and_moves_on(make_judging_app, corpus_copy, settle):
    app = make_judging_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        total = len(app.xref.engine_links())
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        screen = app.screen
        queue = screen.query_one("#queue", ItemList)
        assert len(queue.items) == total
        assert f"judged 0 / {total}" in str(screen.query_one("#review-title").content)
        first, second = queue.items[0], queue.items[1]
        await pilot.press("y")
        await pilot.pause()
        assert queue.item == second and len(queue.items) == total - 1
        assert f"judged 1 / {total}" in str(screen.query_one("#review-title").content)
        third = queue.items[1]
        await pilot.press("enter")  # the next one in the compare view, with its reasons
        await wait_until(pilot, lambda: isinstance(app.screen, ReviewCompareScreen))
        assert app.screen.link == second
        assert f"judged 1 / {total}" in str(app.screen.query_one("#compare-title").content)
        await pilot.press("x")
        await pilot.pause()
        assert app.screen.link == third  # moved on
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert len(queue.items) == total - 2
        judged = {(j[2]) for j in verdicts(corpus_copy)}
        assert judged == {"confirmed", "rejected"}
        assert first not in queue.items and second not in queue.items and third in queue.items
        await pilot.press("o")  # best first
        await pilot.pause()
        scores = [lk.score for lk in queue.items if lk.grade == "related"]
        assert scores == sorted(scores, reverse=True)
