"""A stored run as compact columns: what the link store (cache.py) keeps per corpus.

A run of 1,000 articles grades 260,000 pairs. As JSON objects they took seconds to
encode and to decode (a float parsed and an enum built for each), on every run that
reads the store: the warm one that prints stored links and the incremental one that
starts from them. Here the pairs are little-endian numpy columns (statement numbers
int32, scores and overlaps float64, exactly the floats computed; the grade and the
disagreeing kinds as small ints; graded.py), behind one JSON line for what is small
(article keys, statement counts), and the terms counted last, as JSON: a warm run
reads the links alone and never parses them. Nothing in it is pickled: reading
an entry runs no code. `decode_run` checks every column before anything is built, and
raises CacheError on a payload that does not fit, so the entry is dropped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from reader.cache_entry import CacheError, decode_json
from reader.xref.graded import CONFLICTS, DTYPES, GRADES, GradedPairs, LinkScores

# name -> numpy dtype of each column, in payload order: the graded pairs' own
# (graded.py), then
COLUMNS = {
    **DTYPES,
    "links": "<i4",  # the links: rows of the graded pairs
    "sides": "u1",  # per graded pair, on which side it is a best link (link_sides)
    "copies": "<i4",  # statement numbers that are copies
    "firsts": "<i4",  # ... and the statement each one is a copy of
    "holding": "<i4",  # statements holding each term of the trailing term list
}


@dataclass(eq=False)
class Run:
    """A stored run: the corpus's article keys and statement counts, in corpus order,
    every graded pair (numbered over the run's statements) and which are links."""

    articles: list[str]
    counts: list[int]
    graded: GradedPairs
    links: Any  # rows of `graded` (a numpy array), in pair order
    total: int  # the weights' statement count (score.stable_total)
    representative: list[int]  # each statement's representative among its copies
    holding: dict[str, int]  # how many distinct statements hold each term
    # per graded pair, on which side it is among a statement's best (crossref.link_sides);
    # empty when read for the links alone
    sides: Any = None

    def link_scores(self) -> LinkScores:
        """The links, by pair."""
        return LinkScores(self.graded.take(self.links))

    def __eq__(self, other: object) -> bool:
        import numpy as np

        if not isinstance(other, Run):
            return NotImplemented
        return (self.articles, self.counts, self.graded, self.total) == (
            other.articles,
            other.counts,
            other.graded,
            other.total,
        ) and (
            np.array_equal(self.links, other.links),
            np.array_equal(self.sides, other.sides),
            self.representative,
            self.holding,
        ) == (True, True, other.representative, other.holding)


def encode_run(run: Run) -> bytes:
    import numpy as np

    copies = [(n, r) for n, r in enumerate(run.representative) if n != r]
    columns: dict[str, Any] = {
        **run.graded.columns(),
        "links": run.links,
        "sides": run.sides,
        "copies": [n for n, _ in copies],
        "firsts": [r for _, r in copies],
        "holding": list(run.holding.values()),
    }
    # The terms go last, apart from the header: a run read for its links alone (every
    # warm run) does not parse them.
    terms = json.dumps(list(run.holding), ensure_ascii=False, separators=(",", ":")).encode()
    header = {
        "articles": run.articles,
        "counts": run.counts,
        "total": run.total,
        "lengths": {name: len(values) for name, values in columns.items()},
        "terms": len(terms),
    }
    blobs = [np.asarray(columns[name], dtype=dtype).tobytes() for name, dtype in COLUMNS.items()]
    line = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode()
    return line + b"\n" + b"".join(blobs) + terms


def decode_run(payload: bytes, all_pairs: bool = True) -> Run:
    """The run in `payload`; with `all_pairs` False, `graded` holds its links alone
    and `holding` nothing."""
    import numpy as np

    line, newline, rest = payload.partition(b"\n")
    if not newline:
        raise CacheError("no run header")
    header = decode_json(line)
    articles = [str(key) for key in header["articles"]]
    counts = [int(n) for n in header["counts"]]
    if len(articles) != len(counts) or min(counts, default=0) < 0:
        raise CacheError("articles and counts disagree")
    statements = sum(counts)
    terms_size = header["terms"]
    if type(terms_size) is not int or not 0 <= terms_size <= len(rest):
        raise CacheError("a term list of no length")
    column = _columns(np, memoryview(rest)[: len(rest) - terms_size], header["lengths"])
    first, second = column["first"], column["second"]
    pairs = len(first)
    if not all(len(column[name]) == pairs for name in DTYPES):
        raise CacheError("columns of the graded pairs disagree")
    if len(column["sides"]) != pairs or (pairs and column["sides"].max() > 3):
        raise CacheError("sides that are not sides")
    if len(column["copies"]) != len(column["firsts"]):
        raise CacheError("columns of the copies disagree")
    if pairs and not (
        (first >= 0).all() and (first < second).all() and (second < statements).all()
    ):
        raise CacheError("a pair outside the run")
    grade = column["grade"]
    if pairs and not ((grade >= 1) & (grade < len(GRADES))).all():
        raise CacheError("a pair with no grade")
    if pairs and not (column["conflicts"] < len(CONFLICTS)).all():
        raise CacheError("an unknown kind of conflict")
    links_at = column["links"]
    if len(links_at) and not ((links_at >= 0) & (links_at < pairs)).all():
        raise CacheError("a link that is not a graded pair")
    copies, firsts = column["copies"], column["firsts"]
    if len(copies) and not ((firsts >= 0) & (firsts < copies) & (copies < statements)).all():
        raise CacheError("a copy outside the run")
    if pairs > 1:
        keys = np.sort(first.astype(np.int64) * statements + second)
        if not (keys[1:] != keys[:-1]).all():  # np.unique took a tenth of a second here
            raise CacheError("a pair graded twice")
    graded = GradedPairs.from_columns(column)
    links = links_at
    holding: dict[str, int] = {}
    if all_pairs:
        terms = decode_json(rest[len(rest) - terms_size :])
        if type(terms) is not list or len(terms) != len(column["holding"]):
            raise CacheError("term counts that are not counts")
        holding = dict(zip(map(str, terms), column["holding"].tolist(), strict=True))
    else:
        graded, links = graded.take(links_at), np.arange(len(links_at))
    representative = list(range(statements))
    for number, of in zip(copies.tolist(), firsts.tolist(), strict=True):
        representative[number] = of
    sides = column["sides"] if all_pairs else np.zeros(0, dtype=np.uint8)
    return Run(
        articles, counts, graded, links, int(header["total"]), representative, holding, sides
    )


def _columns(np: Any, data: memoryview, lengths: dict) -> dict[str, Any]:
    """The payload's columns (read-only views of it), checked against its length."""
    found = {}
    offset = 0
    for name, dtype in COLUMNS.items():
        count = lengths[name]
        if type(count) is not int or count < 0:
            raise CacheError("a column of no length")
        size = np.dtype(dtype).itemsize * count
        if offset + size > len(data):
            raise CacheError("a column cut short")
        found[name] = np.frombuffer(data, dtype=dtype, count=count, offset=offset)
        offset += size
    if offset != len(data):
        raise CacheError("bytes after the last column")
    return found
