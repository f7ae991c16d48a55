"""The main screen: article list | article text | entities, quotes, cross-references.

The screen owns the reading state (the open article, the highlighted passages, the
history for 'back', the links of the statement being read) and binds it down to its
widgets; they report up with messages. What was loaded comes from the app's reactive
`corpus` and `xref`, watched here.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import get_current_worker

from reader.model import Article, Corpus, Entity, Link, Quote, Span
from reader.tui import display, messages
from reader.tui.first_frame import after_first_frame
from reader.tui.judging import MainScreenJudging
from reader.tui.location import Location
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.item_list import ItemList
from reader.tui.xref_status import XrefStatus
from reader.wording import counted

if TYPE_CHECKING:
    from textual.widgets import Input, TabbedContent

    from reader.tui.app import ReaderApp
    from reader.tui.widgets.article_list import ArticleList, ArticleRows
    from reader.tui.widgets.link_list import CopiesRow
    from reader.tui.widgets.search_bar import SearchBar
    from reader.xref.judged import JudgedLinks

HISTORY_LIMIT = 200


class MainScreen(MainScreenJudging, Screen[None]):
    HELP_TITLE = "Reading"
    AUTO_FOCUS = "#article"

    BINDINGS = [
        Binding("tab", "app.focus_next", "Next pane", show=False),
        Binding("shift+tab", "app.focus_previous", "Previous pane", show=False),
        Binding("escape,backspace", "back", "Back"),
        # A priority binding runs as the key arrives, so that the keys typed right after
        # it (a paste, a fast typist) are sent to the search line, not to the text.
        Binding("slash", "search", "Search", priority=True),
        Binding("n", "step_mark(1)", "Next hit", show=False),
        Binding("N", "step_mark(-1)", "Previous hit", show=False),
        Binding("a", "toggle_articles", "Articles"),
        Binding("enter", "follow", "Follow link", show=False),
        Binding("c", "compare", "Compare"),
        Binding("v", "coverage", "Coverage"),
        Binding("1", "show_tab('tab-entities')", "Entities tab", show=False),
        Binding("2", "show_tab('tab-quotes')", "Quotes tab", show=False),
        Binding("3", "show_tab('tab-links')", "Cross-references tab", show=False),
        Binding("s", "side_list", "Side list", show=False),
        Binding("right_curly_bracket", "linked(1)", "Next linked statement", show=False),
        Binding("left_curly_bracket", "linked(-1)", "Previous linked statement", show=False),
        Binding("right_square_bracket", "next_article(1)", "Next article", show=False),
        Binding("left_square_bracket", "next_article(-1)", "Previous article", show=False),
        Binding("p", "problems", "Problems", show=False),
        Binding("r", "review", "Review links", show=False),  # reader/tui/judging.py
    ]

    # The reading state, bound down to the widgets that show it.
    articles: var[tuple[Article, ...]] = var(())
    """Every article of the corpus, for the article list."""
    entities: var[dict[str, Entity]] = var(dict)
    """The corpus's entity catalogue, for naming and colouring mentions."""
    article: var[Article | None] = var(None)
    """The open article."""
    links: var[tuple[str, tuple[Link, ...]]] = var(("", ()))
    """What the cross-reference tab says of the statement being read, and its links."""
    copies: var[CopiesRow | None] = var(None)
    """The statement's verbatim copies that its links do not show, grouped by outlet."""
    link_why: var[Content] = var(Content(""))
    """Why the link under the side panel's cursor was made."""
    side_tab: var[str] = var("tab-links", init=False)
    """The side panel's tab: cross-references unless the reader chose another."""

    def __init__(self) -> None:
        super().__init__()
        # The width class the app's breakpoints will give on the first resize, given
        # now: added later, it restyles every widget once more before the first frame.
        width = self.app.size.width
        breakpoint = max(bp for bp in self.app.HORIZONTAL_BREAKPOINTS if width >= bp[0])
        self.add_class(breakpoint[1], update=False)  # styled as it is mounted
        self.history: list[Location] = []
        self._marks: tuple[Span, ...] = ()
        self._mark_index = 0
        self._mark_label = ""
        self.complete = False  # every pane mounted (the first frame shows only the text)
        if (tab := self.app.settings.get("tab")) in ("tab-entities", "tab-quotes", "tab-links"):
            self.set_reactive(MainScreen.side_tab, tab)

    @property
    def app(self) -> ReaderApp:  # type: ignore[override]
        return super().app  # type: ignore[return-value]

    @property
    def corpus(self) -> Corpus | None:
        return self.app.corpus

    @property
    def xref(self) -> JudgedLinks | None:
        return self.app.xref

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield Vertical(id="articles-pane")  # the list comes after the first frame
            with Vertical(id="reading"):
                yield Static(id="heading", markup=False)
                yield ArticleView(id="article").data_bind(MainScreen.entities)
                yield Static(id="status", markup=False)
            yield Vertical(id="side")  # its tabs come after the first frame

    def on_mount(self) -> None:
        # The corpus, if it is in, goes in the first frame.
        self.watch(self.app, "corpus", self._corpus_loaded)
        self.watch(self.app, "xref_status", self._xref_status_changed, init=False)
        # Links stored from an earlier run may come before the whole set.
        self.watch(self.app, "xref", self._xref_changed, init=False)
        self.watch(self.app, "xref_progress", self._show_xref_progress, init=False)
        self.watch(self.app, "load_progress", self._show_load_progress, init=False)
        after_first_frame(self, self._mount_panes)

    async def _mount_panes(self) -> None:
        """The article list, the side panel, the search line and the footer."""
        # Modules the first frame does without either.
        from textual.widgets import Footer

        # Its filter line and the filter's parser are imported here too, not at start-up.
        from reader.tui.widgets.article_list import ArticleList
        from reader.tui.widgets.search_bar import SearchBar
        from reader.tui.widgets.side_panel import SidePanel

        if not self.is_attached:  # the app quit before its second frame
            return
        await self.query_one("#articles-pane").mount(
            ArticleList(id="articles", empty="Loading the corpus…")
        )
        await self.query_one("#side").mount(
            SidePanel(id="side-panel").data_bind(
                MainScreen.articles,
                MainScreen.entities,
                MainScreen.article,
                MainScreen.links,
                MainScreen.copies,
                MainScreen.link_why,
                tab=MainScreen.side_tab,
            )
        )
        await self.query_one("#reading").mount(SearchBar(id="search"))
        self._list_articles()
        await self.mount(Footer())
        self.refresh_bindings()  # a footer mounted late waits for this to show its keys
        self.complete = True
        self.post_message(messages.PanesMounted())

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self.query_one("#heading").set_class(isinstance(event.widget, ArticleView), "-focused")

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if isinstance(event.widget, ArticleView):
            self.query_one("#heading").remove_class("-focused")

    # What the app loaded, coming down

    def _corpus_loaded(self, corpus: Corpus | None) -> None:
        if corpus is None:
            return
        self.entities = corpus.entities
        # The opening article alone (the rest still loading) is not listed: the list
        # says it is loading until the whole corpus is in.
        self.articles = tuple(corpus.articles) if self.app.corpus_complete else ()
        if self.app.corpus_complete:
            self.query("#load-progress").remove()
        if (here := self.here()) is not None and corpus.article(here.article_id) is not None:
            self.open(here, remember=False, save=False)  # the whole corpus, the same place
            return
        start = self.app.start
        remembered = start is not None and corpus.article(start.article_id) is not None
        if not remembered:
            start = Location(corpus.articles[0].id) if corpus.articles else None
        if start is not None:
            # The remembered place is in the state file already: no need to write it again.
            self.open(start, remember=False, save=not remembered)
        else:
            self.query_one("#heading", Static).update("No article could be loaded.")

    def watch_articles(self) -> None:
        self._list_articles()

    def _list_articles(self) -> None:
        """Fill the article list with the corpus, the open article highlighted."""
        if self.query("#articles"):  # else filled once it is mounted
            current = self.article.id if self.article is not None else None
            articles: ArticleList = self.query_one("#articles")  # type: ignore[assignment]
            articles.show_articles(self.articles, self.entities, current)

    def _show_xref_progress(self, progress: tuple[int, int]) -> None:
        if self.app.xref_status == XrefStatus.RUNNING:
            self._show_progress("xref-progress", progress)

    def _show_load_progress(self, progress: tuple[int, int]) -> None:
        if not self.app.corpus_complete:
            self._show_progress("load-progress", progress)

    def _show_progress(self, bar_id: str, progress: tuple[int, int]) -> None:
        from textual.widgets import ProgressBar

        done, total = progress
        bars = self.query(f"#{bar_id}")
        if bars:
            bar = bars.first(ProgressBar)
        else:
            bar = ProgressBar(id=bar_id, show_eta=False)
            self.query_one("#reading").mount(bar, after="#status")
        bar.update(total=total, progress=done)

    def waits_for_corpus(self, what: str) -> bool:
        """True (and the reader told) when the whole corpus is still loading."""
        if self.app.corpus_complete:
            return False
        done, total = self.app.load_progress
        read = f" ({done:,} of {total:,} files read)" if total else ""
        self.notify(f"The corpus is still loading{read}; {what} waits for it.", timeout=3)
        return True

    def _xref_changed(self) -> None:
        if self.article is not None:
            self._show_statements(self.article)

    def _xref_status_changed(self, status: XrefStatus) -> None:
        if status == XrefStatus.RUNNING:
            self._show_links(self.query_one(ArticleView).cursor_span)
            return
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
        article = self.corpus.article(location.article_id) if self.corpus else None
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
            view.cursor_to(location.cursor)
        self.post_message(messages.PlaceChanged(location, save=save))

    def _show_article(self, article: Article) -> None:
        self.article = article
        self.query_one(ArticleView).article = article
        self.query_one("#heading", Static).update(display.article_heading(article))
        if self.query("#articles"):  # mounted after the first frame
            articles: ArticleList = self.query_one("#articles")  # type: ignore[assignment]
            articles.highlight(article.id)
        self._close_search()
        self._show_statements(article)

    def _show_statements(self, article: Article) -> None:
        view = self.query_one(ArticleView)
        if self.xref is not None:
            view.units = tuple(s.span for s in self.xref.statements(article.id))
        self._show_links(view.cursor_span)

    def on_go_to(self, event: messages.GoTo) -> None:
        self.open(event.location)

    def _returned(self, location: Location | None) -> None:
        """Back from a screen this one opened, maybe with a place to go to."""
        if location is not None:
            self.open(location)

    def action_back(self) -> None:
        if self.has_class("-list-open"):
            self.action_toggle_articles()
        elif self.history:
            *self.history, location = self.history
            self.open(location, remember=False)
        else:
            self.notify("Nothing to go back to.", timeout=2)

    def action_next_article(self, step: int) -> None:
        if self.corpus is None or self.article is None or self.waits_for_corpus("[ / ]"):
            return
        ids = [a.id for a in self.corpus.articles]
        index = (ids.index(self.article.id) + step) % len(ids)
        self.open(Location(ids[index]))

    # The article list

    # By name, not @on with the class: the list's module is imported after the first frame.
    def on_article_rows_chosen(self, event: ArticleRows.Chosen) -> None:
        self.action_toggle_articles()
        if self.article is None or event.article_id != self.article.id:
            self.open(Location(event.article_id))

    def action_toggle_articles(self) -> None:
        """Go to the article list (unfolding it on a narrow terminal), or back to the text."""
        if not self.complete:
            return  # not mounted yet: the first frame has just been painted
        articles: ArticleList = self.query_one("#articles")  # type: ignore[assignment]
        if articles.has_focus_within or self.has_class("-list-open"):
            self.remove_class("-list-open")
            self.set_focus(self.query_one(ArticleView))
        else:
            self.add_class("-list-open")
            self.set_focus(articles.rows)

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
        entity_id, spans = event.item
        self._set_marks(spans, display.entity_name(self.entities, entity_id))

    @on(ItemList.Chosen, "#entities")
    def _entity_chosen(self, event: ItemList.Chosen) -> None:
        self.post_message(messages.ShowEntity(event.item[0]))

    def on_show_entity(self, event: messages.ShowEntity) -> None:
        from reader.tui.screens.entity import EntityScreen

        if self.waits_for_corpus("the entity screen"):
            return
        if self.corpus is not None and (entity := self.corpus.entity(event.entity_id)):
            self.app.push_screen(EntityScreen(self.corpus, entity, self.xref), self._returned)

    @on(ItemList.Highlighted, "#quotes")
    def _quote_highlighted(self, event: ItemList.Highlighted) -> None:
        quote: Quote = event.item
        self._set_marks((quote.span,), f"quote {quote.id}")

    @on(ItemList.Chosen, "#quotes")
    def _quote_chosen(self, event: ItemList.Chosen) -> None:
        self.set_focus(self.query_one(ArticleView))

    # Search

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "search":  # the text's or a side list's key; a line or list of its own
            return self.focused is None or isinstance(self.focused, (ArticleView, ItemList))
        return True

    def action_search(self) -> None:
        from reader.tui.widgets.search_bar import SearchBar

        if self.complete:  # the search line is mounted after the first frame
            self.query_one("#search", SearchBar).open()

    # Handlers by name (not @on with the class), so the input widget is imported only
    # after the first frame.
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
            self.set_focus(self.query_one(ArticleView))

    def on_search_bar_cancelled(self, event: SearchBar.Cancelled) -> None:
        self._set_marks((), "")
        view = self.query_one(ArticleView)
        view.focus_span = None
        self.set_focus(view)

    def _close_search(self) -> None:
        from reader.tui.widgets.search_bar import SearchBar

        for search in self.query("#search").results(SearchBar):
            search.close()

    # Cross-references follow the reading position

    @on(ArticleView.CursorMoved)
    def _cursor_moved(self, event: ArticleView.CursorMoved) -> None:
        self._show_links(event.unit)
        if (here := self.here()) is not None:
            # Written when another article opens, and at exit.
            self.post_message(messages.PlaceChanged(here, save=False))

    def _show_links(self, unit: Span | None) -> None:
        """List the links from the statement at `unit`, best first."""
        statement = None
        if self.xref is not None and self.article is not None and unit is not None:
            statement = self.xref.statement_at(self.article.id, unit.start)
        links: tuple[Link, ...] = ()
        copies = None
        if self.xref is not None and statement is not None:
            from reader.tui.widgets.link_list import copies_row

            links = tuple(self.xref.links_from(statement))
            copies = copies_row(statement, self.xref.copies_of(statement), links)
            matches = counted(len(links), "match", "matches")
            status = f"Statement {statement.index + 1} · {matches}"
            if copies is not None:
                status += f" · {counted(copies.count, 'copy', 'copies')}"
        elif self.xref is not None:
            status = "No statement here."
        elif self.app.xref_pending:
            status = "Cross-referencing the corpus…"
        else:
            status = "Cross-references are not available."
        if not links and copies is None:
            self.link_why = Content("")
        self.copies = copies
        self.links = (status, links)  # unchanged within a statement: nothing redrawn

    def action_linked(self, step: int) -> None:
        """Read on at the next (step 1) or previous (-1) statement that has links."""
        view = self.query_one(ArticleView)
        if self.xref is None or self.article is None or (here := view.cursor_span) is None:
            self.notify("Cross-references are still being computed.", timeout=2)
            return
        statements = self.xref.statements(self.article.id)
        if step < 0:
            statements = statements[::-1]
        for statement in statements:
            ahead = (
                statement.span.start > here.start if step > 0 else statement.span.start < here.start
            )
            if ahead and self.xref.links_from(statement):
                view.cursor_to(statement.span.start)
                return
        self.notify(f"No {'later' if step > 0 else 'earlier'} statement with links.", timeout=2)

    @on(ItemList.Highlighted, "#links")
    def _link_highlighted(self, event: ItemList.Highlighted) -> None:
        from reader.tui.link_reasons import copies_lines
        from reader.tui.widgets.link_list import CopiesRow

        if isinstance(event.item, CopiesRow):
            self.link_why = copies_lines(event.item)
            return
        self._explain(event.item)

    @work(thread=True, exclusive=True, group="why", exit_on_error=False)
    def _explain(self, link: Link) -> None:
        """Why the highlighted link was made, found off the UI thread: the first link
        explained in a corpus without annotations builds the catalogue's alias matcher."""
        from reader.tui.link_reasons import why_lines

        source = self.corpus.article(link.source.article_id) if self.corpus else None
        target = self.corpus.article(link.target.article_id) if self.corpus else None
        xref = self.xref
        if xref is None or source is None or target is None:
            return
        why = why_lines(xref.why(link), source.text, target.text)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._explained, link, why)

    def _explained(self, link: Link, why: Content) -> None:
        from reader.tui.widgets.side_panel import SidePanel

        if self.query_one(SidePanel).link == link:  # still the one highlighted
            self.link_why = why

    @on(ItemList.Chosen, "#links")
    def _link_chosen(self, event: ItemList.Chosen) -> None:
        from reader.tui.widgets.link_list import CopiesRow

        if isinstance(event.item, CopiesRow):
            self.show_copies(event.item)
        else:
            self.follow(event.item)

    def show_copies(self, copies: CopiesRow) -> None:
        """Every copy of the statement, by outlet; enter opens one."""
        from reader.tui.screens.copies import CopiesScreen

        if self.corpus is not None:
            self.app.push_screen(CopiesScreen(self.corpus, copies), self._returned)

    def follow(self, link: Link) -> None:
        """Open the other side of `link` with its statement highlighted, remembering here."""
        self.open(Location(link.target.article_id, focus=link.target.span))
        self.set_focus(self.query_one(ArticleView))  # to read on from the match

    def action_follow(self) -> None:
        if links := self.links[1]:
            self.follow(links[0])
        else:
            self.notify("No cross-reference from this statement.", timeout=2)

    def chosen_link(self) -> Link | None:
        """The link highlighted in the side panel, else the statement's best one."""
        from reader.tui.widgets.side_panel import SidePanel

        chosen = self.query_one(SidePanel).link if self.complete else None
        return chosen if chosen is not None else next(iter(self.links[1]), None)

    def refresh_links(self) -> None:
        """List the links again: a judgement changed them (the side panel keeps its row)."""
        self._show_links(self.query_one(ArticleView).cursor_span)

    def action_compare(self) -> None:
        from reader.tui.screens.compare import CompareScreen

        if self.xref is None or self.corpus is None:
            self.notify("Cross-references are still being computed.", timeout=2)
            return
        link = self.chosen_link()
        if link is None or self.article is None:
            self.notify("No cross-reference from this statement to compare.", timeout=2)
            return
        # Step through every link of the article, starting from this one: the others
        # are gathered in the screen's worker (each aligned: a wire story's hundreds).
        every = partial(self.xref.links_for_article, self.article.id)
        compare = CompareScreen(self.corpus, [link], 0, self.xref.why, every)
        self.app.push_screen(compare, self._returned)

    def action_coverage(self) -> None:
        from reader.tui.screens.coverage import CoverageScreen

        if self.xref is None or self.corpus is None:
            self.notify("Cross-references are still being computed.", timeout=3)
            return
        self.app.push_screen(CoverageScreen(self.corpus, self.xref), self._returned)

    def action_problems(self) -> None:
        from reader.tui.screens.problems import ProblemsScreen

        if self.waits_for_corpus("the list of problems"):
            return
        if not self.app.problems:
            self.notify("The corpus has no problems.", timeout=2)
            return
        self.app.push_screen(ProblemsScreen(self.app.problems, self.articles), self._returned)

    def action_show_tab(self, tab: str) -> None:
        """Show a tab of the side panel; the keys stay where they were."""
        self.side_tab = tab

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id is not None:  # by a key or a click
            self.side_tab = event.pane.id

    def watch_side_tab(self, tab: str) -> None:
        self.post_message(messages.SettingChanged("tab", tab))

    def action_side_list(self) -> None:
        """Into the list of the side panel's tab, or back to the text."""
        from reader.tui.widgets.side_panel import SidePanel

        if not self.complete:
            return
        side_list = self.query_one(SidePanel).list
        if side_list.has_focus:
            self.set_focus(self.query_one(ArticleView))
        else:
            self.remove_class("-list-open")  # a narrow terminal shows the side panel again
            self.set_focus(side_list)
