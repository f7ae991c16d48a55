"""`reader import`: pages, records and feeds into article files of a corpus.

Each input's page text is kept as `DIR/raw/<name>` (its name is the article's
`source`), the original file beside it byte for byte (`original`), and the annotated
article written to `DIR/<id>.yaml`. Nothing of the user's is overwritten and nothing
is half-written: every file is written under a temporary name and linked into place,
a link that refuses to replace an existing file. Annotation runs in worker processes
(reader.annotate.import_pool); only this process writes.
"""

from __future__ import annotations

import errno
import os
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reader.annotate.article_writer import yaml_scalar
from reader.annotate.catalogue import add_aliases, add_outlets, ensure_catalogue, read_catalogue
from reader.annotate.draft import Draft
from reader.annotate.existing import ExistingArticles, text_digest
from reader.annotate.import_pool import default_jobs, prepared_items
from reader.annotate.import_work import (
    PLACEHOLDER_ID,
    Context,
    Prepared,
    Task,
    prepare,
)
from reader.annotate.inputs import read_inputs
from reader.annotate.mentions import MentionFinder
from reader.annotate.name_clusters import NameRegistry
from reader.article_file import ID_PATTERN
from reader.atomic_files import move_without_replacing
from reader.corpus import ENTITIES_FILE, RAW_DIR, bundled_corpus_path

SCRATCH_PREFIX = ".reader-import-"
# A full disk stays full: once one write fails so, the rest are not tried.
STOPPING_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM}


_UMASK = os.umask(0o022)
os.umask(_UMASK)


class UsageError(Exception):
    """The command was given something it cannot work with (exit 2)."""


@dataclass
class FileResult:
    raw: str  # the input as messages name it: "pages/a.html", "export.jsonl:record 3"
    article: Path | None = None
    draft: Draft | None = None
    problems: list[str] = field(default_factory=list)
    learned: list[str] = field(default_factory=list)
    skipped: str = ""  # why it was not imported again (a duplicate), when it was not


@dataclass
class ImportRun:
    root: Path
    messages: list[str] = field(default_factory=list)  # about the corpus itself
    results: list[FileResult] = field(default_factory=list)
    total: int = 0  # inputs found (pages and records)
    interrupted: bool = False
    stopped: str = ""  # why the run stopped early (a full disk)
    new_outlets: list[str] = field(default_factory=list)
    new_names: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.interrupted and not self.stopped and not self.problem_count

    @property
    def imported(self) -> int:
        return sum(1 for r in self.results if r.article is not None)

    @property
    def skipped(self) -> int:
        return sum(1 for r in self.results if r.skipped)

    @property
    def problem_count(self) -> int:
        return sum(1 for r in self.results if r.problems)


def check_corpus_dir(root: Path) -> None:
    if root.exists() and not root.is_dir():
        raise UsageError(f"{root}: not a directory; give the corpus directory to import into")
    if root.exists() and root.resolve() == bundled_corpus_path().resolve():
        raise UsageError(
            f"{root} is the bundled corpus; import into a corpus of your own "
            "(for example: --corpus my-corpus; the catalogue is copied there)"
        )


def _prepare_corpus(root: Path, run: ImportRun) -> None:
    """The corpus directory, its catalogue and raw/, made when missing; exit 2 if it cannot be."""
    try:
        created = not root.exists()
        root.mkdir(parents=True, exist_ok=True)
        if created:
            run.messages.append(f"{root}: created the corpus directory")
        copied = ensure_catalogue(root)
        if copied:
            run.messages.append(copied)
        (root / RAW_DIR).mkdir(exist_ok=True)
        if not (root / RAW_DIR).is_dir():
            raise UsageError(f"{root / RAW_DIR}: not a directory; move it away")
        probe = root / RAW_DIR / f"{SCRATCH_PREFIX}probe"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        where = error.filename or root
        raise UsageError(
            f"{where}: cannot write there ({error.strerror or error}); import into a "
            "directory you can write to"
        ) from None


