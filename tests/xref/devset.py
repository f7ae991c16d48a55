"""Where the development sets live; the code that reads and scores them is
reader/xref/evaluation.py (the benchmarks use it too)."""

from pathlib import Path

DEVSET = Path(__file__).parent.parent / "devset"
LINKS = DEVSET / "links.yaml"  # hand-picked pairs, hard negatives among them
CLAIMS = DEVSET / "claims.yaml"  # every cross-article pair, labelled through claims
