"""How far to trust the engine on a corpus: its links measured against the
researcher's judgements (`reader xref --eval`).

Precision counts the engine's links that are judged: confirmed (or added by hand)
is right, rejected is wrong; unjudged links are left out. Recall is over the links
judged right (confirmed or added): how many of them the engine makes now. Both use
the engine's own links and grades, never the judgements' (reader/xref/judged.py
applies those for reading).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from reader.judgements import REJECTED_VERDICT, ResolvedJudgement, pair_key
from reader.model import Link

TARGET_PRECISION = 0.9
# Score bands: the related threshold is 20 (reader/xref/score.py); `same` needs no
# score, so the first band catches it below that.
SCORE_BANDS = ((0, 20), (20, 30), (30, 40), (40, 50), (50, 70), (70, 101))


@dataclass(frozen=True)
class Tally:
    judged: int
    correct: int

    @property
    def precision(self) -> float | None:
        return self.correct / self.judged if self.judged else None


@dataclass(frozen=True)
class Threshold:
    score: float  # keep the links scoring at least this
    precision: float  # of the judged links kept
    judged_kept: int
    links_kept: int  # of all the engine's links


@dataclass(frozen=True)
class Evaluation:
    links: int  # the engine's links
    judgements: int  # judgements found in the corpus (orphans left out)
    orphans: int
    verdicts: dict[str, int]  # confirmed / rejected / added -> count
    judged: Tally  # the engine's links that are judged
    by_grade: dict[str, Tally]
    by_band: list[tuple[str, Tally]]
    judged_correct: int  # pairs judged to be links (confirmed or added)
    found: int  # of them linked by the engine now
    threshold: Threshold | None  # None when no score keeps precision at the target
    target: float = TARGET_PRECISION

    @property
    def recall(self) -> float | None:
        return self.found / self.judged_correct if self.judged_correct else None


def evaluate(
    links: list[Link], judgements: list[ResolvedJudgement], orphans: int = 0
) -> Evaluation:
    """The engine's `links` (each once) against the resolved judgements."""
    by_pair = {j.pair: j for j in judgements}
    judged: list[tuple[Link, bool]] = []
    for link in links:
        verdict = by_pair.get(pair_key(link.source, link.target))
        if verdict is not None:
            judged.append((link, verdict.judgement.verdict != REJECTED_VERDICT))
    linked = {pair_key(link.source, link.target) for link in links}
    correct_pairs = [j.pair for j in judgements if j.judgement.verdict != REJECTED_VERDICT]
    verdicts: dict[str, int] = {}
    for j in judgements:
        verdicts[j.judgement.verdict] = verdicts.get(j.judgement.verdict, 0) + 1
    return Evaluation(
        links=len(links),
        judgements=len(judgements),
        orphans=orphans,
        verdicts=verdicts,
        judged=_tally(judged),
        by_grade={
            grade: _tally([(lk, ok) for lk, ok in judged if lk.grade == grade])
            for grade in ("same", "related")
        },
        by_band=[
            (
                _band_name(low, high),
                _tally([(lk, ok) for lk, ok in judged if low <= lk.score < high]),
            )
            for low, high in SCORE_BANDS
        ],
        judged_correct=len(correct_pairs),
        found=sum(pair in linked for pair in correct_pairs),
        threshold=best_threshold(judged, links),
    )


def _tally(judged: list[tuple[Link, bool]]) -> Tally:
    return Tally(len(judged), sum(ok for _, ok in judged))


def _band_name(low: int, high: int) -> str:
    return f"{low}-{min(high, 100)}"


def best_threshold(
    judged: list[tuple[Link, bool]], links: list[Link], target: float = TARGET_PRECISION
) -> Threshold | None:
    """The lowest score at which the judged links kept have precision >= target."""
    for score in sorted({link.score for link, _ in judged}):
        kept = [(lk, ok) for lk, ok in judged if lk.score >= score]
        tally = _tally(kept)
        if tally.precision is not None and tally.precision >= target:
            return Threshold(
                score,
                tally.precision,
                tally.judged,
                sum(link.score >= score for link in links),
            )
    return None


EVAL_SCHEMA = "reader.xref-eval/1"


def evaluation_json(evaluation: Evaluation) -> dict:
    def tally(t: Tally) -> dict:
        return {"judged": t.judged, "correct": t.correct, "precision": t.precision}

    return {
        "schema": EVAL_SCHEMA,
        "links": evaluation.links,
        "judgements": evaluation.judgements,
        "orphans": evaluation.orphans,
        "verdicts": evaluation.verdicts,
        "judged_links": tally(evaluation.judged),
        "precision_by_grade": {g: tally(t) for g, t in evaluation.by_grade.items()},
        "precision_by_score": [{"band": name, **tally(t)} for name, t in evaluation.by_band],
        "recall": {
            "judged_correct": evaluation.judged_correct,
            "linked": evaluation.found,
            "recall": evaluation.recall,
        },
        "threshold": {
            "target_precision": evaluation.target,
            **(asdict(evaluation.threshold) if evaluation.threshold else {"score": None}),
        },
    }


def evaluation_text(evaluation: Evaluation) -> str:
    def figure(t: Tally) -> str:
        if t.precision is None:
            return "-    (none judged)"
        return f"{t.precision:.2f} ({t.correct} of {t.judged})"

    e = evaluation
    verdicts = ", ".join(f"{n} {v}" for v, n in sorted(e.verdicts.items())) or "none"
    share = f" ({e.judged.judged / e.links:.0%})" if e.links else ""
    lines = [
        f"judgements: {e.judgements} ({verdicts}); orphans left out: {e.orphans}",
        f"engine links: {e.links}; judged: {e.judged.judged}{share}",
        f"precision of judged links: {figure(e.judged)}",
        "  by grade:",
        *(f"    {grade:<8} {figure(t)}" for grade, t in e.by_grade.items()),
        "  by score:",
        *(f"    {name:<8} {figure(t)}" for name, t in e.by_band),
    ]
    if e.recall is None:
        lines.append("recall of links judged right: - (none judged right)")
    else:
        lines.append(
            f"recall of links judged right: {e.recall:.2f} "
            f"({e.found} of {e.judged_correct} linked by the engine)"
        )
    if e.threshold is None:
        lines.append(f"threshold for precision >= {e.target}: none (no score keeps it)")
    else:
        t = e.threshold
        lines.append(
            f"threshold for precision >= {e.target}: score >= {t.score:.1f} "
            f"(precision {t.precision:.2f}; keeps {t.judged_kept} of {e.judged.judged} "
            f"judged links, {t.links_kept} of {e.links} links)"
        )
    if e.judged.judged < 30:
        lines.append(
            f"note: only {e.judged.judged} of the links are judged, so the figures are "
            "rough; judge more in the review queue (r in the reader)"
        )
    return "\n".join(lines) + "\n"
