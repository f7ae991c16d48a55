"""The corpus's entity catalogue, as `reader import` uses it: created from the bundled
one when missing, and extended with learned aliases when the user asks for it.

Aliases are added by inserting one line under the entity's last alias, so the file's
comments and layout stay as the user wrote them; the result is read back and written
only when it holds exactly the new aliases.
"""

from __future__ import annotations

from pathlib import Path

from reader.annotate.article_writer import yaml_scalar
from reader.atomic_files import write_atomically
from reader.corpus import ENTITIES_FILE, bundled_corpus_path
from reader.entity_file import load_entities
from reader.model import Entity, Problem
from reader.yamlsource import YamlList, YamlMap, load_yaml_file


def ensure_catalogue(root: Path) -> str | None:
    """Copy the bundled catalogue into `root` when it has none; say so."""
    path = root / ENTITIES_FILE
    if path.exists():
        return None
    bundled = bundled_corpus_path() / ENTITIES_FILE
    write_atomically(path, bundled.read_text(encoding="utf-8"))
    return f"{path}: no entity catalogue here; copied the bundled one ({bundled})"


def read_catalogue(root: Path) -> tuple[dict[str, Entity], list[Problem]]:
    entities, _, problems = load_entities(root / ENTITIES_FILE)
    return entities, problems


def add_aliases(path: Path, additions: list[tuple[str, str]]) -> list[str]:
    """Add (entity id, alias) pairs to the catalogue at `path`; return those added."""
    document, problems = load_yaml_file(path)
    if problems or not isinstance(document, YamlMap):
        return []
    items = document.get("entities")
    if not isinstance(items, YamlList):
        return []
    entities, _, _ = load_entities(path)
    owners = {alias: e.id for e in entities.values() for alias in e.aliases}
    lines = path.read_text(encoding="utf-8").split("\n")
    inserts: list[tuple[int, str]] = []  # (index to insert before, line)
    added: list[str] = []
    opened: dict[str, tuple[int, str]] = {}  # entity -> where its new aliases go
    for entity_id, alias in additions:
        if alias in owners:
            continue
        if entity_id not in opened:
            item = next(
                (i for i in items if isinstance(i, YamlMap) and i.get("id") == entity_id), None
            )
            place = _insertion(item, lines) if item is not None else None
            if place is None:
                continue
            index, indent, needs_key = place
            if needs_key:
                inserts.append((index, f"{indent}aliases:"))
                indent += "  "
            opened[entity_id] = (index, indent)
        index, indent = opened[entity_id]
        inserts.append((index, f"{indent}- {yaml_scalar(alias)}"))
        owners[alias] = entity_id
        added.append(alias)
    if not added:
        return []
    # From the bottom up, so earlier indexes stay right; same index: in the order given.
    for _, (index, line) in sorted(enumerate(inserts), key=lambda x: (x[1][0], x[0]), reverse=True):
        lines.insert(index, line)
    text = "\n".join(lines)
    # Read the result back before keeping it: every alias where it belongs, no problems.
    after, after_problems = _read_back(path, text)
    if after_problems or not all(
        owners[alias] in after and alias in after[owners[alias]].aliases for alias in added
    ):
        return []
    write_atomically(path, text)
    return added


def _insertion(item: YamlMap, lines: list[str]) -> tuple[int, str, bool] | None:
    aliases = item.get("aliases")
    if isinstance(aliases, YamlList) and aliases.item_positions:
        line, column = aliases.item_positions[-1]
        text = lines[line - 1]
        if column < 3 or text[column - 3 : column - 1] != "- ":
            return None  # a flow list ([a, b]): left alone
        return line, " " * (column - 3), False
    if "aliases" in item:
        return None
    line, column = item.key_where("type")
    return line, " " * (column - 1), True


def _read_back(path: Path, text: str) -> tuple[dict[str, Entity], list[Problem]]:
    """The catalogue `text` would be, read from a scratch file beside `path`."""
    check = path.with_name(f".{path.name}.check")
    try:
        check.write_text(text, encoding="utf-8")
        after, _, after_problems = load_entities(check)
    finally:
        check.unlink(missing_ok=True)
    return after, after_problems


def add_entities(path: Path, entries: list[dict[str, object]]) -> list[str]:
    """Append new entities (id, name, type, aliases, ...) to the catalogue; their ids.

    Appended as block mappings in the file's own indentation, read back before the file
    is kept: a catalogue that would not load with them is left as it was.
    """
    document, problems = load_yaml_file(path)
    if problems or not isinstance(document, YamlMap):
        return []
    items = document.get("entities")
    if not isinstance(items, YamlList) or not items.item_positions:
        return []
    column = items.item_positions[0][1]
    lines = path.read_text(encoding="utf-8").split("\n")
    first = lines[items.item_positions[0][0] - 1]
    if first[column - 3 : column - 1] != "- ":
        return []  # a flow list: left alone
    dash, key = " " * (column - 3), " " * (column - 1)
    text = "\n".join(lines).rstrip("\n") + "\n"
    for entry in entries:
        fields = list(entry.items())
        for index, (name, value) in enumerate(fields):
            lead = f"{dash}- " if index == 0 else key
            if isinstance(value, list):
                text += f"{lead}{name}:\n" + "".join(f"{key}  - {yaml_scalar(v)}\n" for v in value)
            else:
                text += f"{lead}{name}: {yaml_scalar(str(value))}\n"
    after, after_problems = _read_back(path, text)
    wanted = [str(e["id"]) for e in entries]
    if after_problems or not all(i in after for i in wanted):
        return []
    write_atomically(path, text)
    return wanted


def add_outlets(path: Path, drafts: list) -> list[str]:
    """Outlets the imported articles name that the catalogue lacks, added as media outlets."""
    from reader.annotate.existing import slug
    from reader.model import EntityType

    entities, _, problems = load_entities(path)
    if problems:
        return []
    known = {
        form
        for e in entities.values()
        if e.type is EntityType.MEDIA_OUTLET
        for form in (e.name, *e.aliases)
    }
    aliases = {a for e in entities.values() for a in e.aliases}
    ids = set(entities)
    entries: list[dict[str, object]] = []
    for draft in drafts:
        outlet = draft.outlet
        if not outlet or outlet in known or draft.outlet_note.startswith("Given on the command"):
            continue
        known.add(outlet)
        base = slug(outlet) or "outlet"
        entity_id, n = base, 1
        while entity_id in ids:
            n += 1
            entity_id = f"{base}-{n}"
        ids.add(entity_id)
        entry: dict[str, object] = {"id": entity_id, "name": outlet, "type": "media_outlet"}
        if outlet not in aliases:
            entry["aliases"] = [outlet]
            aliases.add(outlet)
        entry["status"] = "proposed"
        entry["first_seen"] = f"raw/{draft.source} ({draft.outlet_note.rstrip('.')})"
        entries.append(entry)
    if not entries:
        return []
    added = add_entities(path, entries)
    return [str(e["name"]) for e in entries if e["id"] in added]
