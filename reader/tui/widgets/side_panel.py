"""The side panel: the current article's entities, quotes and cross-references, in tabs.

It shows what the screen hands it and reports choices up through its lists'
`ItemList.Highlighted` / `ItemList.Chosen` (ids `entities`, `quotes`, `links`).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static, TabbedContent, TabPane

from reader.model import Article, Corpus, Entity, Link, Quote, Span
from reader.tui import format as fmt
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

    def show_article(self, article: Article, corpus: Corpus) -> None:
        entities = corpus.entities
        mentions: dict[str, list[Span]] = {}
        for mention in sorted(article.mentions, key=lambda m: m.span.start):
            mentions.setdefault(mention.entity_id, []).append(mention.span)
        self.query_one("#entities", ItemList).show(
            [
                (
                    Content.assemble(
                        ("■ ", fmt.entity_style(entities.get(entity_id))),
                        fmt.literal(fmt.entity_name(entities, entity_id)),
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
                    fmt.markup(
                        "[b]$who[/b] [dim]$kind[/]\n$text",
                        who=fmt.entity_name(entities, quote.speaker),
                        kind=quote.kind.value,
                        text=fmt.snippet(article.text[quote.span.start : quote.span.end], 60),
                    ),
                    quote,
                )
                for quote in article.quotes
            ],
            highlight=None,
        )
        self.query_one("#quote-detail", Static).update("")

    def show_entity(self, entity: Entity) -> None:
        self.query_one("#entity-detail", Static).update(
            fmt.markup(
                "[b]$name[/b] [dim]$type[/]\n$description\n[dim]enter: across the corpus[/]",
                name=entity.name,
                type=entity.type.value.replace("_", " "),
                description=entity.description,
            )
        )

    def show_quote(self, quote: Quote, corpus: Corpus) -> None:
        self.query_one("#quote-detail", Static).update(fmt.quote_detail(quote, corpus.entities))

    def show_links(self, status: str, links: list[Link], corpus: Corpus) -> None:
        self.query_one("#links-status", Static).update(status)
        self.query_one("#links", ItemList).show(
            [(link_prompt(link, corpus), link) for link in links]
        )

    @property
    def link(self) -> Link | None:
        """The link under the cursor in the cross-reference tab."""
        return self.query_one("#links", ItemList).item

    @property
    def links(self) -> list[Link]:
        return list(self.query_one("#links", ItemList).items)

    def activate(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        self.query_one(f"#{tab} ItemList", ItemList).focus()
