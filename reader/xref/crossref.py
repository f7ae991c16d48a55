"""Cross-referencing a whole corpus: every statement against the other articles."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.language import AliasMatcher
from reader.model import (
    Article,
    BlockKind,
    Corpus,
    Link,
    LinkGrade,
    QuoteKind,
    Span,
    Statement,
)
from reader.statements import quote_covering, segment_article, statement_at
from reader.xref.diff import aligned_spans
from reader.xref.index import CandidateIndex
from reader.xref.score import PairScore, TermWeights, grade_rank, score_pair
from reader.xref.settings import DEFAULT_SETTINGS, XrefSettings
from reader.xref.terms import (
    LocatedTerms,
    StatementTerms,
    located_terms,
    mention_start,
    mentions_inside,
    statement_terms,
)

if TYPE_CHECKING:
    from reader.xref.why import Why

Progress = Callable[[int, int], None]


class HowCarried(StrEnum):
    """How an outlet carries a statement: in the speaker's words or its own."""

    DIRECT_QUOTE = "direct quote"
    PARTIAL_QUOTE = "partial quote"
    INDIRECT = "indirect"  # reported speech
    PARAPHRASE = "paraphrase"  # the outlet's own words


_HOW_QUOTED = {
    QuoteKind.DIRECT: HowCarried.DIRECT_QUOTE,
    QuoteKind.PARTIAL: HowCarried.PARTIAL_QUOTE,
    QuoteKind.INDIRECT: HowCarried.INDIRECT,
}


@dataclass(frozen=True, slots=True)
class Carried:
    """How one outlet carried a statement of a cluster."""

    statement: Statement
    outlet: str
    how: HowCarried


@dataclass(frozen=True, slots=True)
class Cluster:
    """Statements reporting one claim: linked (same or related) as a cohesive group."""

    statements: tuple[Statement, ...]
    carried: tuple[Carried, ...]
    grade: LinkGrade  # same when every link inside is `same`, else related
    # the statement most strongly linked to the rest: the claim's best wording
    centre: Statement | None = None

    def by_outlet(self) -> dict[str, list[Carried]]:
        table: dict[str, list[Carried]] = defaultdict(list)
        for carried in self.carried:
            table[carried.outlet].append(carried)
        return dict(table)


@dataclass
class PreparedCorpus:
    """Statements and their terms, in corpus order: what scoring works on."""

    statements: list[Statement]
    terms: list[StatementTerms]
    article_of: list[int]
    weights: TermWeights
    settings: XrefSettings = DEFAULT_SETTINGS
    # statements of photo captions: they describe a picture ("Lavrov and Kerry attend a
    # press conference in Geneva"), not a claim, so they link only to the same words
    captions: frozenset[int] = frozenset()


def prepare(
    corpus: Corpus,
    progress: Progress | None = None,
    total: int = 0,
    settings: XrefSettings = DEFAULT_SETTINGS,
) -> PreparedCorpus:
    statements, terms, article_of, captions = prepare_articles(
        corpus, progress=progress, total=total
    )
    weights = TermWeights.from_statements(terms, settings)
    return PreparedCorpus(statements, terms, article_of, weights, settings, captions)


def prepare_articles(
    corpus: Corpus, first_number: int = 0, progress: Progress | None = None, total: int = 0
) -> tuple[list[Statement], list[StatementTerms], list[int], frozenset[int]]:
    """The statements of the corpus's articles, their terms, the number of each one's
    article (counted from `first_number`) and the positions of caption statements: for a
    whole corpus, or for one partition of one (a Corpus of some of its articles and the
    whole catalogue; distributed.py)."""
    matcher: AliasMatcher | None = None
    statements: list[Statement] = []
    terms: list[StatementTerms] = []
    article_of: list[int] = []
    captions: set[int] = set()
    for number, article in enumerate(corpus.articles, first_number):
        if not article.mentions and corpus.entities and matcher is None:
            matcher = alias_matcher(corpus)
        mentions = scored_mentions(article, corpus, matcher)
        for statement in segment_article(article):
            if _in_caption(article, statement):
                captions.add(len(statements))
            statements.append(statement)
            terms.append(statement_terms(article, statement, corpus.entities, mentions))
            article_of.append(number)
        if progress:
            progress(number + 1, total)
    return statements, terms, article_of, frozenset(captions)


