"""The main screen: article list | article text | entities, quotes, cross-references.

The screen owns the reading state (the open article, the highlighted passages, the
history for 'back') and hands each widget what it shows; widgets report up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Static

from reader.model import Article, Corpus, Link, Quote, Span
from reader.tui import format as fmt
from reader.tui.location import Location
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.item_list import ItemList
from reader.wording import counted

if TYPE_CHECKING:
    from textual.widgets import Input

    from reader.tui.app import ReaderApp
    from reader.tui.widgets.search_bar import SearchBar
    from reader.tui.widgets.side_panel import SidePanel

HISTORY_LIMIT = 200


class MainScreen(Screen):
    HELP_TITLE = "Reading"
    AUTO_FOCUS = "#article"
    # Widgets the first frame can do without are imported and mounted after it, so the
    # article shows about as early as a bare app's first screen; the help still lists them.
    HELP_ALSO = ("reader.tui.widgets.search_bar:SearchBar",)  # mounted on the first '/'

    BINDINGS = [
        Binding("tab", "app.focus_next", "Next pane", show=False),
        Binding("shift+tab", "app.focus_previous", "Previous pane", show=False),
        Binding("escape,backspace", "back", "Back"),
        Binding("slash", "search", "Search"),
        Binding("n", "step_mark(1)", "Next hit", show=False),
        Binding("N", "step_mark(-1)", "Previous hit", show=False),
        Binding("a", "toggle_articles", "Articles"),
        Binding("enter", "follow", "Follow link", show=False),
        Binding("c", "compare", "Compare"),
        Binding("v", "coverage", "Coverage"),
        Binding("1", "show_tab('tab-entities')", "Entities tab", show=False),
        Binding("2", "show_tab('tab-quotes')", "Quotes tab", show=False),
        Binding("3", "show_tab('tab-links')", "Cross-references tab", show=False),
        Binding("right_square_bracket", "next_article(1)", "Next article", show=False),
        Binding("left_square_bracket", "next_article(-1)", "Previous article", show=False),
        Binding("p", "problems", "Problems", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        # The width class the app's breakpoints will give on the first resize, given
        # now: added later, it restyles every widget once more before the first frame.
        width = self.app.size.width
        breakpoint = max(bp for bp in self.app.HORIZONTAL_BREAKPOINTS if width >= bp[0])
        self.add_class(breakpoint[1], update=False)  # styled as it is mounted
        self.corpus: Corpus | None = None
        self.article: Article | None = None
        self.history: list[Location] = []
        self.xref: Any = None  # reader.xref.CrossReference, once computed
        self._links_shown: tuple[str, list[Link]] | None = None
        self._marks: tuple[Span, ...] = ()
        self._mark_index = 0
        self._mark_label = ""
        self.complete = False  # every pane mounted (the first frame shows only the text)
        self.articles: ArticleList | None = None  # the article list, mounted after it

    @property
    def app(self) -> ReaderApp:  # type: ignore[override]
        return super().app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield Vertical(id="articles-slot")  # the list takes its place after the first frame
            with Vertical(id="reading"):
                yield Static(id="heading", markup=False)
                yield ArticleView(id="article")
                yield Static(id="status", markup=False)
            yield Vertical(id="side")  # its tabs come after the first frame

    def on_mount(self) -> None:
        self.app.main_screen_ready()  # the corpus, if it is in, goes in the first frame

    @property
    def side(self) -> SidePanel | None:
        """The side panel, once mounted with its tabs (None until then)."""
        return self.query_one("#side-panel") if self.complete else None  # type: ignore[return-value]

    async def _mount_after_first_frame(self) -> None:
        """Mount the article list, the footer and the side panel's tabs, and fill them."""
        from textual.widgets import Footer  # not a module the first frame needs either

        from reader.tui.widgets.side_panel import SidePanel

        slot = self.query_one("#side")
        if not slot.is_attached:  # the app quit before its second frame
            return
        side = SidePanel(id="side-panel")
        articles = ArticleList(id="articles", empty="Loading the corpus…")
        await self.query_one("#panes").mount(articles, before="#articles-slot")
        await self.query_one("#articles-slot").remove()
        self.articles = articles
        self._list_articles()
        await self.mount(Footer())
        await slot.mount(side)
        self.refresh_bindings()  # a footer mounted late waits for this to show its keys
        self.complete = True
        if self.article is not None and self.corpus is not None:
            side.show_article(self.article, self.corpus)
        self._links_shown = None
        self._show_links(self.query_one(ArticleView).cursor_span)
        self.app.start_up_done()

    # Data coming down from the app

    def show_corpus(self, corpus: Corpus, start: Location | None) -> None:
        self.corpus = corpus
        self.query_one(ArticleView).entities = corpus.entities
        self._list_articles()
        remembered = start is not None and corpus.article(start.article_id) is not None
        if not remembered:
            start = Location(corpus.articles[0].id) if corpus.articles else None
        if start is not None:
            # The remembered place is in the state file already: no need to write it again.
            self.open(start, remember=False, save=not remembered)
        else:
            self.query_one("#heading", Static).update("No article could be loaded.")
        self.call_after_refresh(self._mount_after_first_frame)

    def _list_articles(self) -> None:
        """Fill the article list with the corpus, the open article highlighted."""
        if self.articles is None or self.corpus is None:
            return  # the list is mounted, or the corpus loaded, later: filled then
        current = self.article.id if self.article is not None else None
        self.articles.show_articles(self.corpus.articles, self.corpus.entities, current)

    def show_xref_progress(self, done: int, total: int) -> None:
        from textual.widgets import ProgressBar

        bars = self.query("#xref-progress")
        if bars:
            bar = bars.first(ProgressBar)
        else:
            bar = ProgressBar(id="xref-progress", show_eta=False)
            self.query_one("#reading").mount(bar, after="#status")
        bar.update(total=total, progress=done)

    def show_xref(self, xref: Any) -> None:
        self.xref = xref
        self.query("#xref-progress").remove()
        if self.article is not None:
            self._show_statements(self.article)

    # Going places

    def here(self) -> Location | None:
        if self.article is None:
            return None
        view = self.query_one(ArticleView)
        cursor = view.cursor_span
        return Location(
            self.article.id,
            focus=view.focus_span,
            cursor=cursor.start if cursor else None,
            top=view.top_offset,
        )

    def open(self, location: Location, *, remember: bool = True, save: bool = True) -> None:
        """Show `location`; with `remember`, 'back' returns to where the reader was; with
        `save`, the state file is written now (else at exit or at the next article)."""
        assert self.corpus is not None
        article = self.corpus.article(location.article_id)
        if article is None:
            self.notify(f"No article {location.article_id!r} in this corpus.", severity="error")
            return
        if remember and (here := self.here()) is not None:
            self.history = [*self.history, here][-HISTORY_LIMIT:]
        view = self.query_one(ArticleView)
        if article is not self.article:
            self._show_article(article)
        self._set_marks((), "")
        view.focus_span = location.focus
        target = location.focus or (
            Span(location.cursor, location.cursor) if location.cursor is not None else None
        )
        if target is not None:
            view.reveal(target, top=location.top)
        if location.cursor is not None:
            view.cursor = view.unit_index_at(location.cursor)
        self.app.remember(location, write=save)

    def _show_article(self, article: Article) -> None:
        self.article = article
        assert self.corpus is not None
        view = self.query_one(ArticleView)
        view.article = article
        self.query_one("#heading", Static).update(fmt.article_heading(article))
        if self.articles is not None:
            self.articles.highlight(article.id)
        self._close_search()
        if (side := self.side) is not None:
            side.show_article(article, self.corpus)
        self._show_statements(article)

    def _show_statements(self, article: Article) -> None:
        view = self.query_one(ArticleView)
        if self.xref is not None:
            view.units = tuple(s.span for s in self.xref.statements(article.id))
        self._show_links(view.cursor_span)

    def action_back(self) -> None:
        if self.has_class("-list-open"):
            self.action_toggle_articles()
        elif self.history:
            *self.history, location = self.history
            self.open(location, remember=False)
        else:
            self.notify("Nothing to go back to.", timeout=2)

    def action_next_article(self, step: int) -> None:
        if self.corpus is None or self.article is None:
            return
        ids = [a.id for a in self.corpus.articles]
        index = (ids.index(self.article.id) + step) % len(ids)
        self.open(Location(ids[index]))

    # The article list

    @on(ArticleList.Chosen)
    def _article_chosen(self, event: ArticleList.Chosen) -> None:
        self.action_toggle_articles()
        if self.article is None or event.article_id != self.article.id:
            self.open(Location(event.article_id))

    def action_toggle_articles(self) -> None:
        """Go to the article list (unfolding it on a narrow terminal), or back to the text."""
        if (articles := self.articles) is None:
            return  # not mounted yet: the first frame has just been painted
        if articles.has_focus_within or self.has_class("-list-open"):
            self.remove_class("-list-open")
            self.query_one(ArticleView).focus()
        else:
            self.add_class("-list-open")
            articles.focus()

    # Linked highlighting: entities, quotes, search hits; n / N step through them

    def _set_marks(self, marks: tuple[Span, ...], label: str, index: int = 0) -> None:
        self._marks, self._mark_label, self._mark_index = marks, label, index
        view = self.query_one(ArticleView)
        view.marks = marks
        if marks:
            view.focus_span = marks[index]
            view.reveal(marks[index])
        self._show_mark_status()

    def _show_mark_status(self) -> None:
        status = ""
        if self._marks:
            status = f"{self._mark_label} {self._mark_index + 1}/{len(self._marks)} · n/N to step"
        elif self._mark_label:
            status = f"{self._mark_label}: none"
        self.query_one("#status", Static).update(status)

    def action_step_mark(self, step: int) -> None:
        if not self._marks:
            self.notify("Nothing highlighted: pick an entity or search with /.", timeout=2)
            return
        self._mark_index = (self._mark_index + step) % len(self._marks)
        view = self.query_one(ArticleView)
        view.focus_span = self._marks[self._mark_index]
        view.reveal(self._marks[self._mark_index])
        self._show_mark_status()

    @on(ItemList.Highlighted, "#entities")
    def _entity_highlighted(self, event: ItemList.Highlighted) -> None:
        assert self.corpus is not None
        entity_id, spans = event.item
        self._set_marks(spans, fmt.entity_name(self.corpus.entities, entity_id))
        entity = self.corpus.entity(entity_id)
        if entity is not None and (side := self.side) is not None:
            side.show_entity(entity)

    @on(ItemList.Chosen, "#entities")
    def _entity_chosen(self, event: ItemList.Chosen) -> None:
        self.app.show_entity(event.item[0])

    @on(ItemList.Highlighted, "#quotes")
    def _quote_highlighted(self, event: ItemList.Highlighted) -> None:
        assert self.corpus is not None
        quote: Quote = event.item
        self._set_marks((quote.span,), f"quote {quote.id}")
        if (side := self.side) is not None:
            side.show_quote(quote, self.corpus)

    @on(ItemList.Chosen, "#quotes")
    def _quote_chosen(self, event: ItemList.Chosen) -> None:
        self.query_one(ArticleView).focus()

    # Search

    async def action_search(self) -> None:
        from reader.tui.widgets.search_bar import SearchBar

        if not self.query("#search"):  # built on first use
            await self.query_one("#reading").mount(SearchBar(id="search"))
        self.query_one("#search", SearchBar).open()

    # Handlers by name (not @on with the class), so the input widget is imported only
    # when search is first used.
    def on_input_changed(self, event: Input.Changed) -> None:
        if self.article is None or event.input.id != "search":
            return
        query = event.value
        hits: list[Span] = []
        if query:
            text, needle = self.article.text.casefold(), query.casefold()
            start = text.find(needle)
            while start >= 0:
                hits.append(Span(start, start + len(needle)))
                start = text.find(needle, start + len(needle))
        self._set_marks(tuple(hits), f"“{query}”" if query else "")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "search":
            self._close_search()
            self.query_one(ArticleView).focus()

    def on_search_bar_cancelled(self, event: SearchBar.Cancelled) -> None:
        self._set_marks((), "")
        self.query_one(ArticleView).focus_span = None
        self.query_one(ArticleView).focus()

    def _close_search(self) -> None:
        self.query("#search").remove_class("-active")

    # Cross-references follow the reading position

    @on(ArticleView.CursorMoved)
    def _cursor_moved(self, event: ArticleView.CursorMoved) -> None:
        self._show_links(event.unit)
        self.app.remember(
            self.here(), write=False
        )  # written when another article opens, and at exit

    def _show_links(self, unit: Span | None) -> None:
        """List the links from the statement at `unit`, best first."""
        statement = None
        if self.xref is not None and self.article is not None and unit is not None:
            statement = self.xref.statement_at(self.article.id, unit.start)
        links: list[Link] = []
        if statement is not None:
            links = self.xref.links_from(statement)
            matches = counted(len(links), "match", "matches")
            status = f"Statement {statement.index + 1} · {matches}"
        elif self.xref is not None:
            status = "No statement here."
        elif self.app.xref_pending:
            status = "Cross-referencing the corpus…"
        else:
            status = "Cross-references are not available."
        if (status, links) == self._links_shown:
            return  # moving within a statement: nothing to redraw
        self._links_shown = (status, links)
        if (side := self.side) is not None and self.corpus is not None:
            side.show_links(status, links, self.corpus)

    @property
    def links(self) -> list[Link]:
        """The links from the statement under the cursor, best first."""
        return self._links_shown[1] if self._links_shown else []

    @on(ItemList.Chosen, "#links")
    def _link_chosen(self, event: ItemList.Chosen) -> None:
        self.follow(event.item)

    def follow(self, link: Link) -> None:
        """Open the other side of `link` with its statement highlighted, remembering here."""
        self.open(Location(link.target.article_id, focus=link.target.span))
        self.query_one(ArticleView).focus()  # to read on from the match

    def action_follow(self) -> None:
        if self.links:
            self.follow(self.links[0])
        else:
            self.notify("No cross-reference from this statement.", timeout=2)

    def action_compare(self) -> None:
        if self.xref is None:
            self.notify("Cross-references are still being computed.", timeout=2)
            return
        side = self.side
        link = (
            side.link
            if side is not None and side.link is not None
            else next(iter(self.links), None)
        )
        if link is None or self.article is None:
            self.notify("No cross-reference from this statement to compare.", timeout=2)
            return
        # Step through every link of the article, starting from this one.
        links = self.xref.links_for_article(self.article.id)
        self.app.show_compare(links, links.index(link))

    def action_coverage(self) -> None:
        self.app.show_coverage()

    def action_problems(self) -> None:
        self.app.show_problems()

    def action_show_tab(self, tab: str) -> None:
        if (side := self.side) is not None:
            side.activate(tab)
