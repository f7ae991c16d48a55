"""Syndication: one statement carried verbatim, or nearly, by many articles.

A wire story reprinted by two hundred outlets is one statement two hundred times.
Scored as two hundred statements it gives each copy hundreds of `same` links (1,000
copies of five articles gave 850,000 links), and it makes every word of the story
look common: at 5,000 copies every term passed the informative ceiling and nothing
was linked at all. So copies are found before anything is weighed or scored, and a
group of copies counts as one statement: for the term statistics, the candidate index
and scoring. The other members get their representative's links, and the copies
themselves are shown as a group, by outlet, with a count.

Copies are statements whose terms are identical (reader/xref/terms.py: the same
lemmas and entities in the same order, the same numbers, dates and places): the same
sentence whatever its case, punctuation, quotation marks, spacing, inflections or the
spelling of its names. This is near-duplicate detection by normalised-text hashing,
linear in the corpus; a rewritten sentence is no copy and is scored as ever. Short
statements ("he said on Monday.") are alike by chance, so a statement needs
MIN_COPY_TERMS terms to be grouped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reader.model import Statement
from reader.xref.terms import StatementTerms

MIN_COPY_TERMS = 6
# A statement carried by a few outlets is shown as it always was: a `same` link to
# each copy (the score of identical terms: 100). Past this many copies, they are a
# group only (`CrossReference.copies_of`), never hundreds of links.
COPY_LINKS_UP_TO = 8
COPY_SCORE = 100.0


def copy_groups(
    terms: Sequence[StatementTerms], article_of: Sequence[int] | None = None
) -> list[int]:
    """For each statement, the statement representing its group of copies: the first
    of the group in corpus order (itself when it has no copy).

    A statement with MIN_COPY_TERMS distinct terms is a copy of another with the same
    terms. A shorter one is a copy only in context: with the statements around it in
    its article (`article_of`) the same too, as in a reprinted article.
    """
    first: dict[object, int] = {}
    return [
        number if key is None else first.setdefault(key, number)
        for number, key in enumerate(copy_keys(terms, article_of))
    ]


def copy_keys(
    terms: Sequence[StatementTerms], article_of: Sequence[int] | None = None
) -> list[object | None]:
    """For each statement, what its copies have equal (None: it has no copies).

    Copies share their keys' `terms` too, so a cluster (distributed.py) sends equal
    keys to one shard by a hash of the statement's terms; `article_of` needs only the
    statement's own article around it, never other articles."""
    keys: list[object | None] = []
    for number, statement in enumerate(terms):
        key: object | None = statement
        if len(set(statement.terms)) < MIN_COPY_TERMS:
            key = _in_context(terms, article_of, number)
        keys.append(key)
    return keys


def _in_context(terms, article_of, number: int):
    """A short statement with its neighbours in its article, or None when they do not
    make it long enough to tell apart."""
    if article_of is None:
        return None
    article = article_of[number]
    before = terms[number - 1] if number > 0 and article_of[number - 1] == article else None
    after = (
        terms[number + 1] if number + 1 < len(terms) and article_of[number + 1] == article else None
    )
    context = {t for s in (before, terms[number], after) if s is not None for t in s.terms}
    if len(context) < 2 * MIN_COPY_TERMS:
        return None
    return ("in context", before, terms[number], after)


@dataclass(frozen=True, slots=True)
class Copies:
    """The copies of a statement one outlet carried."""

    outlet: str
    statements: tuple[Statement, ...]

    @property
    def count(self) -> int:
        return len(self.statements)
