"""The side panel: the open article's entities, quotes and cross-references, in tabs.

Bound to the main screen's `entities`, `article` and `links`; reports choices up
through its lists' `ItemList.Highlighted` / `ItemList.Chosen` (ids `entities`,
`quotes`, `links`), and shows the details of what is highlighted itself.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import var
from textual.widgets import Static, TabbedContent, TabPane

from reader.model import Article, Entity, Link, Quote, Span
from reader.tui import display
from reader.tui.widgets.item_list import ItemList
from reader.tui.widgets.link_list import CopiesRow, copies_prompt, link_prompt

WHOLE_STATEMENTS_WIDTH = 50  # the panel's width at 160 columns and more


class SidePanel(Vertical):
    DEFAULT_CSS = """
    SidePanel {
        height: 1fr;
        & TabbedContent, & ContentSwitcher { height: 1fr; }
        & TabPane { height: 1fr; padding: 0; }
    }
    """

    articles: var[tuple[Article, ...]] = var(())
    """Every article: where a link goes."""
    entities: var[dict[str, Entity]] = var(dict)
    article: var[Article | None] = var(None)
    links: var[tuple[str, tuple[Link, ...]]] = var(("", ()))
    """What to say of the statement being read, and its links."""
    copies: var[CopiesRow | None] = var(None)
    """The statement's verbatim copies its links do not show: one row above them."""
    link_why: var[Content] = var(Content(""))
    """Why the link under the cursor was made."""
    tab: var[str] = var("tab-links")
    """The id of the tab shown."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._by_id: tuple[tuple[Article, ...] | None, dict[str, Article]] = (None, {})

    def compose(self) -> ComposeResult:
        with TabbedContent(initial=self.tab):
            with TabPane("Entities", id="tab-entities"):
                yield ItemList(id="entities", empty="No entities annotated.")
                yield Static(id="entity-detail", classes="detail", markup=False)
            with TabPane("Quotes", id="tab-quotes"):
                yield ItemList(id="quotes", empty="No quotations annotated.")
                yield Static(id="quote-detail", classes="detail", markup=False)
            with TabPane("Cross-refs", id="tab-links"):
                yield Static(id="links-status", classes="detail", markup=False)
                yield ItemList(id="links", empty="No matching statements elsewhere.")
                yield Static(id="link-why", classes="detail", markup=False)

    def on_mount(self) -> None:
        # Tab and shift+tab cycle the panes; the tab strip is reached with 1/2/3.
        self.query_one("Tabs").can_focus = False

    def watch_article(self, article: Article | None) -> None:
        if article is None:
            return
        entities = self.entities
        mentions: dict[str, list[Span]] = {}
        for mention in sorted(article.mentions, key=lambda m: m.span.start):
            mentions.setdefault(mention.entity_id, []).append(mention.span)
        self.query_one("#entities", ItemList).show(
            [
                (
                    Content.assemble(
                        ("■ ", display.entity_style(entities.get(entity_id), self.app)),
                        display.literal(display.entity_name(entities, entity_id)),
                        (f" {len(spans)}", "dim"),
                    ),
                    (entity_id, tuple(spans)),
                )
                for entity_id, spans in mentions.items()
            ],
            highlight=None,
        )
        self.query_one("#entity-detail", Static).update("Move in the list to highlight mentions.")
        self.query_one("#quotes", ItemList).show(
            [
                (
                    display.markup(
                        "[b]$who[/b] [i]$kind[/i]\n$text",
                        who=display.entity_name(entities, quote.speaker),
                        kind=quote.kind.value,
                        text=display.snippet(article.text[quote.span.start : quote.span.end], 60),
                    ),
                    quote,
                )
                for quote in article.quotes
            ],
            highlight=None,
        )
        self.query_one("#quote-detail", Static).update("")

    def watch_links(self) -> None:
        self._fill_links()

    def watch_copies(self) -> None:
        self._fill_links()

    def _fill_links(self) -> None:
        status, shown = self.links
        self.query_one("#links-status", Static).update(status)
        by_id = self._articles_by_id()
        # Whole statements where the panel is wide (160 columns and more), else three
        # lines' worth.
        width = self.size.width - 2
        limit = None if width >= WHOLE_STATEMENTS_WIDTH else max(width * 3 - 4, 40)
        rows: list[tuple[Content, object]] = []
        if self.copies is not None:  # however many copies, one row
            rows.append((copies_prompt(self.copies, limit), self.copies))
        rows += [
            (link_prompt(link, self.article, by_id.get(link.target.article_id), limit), link)
            for link in shown
        ]
        links_list = self.query_one("#links", ItemList)
        highlighted = links_list.highlighted
        links_list.show(
            rows,
            highlight=highlighted if highlighted is not None and highlighted < len(rows) else 0,
        )

    def _articles_by_id(self) -> dict[str, Article]:
        """Every article by id: made once per corpus, not at each move of the cursor."""
        if self._by_id[0] is not self.articles:
            self._by_id = (self.articles, {article.id: article for article in self.articles})
        return self._by_id[1]

    def watch_link_why(self, why: Content) -> None:
        if self.children:
            self.query_one("#link-why", Static).update(why)

    def on_resize(self) -> None:
        if self.children:
            self._fill_links()

    @on(ItemList.Highlighted, "#entities")
    def _entity_highlighted(self, event: ItemList.Highlighted) -> None:
        entity = self.entities.get(event.item[0])  # the event goes on up to the screen
        if entity is not None:
            self.query_one("#entity-detail", Static).update(
                display.markup(
                    "[b]$name[/b] [i]$type[/i]\n$description\n[i]enter: across the corpus[/i]",
                    name=entity.name,
                    type=entity.type.value.replace("_", " "),
                    description=entity.description,
                )
            )

    @on(ItemList.Highlighted, "#quotes")
    def _quote_highlighted(self, event: ItemList.Highlighted) -> None:
        quote: Quote = event.item
        self.query_one("#quote-detail", Static).update(display.quote_detail(quote, self.entities))

    @property
    def link(self) -> Link | None:
        """The link under the cursor in the cross-reference tab (None on the copies row)."""
        item = self.query_one("#links", ItemList).item
        return item if isinstance(item, Link) else None

    def watch_tab(self, tab: str) -> None:
        if self.is_mounted and self.children:
            self.query_one(TabbedContent).active = tab

    @property
    def list(self) -> ItemList:
        """The list of the tab shown."""
        return self.query_one(f"#{self.tab} ItemList", ItemList)
