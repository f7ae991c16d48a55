"""Command-palette providers: find articles, entities, quotes and statements fuzzily.

Scores come from rapidfuzz, imported when the palette first searches, not at start-up.
Corpus text is shown literally, never as markup. Nothing here grows with the corpus on
the UI thread: each provider's list is made once per corpus (and cross-reference), in
a thread, and kept for the next time the palette opens; a query runs in a thread too,
and over a long list scores only the texts a word index finds (reader/word_index.py).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from reader.model import Article, Entity, Quote, Statement
from reader.tui import display
from reader.tui.location import Location

if TYPE_CHECKING:
    from reader.tui.app import ReaderApp
    from reader.word_index import WordIndex

SCORE_CUTOFF = 60  # of 100
MAX_HITS = 20
DISCOVERY_HITS = 10
# Past this many candidates a provider's list gets a word index (reader/word_index.py),
# and a query scores in full only the SCORED_CANDIDATES texts holding most of its words.
INDEXED_FROM = 5_000
SCORED_CANDIDATES = 1_000


@dataclass(frozen=True, slots=True)
class Candidate:
    kind: str  # shown before the text: "Article", "Entity", ...
    text: str  # what the query is matched against, and shown
    help: str
    command: Callable[[], object]

    @property
    def shown(self) -> str:
        return display.snippet(self.text, 90)

    def display(self, match: tuple[int, int] | None = None) -> Content:
        text = Content(display.literal(self.shown))
        if match is not None:
            text = text.stylize("bold underline", *match)
        return Content.assemble((f"{self.kind}: ", "dim"), text)


def best_matches(
    query: str, texts: Sequence[str], among: Sequence[int] | None = None
) -> list[tuple[float, int]]:
    """(score 0..100, index) of the texts that hold the query, best first.

    `texts` are already through rapidfuzz's `default_process`; only those numbered in
    `among` are scored when it is given (a word index's candidates). The score is
    mostly how well the query appears inside a text (partial_ratio), scaled down when
    the text is shorter than the query (else "Russia" would match any query holding
    "russia"); a share for having the query's words (token_set_ratio) and one for
    being the query and little else (ratio) order the many texts that hold it: "kerry"
    finds the entity John Kerry before every sentence that names him.
    """
    from rapidfuzz import fuzz, process, utils

    query = utils.default_process(query)
    if not query:
        return []
    numbers = range(len(texts)) if among is None else among
    choices = texts if among is None else [texts[n] for n in among]
    scored = []
    for text, score, index in process.extract(
        query, choices, scorer=fuzz.partial_ratio, limit=None, score_cutoff=SCORE_CUTOFF
    ):
        coverage = min(1.0, len(text) / len(query))
        score = (
            0.8 * score * coverage
            + 0.1 * fuzz.token_set_ratio(query, text)
            + 0.1 * fuzz.ratio(query, text)
        )
        if score >= SCORE_CUTOFF:
            scored.append((score, numbers[index]))
    scored.sort(key=lambda item: -item[0])
    return scored[:MAX_HITS]


@dataclass
class Candidates:
    """What one provider matches a query against, made once per corpus: the items,
    their texts (through `default_process`) and, for a long list, a word index."""

    made_from: tuple[object, ...]  # the corpus (and cross-references) they come from
    items: list[Any]
    texts: list[str]
    index: WordIndex | None

    @classmethod
    def make(cls, made_from: tuple[object, ...], found: Iterable[tuple[str, Any]]) -> Candidates:
        from rapidfuzz import utils

        from reader.word_index import WordIndex

        items, texts = [], []
        for text, item in found:
            items.append(item)
            texts.append(utils.default_process(text))
        index = WordIndex(texts) if len(texts) > INDEXED_FROM else None
        return cls(made_from, items, texts, index)

    def matches(self, query: str) -> list[tuple[float, int]]:
        """`best_matches` of the query; over a long list, among the texts that hold
        most of its words (so a query costs the same at any size of corpus)."""
        from rapidfuzz import utils

        if self.index is None:
            return best_matches(query, self.texts)
        among = self.index.candidates(utils.default_process(query), SCORED_CANDIDATES)
        return best_matches(query, self.texts, among)


# Each app's candidate lists, by provider: a palette opened again (a provider made
# again) reuses them until the corpus or its cross-references change.
_made: WeakKeyDictionary[App, dict[str, Candidates]] = WeakKeyDictionary()


def candidate_lists(app: App) -> dict[str, Candidates]:
    """The candidate lists made for `app`, by provider class name."""
    return _made.setdefault(app, {})


class CorpusProvider(Provider):
    """Matches the query against `found()`, best first."""

    @property
    def reader(self) -> ReaderApp:
        return self.app  # type: ignore[return-value]

    def made_from(self) -> tuple[object, ...]:
        """What the candidates are made from: made again when it changes."""
        return (self.reader.corpus,)

    def found(self) -> Iterable[tuple[str, Any]]:
        """(text to match, item) for every candidate."""
        raise NotImplementedError

    def candidate(self, item: Any) -> Candidate:
        """The candidate an item stands for (made when it is a hit)."""
        raise NotImplementedError

    async def startup(self) -> None:
        made = candidate_lists(self.app)
        name, source = type(self).__name__, self.made_from()
        kept = made.get(name)
        if kept is None or any(a is not b for a, b in zip(kept.made_from, source, strict=True)):
            # A list of 300,000 statements takes a while: not on the UI thread.
            kept = await asyncio.to_thread(Candidates.make, source, self.found())
            made[name] = kept
        self._candidates = kept

    async def search(self, query: str) -> Hits:
        if self._candidates.index is None:  # a short list: milliseconds, here
            hits = self._hits(query)
        else:  # scored, and its hits made, in a thread: the keys are never held up
            hits = await asyncio.to_thread(self._hits, query)
        for hit in hits:
            yield hit

    def _hits(self, query: str) -> list[Hit]:
        """The hits of the query, best first, the matched part of each underlined."""
        from rapidfuzz import fuzz

        hits = []
        for score, index in self._candidates.matches(query):
            candidate = self.candidate(self._candidates.items[index])
            alignment = fuzz.partial_ratio_alignment(query.lower(), candidate.shown.lower())
            match = (alignment.dest_start, alignment.dest_end) if alignment else None
            hits.append(
                Hit(
                    score / 100,
                    candidate.display(match),
                    candidate.command,
                    text=candidate.text,
                    help=escape(display.literal(candidate.help)),
                )
            )
        return hits

    async def discover(self) -> Hits:
        for item in self._candidates.items[:DISCOVERY_HITS]:
            candidate = self.candidate(item)
            yield DiscoveryHit(
                candidate.display(),
                candidate.command,
                text=candidate.text,
                help=escape(display.literal(candidate.help)),
            )


class ArticleCommands(CorpusProvider):
    def found(self) -> Iterable[tuple[str, Any]]:
        corpus = self.reader.corpus
        return ((article.title, article) for article in (corpus.articles if corpus else ()))

    def candidate(self, article: Article) -> Candidate:
        return Candidate(
            "Article",
            article.title,
            f"{article.outlet_label}, {display.date_label(article)}",
            partial(self.reader.go_to, Location(article.id)),
        )


class EntityCommands(CorpusProvider):
    def found(self) -> Iterable[tuple[str, Any]]:
        corpus = self.reader.corpus
        return ((entity.name, entity) for entity in (corpus.entities.values() if corpus else ()))

    def candidate(self, entity: Entity) -> Candidate:
        aliases = ", ".join(a for a in entity.aliases if a != entity.name)
        return Candidate(
            "Entity",
            entity.name,
            f"{entity.type.value.replace('_', ' ')}" + (f"; also {aliases}" if aliases else ""),
            partial(self.reader.show_entity, entity.id),
        )


class QuoteCommands(CorpusProvider):
    def found(self) -> Iterable[tuple[str, Any]]:
        corpus = self.reader.corpus
        for article in corpus.articles if corpus else ():
            for quote in article.quotes:
                yield article.text[quote.span.start : quote.span.end], (article, quote)

    def candidate(self, item: tuple[Article, Quote]) -> Candidate:
        article, quote = item
        entities = self.reader.corpus.entities if self.reader.corpus else {}
        speaker = display.entity_name(entities, quote.speaker)
        return Candidate(
            "Quote",
            article.text[quote.span.start : quote.span.end],
            f"{speaker} ({quote.kind.value}) in {article.outlet_label}, "
            f"{display.date_label(article)}",
            partial(self.reader.go_to, Location(article.id, focus=quote.span)),
        )


class StatementCommands(CorpusProvider):
    """Every statement, once the cross-reference engine has segmented the corpus."""

    def made_from(self) -> tuple[object, ...]:
        return (self.reader.corpus, self.reader.xref)

    def found(self) -> Iterable[tuple[str, Any]]:
        corpus, xref = self.reader.corpus, self.reader.xref
        if corpus is None or xref is None:
            return
        for article in corpus.articles:
            for statement in xref.statements(article.id):
                yield statement.text, (article, statement)

    def candidate(self, item: tuple[Article, Statement]) -> Candidate:
        article, statement = item
        return Candidate(
            "Statement",
            statement.text,
            f"{article.outlet_label}, {display.date_label(article)}",
            partial(self.reader.go_to, Location(article.id, focus=statement.span)),
        )
