"""Writing judgements to `judgements.yaml` without losing what a person wrote there.

Every change is a read-modify-write of the file as it is on disk at that moment, not
of a copy read earlier, so a judgement typed by hand while the reader runs is kept.
Only the entry of the judged pair is touched: its lines are replaced (or removed) in
the text, so the comments, the order and any other field of every other entry stay as
written. The new text is parsed before it is written, written to a temporary file
and moved into place, and not moved at all when the file changed on disk in the
meantime (the change is then applied again to the new contents). A file that does not
parse is never overwritten: the person is told to fix it first.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
from pathlib import Path
from typing import cast

import yaml

from reader.anchors import Selector, find_all, resolve_anchor
from reader.atomic_files import write_atomically
from reader.judgements import (
    ADDED,
    FORMAT_VERSION,
    JUDGED_GRADES,
    VERDICTS,
    judgements_path,
)
from reader.model import Corpus, Span, Statement
from reader.yamlsource import SAFE_LOADER, YamlList, YamlMap, load_yaml_text

HEADER = """\
# Judgements of the cross-references of this corpus, kept by `reader` (y, x, u and
# the review queue) and editable by hand: see docs/judgements.md. Each statement is
# named by its article and its exact words.
"""
_ATTEMPTS = 3


class JudgementFileError(Exception):
    """The judgements file cannot be changed now; the message says why and what to do."""


def current_user() -> str:
    """Who is judging: the user name the environment gives."""
    for name in ("READER_USER", "USER", "LOGNAME", "USERNAME"):
        if os.environ.get(name):
            return os.environ[name]
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def now_text() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def statement_anchor(corpus: Corpus, statement: Statement) -> dict:
    """The statement as the file names it: article, exact words, and which occurrence."""
    anchor: dict = {"article": statement.article_id, "exact": statement.text}
    article = corpus.article(statement.article_id)
    if article is not None:
        starts = find_all(article.text, statement.text)
        if len(starts) > 1 and statement.span.start in starts:
            anchor["occurrence"] = starts.index(statement.span.start) + 1
    return anchor


def record_judgement(
    corpus: Corpus,
    a: Statement,
    b: Statement,
    verdict: str,
    grade: str | None = None,
    *,
    who: str | None = None,
    when: str | None = None,
    note: str | None = None,
) -> Path:
    """Judge the link between `a` and `b`: replaces any judgement of the same pair."""
    if verdict not in VERDICTS:
        raise ValueError(f"verdict must be one of {VERDICTS}")
    if verdict == ADDED and grade not in JUDGED_GRADES:
        raise ValueError("an added link needs a grade: same or related")
    entry: dict = {"verdict": verdict}
    if grade:
        entry["grade"] = str(grade)  # a LinkGrade is written as its plain word
    entry["a"] = statement_anchor(corpus, a)
    entry["b"] = statement_anchor(corpus, b)
    entry["who"] = who or current_user()
    entry["when"] = when or now_text()
    if note:
        entry["note"] = note
    return _edit(corpus, a, b, entry)


def clear_judgement(corpus: Corpus, a: Statement, b: Statement) -> Path:
    """Forget every judgement of the pair `a`, `b` (none is no error)."""
    return _edit(corpus, a, b, None)


def _edit(corpus: Corpus, a: Statement, b: Statement, entry: dict | None) -> Path:
    if corpus.root is None:
        raise JudgementFileError("this corpus has no directory to keep judgements in")
    path = judgements_path(corpus.root)
    for _ in range(_ATTEMPTS):
        try:
            before = path.read_bytes() if path.exists() else None
        except OSError as error:
            raise JudgementFileError(f"{path}: cannot read: {error.strerror}") from error
        text = _decoded(path, before)
        new = _changed_text(path, text, corpus, a, b, entry)
        if new == text:
            return path
        _check_parses(path, new)
        if _replace_if_unchanged(path, before, new):
            return path
    raise JudgementFileError(
        f"{path}: the file keeps changing on disk; save it in your editor and try again"
    )


def _decoded(path: Path, data: bytes | None) -> str | None:
    if data is None:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise JudgementFileError(
            f"{path}: not UTF-8; save it as UTF-8 before judging (nothing was written)"
        ) from error


def _changed_text(
    path: Path, text: str | None, corpus: Corpus, a: Statement, b: Statement, entry: dict | None
) -> str:
    if text is None or not text.strip():
        if entry is None:
            return text or ""
        return f"{HEADER}version: {FORMAT_VERSION}\njudgements:\n{entry_text(entry, 2)}"
    data, problems = load_yaml_text(text, path)
    if problems:
        raise JudgementFileError(f"{problems[0]} (fix this first; nothing was written)")
    if not isinstance(data, YamlMap) or not isinstance(
        data.get("judgements", None), (YamlList, type(None))
    ):
        raise JudgementFileError(
            f"{path}: should be a mapping with a 'judgements:' list (see docs/judgements.md); "
            "fix it first, nothing was written"
        )
    items = data.get("judgements") or []
    matching = [n for n, item in enumerate(items) if _judges(item, corpus, a, b)]
    sequence = _judgements_node(text)
    if sequence is None or sequence.flow_style or not sequence.value:
        return _rewritten(text, data, matching, entry)
    indent = _dash_column(text, sequence.value[0])
    replacement = entry_text(entry, indent) if entry is not None else ""
    ranges = [_item_range(text, sequence.value[n]) for n in matching]
    if not ranges:
        end = _item_range(text, sequence.value[-1])[1]
        head = text[:end] if text[:end].endswith("\n") else text[:end] + "\n"
        return head + replacement + text[end:]
    # The last judgement of the pair is the one that counts: it is replaced in place,
    # and earlier ones (already overridden) go.
    out = text
    for number, (start, end) in enumerate(reversed(ranges)):
        out = out[:start] + (replacement if number == 0 else "") + out[end:]
    return out


def _rewritten(text: str, data: YamlMap, matching: list[int], entry: dict | None) -> str:
    """The file written out again (an empty or flow-style list): the leading comments
    and every field are kept, the layout is not."""
    items = [
        _plain(item) for n, item in enumerate(data.get("judgements") or []) if n not in matching
    ]
    if entry is not None:
        items.append(entry)
    plain = {key: _plain(value) for key, value in data.items() if key != "judgements"}
    plain.setdefault("version", FORMAT_VERSION)
    head = "".join(
        line for line in _leading_comments(text) if line.strip().startswith("#") or not line.strip()
    )
    body = yaml.safe_dump(plain, sort_keys=False, allow_unicode=True, width=88)
    listed = "".join(entry_text(item, 2) for item in items)
    return (head or HEADER) + body + "judgements:" + ("\n" + listed if listed else " []\n")


def _leading_comments(text: str) -> list[str]:
    lines = []
    for line in text.splitlines(keepends=True):
        if line.strip() and not line.lstrip().startswith("#"):
            break
        lines.append(line)
    return lines


def _plain(value):
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return value


def entry_text(entry: dict, indent: int) -> str:
    """One judgement as a block-style list item, indented by `indent` columns."""
    dumped = yaml.safe_dump(
        [entry], sort_keys=False, allow_unicode=True, width=88, default_flow_style=False
    )
    pad = " " * indent
    return "".join(pad + line for line in dumped.splitlines(keepends=True))


def _judges(item, corpus: Corpus, a: Statement, b: Statement) -> bool:
    """Whether the file's entry `item` judges the pair of `a` and `b`."""
    if not isinstance(item, dict):
        return False
    ends = item.get("a"), item.get("b")
    if not all(isinstance(end, dict) for end in ends):
        return False
    one, other = (_names(cast(dict, end), corpus) for end in ends)
    return (one(a) and other(b)) or (one(b) and other(a))