def _in_caption(article: Article, statement: Statement) -> bool:
    paragraph = article.paragraph_at(statement.span.start)
    return paragraph is not None and paragraph.kind is BlockKind.CAPTION


def alias_matcher(corpus: Corpus) -> AliasMatcher:
    """What finds entity terms in an article without mention annotations.

    Stops glued to the next word ("U.S.To", which the annotator finds) are left
    alone: measured on the plain dev-set condition, finding them cost precision
    (0.387 -> 0.365) and recall (0.404 -> 0.393; benchmarks/xref_devset.py).
    """
    return AliasMatcher.for_entities(corpus.entities.values(), glued_stops=False)


def scored_mentions(article: Article, corpus: Corpus, matcher: AliasMatcher | None):
    """The mentions scoring reads: the annotations, or, for an article without any,
    the catalogue's aliases found in its text (`matcher` is built when None)."""
    if article.mentions or not corpus.entities:
        found = article.mentions
    else:
        matcher = matcher or alias_matcher(corpus)
        found = tuple(matcher.mentions(article.text))
    # in text order, so that mentions_inside can bisect (already so from the loader)
    return tuple(sorted(found, key=mention_start))


def scored_pairs(
    prepared: PreparedCorpus,
    progress: Callable[[int], None] | None = None,
    index: CandidateIndex | None = None,
    queries: Sequence[int] | None = None,
) -> dict[tuple[int, int], PairScore]:
    """Every graded pair (i < j) among the candidates the index finds.

    For the whole corpus when `queries` is None (each pair looked at once), else for
    the given statement numbers only. `progress(queries_done)` is called now and then.
    """
    terms, weights, settings = prepared.terms, prepared.weights, prepared.settings
    if index is None:
        index = CandidateIndex.build(terms, prepared.article_of, weights, settings=settings)
    found_candidates = index.candidates(
        queries, later_only=queries is None, min_overlap=settings.related_score / 100
    )
    graded: dict[tuple[int, int], PairScore] = {}
    for n, query, graded_here in graded_candidates(
        found_candidates, terms, weights, settings, prepared.captions
    ):
        for other, _, result in graded_here:
            graded[(min(query, other), max(query, other))] = result
        if progress and n % 1024 == 0:
            progress(n)
    return graded


def graded_candidates(
    found_candidates: Iterable[tuple[int, Any, Any]],
    terms: Sequence[StatementTerms] | Mapping[int, StatementTerms],
    weights: TermWeights,
    settings: XrefSettings,
    captions: Container[int],
) -> Iterator[tuple[int, int, list[tuple[int, int, PairScore]]]]:
    """Score each query against its candidates: yield (queries done, query, [(other,
    rank among its candidates, PairScore)]) for the graded ones, in candidate order.

    `terms` maps a statement number to its terms (a list, or a dict of the statements
    at hand): the local engine and the cluster's (distributed.py) both score here.
    """
    for n, (query, found, _) in enumerate(found_candidates, 1):
        mine = terms[query]
        graded_here = []
        for rank, other in enumerate(found.tolist()):
            result = score_pair(mine, terms[other], weights, settings)
            result = captions_link_only_same(result, query in captions or other in captions)
            if result.grade:
                graded_here.append((other, rank, result))
        yield n, query, graded_here


def pair_score(
    prepared: PreparedCorpus, i: int, j: int, mine: StatementTerms | None = None
) -> PairScore:
    """The score and grade of statements `i` and `j` (`mine`: the terms of `i`)."""
    terms = prepared.terms
    result = score_pair(mine or terms[i], terms[j], prepared.weights, prepared.settings)
    return captions_link_only_same(result, i in prepared.captions or j in prepared.captions)


def captions_link_only_same(result: PairScore, caption: bool) -> PairScore:
    """No `related` link with a caption (it describes a picture, not a claim)."""
    if caption and result.grade == LinkGrade.RELATED:
        return PairScore(result.score, None, result.overlap, result.conflicts)
    return result


