"""Cross-referencing a whole corpus: every statement against the other articles."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
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
    Mention,
    QuoteKind,
    Span,
    Statement,
)
from reader.statements import quote_covering, segment_article, statement_at
from reader.xref.copies import COPY_LINKS_UP_TO, COPY_SCORE, Copies, copy_groups
from reader.xref.diff import aligned_spans
from reader.xref.graded import GradedPairs, LinkScores, Neighbours
from reader.xref.index import CandidateIndex
from reader.xref.score import (
    PairScore,
    StatementProfile,
    TermWeights,
    grade_rank,
    score_pair,
    score_profiles,
)
from reader.xref.settings import DEFAULT_SETTINGS, XrefSettings
from reader.xref.terms import (
    LocatedTerms,
    StatementTerms,
    article_terms,
    located_terms,
    mentions_inside,
)

if TYPE_CHECKING:
    from reader.xref.why import Why

Progress = Callable[[int, int], None]
# Statements whose located terms (for `why`) are kept at once.
LOCATED_KEPT = 50_000
MENTIONS_KEPT = 2_000  # ... and articles whose mentions are
# What the scorer gives two statements with the same terms.
COPY_PAIR = PairScore(COPY_SCORE, LinkGrade.SAME, 1.0, ())
NO_TERMS = StatementTerms((), (), frozenset(), frozenset(), frozenset(), frozenset())


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
    # the pairs inside graded `same` (a claim is mostly `related` as a whole, and its
    # `same` pairs would vanish behind that grade)
    same: tuple[tuple[Statement, Statement], ...] = ()

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
    # How many statements hold each term: what the weights were computed from.
    holding: Counter[str] = field(default_factory=Counter)
    # For each statement, the one representing its copies (reader/xref/copies.py):
    # only representatives are weighed, indexed and scored.
    representative: list[int] = field(default_factory=list)

    def indexed_terms(self) -> list[StatementTerms]:
        """The terms the index holds: a copy's are its representative's, so none."""
        if not self.representative:
            return self.terms
        return [
            terms if self.representative[n] == n else NO_TERMS for n, terms in enumerate(self.terms)
        ]


# Stage 1: prepare (segmentation and terms, per article), then the corpus's weights.


def prepare(
    corpus: Corpus,
    progress: Progress | None = None,
    total: int = 0,
    settings: XrefSettings = DEFAULT_SETTINGS,
    stored: Mapping[str, tuple[list[Statement], list[StatementTerms]]] | None = None,
) -> PreparedCorpus:
    """Statements and terms of every article, and the term weights of the corpus.

    `stored` maps article ids to statements and terms computed before for the same
    content (reader/xref/cache.py): those articles are not segmented again.
    """
    statements, terms, article_of, captions = prepare_articles(
        corpus, progress=progress, total=total, stored=stored
    )
    # Weights count each group of copies once: a story carried by 5,000 outlets does
    # not make its words common.
    representative = copy_groups(terms, article_of)
    holding: Counter[str] = Counter()
    distinct = 0
    for number, statement in enumerate(terms):
        if representative[number] == number:
            holding.update(set(statement.terms))
            distinct += 1
    weights = TermWeights.from_counts(holding, distinct, settings)
    return PreparedCorpus(
        statements,
        terms,
        article_of,
        weights,
        settings,
        captions,
        holding=holding,
        representative=representative,
    )


def prepare_articles(
    corpus: Corpus,
    first_number: int = 0,
    progress: Progress | None = None,
    total: int = 0,
    stored: Mapping[str, tuple[list[Statement], list[StatementTerms]]] | None = None,
) -> tuple[list[Statement], list[StatementTerms], list[int], frozenset[int]]:
    """The statements of the corpus's articles, their terms, the number of each one's
    article (counted from `first_number`) and the positions of caption statements: for a
    whole corpus, or for one partition of one (a Corpus of some of its articles and the
    whole catalogue; distributed.py). Articles in `stored` are not segmented again."""
    matcher: AliasMatcher | None = None
    statements: list[Statement] = []
    terms: list[StatementTerms] = []
    article_of: list[int] = []
    captions: set[int] = set()
    for number, article in enumerate(corpus.articles, first_number):
        known = stored.get(article.id) if stored else None
        if known is None:
            if not article.mentions and corpus.entities and matcher is None:
                matcher = alias_matcher(corpus)
            mentions = scored_mentions(article, corpus, matcher)
            found = segment_article(article)
            known = found, article_terms(article, found, corpus.entities, mentions)
        for statement in known[0]:
            if _in_caption(article, statement):
                captions.add(len(statements))
            statements.append(statement)
        terms.extend(known[1])
        article_of.extend([number] * len(known[0]))
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


# Stages 2 and 3: candidates from the index, then scores.


def scored_mentions(article: Article, corpus: Corpus, matcher: AliasMatcher | None):
    """The mentions scoring reads: the annotations, or, for an article without any,
    the catalogue's aliases found in its text (`matcher` is built when None)."""
    if article.mentions or not corpus.entities:
        return article.mentions
    matcher = matcher or alias_matcher(corpus)
    return tuple(matcher.mentions(article.text))


