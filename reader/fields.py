"""Checking the fields of one YAML mapping against what the corpus format allows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from reader.model import Problem
from reader.yamlsource import REJECTED, YamlList, YamlMap

_TYPE_NAMES = {
    str: "text",
    int: "a whole number",
    YamlList: "a list",
    YamlMap: "a mapping",
    dt.date: "a date (YYYY-MM-DD)",
    type(None): "null",
}


def describe(value: object) -> str:
    if isinstance(value, bool):
        return f"the value {str(value).lower()}"
    for kind, name in _TYPE_NAMES.items():
        if isinstance(value, kind):
            shown = f" {value!r}" if isinstance(value, (str, int)) else ""
            return name + shown
    return type(value).__name__


@dataclass(frozen=True)
class Field:
    types: tuple[type, ...]
    required: bool = False
    example: str = ""  # shown in the fix for a missing field


def did_you_mean(word: str, choices: list[str]) -> str:
    from rapidfuzz import fuzz, process

    # plain ratio: WRatio's partial matching calls 'a' close to 'date'
    match = process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=75)
    if match:
        return f"did you mean {match[0]!r}?"
    return "known fields: " + ", ".join(choices)


def check_fields(mapping: YamlMap, spec: dict[str, Field], what: str, path: Path) -> list[Problem]:
    """Problems with missing, unknown or mistyped fields; `what` names the mapping."""
    problems = []
    for key in mapping:
        if key not in spec:
            line, column = mapping.key_where(key)
            problems.append(
                Problem(
                    path,
                    line,
                    column,
                    f"{what}: unknown field {key!r}; {did_you_mean(key, list(spec))}",
                )
            )
    for name, field in spec.items():
        if name not in mapping:
            if field.required:
                line, column = mapping.position
                example = field.example or f"{name}: ..."
                problems.append(
                    Problem(path, line, column, f"{what}: missing field {name!r}; add {example!r}")
                )
            continue
        value = mapping[name]
        if value is REJECTED:
            continue
        # bool is a subclass of int, but `line: yes` is never meant as a number
        if isinstance(value, bool) or not isinstance(value, field.types):
            line, column = mapping.where(name)
            wanted = " or ".join(_TYPE_NAMES.get(t, t.__name__) for t in field.types)
            problems.append(
                Problem(
                    path,
                    line,
                    column,
                    f"{what}: field {name!r} should be {wanted}, not {describe(value)}",
                )
            )
    return problems


def valid(mapping: YamlMap, name: str, field: Field) -> bool:
    """Whether `name` is present and of the right type (its problem is reported apart)."""
    value = mapping.get(name)
    return name in mapping and not isinstance(value, bool) and isinstance(value, field.types)
