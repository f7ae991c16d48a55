"""A cluster run's results kept in the local link cache, as a local run keeps its own.

The link cache (cache.py) holds each article's statements and terms by its content,
and each run's graded pairs, links, copies and term counts (cache.Run). A cluster run
(dask_client.run_on_cluster with keep=True) brings all of these back: the terms from
the partitions that computed them (sending them costs far less than segmenting every
article again here), the graded pairs from the scoring partitions, the term counts
from the shards that added them up. Saved here, `reader xref` and the app open on the
cluster's links at once, and a local run after a change to the corpus starts from them
(incremental.py), rescoring only what the change touches.
"""

from __future__ import annotations

import itertools
from collections import Counter
from pathlib import Path

from reader.model import Corpus, Statement
from reader.xref.cache import LinkCache, Run, corpus_keys
from reader.xref.crossref import link_rows, link_sides
from reader.xref.dask_client import ClusterRun
from reader.xref.graded import GradedPairs
from reader.xref.settings import XrefSettings

ARTICLES_PER_SAVE = 1_000


def keep_cluster_run(
    corpus: Corpus, run: ClusterRun, path: Path, settings: XrefSettings
) -> list[str]:
    """Save `run` (made with keep=True, its client still open: the terms are fetched
    as they are saved) to the link cache at `path`, under the key a local run of
    `corpus` with `settings` looks for; what the cache could not do."""
    assert run.kept is not None, "run_on_cluster(keep=True) brings back what is kept"
    store = LinkCache(path)
    run_key, keys = corpus_keys(corpus, settings)
    number = {article.id: n for n, article in enumerate(corpus.articles)}
    counts = Counter(number[s.article_id] for s in run.statements)
    entries = _article_entries(keys, counts, run)
    # A batch at a time: the client holds the terms of one batch, not of the corpus.
    while batch := list(itertools.islice(entries, ARTICLES_PER_SAVE)):
        store.save_articles(batch)
    graded = GradedPairs.of({(i, j): score for i, j, score in run.kept.graded})
    article_of = [n for n in range(len(keys)) for _ in range(counts[n])]
    sides = link_sides(graded, article_of, settings.links_per_article)
    stored = Run(
        keys,
        [counts[n] for n in range(len(keys))],
        graded,
        link_rows(graded, sides),
        run.kept.total,
        run.representative,
        run.kept.holding,
        sides,
    )
    store.save_run(run_key, str(corpus.root.resolve()) if corpus.root else "", stored)
    return store.notes


def _article_entries(keys: list[str], counts: Counter[int], run: ClusterRun):
    """(key, statements, terms) of each article, as the partitions' terms arrive."""
    assert run.kept is not None
    terms = itertools.chain.from_iterable(run.kept.terms)
    start = 0
    for n, key in enumerate(keys):
        end = start + counts[n]
        statements: list[Statement] = run.statements[start:end]
        yield key, statements, list(itertools.islice(terms, counts[n]))
        start = end
