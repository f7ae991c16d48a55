"""What every cache of `reader` shares: digests, code fingerprints and sealed entries.

Two caches keep work between runs: the loaded corpus (reader/corpus_cache.py, JSON
files read before the first frame) and the cross-references (reader/xref/cache.py, a
SQLite file). They follow one design:

- **keys** are BLAKE2 digests (`digest`) of what an entry was made from: a file's
  bytes, an article's content;
- **fingerprints** (`code_fingerprint`) name the code that made it: the source of the
  modules that compute it, the Python, and where each library it calls is installed
  and when. Edited code or an upgraded library never reads an old entry;
- **entries are sealed** (`seal`): a header line (JSON: the entry's own fields and the
  digest of its payload) and the payload. `unseal` checks the digest, so an entry that
  was altered, even into other valid JSON, is dropped and computed again;
- **payloads are JSON**, never pickle (reading one runs no code), decoded by
  `decode_json`, which turns input nested too deep to decode into a CacheError.

An entry that fails any check raises CacheError; the caller recomputes. A cache is an
optimisation: a failure to read or write one costs time, never output.

Light on purpose: imported before the first frame (no hashlib, which loads OpenSSL).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from importlib.machinery import PathFinder
from pathlib import Path

try:  # BLAKE2 without `import hashlib`, which loads OpenSSL: ~2 ms of every start-up
    from _blake2 import blake2b
except ImportError:  # a Python without the module: the same function, from hashlib
    from hashlib import blake2b


class CacheError(ValueError):
    """An entry that cannot be used: stale, corrupt or not ours."""


def digest(data: bytes) -> str:
    return blake2b(data, digest_size=32).hexdigest()


def code_fingerprint(version: str, sources: Iterable[Path], libraries: Iterable[str]) -> str:
    """The code an entry was computed with: `version` (the entry layout), the Python,
    each source file's name and bytes, and where each library is installed and when."""
    fingerprint = blake2b(f"{version} {sys.version}".encode(), digest_size=32)
    for source in sources:
        fingerprint.update(source.name.encode())
        fingerprint.update(source.read_bytes())
    for library in libraries:
        try:
            spec = PathFinder.find_spec(library)
        except (ImportError, ValueError):
            spec = None
        origin = spec.origin if spec is not None else None
        if spec is not None and origin in (None, "namespace") and spec.submodule_search_locations:
            origin = next(iter(spec.submodule_search_locations), None)
        fingerprint.update(f"{library}={origin}:{file_stat(origin)}".encode())
    return fingerprint.hexdigest()


def file_stat(path: Path | str | None) -> list[int] | str:
    if path is None:
        return "missing"
    try:
        stat = Path(path).stat()
    except (OSError, ValueError):
        return "missing"
    return [stat.st_size, stat.st_mtime_ns]


def seal(header: dict, payload: bytes) -> bytes:
    """The entry as bytes: `header` with the payload's digest, a newline, the payload."""
    line = json.dumps({**header, "checksum": digest(payload)}, separators=(",", ":"))
    return line.encode("utf-8") + b"\n" + payload


def unseal(data: bytes) -> tuple[dict, bytes]:
    """The header and payload of a sealed entry whose payload matches its digest."""
    header_line, newline, payload = data.partition(b"\n")
    if not newline:
        raise CacheError("no header")
    header = decode_json(header_line)
    if not isinstance(header, dict):
        raise CacheError("the header is not an object")
    if header.get("checksum") != digest(payload):
        raise CacheError("the payload does not match its digest")
    return header, payload


def decode_json(data: bytes | str):
    """JSON values; CacheError for text that is not JSON or nests too deep to decode
    (the decoder stops at the interpreter's recursion limit and says so)."""
    try:
        return json.loads(data)
    except (ValueError, RecursionError) as error:  # UnicodeDecodeError is a ValueError
        raise CacheError("not JSON, or nested deeper than an entry is") from error
