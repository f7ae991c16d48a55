"""Start-up: the corpus in the first frame when it loads quickly, a 'Loading' frame when
it does not, and the corpus cache used and kept by the app."""

from __future__ import annotations

import threading

from conftest import BROKEN, CORPUS, toasts, wait_until

import reader.corpus
import reader.corpus_cache
import reader.tui.app
from reader.tui.app import ReaderApp
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.article_view import ArticleView


class FirstFrame(ReaderApp):
    """Notes what its first frame shows (Textual posts Ready right after painting it),
    and what is there when the article's text is first drawn."""

    def __init__(self, corpus=CORPUS, **options) -> None:
        options = {"cross_reference": False, "xref_cache": False, "corpus_cache": False} | options
        super().__init__(corpus, **options)
        self.seen: dict = {}
        self.at_text: dict = {}  # when the article view first drew text
        self.drawn = 0  # article lines drawn with text in them

    def shown(self) -> dict:
        return {
            "article": self.main.article.id if self.main.article else None,
            "heading": str(self.main.query_one("#heading").content),
            "list": bool(self.main.query("#articles")),
            "text drawn": self.drawn > 0,
        }

    def on_ready(self) -> None:
        self.seen = self.shown()


def count_drawn_lines(monkeypatch) -> None:
    draw = ArticleView.render_line

    def render_line(view, y):
        strip = draw(view, y)
        if strip.text.strip():
            if not view.app.drawn:
                view.app.at_text = view.app.shown()
            view.app.drawn += 1
        return strip

    monkeypatch.setattr(ArticleView, "render_line", render_line)


async def test_a_corpus_that_loads_quickly_is_in_the_first_frame(settle, state_path, monkeypatch):
    count_drawn_lines(monkeypatch)
    app = FirstFrame(state_path=state_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        articles = app.main.query_one("#articles", ArticleList)
        assert articles.items == ["herald", "courier", "gazette"] and articles.highlighted == 0
    heading = "Northern Herald · 2016-09-28"
    # In the first frame the article, its heading and the panes; its text is wrapped
    # once the view has its width, for the next frame, the one the user reads.
    assert app.seen == {"article": "herald", "heading": heading, "list": False, "text drawn": False}
    # The article list (like the side panel and the footer) is mounted right after.
    assert app.at_text == {
        "article": "herald",
        "heading": heading,
        "list": False,
        "text drawn": False,
    }


async def test_a_slow_corpus_paints_loading_first_and_the_app_answers(
    settle, state_path, monkeypatch
):
    release = threading.Event()
    load = reader.corpus.load_corpus_reading

    def slow_load(root, *args, **kwargs):
        release.wait(10)
        return load(root, *args, **kwargs)

    monkeypatch.setattr(reader.corpus, "load_corpus_reading", slow_load)
    monkeypatch.setattr(reader.tui.app, "FIRST_FRAME_WAIT", 0.05)
    count_drawn_lines(monkeypatch)
    app = FirstFrame(state_path=state_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.2)
        assert app.seen == {"article": None, "heading": "", "list": False, "text drawn": False}
        await pilot.press("question_mark")  # the interface answers while it loads
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        release.set()
        await settle(pilot)
        assert app.main.article.id == "herald"
        assert app.main.query_one(ArticleView).article is app.main.article
        assert app.main.query_one("#articles", ArticleList).items == [
            "herald",
            "courier",
            "gazette",
        ]


async def test_the_app_keeps_and_reads_the_corpus_cache(make_app, settle, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    app = make_app(BROKEN, corpus_cache=cache)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        problems = app.problems
    assert len(list(cache.glob("corpus-*.json"))) == 1

    def no_loading(root):
        raise AssertionError("the files were loaded again")

    monkeypatch.setattr(reader.corpus_cache, "load_corpus_reading", no_loading)
    for quick in (reader.tui.app.QUICK_CACHE_BYTES, 10):  # read on the spot; in the worker
        monkeypatch.setattr(reader.tui.app, "QUICK_CACHE_BYTES", quick)
        again = make_app(BROKEN, corpus_cache=cache)
        async with again.run_test(size=(120, 40), notifications=True) as pilot:
            await settle(pilot)
            assert again.problems == problems and len(problems) == 1
            assert any("problem" in text for text in toasts(again))  # reported
            assert [a.id for a in again.corpus.articles] == ["courier", "bad"]


async def test_the_tests_never_touch_the_users_corpus_cache(make_app):
    assert make_app(CORPUS).corpus_cache is False


async def test_a_large_corpus_shows_the_remembered_article_before_the_rest(
    settle, state_path, monkeypatch, tmp_path
):
    """One file read, the article painted; the whole corpus after, the place kept, and
    cross-referencing started once it is in."""
    from reader.tui.location import Location
    from reader.tui.state import save_position

    release = threading.Event()
    load = reader.corpus.load_corpus_reading
    read_alone = []

    def held_load(root, *args, only=None, **kwargs):
        if only is None:
            release.wait(10)  # the whole corpus waits; the opening article does not
        else:
            read_alone.append(only.name)
        return load(root, *args, only=only, **kwargs)

    monkeypatch.setattr(reader.corpus, "load_corpus_reading", held_load)
    monkeypatch.setattr(reader.tui.app, "WHOLE_FIRST_ENTRIES", 2)  # four entries: large
    save_position(state_path, CORPUS, Location("gazette", cursor=40), CORPUS / "gazette.yaml")
    count_drawn_lines(monkeypatch)
    app = FirstFrame(state_path=state_path, cross_reference=True)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_until(pilot, lambda: app.main.complete)
        assert read_alone == ["gazette.yaml"]
        assert app.seen["article"] == "gazette" and app.drawn > 0
        assert not app.corpus_complete and [a.id for a in app.corpus.articles] == ["gazette"]
        assert app.main.query_one("#articles", ArticleList).items == []  # still loading
        assert app.xref_status.name == "WAITING"  # cross-referencing needs every article
        await pilot.press("right_square_bracket")
        assert app.main.article.id == "gazette"
        assert any("still loading" in text for text in toasts(app))
        release.set()
        await settle(pilot)
        assert app.corpus_complete and len(app.corpus.articles) == 3
        assert app.main.article == app.corpus.article("gazette")  # the place kept
        assert app.main.query_one(ArticleView).cursor_span.start <= 40
        assert app.main.query_one("#articles", ArticleList).items == [
            "herald",
            "courier",
            "gazette",
        ]
        assert app.xref_status.name == "READY" and app.xref is not None
