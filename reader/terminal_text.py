"""Text from a corpus made safe to print on a terminal.

Article text, entity names, file names and raw lines are untrusted: an ESC, BEL or C1
control character in them would be obeyed by the terminal (retitle it, clear it, or
worse), and a bidi override would make a line read differently from what it holds. Every
command-line output that can carry corpus text goes through `visible`, which shows such
characters as escapes (`\\x1b`, `\\u202e`) instead of sending them. Newlines and tabs
stay: they are how the output is laid out. JSON keeps its exact values and stays safe
through `json_safe`, which writes the same characters as JSON escapes.
"""

from __future__ import annotations

import io
import re

# C0 controls but tab and newline, DEL, C1 controls; bidi embeddings, overrides and
# isolates; line and paragraph separators (they break a line where none is shown).
_UNSAFE = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
    # lone surrogates (an undecodable byte in a file name): no terminal shows one, and
    # a strict UTF-8 stdout fails on it; a regex escape, as a str literal cannot hold them
    r"\ud800-\udfff"
)
_UNSAFE_RE = re.compile(f"[{_UNSAFE}]")
_UNSAFE_OR_LAYOUT_RE = re.compile(f"[{_UNSAFE}\t\n]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, one_line: bool = False) -> str:
    """`text` with every character a terminal would obey shown as an escape.

    `one_line` escapes tabs and newlines too, for a value quoted inside a message."""
    pattern = _UNSAFE_OR_LAYOUT_RE if one_line else _UNSAFE_RE
    return pattern.sub(_escape, text)


def json_safe(document: str) -> str:
    """JSON text with the unsafe characters left by `json.dumps(ensure_ascii=False)`
    (C1 controls, bidi marks, separators; C0 is escaped already) written as \\u escapes:
    the same values for a program, nothing for a terminal to obey."""
    return _UNSAFE_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", document)


class VisibleStream(io.TextIOBase):
    """A text stream that writes through `visible`: put in front of stderr (and of
    stdout for tables) so that no message, whoever prints it, can carry a control.

    With `escape=False` the text passes exact (JSON or CSV for a file). Either way a
    failure to write is remembered in `failed`, so the caller can tell a full disk
    from any other error."""

    def __init__(self, stream, *, escape: bool = True):
        self._stream = stream
        self._escape = escape
        self.failed: OSError | None = None

    def write(self, text: str) -> int:
        try:
            self._stream.write(visible(text) if self._escape else text)
        except OSError as error:
            self.failed = error
            raise
        return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as error:
            self.failed = error
            raise

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]  # TextIOBase declares it plain
        return getattr(self._stream, "encoding", "utf-8")
