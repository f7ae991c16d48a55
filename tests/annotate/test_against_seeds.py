"""Held-back check: `reader import` on the seeds' raw pages against their hand annotation.

The figures asserted here are the ones reported in docs/import.md, less a small margin;
the rules behind them are general (no rule names a seed's words), so a drop here means
a rule got worse, not that a seed changed.
"""

from __future__ import annotations

import pytest

from tests.annotate.seed_agreement import measure


@pytest.fixture(scope="module")
def figures():
    return measure()


def test_blocks_fall_on_the_same_side_of_chrome_as_by_hand(figures):
    total, _ = figures
    assert total.side_agrees / total.lines >= 0.97
    assert total.kind_agrees / total.lines >= 0.95


def test_name_mentions_match_the_hand_annotation(figures):
    total, per_article = figures
    # The catalogue now counts names used as modifiers ("US-led", "US weapons") as
    # mentions; the seeds not yet reviewed to that rule still leave them out, which is
    # all the precision lost here (docs/import.md).
    assert total.names.precision >= 0.93
    assert total.names.recall >= 0.97
    assert per_article["presstv"].names.precision >= 0.97


def test_metonyms_are_found(figures):
    total, _ = figures
    assert total.metonyms.precision >= 0.9
    assert total.metonyms.recall >= 0.9


def test_direct_quote_spans_are_recalled(figures):
    total, per_article = figures
    # 15 of the 17 direct quotes are in quotation marks; the other two are a transcript's
    # unmarked first-person paragraphs, beyond an annotator that reads marks and cues.
    assert total.direct.recall >= 0.85
    assert total.direct.precision >= 0.95
    assert total.direct_speakers >= 12  # the others: a ministry account of Lavrov's words
    assert per_article["tass"].direct.recall == 1.0


def test_indirect_quotes_are_mostly_found(figures):
    total, _ = figures
    assert total.indirect.recall >= 0.75
    assert total.indirect.precision >= 0.85
