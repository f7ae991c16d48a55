"""The cross-referencing engine's tuning constants, in one frozen value.

`cross_reference(corpus, settings=...)` takes them, so an experiment (the sweep in
benchmarks/xref_devset.py) runs the engine with other values without patching any
module. The defaults were chosen on the development sets (tests/devset/) with
leave-one-article-out checks; docs/xref.md gives the figures and what each one does.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class XrefSettings:
    # `related`: the same claim paraphrased, a score (0..100) of at least this.
    related_score: float = 20.0
    # The weight of the entity channel against the words' (1.0) in the score.
    entity_share: float = 1.0
    # `same`: most of the weighted terms shared (same_overlap) by statements of a like
    # size, or one clause of each (same_clause: a readout quoted in full by one outlet
    # and in part inside a longer sentence by the other).
    same_overlap: float = 0.40
    same_clause: float = 0.60
    # A short statement inside a long one (a headline against a caption) is not the
    # long one reported twice: statements (or clauses) are `same` only when the smaller
    # holds at least this share of the larger's weight.
    same_size_ratio: float = 0.5
    # Disagreeing specifics (another date, number, place) scale the score by this.
    conflict_factor: float = 0.7
    # A statement with fewer content terms than this ("he said.") links to nothing.
    min_terms: int = 3
    # One shared word is chance, however rare: a link needs this many shared
    # informative terms, at least min_shared_words of them words, not entities.
    min_shared: int = 2
    min_shared_words: int = 1
    # A term is informative when at most informative_share of the statements hold it,
    # and never when more than informative_ceiling do (the candidate index holds
    # exactly the informative terms, and a query's work grows with their postings); in
    # a small corpus document frequencies cannot tell a topic word from a common one,
    # so every term held by up to informative_floor statements is informative.
    informative_share: float = 0.02
    informative_ceiling: int = 300
    informative_floor: int = 40
    # Clauses this short are too common to show that two statements are one; and two
    # statements sharing fewer terms than this are not one text carried twice, however
    # short they are (a headline against a sentence).
    min_clause_terms: int = 6
    # Each statement keeps its few best links into each other article; a link stays
    # when it is among the best of either of its statements, so links are symmetric.
    links_per_article: int = 2
    # Share of the cross-article pairs between two clusters that must be linked for
    # them to merge into one claim (reader/xref/clusters.py).
    min_cohesion: float = 0.15

    def informative_limit(self, statements: int) -> int:
        """The most statements (of `statements`) an informative term may be held by."""
        share = min(self.informative_share * statements, self.informative_ceiling)
        return int(max(share, self.informative_floor))


DEFAULT_SETTINGS = XrefSettings()
