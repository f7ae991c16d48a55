"""How well the engine links statements, measured against hand labels.

Two kinds of development set (the bundled one is in tests/devset/; docs/xref.md
describes both and gives the figures):

- links.yaml: hand-picked pairs of statements, hard negatives among them, each with
  its grade (`load_labels`, `predicted_grades`, `figures`);
- claims.yaml: exhaustive labels, every cross-article pair of statements labelled
  through the claims each statement reports, so that precision counts every link the
  engine prints (`claim_labels`, `link_grades`, `all_pair_figures`).

The tests hold the engine to floors on these figures; benchmarks/xref_devset.py
prints them and sweeps the engine's settings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml

from reader.model import Corpus, LinkGrade, Statement
from reader.xref.crossref import CrossReference
from reader.xref.score import grade_rank


class Label(StrEnum):
    """What the hand labels say of a pair of statements."""

    SAME = LinkGrade.SAME.value
    RELATED = LinkGrade.RELATED.value
    UNSURE = "unsure"  # left out of the figures
    UNRELATED = "unrelated"


Key = tuple[str, int]  # (article id, statement index)
PairKey = frozenset[Key]
# A pair keeps the strongest label it gets.
_STRENGTH = {Label.UNSURE: 0, Label.RELATED: 1, Label.SAME: 2}


def _read_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# --- hand-picked pairs (links.yaml) ---------------------------------------------------


@dataclass(frozen=True)
class Figures:
    pairs: int
    link_precision: float
    link_recall: float
    same_precision: float
    same_recall: float


def load_labels(path: Path) -> dict[str, Any]:
    """links.yaml: `articles` (name -> raw file) and `pairs` (a, b, grade, split)."""
    return _read_yaml(path)


def resolve(corpus: Corpus, xref: CrossReference, source: str, exact: str) -> Statement | None:
    """The statement holding `exact` in the article made from raw file `source`."""
    article = next(a for a in corpus.articles if a.source == source)
    offset = article.text.index(exact)
    return xref.statement_at(article.id, offset)


def predicted_grades(
    corpus: Corpus, xref: CrossReference, labels: dict[str, Any], split: str | None = None
) -> list[tuple[Label, LinkGrade | None]]:
    """(label, predicted grade or None) for each labelled pair (of `split`, if given)."""
    sources = labels["articles"]
    out = []
    for pair in labels["pairs"]:
        if split and pair["split"] != split:
            continue
        a = resolve(corpus, xref, sources[pair["a"][0]], pair["a"][1])
        b = resolve(corpus, xref, sources[pair["b"][0]], pair["b"][1])
        assert a is not None and b is not None, pair
        link = next((lk for lk in xref.links_from(a) if lk.target == b), None)
        out.append((Label(pair["grade"]), link.grade if link else None))
    return out


def figures(graded: list[tuple[Label, LinkGrade | None]]) -> Figures:
    def ratio(n: int, d: int) -> float:
        return n / d if d else 1.0

    linked = [(label, got) for label, got in graded if got]
    positive = [(label, got) for label, got in graded if label is not Label.UNRELATED]
    said_same = [(label, got) for label, got in graded if got == LinkGrade.SAME]
    labelled_same = [(label, got) for label, got in graded if label is Label.SAME]
    return Figures(
        pairs=len(graded),
        link_precision=ratio(sum(label is not Label.UNRELATED for label, _ in linked), len(linked)),
        link_recall=ratio(sum(grade_rank(got) > 0 for _, got in positive), len(positive)),
        same_precision=ratio(sum(label is Label.SAME for label, _ in said_same), len(said_same)),
        same_recall=ratio(
            sum(got == LinkGrade.SAME for _, got in labelled_same), len(labelled_same)
        ),
    )


# --- exhaustive labels (claims.yaml) --------------------------------------------------


def load_claims(path: Path) -> dict[str, Any]:
    """claims.yaml: `articles`, `claims` (members, marginal), `same`, `near`, ..."""
    return _read_yaml(path)


@dataclass
class ClaimLabels:
    """The label of every pair of statements of two different articles."""

    statements: dict[Key, Statement]  # every statement of the corpus, by key
    labels: dict[PairKey, Label]  # pairs labelled same, related or unsure
    named: dict[Key, list[str]]  # statement -> where claims.yaml names it

    def label(self, a: Key, b: Key) -> Label:
        return self.labels.get(frozenset((a, b)), Label.UNRELATED)

    def cross_pairs(self) -> Iterator[tuple[Key, Key]]:
        """Every unordered pair of statements of two different articles."""
        keys = sorted(self.statements)
        for n, a in enumerate(keys):
            for b in keys[n + 1 :]:
                if a[0] != b[0]:
                    yield a, b


def claim_labels(corpus: Corpus, data: dict[str, Any]) -> ClaimLabels:
    """Every cross-article pair's label, from claims.yaml's `data` (`load_claims`)."""
    from reader.statements import segment_article, statement_at

    sources = data["articles"]
    segmented = {a.id: segment_article(a) for a in corpus.articles}
    statements = {(s.article_id, s.index): s for ss in segmented.values() for s in ss}
    by_source = {a.source: a for a in corpus.articles}
    named: dict[Key, list[str]] = {}

    def key(entry: list[Any], where: str) -> Key:
        name, exact, *nth = entry
        article = by_source[sources[name]]
        offset = -1
        for _ in range(nth[0] if nth else 1):
            offset = article.text.index(exact, offset + 1)
        statement = statement_at(segmented[article.id], offset)
        assert statement is not None, f"{entry} names no statement"
        found = (article.id, statement.index)
        named.setdefault(found, []).append(where)
        return found

    labels: dict[PairKey, Label] = {}

    def put(a: Key, b: Key, label: Label) -> None:
        pair = frozenset((a, b))
        if a[0] != b[0] and (pair not in labels or _STRENGTH[label] > _STRENGTH[labels[pair]]):
            labels[pair] = label

    members, marginal = {}, {}
    for claim in data["claims"]:
        members[claim["id"]] = [key(e, claim["id"]) for e in claim["members"]]
        marginal[claim["id"]] = [key(e, claim["id"] + "?") for e in claim.get("marginal", [])]
    for inside in members.values():
        for n, a in enumerate(inside):
            for b in inside[n + 1 :]:
                put(a, b, Label.RELATED)
    for claim_id, inside in members.items():
        for a in marginal[claim_id]:
            for b in inside:
                put(a, b, Label.UNSURE)
    for one, other in data.get("near", []):
        for a in members[one]:
            for b in members[other]:
                put(a, b, Label.UNSURE)
    for pair in data["same"]:
        put(key(pair["a"], "same"), key(pair["b"], "same"), Label.SAME)
    for pair in data.get("unrelated", []):
        labels.pop(frozenset((key(pair["a"], "unrelated"), key(pair["b"], "unrelated"))), None)
    for entry in data.get("unclustered", []):
        key(entry, "unclustered")
    return ClaimLabels(statements, labels, named)


@dataclass(frozen=True)
class AllPairFigures:
    pairs: int  # labelled cross-article pairs (unsure ones left out)
    positives: int  # of them labelled related or same
    links: int  # links graded at least related on labelled pairs
    precision: float
    recall: float
    f1: float
    same_links: int
    same_precision: float
    same_recall: float
    same_f1: float


def _prf(hits: int, predicted: int, actual: int) -> tuple[float, float, float]:
    precision = hits / predicted if predicted else 1.0
    recall = hits / actual if actual else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def link_grades(xref: CrossReference) -> dict[PairKey, LinkGrade]:
    """The grade of every link the cross-reference holds, by pair of statement keys."""
    return {
        frozenset(
            ((lk.source.article_id, lk.source.index), (lk.target.article_id, lk.target.index))
        ): lk.grade
        for lk in xref.all_links()
    }


def all_pair_figures(
    labels: ClaimLabels,
    predicted: dict[PairKey, LinkGrade],
    keep: Callable[[Key, Key], bool] | None = None,
) -> AllPairFigures:
    """Figures over every labelled cross-article pair; `keep(a, b)` picks a subset."""
    pairs = positives = links = hits = same_links = same_hits = same_actual = 0
    for a, b in labels.cross_pairs():
        if keep is not None and not keep(a, b):
            continue
        label = labels.label(a, b)
        if label is Label.UNSURE:
            continue
        got = predicted.get(frozenset((a, b)))
        pairs += 1
        positives += label is not Label.UNRELATED
        same_actual += label is Label.SAME
        if got:
            links += 1
            hits += label is not Label.UNRELATED
        if got == LinkGrade.SAME:
            same_links += 1
            same_hits += label is Label.SAME
    precision, recall, f1 = _prf(hits, links, positives)
    same_precision, same_recall, same_f1 = _prf(same_hits, same_links, same_actual)
    return AllPairFigures(
        pairs,
        positives,
        links,
        precision,
        recall,
        f1,
        same_links,
        same_precision,
        same_recall,
        same_f1,
    )
