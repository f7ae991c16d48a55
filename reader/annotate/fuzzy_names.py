"""Spellings close to a catalogued alias: "Jabhat al Nusrah" for "Jabhat al-Nusra".

The format asks a name mention to be an exact alias, so a near spelling is never
annotated silently: it is reported in the article's notes, and becomes an alias (and
so a mention) only when the user asks for it (`reader import --learn-aliases`).
"""

from __future__ import annotations

import bisect
import re

from reader.annotate.draft import AliasSuggestion, DraftMention
from reader.language import NAME_PARTICLES, NearSpellings, catalogue_aliases, folded
from reader.model import Entity

MIN_LENGTH = 6
MAX_WORDS = 4
# A capitalised word, or a name particle that joins capitalised words.
_TOKEN = re.compile(r"[A-Z][\w'’.-]*|\b(?:" + "|".join(sorted(NAME_PARTICLES)) + r")\b")
_GAP = re.compile(r"^[ -]$")
# Endings that turn a name into another word: "Syrian", "Russians", "Kerry’s".
_DERIVED = ("n", "an", "ian", "ns", "ans", "ians", "s", "'s", "’s", "ese", "i", "is")


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
    """The catalogue's aliases, folded once for all the blocks of a page."""

    def __init__(self, entities: dict[str, Entity]):
        owners = catalogue_aliases(entities.values(), with_names=False)
        self.printed = set(owners)
        # Short aliases ("US", "Kerry") are near too many words to suggest spellings of.
        self.near = NearSpellings({a: e for a, e in owners.items() if len(a) >= MIN_LENGTH})


def suggest_aliases(
    text: str,
    line: int,
    mentions: list[DraftMention],
    index: AliasIndex,
) -> list[AliasSuggestion]:
    """Uncatalogued spellings in `text` that score high against one alias."""
    printed, near = index.printed, index.near
    if not near:
        return []
    # Mentions and suggestions so far, sorted and never overlapping one another, so
    # one bisection tells whether a window overlaps any (a scan made pages quadratic).
    taken = sorted((m.start, m.end) for m in mentions)
    found: list[AliasSuggestion] = []
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
            if words in printed or _overlaps(taken, start, end):
                continue  # an alias left out on purpose ("Russia" as a modifier)
            # Printed with other capitals or hyphens only ("Al-Nusra") scores 100.
            best = near.closest(words)
            if best is None or not _another_spelling(folded(words), folded(best.alias)):
                continue
            found.append(AliasSuggestion(best.entity_id, best.alias, words, line, best.score))
            bisect.insort(taken, (start, end))
    return found


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of `spans` (sorted, not overlapping)."""
    i = bisect.bisect_left(spans, (end,)) - 1  # the last span starting before `end`
    return i >= 0 and spans[i][1] > start


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
