"""Cross-referencing on a Dask cluster: the local engine's stages, partitioned.

The local engine (crossref.py) runs: statements and terms -> document frequencies ->
an index of the informative terms -> candidates per statement -> scores -> the best
links per statement. Here each stage runs per partition, as Dask tasks:

1. articles in P contiguous partitions -> statements and terms (`prepare_articles`);
   statements get corpus-wide numbers, so every later stage orders them as the local
   engine does;
   copies (copies.py) are grouped across partitions: each statement's copy key goes to
   the shard of its terms, which keeps the first statement of each key; from then on,
   as locally, only representatives are counted, indexed and scored;
2. document frequencies: each partition counts its terms, cut into S term shards (by a
   stable hash of the term); a shard adds up its pieces once for the whole cluster and
   answers each partition with the frequencies of that partition's terms;
3. each partition weighs its statements (`TermWeights.from_counts` over the distinct
   statements, the index's `informative_columns` and `statement_weights`) and sends
   the postings of its informative terms to their shards, where they are merged by term;
4. candidates by term block: a partition asks each shard for the postings of its own
   queries' terms and runs the local engine's `CandidateIndex` on them, through the
   local `index_candidates` (every candidate that could be graded, no cap per query);
5. scoring: a partition fetches the terms of its candidates from the partitions that
   hold them and scores with `graded_candidates` (the local `score_pair`);
6. best links: each graded pair goes to the partitions of both its statements, which
   keep the best per statement and other article (`kept_pairs`); each kept pair goes
   back to the partition of its first statement.

Only terms, statement numbers, weights and scores travel between workers; the articles
go once, each to the worker preparing its partition. Every task is a pure function of
its inputs and the articles ride in the task that prepares them, so a worker lost
mid-run is made up for by Dask computing its tasks again: no link is lost or doubled.
Ties are broken as the local engine breaks them (candidate order, then query order),
so the links are the local engine's.

The client's side (connecting, submitting the stages, waiting) is in dask_client.py.
The functions here are the tasks: they import neither Dask nor anything of the UI.
"""

from __future__ import annotations

import operator
import zlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reader.model import Article, Corpus, Entity, Statement
from reader.xref.copies import copy_keys
from reader.xref.crossref import (
    NO_TERMS,
    graded_candidates,
    index_candidates,
    kept_pairs,
    prepare_articles,
)
from reader.xref.index import CandidateIndex, statement_weights, term_columns, term_entries
from reader.xref.score import PairScore, TermWeights, grade_rank
from reader.xref.settings import XrefSettings
from reader.xref.terms import StatementTerms

if TYPE_CHECKING:  # numpy itself is imported inside the tasks
    from numpy.typing import NDArray

    Array = NDArray[Any]


def shard_of(term: str, shards: int) -> int:
    # Python's hash() differs between worker processes; crc32 does not.
    return zlib.crc32(term.encode()) % shards


def worker_fingerprint() -> str:
    """The engine a worker runs (its code and libraries): the client's must match."""
    from reader.xref import cache

    return cache.engine_fingerprint()


# --- the stages, run on the workers ------------------------------------------------------


@dataclass
class PreparedPartition:
    terms: list[StatementTerms]
    article_of: list[int]  # corpus-wide article numbers
    captions: frozenset[int]  # positions (in this partition) of caption statements
    spans: list[tuple]  # (article id, index, start, end, quote id): statements, for the client
    copy_keys: list  # per statement, what its copies have equal (copies.copy_keys)
    first_id: int = 0  # the corpus-wide number of its first statement, once known
    # Per statement, the corpus-wide number of its copies' representative (copies.py):
    # only representatives are counted, weighed, indexed and scored, as locally.
    representative: list[int] | None = None

    def __sizeof__(self) -> int:
        return _terms_size(self.terms)


