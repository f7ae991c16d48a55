"""Syndication in the reader: a statement's verbatim copies are one row of the
cross-references, grouped by outlet with a count, that opens the list of copies."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import CORPUS, wait_until

from reader.tui.screens.copies import CopiesScreen
from reader.tui.screens.main import MainScreen
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.item_list import ItemList
from reader.tui.widgets.link_list import CopiesRow
from reader.tui.widgets.row_list import RowList
from reader.tui.widgets.side_panel import SidePanel
from reader.xref.copies import COPY_LINKS_UP_TO

REPRINTS = 24  # well past COPY_LINKS_UP_TO: a group, not links
OUTLETS = 8  # each reprinting outlet carries the story three times


@pytest.fixture
def syndicated(tmp_path: Path) -> Path:
    """The test corpus and REPRINTS copies of its Herald article by other outlets."""
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    story = (CORPUS / "herald.yaml").read_text(encoding="utf-8")
    for n in range(REPRINTS):
        reprint = story.replace("id: herald", f"id: reprint-{n:02d}", 1).replace(
            "outlet: Northern Herald", f"outlet: Wire {n % OUTLETS}", 1
        )
        (corpus / f"reprint-{n:02d}.yaml").write_text(reprint, encoding="utf-8")
    return corpus


async def to_copied_statement(pilot, app) -> CopiesRow:
    """The reading cursor on the first statement of the Herald's that has copies."""
    statement = next(s for s in app.xref.statements("herald") if app.xref.copies_of(s))
    app.main.query_one(ArticleView).cursor_to(statement.span.start)
    await pilot.pause()
    return app.main.copies


async def test_copies_are_one_row_with_outlets_and_counts(make_app, settle, syndicated):
    assert REPRINTS > COPY_LINKS_UP_TO
    app = make_app(syndicated, cross_reference=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, 30)
        copies = await to_copied_statement(pilot, app)
        assert isinstance(copies, CopiesRow) and copies.count == REPRINTS
        assert [(g.outlet, g.count) for g in copies.groups] == [
            (f"Wire {n}", REPRINTS // OUTLETS) for n in range(OUTLETS)
        ]
        rows = app.main.query_one("#links", ItemList)
        links = app.main.links[1]
        # one row for every copy, then the links; no copy is a link of its own
        assert rows.items == [copies, *links]
        assert not {link.target.article_id for link in links} & {
            s.article_id for g in copies.groups for s in g.statements
        }
        prompt = str(rows.get_option_at_index(0).prompt)
        assert f"carried verbatim by {OUTLETS} outlets ({REPRINTS} copies)" in prompt
        assert "Wire 0 3, Wire 1 3" in prompt
        assert f"{REPRINTS} copies" in str(app.main.query_one("#links-status").content)
        # the copies row is no link: compare and y/x take a link
        assert app.main.query_one(SidePanel).link is None


async def test_the_copies_row_opens_every_copy_and_a_copy_opens(make_app, settle, syndicated):
    app = make_app(syndicated, cross_reference=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, 30)
        copies = await to_copied_statement(pilot, app)
        await pilot.press("3", "s")
        assert app.main.query_one("#links", ItemList).item is copies
        assert "Wire 0 3" in str(app.main.query_one("#link-why").content)
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, CopiesScreen)
        rows = screen.query_one(RowList)
        assert len(rows.items) == REPRINTS and rows.has_focus
        third = rows.items[2]
        await pilot.press("j", "j", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.main.article.id == third.article_id
        assert app.main.query_one(ArticleView).focus_span == third.span
        assert app.main.history[-1].article_id == "herald"


async def test_coverage_counts_copies_once_per_outlet_and_caps_its_columns(
    make_app, settle, syndicated, monkeypatch
):
    import reader.tui.screens.coverage as coverage

    monkeypatch.setattr(coverage, "OUTLET_COLUMNS", 5)
    app = make_app(syndicated, cross_reference=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, 30)
        await pilot.press("v")
        screen = app.screen
        await wait_until(pilot, lambda: screen.clusters)
        table = screen.query_one("#coverage")
        headers = [str(c.label) for c in table.columns.values()]
        assert len(headers) == 2 + 5 + 1 and headers[-1] == "Other outlets"
        assert "outlets that carried most of them have a column" in str(
            screen.query_one("#coverage-status").content
        )
        copied = next(  # a claim of the Herald's story, carried by every wire outlet
            n
            for n, c in enumerate(screen.clusters)
            if {f"Wire {k}" for k in range(OUTLETS)} <= {x.outlet for x in c.carried}
        )
        cluster = screen.clusters[copied]
        # three copies in each wire outlet, counted once
        assert sum(x.outlet == "Wire 0" for x in cluster.carried) == 1
        row = [str(cell) for cell in table.get_row_at(copied)]
        assert not any("×" in cell for cell in row[2:-1])
        outlets = {x.outlet for x in cluster.carried}
        assert int(row[-1]) == len(outlets) - sum(bool(cell) for cell in row[2:-1])


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_the_copies_row_and_list_are_legible(make_app, settle, syndicated, theme):
    from legibility import MUTED, TEXT, runs_with, worst_runs

    app = make_app(syndicated, cross_reference=True)
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = theme
        await settle(pilot, 30)
        copies = await to_copied_statement(pilot, app)
        await pilot.press("3", "s")  # the copies row selected, its detail below
        await pilot.pause()
        assert worst_runs(app, MUTED) == []
        selected = runs_with(app, copies.summary())
        assert selected and all(run.contrast >= TEXT for run in selected)
        await pilot.press("enter")
        await pilot.pause()
        assert worst_runs(app, MUTED) == []
        first = runs_with(app, copies.groups[0].outlet)
        assert first and all(run.contrast >= TEXT for run in first)


def test_a_row_names_a_dozen_outlets_however_many_carried_it():
    from reader.model import Span, Statement
    from reader.tui.widgets.link_list import OUTLETS_IN_ROW, copies_prompt
    from reader.xref.copies import Copies

    def copy(n: int) -> Statement:
        return Statement(f"a{n}", 0, Span(0, 10), "Ten words.")

    groups = tuple(Copies(f"Outlet {n:03d}", (copy(n),)) for n in range(1000))
    row = CopiesRow(copy(-1), groups)
    shown = copies_prompt(row, None).plain
    assert "carried verbatim by 1000 outlets (1000 copies)" in shown
    assert f"Outlet {OUTLETS_IN_ROW - 1:03d} 1 and {1000 - OUTLETS_IN_ROW} more outlets" in shown
    assert f"Outlet {OUTLETS_IN_ROW:03d}" not in shown
