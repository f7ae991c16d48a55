"""Every pair a run graded, as numpy columns.

A corpus of 2,000 articles grades a few hundred thousand pairs, and a run after one
article changed keeps nearly all of them: it renumbers them, drops those the change
touches, adds the rescored ones and chooses the best links among all of them again.
Held as a dict of PairScore objects, that bookkeeping (and reading and writing the
stored run) cost several times the scoring of the changed article's statements. As
columns it is a few array operations, and PairScore objects are built only for the
links a run shows.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from reader.model import LinkGrade
from reader.xref.score import PairScore

Array = Any  # numpy.ndarray; numpy is imported where it is used

GRADES = (None, LinkGrade.SAME, LinkGrade.RELATED)
# score.grade_rank of each entry of GRADES: same above related
GRADE_RANKS = (0, 2, 1)
KINDS = ("numbers", "months", "weekdays", "places")  # score.conflicts, in its order
# every tuple of kinds score.conflicts can give, by bit mask
CONFLICTS = tuple(tuple(k for n, k in enumerate(KINDS) if mask >> n & 1) for mask in range(16))
_MASKS = {kinds: mask for mask, kinds in enumerate(CONFLICTS)}
# name -> numpy dtype of each column, as stored (run_payload.py) and held
DTYPES = {
    "first": "<i4",  # the earlier statement
    "second": "<i4",  # the later one
    "score": "<f8",  # exactly the floats computed
    "overlap": "<f8",
    "grade": "u1",  # index into GRADES
    "conflicts": "u1",  # bit mask over KINDS
}


@dataclass(eq=False)
class GradedPairs:
    """Graded pairs (first < second, statement numbers), one row each."""

    first: Array
    second: Array
    score: Array
    overlap: Array
    grade: Array
    conflicts: Array

    @classmethod
    def of(cls, graded: Mapping[tuple[int, int], PairScore]) -> GradedPairs:
        """The pairs of `graded`, in its order."""
        import numpy as np

        count = len(graded)
        pairs = np.fromiter(
            (n for pair in graded for n in pair), dtype=DTYPES["first"], count=2 * count
        ).reshape(-1, 2)
        results = graded.values()
        return cls(
            np.ascontiguousarray(pairs[:, 0]),
            np.ascontiguousarray(pairs[:, 1]),
            np.fromiter((r.score for r in results), DTYPES["score"], count),
            np.fromiter((r.overlap for r in results), DTYPES["overlap"], count),
            np.fromiter((GRADES.index(r.grade) for r in results), DTYPES["grade"], count),
            np.fromiter((_MASKS[r.conflicts] for r in results), DTYPES["conflicts"], count),
        )

    @classmethod
    def from_columns(cls, columns: Mapping[str, Array]) -> GradedPairs:
        return cls(*(columns[name] for name in DTYPES))

    def columns(self) -> dict[str, Array]:
        return {name: getattr(self, name) for name in DTYPES}

    def __len__(self) -> int:
        return len(self.first)

    def take(self, rows: Array) -> GradedPairs:
        """The rows `rows` (indices or a mask), in that order."""
        return GradedPairs.from_columns({n: c[rows] for n, c in self.columns().items()})

    def renumbered(self, first: Array, second: Array) -> GradedPairs:
        """The same results for other statement numbers (each pair's lower first)."""
        import numpy as np

        low, high = np.minimum(first, second), np.maximum(first, second)
        return GradedPairs(
            low.astype(DTYPES["first"]),
            high.astype(DTYPES["second"]),
            self.score,
            self.overlap,
            self.grade,
            self.conflicts,
        )

    def __add__(self, other: GradedPairs) -> GradedPairs:
        import numpy as np

        mine, theirs = self.columns(), other.columns()
        return GradedPairs.from_columns(
            {
                name: np.concatenate((mine[name], theirs[name])).astype(dtype)
                for name, dtype in DTYPES.items()
            }
        )

    def ranks(self) -> Array:
        """score.grade_rank of each row."""
        import numpy as np

        return np.asarray(GRADE_RANKS, dtype=np.int64)[self.grade]

    def pair_scores(self, rows: Array | None = None) -> dict[tuple[int, int], PairScore]:
        """Rows `rows` (all when None), as PairScore objects by pair, in that order."""
        chosen = self if rows is None else self.take(rows)
        keys = zip(chosen.first.tolist(), chosen.second.tolist(), strict=True)
        results = map(
            PairScore,
            chosen.score.tolist(),
            map(GRADES.__getitem__, chosen.grade.tolist()),
            chosen.overlap.tolist(),
            map(CONFLICTS.__getitem__, chosen.conflicts.tolist()),
        )
        return dict(zip(keys, results, strict=True))

    def rows_of(self, pairs: list[tuple[int, int]]) -> Array:
        """The row of each of `pairs` (every one of them a row here)."""
        import numpy as np

        if not pairs:
            return np.zeros(0, dtype=np.int64)
        wanted = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
        width = int(max(self.second.max(initial=0), wanted.max())) + 1
        keys = self.first.astype(np.int64) * width + self.second
        order = np.argsort(keys, kind="stable")
        found = order[np.searchsorted(keys, wanted[:, 0] * width + wanted[:, 1], sorter=order)]
        return found

    def __eq__(self, other: object) -> bool:
        import numpy as np

        if not isinstance(other, GradedPairs):
            return NotImplemented
        mine, theirs = self.columns(), other.columns()
        return all(np.array_equal(mine[name], theirs[name]) for name in DTYPES)


def empty_pairs() -> GradedPairs:
    return GradedPairs.of({})


class LinkScores(Mapping[tuple[int, int], PairScore]):
    """The links of a run, by pair, over their columns: a run on a corpus of dense
    coverage keeps a few hundred thousand links, and building a PairScore for each
    cost more than the rest of a warm run. Each is built when it is asked for."""

    def __init__(self, links: GradedPairs):
        self.links = links
        self._rows: dict[tuple[int, int], int] | None = None

    def _row_of(self) -> dict[tuple[int, int], int]:
        if self._rows is None:
            keys = zip(self.links.first.tolist(), self.links.second.tolist(), strict=True)
            self._rows = {pair: row for row, pair in enumerate(keys)}
        return self._rows

    def __getitem__(self, pair: tuple[int, int]) -> PairScore:
        row = self._row_of()[pair]
        links = self.links
        return PairScore(
            float(links.score[row]),
            GRADES[links.grade[row]],
            float(links.overlap[row]),
            CONFLICTS[links.conflicts[row]],
        )

    def __contains__(self, pair: object) -> bool:
        return pair in self._row_of()

    def __iter__(self) -> Iterator[tuple[int, int]]:
        if self._rows is not None:
            return iter(self._rows)
        return zip(self.links.first.tolist(), self.links.second.tolist(), strict=True)

    def __len__(self) -> int:
        return len(self.links)

    def neighbours(self) -> Neighbours:
        """The statements each statement is linked to."""
        return Neighbours(self.links.first, self.links.second)

    def scores(self) -> dict[tuple[int, int], float]:
        """Each link's score, by pair."""
        return dict(zip(self, self.links.score.tolist(), strict=True))


class Neighbours:
    """Each statement's linked statements, over the links' columns (CSR): as a dict
    of lists it took a tenth of a second to build for a command that then asked for
    a dozen statements' links."""

    def __init__(self, first: Array, second: Array):
        import numpy as np

        ends = np.concatenate((first, second)).astype(np.int64)
        others = np.concatenate((second, first)).astype(np.int64)
        order = np.argsort(ends, kind="stable")
        self._ends, self._others = ends[order], others[order]

    def get(self, statement: int, default: tuple = ()) -> list[int] | tuple:
        import numpy as np

        low, high = np.searchsorted(self._ends, (statement, statement + 1))
        return self._others[low:high].tolist() if high > low else default