def prepare_partition(
    articles: Sequence[Article], entities: Mapping[str, Entity], first_article: int
) -> PreparedPartition:
    part = Corpus(tuple(articles), dict(entities))
    statements, terms, article_of, captions = prepare_articles(part, first_article)
    spans = [_span_of(s) for s in statements]
    return PreparedPartition(terms, article_of, captions, spans, copy_keys(terms, article_of))


def _terms_size(terms: list[StatementTerms]) -> int:
    # Dask places a task beside its largest inputs, by the size it measures; objects of
    # its own kind it measures with sys.getsizeof, which sees a few bytes here. Told
    # the truth (about 600 bytes a statement), it keeps each partition where it lives
    # instead of shipping it to the worker that holds a small reply.
    return 600 * len(terms)


def _span_of(statement: Statement) -> tuple:
    span = statement.span
    return (statement.article_id, statement.index, span.start, span.end, statement.quote_id)


def statement_count(part: PreparedPartition) -> int:
    return len(part.terms)


# Copies: a statement's key goes to the shard of its terms (equal keys have equal
# terms); the shard keeps the first statement number of each key; each partition
# learns the representative of its keyed statements.


def _copy_shard(key, shards: int) -> int:
    terms = key.terms if isinstance(key, StatementTerms) else key[2].terms
    return shard_of("\x1f".join(terms), shards)


def copy_pieces(part: PreparedPartition, first_id: int, shards: int) -> list[list]:
    """The partition's copy keys with their statement numbers, one list per shard."""
    pieces: list[list] = [[] for _ in range(shards)]
    for row, key in enumerate(part.copy_keys):
        if key is not None:
            pieces[_copy_shard(key, shards)].append((key, first_id + row))
    return pieces


def merge_copies(*pieces: list) -> dict:
    """Key -> its first statement (pieces come in partition order, numbers ascending)."""
    first: dict = {}
    for piece in pieces:
        for key, number in piece:
            first.setdefault(key, number)
    return first


def copy_reply(shard: dict, piece: list) -> dict[int, int]:
    return {number: shard[key] for key, number in piece}


def group_copies(part: PreparedPartition, first_id: int, *replies: dict[int, int]):
    """The partition with each statement's representative (corpus-wide numbers)."""
    found: dict[int, int] = {}
    for reply in replies:
        found.update(reply)
    numbers = range(first_id, first_id + len(part.terms))
    representative = [found.get(number, number) for number in numbers]
    return PreparedPartition(
        part.terms,
        part.article_of,
        part.captions,
        part.spans,
        [],  # the keys are spent: not kept in memory to the end of the run
        first_id,
        representative,
    )


def _is_representative(part: PreparedPartition, row: int) -> bool:
    return part.representative is None or part.representative[row] == part.first_id + row


def indexed_terms(part: PreparedPartition) -> list[StatementTerms]:
    """The terms the index holds: a copy's are its representative's, so none."""
    return [
        terms if _is_representative(part, row) else NO_TERMS for row, terms in enumerate(part.terms)
    ]


def distinct_count(part: PreparedPartition) -> int:
    """The statements the weights count: one per group of copies."""
    return sum(1 for row in range(len(part.terms)) if _is_representative(part, row))


def add(*counts: int) -> int:
    return sum(counts)


def representatives(part: PreparedPartition) -> list[int]:
    return list(part.representative or ())


def statement_spans(part: PreparedPartition) -> list[tuple]:
    return part.spans


def frequency_pieces(part: PreparedPartition, shards: int) -> list[dict[str, int]]:
    """The partition's document frequencies, one dict per term shard."""
    counts: Counter[str] = Counter()
    for terms in indexed_terms(part):
        counts.update(set(terms.terms))
    pieces: list[dict[str, int]] = [{} for _ in range(shards)]
    for term, count in counts.items():
        pieces[shard_of(term, shards)][term] = count
    return pieces


def merge_frequencies(*pieces: dict[str, int]) -> dict[str, int]:
    merged: Counter[str] = Counter()
    for piece in pieces:
        merged.update(piece)
    return dict(merged)


