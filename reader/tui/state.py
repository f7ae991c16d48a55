"""The reading position remembered between runs: one small JSON file per user.

Kept per corpus directory, so `reader other/` does not lose the place in the bundled
corpus. A file that cannot be read is reported and ignored, never fatal.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from reader.atomic_files import write_atomically
from reader.safe_files import not_a_regular_file
from reader.tui.location import Location

STATE_DIR_ENV = "READER_STATE_DIR"  # tests and scripts point this at a scratch directory
VERSION = 1


def default_state_path() -> Path:
    if override := os.environ.get(STATE_DIR_ENV):
        return Path(override) / "state.json"
    from platformdirs import user_state_dir

    return Path(user_state_dir("reader", appauthor=False)) / "state.json"


def corpus_key(corpus_root: Path) -> str:
    return str(corpus_root.resolve())


# A reading position is a few hundred bytes per corpus; a state file far larger than
# this was not written by reader and is not read (json.loads of it could take long).
MAX_STATE_BYTES = 1_000_000


def _read(path: Path) -> dict:
    if os.path.lexists(path) and (why := not_a_regular_file(path)):
        raise ValueError(why)  # a named pipe there would block the start for ever
    if path.stat().st_size > MAX_STATE_BYTES:
        raise ValueError(f"larger than {MAX_STATE_BYTES:,} bytes, not a reader state file")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except RecursionError:
        # JSON nested thousands deep exhausts the parser's stack: not ours, and not fatal
        raise ValueError("nested too deeply to be a reader state file") from None
    if not isinstance(data, dict) or not isinstance(data.get("corpora", {}), dict):
        raise ValueError("not a reader state file")
    return data


def load_position(path: Path, corpus_root: Path) -> tuple[Location | None, str | None]:
    """The remembered place in this corpus, and why it could not be read (if so)."""
    try:
        data = _read(path)
    except FileNotFoundError:
        return None, None
    except (OSError, ValueError, UnicodeDecodeError) as error:
        return None, f"Ignored the unreadable state file {path}: {error}"
    entry = data.get("corpora", {}).get(corpus_key(corpus_root))
    if not isinstance(entry, dict) or not isinstance(entry.get("article"), str):
        return None, None

    def offset(key: str) -> int | None:
        value = entry.get(key)
        return value if isinstance(value, int) and value >= 0 else None

    return Location(entry["article"], cursor=offset("cursor"), top=offset("top")), None


def remembered_file(path: Path, corpus_root: Path) -> Path | None:
    """The article file of the remembered place, if the state file names one that
    stays in the corpus directory: what the reader reads first, before the others."""
    try:
        entry = _read(path).get("corpora", {}).get(corpus_key(corpus_root))
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    name = entry.get("file") if isinstance(entry, dict) else None
    if not isinstance(name, str) or Path(name).name != name or name in ("", ".", ".."):
        return None  # a bare file name, or nothing: never a path out of the corpus
    return corpus_root / name


def save_position(
    path: Path, corpus_root: Path, location: Location, file: Path | None = None
) -> None:
    """Record `location` for this corpus (and `file`, the article file it is in),
    keeping the other corpora's places."""
    try:
        data = _read(path)
    except (OSError, ValueError, UnicodeDecodeError):
        data = {}
    corpora = data.get("corpora", {})
    corpora[corpus_key(corpus_root)] = {
        "article": location.article_id,
        "cursor": location.cursor,
        "top": location.top,
    } | ({} if file is None else {"file": file.name})
    _write(path, data | {"corpora": corpora})


def load_settings(path: Path) -> dict[str, str]:
    """The settings remembered for every corpus (theme, side tab); {} if none."""
    try:
        settings = _read(path).get("settings", {})
    except (OSError, ValueError, UnicodeDecodeError):
        return {}
    if not isinstance(settings, dict):
        return {}
    return {k: v for k, v in settings.items() if isinstance(k, str) and isinstance(v, str)}


def save_setting(path: Path, name: str, value: str) -> None:
    try:
        data = _read(path)
    except (OSError, ValueError, UnicodeDecodeError):
        data = {}
    settings = data.get("settings")
    settings = settings if isinstance(settings, dict) else {}
    _write(path, data | {"settings": settings | {name: value}})


def _write(path: Path, data: dict) -> None:
    """Written to a temporary file and renamed, so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, json.dumps(data | {"version": VERSION}, indent=1))
