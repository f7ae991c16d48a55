"""How fast `reader import` takes a collection: HTML pages and JSON Lines records.

    python benchmarks/import_throughput.py                      # 1,000 pages, 10,000 records
    python benchmarks/import_throughput.py --pages 200 --records 1000 --jobs 2

Pages and records are made from the page texts in seeds/raw/ and tests/annotate/pages/
(each copy made unique by a sentence of its own, so none is skipped as a duplicate),
the pages wrapped in the furniture real pages carry (cookie banner, navigation,
scripts, related-article teasers, footer, OpenGraph metadata), the records in
news-please's layout. Each collection is imported by `reader import --jobs N` in a
fresh process into a fresh corpus, timed from start to exit (whole-corpus check
included). The baseline, in the same run, is the same texts as plain .txt pages:
the ratio (of CPU time per item) says what extraction and record reading cost on top
of annotation. CPU time is printed beside wall-clock time because on a shared machine
the wall clock measures the other users too: on N idle cores, wall is about CPU / N.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUTLETS = ["The Gulf Herald", "Levant Daily", "Northern Wire", "Coastal Times", "Eastern Chronicle"]
PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | {outlet}</title>
<meta property="og:site_name" content="{outlet}">
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="2016-09-{day:02d}T10:00:00+03:00">
<link rel="canonical" href="https://news{o}.example/world/{n}">
<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments)}}</script>
</head><body>
<div class="cookie-banner"><p>We use cookies to improve your experience. By continuing
to browse you agree to our use of cookies.</p><button>Accept</button></div>
<header><a href="/">{outlet}</a><nav><ul><li><a href="/world">World</a></li>
<li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article><h1>{title}</h1>
{paragraphs}
</article>
<aside><h3>Related articles</h3><ul><li><a href="/a">Aid convoy hit near Aleppo</a></li>
<li><a href="/b">Oil prices rise again</a></li></ul></aside></main>
<footer><p>&copy; 2016 {outlet}. All rights reserved.</p><a href="/about">About us</a></footer>
<script src="/js/app.min.js"></script></body></html>
"""


def texts() -> list[list[str]]:
    files = sorted((REPO / "seeds" / "raw").glob("*.txt"))
    files += sorted((REPO / "tests" / "annotate" / "pages").glob("*.txt"))
    out = []
    for path in files:
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
        out.append([line for line in lines if len(line) > 60])  # the paragraphs
    return [t for t in out if t]


def make(directory: Path, pages: int, records: int) -> tuple[list[Path], Path, list[Path]]:
    sources = texts()
    html_files, txt_files = [], []
    for n in range(pages):
        paragraphs = sources[n % len(sources)] + [
            f"Correction {n}: an earlier version misnamed a town."
        ]
        title = f"Story {n}: Lavrov and Kerry on Syria"
        page = PAGE.format(
            title=title,
            outlet=OUTLETS[n % len(OUTLETS)],
            o=n % len(OUTLETS),
            day=1 + n % 28,
            n=n,
            paragraphs="\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs),
        )
        path = directory / "pages" / f"page-{n}.html"
        path.parent.mkdir(exist_ok=True)
        path.write_text(page, encoding="utf-8")
        html_files.append(path)
        text = directory / "text" / f"page-{n}.txt"
        text.parent.mkdir(exist_ok=True)
        text.write_text(title + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        txt_files.append(text)
    jsonl = directory / "records.jsonl"
    with jsonl.open("w", encoding="utf-8") as handle:
        for n in range(records):
            paragraphs = sources[n % len(sources)] + [f"Update {n}: the figures were revised."]
            record = {
                "title": f"Record {n}: Russia and the US on Syria",
                "maintext": "\n".join(paragraphs),
                "date_publish": f"2016-09-{1 + n % 28:02d} 10:00:00",
                "source_domain": f"www.news{n % len(OUTLETS)}.example",
                "url": f"https://news{n % len(OUTLETS)}.example/r/{n}",
                "authors": [],
            }
            handle.write(json.dumps(record) + "\n")
    return html_files, jsonl, txt_files


def timed_import(files: list[Path], corpus: Path, jobs: int) -> tuple[float, float]:
    """Wall-clock seconds, and CPU seconds of the import and its workers."""
    command = [sys.executable, "-m", "reader", "import", *map(str, files)]
    command += ["--corpus", str(corpus), "--jobs", str(jobs)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    took = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"import failed ({done.returncode}):\n{done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return took, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--records", type=int, default=10000)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="import-bench-") as scratch:
        work = Path(scratch)
        html_files, jsonl, txt_files = make(work, args.pages, args.records)
        rows = []
        base = (float("nan"), float("nan"))
        if args.pages:
            base = timed_import(txt_files, work / "c-txt", args.jobs)
            rows.append((f"{args.pages} text pages (baseline)", base, args.pages))
            pages = timed_import(html_files, work / "c-html", args.jobs)
            rows.append((f"{args.pages} HTML pages", pages, args.pages))
        if args.records:
            took = timed_import([jsonl], work / "c-jsonl", args.jobs)
            rows.append((f"{args.records} JSON Lines records", took, args.records))
    print(f"reader import, --jobs {args.jobs}; load average {os.getloadavg()[0]:.1f}")
    print(f"{'input':<32} {'wall s':>7} {'CPU s':>7} {'CPU/item':>9} {'vs text':>8}")
    per_text = base[1] / args.pages if args.pages else float("nan")
    for name, (took, cpu), count in rows:
        ratio = (cpu / count) / per_text
        print(f"{name:<32} {took:7.1f} {cpu:7.1f} {1000 * cpu / count:7.1f}ms {ratio:8.2f}")


if __name__ == "__main__":
    main()
