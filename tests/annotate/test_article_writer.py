"""The writer's YAML reads back as exactly what was meant, whatever the page held."""

from __future__ import annotations

import random

import pytest
import yaml

from reader.annotate.article_writer import flow_mapping, folded, yaml_scalar

TRICKY = [
    "plain words",
    "",
    " leading space",
    "trailing space ",
    "null",
    "Null",
    "yes",
    "No",
    "on",
    "OFF",
    "~",
    "true",
    "2016-09-28",
    "1e5",
    "0x1F",
    "12",
    ".5",
    "-",
    "- item",
    "---",
    "...",
    "key: value",
    "a #comment",
    "#hash",
    "&anchor",
    "*alias",
    "!tag",
    "!!python/object:os.system",
    "[list]",
    "{map}",
    "a, b",
    "100%",
    "@at",
    "`tick`",
    "| pipe",
    "> fold",
    "'single'",
    '"double"',
    "back\\slash",
    "tab\there",
    "new\nline",
    "cr\rhere",
    "nel\x85here",
    "ls\u2028ps\u2029",
    "bom\ufeff",
    "nul\x00",
    "bell\x07",
    "del\x7f",
    "c1\x9b",
    "Kölner Stadt-Anzeiger",
    "Россия",
    "emoji 😀",
    "rtl \u202e x",
    "zw\u200bsp",
    "Russia’s",
    "it's",
    "U.S.To",
    "ends with colon:",
    "two  spaces",
]


@pytest.mark.parametrize("text", TRICKY)
def test_scalars_read_back_exactly(text):
    assert yaml.safe_load(f"key: {yaml_scalar(text)}") == {"key": text}
    assert yaml.safe_load(flow_mapping([("exact", text), ("occurrence", 2)])) == {
        "exact": text,
        "occurrence": 2,
    }


def test_random_text_reads_back_exactly():
    rng = random.Random(20161102)
    alphabet = [chr(c) for c in range(0, 0x3000)] + ["😀", "\U0010fffd"]
    alphabet = [c for c in alphabet if not 0xD800 <= ord(c) <= 0xDFFF]
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))
        assert yaml.safe_load(f"k: {yaml_scalar(text)}") == {"k": text}, repr(text)


def test_long_prose_folds_and_reads_back():
    prose = " ".join(["Normalised: no-break spaces became spaces on raw lines 1, 9."] * 6)
    lines = folded("notes", prose)
    assert lines[0] == "notes: >-" and all(len(line) <= 88 for line in lines)
    assert yaml.safe_load("\n".join(lines)) == {"notes": prose}
    odd = prose + " \u3000 ideographic space"
    assert yaml.safe_load("\n".join(folded("notes", odd))) == {"notes": odd}
