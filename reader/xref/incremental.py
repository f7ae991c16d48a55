"""Cross-referencing a changed corpus from the links of its last run.

The link store (reader/xref/cache.py) keeps each article's statements and terms by its
content, and each run's graded pairs. When one article is added, edited or removed,
what can change is exactly:

- the pairs with a statement of an added (or edited) article: scored anew;
- the weights of the terms the change adds or removes. Term statistics are rounded
  (score.term_idf), so most of those terms keep their weight; a statement
  holding one whose weight did move is rescored against the whole corpus;
- which statement stands for a group of copies (reader/xref/copies.py): a statement
  that becomes the first of its group is rescored, one that becomes a copy drops out;
- nothing else. A pair's candidacy and score depend only on its two statements'
  terms and those terms' weights (scored_pairs scores every candidate that could be
  graded, whatever the other candidates), so the pairs of two untouched statements
  are kept as they were.

The best links are then chosen again over all graded pairs, as a whole run does, so
the links equal those of a run without the cache. A whole run is done instead when
the statement count moves the weights of every term (score.stable_total: a step of
an eighth to a quarter of the distinct statements; below 4,096 of them, every
change), or when most of the corpus changed anyway.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from reader.model import Corpus, Statement
from reader.xref.cache import LinkCache, Run, corpus_keys
from reader.xref.crossref import (
    CrossReference,
    PreparedCorpus,
    Progress,
    link_rows,
    link_sides,
    prepare,
    scored_pairs,
)
from reader.xref.graded import GradedPairs, LinkScores
from reader.xref.score import term_weight
from reader.xref.settings import DEFAULT_SETTINGS, XrefSettings

# Past this share of changed articles, a whole run costs no more than an update.
MOST_CHANGED = 0.5


def cross_reference_stored(
    corpus: Corpus,
    path: Path,
    progress: Progress | None = None,
    settings: XrefSettings = DEFAULT_SETTINGS,
) -> CrossReference:
    """`cross_reference(corpus, settings=settings)` through the link store at `path`."""
    total = max(2 * len(corpus.articles), 1)
    store = LinkCache(path)
    run_key, keys = corpus_keys(corpus, settings)
    run = store.load_run(run_key, all_pairs=False)
    if run is not None and run.articles == keys:
        shown = store.load_articles(keys, corpus.articles, terms=False)
        statements = [s for key in keys for s in shown.get(key, (None,))[0] or ()]
        if len(shown) == len(keys) and sum(run.counts) == len(statements):
            if progress:
                progress(total, total)
            pairs = run.link_scores()
            return CrossReference(
                corpus,
                statements,
                pairs,
                settings,
                notes=store.notes,
                representative=run.representative,
            )
    stored = store.load_articles(keys, corpus.articles)
    by_id = {a.id: stored[k] for a, k in zip(corpus.articles, keys, strict=True) if k in stored}
    prepared = prepare(corpus, progress, total, settings, by_id)  # type: ignore[arg-type]
    store.save_articles(_new_entries(prepared, keys, stored))
    previous = None
    if corpus.root is not None:
        previous = store.previous_run(str(corpus.root.resolve()), run_key)
    updated = update_graded(previous, prepared, keys, store) if previous else None
    if updated is not None:
        graded, before, touched = updated
        sides = link_sides(graded, prepared.article_of, settings.links_per_article, touched, before)
    else:
        count = max(len(prepared.statements), 1)
        articles = len(corpus.articles)

        def searched(queries: int) -> None:
            if progress:
                progress(articles + articles * queries // count, total)

        graded = GradedPairs.of(scored_pairs(prepared, searched))
        sides = link_sides(graded, prepared.article_of, settings.links_per_article)
    rows = link_rows(graded, sides)
    pairs = LinkScores(graded.take(rows))
    counts = Counter(prepared.article_of)
    run = Run(
        keys,
        [counts[n] for n in range(len(keys))],
        graded,
        rows,
        prepared.weights.total,
        prepared.representative,
        dict(prepared.holding),
        sides,
    )
    store.save_run(run_key, str(corpus.root.resolve()) if corpus.root else "", run)
    if progress:
        progress(total, total)
    return CrossReference(
        corpus,
        prepared.statements,
        pairs,
        settings,
        notes=store.notes,
        representative=prepared.representative,
    )


def _new_entries(prepared: PreparedCorpus, keys: list[str], stored: dict):
    start = 0
    for number, key in enumerate(keys):
        end = start
        while end < len(prepared.article_of) and prepared.article_of[end] == number:
            end += 1
        if key not in stored:
            yield key, prepared.statements[start:end], prepared.terms[start:end]
        start = end


def update_graded(
    previous: Run, prepared: PreparedCorpus, keys: list[str], store: LinkCache
) -> tuple[GradedPairs, Any, Any] | None:
    """The graded pairs of the prepared corpus from those of `previous`, rescoring
    only what its changes touch, with each pair's link sides as they were (0 for a
    pair scored now) and the statements whose pairs changed (for link_sides); None
    when a whole run is needed (see the module)."""
    import numpy as np

    if previous.total != prepared.weights.total:
        return None  # the statement count moved every weight
    old_keys = set(previous.articles)
    added = {n for n, key in enumerate(keys) if key not in old_keys}
    removed = len(old_keys - set(keys))
    if len(added) + removed > MOST_CHANGED * max(len(keys), 1):
        return None
    moved = _moved_terms(previous.holding, prepared)
    renumber = _renumbering(previous, keys, prepared)
    representative = np.asarray(prepared.representative, dtype=np.int64)
    count = len(representative)
    # which statements were the first of their group (or alone), by their new number
    was_first = np.zeros(count, dtype=bool)
    before = np.asarray(previous.representative, dtype=np.int64)
    old_numbers = np.arange(len(before))
    stayed = (renumber >= 0) & (before == old_numbers)
    was_first[renumber[stayed]] = True
    first_now = representative == np.arange(count)
    article_of = prepared.article_of
    affected = [
        i
        for i in np.flatnonzero(first_now).tolist()
        if article_of[i] in added  # new
        or not was_first[i]  # a copy before, or its group's first now
        or not moved.isdisjoint(prepared.terms[i].terms)  # holds a term whose weight moved
    ]
    touched = ~first_now  # a copy now: its group is scored through its first
    touched[affected] = True
    graded = previous.graded
    a = renumber[graded.first]
    b = renumber[graded.second]
    keep = (a >= 0) & (b >= 0)
    keep[keep] = ~(touched[a[keep]] | touched[b[keep]])
    kept = graded.take(keep).renumbered(a[keep], b[keep])
    scored = GradedPairs.of(scored_pairs(prepared, queries=affected))
    # the statements whose pairs changed: those of every pair dropped or scored now
    changed = np.zeros(count, dtype=bool)
    dropped = ~keep
    for ends in (a[dropped], b[dropped]):
        changed[ends[ends >= 0]] = True
    changed[scored.first] = True
    changed[scored.second] = True
    before = np.concatenate((previous.sides[keep], np.zeros(len(scored), dtype=np.uint8)))
    return kept + scored, before, changed


def _moved_terms(before: dict[str, int], prepared: PreparedCorpus) -> set[str]:
    """The terms whose weight (and so whether they are indexed) moved since `before`."""
    total = prepared.weights.total
    limit = prepared.settings.informative_limit(total)
    now = prepared.holding
    moved = set()
    for term in before.keys() | now.keys():
        old, new = before.get(term, 0), now.get(term, 0)
        if old != new and (
            old <= 0 or new <= 0 or term_weight(old, total, limit) != term_weight(new, total, limit)
        ):
            moved.add(term)
    return moved


def _renumbering(previous: Run, keys: list[str], prepared: PreparedCorpus):
    """For each statement of the previous run, its number in the prepared corpus, or
    -1 where its article changed (a numpy array)."""
    import numpy as np

    new_start: dict[str, int] = {}
    position = 0
    counts = Counter(prepared.article_of)
    for number, key in enumerate(keys):
        new_start[key] = position
        position += counts[number]
    renumber = np.full(sum(previous.counts), -1, dtype=np.int64)
    old = 0
    for key, count in zip(previous.articles, previous.counts, strict=True):
        if key in new_start:
            renumber[old : old + count] = np.arange(new_start[key], new_start[key] + count)
        old += count
    return renumber


def stored_cross_reference(
    corpus: Corpus, path: Path, settings: XrefSettings = DEFAULT_SETTINGS
) -> CrossReference | None:
    """What the store already holds for `corpus`, at once and without scoring: the
    links of its last run if the corpus did not change since, else the links of the
    last run on the same directory between the articles that did not change
    (`complete` False: `cross_reference` gives the rest). None when it holds nothing."""
    store = LinkCache(path)
    run_key, keys = corpus_keys(corpus, settings)
    run = store.load_run(run_key, all_pairs=False)
    if run is None and corpus.root is not None:
        run = store.previous_run(str(corpus.root.resolve()), run_key, all_pairs=False)
    if run is None:
        return None
    stored = store.load_articles(keys, corpus.articles, terms=False)
    present = {key for key in run.articles if key in stored}
    statements: list[Statement] = []
    renumber: dict[int, int] = {}
    old = 0
    for key, count in zip(run.articles, run.counts, strict=True):
        if key in present:
            found = stored[key][0] or []
            if len(found) != count:
                return None
            for k in range(count):
                renumber[old + k] = len(statements) + k
            statements.extend(found)
        old += count
    pairs = {
        (renumber[i], renumber[j]): result
        for (i, j), result in run.link_scores().items()
        if i in renumber and j in renumber
    }
    representative = list(range(len(statements)))
    for number, first in enumerate(run.representative):
        if number in renumber and first in renumber:
            representative[renumber[number]] = renumber[first]
    complete = present == set(keys) == set(run.articles)
    return CrossReference(
        corpus,
        statements,
        pairs,
        settings,
        complete=complete,
        notes=store.notes,
        representative=representative,
    )
