"""Reading and checking the entity catalogue, `entities.yaml`."""

from __future__ import annotations

import re
from pathlib import Path

from reader.fields import Field, check_fields, valid
from reader.model import Entity, EntityType, Problem
from reader.yamlsource import YamlList, YamlMap, load_yaml_file

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")

ENTITY_FIELDS = {
    "id": Field((str,), True, "id: lavrov"),
    "name": Field((str,), True, "name: Sergey Lavrov"),
    "type": Field((str,), True, "type: person"),
    "aliases": Field((YamlList,), False),
    "description": Field((str,), False),
    # Entities `reader import` added for review (docs/import.md): "proposed" until a
    # person accepts them by deleting the status line.
    "status": Field((str,), False),
    "first_seen": Field((str,), False),
}
STATUSES = ("proposed",)

TYPES = ", ".join(t.value for t in EntityType)


def load_entities(path: Path) -> tuple[dict[str, Entity], set[str], list[Problem]]:
    """The sound entities, every id the file declares (sound or not), and problems.

    Declared-but-broken ids are returned so that references to them are not reported
    again in every article: the one problem in the catalogue is the one to fix.
    """
    declared: set[str] = set()
    document, problems = load_yaml_file(path)
    if document is None:
        if not problems:
            problems.append(
                Problem(path, 1, 1, "file is empty; start it with 'entities:' and a list")
            )
        return {}, declared, problems
    if not isinstance(document, YamlMap) or not isinstance(document.get("entities"), YamlList):
        line, column = getattr(document, "position", (1, 1))
        problems.append(
            Problem(
                path,
                line,
                column,
                "the catalogue must be a mapping with a list under 'entities:' "
                "(see docs/corpus-format.md)",
            )
        )
        return {}, declared, problems
    for key in document:
        if key != "entities":
            line, column = document.key_where(key)
            problems.append(
                Problem(path, line, column, f"unknown field {key!r}; only 'entities' is read")
            )

    entities: dict[str, Entity] = {}
    alias_owner: dict[str, str] = {}
    items = document["entities"]
    for item, (line, column) in zip(items, items.item_positions, strict=True):
        if not isinstance(item, YamlMap):
            problems.append(
                Problem(path, line, column, "an entity must be a mapping with id, name, type")
            )
            continue
        entity_id = item.get("id")
        what = f"entity {entity_id}" if isinstance(entity_id, str) else "entity"
        if isinstance(entity_id, str):
            declared.add(entity_id)
        problems += check_fields(item, ENTITY_FIELDS, what, path)
        if not all(valid(item, name, ENTITY_FIELDS[name]) for name in ("id", "name", "type")):
            continue
        entity_id = item["id"]  # a string now
        if not ID_PATTERN.match(entity_id):
            problems.append(
                Problem(
                    path,
                    *item.where("id"),
                    f"{what}: id should be lowercase letters, digits and '-'",
                )
            )
        if entity_id in entities:
            problems.append(
                Problem(
                    path,
                    *item.where("id"),
                    f"{what}: duplicate id; another entity already uses {entity_id!r}, "
                    "rename one of them",
                )
            )
            continue
        try:
            entity_type = EntityType(item["type"])
        except ValueError:
            problems.append(
                Problem(
                    path,
                    *item.where("type"),
                    f"{what}: unknown type {item['type']!r}; use one of {TYPES}",
                )
            )
            continue
        aliases = _aliases(item, what, entity_id, alias_owner, path, problems)
        entities[entity_id] = Entity(
            id=entity_id,
            name=item["name"],
            type=entity_type,
            aliases=aliases,
            description=item.get("description") or "",
            status=item.get("status") or "",
            first_seen=item.get("first_seen") or "",
        )
        if entities[entity_id].status not in ("", *STATUSES):
            problems.append(
                Problem(
                    path,
                    *item.where("status"),
                    f"{what}: status {item['status']!r} is not known; use 'proposed' or "
                    "remove the line to accept the entity",
                )
            )
    return entities, declared, problems


def _aliases(
    item: YamlMap,
    what: str,
    entity_id: str,
    alias_owner: dict[str, str],
    path: Path,
    problems: list[Problem],
) -> tuple[str, ...]:
    raw = item.get("aliases")
    if not isinstance(raw, YamlList):
        return ()
    aliases: list[str] = []
    for alias, position in zip(raw, raw.item_positions, strict=True):
        if not isinstance(alias, str) or not alias.strip():
            problems.append(Problem(path, *position, f"{what}: an alias must be text"))
            continue
        owner = alias_owner.setdefault(alias, entity_id)
        if owner != entity_id:
            problems.append(
                Problem(
                    path,
                    *position,
                    f"{what}: alias {alias!r} already belongs to entity {owner!r}; "
                    "an alias may name one entity only",
                )
            )
            continue
        if alias not in aliases:
            aliases.append(alias)
    # The canonical name is not added: aliases are the forms printed in the corpus.
    return tuple(aliases)
