"""Which articles the article list shows, and in what order.

A filter is typed as one line, as in a mail client's search: free words must all be in
the article (title or text, any case), and `field:value` terms narrow further:

    outlet:tass  since:2016-09  until:2016-09-30  entity:lavrov  sort:outlet  truce

Dates may be a year, a month or a day (`since:2016-09` is from 1 September, `until:2016-09`
to its last day); an article with no date is left out once a date is asked for. An
entity is named by its id, its name or an alias, or a part of one ("nusra"). The index
folds case and the entity sets once, so that a query over ten thousand articles is a
scan of prepared strings, and it keeps the articles pre-sorted both ways.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from reader.model import Article, Entity

DATE, OUTLET = "date", "outlet"
SORTS = (DATE, OUTLET)
FIELDS = ("outlet", "since", "until", "entity", "sort")
_TERM = re.compile(r'(?:(\w+):)?(?:"([^"]*)"?|(\S*))')
_PARTIAL_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
# An article with no date sorts after every dated one.
_UNDATED = "9999"


class FilterError(ValueError):
    """A query that cannot be read: the message says which term and how to write it."""


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    """What the list shows. Empty fields do not narrow."""

    words: tuple[str, ...] = ()  # each must be in the title or text (case folded)
    outlet: str = ""  # part of the outlet's name, case folded
    since: str = ""  # a partial ISO date, inclusive
    until: str = ""  # a partial ISO date, inclusive
    entities: frozenset[str] = frozenset()  # ids: the article mentions one of them
    entity: str = ""  # the entity as typed, for messages
    sort: str = DATE

    @property
    def narrows(self) -> bool:
        return bool(self.words or self.outlet or self.since or self.until or self.entity)


def parse_filter(query: str, entities: Mapping[str, Entity]) -> ArticleFilter:
    """The filter a typed line asks for; FilterError says what is wrong with it."""
    found = ArticleFilter()
    words: list[str] = []
    for match in _TERM.finditer(query):
        if not match.group():
            continue
        name, quoted, bare = match.group(1), match.group(2), match.group(3)
        value = quoted if quoted is not None else bare
        if name is None or name.lower() not in FIELDS:
            # "http://x" or "10:30" is a word, not a field.
            words.append(match.group().strip('"') if name is None else match.group())
            continue
        name = name.lower()
        if not value:
            continue  # "outlet:" with its value still to be typed narrows nothing yet
        if name == "outlet":
            found = replace(found, outlet=value.casefold())
        elif name in ("since", "until"):
            if not _PARTIAL_DATE.fullmatch(value):
                raise FilterError(
                    f"{name}:{value}: not a date; write a year, a month or a day, "
                    f"as in {name}:2016-09"
                )
            found = replace(found, since=value) if name == "since" else replace(found, until=value)
        elif name == "entity":
            ids = match_entities(value, entities)
            if not ids:
                raise FilterError(
                    f"entity:{value}: no entity has that id, name or alias in the catalogue"
                )
            found = replace(found, entities=ids, entity=value)
        else:
            if value.lower() not in SORTS:
                raise FilterError(f"sort:{value}: sort by {' or '.join(SORTS)}")
            found = replace(found, sort=value.lower())
    words = [w.casefold() for w in words if w.strip()]
    return replace(found, words=tuple(words))


def match_entities(value: str, entities: Mapping[str, Entity]) -> frozenset[str]:
    """The entities `value` names: by id or exact name or alias when one does, else
    every entity with a name or alias containing it (all case folded)."""
    wanted = value.casefold()
    if value in entities:
        return frozenset({value})
    exact, partial = set(), set()
    for entity in entities.values():
        names = [n.casefold() for n in (entity.id, entity.name, *entity.aliases)]
        if wanted in names:
            exact.add(entity.id)
        elif any(wanted in n for n in names):
            partial.add(entity.id)
    return frozenset(exact or partial)


class ArticleIndex:
    """The corpus's articles, prepared for filtering and sorted both ways."""

    def __init__(self, articles: Iterable[Article]):
        self.articles: tuple[Article, ...] = tuple(articles)
        # The folded texts are most of the work and only words need them: made on the
        # first query with words.
        self._text: list[str] | None = None
        self._outlet = [a.outlet_label.casefold() for a in self.articles]
        self._entities = [frozenset(m.entity_id for m in a.mentions) for a in self.articles]
        by_date = sorted(
            range(len(self.articles)),
            key=lambda i: (self.articles[i].date or _UNDATED, self.articles[i].id),
        )
        by_outlet = sorted(
            range(len(self.articles)),
            key=lambda i: (
                self._outlet[i],
                self.articles[i].date or _UNDATED,
                self.articles[i].id,
            ),
        )
        self._order = {DATE: by_date, OUTLET: by_outlet}
        self._last: tuple[ArticleFilter | None, frozenset[int]] = (None, frozenset())

    def select(self, wanted: ArticleFilter) -> list[Article]:
        """The articles `wanted` lets through, in its order."""
        order = self._order[wanted.sort]
        if not wanted.narrows:
            return [self.articles[i] for i in order]
        last_filter, last_found = self._last
        if last_filter is not None and _refines(wanted, last_filter):
            # Typing one more letter only narrows: look again at what passed the last
            # time, not at the whole corpus.
            order = [i for i in order if i in last_found]
        if wanted.words and self._text is None:
            self._text = [f"{a.title}\n{a.text}".casefold() for a in self.articles]
        found = [i for i in order if self._passes(i, wanted)]
        self._last = (wanted, frozenset(found))
        return [self.articles[i] for i in found]

    def _passes(self, i: int, wanted: ArticleFilter) -> bool:
        if wanted.outlet and wanted.outlet not in self._outlet[i]:
            return False
        if wanted.since or wanted.until:
            date = self.articles[i].date
            if date is None:
                return False
            if wanted.since and date[: len(wanted.since)] < wanted.since:
                return False
            if wanted.until and date[: len(wanted.until)] > wanted.until:
                return False
        if wanted.entities and wanted.entities.isdisjoint(self._entities[i]):
            return False
        if not wanted.words:
            return True
        assert self._text is not None
        text = self._text[i]
        return all(word in text for word in wanted.words)


def _refines(new: ArticleFilter, old: ArticleFilter) -> bool:
    """Whether every article `new` lets through passes `old` too."""
    return (
        old.outlet in new.outlet
        and (new.since, new.until, new.entities) == (old.since, old.until, old.entities)
        and all(any(word in longer for longer in new.words) for word in old.words)
    )


def describe(wanted: ArticleFilter, shown: int, total: int) -> str:
    """One line for the list's title: how many articles, and what narrowed them."""
    parts = []
    if wanted.outlet:
        parts.append(f"outlet {wanted.outlet}")
    if wanted.since or wanted.until:
        parts.append(f"{wanted.since or '…'} to {wanted.until or '…'}")
    if wanted.entity:
        parts.append(f"entity {wanted.entity}")
    if wanted.words:
        parts.append(" ".join(f'"{w}"' for w in wanted.words))
    count = f"{shown} of {total}" if wanted.narrows else f"{total}"
    label = "article" if total == 1 else "articles"
    head = f"{count} {label} by {wanted.sort}"
    return head + (": " + ", ".join(parts) if parts else "")
