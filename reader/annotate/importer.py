"""`reader import`: raw page files into article files of a corpus.

Each raw file is copied to `DIR/raw/<name>` (its name is its provenance id) and its
annotated article written to `DIR/<id>.yaml`. Nothing of the user's is overwritten,
and nothing is half-written: the article is made and checked with the corpus loader in
a scratch directory first, then moved into place, and the move refuses to replace an
existing file.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from reader.annotate import annotate_raw
from reader.annotate.article_writer import article_text
from reader.annotate.catalogue import add_aliases, ensure_catalogue, read_catalogue
from reader.annotate.draft import Draft
from reader.annotate.mentions import MentionFinder
from reader.article_file import ID_PATTERN, load_article
from reader.atomic_files import move_without_replacing
from reader.corpus import ENTITIES_FILE, RAW_DIR, article_files, bundled_corpus_path
from reader.limits import max_article_chars, too_long
from reader.rawtext import content_lines

_ID_LINE = re.compile(r"^id:\s*[\"']?([^\"'\s#]+)", re.MULTILINE)
HEADER = (
    "Imported by `reader import` from raw/{source}\n"
    "Blocks, mentions and quotes were annotated automatically: review them\n"
    "(the notes list what was left out)."
)


class UsageError(Exception):
    """The command was given something it cannot work with (exit 2)."""


@dataclass
class FileResult:
    raw: Path
    article: Path | None = None
    draft: Draft | None = None
    problems: list[str] = field(default_factory=list)
    learned: list[str] = field(default_factory=list)


@dataclass
class ImportRun:
    root: Path
    messages: list[str] = field(default_factory=list)  # about the corpus itself
    results: list[FileResult] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(not r.problems for r in self.results)


def check_corpus_dir(root: Path) -> None:
    if root.exists() and not root.is_dir():
        raise UsageError(f"{root}: not a directory; give the corpus directory to import into")
    if root.exists() and root.resolve() == bundled_corpus_path().resolve():
        raise UsageError(
            f"{root} is the bundled corpus; import into a corpus of your own "
            "(for example: --corpus my-corpus; the catalogue is copied there)"
        )


def import_files(
    root: Path,
    files: list[Path],
    *,
    outlet: str | None = None,
    article_id: str | None = None,
    learn_aliases: bool = False,
) -> ImportRun:
    check_corpus_dir(root)
    if article_id is not None and len(files) != 1:
        raise UsageError("--id names one article: give it with a single RAW_FILE")
    if article_id is not None and not ID_PATTERN.match(article_id):
        raise UsageError(f"--id {article_id!r}: use letters, digits, '-', '_' or '.'")
    run = ImportRun(root)
    created = not root.exists()
    root.mkdir(parents=True, exist_ok=True)
    if created:
        run.messages.append(f"{root}: created the corpus directory")
    copied = ensure_catalogue(root)
    if copied:
        run.messages.append(copied)
    entities, problems = read_catalogue(root)
    if problems:
        run.messages.append(
            f"{root / ENTITIES_FILE}: {len(problems)} problem(s) in the catalogue; "
            f"run 'reader check {root}'"
        )
    (root / RAW_DIR).mkdir(exist_ok=True)
    ids, sources = _existing_articles(root)
    finder = MentionFinder(entities)
    for path in files:
        result = FileResult(path)
        run.results.append(result)
        raw = _read_raw(path, result)
        if raw is None:
            continue
        if not _raw_place_free(root, path, raw[0], sources, result):
            continue
        try:
            draft = annotate_raw(raw[1], path.name, entities, outlet=outlet, finder=finder)
        except Exception as error:  # a bug must not cost the user the other files
            result.problems.append(
                f"{path}: internal error while annotating ({type(error).__name__}: "
                f"{error}); nothing written; please report it"
            )
            continue
        if learn_aliases and draft.suggestions:
            pairs = [(s.entity, s.text) for s in draft.suggestions]
            result.learned = add_aliases(root / ENTITIES_FILE, pairs)
            if result.learned:
                entities, _ = read_catalogue(root)
                finder = MentionFinder(entities)
                draft = annotate_raw(raw[1], path.name, entities, outlet=outlet, finder=finder)
                draft.notes.append(
                    "Added to entities.yaml as aliases (--learn-aliases): "
                    + ", ".join(f'"{a}"' for a in result.learned)
                    + "."
                )
        chosen = article_id or _new_id(draft, path, ids)
        if article_id is not None and (chosen in ids or (root / f"{chosen}.yaml").exists()):
            result.problems.append(
                f"{path}: article id {chosen!r} is already used in {root} "
                f"({root / (chosen + '.yaml')}); give another --id, or remove that article first"
            )
            continue
        draft.id = chosen
        _write(root, path, raw[0], draft, entities, result)
        if result.article is not None:
            ids.add(chosen)
            sources[path.name] = result.article
            result.draft = draft
    _check_written(run)
    return run


def _existing_articles(root: Path) -> tuple[set[str], dict[str, Path]]:
    """Ids and raw sources of the corpus's articles, read cheaply from the files."""
    ids: set[str] = set()
    sources: dict[str, Path] = {}
    for path in article_files(root):
        ids.add(path.stem)
        try:
            text = path.read_text(encoding="utf-8-sig", errors="replace")
        except OSError:
            continue
        match = _ID_LINE.search(text)
        if match:
            ids.add(match.group(1))
        source = re.search(r"^source:\s*[\"']?([^\"'\n#]+?)[\"']?\s*$", text, re.MULTILINE)
        if source:
            sources[source.group(1)] = path
    return ids, sources


