"""Checking an article file against the raw page it was made from.

Every non-blank raw line must stand in exactly one block, as printed (after the one
normalisation in reader/rawtext.py), so body + chrome provably reproduce the page and
every annotation can be traced to its source line.
"""

from __future__ import annotations

from pathlib import Path

from reader.model import Problem
from reader.rawtext import content_lines
from reader.yamlsource import YamlMap


def raw_problems(
    path: Path, document: YamlMap, blocks, source: str, raw_dir: Path
) -> list[Problem]:
    """Problems of `blocks` (with .kind, .text, .line, .source) against raw/<source>."""
    problems: list[Problem] = []

    def problem(position: tuple[int, int], message: str) -> None:
        problems.append(Problem(path, position[0], position[1], message))

    raw_path = raw_dir / source
    if not raw_path.is_file():
        problem(
            document.where("source"),
            f"source {source!r} is not in {raw_dir}; fix the name or add the raw file",
        )
        return problems
    try:
        raw = raw_path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        problem(document.where("source"), f"raw file {raw_path} cannot be read: {error}")
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
    if not (raw_dir / name).is_file():
        return [
            Problem(
                path,
                *where,
                f"original {name!r} is not a file in {raw_dir}; put the original page or "
                "export there, or remove the field",
            )
        ]
    return []
