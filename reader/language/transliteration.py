"""When two spellings are one name: transliteration keys and their comparison.

Names reach English through several transliterations (Sergey / Sergei / Sergej,
Lavrov / Lavroff, Riyad / Riad, Mohammed / Muhammad). `name_key` starts from
`folded` (no case, hyphens or double spaces, as `NearSpellings` compares) and folds
what those systems differ in (accents, y/i/j after a vowel, -off/-ov, kh/h, ou/u,
doubled letters, the spacing of particles, the stops of "U.S.") so that variants share
a key; `same_name` accepts small remaining differences with rapidfuzz. Where
`NearSpellings` asks "is this close to an alias?", these ask "is this the same
person's name, spelled by another system?", which is safe to act on without asking.
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz

from reader.language.names import folded

_FOLDS = [
    (re.compile(r"(?<=[aeiou])[yj](?=\b|[^aeiou])"), "i"),  # Sergey, Sergej -> sergei
    (re.compile(r"(?<=[aeiou])ff\b"), "v"),  # Lavroff -> lavrov
    (re.compile(r"(?<=[aeiou])w\b"), "v"),  # Lavrow
    (re.compile(r"kh"), "h"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"ou"), "u"),
    (re.compile(r"ee"), "i"),
    (re.compile(r"(?<=\w)y(?=\w)"), "i"),
    (re.compile(r"(\w)\1"), r"\1"),  # doubled letters
    (re.compile(r"\b(?:al|el|ad|as|ash|an)[\s-]+"), "al "),  # particles
]


def name_key(text: str) -> str:
    """The spelling-insensitive key of a name."""
    text = unicodedata.normalize("NFKD", text)
    text = folded("".join(c for c in text if not unicodedata.combining(c)))
    text = re.sub(r"[’'`]", "", text)
    text = re.sub(r"\b([a-z])\.(?=[a-z]\.)|(?<=\b[a-z])\.", r"\1", text)  # "u.s." -> "us"
    for pattern, replacement in _FOLDS:
        text = pattern.sub(replacement, text)
    return text


def same_name(a: str, b: str, threshold: float = 90.0) -> bool:
    """Two printed names that are spellings of one name (same number of words)."""
    key_a, key_b = name_key(a), name_key(b)
    if key_a == key_b:
        return True
    words_a, words_b = key_a.split(), key_b.split()
    if len(words_a) != len(words_b) or min(len(key_a), len(key_b)) < 6:
        return False
    # Every word close, and the whole close: "Riyad Hijab" ~ "Riad Hijab".
    return fuzz.ratio(key_a, key_b) >= threshold and all(
        fuzz.ratio(x, y) >= 75 for x, y in zip(words_a, words_b, strict=True)
    )
