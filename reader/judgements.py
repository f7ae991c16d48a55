"""A researcher's judgements of cross-references: `judgements.yaml` in the corpus.

Each judgement names the two statements of a link by quoting them, like every other
annotation (docs/judgements.md): the article id and the statement's exact text, with
`occurrence` where the words repeat in the article. A statement is the one that holds
the first character of its quoted text, so a judgement survives re-segmentation and
edits elsewhere in the article; one whose words are gone is an orphan, reported by
`reader check` with the closest passage.

Reading only; writing (read-modify-write that keeps hand edits) is in
reader/judgement_file.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from reader.anchors import Ambiguous, NotFound, Selector, resolve_anchor
from reader.fields import Field, check_fields, describe
from reader.model import Corpus, LinkGrade, Problem, Span, Statement
from reader.yamlsource import REJECTED, YamlList, YamlMap, load_yaml_file

JUDGEMENTS_FILE = "judgements.yaml"
FORMAT_VERSION = 1
CONFIRMED, REJECTED_VERDICT, ADDED = "confirmed", "rejected", "added"
VERDICTS = (CONFIRMED, REJECTED_VERDICT, ADDED)
JUDGED_GRADES = tuple(grade.value for grade in LinkGrade)

FILE_FIELDS = {
    "version": Field((int,), example="version: 1"),
    "judgements": Field((YamlList, type(None)), required=True, example="judgements: []"),
}
JUDGEMENT_FIELDS = {
    "a": Field((YamlMap,), required=True, example="a: {article: ID, exact: ...}"),
    "b": Field((YamlMap,), required=True, example="b: {article: ID, exact: ...}"),
    "verdict": Field((str,), required=True, example="verdict: confirmed"),
    "grade": Field((str,)),
    "who": Field((str,)),
    "when": Field((str, dt.datetime, dt.date)),
    "note": Field((str,)),
}
END_FIELDS = {
    "article": Field((str,), required=True, example="article: ID"),
    "exact": Field((str,), required=True, example="exact: the statement's words"),
    "prefix": Field((str,)),
    "suffix": Field((str,)),
    "occurrence": Field((int,)),
}


@dataclass(frozen=True, slots=True)
class StatementRef:
    """A statement named by its article and (part of) its exact words."""

    article: str
    exact: str
    prefix: str = ""
    suffix: str = ""
    occurrence: int | None = None
    position: tuple[int, int] = (1, 1)  # where `exact` is in the file

    @property
    def selector(self) -> Selector:
        return Selector(self.exact, self.prefix, self.suffix, self.occurrence)


@dataclass(frozen=True, slots=True)
class Judgement:
    a: StatementRef
    b: StatementRef
    verdict: str  # confirmed | rejected | added
    grade: str | None = None  # the link's grade: given for `added`, recorded otherwise
    who: str = ""
    when: str = ""  # ISO 8601
    note: str = ""
    line: int | None = None  # where the entry starts in the file


@dataclass(frozen=True, slots=True)
class ResolvedJudgement:
    """A judgement whose two statements were found in the corpus."""

    judgement: Judgement
    a: Statement
    b: Statement

    @property
    def pair(self) -> frozenset[tuple[str, int]]:
        return pair_key(self.a, self.b)


def pair_key(a: Statement, b: Statement) -> frozenset[tuple[str, int]]:
    """An unordered pair of statements, as (article id, statement index) keys."""
    return frozenset(((a.article_id, a.index), (b.article_id, b.index)))


def judgements_path(root: Path) -> Path:
    return Path(root) / JUDGEMENTS_FILE


def load_judgements(path: Path) -> tuple[list[Judgement], list[Problem]]:
    """The well-formed judgements of a file, and the problems of the rest.

    A missing file is no judgement and no problem.
    """
    if not path.exists():
        return [], []
    data, problems = load_yaml_file(path)
    if data is None or data is REJECTED:
        if not problems:
            return [], []  # an empty file
        return [], problems
    if not isinstance(data, YamlMap):
        line, column = getattr(data, "position", (1, 1))
        problems.append(
            Problem(
                path,
                line,
                column,
                f"should be a mapping with 'judgements:', not {describe(data)}; "
                "see docs/judgements.md",
            )
        )
        return [], problems
    problems += check_fields(data, FILE_FIELDS, "judgements file", path)
    version = data.get("version", FORMAT_VERSION)
    if isinstance(version, int) and version != FORMAT_VERSION and not isinstance(version, bool):
        problems.append(
            Problem(
                path,
                *data.where("version"),
                f"version {version} is not known; this reader reads version {FORMAT_VERSION}",
            )
        )
    items = data.get("judgements")
    if not isinstance(items, YamlList):
        return [], problems
    judgements = []
    for number, (item, position) in enumerate(zip(items, items.item_positions, strict=True), 1):
        judgement = _read_judgement(path, item, position, f"judgement {number}", problems)
        if judgement is not None:
            judgements.append(judgement)
    return judgements, problems


def _read_judgement(
    path: Path, item, position: tuple[int, int], what: str, problems: list[Problem]
):
    if not isinstance(item, YamlMap):
        problems.append(
            Problem(
                path,
                *position,
                f"{what}: should be a mapping (a, b, verdict, ...), not {describe(item)}",
            )
        )
        return None
    found = check_fields(item, JUDGEMENT_FIELDS, what, path)
    ends = []
    for side in ("a", "b"):
        end = item.get(side)
        if isinstance(end, YamlMap):
            found += check_fields(end, END_FIELDS, f"{what}, statement {side}", path)
            if isinstance(end.get("occurrence"), int) and end["occurrence"] < 1:
                found.append(
                    Problem(
                        path,
                        *end.where("occurrence"),
                        f"{what}, statement {side}: occurrence counts from 1",
                    )
                )
            if isinstance(end.get("exact"), str) and not end["exact"].strip():
                found.append(
                    Problem(
                        path,
                        *end.where("exact"),
                        f"{what}, statement {side}: 'exact' is empty; copy the statement's words",
                    )
                )
        ends.append(end)
    verdict, grade = item.get("verdict"), item.get("grade")
    if isinstance(verdict, str) and verdict not in VERDICTS:
        found.append(
            Problem(
                path,
                *item.where("verdict"),
                f"{what}: verdict {verdict!r} is not one of {', '.join(VERDICTS)}",
            )
        )
    if isinstance(grade, str) and grade not in JUDGED_GRADES:
        found.append(
            Problem(
                path,
                *item.where("grade"),
                f"{what}: grade {grade!r} is not one of {', '.join(JUDGED_GRADES)}",
            )
        )
    if verdict == ADDED and "grade" not in item:
        found.append(
            Problem(
                path,
                *item.position,
                f"{what}: an added link needs its grade; add 'grade: same' or 'grade: related'",
            )
        )
    when = item.get("when")
    if isinstance(when, str) and _parse_time(when) is None:
        found.append(
            Problem(
                path,
                *item.where("when"),
                f"{what}: 'when' {when!r} is not an ISO 8601 time; "
                "write it like 2016-09-28T14:05:00+00:00",
            )
        )
    problems += found
    if found:
        return None
    # check_fields has reported any end that is not a mapping, so both are mappings here
    a, b = (_ref(cast(YamlMap, end)) for end in ends)
    if a.article == b.article:
        problems.append(
            Problem(
                path,
                *item.position,
                f"{what}: both statements are in article {a.article!r}; "
                "a link joins statements of two articles",
            )
        )
        return None
    return Judgement(
        a,
        b,
        str(verdict),
        grade,
        str(item.get("who", "")),
        _time_text(when),
        str(item.get("note", "")),
        position[0],
    )


def _ref(end: YamlMap) -> StatementRef:
    return StatementRef(
        end["article"],
        end["exact"],
        end.get("prefix", ""),
        end.get("suffix", ""),
        end.get("occurrence"),
        end.where("exact"),
    )


def _parse_time(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None


def _time_text(when) -> str:
    if when is None:
        return ""
    if isinstance(when, (dt.datetime, dt.date)):
        return when.isoformat()
    return str(when)


StatementsOf = Callable[[str], Sequence[Statement]]


def resolve_judgements(
    corpus: Corpus, judgements: list[Judgement], statements_of: StatementsOf, path: Path
) -> tuple[list[ResolvedJudgement], list[Problem]]:
    """The judgements whose statements are found, and a problem for each orphan.

    `statements_of(article_id)` gives an article's statements in text order (from the
    cross-reference, or `segment_article`). A later judgement of the same pair wins
    over an earlier one, and the earlier is reported.
    """
    from reader.statements import statement_at

    resolved: dict[frozenset, ResolvedJudgement] = {}
    problems: list[Problem] = []
    for judgement in judgements:
        ends = []
        for side, ref in (("a", judgement.a), ("b", judgement.b)):
            found = _find(corpus, ref, statements_of, statement_at)
            if isinstance(found, str):
                problems.append(
                    Problem(
                        path,
                        *ref.position,
                        f"judgement at line {judgement.line}, statement {side}: {found}",
                    )
                )
                break
            ends.append(found)
        else:
            one = ResolvedJudgement(judgement, *ends)
            if one.pair in resolved:
                earlier = resolved[one.pair].judgement
                problems.append(
                    Problem(
                        path,
                        earlier.line,
                        None,
                        f"this link is judged again at line {judgement.line}, which wins; "
                        "delete one of the two",
                    )
                )
            resolved[one.pair] = one
    return list(resolved.values()), problems


def _find(corpus: Corpus, ref: StatementRef, statements_of, statement_at) -> Statement | str:
    """The statement `ref` names, or what is wrong and how to fix it."""
    article = corpus.article(ref.article)
    if article is None:
        known = ", ".join(a.id for a in corpus.articles) or "none"
        return f"no article {ref.article!r} in the corpus (articles: {known})"
    found = resolve_anchor(article.text, ref.selector)
    if isinstance(found, Span):
        statement = statement_at(statements_of(article.id), found.start)
        if statement is not None:
            return statement
        return (
            f"{ref.exact[:60]!r} is not inside a statement of {article.id} "
            "(a dateline, byline or chrome?); quote the statement's words"
        )
    if isinstance(found, Ambiguous):
        return (
            f"the words occur {found.count} times in {article.id}; add 'occurrence: N' "
            "(1 for the first) or a 'prefix'/'suffix' that tells them apart"
        )
    assert isinstance(found, NotFound)
    if found.closest is not None:
        return (
            f"statement no longer found in {article.id} (orphan); closest: "
            f"\"{found.closest}\"; copy its words into 'exact' or delete the judgement"
        )
    return (
        f"statement no longer found in {article.id} (orphan); copy the statement's "
        "words into 'exact' or delete the judgement"
    )


def check_judgements(corpus: Corpus) -> list[Problem]:
    """Every problem of the corpus's judgements file: bad fields and orphans."""
    from reader.statements import segment_article

    if corpus.root is None:
        return []
    path = judgements_path(corpus.root)
    judgements, problems = load_judgements(path)
    if judgements:
        segmented: dict[str, list[Statement]] = {}

        def statements_of(article_id: str) -> list[Statement]:
            if article_id not in segmented:
                article = corpus.article(article_id)
                segmented[article_id] = segment_article(article) if article else []
            return segmented[article_id]

        problems += resolve_judgements(corpus, judgements, statements_of, path)[1]
    return problems


def judgements_summary(corpus: Corpus) -> str:
    """ ", N judgements" for a corpus that keeps judgements, else ""."""
    from reader.wording import counted

    if corpus.root is None or not judgements_path(corpus.root).exists():
        return ""
    judgements, _ = load_judgements(judgements_path(corpus.root))
    return ", " + counted(len(judgements), "judgement")