def import_files(
    root: Path,
    files: list[Path],
    *,
    outlet: str | None = None,
    article_id: str | None = None,
    learn_aliases: bool = False,
    mapping: dict[str, str] | None = None,
    jobs: int | None = None,
    find_names: bool = True,
    on_result: Callable[[FileResult, ImportRun], None] | None = None,
    on_progress: Callable[[str, int, int], None] | None = None,
) -> ImportRun:
    check_corpus_dir(root)
    if article_id is not None and len(files) != 1:
        raise UsageError("--id names one article: give it with a single RAW_FILE")
    if article_id is not None and not ID_PATTERN.match(article_id):
        raise UsageError(f"--id {article_id!r}: use letters, digits, '-', '_' or '.'")
    run = ImportRun(root)
    if hasattr(signal, "SIGXFSZ") and threading.current_thread() is threading.main_thread():
        # Past a file-size limit (ulimit -f) a write is an error to report, not death.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    _prepare_corpus(root, run)
    entities, problems = read_catalogue(root)
    if problems:
        run.messages.append(
            f"{root / ENTITIES_FILE}: {len(problems)} problem(s) in the catalogue; "
            f"run 'reader check {root}'"
        )
    existing = ExistingArticles.read(root)
    tasks, early = read_inputs(files, mapping or {}, existing)
    if article_id is not None and len(tasks) + len(early) > 1:
        raise UsageError("--id names one article: the input holds several records")
    run.total = len(tasks) + len(early)

    def report(result: FileResult) -> None:
        run.results.append(result)
        if on_result is not None:
            on_result(result, run)

    for label, problem, skipped in early:
        report(FileResult(label, problems=[problem] if problem else [], skipped=skipped))
    context = Context(entities, outlet)
    writer = _Writer(root, existing, article_id)
    workers = 1 if learn_aliases else (jobs or default_jobs())
    with _deferred_interrupt() as interrupted:
        stop = lambda: interrupted() or bool(run.stopped)  # noqa: E731
        if find_names and tasks:
            tasks = _first_pass(run, tasks, context, workers, stop, report, on_progress)
        for prepared in prepared_items(tasks, context, workers, stop):
            if learn_aliases and prepared.draft is not None:
                prepared = _learn(root, prepared, context, tasks)
            report(writer.write(prepared))
            if writer.stopped:
                run.stopped = writer.stopped
        run.interrupted = interrupted()
    if not run.interrupted:
        drafts = [r.draft for r in run.results if r.draft is not None and r.article]
        run.new_outlets = add_outlets(root / ENTITIES_FILE, drafts)
        _check_catalogue(run)
    return run


def _first_pass(run, tasks, context, workers, stop, report, on_progress) -> list[Task]:
    """Read every input and find its names; put the new names and spellings into the
    catalogue; return the inputs, read, for the second pass (annotation)."""
    registry = NameRegistry(context.entities)
    read: list[Task] = []
    for done, prepared in enumerate(
        prepared_items(tasks, context, workers, stop, first_pass=True), start=1
    ):
        if on_progress is not None:
            on_progress("reading and finding names", done, len(tasks))
        if prepared.problems or prepared.item is None:
            report(FileResult(prepared.label, problems=prepared.problems))
            continue
        if prepared.findings is not None:
            registry.add(prepared.findings, prepared.item.name)
        read.append(Task(prepared.label, None, "item", prepared.item))
    if stop():
        return []
    catalogue = run.root / ENTITIES_FILE
    try:
        run.new_names = registry.write(catalogue)
    except OSError as error:
        run.stopped = f"{error.strerror}: cannot write {catalogue}"
        return []
    context.entities, _ = read_catalogue(run.root)
    context.finder = MentionFinder(context.entities)
    return read


def _learn(root: Path, prepared: Prepared, context: Context, tasks: list[Task]) -> Prepared:
    """--learn-aliases: add the near spellings found to the catalogue, annotate again."""
    draft = prepared.draft
    assert draft is not None
    if not draft.suggestions:
        return prepared
    learned = add_aliases(root / ENTITIES_FILE, [(s.entity, s.text) for s in draft.suggestions])
    if not learned:
        return prepared
    context.entities, _ = read_catalogue(root)
    context.finder = MentionFinder(context.entities)
    task = next(t for t in tasks if t.label == prepared.label)
    note = "Added to entities.yaml as aliases (--learn-aliases): " + ", ".join(
        f'"{a}"' for a in learned
    )
    again = prepare(task, context, extra_note=note + ".")
    again.learned = learned
    return again


class _deferred_interrupt:
    """Ctrl-C sets a flag read between items, so no file is ever left half-written."""

    def __enter__(self) -> Callable[[], bool]:
        self.flag = False
        self.previous = None
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGINT, self._handle)
        return lambda: self.flag

    def _handle(self, signum, frame) -> None:
        if self.flag:  # a second Ctrl-C: the user insists
            raise KeyboardInterrupt
        self.flag = True

    def __exit__(self, *exc) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)


