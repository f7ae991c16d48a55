"""One entity across the corpus: which outlets mention it, and every mention in context."""

from __future__ import annotations

from collections import Counter

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from reader.model import Article, Corpus, Entity, Mention
from reader.tui import format as fmt
from reader.tui.location import Location
from reader.tui.widgets.item_list import ItemList

CONTEXT = 70  # characters of context either side of a mention


def mention_context(article: Article, mention: Mention) -> Content:
    """The mention in its block, cut to a window around it, the mention in bold."""
    paragraph = article.paragraph_at(mention.span.start)
    block = paragraph.span if paragraph else mention.span
    start = max(block.start, mention.span.start - CONTEXT)
    end = min(block.end, mention.span.end + CONTEXT)
    return Content.assemble(
        "…" if start > block.start else "",
        fmt.literal(article.text[start : mention.span.start]),
        (fmt.literal(article.text[mention.span.start : mention.span.end]), "bold reverse"),
        fmt.literal(article.text[mention.span.end : end]),
        "…" if end < block.end else "",
    )


class EntityScreen(Screen[Location | None]):
    HELP_TITLE = "Entity across the corpus"
    BINDINGS = [Binding("escape,backspace", "dismiss", "Back")]

    def __init__(self, corpus: Corpus, entity: Entity) -> None:
        super().__init__()
        self.corpus = corpus
        self.entity = entity

    def compose(self) -> ComposeResult:
        entity = self.entity
        yield Static(
            Content.assemble(
                (fmt.literal(entity.name), f"bold {fmt.entity_style(entity)}"),
                (f"  {entity.type.value.replace('_', ' ')}\n", "dim"),
                fmt.literal(entity.description),
            ),
            classes="screen-title",
        )
        yield DataTable(id="outlets", cursor_type="none", zebra_stripes=True)
        yield ItemList(id="mentions", empty="No mentions in this corpus.")
        yield Footer()

    def on_mount(self) -> None:
        mentions = [
            (article, mention)
            for article in self.corpus.articles
            for mention in article.mentions
            if mention.entity_id == self.entity.id
        ]
        per_outlet = Counter(article.outlet_label for article, _ in mentions)
        articles = Counter(article.outlet_label for article in {a.id: a for a, _ in mentions}.values())
        table = self.query_one("#outlets", DataTable)
        table.add_columns("Outlet", "Mentions", "Articles")
        for outlet, count in per_outlet.most_common():
            table.add_row(Content(fmt.literal(outlet)), Content(str(count)), Content(str(articles[outlet])))
        self.query_one("#mentions", ItemList).show(
            [
                (
                    Content.assemble(
                        (fmt.literal(f"{article.outlet_label}, {fmt.date_label(article)}"), "bold"),
                        (f" · {mention.kind.value}\n", "dim"),
                        mention_context(article, mention),
                    ),
                    Location(article.id, focus=mention.span),
                )
                for article, mention in mentions
            ]
        )
        self.query_one("#mentions").focus()

    @on(ItemList.Chosen, "#mentions")
    def _chosen(self, event: ItemList.Chosen) -> None:
        self.dismiss(event.item)
