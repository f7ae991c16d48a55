"""The development sets and the figures they give.

- tests/devset/links.yaml: 49 hand-picked pairs, hard negatives among them;
- tests/devset/claims.yaml: exhaustive labels, every cross-article pair of statements
  labelled through the claims each statement reports, so that precision counts every
  link the engine prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from reader.model import Corpus
from reader.xref.score import grade_rank

LABELS = Path(__file__).parent.parent / "devset" / "links.yaml"
CLAIMS = Path(__file__).parent.parent / "devset" / "claims.yaml"


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
        link = next((lk for lk in xref.links_from(a) if lk.target == b), None)
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


# --- exhaustive labels (claims.yaml) ------------------------------------------------

UNRELATED, UNSURE = "unrelated", "unsure"
Key = tuple[str, int]  # (article id, statement index)
_RANK = {UNSURE: 0, "related": 1, "same": 2}


def load_claims() -> dict:
    return yaml.safe_load(CLAIMS.read_text(encoding="utf-8"))


@dataclass
class ClaimLabels:
    """The label of every pair of statements of two different articles."""

    statements: dict[Key, object]  # every statement of the corpus, by key
    labels: dict[frozenset, str]  # pairs labelled same, related or unsure
    named: dict[Key, list[str]]  # statement -> where claims.yaml names it

    def label(self, a: Key, b: Key) -> str:
        return self.labels.get(frozenset((a, b)), UNRELATED)

    def cross_pairs(self):
        """Every unordered pair of statements of two different articles."""
        keys = sorted(self.statements)
        for n, a in enumerate(keys):
            for b in keys[n + 1 :]:
                if a[0] != b[0]:
                    yield a, b


def claim_labels(corpus: Corpus) -> ClaimLabels:
    from reader.statements import segment_article, statement_at

    data = load_claims()
    sources = data["articles"]
    segmented = {a.id: segment_article(a) for a in corpus.articles}
    statements = {(s.article_id, s.index): s for ss in segmented.values() for s in ss}
    by_source = {a.source: a for a in corpus.articles}
    named: dict[Key, list[str]] = {}

    def key(entry, where: str) -> Key:
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

    labels: dict[frozenset, str] = {}

    def put(a: Key, b: Key, grade: str) -> None:
        # A pair keeps the strongest label it gets: same > related > unsure.
        pair = frozenset((a, b))
        if a[0] != b[0] and (pair not in labels or _RANK[grade] > _RANK[labels[pair]]):
            labels[pair] = grade

    members, marginal = {}, {}
    for claim in data["claims"]:
        members[claim["id"]] = [key(e, claim["id"]) for e in claim["members"]]
        marginal[claim["id"]] = [key(e, claim["id"] + "?") for e in claim.get("marginal", [])]
    for inside in members.values():
        for n, a in enumerate(inside):
            for b in inside[n + 1 :]:
                put(a, b, "related")
    for claim_id, inside in members.items():
        for a in marginal[claim_id]:
            for b in inside:
                put(a, b, UNSURE)
    for one, other in data.get("near", []):
        for a in members[one]:
            for b in members[other]:
                put(a, b, UNSURE)
    for pair in data["same"]:
        put(key(pair["a"], "same"), key(pair["b"], "same"), "same")
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


def link_grades(xref) -> dict[frozenset, str]:
    """The grade of every link the cross-reference holds, by pair of statement keys."""
    return {
        frozenset(
            ((lk.source.article_id, lk.source.index), (lk.target.article_id, lk.target.index))
        ): lk.grade
        for lk in xref.all_links()
    }


def all_pair_figures(
    labels: ClaimLabels, predicted: dict[frozenset, str], keep=None
) -> AllPairFigures:
    """Figures over every labelled cross-article pair; `keep(a, b)` picks a subset."""
    pairs = positives = links = hits = same_links = same_hits = same_actual = 0
    for a, b in labels.cross_pairs():
        if keep is not None and not keep(a, b):
            continue
        label = labels.label(a, b)
        if label == UNSURE:
            continue
        got = predicted.get(frozenset((a, b)))
        pairs += 1
        positives += label != UNRELATED
        same_actual += label == "same"
        if got:
            links += 1
            hits += label != UNRELATED
        if got == "same":
            same_links += 1
            same_hits += label == "same"
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