def frequency_reply(shard: dict[str, int], piece: dict[str, int]) -> dict[str, int]:
    """The corpus-wide frequencies of the terms one partition holds in this shard."""
    return {term: shard[term] for term in piece}


@dataclass
class WeighedPartition:
    terms: list[StatementTerms]
    article_of: list[int]
    first_id: int  # the corpus-wide number of the partition's first statement
    captions: frozenset[int]  # corpus-wide numbers of its caption statements
    weights: TermWeights  # for the partition's own terms
    total_weight: Array  # ndarray (2, statements), as the index computes it
    unindexed_weight: Array
    postings: list[dict[str, Array]]  # per shard: informative term -> statement numbers

    def __sizeof__(self) -> int:
        postings = sum(ids.nbytes + 60 for shard in self.postings for ids in shard.values())
        return _terms_size(self.terms) + 60 * len(self.weights.idf) + postings


def weigh_partition(
    part: PreparedPartition,
    first_id: int,
    total: int,
    shards: int,
    settings: XrefSettings,
    *replies: dict[str, int],
) -> WeighedPartition:
    import numpy as np

    counts: dict[str, int] = {}
    for reply in replies:
        counts.update(reply)
    weights = TermWeights.from_counts(counts, total, settings)
    vocabulary, row_ids, col_ids = term_entries(indexed_terms(part))
    idf, entity = term_columns(vocabulary, weights)
    indexed = CandidateIndex.informative_columns(idf, weights)
    total_weight, unindexed_weight = statement_weights(
        row_ids, col_ids, idf, entity, indexed, len(part.terms)
    )
    keep = indexed[col_ids]
    row_ids, col_ids = row_ids[keep], col_ids[keep]
    order = np.lexsort((row_ids, col_ids))
    row_ids, col_ids = row_ids[order], col_ids[order]
    starts = np.searchsorted(col_ids, np.arange(len(vocabulary) + 1))
    postings: list[dict[str, Array]] = [{} for _ in range(shards)]
    for term, col in vocabulary.items():
        if indexed[col]:
            postings[shard_of(term, shards)][term] = (
                row_ids[starts[col] : starts[col + 1]] + first_id
            )
    captions = frozenset(first_id + row for row in part.captions)
    return WeighedPartition(
        part.terms,
        part.article_of,
        first_id,
        captions,
        weights,
        total_weight,
        unindexed_weight,
        postings,
    )


@dataclass
class PostingsPiece:
    """Postings sent to one shard, with what the index needs of each statement in them."""

    postings: dict[str, Array]  # term -> ascending statement numbers
    statements: Array  # ndarray: statement numbers, ascending
    article_of: Array  # ndarray
    total_weight: Array  # ndarray (2, n)
    unindexed_weight: Array

    def __sizeof__(self) -> int:
        postings = sum(ids.nbytes + 60 for ids in self.postings.values())
        return postings + 40 * len(self.statements)


def postings_piece(weighed: WeighedPartition, shard: int) -> PostingsPiece:
    import numpy as np

    postings = weighed.postings[shard]
    if postings:
        ids = np.unique(np.concatenate(list(postings.values())))
    else:
        ids = np.empty(0, np.int64)
    return _piece(postings, ids, weighed)


def _piece(postings, ids, weighed: WeighedPartition) -> PostingsPiece:
    import numpy as np

    rows = ids - weighed.first_id
    return PostingsPiece(
        postings,
        ids,
        np.asarray(weighed.article_of, dtype=np.int64)[rows],
        weighed.total_weight[:, rows],
        weighed.unindexed_weight[:, rows],
    )


def merge_postings(*pieces: PostingsPiece) -> PostingsPiece:
    """A shard's postings: pieces come in partition order, so statement numbers stay
    ascending when concatenated."""
    import numpy as np

    by_term: dict[str, list] = {}
    for piece in pieces:
        for term, ids in piece.postings.items():
            by_term.setdefault(term, []).append(ids)
    return PostingsPiece(
        {term: np.concatenate(parts) for term, parts in by_term.items()},
        *_concatenated_statements(pieces),
    )


