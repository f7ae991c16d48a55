"""The corpus's articles, date and outlet then title; the open one highlighted.

Bound to the main screen's `articles` and `article`; enter posts `ItemList.Chosen`
with the article's id.
"""

from __future__ import annotations

from textual.reactive import var

from reader.model import Article
from reader.tui import display
from reader.tui.widgets.item_list import ItemList


class ArticleList(ItemList):
    articles: var[tuple[Article, ...]] = var(())
    article: var[Article | None] = var(None)
    """The open article."""

    def __init__(self, **kwargs) -> None:
        super().__init__(empty="Loading the corpus…", **kwargs)

    def watch_articles(self, articles: tuple[Article, ...]) -> None:
        self.show([(display.article_prompt(a), a.id) for a in articles])
        self.watch_article(self.article)

    def watch_article(self, article: Article | None) -> None:
        if article is not None:
            self.highlight_where(lambda item: item == article.id)
