"""Checking an article file against the raw page it was made from.

Every non-blank raw line must stand in exactly one block, as printed (after the one
normalisation in reader/rawtext.py), so body + chrome provably reproduce the page and
every annotation can be traced to its source line.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath

from reader.limits import max_article_chars, too_long
from reader.model import Problem
from reader.rawtext import content_lines
from reader.safe_files import escapes, read_regular_file
from reader.yamlsource import YamlMap


def source_outside_raw(source: str) -> str | None:
    """Why `source` does not name a file inside raw/ (judged on the name alone), or None.

    A corpus is untrusted: `source: ../../etc/shadow` must never make the reader open
    a file, let alone print its lines in a problem message."""
    posix, windows = PurePosixPath(source), PureWindowsPath(source)
    if posix.is_absolute() or windows.is_absolute() or windows.drive:
        return "an absolute path; name a file inside raw/ (like 'page.txt')"
    if ".." in posix.parts or ".." in windows.parts:
        return "'..' leaves raw/; name a file inside raw/ (like 'page.txt')"
    if "\0" in source:
        return "a NUL character in a file name; name a file inside raw/"
    return None


def raw_source_path(raw_dir: Path, source: str) -> Path | None:
    """raw/<source> when it names a file that stays inside raw/ (symlinks followed)."""
    if source_outside_raw(source):
        return None
    path = raw_dir / source
    return None if escapes(path, raw_dir) else path


def raw_problems(
    path: Path, document: YamlMap, blocks, source: str, raw_dir: Path
) -> list[Problem]:
    """Problems of `blocks` (with .kind, .text, .line, .source) against raw/<source>."""
    problems: list[Problem] = []

    def problem(position: tuple[int, int], message: str) -> None:
        problems.append(Problem(path, position[0], position[1], message))

    raw_path = raw_source_path(raw_dir, source)
    if raw_path is None:
        problem(
            document.where("source"),
            f"source {source!r} leads outside {raw_dir.name}/ through a symlink; it was not "
            f"read: copy the page into {raw_dir.name}/",
        )
        return problems
    limit = max_article_chars()
    data, why = read_regular_file(raw_path, max_bytes=4 * limit)
    if data is None:
        if why == "no such file":
            why = f"not in {raw_dir}; fix the name or add the raw file"
        problem(document.where("source"), f"source {source!r}: {raw_dir.name}/{source}: {why}")
        return problems
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        problem(document.where("source"), f"raw file {raw_path} is not UTF-8: {error.reason}")
        return problems
    if len(raw) > limit:
        problem(document.where("source"), too_long(f"raw file {raw_path}", len(raw), limit))
        return problems
    expected = dict(content_lines(raw))
    covered: set[int] = set()
    for block in blocks:
        kind_key = block.kind.value
        if block.line is None:
            problem(
                block.source.position,
                f"block has no 'line:'; with a raw file in {raw_dir.name}/ "
                "every block says which raw line it comes from",
            )
            continue
        if block.line in covered:
            problem(block.source.where("line"), f"raw line {block.line} is in two blocks")
        covered.add(block.line)
        if expected.get(block.line) != block.text:
            shown = expected.get(block.line, "(a blank or missing line)")
            problem(
                block.source.where(kind_key),
                f"block text differs from raw line {block.line} of {source}: "
                f'"{shown[:80]}"; copy the line as printed (normalising only spaces)',
            )
    for line, text in expected.items():
        if line not in covered:
            problem(
                document.where("blocks"),
                f'raw line {line} of {source} ("{text[:60]}") is in no block; add it '
                "(as chrome if it is site furniture)",
            )
    return problems


def original_problems(path: Path, document: YamlMap, raw_dir: Path) -> list[Problem]:
    """`original:` names the file the text was extracted from: a plain file in raw/."""
    name = document.get("original")
    if not isinstance(name, str):
        return []
    where = document.where("original")
    if Path(name).name != name or name in ("", ".", ".."):
        return [
            Problem(
                path,
                *where,
                f"original {name[:60]!r} must be a file name in {raw_dir.name}/, not a path",
            )
        ]
    found = raw_source_path(raw_dir, name)
    if found is None or not found.is_file():
        return [
            Problem(
                path,
                *where,
                f"original {name!r} is not a file in {raw_dir}; put the original page or "
                "export there, or remove the field",
            )
        ]
    return []
