"""The development set (tests/devset/links.yaml) and the figures it gives."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from reader.model import Corpus
from reader.xref.score import grade_rank

LABELS = Path(__file__).parent.parent / "devset" / "links.yaml"


@dataclass(frozen=True)
class Figures:
    pairs: int
    link_precision: float
    link_recall: float
    same_precision: float
    same_recall: float


def load_labels() -> dict:
    return yaml.safe_load(LABELS.read_text(encoding="utf-8"))


def resolve(corpus: Corpus, xref, source: str, exact: str):
    """The statement holding `exact` in the article made from raw file `source`."""
    article = next(a for a in corpus.articles if a.source == source)
    offset = article.text.index(exact)
    return xref.statement_at(article.id, offset)


def predicted_grades(corpus: Corpus, xref, split: str | None = None):
    """(labelled grade, predicted grade or None) for each labelled pair."""
    labels = load_labels()
    sources = labels["articles"]
    out = []
    for pair in labels["pairs"]:
        if split and pair["split"] != split:
            continue
        a = resolve(corpus, xref, sources[pair["a"][0]], pair["a"][1])
        b = resolve(corpus, xref, sources[pair["b"][0]], pair["b"][1])
        link = next((l for l in xref.links_from(a) if l.target == b), None)
        out.append((pair["grade"], link.grade if link else None))
    return out


def figures(graded) -> Figures:
    def ratio(n, d):
        return n / d if d else 1.0

    linked = [(label, got) for label, got in graded if got]
    positive = [(label, got) for label, got in graded if label != "unrelated"]
    said_same = [(label, got) for label, got in graded if got == "same"]
    labelled_same = [(label, got) for label, got in graded if label == "same"]
    return Figures(
        pairs=len(graded),
        link_precision=ratio(sum(label != "unrelated" for label, _ in linked), len(linked)),
        link_recall=ratio(sum(grade_rank(got) > 0 for _, got in positive), len(positive)),
        same_precision=ratio(sum(label == "same" for label, _ in said_same), len(said_same)),
        same_recall=ratio(sum(got == "same" for _, got in labelled_same), len(labelled_same)),
    )
