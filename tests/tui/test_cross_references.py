"""Cross-references in the reader: the tab follows the cursor, links open with history,
the compare and coverage screens, and the worker that computes them."""

from __future__ import annotations

import threading

import pytest
from conftest import CORPUS, wait_until

import reader.xref
from reader.corpus import bundled_corpus_path
from reader.tui.screens.compare import CompareScreen
from reader.tui.screens.coverage import ClusterScreen, CoverageScreen
from reader.tui.screens.main import MainScreen
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.item_list import ItemList


@pytest.fixture
def make_xref_app(make_app):
    return lambda **options: make_app(cross_reference=True, **options)


async def open_coverage(pilot) -> None:
    """`v`, and wait for the claims to be grouped and listed."""
    await pilot.press("v")
    await wait_until(pilot, lambda: pilot.app.screen.clusters)


def statement_containing(app, article_id: str, words: str):
    return next(s for s in app.xref.statements(article_id) if words in s.text)


async def test_the_cursor_steps_over_statements_and_the_tab_follows(make_xref_app, settle):
    app = make_xref_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.main.query_one(ArticleView)
        statements = app.xref.statements("herald")
        assert view.units == tuple(s.span for s in statements)
        target = statement_containing(app, "herald", "Washington must keep its word")
        await pilot.press(*["j"] * target.index)
        await pilot.pause()
        assert view.cursor_span == target.span
        links = app.main.query_one("#links", ItemList)
        assert links.items == app.xref.links_from(target)
        assert {link.target.article_id for link in links.items} == {"courier", "gazette"}
        assert f"Statement {target.index + 1}" in str(app.main.query_one("#links-status").content)


async def test_enter_on_a_link_opens_the_match_and_back_returns(make_xref_app, settle):
    app = make_xref_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.main.query_one(ArticleView)
        source = statement_containing(app, "herald", "studying the Russian proposal")
        await pilot.press(*["j"] * source.index)
        before = app.main.here()
        await pilot.press("3", "s")  # into the cross-reference list
        links = app.main.query_one("#links", ItemList)
        link = links.item
        assert link.target.article_id == "gazette"
        await pilot.press("enter")
        await pilot.pause()
        assert app.main.article.id == "gazette"
        assert view.focus_span == link.target.span
        assert view.cursor_span == link.target.span
        assert app.focused is view
        first, last = (
            view.line_of(link.target.span.start),
            view.line_of(link.target.span.end - 1),
        )
        assert view.scroll_y <= first and last < view.scroll_y + view.size.height
        assert app.main.history == [before]
        await pilot.press("escape")
        await pilot.pause()
        assert app.main.article.id == "herald"
        assert view.cursor_span == source.span


async def test_enter_in_the_text_follows_the_best_link(make_xref_app, settle):
    app = make_xref_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        source = statement_containing(app, "herald", "Washington must keep its word")
        await pilot.press(*["j"] * source.index, "enter")
        await pilot.pause()
        best = app.xref.links_from(source)[0]
        assert app.main.article.id == best.target.article_id
        assert app.main.query_one(ArticleView).focus_span == best.target.span


