"""Spellings close to a catalogued alias: "Jabhat al Nusrah" for "Jabhat al-Nusra".

The format asks a name mention to be an exact alias, so a near spelling is never
annotated silently: it is reported in the article's notes, and becomes an alias (and
so a mention) only when the user asks for it (`reader import --learn-aliases`).
"""

from __future__ import annotations

import re

from reader.annotate.draft import AliasSuggestion, DraftMention
from reader.model import Entity

MIN_SCORE = 90.0
MIN_LENGTH = 6
MAX_WORDS = 4
# A capitalised word, or a name particle that joins capitalised words.
_TOKEN = re.compile(r"[A-Z][\w'’.-]*|\b(?:al|el|ad|as|ash|bin|ibn|de|del|la|le|von|van|abu)\b")
_GAP = re.compile(r"^[ -]$")
# Endings that turn a name into another word: "Syrian", "Russians", "Kerry’s".
_DERIVED = ("n", "an", "ian", "ns", "ans", "ians", "s", "'s", "’s", "ese", "i", "is")


def _normal(text: str) -> str:
    return re.sub(r"[\s\-\u2010\u2011]+", " ", text).casefold().strip()


def name_runs(text: str) -> list[list[re.Match]]:
    """Runs of name tokens separated by single spaces or hyphens."""
    runs: list[list[re.Match]] = []
    for token in _TOKEN.finditer(text):
        if runs and _GAP.match(text[runs[-1][-1].end() : token.start()]):
            runs[-1].append(token)
        else:
            runs.append([token])
    return runs


class AliasIndex:
    """The catalogue's aliases, normalised once for all the blocks of a page."""

    def __init__(self, entities: dict[str, Entity]):
        self.aliases = {
            _normal(alias): (alias, entity.id)
            for entity in entities.values()
            for alias in entity.aliases
            if len(alias) >= MIN_LENGTH
        }
        self.printed = {alias for entity in entities.values() for alias in entity.aliases}
        self.choices = list(self.aliases)


def suggest_aliases(
    text: str,
    line: int,
    mentions: list[DraftMention],
    index: AliasIndex,
) -> list[AliasSuggestion]:
    """Uncatalogued spellings in `text` that score high against one alias."""
    from rapidfuzz import fuzz, process

    aliases, printed, choices = index.aliases, index.printed, index.choices
    if not aliases:
        return []
    taken = [(m.start, m.end) for m in mentions]
    found: list[AliasSuggestion] = []
    used: list[tuple[int, int]] = []
    for run in name_runs(text):
        windows = [
            (run[i].start(), run[j].end())
            for size in range(min(MAX_WORDS, len(run)), 0, -1)
            for i in range(len(run) - size + 1)
            for j in [i + size - 1]
        ]
        for start, end in windows:
            words = text[start:end].rstrip(".")
            end = start + len(words)
            if len(words) < MIN_LENGTH or not words[0].isupper():
                continue
            if words in printed or any(s < end and start < e for s, e in taken + used):
                continue  # an alias left out on purpose ("Russia" as a modifier)
            normal = _normal(words)
            # Printed with other capitals or hyphens only ("Al-Nusra") scores 100.
            best = process.extractOne(normal, choices, scorer=fuzz.ratio, score_cutoff=MIN_SCORE)
            if best is None or not _another_spelling(normal, best[0]):
                continue
            alias_normal = best[0]
            alias, entity_id = aliases[alias_normal]
            found.append(AliasSuggestion(entity_id, alias, words, line, round(best[1], 1)))
            used.append((start, end))
    return found


def _another_spelling(normal: str, alias_normal: str) -> bool:
    """Not a derived word ("Syrian"), nor another word ("Minister" for "Ministry")."""
    import simplemma

    for longer, shorter in ((normal, alias_normal), (alias_normal, normal)):
        if longer.startswith(shorter) and longer[len(shorter) :] in _DERIVED:
            return False
    words, alias_words = normal.split(), alias_normal.split()
    if len(words) == len(alias_words):
        for word, alias_word in zip(words, alias_words, strict=True):
            if word != alias_word and simplemma.is_known(word, lang="en"):
                return False
    return True
