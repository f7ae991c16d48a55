"""Files written whole or not at all.

A file other code or another run may read (the corpus's catalogue, the caches, the
reading position) is written to a temporary file beside it and renamed over it: a
reader sees the old file or the new one, never half of one, and a crash leaves the
old file in place. (Renames are atomic, not durable: there is no fsync, so a power
cut may lose the newest write, which every caller can afford.)
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_atomically(
    path: Path, data: str | bytes, *, only_if: Callable[[], bool] | None = None
) -> bool:
    """Replace `path` with `data` (text is written as UTF-8, newlines as given).

    The directory must exist. A file replaced keeps its permissions; a new one is
    readable by its owner only, like any temporary file. With `only_if`, the file is
    replaced only when it still says yes once the new data is written (a file a person
    edits: has it changed since it was read?); False when it did not.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
    )
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(payload)
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        if only_if is not None and not only_if():
            Path(temporary).unlink(missing_ok=True)
            return False
        os.replace(temporary, path)
        return True
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def move_without_replacing(source: Path, target: Path) -> bool:
    """Move `source` to `target` unless `target` exists; False when it does.

    A hard link claims the name atomically, so two writers can never both win; where
    links are not supported, a check then a rename does nearly as well.
    """
    try:
        os.link(source, target)
    except FileExistsError:
        return False
    except OSError:
        if target.exists():
            return False
        os.replace(source, target)
        return True
    source.unlink()
    return True
