"""Opening the files of an untrusted corpus without being led astray by them.

A corpus directory can hold a named pipe (reading it blocks forever), a device, a
socket, a directory where a file should be, or a symlink to anywhere on the disk. The
file is looked at (stat, which never opens it) before it is read, and paths the corpus
names are checked to stay inside the directory they must be in.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def not_a_regular_file(path: Path) -> str | None:
    """Why `path` cannot be read as a file (missing, unreadable, a pipe...), or None."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if os.path.islink(path):
            return "a symlink to nothing (its target is missing); fix or remove it"
        return "no such file"
    except OSError as error:
        return f"cannot read it: {error.strerror}; check its permissions"
    for test, kind in _KINDS:
        if test(mode):
            return f"{kind}, not a regular file; it was skipped (never read): remove it"
    return None


def read_regular_file(path: Path, max_bytes: int | None = None) -> tuple[bytes | None, str]:
    """The bytes of `path` if it is a regular file no larger than `max_bytes`;
    else None and why not, said for a problem message."""
    if why := not_a_regular_file(path):
        return None, why
    try:
        size = os.stat(path).st_size
        if max_bytes is not None and size > max_bytes:
            return None, (
                f"the file is {size:,} bytes, far over the size limit "
                "(see READER_MAX_ARTICLE_CHARS in docs/corpus-format.md); it was not read"
            )
        return path.read_bytes(), ""
    except OSError as error:
        return None, f"cannot read it: {error.strerror}; check its permissions"


def escapes(path: Path, root: Path) -> bool:
    """Whether `path`, once symlinks are followed, lies outside `root`."""
    try:
        return not path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a symlink loop
        return True
