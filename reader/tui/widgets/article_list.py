"""The article list: ten thousand rows drawn only where they are seen, with a filter.

`ArticleRows` is a `ScrollView` with the Line API, as toolong draws a huge log: every
article is two lines (date and outlet, then its title), so the list's height is known
without measuring a row, and only the rows on screen are drawn; an `OptionList` lays
out every option up front and again on each resize. `/` opens the filter line
(`reader.article_filter`: words, `outlet:`, `since:`, `until:`, `entity:`, `sort:`); the
filtering runs in a worker, so typing never waits for ten thousand texts to be searched.
The screen gives the articles with `show_articles` and hears `ArticleList.Chosen`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.segment import Segment
from textual import events, on, work
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Input, Static

from reader.article_filter import ArticleFilter, ArticleIndex, FilterError, describe, parse_filter
from reader.model import Article, Entity

# A row: date and outlet, then the title on up to two lines. Fixed, so the list's
# height is known without laying a row out.
ROW_HEIGHT = 3
TITLE_LINES = ROW_HEIGHT - 1
FILTER_HELP = "words outlet: since: until: entity: sort:date|outlet"


class ArticleRows(ScrollView, can_focus=True):
    """The rows: three lines an article, drawn on demand."""

    HELP_TITLE = "Article list"
    BINDINGS = [
        Binding("down,j", "move(1)", "Next", show=False),
        Binding("up,k", "move(-1)", "Previous", show=False),
        Binding("home,g", "edge('first')", "First", show=False),
        Binding("end,G", "edge('last')", "Last", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("enter", "choose", "Open"),
        Binding("slash", "filter", "Filter articles"),
    ]
    COMPONENT_CLASSES = {
        "article-rows--outlet",
        "article-rows--cursor",
        "article-rows--cursor-blurred",
    }
    DEFAULT_CSS = """
    ArticleRows {
        height: 1fr;
        background: $surface;
        /* Italic, not a theme colour, and a tinted cursor with black or white text:
           legible in every theme (tests/tui/test_legibility.py). */
        & > .article-rows--outlet { text-style: italic; }
        & > .article-rows--cursor { color: auto 95%; background: $primary 40%; text-style: bold; }
        & > .article-rows--cursor-blurred { color: auto 95%; background: $primary 20%; }
        &:focus { background-tint: $foreground 3%; }
    }
    """

    cursor: reactive[int] = reactive(0, init=False)

    class Chosen(Message):
        """Enter (or a click) on a row."""

        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    class FilterAsked(Message):
        """`/`: the list around the rows opens its filter line."""

    class TypedAhead(Message):
        """A letter typed after `/` that reached the rows before the line had the focus."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, *, empty: str = "Nothing here.", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.empty = empty
        self.articles: Sequence[Article] = ()
        self._titles: dict[tuple[str, int], list[Content]] = {}
        # From `/` until the rows have the focus again, letters are the filter's.
        self.filtering = False

    def show(self, articles: Sequence[Article], highlight: str | None = None) -> None:
        """Replace the rows; the cursor goes to `highlight`'s row, else the first."""
        self.articles = articles
        self._size_to_rows()
        index = next((i for i, a in enumerate(articles) if a.id == highlight), 0)
        self.set_reactive(ArticleRows.cursor, index)
        self.scroll_to(y=0, animate=False)
        self._reveal()
        self.refresh()

    def highlight(self, article_id: str) -> None:
        for index, article in enumerate(self.articles):
            if article.id == article_id:
                self.cursor = index
                return

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self.articles) - 1))

    def watch_cursor(self) -> None:
        self._reveal()
        self.refresh()

    def _size_to_rows(self) -> None:
        self.virtual_size = Size(
            self.scrollable_content_region.width, max(len(self.articles), 1) * ROW_HEIGHT
        )

    def _reveal(self) -> None:
        if self.articles:
            region = Region(0, self.cursor * ROW_HEIGHT, 1, ROW_HEIGHT)
            self.scroll_to_region(region, animate=False, force=True)

    def on_resize(self, event: events.Resize) -> None:
        self._size_to_rows()

    # Drawing

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.get_visual_style()
        line_y = int(self.scroll_y) + y
        row, line = divmod(line_y, ROW_HEIGHT)
        if not self.articles:
            text = Content(self.empty) if line_y == 0 else Content("")
            return self._strip(text, base, width)
        if row >= len(self.articles):
            return Strip.blank(width, base.rich_style)
        article = self.articles[row]
        if row == self.cursor:
            name = "article-rows--cursor" if self.has_focus else "article-rows--cursor-blurred"
            base = self.get_visual_style(name)
        room = max(width - 2, 1)
        if line == 0:
            outlet = self.get_visual_style("article-rows--outlet", partial=True)
            text = Content.assemble(
                (article.date or "undated", "bold"), " ", (article.outlet_label, outlet)
            ).truncate(room, ellipsis=True)
        else:
            title = self._title_lines(article, room)
            text = title[line - 1] if line - 1 < len(title) else Content("")
        return self._strip(text, base, width)

    def _title_lines(self, article: Article, width: int) -> list[Content]:
        """The title wrapped to `width`, cut with an ellipsis after TITLE_LINES lines
        (the article's own headline has it whole)."""
        key = (article.id, width)
        if (lines := self._titles.get(key)) is None:
            lines = Content(" ".join(article.title.split())).wrap(width)
            if len(lines) > TITLE_LINES:
                last = lines[TITLE_LINES - 1]
                lines = [*lines[: TITLE_LINES - 1], (last + " …").truncate(width, ellipsis=True)]
            if len(self._titles) > 4096:
                self._titles.clear()
            self._titles[key] = lines
        return lines

    def _strip(self, text: Content, base, width: int) -> Strip:
        segments = [Segment(" ", base.rich_style), *text.render_segments(base)]
        return Strip(segments).crop_extend(0, width, base.rich_style)

    def on_focus(self) -> None:
        self.filtering = False
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # Keys and mouse

    def action_move(self, step: int) -> None:
        self.cursor += step

    def action_edge(self, edge: str) -> None:
        self.cursor = 0 if edge == "first" else len(self.articles) - 1

    def action_page(self, direction: int) -> None:
        rows = max(self.scrollable_content_region.height // ROW_HEIGHT - 1, 1)
        self.cursor += direction * rows

    def action_filter(self) -> None:
        self.filtering = True
        self.post_message(self.FilterAsked())

    def on_key(self, event: events.Key) -> None:
        # Keys are sent to the focused widget as they arrive: a burst after `/` (a paste,
        # a fast typist) reaches the rows before the line has the focus. Handled here,
        # in the order they came, rather than as bindings run later.
        if self.filtering and event.is_printable and event.character:
            event.stop()
            event.prevent_default()
            self.post_message(self.TypedAhead(event.character))
        elif event.key == "slash" and not self.filtering:
            event.stop()
            event.prevent_default()
            self.action_filter()

    def action_choose(self) -> None:
        if self.articles:
            self.post_message(self.Chosen(self.articles[self.cursor].id))

    def on_click(self, event: events.Click) -> None:
        if (where := event.get_content_offset(self)) is None:
            return
        row = (int(self.scroll_y) + where.y) // ROW_HEIGHT
        if row < len(self.articles):
            self.cursor = row
            self.action_choose()


class FilterInput(Input):
    """The filter line; escape drops the filter."""

    HELP_TITLE = "Article filter line"
    HELP_ACTIONS = ("drop", "submit")
    BINDINGS = [
        Binding("escape", "drop", "Drop the filter", show=False),
        Binding("enter", "submit", "Keep the filter, back to the list", show=False),
    ]

    class Dropped(Message):
        pass

    def action_drop(self) -> None:
        self.post_message(self.Dropped())


class ArticleList(Vertical):
    """The filter line (opened with `/`), what is shown, and the rows."""

    DEFAULT_CSS = """
    ArticleList {
        height: 1fr;
        & > FilterInput { display: none; }
        & > FilterInput.-shown { display: block; }
        & > #article-list-status {
            display: none; height: auto; padding: 0 1;
            color: $text-muted; background: $panel;
        }
        & > #article-list-status.-shown { display: block; }
        & > #article-list-status.-error { color: $text-error; }
    }
    """

    # Enter or a click on a row: the message bubbles up from the rows.
    Chosen = ArticleRows.Chosen

    def __init__(self, *, empty: str = "Nothing here.", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._empty = empty
        self._all: Sequence[Article] = ()
        self._entities: dict[str, Entity] = {}
        self._index: ArticleIndex | None = None
        self._filter = ArticleFilter()

    def compose(self):
        yield FilterInput(placeholder=FILTER_HELP, id="article-filter", compact=True)
        yield Static(id="article-list-status", markup=False)
        yield ArticleRows(empty=self._empty, id="article-rows")

    @property
    def rows(self) -> ArticleRows:
        return self.query_one(ArticleRows)

    @property
    def items(self) -> list[str]:
        """The ids of the articles shown, in order."""
        return [a.id for a in self.rows.articles]

    @property
    def highlighted(self) -> int | None:
        return self.rows.cursor if self.rows.articles else None

    def focus(self, scroll_visible: bool = True) -> ArticleList:
        """Focus goes to the rows: the list itself takes no keys."""
        self.rows.focus(scroll_visible)
        return self

    def show_articles(
        self,
        articles: Sequence[Article],
        entities: dict[str, Entity],
        highlight: str | None = None,
    ) -> None:
        """The corpus's articles (in date order); a filter typed before stays."""
        self._all, self._entities, self._index = articles, entities, None
        if self._filter.narrows or self._filter.sort != "date":
            self._run_filter(self.query_one(FilterInput).value, highlight)
        else:
            self.rows.show(articles, highlight)

    def highlight(self, article_id: str) -> None:
        self.rows.highlight(article_id)

    # The filter

    @on(ArticleRows.FilterAsked)
    def _open_filter(self, event: ArticleRows.FilterAsked) -> None:
        event.stop()
        line = self.query_one(FilterInput)
        line.add_class("-shown")
        self.screen.set_focus(line)

    @on(ArticleRows.TypedAhead)
    def _typed_ahead(self, event: ArticleRows.TypedAhead) -> None:
        event.stop()
        self.query_one(FilterInput).insert_text_at_cursor(event.text)

    @on(Input.Changed, "#article-filter")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self._run_filter(event.value, self._current())

    @on(Input.Submitted, "#article-filter")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip():
            self._drop()
        self.rows.focus()

    @on(FilterInput.Dropped)
    def _dropped(self, event: FilterInput.Dropped) -> None:
        event.stop()
        self._drop()
        self.rows.focus()

    def _drop(self) -> None:
        line = self.query_one(FilterInput)
        with line.prevent(Input.Changed):
            line.value = ""
        line.remove_class("-shown")
        self._filter = ArticleFilter()
        self._set_status("")
        self.rows.empty = self._empty
        self.rows.show(self._all, self._current())

    def _current(self) -> str | None:
        rows = self.rows
        return rows.articles[rows.cursor].id if rows.articles else None

    def _run_filter(self, query: str, highlight: str | None) -> None:
        try:
            wanted = parse_filter(query, self._entities)
        except FilterError as error:
            # The rows stay as the last query left them until the query reads again.
            self._set_status(str(error), error=True)
            return
        self._filter = wanted
        if not wanted.narrows and wanted.sort == "date":
            self._set_status("")
            self.rows.show(self._all, highlight)
            return
        self._set_status(f"filtering {len(self._all)} articles…")
        self._select(wanted, highlight)

    @work(thread=True, exclusive=True, group="article-filter")
    def _select(self, wanted: ArticleFilter, highlight: str | None) -> None:
        from textual.worker import get_current_worker

        if self._index is None:
            # Folding ten thousand texts takes a moment: here, not on the UI thread.
            self._index = ArticleIndex(self._all)
        found = self._index.select(wanted)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_found, wanted, found, highlight)

    def _show_found(self, wanted: ArticleFilter, found: list[Article], highlight) -> None:
        if wanted is not self._filter:
            return  # a later query is on its way
        self.rows.empty = "No article matches the filter." if found == [] else self._empty
        self.rows.show(found, highlight)
        self._set_status(describe(wanted, len(found), len(self._all)))

    def _set_status(self, text: str, error: bool = False) -> None:
        status = self.query_one("#article-list-status", Static)
        status.update(Content(text))
        status.set_class(bool(text), "-shown")
        status.set_class(error, "-error")