def _concatenated_statements(pieces: Sequence[PostingsPiece]):
    import numpy as np

    ids = np.concatenate([p.statements for p in pieces] or [np.empty(0, np.int64)])
    unique, first = np.unique(ids, return_index=True)
    article_of = np.concatenate([p.article_of for p in pieces] or [np.empty(0, np.int64)])
    total = np.concatenate([p.total_weight for p in pieces] or [np.empty((2, 0))], axis=1)
    unindexed = np.concatenate([p.unindexed_weight for p in pieces] or [np.empty((2, 0))], axis=1)
    return unique, article_of[first], total[:, first], unindexed[:, first]


def postings_reply(shard: PostingsPiece, request: PostingsPiece) -> PostingsPiece:
    """The corpus-wide postings of the terms a partition asked about (the terms of its
    own piece), with the statements in them.

    Of each term's postings, only the statements from the partition's first holding
    it on: the candidates of a statement come after it (each pair is looked at once,
    from its first statement, as the local engine does), so the earlier ones could be
    nobody's candidate here. Cutting them halves, on average, what each partition's
    index holds, and changes no candidate."""
    import numpy as np

    postings = {}
    for term, own in request.postings.items():
        ids = shard.postings[term]
        postings[term] = ids[ids.searchsorted(own[0]) :]  # the method: no numpy wrapper
    if not postings:
        return PostingsPiece({}, *(np.empty(0, np.int64), np.empty(0, np.int64)), *_no_weights())
    ids = np.unique(np.concatenate(list(postings.values())))
    rows = np.searchsorted(shard.statements, ids)
    return PostingsPiece(
        postings,
        ids,
        shard.article_of[rows],
        shard.total_weight[:, rows],
        shard.unindexed_weight[:, rows],
    )


def _no_weights():
    import numpy as np

    return np.empty((2, 0), np.float32), np.empty((2, 0), np.float32)


def partition_candidates(
    weighed: WeighedPartition, settings: XrefSettings, *replies: PostingsPiece
) -> dict[int, Array]:
    """Query statement number -> its candidates (statement numbers, best first), for
    the partition's statements, as the local engine's index finds them."""
    import numpy as np

    own = np.arange(len(weighed.terms), dtype=np.int64) + weighed.first_id
    own_piece = _piece({}, own, weighed)
    statements, article_of, total, unindexed = _concatenated_statements([own_piece, *replies])
    # Each term is in one shard's reply only: its column is its place among them all.
    vocabulary: dict[str, int] = {}
    id_parts: list[Array] = []
    lengths: list[int] = []
    for reply in replies:
        for term in reply.postings:
            vocabulary[term] = len(vocabulary)
        id_parts.extend(reply.postings.values())
        lengths.extend(len(ids) for ids in reply.postings.values())
    empty = np.empty(0, np.int64)
    row_ids = np.searchsorted(statements, np.concatenate(id_parts or [empty])).astype(np.int64)
    col_ids = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
    idf, entity = term_columns(vocabulary, weighed.weights)
    # Local rows are numbered in the corpus's order, so the index orders candidates and
    # breaks ties exactly as it does over the whole corpus.
    index = CandidateIndex.from_entries(
        row_ids,
        col_ids,
        len(statements),
        idf,
        entity,
        article_of,
        total,
        unindexed,
        settings=settings,
    )
    queries = np.searchsorted(statements, own)
    found = {}
    for query, candidates, _ in index_candidates(index, queries, settings, later_only=True):
        found[int(statements[query])] = statements[candidates]
    return found


