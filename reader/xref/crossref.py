"""Cross-referencing a whole corpus: every statement against the other articles."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from reader.model import Article, Corpus, Link, Statement
from reader.statements import quote_covering, segment_article, statement_at
from reader.xref.diff import aligned_spans
from reader.xref.index import CandidateIndex
from reader.xref.score import RELATED_SCORE, PairScore, TermWeights, grade_rank, score_pair
from reader.xref.terms import AliasMatcher, StatementTerms, statement_terms

Progress = Callable[[int, int], None]
# Each statement keeps its few best links into each other article; a link stays when
# it is among the best of either of its statements, so the set of links is symmetric.
LINKS_PER_ARTICLE = 2


@dataclass(frozen=True, slots=True)
class Carried:
    """How one outlet carried a statement of a cluster."""

    statement: Statement
    outlet: str
    how: str  # "direct quote" | "partial quote" | "indirect" | "paraphrase"


@dataclass(frozen=True, slots=True)
class Cluster:
    """Statements reporting one claim: linked (same or related) as a cohesive group."""

    statements: tuple[Statement, ...]
    carried: tuple[Carried, ...]
    grade: str  # "same" when every link inside is `same`, else "related"
    # the statement most strongly linked to the rest: the claim's best wording
    centre: Statement | None = None

    def outlets(self) -> list[str]:
        return sorted({c.outlet for c in self.carried})

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
    # How many statements hold each term: what the weights were computed from.
    holding: Counter[str] = field(default_factory=Counter)


# Stage 1: prepare (segmentation and terms, per article), then the corpus's weights.


def prepare(
    corpus: Corpus,
    progress: Progress | None = None,
    total: int = 0,
    stored: Mapping[str, tuple[list[Statement], list[StatementTerms]]] | None = None,
) -> PreparedCorpus:
    """Statements and terms of every article, and the term weights of the corpus.

    `stored` maps article ids to statements and terms computed before for the same
    content (reader/xref/cache.py): those articles are not segmented again.
    """
    matcher: AliasMatcher | None = None
    statements: list[Statement] = []
    terms: list[StatementTerms] = []
    article_of: list[int] = []
    for number, article in enumerate(corpus.articles):
        known = stored.get(article.id) if stored else None
        if known is None:
            mentions = article.mentions
            if not mentions and corpus.entities:
                matcher = matcher or AliasMatcher(corpus.entities)
                mentions = tuple(matcher.mentions(article.text))
            found = segment_article(article)
            known = found, [statement_terms(article, s, corpus.entities, mentions) for s in found]
        statements.extend(known[0])
        terms.extend(known[1])
        article_of.extend([number] * len(known[0]))
        if progress:
            progress(number + 1, total)
    holding: Counter[str] = Counter()
    for statement in terms:
        holding.update(set(statement.terms))
    weights = TermWeights.from_counts(holding, len(terms))
    return PreparedCorpus(statements, terms, article_of, weights, holding)


# Stages 2 and 3: candidates from the index, then scores.


def scored_pairs(
    prepared: PreparedCorpus,
    progress: Callable[[int], None] | None = None,
    index: CandidateIndex | None = None,
    queries=None,
    per_query: int | None = None,
) -> dict[tuple[int, int], PairScore]:
    """Every graded pair (i < j) among the candidates the index finds.

    For the whole corpus when `queries` is None (each pair looked at once), else for
    the given statement numbers only, against every other statement. Every candidate
    that could be graded is scored (`per_query` None): which pairs are scored then
    depends on the two statements alone, never on the corpus's order or on other
    candidates, so an incremental run (reader/xref/incremental.py) finds exactly the
    pairs a whole run does. A pair is always scored as (earlier, later) statement.
    `progress(queries_done)` is called now and then.
    """
    if index is None:
        index = CandidateIndex.build(prepared.terms, prepared.article_of, prepared.weights)
    terms, weights = prepared.terms, prepared.weights
    graded: dict[tuple[int, int], PairScore] = {}
    asked = None if queries is None else set(queries)
    found_candidates = index.candidates(
        queries,
        later_only=queries is None,
        min_overlap=RELATED_SCORE / 100,
        per_query=per_query,
    )
    for n, (query, found, _) in enumerate(found_candidates, 1):
        for other in found.tolist():
            if asked is not None and other < query and other in asked:
                continue  # seen from the other side
            first, second = (query, other) if query < other else (other, query)
            result = score_pair(terms[first], terms[second], weights)
            if result.grade:
                graded[(first, second)] = result
        if progress and n % 1024 == 0:
            progress(n)
    return graded


# Stage 4: the best links of each statement into each other article.


def best_links(
    graded: dict[tuple[int, int], PairScore],
    article_of: list[int],
    per_article: int = LINKS_PER_ARTICLE,
) -> dict[tuple[int, int], PairScore]:
    """The pairs among the `per_article` best that either statement has in the other
    statement's article."""
    ranked: dict[tuple[int, int], list[tuple[tuple, tuple[int, int]]]] = defaultdict(list)
    for pair, result in graded.items():
        key = (grade_rank(result.grade), result.score)
        i, j = pair
        ranked[(i, article_of[j])].append((key, pair))
        ranked[(j, article_of[i])].append((key, pair))
    kept: set[tuple[int, int]] = set()
    for candidates in ranked.values():
        candidates.sort(key=lambda item: item[0], reverse=True)
        kept.update(pair for _, pair in candidates[:per_article])
    return {pair: graded[pair] for pair in sorted(kept)}


