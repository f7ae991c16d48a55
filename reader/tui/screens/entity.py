"""One entity across the corpus: which outlets mention it, and every mention in context."""

from __future__ import annotations

from collections import Counter
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from reader.model import Article, Corpus, Entity, Mention, Statement
from reader.statements import segment_article, statement_at
from reader.tui import display
from reader.tui.location import Location
from reader.tui.widgets.item_list import ItemList
from reader.tui.widgets.tables import fill_table

MIN_CONTEXT_WORDS = 6


def mention_context(article: Article, mention: Mention, statements: list[Statement]) -> Content:
    """The statement holding the mention (or its block, when the statement is only a
    few words such as "Lavrov said."), the mention in reverse."""
    statement = statement_at(statements, mention.span.start)
    if statement is not None and len(statement.text.split()) >= MIN_CONTEXT_WORDS:
        context = statement.span
    else:
        paragraph = article.paragraph_at(mention.span.start)
        context = paragraph.span if paragraph is not None else mention.span
    start, end = min(context.start, mention.span.start), max(context.end, mention.span.end)
    return Content.assemble(
        display.literal(article.text[start : mention.span.start]),
        (display.literal(article.text[mention.span.start : mention.span.end]), "bold reverse"),
        display.literal(article.text[mention.span.end : end]),
    )


class EntityScreen(Screen[Location | None]):
    HELP_TITLE = "Entity across the corpus"
    BINDINGS = [Binding("escape,backspace", "dismiss", "Back")]

    def __init__(self, corpus: Corpus, entity: Entity, xref: Any = None) -> None:
        super().__init__()
        self.corpus = corpus
        self.entity = entity
        self.xref = xref  # its statements when computed; else articles are segmented here

    def compose(self) -> ComposeResult:
        entity = self.entity
        yield Static(
            Content.assemble(
                (display.literal(entity.name), f"bold {display.entity_style(entity, self.app)}"),
                (f"  {entity.type.value.replace('_', ' ')}\n", "italic"),
                display.literal(entity.description),
            ),
            classes="screen-title",
        )
        yield DataTable(id="outlets", cursor_type="none", zebra_stripes=True)
        yield ItemList(id="mentions", empty="No mentions in this corpus.")
        yield Footer()

    def on_mount(self) -> None:
        from reader.xref.entities import entity_coverage

        coverage = next(c for c in entity_coverage(self.corpus) if c.entity_id == self.entity.id)
        outlet_of = {a.id: a.outlet_label for a in self.corpus.articles}
        articles = Counter(outlet_of[article_id] for article_id in coverage.by_article)
        fill_table(
            self.query_one("#outlets", DataTable),
            ["Outlet", "Mentions", "Articles"],
            [
                (
                    Content(display.literal(outlet)),
                    Content(str(count)),
                    Content(str(articles[outlet])),
                )
                for outlet, count in sorted(
                    coverage.by_outlet.items(), key=lambda kv: (-kv[1], kv[0])
                )
            ],
        )
        rows = []
        for article in self.corpus.articles:
            mentions = [m for m in article.mentions if m.entity_id == self.entity.id]
            if not mentions:
                continue
            statements = self.xref.statements(article.id) if self.xref else segment_article(article)
            where = display.literal(f"{article.outlet_label}, {display.date_label(article)}")
            for mention in mentions:
                prompt = Content.assemble(
                    (where, "bold"),
                    (f" · {mention.kind.value}\n", "italic"),
                    mention_context(article, mention, statements),
                )
                rows.append((prompt, Location(article.id, focus=mention.span)))
        self.query_one("#mentions", ItemList).show(rows)
        self.query_one("#mentions").focus()

    @on(ItemList.Chosen, "#mentions")
    def _chosen(self, event: ItemList.Chosen) -> None:
        self.dismiss(event.item)