def best_links(
    graded: dict[tuple[int, int], PairScore],
    article_of: list[int],
    per_article: int = DEFAULT_SETTINGS.links_per_article,
) -> dict[tuple[int, int], PairScore]:
    """The pairs among the `per_article` best that either statement has in the other
    statement's article."""

    def entries() -> Iterator[tuple[int, int, tuple[int, float], tuple[int, int]]]:
        for pair, result in graded.items():
            i, j = pair
            key = (grade_rank(result.grade), result.score)
            yield i, article_of[j], key, pair
            yield j, article_of[i], key, pair

    kept = kept_pairs(entries(), per_article)
    return {pair: graded[pair] for pair in sorted(kept)}


def kept_pairs(
    entries: Iterable[tuple[int, int, tuple[int, float], tuple[int, int]]],
    per_article: int = DEFAULT_SETTINGS.links_per_article,
) -> set[tuple[int, int]]:
    """The pairs among the `per_article` best of each (statement, other article).

    `entries` yields (statement, the other statement's article, rank key, pair) in the
    order the pairs were graded: among equal keys the first graded stays.
    """
    ranked: dict[tuple[int, int], list[tuple[tuple, tuple[int, int]]]] = defaultdict(list)
    for statement, other_article, key, pair in entries:
        ranked[(statement, other_article)].append((key, pair))
    kept: set[tuple[int, int]] = set()
    for candidates in ranked.values():
        candidates.sort(key=lambda item: item[0], reverse=True)
        kept.update(pair for _, pair in candidates[:per_article])
    return kept


class CrossReference:
    """The links of a corpus, and the statements they join."""

    def __init__(
        self,
        corpus: Corpus,
        statements: list[Statement],
        pairs: dict[tuple[int, int], PairScore],
        settings: XrefSettings = DEFAULT_SETTINGS,
    ):
        self.corpus = corpus
        self.settings = settings
        self._statements = statements
        self._articles: dict[str, Article] = {a.id: a for a in corpus.articles}
        self._position = {(s.article_id, s.index): i for i, s in enumerate(statements)}
        self._by_article: dict[str, list[Statement]] = defaultdict(list)
        for statement in statements:
            self._by_article[statement.article_id].append(statement)
        self._pairs: dict[tuple[int, int], PairScore] = pairs
        self._neighbours: dict[int, list[int]] = defaultdict(list)
        for i, j in pairs:
            self._neighbours[i].append(j)
            self._neighbours[j].append(i)
        self._links: dict[tuple[int, int], Link] = {}
        self._matcher: AliasMatcher | None = None

    def overlap(self, a: Statement, b: Statement) -> float | None:
        """The term overlap (0..1) of two statements the engine links, else None."""
        i = self._position.get((a.article_id, a.index))
        j = self._position.get((b.article_id, b.index))
        pair = self._pairs.get((min(i, j), max(i, j))) if i is not None and j is not None else None
        return pair.overlap if pair is not None else None

    def statements(self, article_id: str) -> list[Statement]:
        return list(self._by_article.get(article_id, ()))

    def statement_at(self, article_id: str, offset: int) -> Statement | None:
        return statement_at(self._by_article.get(article_id, []), offset)

    def links_from(self, statement: Statement) -> list[Link]:
        """Links from `statement` to statements of other articles, best first."""
        here = self._position.get((statement.article_id, statement.index))
        if here is None:
            return []
        links = [self._link(here, there) for there in self._neighbours.get(here, ())]
        return sorted(links, key=lambda link: (-grade_rank(link.grade), -link.score))

    def links_for_article(self, article_id: str) -> list[Link]:
        links = []
        for statement in self._by_article.get(article_id, ()):
            links.extend(self.links_from(statement))
        return links

    def all_links(self) -> list[Link]:
        """Every link once, from the statement that comes first in the corpus."""
        return [self._link(i, j) for i, j in sorted(self._pairs)]

    def why(self, link: Link) -> Why:
        """What `link` rests on: the terms both statements share (entities by their
        catalogue name, with every spelling's span) and the specifics that conflict,
        read exactly as the scorer reads them."""
        from reader.xref.why import explain

        source, target = self._located(link.source), self._located(link.target)
        return explain(source, target, self.corpus.entities, self.settings)

    def _located(self, statement: Statement) -> LocatedTerms:
        article = self._articles[statement.article_id]
        if not article.mentions and self.corpus.entities and self._matcher is None:
            self._matcher = alias_matcher(self.corpus)
        mentions = scored_mentions(article, self.corpus, self._matcher)
        inside = mentions_inside(mentions, statement.span)
        return located_terms(article.text, statement.span, inside, self.corpus.entities)

    def outlet(self, statement: Statement) -> str:
        return self._articles[statement.article_id].outlet_label

    def clusters(self) -> list[Cluster]:
        """Statements grouped into claims (see reader/xref/clusters.py), largest first."""
        from reader.xref.clusters import cohesive_clusters

        scores = {pair: result.score for pair, result in self._pairs.items()}
        article_of = {i: self._statements[i].article_id for pair in scores for i in pair}
        clusters = []
        for members in cohesive_clusters(scores, article_of, self.settings.min_cohesion):
            inside = set(members)
            links = [(p, r) for p, r in self._pairs.items() if p[0] in inside and p[1] in inside]
            strength: dict[int, float] = defaultdict(float)
            for (i, j), result in links:
                strength[i] += result.score
                strength[j] += result.score
            statements = tuple(self._statements[i] for i in members)
            clusters.append(
                Cluster(
                    statements=statements,
                    carried=tuple(self._carried(s) for s in statements),
                    grade=LinkGrade.SAME
                    if all(r.grade is LinkGrade.SAME for _, r in links)
                    else LinkGrade.RELATED,
                    centre=self._statements[max(members, key=lambda i: (strength[i], -i))],
                )
            )
        clusters.sort(
            key=lambda c: (-len({s.article_id for s in c.statements}), -len(c.statements))
        )
        return clusters

    def _carried(self, statement: Statement) -> Carried:
        article = self._articles[statement.article_id]
        quote = quote_covering(article, statement.span)
        if quote is not None and quote.kind in _HOW_QUOTED:
            how = _HOW_QUOTED[quote.kind]
        elif statement.quote_id is not None or _enclosed_in_quote_marks(article, statement):
            how = HowCarried.DIRECT_QUOTE
        else:
            how = HowCarried.PARAPHRASE
        return Carried(statement, article.outlet_label, how)

    def _link(self, here: int, there: int) -> Link:
        key = (here, there)
        if key not in self._links:
            pair = self._pairs[(min(here, there), max(here, there))]
            assert pair.grade is not None  # only graded pairs are kept
            source = self._statements[here]
            target = self._statements[there]
            source_match, target_match = aligned_spans(source.text, target.text)
            self._links[key] = Link(
                source=source,
                target=target,
                score=pair.score,
                grade=pair.grade,
                source_match=shift_span(source_match, source.span.start),
                target_match=shift_span(target_match, target.span.start),
            )
        return self._links[key]