class _Writer:
    """Chooses each article's id and puts its files into the corpus, or says why not."""

    def __init__(self, root: Path, existing: ExistingArticles, article_id: str | None):
        self.root = root
        self.existing = existing
        self.article_id = article_id
        self.originals_written: set[str] = set()
        self.stopped = ""

    def write(self, prepared: Prepared) -> FileResult:
        result = FileResult(
            prepared.label, problems=list(prepared.problems), learned=prepared.learned
        )
        item, draft = prepared.item, prepared.draft
        if result.problems or item is None or draft is None:
            return result
        digest = text_digest(item.text)
        duplicate = self.existing.duplicate_of(item.metadata.url, digest)
        if duplicate:
            result.skipped = duplicate
            return result
        name = self._text_name(prepared, result)
        if name is None:
            return result
        if name != item.name:
            draft.source = item.name = name
        chosen = self.article_id or self.existing.new_id(draft, Path(name))
        target = self.root / f"{chosen}.yaml"
        if self.article_id is not None and (chosen in self.existing.ids or target.exists()):
            result.problems.append(
                f"{prepared.label}: article id {chosen!r} is already used in {self.root} "
                f"({target}); give another --id, or remove that article first"
            )
            return result
        draft.id = chosen
        text = prepared.text.replace(
            f"\nid: {PLACEHOLDER_ID}\n", f"\nid: {yaml_scalar(chosen)}\n", 1
        )
        try:
            self._place_files(prepared, name, text, target, result)
        except OSError as error:
            result.problems.append(
                f"{prepared.label}: cannot write {target}: {error.strerror or error}; "
                "nothing written for it"
            )
            if error.errno in STOPPING_ERRORS:
                self.stopped = f"{error.strerror} ({self.root})"
            return result
        if result.article is not None:
            result.draft = draft
            self.existing.add(chosen, target, name, item.metadata.url, digest)
        return result

    def _text_name(self, prepared: Prepared, result: FileResult) -> str | None:
        """The page text's name in raw/: its own, or for extracted text a free one."""
        item = prepared.item
        assert item is not None
        raw_dir = self.root / RAW_DIR
        name = item.name
        if item.original is None:  # a text file: its name is its provenance id
            if name in self.existing.sources:
                result.problems.append(
                    f"{prepared.label}: already imported as {self.existing.sources[name]} "
                    f"(source {name}) with other text; rename the file and import it again"
                )
                return None
            target = raw_dir / name
            if target.exists() or target.is_symlink():
                if not target.is_file():
                    result.problems.append(
                        f"{prepared.label}: {target} is not a file (a directory?); move it "
                        "away and import again"
                    )
                    return None
                if target.read_bytes() != prepared.data:
                    result.problems.append(
                        f"{prepared.label}: {target} exists with other text; rename the file "
                        "(its name is its provenance id) and import it again"
                    )
                    return None
            return name
        stem, suffix = os.path.splitext(name)
        n = 1
        while (
            name in self.existing.sources
            or (raw_dir / name).exists()
            or (raw_dir / name).is_symlink()
        ):
            n += 1
            name = f"{stem}-{n}{suffix}"
        return name

    def _place_files(
        self, prepared: Prepared, name: str, text: str, target: Path, result: FileResult
    ) -> None:
        item = prepared.item
        assert item is not None
        raw_dir = self.root / RAW_DIR
        placed: list[Path] = []
        try:
            if item.original and item.original not in self.originals_written:
                original = raw_dir / item.original
                if not original.exists():
                    assert item.original_path is not None
                    _put(raw_dir, original, item.original_path.read_bytes())
                    placed.append(original)
            raw_target = raw_dir / name
            if not raw_target.exists():
                if not _put(raw_dir, raw_target, prepared.data):
                    raise FileExistsError(errno.EEXIST, "exists", str(raw_target))
                placed.append(raw_target)
            if not _put(self.root, target, text.encode("utf-8")):
                result.problems.append(
                    f"{prepared.label}: {target} already exists; nothing overwritten: give "
                    "another --id"
                )
                raise _Undo
            placed.clear()
            if item.original:
                self.originals_written.add(item.original)
            result.article = target
        except _Undo:
            pass
        finally:
            for path in placed:  # no raw page without its article
                path.unlink(missing_ok=True)


class _Undo(Exception):
    pass


def _put(directory: Path, target: Path, data: bytes) -> bool:
    """Write `data` to `target` through a temporary file; False when `target` exists."""
    import tempfile

    descriptor, temporary = tempfile.mkstemp(prefix=SCRATCH_PREFIX, dir=directory)
    try:
        os.chmod(temporary, 0o666 & ~_UMASK)  # as an ordinary new file, not mkstemp's 0600
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        return move_without_replacing(Path(temporary), target)
    finally:
        Path(temporary).unlink(missing_ok=True)


def _check_catalogue(run: ImportRun) -> None:
    """The catalogue this run extended must still load with no problem.

    The articles need no second look: each was loaded with the corpus loader, against
    its page text and the catalogue it was annotated with, before it was written, and
    ids are unique by construction. Loading the whole corpus again here cost as much as
    the annotation itself on large runs; `reader check` does it when wanted.
    """
    if not (run.new_names or run.new_outlets):
        return
    _, problems = read_catalogue(run.root)
    for problem in problems[:5]:
        run.messages.append(f"{problem} (internal error: please report it)")
    if problems:
        run.stopped = run.stopped or "the catalogue it extended has problems"