def terms_reply(
    weighed: WeighedPartition, found: dict[int, Array], bounds: Sequence[int], partition: int
):
    """Of the candidates in `found`, those this partition holds (statements
    bounds[partition]..bounds[partition + 1]): their terms, the idf of each of their
    terms, their articles and which of them are captions."""
    import numpy as np

    low, high = bounds[partition], bounds[partition + 1]
    every = np.concatenate([np.empty(0, np.int64), *found.values()])
    wanted = set(np.unique(every[(every >= low) & (every < high)]).tolist())
    terms = {n: weighed.terms[n - weighed.first_id] for n in wanted}
    idf = weighed.weights.idf
    weights = {t: idf[t] for statement in terms.values() for t in statement.terms}
    articles = {n: weighed.article_of[n - weighed.first_id] for n in wanted}
    return terms, weights, articles, weighed.captions & wanted


@dataclass(frozen=True)
class GradedPair:
    pair: tuple[int, int]
    articles: tuple[int, int]
    rank: int  # the second statement's place among the first one's candidates
    score: PairScore


def score_partition(
    weighed: WeighedPartition, found: dict[int, Array], settings: XrefSettings, *replies
) -> list:
    """The graded pairs whose first statement is in this partition, in the order the
    local engine grades them, scored by the local engine's own code."""
    terms: dict[int, StatementTerms] = {}
    idf = dict(weighed.weights.idf)
    articles: dict[int, int] = {}
    captions = set(weighed.captions)
    for reply_terms, reply_weights, reply_articles, reply_captions in replies:
        terms.update(reply_terms)
        idf.update(reply_weights)
        articles.update(reply_articles)
        captions |= reply_captions
    for row, statement in enumerate(weighed.terms):
        terms[row + weighed.first_id] = statement
        articles[row + weighed.first_id] = weighed.article_of[row]
    weights = TermWeights(idf, weighed.weights.unseen, weighed.weights.informative)
    queries = ((query, found[query], None) for query in sorted(found))
    graded = []
    for _, query, graded_here in graded_candidates(queries, terms, weights, settings, captions):
        for other, rank, result in graded_here:
            graded.append(
                GradedPair((query, other), (articles[query], articles[other]), rank, result)
            )
    return graded


def _owner(bounds: Sequence[int], statement: int) -> int:
    import bisect

    return bisect.bisect_right(bounds, statement) - 1


def route_graded(graded: list[GradedPair], bounds: Sequence[int]) -> list[list]:
    """Each graded pair, to the partitions of both its statements."""
    routed: list[list] = [[] for _ in range(len(bounds) - 1)]
    for item in graded:
        i, j = item.pair
        key = (grade_rank(item.score.grade), item.score.score)
        order = (i, item.rank)
        routed[_owner(bounds, i)].append((order, i, item.articles[1], key, item.pair))
        routed[_owner(bounds, j)].append((order, j, item.articles[0], key, item.pair))
    return routed


def keep_best(
    bounds: Sequence[int], per_article: int, *pieces: list
) -> list[list[tuple[int, int]]]:
    """The pairs kept for this partition's statements, sent to the partition of each
    pair's first statement."""
    entries = sorted((entry for piece in pieces for entry in piece), key=operator.itemgetter(0))
    kept = kept_pairs((entry[1:] for entry in entries), per_article)
    routed: list[list] = [[] for _ in range(len(bounds) - 1)]
    for pair in kept:
        routed[_owner(bounds, pair[0])].append(pair)
    return routed


def final_links(graded: list[GradedPair], *kept: list) -> list[tuple[int, int, PairScore]]:
    chosen = {pair for piece in kept for pair in piece}
    return sorted((g.pair[0], g.pair[1], g.score) for g in graded if g.pair in chosen)


# What the local link cache keeps of a run (cache.Run, cluster_cache.py): every graded
# pair, each statement's terms, the term counts and the statement count of the weights.


def graded_pairs(graded: list[GradedPair]) -> list[tuple[int, int, PairScore]]:
    """The partition's graded pairs, in the order the local engine grades them."""
    return [(g.pair[0], g.pair[1], g.score) for g in graded]


def statement_terms(part: PreparedPartition) -> list[StatementTerms]:
    return part.terms


def weights_total(weighed: WeighedPartition) -> int:
    return weighed.weights.total
