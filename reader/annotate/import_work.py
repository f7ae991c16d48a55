"""The part of `reader import` that runs in worker processes: one input item in, its
annotated article text out (checked with the corpus loader), nothing written to the
corpus. The main process chooses ids and writes, so the workers can be many.
"""

from __future__ import annotations

import signal
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reader.annotate import annotate_raw
from reader.annotate.article_writer import article_text
from reader.annotate.draft import Draft
from reader.annotate.mentions import MentionFinder
from reader.annotate.name_proposals import NameFindings
from reader.annotate.sources import BadInput, SourceItem
from reader.article_file import load_article
from reader.corpus import RAW_DIR
from reader.limits import max_article_chars, too_long
from reader.model import Entity

PLACEHOLDER_ID = "reader-import-draft"  # replaced by the main process's choice
HEADER = (
    "Imported by `reader import` from raw/{source}\n"
    "Blocks, mentions and quotes were annotated automatically: review them\n"
    "(the notes list what was left out)."
)


@dataclass
class Task:
    """An input: a page file to read here, or a record already read by the main process."""

    label: str
    path: Path | None = None
    kind: str = "text"  # text | html | item
    item: SourceItem | None = None
    text_name: str = ""
    original: str | None = None  # the original's name in raw/ (html)


@dataclass
class Prepared:
    label: str
    item: SourceItem | None = None
    data: bytes = b""  # what goes to raw/<item.name>
    draft: Draft | None = None
    text: str = ""  # the article file, with PLACEHOLDER_ID as its id
    problems: list[str] = field(default_factory=list)
    learned: list[str] = field(default_factory=list)  # aliases added (--learn-aliases)
    findings: NameFindings | None = None  # from the first pass


@dataclass
class Context:
    entities: dict[str, Entity]
    outlet: str | None = None
    finder: MentionFinder | None = None


_context: Context | None = None


def start_worker(context: Context) -> None:
    """Worker initialiser: Ctrl-C is the main process's to handle (it lets the items in
    hand finish, so no worker dies half-way), and a file-size limit gives an error."""
    global _context
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    context.finder = MentionFinder(context.entities)
    _context = context


def prepare_in_worker(task: Task) -> Prepared:
    assert _context is not None
    return prepare(task, _context)


def scan_in_worker(task: Task) -> Prepared:
    assert _context is not None
    return scan(task, _context)


def scan(task: Task, context: Context) -> Prepared:
    """First pass: the input read (an HTML page extracted) and its names found."""
    from reader.annotate import scan_names

    def find(prepared: Prepared, item: SourceItem) -> None:
        assert context.finder is not None
        prepared.findings = scan_names(item.text, item.name, context.entities, context.finder)

    return _guarded(task, "reading", find)


def prepare(task: Task, context: Context, extra_note: str = "") -> Prepared:
    """Second pass: the input annotated, as the text of its article file, checked."""

    def annotate(prepared: Prepared, item: SourceItem) -> None:
        draft = annotate_raw(
            item.text,
            item.name,
            context.entities,
            outlet=context.outlet,
            finder=context.finder,
            metadata=item.metadata,
        )
        draft.original, draft.record, draft.extractor = item.original, item.record, item.extractor
        if extra_note:
            draft.notes.append(extra_note)
        draft.id = PLACEHOLDER_ID
        text = article_text(draft, HEADER.format(source=item.original or item.name))
        problems = _load_problems(text, item.name, prepared.data, context.entities)
        if problems:
            prepared.problems += [
                f"{task.label}: internal error, nothing written: the annotation made does "
                f"not load ({p}); please report it"
                for p in problems[:5]
            ]
            return
        prepared.draft, prepared.text = draft, text

    return _guarded(task, "annotating", annotate)


def _guarded(task: Task, doing: str, step: Callable[[Prepared, SourceItem], None]) -> Prepared:
    """`step` on the task's input, every failure a problem of this input only."""
    prepared = Prepared(task.label)
    try:
        item, data = _item(task, prepared)
        if item is None:
            return prepared
        if len(item.text) > (limit := max_article_chars()):  # a record or page's text
            prepared.problems.append(f"{task.label}: {too_long('the text', len(item.text), limit)}")
            return prepared
        prepared.item, prepared.data = item, data
        step(prepared, item)
    except BadInput as error:
        prepared.problems.append(str(error))
    except RecursionError:
        prepared.problems.append(f"{task.label}: nested too deeply to read; nothing written")
    except Exception as error:  # a bug must not cost the user the other files
        prepared.problems.append(
            f"{task.label}: internal error while {doing} ({type(error).__name__}: "
            f"{error}); nothing written; please report it"
        )
    return prepared


def _item(task: Task, prepared: Prepared) -> tuple[SourceItem | None, bytes]:
    if task.item is not None:
        return task.item, task.item.data
    from reader.annotate.raw_input import read_raw

    assert task.path is not None
    data = read_raw(task.path, prepared.problems, text=task.kind == "text")
    if data is None:
        return None, b""
    if task.kind == "html":
        from reader.annotate.sources.html_pages import extract_page

        item = extract_page(task.path, data, task.text_name)
        item.original = task.original or item.original
        return item, item.data
    text = data.decode("utf-8-sig")
    return SourceItem(label=task.label, name=task.path.name, text=text), data


def _load_problems(text: str, name: str, data: bytes, entities) -> list[str]:
    with tempfile.TemporaryDirectory(prefix="reader-import-") as scratch:
        root = Path(scratch)
        (root / RAW_DIR).mkdir()
        (root / RAW_DIR / name).write_bytes(data)
        path = root / "article.yaml"
        path.write_text(text, encoding="utf-8", newline="\n")
        _, problems = load_article(path, entities, root / RAW_DIR)
    # `original` is not in the scratch raw/: it is checked when the corpus is loaded.
    return [str(p).replace(scratch, "") for p in problems if not p.message.startswith("original")]
