"""A stored run as compact columns: what the link store (cache.py) keeps per corpus.

A run of 1,000 articles grades 260,000 pairs. As JSON objects they took seconds to
encode and to decode (a float parsed and an enum built for each), on every run that
reads the store: the warm one that prints stored links and the incremental one that
starts from them. Here the pairs are little-endian numpy columns (statement numbers
int32, scores and overlaps float64, exactly the floats computed; the grade and the
disagreeing kinds as small ints), behind one JSON line for what is small or text
(article keys, statement counts, the terms counted). Nothing in it is pickled: reading
an entry runs no code. `decode_run` checks every column before anything is built, and
raises CacheError on a payload that does not fit, so the entry is dropped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from reader.cache_entry import CacheError, decode_json
from reader.model import LinkGrade
from reader.xref.score import PairScore

Pairs = dict[tuple[int, int], PairScore]

GRADES = (None, LinkGrade.SAME, LinkGrade.RELATED)
KINDS = ("numbers", "months", "weekdays", "places")  # score.conflicts, in its order
# every tuple of kinds score.conflicts can give, by bit mask
_CONFLICTS = tuple(tuple(k for n, k in enumerate(KINDS) if mask >> n & 1) for mask in range(16))
_MASKS = {kinds: mask for mask, kinds in enumerate(_CONFLICTS)}
# name -> numpy dtype of each column, in payload order
COLUMNS = {
    "first": "<i4",  # graded pairs: the earlier statement
    "second": "<i4",  # ... the later one
    "score": "<f8",
    "overlap": "<f8",
    "grade": "u1",  # index into GRADES
    "conflicts": "u1",  # bit mask over KINDS
    "links": "<i4",  # the links: rows of the graded pairs
    "copies": "<i4",  # statement numbers that are copies
    "firsts": "<i4",  # ... and the statement each one is a copy of
    "holding": "<i4",  # statements holding each term of the header's "terms"
}


@dataclass
class Run:
    """A stored run: the corpus's article keys and statement counts, in corpus order,
    every graded pair (numbered over the run's statements) and which are links."""

    articles: list[str]
    counts: list[int]
    graded: Pairs
    links: list[tuple[int, int]]
    total: int  # the weights' statement count (score.stable_total)
    representative: list[int]  # each statement's representative among its copies
    holding: dict[str, int]  # how many distinct statements hold each term


def encode_run(run: Run) -> bytes:
    import numpy as np

    results = list(run.graded.values())
    pairs = np.array(list(run.graded), dtype=np.int64).reshape(-1, 2)
    row = {pair: n for n, pair in enumerate(run.graded)}
    copies = [(n, r) for n, r in enumerate(run.representative) if n != r]
    columns: dict[str, Any] = {
        "first": pairs[:, 0],
        "second": pairs[:, 1],
        "score": [r.score for r in results],
        "overlap": [r.overlap for r in results],
        "grade": [GRADES.index(r.grade) for r in results],
        "conflicts": [_MASKS[r.conflicts] for r in results],
        "links": [row[pair] for pair in run.links],
        "copies": [n for n, _ in copies],
        "firsts": [r for _, r in copies],
        "holding": list(run.holding.values()),
    }
    header = {
        "articles": run.articles,
        "counts": run.counts,
        "total": run.total,
        "terms": list(run.holding),
        "lengths": {name: len(values) for name, values in columns.items()},
    }
    blobs = [np.asarray(columns[name], dtype=dtype).tobytes() for name, dtype in COLUMNS.items()]
    line = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode()
    return line + b"\n" + b"".join(blobs)


def decode_run(payload: bytes, all_pairs: bool = True) -> Run:
    """The run in `payload`; with `all_pairs` False, `graded` holds its links alone."""
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
    column = _columns(np, rest, header["lengths"])
    first, second = column["first"], column["second"]
    pairs = len(first)
    if not all(len(column[name]) == pairs for name in ("second", "score", "overlap", "grade")):
        raise CacheError("columns of the graded pairs disagree")
    if len(column["conflicts"]) != pairs or len(column["copies"]) != len(column["firsts"]):
        raise CacheError("columns of the graded pairs disagree")
    if pairs and not (
        (first >= 0).all() and (first < second).all() and (second < statements).all()
    ):
        raise CacheError("a pair outside the run")
    grade = column["grade"]
    if pairs and not ((grade >= 1) & (grade < len(GRADES))).all():
        raise CacheError("a pair with no grade")
    if pairs and not (column["conflicts"] < len(_CONFLICTS)).all():
        raise CacheError("an unknown kind of conflict")
    links_at = column["links"]
    if len(links_at) and not ((links_at >= 0) & (links_at < pairs)).all():
        raise CacheError("a link that is not a graded pair")
    copies, firsts = column["copies"], column["firsts"]
    if len(copies) and not ((firsts >= 0) & (firsts < copies) & (copies < statements)).all():
        raise CacheError("a copy outside the run")
    terms = [str(term) for term in header["terms"]]
    if len(terms) != len(column["holding"]):
        raise CacheError("term counts that are not counts")
    # with all pairs, in the order graded (the order they were stored in); else the
    # links alone, in the order of `links`
    rows = np.arange(pairs) if all_pairs else links_at
    keys = list(zip(first[rows].tolist(), second[rows].tolist(), strict=True))
    graded: Pairs = dict(
        zip(
            keys,
            map(
                PairScore,
                column["score"][rows].tolist(),
                map(GRADES.__getitem__, grade[rows].tolist()),
                column["overlap"][rows].tolist(),
                map(_CONFLICTS.__getitem__, column["conflicts"][rows].tolist()),
            ),
            strict=True,
        )
    )
    if len(graded) != len(keys):
        raise CacheError("a pair graded twice")
    links = keys if not all_pairs else [keys[n] for n in links_at.tolist()]
    representative = list(range(statements))
    for number, of in zip(copies.tolist(), firsts.tolist(), strict=True):
        representative[number] = of
    return Run(
        articles,
        counts,
        graded,
        links,
        int(header["total"]),
        representative,
        dict(zip(terms, column["holding"].tolist(), strict=True)),
    )


def _columns(np: Any, data: bytes, lengths: dict) -> dict[str, Any]:
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
