"""How cross-referencing scales: indexed candidates against brute-force all pairs.

    python benchmarks/xref_scale.py                 # 100, 1,000 and 10,000 articles
    python benchmarks/xref_scale.py --sizes 100 1000

For each size, in a fresh process (so that peak memory is that size's own), a
synthetic corpus with planted links (benchmarks/synthetic_corpus.py) is
cross-referenced as `reader xref` does it, without the cache. Brute force scores a
random sample of query statements against every statement of the other articles with
the same scorer, and its time is extrapolated to all pairs. Printed:

- prepare: segmentation and term extraction; link: index, candidates, scoring, best
  links; whole: prepare + link, the whole-corpus time;
- brute: prepare + the extrapolated all-pairs time of the same scorer; speed-up:
  brute / whole;
- bf recall: of the pairs brute force grades related or better for the sampled
  queries, the share the index also grades;
- planted: of the planted links, the share linked at related or better;
- query: mean time to link one article's statements against the indexed corpus;
- peak MB: the process's peak resident memory.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))


def measure(articles: int, samples: int, seed: int) -> dict:
    from synthetic_corpus import generate

    from reader.statements import statement_at
    from reader.xref import crossref
    from reader.xref.index import CandidateIndex
    from reader.xref.score import grade_rank, score_pair

    synthetic = generate(articles, seed=seed)
    corpus = synthetic.corpus

    started = time.perf_counter()
    prepared = crossref.prepare(corpus)
    prepared_at = time.perf_counter()
    index = CandidateIndex.build(prepared.indexed_terms(), prepared.article_of, prepared.weights)
    graded = crossref.scored_pairs(prepared, index=index)
    links = crossref.best_links(graded, prepared.article_of)
    finished = time.perf_counter()
    statements = prepared.statements
    count = len(statements)

    # Brute force: the same scorer over every pair, on a sample of queries.
    rng = random.Random(seed)
    sample = rng.sample(range(count), min(samples, count))
    terms, weights, article_of = prepared.terms, prepared.weights, prepared.article_of
    brute_found = brute_hit = 0
    brute_started = time.perf_counter()
    for query in sample:
        mine = terms[query]
        for other in range(count):
            if article_of[other] == article_of[query]:
                continue
            result = score_pair(mine, terms[other], weights)
            if result.grade:
                brute_found += 1
                brute_hit += (min(query, other), max(query, other)) in graded
    per_query = (time.perf_counter() - brute_started) / len(sample)
    # Each pair once: half of every query's comparisons.
    brute_seconds = per_query * count / 2

    # Planted links, at related or better after best-link selection.
    positions = {(s.article_id, s.index): i for i, s in enumerate(statements)}
    by_article: dict[str, list] = {}
    for statement in statements:
        by_article.setdefault(statement.article_id, []).append(statement)
    planted_hit = 0
    by_kind: dict[str, list[int]] = {}
    for link in synthetic.planted:
        ends = []
        for article_id, offset in (link.a, link.b):
            statement = statement_at(by_article.get(article_id, []), offset)
            ends.append(positions[(article_id, statement.index)] if statement else None)
        pair = (min(ends), max(ends)) if None not in ends else None
        hit = pair in links and grade_rank(links[pair].grade) >= 1
        planted_hit += hit
        by_kind.setdefault(link.kind, [0, 0])
        by_kind[link.kind][0] += hit
        by_kind[link.kind][1] += 1

    # One article against the indexed corpus.
    query_articles = rng.sample(range(articles), min(20, articles))
    first_of = {}
    for i, number in enumerate(article_of):
        first_of.setdefault(number, []).append(i)
    query_started = time.perf_counter()
    for number in query_articles:
        crossref.scored_pairs(prepared, index=index, queries=first_of.get(number, []))
    query_seconds = (time.perf_counter() - query_started) / len(query_articles)

    return {
        "articles": articles,
        "statements": count,
        "prepare": prepared_at - started,
        "link": finished - prepared_at,
        "brute": brute_seconds,
        "bf_recall": brute_hit / brute_found if brute_found else 1.0,
        "bf_links": brute_found,
        "planted": planted_hit / max(len(synthetic.planted), 1),
        "planted_kinds": {k: round(h / n, 3) for k, (h, n) in sorted(by_kind.items())},
        "query_ms": query_seconds * 1000,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "links": len(links),
    }


def table(rows: list[dict]) -> str:
    header = (
        f"{'articles':>8} {'stmts':>7} {'prepare s':>9} {'link s':>7} {'whole s':>7} "
        f"{'brute s':>9} {'speed-up':>8} {'bf recall':>9} {'planted':>7} {'query ms':>8} "
        f"{'peak MB':>7}"
    )
    lines = [header, "-" * len(header)]
    for r in rows:
        whole = r["prepare"] + r["link"]
        brute = r["prepare"] + r["brute"]
        lines.append(
            f"{r['articles']:>8,} {r['statements']:>7,} {r['prepare']:>9.1f} {r['link']:>7.1f} "
            f"{whole:>7.1f} {brute:>9,.0f} {brute / max(whole, 1e-9):>7,.0f}x "
            f"{r['bf_recall']:>9.3f} {r['planted']:>7.3f} {r['query_ms']:>8.1f} "
            f"{r['peak_mb']:>7,.0f}"
        )
    lines.append("")
    for r in rows:
        lines.append(
            f"{r['articles']:,} articles: planted recall by kind {r['planted_kinds']}; "
            f"{r['bf_links']} brute-force links in the sample; {r['links']:,} links kept"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--samples", type=int, default=None, help="brute-force query sample")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        samples = args.samples or max(20, 200_000 // args.one)
        print(json.dumps(measure(args.one, samples, args.seed)))
        return 0
    rows = []
    for size in args.sizes:
        command = [sys.executable, __file__, "--one", str(size), "--seed", str(args.seed)]
        if args.samples:
            command += ["--samples", str(args.samples)]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            print(done.stderr, file=sys.stderr)
            return 1
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(f"measured {size:,} articles", file=sys.stderr)
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