class CrossReference:
    """The links of a corpus, and the statements they join."""

    def __init__(
        self,
        corpus: Corpus,
        statements: list[Statement],
        pairs: dict,
        *,
        complete: bool = True,
        notes: list[str] | None = None,
    ):
        self.corpus = corpus
        # False for links read from the store before the corpus's changes were
        # cross-referenced (incremental.stored_cross_reference): a preview.
        self.complete = complete
        # What the link cache could not do (read-only, busy): for the user, once.
        self.notes: list[str] = list(notes or ())
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

    @property
    def pair_scores(self) -> dict[tuple[int, int], PairScore]:
        return dict(self._pairs)

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
        return list(self.iter_links())

    def iter_links(self) -> Iterator[Link]:
        """`all_links()` one at a time, none kept: what an export of a corpus with
        hundreds of thousands of links streams, in memory that does not grow with them."""
        for i, j in sorted(self._pairs):
            yield self._links.get((i, j)) or self._make_link(i, j)

    def link_count(self) -> int:
        return len(self._pairs)

    def outlet(self, statement: Statement) -> str:
        return self._articles[statement.article_id].outlet_label

    def clusters(self) -> list[Cluster]:
        """Statements grouped into claims (see reader/xref/clusters.py), largest first."""
        from reader.xref.clusters import cohesive_clusters

        scores = {pair: result.score for pair, result in self._pairs.items()}
        article_of = {i: self._statements[i].article_id for pair in scores for i in pair}
        clusters = []
        for members in cohesive_clusters(scores, article_of):
            # The links inside, through each member's neighbours: walking every pair of
            # the corpus for every cluster made coverage quadratic in the corpus.
            inside = set(members)
            links = [
                ((i, j), self._pairs[(i, j)])
                for i in members
                for j in self._neighbours.get(i, ())
                if i < j and j in inside
            ]
            strength: dict[int, float] = defaultdict(float)
            for (i, j), result in links:
                strength[i] += result.score
                strength[j] += result.score
            statements = tuple(self._statements[i] for i in members)
            clusters.append(
                Cluster(
                    statements=statements,
                    carried=tuple(self._carried(s) for s in statements),
                    grade="same" if all(r.grade == "same" for _, r in links) else "related",
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
        if quote is not None and quote.kind.value in ("direct", "partial", "indirect"):
            how = {"direct": "direct quote", "partial": "partial quote"}.get(
                quote.kind.value, "indirect"
            )
        elif statement.quote_id is not None or _enclosed_in_quote_marks(article, statement):
            how = "direct quote"
        else:
            how = "paraphrase"
        return Carried(statement, article.outlet_label, how)

    def _link(self, here: int, there: int) -> Link:
        key = (here, there)
        if key not in self._links:
            self._links[key] = self._make_link(here, there)
        return self._links[key]

    def _make_link(self, here: int, there: int) -> Link:
        pair = self._pairs[(min(here, there), max(here, there))]
        source = self._statements[here]
        target = self._statements[there]
        source_match, target_match = aligned_spans(source.text, target.text)
        return Link(
            source=source,
            target=target,
            score=pair.score,
            grade=pair.grade or "",
            source_match=_shift(source_match, source.span.start),
            target_match=_shift(target_match, target.span.start),
        )


def _shift(span, offset: int):
    return type(span)(span.start + offset, span.end + offset)


def _enclosed_in_quote_marks(article: Article, statement: Statement) -> bool:
    before = article.text[max(0, statement.span.start - 1) : statement.span.start]
    return before in ('"', "\u201c", "\u2018", "\u00ab")


def cross_reference(
    corpus: Corpus, *, progress: Progress | None = None, cache: bool | Path = True
) -> CrossReference:
    """Link every statement of `corpus` to its matches in the other articles.

    `progress(done, total)` is called from the thread that runs this. With `cache`,
    results are kept in the user's cache directory (or in the SQLite file `cache`
    names), by article content: a second run on an unchanged corpus neither segments
    nor scores again, and a run after one article was added, edited or removed
    rescores only what the change touches (reader/xref/incremental.py). The links are
    the same with or without the cache.
    """
    if cache:
        from reader.xref.cache import default_cache_path
        from reader.xref.incremental import cross_reference_stored

        path = cache if isinstance(cache, Path) else default_cache_path()
        return cross_reference_stored(corpus, path, progress)
    total = max(2 * len(corpus.articles), 1)
    prepared = prepare(corpus, progress, total)
    statement_count = max(len(prepared.statements), 1)
    articles = len(corpus.articles)

    def searched(queries: int) -> None:
        if progress:
            progress(articles + articles * queries // statement_count, total)

    pairs = best_links(scored_pairs(prepared, searched), prepared.article_of)
    if progress:
        progress(total, total)
    return CrossReference(corpus, prepared.statements, pairs)
