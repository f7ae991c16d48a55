"""Safe YAML loading that remembers where every value came from.

`yaml.safe_load` throws positions away, but a hand-edited corpus needs problems reported
at `file:line:column`. So we compose the node graph with the safe loader and build plain
dicts and lists that carry the marks of their keys and items. Only YAML's standard tags
are accepted: a `!!python/object` (or any other) tag is reported, never constructed.

A corpus file is untrusted, so before anything is built the file must be a regular file
(a named pipe would block the reader forever), of a bounded size, free of the control
characters YAML forbids (found here with their line and column, which PyYAML does not
give), and nested no deeper than MAX_YAML_DEPTH: the nesting is measured on PyYAML's
event stream, which does not recurse, so a thousand `[` cannot exhaust the stack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from reader.limits import MAX_YAML_DEPTH, max_yaml_chars, too_long
from reader.model import Problem
from reader.safe_files import read_regular_file

# libyaml's parser, where PyYAML was built with it, composes ten times faster; both
# are the safe loader and both keep marks.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Position = tuple[int, int]  # (line, column), both from 1

SAFE_TAGS = frozenset(
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)


class _Rejected:
    """Stands where a value was refused (an unsafe tag), so it is reported only once."""

    def __repr__(self) -> str:
        return "<rejected>"


REJECTED = _Rejected()


class YamlMap(dict[str, Any]):
    """A mapping that knows where it, its keys and its values start."""

    position: Position = (1, 1)
    key_positions: dict[str, Position]
    value_positions: dict[str, Position]

    def where(self, key: str) -> Position:
        return self.value_positions.get(key, self.key_positions.get(key, self.position))

    def key_where(self, key: str) -> Position:
        return self.key_positions.get(key, self.position)


class YamlList(list[Any]):
    """A sequence that knows where it and each of its items start."""

    position: Position = (1, 1)
    item_positions: list[Position]


def _position(mark) -> Position:  # yaml.Mark, or the same from libyaml (_yaml.Mark)
    return (mark.line + 1, mark.column + 1)


@dataclass
class _Builder:
    path: Path
    problems: list[Problem]

    def __post_init__(self) -> None:
        self._constructor = SafeConstructor()
        # A YAML alias (*name) reuses a node: build it once and share the result, so
        # a "billion laughs" file stays linear; a node met again while it is still
        # being built is an alias to itself, which no corpus value can be.
        self._built: dict[int, object] = {}
        self._building: set[int] = set()

    def build(self, node: yaml.Node):
        key = id(node)
        if key in self._built:
            return self._built[key]
        line, column = _position(node.start_mark)
        if key in self._building:
            self.problems.append(
                Problem(self.path, line, column, "a YAML alias refers to itself; remove it")
            )
            return REJECTED
        self._building.add(key)
        try:
            value = self._build(node, line, column)
        finally:
            self._building.discard(key)
        self._built[key] = value
        return value

    def _build(self, node: yaml.Node, line: int, column: int):
        if node.tag == "tag:yaml.org,2002:merge":
            self.problems.append(
                Problem(
                    self.path,
                    line,
                    column,
                    "merge keys (<<) are not supported; write the fields out in full",
                )
            )
            return REJECTED
        if node.tag not in SAFE_TAGS:
            self.problems.append(
                Problem(
                    self.path,
                    line,
                    column,
                    f"tag {node.tag!r} is not allowed (only plain YAML is read; "
                    "nothing is ever executed); remove the tag",
                )
            )
            return REJECTED
        if isinstance(node, yaml.MappingNode):
            result = YamlMap()
            result.position = (line, column)
            result.key_positions = {}
            result.value_positions = {}
            for key_node, value_node in node.value:
                key = self.build(key_node)
                if key is REJECTED:
                    continue
                if isinstance(key, (dict, list)) or key is None:
                    kl, kc = _position(key_node.start_mark)
                    self.problems.append(
                        Problem(self.path, kl, kc, "a key must be a plain word; quote it")
                    )
                    continue
                key = str(key)
                if key in result:
                    kl, kc = _position(key_node.start_mark)
                    self.problems.append(
                        Problem(
                            self.path,
                            kl,
                            kc,
                            f"key {key!r} appears twice in this mapping; keep one",
                        )
                    )
                    continue
                result[key] = self.build(value_node)
                result.key_positions[key] = _position(key_node.start_mark)
                result.value_positions[key] = _position(value_node.start_mark)
            return result
        if isinstance(node, yaml.SequenceNode):
            sequence = YamlList()
            sequence.position = (line, column)
            sequence.item_positions = []
            for item in node.value:
                sequence.append(self.build(item))
                sequence.item_positions.append(_position(item.start_mark))
            return sequence
        try:
            return self._constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError) as error:
            self.problems.append(Problem(self.path, line, column, f"value cannot be read: {error}"))
            return None


def _decode(path: Path, data: bytes, problems: list[Problem]) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        problems.append(
            Problem(
                path,
                line,
                column,
                f"file is not UTF-8 (byte 0x{data[error.start]:02x}); "
                "save it as UTF-8 in your editor",
            )
        )
        return None


# What YAML 1.1 allows in a stream (PyYAML's Reader.NON_PRINTABLE, inverted).
_NOT_ALLOWED = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_CHARACTER_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "backspace", 0x1B: "ESC", 0x7F: "DEL"}


def _line_column(text: str, offset: int) -> Position:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _forbidden_character(path: Path, text: str) -> Problem | None:
    """Where the first character YAML does not allow (NUL, ESC, ...) is."""
    if match := _NOT_ALLOWED.search(text):
        code = ord(match.group())
        name = _CHARACTER_NAMES.get(code, "a control character")
        more = len(_NOT_ALLOWED.findall(text)) - 1
        return Problem(
            path,
            *_line_column(text, match.start()),
            f"{name} (U+{code:04X}) is not allowed in a YAML file"
            + (f" ({more} more after it)" if more else "")
            + "; delete it, or inside double quotes write it as an escape like \\x1b",
        )
    return None


def _stray_byte_order_mark(path: Path, text: str) -> Problem | None:
    """A byte-order mark inside the text (one at the very start goes when decoding)."""
    if (bom := text.find("\ufeff")) != -1:
        return Problem(
            path,
            *_line_column(text, bom),
            "a byte-order mark (U+FEFF) in the middle of the file, where it is an "
            "invisible character in the text; delete it (files pasted together do this)",
        )
    return None


def load_yaml_file(path: Path) -> tuple[object | None, list[Problem]]:
    """The file's single YAML document with positions, or None and the problems."""
    problems: list[Problem] = []
    limit = max_yaml_chars()
    data, why = read_regular_file(path, max_bytes=4 * limit)
    if data is None:
        return None, [Problem(path, None, None, why)]
    text = _decode(path, data, problems)
    if text is None:
        return None, problems
    if len(text) > limit:
        return None, [Problem(path, None, None, too_long("the file", len(text), limit))]
    if forbidden := _forbidden_character(path, text):
        return None, [forbidden]
    if bom := _stray_byte_order_mark(path, text):
        problems.append(bom)
    return load_yaml_text(text, path, problems)


