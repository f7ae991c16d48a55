"""Reading an input file for `reader import`: every way it can be unreadable, said plainly."""

from __future__ import annotations

import stat
from pathlib import Path

from reader.limits import max_article_chars, too_long
from reader.rawtext import content_lines


def read_raw(path: Path, problems: list[str], *, text: bool = True) -> bytes | None:
    """The file's bytes, or None with the reason in `problems`. `text`: must be UTF-8 text."""
    try:
        mode = path.stat().st_mode
    except OSError as error:
        problems.append(f"{path}: cannot read: {error.strerror or error}")
        return None
    if stat.S_ISDIR(mode):
        problems.append(f"{path}: is a directory; give the raw text files themselves")
        return None
    if not stat.S_ISREG(mode):  # a FIFO would block, a device never end
        problems.append(f"{path}: not a regular file (a pipe or device); save it as a file")
        return None
    try:
        data = path.read_bytes()
    except OSError as error:
        problems.append(f"{path}: cannot read: {error.strerror or error}")
        return None
    if not text:
        return data
    try:
        decoded = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = position(data, error.start)
        problems.append(
            f"{path}:{line}:{column}: not UTF-8 (byte 0x{data[error.start]:02x}); "
            "save the file as UTF-8 and import it again"
        )
        return None
    if len(decoded) > (limit := max_article_chars()):  # refused before minutes of work
        problems.append(f"{path}: {too_long('the page', len(decoded), limit)}")
        return None
    if "\x00" in decoded:
        line, column = position(data, data.index(b"\x00"))
        problems.append(f"{path}:{line}:{column}: a NUL byte: this is not a text file")
        return None
    if not content_lines(decoded):
        problems.append(f"{path}: empty: there is no text to import")
        return None
    return data


def position(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    return before.count(b"\n") + 1, offset - (before.rfind(b"\n") + 1) + 1