async def test_compare_shows_both_statements_and_steps_through_links(make_xref_app, settle):
    app = make_xref_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        source = statement_containing(app, "herald", "studying the Russian proposal")
        await pilot.press(*["j"] * source.index, "c")
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert screen.link == app.xref.links_from(source)[0]
        assert screen.links == app.xref.links_for_article("herald")
        left = screen.query_one("#source-text").content
        right = screen.query_one("#target-text").content
        assert source.text in left.plain
        assert screen.link.target.text in right.plain
        # "is studying" / "would study": changed words stand out, shared ones are underlined
        styles = {right.plain[s.start : s.end]: str(s.style) for s in right.spans}
        assert styles["the Russian proposal."] == "underline"
        assert "reverse" in styles["would study"]
        index = screen.index
        await pilot.press("n")
        assert screen.index == (index + 1) % len(screen.links)
        await pilot.press("N", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.main.article.id == "gazette"
        assert app.main.history[-1].article_id == "herald"


async def test_coverage_has_a_row_per_cluster_and_opens_statements(make_xref_app, settle):
    app = make_xref_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_coverage(pilot)
        screen = app.screen
        assert isinstance(screen, CoverageScreen)
        table = screen.query_one("#coverage")
        clusters = app.xref.clusters()
        assert table.row_count == len(clusters)
        assert [str(c.label) for c in table.columns.values()][2:] == [
            "Eastern Courier",
            "Markup Gazette",
            "Northern Herald",
        ]
        await pilot.press("enter")
        assert isinstance(app.screen, ClusterScreen)
        statements = app.screen.query_one(ItemList)
        assert len(statements.items) == len(clusters[0].statements)
        await pilot.press("j", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        chosen = clusters[0].carried[1].statement
        assert app.main.article.id == chosen.article_id
        assert app.main.query_one(ArticleView).focus_span == chosen.span


async def test_cross_referencing_runs_in_a_worker_with_a_progress_bar(
    make_xref_app, settle, monkeypatch
):
    engine = reader.xref.cross_reference
    release = threading.Event()

    def slow_cross_reference(corpus, *, progress=None, cache=True):
        progress(1, 4)
        release.wait(10)
        return engine(corpus, progress=progress, cache=False)

    monkeypatch.setattr(reader.xref, "cross_reference", slow_cross_reference)
    app = make_xref_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: app.main.query("#xref-progress"))
        await pilot.pause()
        bar = app.main.query_one("#xref-progress")
        assert bar.display and bar.region.height == 1 and bar.percentage == 0.25
        await pilot.press("j", "j")  # the interface answers while the engine works
        assert app.main.query_one(ArticleView).cursor == 2
        assert "Cross-referencing" in str(app.main.query_one("#links-status").content)
        release.set()
        await settle(pilot)
        assert not app.main.query("#xref-progress")
        assert app.xref is not None
        assert app.main.query_one(ArticleView).units == tuple(
            s.span for s in app.xref.statements("herald")
        )


async def test_coverage_freezes_the_claim_column_and_never_cuts_a_cell(make_xref_app, settle):
    app = make_xref_app()
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        await open_coverage(pilot)
        table = app.screen.query_one("#coverage")
        assert table.fixed_columns == 1
        for column in list(table.columns.values())[1:]:  # the claim is a snippet, ending "…"
            cells = [
                table.get_cell_at((row, column_index(table, column)))
                for row in range(table.row_count)
            ]
            assert all(cell.cell_length <= column.width for cell in cells)


def column_index(table, column) -> int:
    return list(table.columns.values()).index(column)


async def test_coverage_gives_each_article_without_an_outlet_its_own_column(
    make_xref_app, settle, tmp_path
):
    import shutil

    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    for name in ("courier.yaml", "gazette.yaml"):  # two articles, no outlet named
        path = corpus / name
        path.write_text(
            "\n".join(
                line for line in path.read_text().splitlines() if not line.startswith("outlet:")
            )
        )
    from reader.tui.app import ReaderApp

    app = ReaderApp(corpus, state_path=tmp_path / "s.json", xref_cache=False, corpus_cache=False)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        unnamed = [a for a in app.corpus.articles if not a.outlet]
        assert len(unnamed) == 2
        await open_coverage(pilot)
        labels = [str(c.label) for c in app.screen.query_one("#coverage").columns.values()][2:]
        assert "unknown outlet" not in labels
        assert len(labels) == len(app.corpus.articles)


SEEDS = bundled_corpus_path()


async def test_coverage_shows_the_same_links_inside_a_claim(make_xref_app, settle):
    app = make_xref_app(corpus=SEEDS)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot, seconds=60)
        same = {
            frozenset((link.source, link.target))
            for article in app.corpus.articles
            for link in app.xref.links_for_article(article.id)
            if link.grade == "same"
        }
        assert same  # the seeds hold same pairs
        await pilot.press("v")
        screen = app.screen
        await wait_until(pilot, lambda: screen.clusters)
        table = screen.query_one("#coverage")
        grades = [str(table.get_cell_at((row, 1))) for row in range(table.row_count)]
        for row, cluster in enumerate(screen.clusters):
            inside = sum(pair <= set(cluster.statements) for pair in same)
            assert ("same" in grades[row]) == bool(inside), (row, grades[row])
        assert any("same" in grade for grade in grades)


async def test_coverage_labels_a_claim_by_its_shortest_whole_sentence(make_xref_app, settle):
    app = make_xref_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("v")
        screen = app.screen
        await wait_until(pilot, lambda: screen.clusters)
        table = screen.query_one("#coverage")
        for row, cluster in enumerate(screen.clusters):
            label = " ".join(str(table.get_cell_at((row, 0))).split())
            texts = [" ".join(s.text.split()) for s in cluster.statements]
            assert label in texts  # a whole statement, never cut
            sentences = [
                t
                for t in texts
                if t.endswith((".", "!", "?")) and len(t.split()) >= 6 and t[0].isupper()
            ]
            if sentences:
                assert label == min(sentences, key=len)


def held_back(function, release: threading.Event):
    """`function`, waiting for `release` before it runs: a worker's long work."""

    def held(*args, **kwargs):
        release.wait(30)
        return function(*args, **kwargs)

    return held


async def test_coverage_groups_claims_in_a_worker_and_answers_keys_meanwhile(
    make_xref_app, settle, monkeypatch
):
    release = threading.Event()
    app = make_xref_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        clusters = app.xref.clusters
        monkeypatch.setattr(app.xref, "clusters", held_back(clusters, release))
        await pilot.press("v")
        screen = app.screen
        assert isinstance(screen, CoverageScreen)
        await pilot.pause()
        assert "Grouping" in str(screen.query_one("#coverage-status").content)
        await pilot.press("escape")  # the screen answers while the claims are grouped
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        release.set()
        await app.workers.wait_for_complete()
        await pilot.press("v")
        await wait_until(pilot, lambda: app.screen.clusters)
        assert app.screen.query_one("#coverage").row_count == len(clusters())


async def test_compare_comes_up_at_once_and_says_why_when_its_worker_has_it(
    make_xref_app, settle, monkeypatch
):
    release = threading.Event()
    app = make_xref_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(app.xref, "why", held_back(app.xref.why, release))
        await pilot.press(*["j"] * statement_containing(app, "herald", "studying").index)
        await pilot.press("c")
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert "Finding what the two share" in str(screen.query_one("#compare-why").content)
        assert screen.link.target.text in screen.query_one("#target-text").content.plain
        release.set()
        await wait_until(
            pilot, lambda: "Both name" in str(screen.query_one("#compare-why").content)
        )
