"""The engine's links with the researcher's judgements applied: the engine never
overrides a judgement.

A rejected link is hidden (and can be asked for), a confirmed one is marked, an added
one is there even when the engine does not make it, and a judged link keeps the grade
its judgement gives. Judgements name statements by their words (reader/judgements.py),
so they apply to links computed again after any change to the engine or the corpus.
"""

from __future__ import annotations

import dataclasses
import threading
from collections import defaultdict
from pathlib import Path

from reader.judgements import (
    REJECTED_VERDICT,
    Judgement,
    ResolvedJudgement,
    judgements_path,
    load_judgements,
    pair_key,
    resolve_judgements,
)
from reader.model import Link, LinkGrade, Problem, Statement
from reader.xref.copies import Copies
from reader.xref.crossref import CrossReference, shift_span
from reader.xref.diff import aligned_spans
from reader.xref.score import grade_rank


class JudgedLinks:
    """A cross-reference seen through a set of judgements."""

    def __init__(self, xref: CrossReference, judgements: list[ResolvedJudgement]):
        self.xref = xref
        self.corpus = xref.corpus
        self.show_rejected = False  # the default of `rejected` below: the reader's toggle
        self.problems: list[Problem] = []  # of the judgements file, as last read
        self._clusters: list | None = None
        self._clusters_lock = threading.Lock()
        self._index(judgements)

    def _index(self, judgements: list[ResolvedJudgement]) -> None:
        self.judgements = judgements
        self._by_pair = {j.pair: j for j in judgements}
        # judged pairs the engine does not link, by each of their statements
        self._extra: dict[tuple[str, int], list[ResolvedJudgement]] = defaultdict(list)
        for judged in judgements:
            if not self._engine_links(judged):
                for statement in (judged.a, judged.b):
                    self._extra[(statement.article_id, statement.index)].append(judged)

    def reload(self) -> list[Problem]:
        """Read the corpus's judgements file again (after a write, or a hand edit)."""
        fresh, problems = judged_links(self.xref)
        self._index(fresh.judgements)
        self.problems = problems
        return problems

    # What the reader asks a cross-reference, answered by the engine's

    def statements(self, article_id: str) -> list[Statement]:
        return self.xref.statements(article_id)

    def statement_at(self, article_id: str, offset: int) -> Statement | None:
        return self.xref.statement_at(article_id, offset)

    def outlet(self, statement: Statement) -> str:
        return self.xref.outlet(statement)

    def clusters(self, progress=None):
        """The engine's claims (judgements do not regroup them), grouped once: they
        take a while on a large corpus, and coverage is opened again and again."""
        with self._clusters_lock:
            if self._clusters is None:
                self._clusters = self.xref.clusters(progress)
            return self._clusters

    def copies_of(self, statement: Statement) -> list[Copies]:
        """The statement's verbatim copies, by outlet (judgements do not touch them)."""
        return self.xref.copies_of(statement)

    @property
    def complete(self) -> bool:
        """Whether the engine's links are all in (not only those the link store had)."""
        return self.xref.complete

    @property
    def notes(self) -> list[str]:
        return self.xref.notes

    def why(self, link: Link):
        """What the link rests on (reader/xref/why.py), for any pair, judged or not."""
        return self.xref.why(link)

    def engine_links(self) -> list[Link]:
        """The engine's links, each once, without the judgements."""
        return self.xref.all_links()

    def overlap(self, link: Link) -> float | None:
        """The engine's term overlap of the link's pair (for the review order)."""
        return self.xref.overlap(link.source, link.target)

    # Judgements applied

    def judgement(self, a: Statement, b: Statement) -> ResolvedJudgement | None:
        return self._by_pair.get(pair_key(a, b))

    def links_from(self, statement: Statement, *, rejected: bool | None = None) -> list[Link]:
        """The statement's links, judgements applied, best first; rejected ones only
        when asked for."""
        links = [self._judged(link) for link in self.xref.links_from(statement)]
        for judged in self._extra.get((statement.article_id, statement.index), ()):
            other = judged.b if judged.a == statement else judged.a
            links.append(self._added(judged, statement, other))
        links = self._shown(links, rejected)
        return sorted(links, key=lambda link: (-grade_rank(link.grade), -link.score))

    def links_for_article(self, article_id: str, *, rejected: bool | None = None) -> list[Link]:
        links = []
        for statement in self.xref.statements(article_id):
            links.extend(self.links_from(statement, rejected=rejected))
        return links

    def all_links(self, *, rejected: bool | None = None) -> list[Link]:
        """Every link once, judgements applied."""
        links = [self._judged(link) for link in self.xref.all_links()]
        for judged in self.judgements:
            if not self._engine_links(judged):
                first, second = sorted((judged.a, judged.b), key=self._corpus_order)
                links.append(self._added(judged, first, second))
        return self._shown(links, rejected)

    def _shown(self, links: list[Link], rejected: bool | None) -> list[Link]:
        rejected = self.show_rejected if rejected is None else rejected
        return [link for link in links if rejected or link.verdict != REJECTED_VERDICT]

    def _engine_links(self, judged: ResolvedJudgement) -> bool:
        return self.xref.overlap(judged.a, judged.b) is not None

    def _corpus_order(self, statement: Statement) -> tuple[int, int]:
        order = {a.id: n for n, a in enumerate(self.xref.corpus.articles)}
        return order.get(statement.article_id, len(order)), statement.index

    def _judged(self, link: Link) -> Link:
        judged = self._by_pair.get(pair_key(link.source, link.target))
        if judged is None:
            return link
        grade = LinkGrade(judged.judgement.grade) if judged.judgement.grade else link.grade
        return dataclasses.replace(link, grade=grade, verdict=judged.judgement.verdict)

    def _added(self, judged: ResolvedJudgement, source: Statement, target: Statement) -> Link:
        """A judged pair the engine does not link, as a link from `source`."""
        source_match, target_match = aligned_spans(source.text, target.text)
        return Link(
            source=source,
            target=target,
            score=0.0,  # the engine does not link them: it gave them no score
            grade=LinkGrade(judged.judgement.grade or LinkGrade.RELATED),
            source_match=shift_span(source_match, source.span.start),
            target_match=shift_span(target_match, target.span.start),
            verdict=judged.judgement.verdict,
        )


def apply_judgements(
    xref: CrossReference, judgements: list[Judgement], path: Path
) -> tuple[JudgedLinks, list[Problem]]:
    """The merged view, and the orphans among the judgements (as problems)."""
    resolved, problems = resolve_judgements(xref.corpus, judgements, xref.statements, path)
    return JudgedLinks(xref, resolved), problems


def judged_links(xref: CrossReference) -> tuple[JudgedLinks, list[Problem]]:
    """The merged view with the judgements of the corpus's own file."""
    if xref.corpus.root is None:
        return JudgedLinks(xref, []), []
    path = judgements_path(xref.corpus.root)
    judgements, problems = load_judgements(path)
    view, orphans = apply_judgements(xref, judgements, path)
    view.problems = problems + orphans
    return view, view.problems
