"""The stored run's compact columns: read back as written, and refused when they do
not fit (the link store then drops the entry and computes it again)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace

import numpy as np
import pytest

from reader.cache_entry import CacheError, seal, unseal
from reader.model import LinkGrade
from reader.xref import cross_reference
from reader.xref.cache import LinkCache, corpus_keys
from reader.xref.graded import GradedPairs
from reader.xref.run_payload import Run, decode_run, encode_run
from reader.xref.score import PairScore
from tests.xref.test_crossref import corpus


def a_run() -> Run:
    graded = GradedPairs.of(
        {
            (0, 3): PairScore(41.27, LinkGrade.RELATED, 0.3141592653589793, ("numbers",)),
            (1, 4): PairScore(100.0, LinkGrade.SAME, 1.0, ()),
            (0, 2): PairScore(20.0, LinkGrade.RELATED, 0.1, ("months", "weekdays", "places")),
            (2, 5): PairScore(1 / 3, LinkGrade.RELATED, 2 / 3, ("numbers", "places")),
        }
    )
    return Run(
        ["k-one", "k-two", "k-\u00e9"],
        [2, 3, 1],
        graded,
        graded.rows_of([(1, 4), (0, 3)]),
        4579,
        [0, 1, 2, 3, 1, 5],
        {"truce": 3, "@lavrov": 2, "caf\u00e9": 1},
        np.array([1, 3, 0, 0], dtype=np.uint8),
    )


def test_a_run_reads_back_as_it_was_written():
    run = a_run()
    back = decode_run(encode_run(run))
    assert back == run
    scores = back.graded.pair_scores()
    assert scores == run.graded.pair_scores()
    assert list(scores) == [(0, 3), (1, 4), (0, 2), (2, 5)]  # in the order written
    assert all(type(r.grade) is LinkGrade for r in scores.values())
    assert scores[(0, 2)].conflicts == ("months", "weekdays", "places")
    assert scores[(0, 3)].overlap == 0.3141592653589793


def test_an_empty_run_reads_back():
    run = Run([], [], GradedPairs.of({}), np.zeros(0, dtype=int), 1, [], {}, np.zeros(0, np.uint8))
    assert decode_run(encode_run(run)) == run


def edited(run: Run, **columns) -> bytes:
    """The run's payload with header fields or raw columns replaced."""
    payload = encode_run(run)
    line, _, rest = payload.partition(b"\n")
    header = json.loads(line)
    header.update(columns)
    return json.dumps(header).encode() + b"\n" + rest


def other_terms(run: Run, terms: bytes) -> bytes:
    """The run's payload with another trailing term list (its length told right)."""
    payload = encode_run(run)
    line, _, rest = payload.partition(b"\n")
    header = json.loads(line)
    body = rest[: len(rest) - header["terms"]]
    header["terms"] = len(terms)
    return json.dumps(header).encode() + b"\n" + body + terms


@pytest.mark.parametrize(
    "payload",
    [
        pytest.param(lambda run: encode_run(run)[:-3], id="cut short"),
        pytest.param(lambda run: encode_run(run) + b"\0", id="bytes after"),
        pytest.param(lambda run: encode_run(run).replace(b"\n", b" ", 1), id="no header"),
        pytest.param(lambda run: edited(run, counts=[2, 3]), id="counts"),
        pytest.param(lambda run: edited(run, counts=[1, 1, 1]), id="pair outside"),
        pytest.param(lambda run: edited(run, terms=["one"]), id="terms not a length"),
        pytest.param(
            lambda run: encode_run(replace(run, sides=np.array([1, 3, 4, 0], np.uint8))),
            id="sides that are not sides",
        ),
        pytest.param(
            lambda run: encode_run(
                replace(run, graded=run.graded.take([0, 1, 2, 0]), sides=run.sides)
            ),
            id="a pair graded twice",
        ),
        pytest.param(lambda run: edited(run, terms=10**6), id="terms longer than the payload"),
        pytest.param(lambda run: other_terms(run, b'["one"]'), id="fewer terms than counts"),
        pytest.param(lambda run: other_terms(run, b'{"a": 1}'), id="terms not a list"),
        pytest.param(
            lambda run: edited(
                run, lengths={**json.loads(encode_run(run).split(b"\n")[0])["lengths"], "score": 2}
            ),
            id="columns disagree",
        ),
    ],
)
def test_a_payload_that_does_not_fit_is_refused(payload):
    with pytest.raises((CacheError, KeyError, TypeError, ValueError)):
        decode_run(payload(a_run()))


def test_a_sound_digest_over_unsound_columns_is_dropped_and_computed_again(tmp_path):
    path = tmp_path / "xref.sqlite"
    c = corpus()
    first = cross_reference(c, cache=path)
    expected = [(lk.source, lk.target, lk.score, lk.grade) for lk in first.all_links()]
    assert expected
    with sqlite3.connect(path) as db:
        key, payload = db.execute("SELECT key, payload FROM runs").fetchone()
        header, body = unseal(payload)
        # resealed, so only the columns' own checks can tell
        db.execute(
            "UPDATE runs SET payload = ? WHERE key = ?", (seal({"kind": "run"}, body[:-1]), key)
        )
    assert LinkCache(path).load_run(corpus_keys(c)[0]) is None  # dropped
    again = cross_reference(c, cache=path)
    assert [(lk.source, lk.target, lk.score, lk.grade) for lk in again.all_links()] == expected
    assert LinkCache(path).load_run(corpus_keys(c)[0]) is not None  # written again


def test_a_run_read_for_its_links_holds_them_alone():
    run = a_run()
    back = decode_run(encode_run(run), all_pairs=False)
    every = run.graded.pair_scores()
    links = [(1, 4), (0, 3)]
    assert list(run.link_scores()) == links
    assert back.graded.pair_scores() == {pair: every[pair] for pair in links}
    assert list(back.link_scores()) == links
    assert dict(back.link_scores()) == {pair: every[pair] for pair in links}
    assert back.holding == {}  # the terms are not read
    assert (back.articles, back.counts, back.representative) == (
        run.articles,
        run.counts,
        run.representative,
    )


def test_statements_are_read_without_their_terms(tmp_path):
    path = tmp_path / "xref.sqlite"
    c = corpus()
    cross_reference(c, cache=path)
    keys = corpus_keys(c)[1]
    store = LinkCache(path)
    whole = store.load_articles(keys, c.articles)
    shown = store.load_articles(keys, c.articles, terms=False)
    assert set(shown) == set(whole) == set(keys)
    for key in keys:
        assert shown[key] == (whole[key][0], [])
        assert whole[key][1] and len(whole[key][1]) == len(whole[key][0])
