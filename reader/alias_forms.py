"""Which printed forms a name mention's `exact` may take (docs/corpus-format.md).

A top-level module, not part of reader.language: the corpus loader uses it, and the
load cache's key covers the top-level modules a load runs (reader.corpus_cache).
"""

from __future__ import annotations

from collections.abc import Iterable


def printed_as_alias(printed: str, aliases: Iterable[str]) -> bool:
    """`printed` is one of `aliases`, or one set wholly in capitals ("MOSCOW" for
    "Moscow", as a dateline or a shouted line prints it)."""
    aliases = tuple(aliases)
    if printed in aliases:
        return True
    if not printed.isupper():
        return False
    folded = printed.casefold()
    return any(alias.casefold() == folded for alias in aliases)
