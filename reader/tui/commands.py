"""Command-palette providers: find articles, entities, quotes and statements fuzzily.

Scores come from rapidfuzz, imported when the palette first searches, not at start-up.
Corpus text is shown literally, never as markup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from reader.tui import display
from reader.tui.location import Location

if TYPE_CHECKING:
    from reader.tui.app import ReaderApp

SCORE_CUTOFF = 60  # of 100
MAX_HITS = 20
DISCOVERY_HITS = 10


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


def best_matches(query: str, texts: list[str]) -> list[tuple[float, int]]:
    """(score 0..100, index) of the texts that hold the query, best first.

    `texts` are already through rapidfuzz's `default_process`. The score is mostly how
    well the query appears inside a text (partial_ratio), scaled down when the text is
    shorter than the query (else "Russia" would match any query holding "russia"); a
    share for having the query's words (token_set_ratio) and one for being the query
    and little else (ratio) order the many texts that hold it: "kerry" finds the
    entity John Kerry before every sentence that names him.
    """
    from rapidfuzz import fuzz, process, utils

    query = utils.default_process(query)
    if not query:
        return []
    scored = []
    for text, score, index in process.extract(
        query, texts, scorer=fuzz.partial_ratio, limit=None, score_cutoff=SCORE_CUTOFF
    ):
        coverage = min(1.0, len(text) / len(query))
        score = (
            0.8 * score * coverage
            + 0.1 * fuzz.token_set_ratio(query, text)
            + 0.1 * fuzz.ratio(query, text)
        )
        if score >= SCORE_CUTOFF:
            scored.append((score, index))
    scored.sort(key=lambda item: -item[0])
    return scored[:MAX_HITS]


class CorpusProvider(Provider):
    """Matches the query against `candidates()`, best first."""

    @property
    def reader(self) -> ReaderApp:
        return self.app  # type: ignore[return-value]

    def candidates(self) -> Iterable[Candidate]:
        raise NotImplementedError

    async def startup(self) -> None:
        from rapidfuzz import utils

        self._candidates = list(self.candidates())
        self._texts = [utils.default_process(c.text) for c in self._candidates]

    async def search(self, query: str) -> Hits:
        from rapidfuzz import fuzz

        for score, index in best_matches(query, self._texts):
            candidate = self._candidates[index]
            alignment = fuzz.partial_ratio_alignment(query.lower(), candidate.shown.lower())
            match = (alignment.dest_start, alignment.dest_end) if alignment else None
            yield Hit(
                score / 100,
                candidate.display(match),
                candidate.command,
                text=candidate.text,
                help=escape(display.literal(candidate.help)),
            )

    async def discover(self) -> Hits:
        for candidate in self._candidates[:DISCOVERY_HITS]:
            yield DiscoveryHit(
                candidate.display(),
                candidate.command,
                text=candidate.text,
                help=escape(display.literal(candidate.help)),
            )


class ArticleCommands(CorpusProvider):
    def candidates(self) -> Iterable[Candidate]:
        corpus = self.reader.corpus
        for article in corpus.articles if corpus else ():
            yield Candidate(
                "Article",
                article.title,
                f"{article.outlet_label}, {display.date_label(article)}",
                partial(self.reader.go_to, Location(article.id)),
            )


class EntityCommands(CorpusProvider):
    def candidates(self) -> Iterable[Candidate]:
        corpus = self.reader.corpus
        for entity in corpus.entities.values() if corpus else ():
            aliases = ", ".join(a for a in entity.aliases if a != entity.name)
            yield Candidate(
                "Entity",
                entity.name,
                f"{entity.type.value.replace('_', ' ')}" + (f"; also {aliases}" if aliases else ""),
                partial(self.reader.show_entity, entity.id),
            )


class QuoteCommands(CorpusProvider):
    def candidates(self) -> Iterable[Candidate]:
        corpus = self.reader.corpus
        if corpus is None:
            return
        for article in corpus.articles:
            for quote in article.quotes:
                speaker = display.entity_name(corpus.entities, quote.speaker)
                yield Candidate(
                    "Quote",
                    article.text[quote.span.start : quote.span.end],
                    f"{speaker} ({quote.kind.value}) in {article.outlet_label}, "
                    f"{display.date_label(article)}",
                    partial(self.reader.go_to, Location(article.id, focus=quote.span)),
                )


class StatementCommands(CorpusProvider):
    """Every statement, once the cross-reference engine has segmented the corpus."""

    def candidates(self) -> Iterable[Candidate]:
        corpus, xref = self.reader.corpus, self.reader.xref
        if corpus is None or xref is None:
            return
        for article in corpus.articles:
            for statement in xref.statements(article.id):
                yield Candidate(
                    "Statement",
                    statement.text,
                    f"{article.outlet_label}, {display.date_label(article)}",
                    partial(self.reader.go_to, Location(article.id, focus=statement.span)),
                )