def scored_pairs(
    prepared: PreparedCorpus,
    progress: Callable[[int], None] | None = None,
    index: CandidateIndex | None = None,
    queries: Sequence[int] | None = None,
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
    terms, weights, settings = prepared.terms, prepared.weights, prepared.settings
    if index is None:
        index = CandidateIndex.build(
            prepared.indexed_terms(), prepared.article_of, weights, settings=settings
        )
    found_candidates = index_candidates(
        index, queries, settings, later_only=queries is None, per_query=per_query
    )
    if queries is not None:
        found_candidates = _each_pair_once(found_candidates, queries, len(terms))
    graded: dict[tuple[int, int], PairScore] = {}
    for n, query, graded_here in graded_candidates(
        found_candidates, terms, weights, settings, prepared.captions
    ):
        for other, _, result in graded_here:
            graded[(min(query, other), max(query, other))] = result
        if progress and n % 1024 == 0:
            progress(n)
    return graded


def _each_pair_once(found_candidates, queries: Sequence[int], count: int):
    """The candidates of each query less the earlier queries: a pair of two queries is
    scored once, from its later statement's side (an incremental run's queries are
    often neighbours)."""
    import numpy as np

    asked = np.zeros(count, dtype=bool)
    asked[np.asarray(queries, dtype=np.int64)] = True
    for query, found, bounds in found_candidates:
        keep = ~(asked[found] & (found < query))
        yield query, found[keep], bounds[keep]


def index_candidates(
    index: CandidateIndex,
    queries: Sequence[int] | Any | None,
    settings: XrefSettings,
    *,
    later_only: bool,
    per_query: int | None = None,
):
    """The candidates scoring looks at: every one that could be graded (no cap per
    query), for the local engine and a cluster partition (distributed.py) alike."""
    return index.candidates(
        queries,
        later_only=later_only,
        min_overlap=settings.related_score / 100,
        per_query=per_query,
    )


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
    Each statement is profiled once (score.StatementProfile), however many candidates
    it meets.
    """
    profiles: dict[int, StatementProfile] = {}

    def profile(number: int) -> StatementProfile:
        found = profiles.get(number)
        if found is None:
            found = profiles[number] = StatementProfile(terms[number], weights, settings)
        return found

    for n, (query, found, _) in enumerate(found_candidates, 1):
        graded_here: list[tuple[int, int, PairScore]] = []
        if not len(found):  # most statements have no candidate: none profiled for nothing
            yield n, query, graded_here
            continue
        mine = profile(query)
        for rank, other in enumerate(found.tolist()):
            # always as (earlier, later): the same floats whichever side asks, so an
            # incremental run (incremental.py) gives a whole run's scores exactly
            theirs = profile(other)
            first, second = (mine, theirs) if query < other else (theirs, mine)
            result = score_profiles(first, second, weights, settings)
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
    graded: Mapping[tuple[int, int], PairScore] | GradedPairs,
    article_of: Sequence[int],
    per_article: int = DEFAULT_SETTINGS.links_per_article,
) -> LinkScores:
    """The pairs among the `per_article` best that either statement has in the other
    statement's article: `kept_pairs` over every graded pair, in numpy (a corpus of
    1,000 articles grades 260,000 pairs, and an incremental run chooses among all of
    them again). The order of `graded` does not matter; the links come in pair order."""
    if not isinstance(graded, GradedPairs):
        graded = GradedPairs.of(graded)
    return LinkScores(graded.take(best_link_rows(graded, article_of, per_article)))


def best_link_rows(graded: GradedPairs, article_of: Sequence[int], per_article: int):
    """The rows of `graded` that `best_links` keeps, in pair order."""
    return link_rows(graded, link_sides(graded, article_of, per_article))


def link_rows(graded: GradedPairs, sides):
    """The rows that are links by their `sides` (link_sides), in pair order."""
    import numpy as np

    kept = np.flatnonzero(sides)
    return kept[np.lexsort((graded.second[kept], graded.first[kept]))]


def link_sides(
    graded: GradedPairs,
    article_of: Sequence[int],
    per_article: int,
    touched=None,
    before=None,
):
    """For each row of `graded`, on which side it is among the `per_article` best that
    a statement has in another article: bit 1 for its first statement's, bit 2 for its
    second's (a link is a row with either). Among equal grades and scores the lower
    pair wins, so the order of the rows does not matter.

    With `touched` (a bool per statement) and `before` (each row's sides as they were,
    0 for new rows), only the touched statements' sides are ranked again: a statement
    none of whose pairs changed keeps its best. An incremental run changes the pairs
    of a few hundred statements of tens of thousands.
    """
    import numpy as np

    first, second = graded.first.astype(np.int64), graded.second.astype(np.int64)
    articles = np.asarray(article_of, dtype=np.int64)
    if touched is None:
        on_first = on_second = np.arange(len(graded))
        sides = np.zeros(len(graded), dtype=np.uint8)
    else:
        on_first = np.flatnonzero(touched[first])
        on_second = np.flatnonzero(touched[second])
        sides = np.asarray(before, dtype=np.uint8).copy()
        sides[on_first] &= ~np.uint8(1)
        sides[on_second] &= ~np.uint8(2)
    # each row counts for its statement on each side, against the other's article
    rows = np.concatenate((on_first, on_second))
    statement = np.concatenate((first[on_first], second[on_second]))
    other = np.concatenate((articles[second[on_first]], articles[first[on_second]]))
    bit = np.concatenate(
        (np.full(len(on_first), 1, np.uint8), np.full(len(on_second), 2, np.uint8))
    )
    if not len(rows):
        return sides
    # by (statement, other article), best first; among equal keys the lower pair
    by = np.lexsort(
        (second[rows], first[rows], -graded.score[rows], -graded.ranks()[rows], other, statement)
    )
    statement, other = statement[by], other[by]
    starts = np.flatnonzero(
        np.concatenate(([True], (statement[1:] != statement[:-1]) | (other[1:] != other[:-1])))
    )
    place = np.arange(len(by)) - np.repeat(starts, np.diff(np.append(starts, len(by))))
    best = by[place < per_article]
    np.bitwise_or.at(sides, rows[best], bit[best])
    return sides


def kept_pairs(
    entries: Iterable[tuple[int, int, tuple[int, float], tuple[int, int]]],
    per_article: int = DEFAULT_SETTINGS.links_per_article,
) -> set[tuple[int, int]]:
    """The pairs among the `per_article` best of each (statement, other article).

    `entries` yields (statement, the other statement's article, rank key, pair), in any
    order: among equal keys the pair of the lower statement numbers stays, so an
    incremental run (which grades the pairs in another order) keeps what a whole run
    keeps. `best_links` is the same rule in numpy.
    """
    ranked: dict[tuple[int, int], list[tuple[tuple, tuple[int, int]]]] = defaultdict(list)
    for statement, other_article, key, pair in entries:
        ranked[(statement, other_article)].append((key, pair))
    kept: set[tuple[int, int]] = set()
    for candidates in ranked.values():
        candidates.sort(key=lambda item: (-item[0][0], -item[0][1], item[1]))
        kept.update(pair for _, pair in candidates[:per_article])
    return kept


class CrossReference:
    """The links of a corpus, and the statements they join."""

    def __init__(
        self,
        corpus: Corpus,
        statements: list[Statement],
        pairs: Mapping[tuple[int, int], PairScore],
        settings: XrefSettings = DEFAULT_SETTINGS,
        *,
        complete: bool = True,
        notes: list[str] | None = None,
        representative: list[int] | None = None,
    ):
        self.corpus = corpus
        self.settings = settings
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
        self._pairs: Mapping[tuple[int, int], PairScore] = pairs
        self._linked: dict[int, list[int]] | Neighbours | None = None
        self._links: dict[tuple[int, int], Link] = {}
        self._matched = True  # links come with their aligned passages (without_matches)
        self._matcher: AliasMatcher | None = None
        self._mentions: dict[str, Sequence[Mention]] = {}
        self._located_terms: dict[tuple[str, int], LocatedTerms] = {}
        # Copies (reader/xref/copies.py): each member's representative, and the
        # members of each group of more than one.
        self._representative: dict[int, int] = {}
        self._members: dict[int, list[int]] = defaultdict(list)
        for number, first in enumerate(representative or ()):
            if first != number:
                self._representative[number] = first
                if not self._members[first]:
                    self._members[first].append(first)
                self._members[first].append(number)

    @property
    def _neighbours(self) -> dict[int, list[int]] | Neighbours:
        """The statements each statement is linked to (built when first asked: a
        command that prints nothing, or one article's links, needs little of it)."""
        if self._linked is None and isinstance(self._pairs, LinkScores):
            self._linked = self._pairs.neighbours()
        if self._linked is None:
            linked: dict[int, list[int]] = defaultdict(list)
            for i, j in self._pairs:
                linked[i].append(j)
                linked[j].append(i)
            self._linked = linked
        return self._linked

    @property
    def copy_groups(self) -> list[list[int]]:
        """Each group of copies (statement numbers, representative first)."""
        return [list(members) for members in self._members.values()]

    def copies_of(self, statement: Statement) -> list[Copies]:
        """The other statements that are copies of `statement`, by outlet, the outlet
        with most copies first."""
        here = self._position.get((statement.article_id, statement.index))
        if here is None:
            return []
        members = self._members.get(self._representative.get(here, here), ())
        by_outlet: dict[str, list[Statement]] = defaultdict(list)
        for number in members:
            if number != here:
                other = self._statements[number]
                by_outlet[self._articles[other.article_id].outlet_label].append(other)
        groups = [Copies(outlet, tuple(found)) for outlet, found in by_outlet.items()]
        return sorted(groups, key=lambda group: (-group.count, group.outlet))

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
        article = statement.article_id
        first = self._representative.get(here, here)  # a copy has its original's links
        targets = [t for there in self._neighbours.get(first, ()) for t in self._shown(there)]
        group = self._members.get(first, ())
        if len(group) <= COPY_LINKS_UP_TO:  # else its copies are a group (copies_of)
            targets += [t for t in group if t != here]
        targets = [t for t in targets if self._statements[t].article_id != article]
        links = [self._link(here, there) for there in targets]
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
        for i, j in self._link_pairs():
            yield self._links.get((i, j)) or self._make_link(i, j)

    def _link_pairs(self) -> list[tuple[int, int]]:
        """Every linked pair once (i < j): the scored pairs, and through copies shown
        as links, the same pairs from each copy, and the copies to each other."""
        pairs = set()
        scored = list(self._pairs) + [(first, first) for first in self._members]
        for i, j in scored:
            for a in self._shown(i):
                for b in self._shown(j):
                    if self._statements[a].article_id != self._statements[b].article_id:
                        pairs.add((a, b) if a < b else (b, a))
        return sorted(pairs)

    def _shown(self, first: int) -> list[int] | tuple[int, ...]:
        """The statements a link to statement `first` (the first of its copies) goes to:
        each copy, when the group is small enough to show as links
        (copies.COPY_LINKS_UP_TO); else the first alone, its copies a group."""
        members = self._members.get(first)
        if members is None or len(members) > COPY_LINKS_UP_TO:
            return (first,)
        return members

    def link_count(self) -> int:
        return len(self._link_pairs())

    def why(self, link: Link) -> Why:
        """What `link` rests on: the terms both statements share (entities by their
        catalogue name, with every spelling's span) and the specifics that conflict,
        read exactly as the scorer reads them."""
        from reader.xref.why import explain

        source, target = self._located(link.source), self._located(link.target)
        text = self._articles[link.source.article_id].text
        return explain(source, target, self.corpus.entities, self.settings, text)

    def _located(self, statement: Statement) -> LocatedTerms:
        # An export explains every link, and a statement is an end of ten links on
        # average: read once, and its article's mentions found once (an article
        # without annotations is searched for the catalogue's names whole).
        key = (statement.article_id, statement.index)
        found = self._located_terms.get(key)
        if found is not None:
            return found
        article = self._articles[statement.article_id]
        mentions = self._mentions.get(article.id)
        if mentions is None:
            if len(self._mentions) >= MENTIONS_KEPT:
                self._mentions.clear()
            if not article.mentions and self.corpus.entities and self._matcher is None:
                self._matcher = alias_matcher(self.corpus)
            mentions = self._mentions[article.id] = scored_mentions(
                article, self.corpus, self._matcher
            )
        inside = mentions_inside(mentions, statement.span)
        found = located_terms(article.text, statement.span, inside, self.corpus.entities)
        if len(self._located_terms) >= LOCATED_KEPT:
            self._located_terms.clear()  # memory bounded, whatever the corpus
        self._located_terms[key] = found
        return found

    def outlet(self, statement: Statement) -> str:
        return self._articles[statement.article_id].outlet_label

    def clusters(self, progress: Progress | None = None) -> list[Cluster]:
        """Statements grouped into claims (see reader/xref/clusters.py), largest first.
        `progress(done, total)` is called now and then from the thread that runs it."""
        from reader.xref.clusters import cohesive_clusters

        pairs = self._pairs
        if isinstance(pairs, LinkScores):
            scores = pairs.scores()
        else:
            scores = {pair: result.score for pair, result in pairs.items()}
        article_of = {i: self._statements[i].article_id for pair in scores for i in pair}
        clusters = []
        grouped = cohesive_clusters(scores, article_of, self.settings.min_cohesion, progress)
        for members in grouped:
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
            # A sentence an outlet ran word for word in several articles is carried
            # once: short ones are not grouped as copies (copies.MIN_COPY_TERMS), and
            # would count as often as the outlet reprinted them.
            carried, wordings = [], set()
            for statement in statements:
                wording = (self.outlet(statement), " ".join(statement.text.casefold().split()))
                if wording not in wordings:
                    wordings.add(wording)
                    carried.append(self._carried(statement))
            # Copies count once per outlet: the outlets that carried the claim as a
            # copy of one of these statements, and did not carry it otherwise.
            outlets = {c.outlet for c in carried}
            for i in members:
                for number in self._members.get(i, ()):
                    copy = self._statements[number]
                    outlet = self._articles[copy.article_id].outlet_label
                    if outlet not in outlets:
                        outlets.add(outlet)
                        carried.append(self._carried(copy))
            clusters.append(
                Cluster(
                    statements=statements,
                    carried=tuple(carried),
                    grade=LinkGrade.SAME
                    if all(r.grade is LinkGrade.SAME for _, r in links)
                    else LinkGrade.RELATED,
                    centre=self._statements[max(members, key=lambda i: (strength[i], -i))],
                    same=tuple(
                        (self._statements[i], self._statements[j])
                        for (i, j), result in links
                        if result.grade is LinkGrade.SAME
                    ),
                )
            )
        # A story carried only as copies is linked to nothing, and is still a claim
        # several outlets carried.
        clustered = {s for c in clusters for s in c.statements}
        for first, members in self._members.items():
            statement = self._statements[first]
            if statement in clustered:
                continue
            carried, outlets = [], set()
            for number in members:
                copy = self._statements[number]
                if self._articles[copy.article_id].outlet_label not in outlets:
                    outlets.add(self._articles[copy.article_id].outlet_label)
                    carried.append(self._carried(copy))
            if len(carried) > 1:
                clusters.append(Cluster((statement,), tuple(carried), LinkGrade.SAME, statement))
        clusters.sort(
            key=lambda c: (-len({x.statement.article_id for x in c.carried}), -len(c.statements))
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
            self._links[key] = self._make_link(here, there)
        return self._links[key]

    def _make_link(self, here: int, there: int) -> Link:
        # Copies have their group's scores: the first's, or the score of equal terms.
        a = self._representative.get(here, here)
        b = self._representative.get(there, there)
        pair = COPY_PAIR if a == b else self._pairs[(min(a, b), max(a, b))]
        assert pair.grade is not None  # only graded pairs are kept
        source = self._statements[here]
        target = self._statements[there]
        if not self._matched:
            return Link(source, target, pair.score, pair.grade)
        source_match, target_match = aligned_spans(source.text, target.text)
        return Link(
            source=source,
            target=target,
            score=pair.score,
            grade=pair.grade,
            source_match=shift_span(source_match, source.span.start),
            target_match=shift_span(target_match, target.span.start),
        )

    def without_matches(self) -> None:
        """Make links without their aligned passages (`source_match`, `target_match`
        None) from now on: the alignment is most of the cost of a link, and a table
        or CSV export of every link shows no passage."""
        self._matched = False
        self._links.clear()


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
    names), keyed by the article contents and `settings`: a second run on an
    unchanged corpus neither segments nor scores again, and a run after one article
    was added, edited or removed rescores only what the change touches
    (reader/xref/incremental.py). The links are the same with or without the cache.
    """
    if cache:
        from reader.xref.cache import default_cache_path
        from reader.xref.incremental import cross_reference_stored

        path = cache if isinstance(cache, Path) else default_cache_path()
        return cross_reference_stored(corpus, path, progress, settings)
    total = max(2 * len(corpus.articles), 1)
    prepared = prepare(corpus, progress, total, settings)
    statement_count = max(len(prepared.statements), 1)
    articles = len(corpus.articles)

    def searched(queries: int) -> None:
        if progress:
            progress(articles + articles * queries // statement_count, total)

    pairs = best_links(
        scored_pairs(prepared, searched), prepared.article_of, settings.links_per_article
    )
    if progress:
        progress(total, total)
    return CrossReference(
        corpus, prepared.statements, pairs, settings, representative=prepared.representative
    )
