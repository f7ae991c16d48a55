"""Candidate pairs: which statements are worth scoring against which.

Scoring every statement against every other is quadratic: 10,000 articles of 30
statements make 45 billion pairs. Like passim and TextPAIR, which find candidate
passages through shared n-grams before aligning them, this index keeps, for each term
rare enough to be evidence (canonical entity ids included), the statements holding it,
and a statement's candidates are those sharing such terms, ranked by the weight they
share. Only informative terms are indexed (see score.py: a pair needs two of them in
common, one a word, to be graded), so a pair the index does not see could not be
linked; common terms still count when a pair is scored.

The accumulation runs in numpy over blocks of queries, so a whole corpus is indexed
and searched in a few passes over flat arrays.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reader.xref.score import TermWeights, claim_overlap, is_entity
from reader.xref.settings import DEFAULT_SETTINGS, XrefSettings
from reader.xref.terms import StatementTerms

if TYPE_CHECKING:  # numpy itself is imported where the index is built or searched
    from numpy.typing import NDArray

    Array = NDArray[Any]

# Postings gathered in one pass: bounds the memory of a pass (about 40 bytes each).
_HITS_PER_PASS = 1_000_000


@dataclass
class CandidateIndex:
    """Postings of the corpus's rare terms, as flat arrays (CSR layout)."""

    statement_terms: Array  # per statement, its indexed term ids (CSR data)
    statement_starts: Array  # CSR offsets into statement_terms
    term_weights: Array  # idf of each indexed term
    term_is_entity: Array  # bool: which terms are entities (the score's channels)
    postings: Array  # per term, the statements holding it (CSR data)
    posting_starts: Array  # CSR offsets into postings
    article_of: Array  # the article number of each statement
    # Per statement and channel (row 0 words, row 1 entities): the weight of all its
    # terms, and of its common (unindexed) ones.
    total_weight: Array  # (2, statements)
    unindexed_weight: Array  # (2, statements)
    min_shared: int  # indexed terms a candidate must share with the query
    min_words: int  # ... of which words
    entity_share: float  # the weight of the entity channel in the score (settings)

    @classmethod
    def build(
        cls,
        terms: Sequence[StatementTerms],
        article_of: Sequence[int],
        weights: TermWeights,
        max_postings: int | None = None,
        settings: XrefSettings = DEFAULT_SETTINGS,
    ) -> CandidateIndex:
        import numpy as np

        count = len(terms)
        informative = settings.informative_limit(weights.total)
        vocabulary, row_ids, col_ids = term_entries(terms)
        df = np.bincount(col_ids, minlength=len(vocabulary))
        idf, entity = term_columns(vocabulary, weights)
        # The informative terms, as the scorer counts them (from the weights' rounded
        # statistics), or those held by at most `max_postings` statements.
        indexed = (
            cls.informative_columns(idf, weights) if max_postings is None else df <= max_postings
        )
        total_weight, unindexed_weight = statement_weights(
            row_ids, col_ids, idf, entity, indexed, count
        )
        keep = indexed[col_ids]
        # Every informative term indexed: a gradable pair shares two of them, one a word.
        return cls.from_entries(
            row_ids[keep],
            col_ids[keep],
            count,
            idf,
            entity,
            article_of,
            total_weight,
            unindexed_weight,
            complete=max_postings is None or max_postings >= informative,
            settings=settings,
        )

    @staticmethod
    def informative_columns(idf: Array, weights: TermWeights) -> Array:
        """Which columns (of `idf`, term_columns) hold informative terms, as the scorer
        counts them (from the weights' rounded statistics): the terms indexed."""
        import numpy as np

        return idf >= np.float32(weights.informative)

    @classmethod
    def from_entries(
        cls,
        row_ids: Array,
        col_ids: Array,
        count: int,
        idf: Array,
        entity: Array,
        article_of: Sequence[int] | Array,
        total_weight: Array,
        unindexed_weight: Array,
        complete: bool = True,
        settings: XrefSettings = DEFAULT_SETTINGS,
    ) -> CandidateIndex:
        """The index of the (statement row, indexed term column) entries given.

        `build` gives every entry of a corpus; a cluster partition (distributed.py)
        gives the postings of its queries' terms, with the weights of the statements
        in them computed where those statements live.
        """
        import numpy as np

        by_row = np.lexsort((col_ids, row_ids))
        statement_terms = col_ids[by_row]
        statement_starts = np.searchsorted(row_ids[by_row], np.arange(count + 1))
        by_col = np.lexsort((row_ids, col_ids))
        postings = row_ids[by_col]
        posting_starts = np.searchsorted(col_ids[by_col], np.arange(len(idf) + 1))
        return cls(
            statement_terms,
            statement_starts,
            idf,
            entity,
            postings,
            posting_starts,
            np.asarray(article_of, dtype=np.int64),
            np.asarray(total_weight, dtype=np.float32),
            np.asarray(unindexed_weight, dtype=np.float32),
            settings.min_shared if complete else 1,
            settings.min_shared_words if complete else 0,
            settings.entity_share,
        )

    def candidates(
        self,
        queries: Sequence[int] | Array | None = None,
        *,
        per_query: int | None = 100,
        later_only: bool = False,
        min_overlap: float = 0.0,
    ):
        """Yield (query, candidate ids, overlap bound) for each query statement.

        Candidates are statements of other articles sharing two indexed terms with
        the query, one of them a word, best `per_query` first by the bound of their
        overlap. A candidate whose score overlap with the query (`claim_overlap`)
        cannot reach `min_overlap`, even if every common term the index leaves out
        were shared, is dropped: it could not be graded. With
        `later_only`, only statements numbered after the query are returned, so that
        a whole-corpus pass sees each pair once.
        """
        import numpy as np

        count = len(self.statement_starts) - 1
        all_queries = np.arange(count) if queries is None else np.asarray(queries, np.int64)
        if len(all_queries) == 0:
            return
        # Cut the queries into passes of about _HITS_PER_PASS postings each.
        df = np.diff(self.posting_starts)
        hits = np.add.reduceat(
            np.concatenate((df[self.statement_terms], [0])),
            np.minimum(self.statement_starts[:-1], len(self.statement_terms)),
        )
        hits[np.diff(self.statement_starts) == 0] = 0
        cumulative = np.cumsum(hits[all_queries])
        cuts = np.searchsorted(
            cumulative, np.arange(1, cumulative[-1] // _HITS_PER_PASS + 1) * _HITS_PER_PASS
        )
        start = 0
        for cut in [*cuts.tolist(), len(all_queries)]:
            end = max(cut, start + 1) if cut < len(all_queries) else len(all_queries)
            if end > start:
                yield from self._block_candidates(
                    np, all_queries[start:end], per_query, later_only, min_overlap
                )
            start = end

    def _block_candidates(self, np, block, per_query, later_only, min_overlap):
        starts, ends = self.statement_starts[block], self.statement_starts[block + 1]
        lengths = ends - starts
        query_of_entry = np.repeat(np.arange(len(block)), lengths)
        entry_terms = self.statement_terms[_ranges(np, starts, lengths)]
        post_starts = self.posting_starts[entry_terms]
        post_lengths = self.posting_starts[entry_terms + 1] - post_starts
        hit_query = np.repeat(query_of_entry, post_lengths)
        hit_weight = np.repeat(self.term_weights[entry_terms], post_lengths)
        hit_entity = np.repeat(self.term_is_entity[entry_terms], post_lengths)
        hit_statement = self.postings[_ranges(np, post_starts, post_lengths)]

        query_ids = block[hit_query]
        keep = self.article_of[hit_statement] != self.article_of[query_ids]
        if later_only:
            keep &= hit_statement > query_ids
        hit_query, hit_statement = hit_query[keep], hit_statement[keep]
        hit_weight, hit_entity = hit_weight[keep], hit_entity[keep]
        if len(hit_query) == 0:
            for query in block:
                yield int(query), np.empty(0, np.int64), np.empty(0, np.float32)
            return
        keys = hit_query.astype(np.int64) * (len(self.article_of) + 1) + hit_statement
        unique, inverse = np.unique(keys, return_inverse=True)
        word_hit = ~hit_entity
        shared = np.stack(
            (
                np.bincount(inverse, weights=hit_weight * word_hit),
                np.bincount(inverse, weights=hit_weight * hit_entity),
            )
        )
        enough = (np.bincount(inverse) >= self.min_shared) & (
            np.bincount(inverse, weights=word_hit) >= self.min_words
        )
        unique, shared = unique[enough], shared[:, enough]
        pair_query = unique // (len(self.article_of) + 1)
        pair_statement = unique % (len(self.article_of) + 1)
        # Rank by the score's overlap the pair would have if it shared every common
        # term the index leaves out too: an upper bound, channel by channel.
        query_ids = block[pair_query]
        ceiling = shared + np.minimum(
            self.unindexed_weight[:, query_ids], self.unindexed_weight[:, pair_statement]
        )
        room = self.total_weight[:, query_ids] + self.total_weight[:, pair_statement]
        dice = 2 * ceiling / np.maximum(room, 1e-9)
        shared = np.where(
            room[1] > 0,
            claim_overlap(dice[0], dice[1], self.entity_share),
            claim_overlap(dice[0], 0, self.entity_share, with_entities=False),
        ).astype(np.float32)
        reachable = shared >= min_overlap
        pair_query, pair_statement, shared = (
            pair_query[reachable],
            pair_statement[reachable],
            shared[reachable],
        )
        bounds = np.searchsorted(pair_query, np.arange(len(block) + 1))
        for local, query in enumerate(block):
            lo, hi = bounds[local], bounds[local + 1]
            found, weight = pair_statement[lo:hi], shared[lo:hi]
            if per_query is not None and hi - lo > per_query:
                best = np.argpartition(-weight, per_query)[:per_query]
                found, weight = found[best], weight[best]
            order = np.argsort(-weight, kind="stable")
            yield int(query), found[order], weight[order]


def term_entries(terms: Sequence[StatementTerms]) -> tuple[dict[str, int], Array, Array]:
    """The vocabulary (term -> column), and a (row, column) entry for each distinct
    term of each statement, as two int64 arrays."""
    import numpy as np

    vocabulary: dict[str, int] = {}
    lengths = np.zeros(len(terms), dtype=np.int64)
    ids: list[int] = []
    for row, statement in enumerate(terms):
        unique = set(statement.terms)
        lengths[row] = len(unique)
        ids.extend(vocabulary.setdefault(term, len(vocabulary)) for term in unique)
    col_ids = np.asarray(ids, dtype=np.int64)
    row_ids = np.repeat(np.arange(len(terms), dtype=np.int64), lengths)
    return vocabulary, row_ids, col_ids


def term_columns(vocabulary: dict[str, int], weights: TermWeights) -> tuple[Array, Array]:
    """Per column: the term's idf (float32) and whether it is an entity."""
    import numpy as np

    idf = np.zeros(len(vocabulary), dtype=np.float32)
    entity = np.zeros(len(vocabulary), dtype=bool)
    for term, col in vocabulary.items():
        idf[col] = weights.idf.get(term, weights.unseen)
        entity[col] = is_entity(term)
    return idf, entity


def statement_weights(
    row_ids: Array, col_ids: Array, idf: Array, entity: Array, indexed: Array, count: int
) -> tuple[Array, Array]:
    """Per statement and channel (row 0 words, row 1 entities), float32: the weight of
    all its terms, and of those not indexed (`indexed` is per column)."""
    import numpy as np

    channel = entity[col_ids].astype(np.int64)
    cells = 2 * count
    total_weight = np.bincount(
        channel * count + row_ids, weights=idf[col_ids], minlength=cells
    ).reshape(2, count)
    out = ~indexed[col_ids]
    unindexed_weight = np.bincount(
        channel[out] * count + row_ids[out], weights=idf[col_ids[out]], minlength=cells
    ).reshape(2, count)
    return total_weight.astype(np.float32), unindexed_weight.astype(np.float32)


def _ranges(np, starts, lengths):
    """Indices start..start+length for each pair, concatenated."""
    total = int(lengths.sum())
    if total == 0:
        return np.empty(0, np.int64)
    offsets = np.repeat(starts - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths)
    return np.arange(total, dtype=np.int64) + offsets
