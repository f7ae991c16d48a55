"""Whether annotation and segmentation stay linear in the length of one page.

    python benchmarks/long_page.py                  # 4x, 8x, 16x, 32x the seeds' text
    python benchmarks/long_page.py --sizes 8 16 32 64

Two shapes of page are built from the bundled raw pages: `lines` (the pages one after
another, many short lines) and `line` (their long paragraphs joined into one line, the
shape that made annotation quadratic). For each size, `annotate_raw` (what `reader
import` does) and `segment_article` (what `reader xref` does first) are timed. Printed:
seconds, and us/char, the time per character; linear work keeps us/char flat as the
size doubles, quadratic work doubles it.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.annotate import annotate_raw  # noqa: E402
from reader.corpus import bundled_corpus_path, load_corpus  # noqa: E402
from reader.model import Article, BlockKind, Paragraph, Span  # noqa: E402
from reader.statements import segment_article  # noqa: E402


def pages(k: int) -> dict[str, str]:
    raws = [
        p.read_text(encoding="utf-8") for p in sorted((bundled_corpus_path() / "raw").glob("*"))
    ]
    long_lines = " ".join(line for raw in raws for line in raw.splitlines() if len(line) > 80)
    return {"lines": "\n".join(raws) * k, "line": "A headline\n\n" + (long_lines + " ") * k}


def as_article(text: str) -> Article:
    paragraphs, parts, offset = [], [], 0
    for i, line in enumerate(t for t in text.split("\n") if t.strip()):
        paragraphs.append(Paragraph(i, BlockKind.PARAGRAPH, Span(offset, offset + len(line))))
        parts.append(line)
        offset += len(line) + 2
    return Article("long", "", "outlet", "title", None, "\n\n".join(parts), tuple(paragraphs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[4, 8, 16, 32])
    sizes = parser.parse_args().sizes
    corpus, _ = load_corpus(bundled_corpus_path())
    print(f"{'shape':<6} {'work':<9} {'size':>5} {'chars':>9} {'seconds':>8} {'us/char':>8}")
    for k in sizes:
        for shape, text in pages(k).items():
            for work in ("annotate", "segment"):
                start = time.perf_counter()
                if work == "annotate":
                    annotate_raw(text, "long.txt", corpus.entities)
                else:
                    segment_article(as_article(text))
                seconds = time.perf_counter() - start
                per_char = seconds / len(text) * 1e6
                print(
                    f"{shape:<6} {work:<9} {k:>4}x {len(text):>9,} {seconds:>8.2f} {per_char:>8.2f}"
                )


if __name__ == "__main__":
    main()
