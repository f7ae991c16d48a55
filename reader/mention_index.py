"""Every entity's mentions across a corpus: what the entity screen lists.

One pass over the corpus's mentions makes it; after that, one entity's mentions, and
the outlets that name it, are looked up, not searched for. Built once per corpus
(`mention_index`), in a worker: at ten thousand articles the pass takes a moment.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from reader.model import Article, Corpus, Mention

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class OutletMentions:
    """How often one outlet names an entity, and in how many of its articles."""

    outlet: str
    mentions: int
    articles: int


class MentionIndex:
    """Mentions by entity, in corpus order (article by article, in text order)."""

    def __init__(self, corpus: Corpus, progress: Progress | None = None) -> None:
        self.corpus = corpus
        self._mentions: dict[str, list[tuple[Article, Mention]]] = {}
        total = len(corpus.articles)
        for number, article in enumerate(corpus.articles, 1):
            for mention in sorted(article.mentions, key=lambda m: m.span.start):
                self._mentions.setdefault(mention.entity_id, []).append((article, mention))
            if progress is not None and number % 256 == 0:
                progress(number, total)

    def mentions(self, entity_id: str) -> list[tuple[Article, Mention]]:
        """Each mention of the entity with its article, in corpus order."""
        return self._mentions.get(entity_id, [])

    def outlets(self, entity_id: str) -> list[OutletMentions]:
        """The outlets that name the entity, most mentions first."""
        mentions: Counter[str] = Counter()
        articles: dict[str, set[str]] = {}
        for article, _ in self.mentions(entity_id):
            mentions[article.outlet_label] += 1
            articles.setdefault(article.outlet_label, set()).add(article.id)
        return [
            OutletMentions(outlet, count, len(articles[outlet]))
            for outlet, count in sorted(mentions.items(), key=lambda kv: (-kv[1], kv[0]))
        ]


_built: tuple[Corpus, MentionIndex] | None = None
_lock = threading.Lock()


def mention_index(corpus: Corpus, progress: Progress | None = None) -> MentionIndex:
    """The index of `corpus`, made on the first call for it and kept for the next."""
    global _built
    with _lock:
        if _built is None or _built[0] is not corpus:
            _built = (corpus, MentionIndex(corpus, progress))
        return _built[1]
