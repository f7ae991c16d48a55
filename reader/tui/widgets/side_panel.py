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
from reader.tui.widgets.link_list import link_prompt


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

    def compose(self) -> ComposeResult:
        with TabbedContent():
            with TabPane("Entities", id="tab-entities"):
                yield ItemList(id="entities", empty="No entities annotated.")
                yield Static(id="entity-detail", classes="detail", markup=False)
            with TabPane("Quotes", id="tab-quotes"):
                yield ItemList(id="quotes", empty="No quotations annotated.")
                yield Static(id="quote-detail", classes="detail", markup=False)
            with TabPane("Cross-refs", id="tab-links"):
                yield Static(id="links-status", classes="detail", markup=False)
                yield ItemList(id="links", empty="No matching statements elsewhere.")

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
                        ("■ ", display.entity_style(entities.get(entity_id))),
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
                        "[b]$who[/b] [dim]$kind[/]\n$text",
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

    def watch_links(self, links: tuple[str, tuple[Link, ...]]) -> None:
        status, shown = links
        self.query_one("#links-status", Static).update(status)
        by_id = {article.id: article for article in self.articles}
        self.query_one("#links", ItemList).show(
            [(link_prompt(link, by_id.get(link.target.article_id)), link) for link in shown]
        )

    @on(ItemList.Highlighted, "#entities")
    def _entity_highlighted(self, event: ItemList.Highlighted) -> None:
        entity = self.entities.get(event.item[0])  # the event goes on up to the screen
        if entity is not None:
            self.query_one("#entity-detail", Static).update(
                display.markup(
                    "[b]$name[/b] [dim]$type[/]\n$description\n[dim]enter: across the corpus[/]",
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
        """The link under the cursor in the cross-reference tab."""
        return self.query_one("#links", ItemList).item

    def activate(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        self.query_one(f"#{tab} ItemList", ItemList).focus()
