"""Precision and recall of cross-references over every labelled pair of the seeds.

    python benchmarks/xref_devset.py            # the engine as it is, and the sweep
    python benchmarks/xref_devset.py --no-sweep

Labels: tests/devset/claims.yaml (every pair of statements of two different
articles; see docs/xref.md). Two conditions:

- annotated: the seeds as they are, mentions and quotes annotated by hand;
- plain: the same texts with every mention and quote annotation removed, as an
  imported article with no annotations is: entity terms then come from the
  catalogue's aliases found in the text.

The sweep runs the engine for a grid of its choices (the weight of the entity
channel, the related threshold, the links kept per statement and other article) and
reports the best in-sample, and leave-one-article-out: for each article k, the
choice that does best (F1) on the pairs not involving k is measured on the pairs
involving k; the counts of the five folds are pooled (a pair between two articles is
measured in both their folds).
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
CLAIMS = HERE.parent / "tests" / "devset" / "claims.yaml"

ENTITY_SHARES = (0.3, 0.5, 0.75, 1.0)
THRESHOLDS = (10, 12, 14, 16, 18, 20, 22, 25)
PER_ARTICLE = (1, 2, 3)


def conditions():
    from reader.corpus import bundled_corpus_path, load_corpus
    from reader.model import Corpus

    corpus, problems = load_corpus(bundled_corpus_path())
    assert not problems, problems
    plain = Corpus(
        tuple(dataclasses.replace(a, mentions=(), quotes=()) for a in corpus.articles),
        corpus.entities,
        corpus.root,
    )
    return {"annotated": corpus, "plain": plain}


def graded_links(corpus, entity_share: float, floor: float):
    """Every pair the engine grades with the entity channel at `entity_share` and the
    related threshold at `floor`: {(i, j): PairScore}, and the prepared corpus."""
    from reader.xref import XrefSettings, crossref

    settings = XrefSettings(entity_share=entity_share, related_score=floor)
    prepared = crossref.prepare(corpus, settings=settings)
    return crossref.scored_pairs(prepared), prepared


def predicted(graded, prepared, threshold: float, per_article: int) -> dict:
    from reader.xref import LinkGrade, crossref

    kept = {
        pair: result
        for pair, result in graded.items()
        if result.grade is LinkGrade.SAME or result.score >= threshold
    }
    links = crossref.best_links(kept, prepared.article_of, per_article)
    keys = [(s.article_id, s.index) for s in prepared.statements]
    return {
        frozenset((keys[i], keys[j])): result.grade or LinkGrade.RELATED
        for (i, j), result in links.items()
    }


def sweep(corpus, labels):
    from reader.xref.evaluation import all_pair_figures

    runs = []
    for share in ENTITY_SHARES:
        graded, prepared = graded_links(corpus, share, min(THRESHOLDS))
        for threshold, per_article in itertools.product(THRESHOLDS, PER_ARTICLE):
            runs.append(
                (
                    (share, threshold, per_article),
                    predicted(graded, prepared, threshold, per_article),
                )
            )
    best = max(runs, key=lambda run: all_pair_figures(labels, run[1]).f1)
    folds, chosen = [0, 0, 0], []
    for article in [a.id for a in corpus.articles]:

        def inside(a, b, article=article):
            return article in (a[0], b[0])

        def outside(a, b, article=article):
            return not inside(a, b)

        choice = max(runs, key=lambda run: all_pair_figures(labels, run[1], outside).f1)
        measured = all_pair_figures(labels, choice[1], inside)
        hits = round(measured.precision * measured.links) if measured.links else 0
        folds[0] += hits
        folds[1] += measured.links
        folds[2] += measured.positives
        chosen.append(choice[0])
    hits, links, positives = folds
    precision = hits / links if links else 1.0
    recall = hits / positives if positives else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return best, (precision, recall, f1), chosen


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-sweep", action="store_true", help="only the engine as it is")
    args = parser.parse_args(argv)

    from reader.xref import cross_reference
    from reader.xref.evaluation import all_pair_figures, claim_labels, link_grades, load_claims

    claims = load_claims(CLAIMS)
    for name, corpus in conditions().items():
        labels = claim_labels(corpus, claims)
        xref = cross_reference(corpus, cache=False)
        result = all_pair_figures(labels, link_grades(xref))
        print(
            f"{name}: {len(xref.all_links())} links; {result.pairs} labelled pairs, "
            f"{result.positives} positive; >= related P {result.precision:.3f} "
            f"R {result.recall:.3f} F1 {result.f1:.3f}; same P {result.same_precision:.3f} "
            f"R {result.same_recall:.3f}"
        )
        if args.no_sweep:
            continue
        best, (p, r, f), chosen = sweep(corpus, labels)
        figures = all_pair_figures(labels, best[1])
        print(
            f"  sweep (entity share, threshold, per article): best in-sample {best[0]} "
            f"P {figures.precision:.3f} R {figures.recall:.3f} F1 {figures.f1:.3f}"
        )
        print(f"  leave-one-article-out: P {p:.3f} R {r:.3f} F1 {f:.3f}; chosen {chosen}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