def shift_span(span: Span, offset: int) -> Span:
    """`span` moved by `offset`: a statement's offsets into its article's."""
    return Span(span.start + offset, span.end + offset)


def _enclosed_in_quote_marks(article: Article, statement: Statement) -> bool:
    before = article.text[max(0, statement.span.start - 1) : statement.span.start]
    return before in ('"', "\u201c", "\u2018", "\u00ab")


def cross_reference(
    corpus: Corpus,
    *,
    progress: Progress | None = None,
    cache: bool | Path = True,
    settings: XrefSettings = DEFAULT_SETTINGS,
) -> CrossReference:
    """Link every statement of `corpus` to its matches in the other articles.

    `progress(done, total)` is called from the thread that runs this. With `cache`,
    results are kept in the user's cache directory (or in the SQLite file `cache`
    names), keyed by the corpus's contents and `settings`, so a second run on an
    unchanged corpus neither segments nor scores again.
    """
    total = max(2 * len(corpus.articles), 1)
    store = None
    if cache:
        from reader.xref.cache import LinkCache

        path = cache if isinstance(cache, Path) else None
        store = LinkCache.for_corpus(corpus, path, settings)
        cached = store.load(corpus)
        if cached is not None:
            if progress:
                progress(total, total)
            return CrossReference(corpus, *cached, settings)
    prepared = prepare(corpus, progress, total, settings)
    statement_count = max(len(prepared.statements), 1)
    articles = len(corpus.articles)

    def searched(queries: int) -> None:
        if progress:
            progress(articles + articles * queries // statement_count, total)

    pairs = best_links(
        scored_pairs(prepared, searched), prepared.article_of, settings.links_per_article
    )
    if store is not None:
        store.save(prepared.statements, pairs)
    if progress:
        progress(total, total)
    return CrossReference(corpus, prepared.statements, pairs, settings)