def _too_deep(text: str, path: Path) -> Problem | None:
    """A problem where `text` nests deeper than MAX_YAML_DEPTH, counting what an alias
    brings along; measured on the event stream, which does not recurse."""
    open_collections: list[list] = []  # [anchor, height of the deepest child]
    heights: dict[str, int] = {}
    for event in yaml.parse(text, Loader=SAFE_LOADER):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            open_collections.append([event.anchor, 0])
            depth = len(open_collections)
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            anchor, below = open_collections.pop()
            height = below + 1
            if anchor:
                heights[anchor] = height
            if open_collections:
                open_collections[-1][1] = max(open_collections[-1][1], height)
            continue
        elif isinstance(event, yaml.AliasEvent):
            height = heights.get(event.anchor or "", 0)
            depth = len(open_collections) + height
            if open_collections:
                open_collections[-1][1] = max(open_collections[-1][1], height)
        else:
            continue
        if depth > MAX_YAML_DEPTH:
            line, column = _position(event.start_mark) if event.start_mark else (None, None)
            return Problem(
                path,
                line,
                column,
                f"the YAML nests more than {MAX_YAML_DEPTH} levels deep here; a corpus "
                "file needs six at most: close the brackets or remove the indentation",
            )
    return None


def load_yaml_text(
    text: str, path: Path, problems: list[Problem] | None = None
) -> tuple[object | None, list[Problem]]:
    problems = [] if problems is None else problems
    try:
        if deep := _too_deep(text, path):
            problems.append(deep)
            return None, problems
        node = yaml.compose(text, Loader=SAFE_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = _position(mark) if mark else (None, None)
        what = error.problem or "YAML syntax error"
        if error.context:
            what = f"{error.context}, {what}"
            if error.context_mark and error.context_mark is not mark:
                what += f" (it starts at line {error.context_mark.line + 1})"
        problems.append(
            Problem(path, line, column, f"YAML syntax error: {what}; fix the syntax here")
        )
        return None, problems
    except yaml.reader.ReaderError as error:
        problems.append(
            Problem(
                path,
                *_line_column(text, error.position),
                f"character U+{error.character:04X} is not allowed in a YAML file; delete it",
            )
        )
        return None, problems
    except yaml.YAMLError as error:
        problems.append(Problem(path, None, None, f"YAML error: {error}"))
        return None, problems
    if node is None:
        return None, problems
    return _Builder(path, problems).build(node), problems
