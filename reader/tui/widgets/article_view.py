"""The article, wrapped and scrollable, with annotations highlighted by offset.

A Line API widget (as Textualize/toolong draws its logs): the text is wrapped by
`TextLayout`, which keeps a map from character offsets to screen lines, so scrolling
to an annotation is exact and a long article costs nothing until its lines are drawn.

Data goes down: the screen sets `article`, `units`, `marks` and `focus_span`. The
reading position is a cursor over `units` (statements once they are known, blocks
before), moved with j/k; each move is posted up as `CursorMoved`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events
from textual.binding import Binding
from textual.color import Color
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive, var
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style

from reader.model import Article, BlockKind, Entity, EntityType, Span
from reader.tui import palette
from reader.tui.display import literal
from reader.tui.text_layout import Line, TextLayout

GUTTER = 2  # the reading-position marker and a space
CURSOR_MARK = "▌ "

BLOCK_CLASSES = {
    BlockKind.HEADLINE: "article-view--headline",
    BlockKind.HEADING: "article-view--headline",
    BlockKind.STANDFIRST: "article-view--standfirst",
    BlockKind.CAPTION: "article-view--caption",
    BlockKind.DATELINE: "article-view--meta",
    BlockKind.BYLINE: "article-view--meta",
}


@dataclass(frozen=True)
class Highlights:
    cursor: Style
    mark: Style
    focus: Style
    entities: dict[EntityType, Style]


class ArticleView(ScrollView, can_focus=True):
    """One article's body; the cursor marks the statement being read."""

    HELP_TITLE = "Article text"

    BINDINGS = [
        Binding("j,down", "move_cursor(1)", "Next", show=False),
        Binding("k,up", "move_cursor(-1)", "Previous", show=False),
        Binding("g,home", "cursor_to_edge('first')", "Top", show=False),
        Binding("G,end", "cursor_to_edge('last')", "Bottom", show=False),
        Binding("space,pagedown", "page(1)", "Page down", show=False),
        Binding("b,pageup", "page(-1)", "Page up", show=False),
    ]

    COMPONENT_CLASSES = {
        "article-view--quote",
        "article-view--cursor-mark",
        "article-view--headline",
        "article-view--standfirst",
        "article-view--caption",
        "article-view--meta",
    }

    # Entity colours and the highlights (cursor, marks, focus) are computed for the
    # theme's background (reader.tui.palette), so that each stays legible on the others.
    DEFAULT_CSS = """
    ArticleView {
        background: $surface;
        padding: 0 1 0 0;
        overflow-x: hidden;
        scrollbar-gutter: stable;
        & > .article-view--quote { text-style: italic; }
        & > .article-view--cursor-mark { color: $text-muted; }
        & > .article-view--headline { text-style: bold; }
        & > .article-view--standfirst { text-style: bold; color: $text-muted; }
        & > .article-view--caption { text-style: italic; color: $text-muted; }
        & > .article-view--meta { color: $text-muted; }
        &:focus > .article-view--cursor-mark { color: $accent; text-style: bold; }
    }
    """

    article: var[Article | None] = var(None, init=False)
    """The article shown."""
    units: var[tuple[Span, ...]] = var((), init=False)
    """What the cursor steps over: statements, or the blocks until they are known."""
    cursor: reactive[int] = reactive(0, init=False)
    """Index into `units` of the reading position."""
    marks: reactive[tuple[Span, ...]] = reactive((), init=False)
    """Passages highlighted together: an entity's mentions, search hits."""
    focus_span: reactive[Span | None] = reactive(None, init=False)
    """The one annotation that stands out (the current mention, quote or match)."""
    entities: var[dict[str, Entity]] = var(dict, init=False)
    """The entity catalogue: a mention is coloured by its entity's type."""

    class CursorMoved(Message):
        """The reading position moved to another unit."""

        def __init__(self, view: ArticleView, article: Article, unit: Span) -> None:
            super().__init__()
            self.view = view
            self.article = article
            self.unit = unit

        @property
        def control(self) -> ArticleView:
            return self.view

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._cursor_offset = 0  # where the reader is in the text, whatever the units
        self._layout: TextLayout | None = None
        self._spans_by_line: dict[int, list[tuple[int, int, Style]]] | None = None
        self._pending_reveal: tuple[Span, int | None] | None = None
        self._line_styles: tuple[int, Style, RichStyle, RichStyle] | None = None

    # Data coming down

    def watch_article(self) -> None:
        self._layout = None
        self._pending_reveal = None
        self.set_reactive(ArticleView.marks, ())
        self.set_reactive(ArticleView.focus_span, None)
        self.set_reactive(ArticleView.units, self._block_spans())
        self.set_reactive(ArticleView.cursor, 0)
        self._cursor_offset = 0
        self.scroll_to(0, 0, animate=False)
        self._update_layout()
        self._post_cursor()

    def _block_spans(self) -> tuple[Span, ...]:
        if self.article is None:
            return ()
        return tuple(p.span for p in self.article.paragraphs)

    def validate_units(self, units: tuple[Span, ...]) -> tuple[Span, ...]:
        return units or self._block_spans()

    def watch_units(self, old: tuple[Span, ...], new: tuple[Span, ...]) -> None:
        # Keep the reading position where it was in the text.
        self.set_reactive(ArticleView.cursor, self.unit_index_at(self._cursor_offset))
        self._restyle()
        self._post_cursor()

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self.units) - 1))

    def watch_cursor(self) -> None:
        self._cursor_offset = self.units[self.cursor].start if self.units else 0
        self._restyle()
        self._scroll_to_span(self.units[self.cursor] if self.units else None)
        self._post_cursor()

    def watch_marks(self) -> None:
        self._restyle()

    def watch_focus_span(self) -> None:
        self._restyle()

    def watch_entities(self) -> None:
        self._restyle()

    def _post_cursor(self) -> None:
        if self.article is not None and self.units:
            self.post_message(self.CursorMoved(self, self.article, self.units[self.cursor]))

    # Where things are

    @property
    def cursor_span(self) -> Span | None:
        return self.units[self.cursor] if self.units else None

    def unit_index_at(self, offset: int) -> int:
        """The unit holding `offset`; between two (an opening quotation mark before a
        statement), the one after it; past the last, the last."""
        for i, unit in enumerate(self.units):
            if unit.contains(offset) or unit.start >= offset:
                return i
        return max(len(self.units) - 1, 0)

    def cursor_to(self, offset: int) -> None:
        """Read at `offset`, and keep reading there when the units change (the blocks
        shown first give way to statements once they are known)."""
        self.cursor = self.unit_index_at(offset)
        self._cursor_offset = offset

    @property
    def lines(self) -> Sequence[Line]:
        """The article as laid out in screen lines (none before the view has a width)."""
        return self._layout.lines if self._layout is not None else ()

    def line_of(self, offset: int) -> int:
        """The index in `lines` of the line showing `offset` (0 before layout)."""
        return self._layout.line_of(offset) if self._layout is not None else 0

    @property
    def top_offset(self) -> int:
        """The character offset shown on the first visible line."""
        if self._layout is None or not len(self._layout):
            return 0
        y = min(int(self.scroll_y), len(self._layout) - 1)
        return self._layout.lines[y].start

    def reveal(self, span: Span, *, move_cursor: bool = True, top: int | None = None) -> None:
        """Scroll `span` into view (or put offset `top` on the first line) and read there."""
        if move_cursor:
            self.cursor = self.unit_index_at(span.start)
        if self._layout is None:
            self._pending_reveal = (span, top)
            return
        if top is not None:
            self.scroll_to(y=self._layout.line_of(top), animate=False)
        self._scroll_to_span(span, center=top is None)

    def _scroll_to_span(self, span: Span | None, center: bool = False) -> None:
        if span is None or self._layout is None:
            return
        first = self._layout.line_of(span.start)
        last = self._layout.line_of(max(span.end - 1, span.start))
        region = Region(0, first, 1, min(last - first + 1, max(self.size.height - 1, 1)))
        self.scroll_to_region(region, animate=False, center=center, immediate=True)

    # Layout and drawing

    def _update_layout(self) -> None:
        width = self.scrollable_content_region.width - GUTTER
        if self.article is None or width <= 0:
            self._layout = None
            self.virtual_size = Size(0, 0)
            self.refresh()
            return
        if self._layout is not None and self._layout.width == width:
            return
        top = self.top_offset if self._layout is not None else None
        # Wrapped as shown: a control character takes a cell once made visible.
        self._layout = TextLayout(literal(self.article.text), self.article.paragraphs, width)
        self._spans_by_line = None
        self.virtual_size = Size(width + GUTTER, len(self._layout))
        if self._pending_reveal is not None:
            span, top = self._pending_reveal
            self._pending_reveal = None
            self.call_after_refresh(self.reveal, span, move_cursor=False, top=top)
        elif top is not None:
            # Re-wrapped to a new width: keep the same words on the first line.
            self.scroll_to(y=self._layout.line_of(top), animate=False)
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._update_layout()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._restyle()

    def _restyle(self) -> None:
        self._spans_by_line = None
        self.refresh()

    def highlight_styles(self) -> Highlights:
        """The cursor, mark and focus styles and the entity colours for this theme,
        legible on one another; the cursor is fainter when the text is not focused."""
        surface = self.get_visual_style().background or Color.parse("black")
        variables = self.app.theme_variables
        primary, warning = Color.parse(variables["primary"]), Color.parse(variables["warning"])
        cursor = surface.blend(primary, 0.25 if self.has_focus else 0.1)
        mark = surface.blend(warning, 0.3)
        grounds = [surface, cursor, mark]
        return Highlights(
            cursor=Style(background=cursor),
            mark=Style(background=mark),
            focus=Style(background=warning, foreground=palette.on(warning), bold=True),
            entities={
                kind: Style(foreground=colour)
                for kind, colour in palette.entity_colours(grounds).items()
            },
        )

    def on_focus(self) -> None:
        self._restyle()

    def on_blur(self) -> None:
        self._restyle()

    def _styled_spans(self) -> list[tuple[int, int, Style]]:
        """Every styled passage, in drawing order: later ones win."""
        article = self.article
        if article is None:
            return []
        highlights = self.highlight_styles()

        def style(name: str) -> Style:
            return self.get_visual_style(name, partial=True)

        spans: list[tuple[int, int, Style]] = []
        for paragraph in article.paragraphs:
            if name := BLOCK_CLASSES.get(paragraph.kind):
                spans.append((paragraph.span.start, paragraph.span.end, style(name)))
        for mention in article.mentions:
            entity = self.entities.get(mention.entity_id)
            if entity is not None:
                entity_style = highlights.entities[entity.type]
                spans.append((mention.span.start, mention.span.end, entity_style))
        quote_style = style("article-view--quote")
        spans += [(q.span.start, q.span.end, quote_style) for q in article.quotes]
        if (cursor := self.cursor_span) is not None:
            spans.append((cursor.start, cursor.end, highlights.cursor))
        spans += [(mark.start, mark.end, highlights.mark) for mark in self.marks]
        if (focus := self.focus_span) is not None:
            spans.append((focus.start, focus.end, highlights.focus))
        return spans

    def _spans_for_line(self, y: int) -> list[tuple[int, int, Style]]:
        assert self._layout is not None
        if self._spans_by_line is None:
            by_line: dict[int, list[tuple[int, int, Style]]] = {}
            for start, end, style in self._styled_spans():
                if end <= start:
                    continue
                first = self._layout.line_of(start)
                last = self._layout.line_of(end - 1)
                for line in range(first, last + 1):
                    by_line.setdefault(line, []).append((start, end, style))
            self._spans_by_line = by_line
        return self._spans_by_line.get(y, [])

    def render_lines(self, crop: Region) -> list[Strip]:
        # The styles every line needs, looked up once for all the lines drawn now.
        self._line_styles = self._get_line_styles()
        try:
            return super().render_lines(crop)
        finally:
            self._line_styles = None

    def _get_line_styles(self) -> tuple[int, Style, RichStyle, RichStyle]:
        base = self.get_visual_style()
        gutter = base + self.get_visual_style("article-view--cursor-mark", partial=True)
        return self.scrollable_content_region.width, base, base.rich_style, gutter.rich_style

    def render_line(self, y: int) -> Strip:
        width, base, rich_base, gutter_style = self._line_styles or self._get_line_styles()
        line_y = int(self.scroll_y) + y
        layout, article = self._layout, self.article
        if layout is None or article is None or line_y >= len(layout):
            return Strip.blank(width, rich_base)
        line = layout.lines[line_y]
        if line.paragraph < 0:
            return Strip.blank(width, rich_base)
        content = Content(literal(article.text[line.start : line.end]).rstrip())
        for start, end, style in self._spans_for_line(line_y):
            start, end = max(start, line.start), min(end, line.end)
            if start < end:
                content = content.stylize(style, start - line.start, end - line.start)
        cursor = self.cursor_span
        on_cursor = (
            cursor is not None
            and line.start < cursor.end
            and cursor.start < max(line.end, line.start + 1)
        )
        gutter = CURSOR_MARK if on_cursor else " " * GUTTER
        segments = [Segment(gutter, gutter_style), *content.render_segments(base)]
        return Strip(segments).crop_extend(0, width, rich_base)

    # Keys and mouse

    def action_move_cursor(self, step: int) -> None:
        self.cursor += step

    def action_cursor_to_edge(self, edge: str) -> None:
        self.cursor = 0 if edge == "first" else len(self.units) - 1
        if edge == "first":
            self.scroll_to(y=0, animate=False)

    def action_page(self, direction: int) -> None:
        """Turn a page and read from the first statement that starts on it."""
        if self._layout is None:
            return
        height = max(self.scrollable_content_region.height - 1, 1)
        y = max(0, min(int(self.scroll_y) + direction * height, int(self.max_scroll_y)))
        self.scroll_to(y=y, animate=False)
        top = self._layout.lines[min(y, len(self._layout) - 1)].start
        index = self.unit_index_at(top)
        if self.units and self.units[index].start < top and index + 1 < len(self.units):
            index += 1
        self.cursor = index

    def on_click(self, event: events.Click) -> None:
        if self._layout is None or (where := event.get_content_offset(self)) is None:
            return
        offset = self._layout.offset_at(int(self.scroll_y) + where.y, where.x - GUTTER)
        if offset is not None:
            self.cursor = self.unit_index_at(offset)