def _read_raw(path: Path, result: FileResult) -> tuple[bytes, str] | None:
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        result.problems.append(f"{path}: is a directory; give the raw text files themselves")
        return None
    except OSError as error:
        result.problems.append(f"{path}: cannot read: {error.strerror or error}")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = _position(data, error.start)
        result.problems.append(
            f"{path}:{line}:{column}: not UTF-8 (byte 0x{data[error.start]:02x}); "
            "save the file as UTF-8 and import it again"
        )
        return None
    if len(text) > (limit := max_article_chars()):  # refused before minutes of work
        result.problems.append(f"{path}: {too_long('the page', len(text), limit)}")
        return None
    if "\x00" in text:
        line, column = _position(data, data.index(b"\x00"))
        result.problems.append(f"{path}:{line}:{column}: a NUL byte: this is not a text file")
        return None
    if not content_lines(text):
        result.problems.append(f"{path}: empty: there is no text to import")
        return None
    return data, text


def _position(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    return before.count(b"\n") + 1, offset - (before.rfind(b"\n") + 1) + 1


def _raw_place_free(
    root: Path, path: Path, data: bytes, sources: dict[str, Path], result: FileResult
) -> bool:
    target = root / RAW_DIR / path.name
    if path.name in sources:
        result.problems.append(
            f"{path}: already imported as {sources[path.name]} (source {path.name}); "
            "remove that article to import the page again, or rename the file"
        )
        return False
    if target.exists() and target.read_bytes() != data:
        result.problems.append(
            f"{path}: {target} exists with other text; rename the file (its name is its "
            "provenance id) and import it again"
        )
        return False
    return True


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:40].strip("-")


def _new_id(draft: Draft, path: Path, ids: set[str]) -> str:
    base = _slug(draft.outlet) if draft.outlet else ""
    if base and draft.date:
        base = f"{base}-{draft.date}"
    base = base or _slug(path.stem) or "article"
    candidate, n = base, 1
    while candidate in ids:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _write(root: Path, path: Path, data: bytes, draft: Draft, entities, result: FileResult) -> None:
    target = root / f"{draft.id}.yaml"
    raw_target = root / RAW_DIR / path.name
    text = article_text(draft, HEADER.format(source=path.name))
    scratch = Path(tempfile.mkdtemp(prefix=".reader-import-", dir=root))
    try:
        (scratch / RAW_DIR).mkdir()
        (scratch / RAW_DIR / path.name).write_bytes(data)
        article_path = scratch / target.name
        article_path.write_text(text, encoding="utf-8", newline="\n")
        _, problems = load_article(article_path, entities, scratch / RAW_DIR)
        if problems:
            result.problems += [
                f"{path}: internal error, nothing written: the annotation made does not "
                f"load ({str(p).replace(str(scratch), str(root))}); please report it"
                for p in problems[:5]
            ]
            return
        new_raw = not raw_target.exists()
        try:
            if new_raw:
                os.replace(scratch / RAW_DIR / path.name, raw_target)
            placed = move_without_replacing(article_path, target)
        except OSError as error:
            placed = None
            result.problems.append(f"{path}: cannot write {target}: {error}; nothing written")
        if not placed:
            if new_raw:
                raw_target.unlink(missing_ok=True)  # no raw page without its article
            if placed is False:
                result.problems.append(
                    f"{path}: {target} already exists; nothing overwritten: give another --id"
                )
            return
        result.article = target
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _check_written(run: ImportRun) -> None:
    """Load the whole corpus, as `reader check` does: the new files must be sound."""
    written = {r.article.resolve(): r for r in run.results if r.article is not None}
    if not written:
        return
    from reader.corpus import load_corpus

    _, problems = load_corpus(run.root)
    elsewhere = 0
    for problem in problems:
        result = written.get(Path(problem.path).resolve())
        if result is not None:
            result.problems.append(f"{problem} (internal error: please report it)")
        else:
            elsewhere += 1
    if elsewhere:
        run.messages.append(
            f"{run.root}: {elsewhere} problem(s) in other files of the corpus; "
            f"run 'reader check {run.root}'"
        )