def _names(end: dict, corpus: Corpus):
    article = corpus.article(str(end.get("article")))
    exact = end.get("exact")
    where: Span | None = None
    if article is not None and isinstance(exact, str):
        occurrence = end.get("occurrence")
        found = resolve_anchor(
            article.text,
            Selector(
                exact,
                str(end.get("prefix", "")),
                str(end.get("suffix", "")),
                occurrence if isinstance(occurrence, int) else None,
            ),
        )
        where = found if isinstance(found, Span) else None

    def names(statement: Statement) -> bool:
        if article is None or statement.article_id != article.id:
            return False
        if where is not None:
            return statement.span.contains(where.start)
        return exact == statement.text

    return names


def _judgements_node(text: str):
    root = yaml.compose(text, Loader=SAFE_LOADER)
    if not isinstance(root, yaml.MappingNode):
        return None
    for key, value in root.value:
        if getattr(key, "value", None) == "judgements":
            return value if isinstance(value, yaml.SequenceNode) else None
    return None


def _dash_column(text: str, item: yaml.Node) -> int:
    dash = text.rfind("-", 0, item.start_mark.index)
    return dash - (text.rfind("\n", 0, dash) + 1)


def _item_range(text: str, item: yaml.Node) -> tuple[int, int]:
    """From the start of the line of the item's dash to the end of the line its last
    value ends on: comments after it stay where they are."""
    dash = text.rfind("-", 0, item.start_mark.index)
    start = text.rfind("\n", 0, dash) + 1
    if text[start:dash].strip():
        start = dash
    end = _content_end(item)
    newline = text.find("\n", end)
    return start, len(text) if newline == -1 else newline + 1


def _content_end(node: yaml.Node) -> int:
    if isinstance(node, yaml.MappingNode):
        return max(
            (max(_content_end(k), _content_end(v)) for k, v in node.value),
            default=node.end_mark.index,
        )
    if isinstance(node, yaml.SequenceNode) and not node.flow_style:
        return max((_content_end(v) for v in node.value), default=node.end_mark.index)
    return node.end_mark.index


def _check_parses(path: Path, text: str) -> None:
    """The text about to be written reads back: never write a file we broke."""
    data, problems = load_yaml_text(text, path)
    if problems or not isinstance(data, dict):
        raise JudgementFileError(
            f"{path}: the change could not be written safely ({problems[:1]}); nothing was written"
        )


def _replace_if_unchanged(path: Path, before: bytes | None, text: str) -> bool:
    """Write `text` to `path` atomically unless the file is no longer `before`."""

    def unchanged() -> bool:
        return (path.read_bytes() if path.exists() else None) == before

    try:
        return write_atomically(path, text, only_if=unchanged)
    except OSError as error:
        raise JudgementFileError(f"{path}: cannot write: {error.strerror}") from error
