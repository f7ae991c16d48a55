"""Entity mentions: every catalogued alias in the body, and capitals as metonyms.

Aliases are printed forms, so they are matched case-sensitively, at word boundaries,
longest first, without overlaps, following the catalogue's rules (entities.yaml of the
bundled corpus states them):

- a printed name is a mention wherever it stands, also as a modifier or inside a
  hyphenated compound ("US weapons", "US-led", "US-Russia"), except inside a longer
  catalogued name (longest match first sees to that);
- a name glued by a hyphen to a name particle ("Al-Nusra") is another spelling of a
  name, not the shorter alias ("Nusra"): it is left to the near-spelling check;
- a capital standing for its government ("Moscow expects", "support from
  Washington", both halves of "Moscow-Washington brokered") is a metonym of its
  country; a capital named as a place ("in Amman", the dateline "Moscow, SANA -") is
  the city when the catalogue has it;
- a name set in capitals (the dateline "MOSCOW -", a shouted line "RUSSIA WARNS") is
  the alias it spells, case aside, when that alias is not itself capitals (those match
  as printed: "UN", "ISIS") and is longer than three letters ("US" in "TELL US").
"""

from __future__ import annotations

import re

from reader.annotate.capitals import CAPITAL_COUNTRIES
from reader.annotate.draft import DraftMention
from reader.language import AliasMatcher, catalogue_aliases, is_name_particle
from reader.model import Entity, EntityType, MentionKind

HYPHENS = "-\u2010\u2011"
# Capitalised words that may open a sentence before a capital ("In Washington, ...").
_SENTENCE_WORDS = frozenset(
    "In At From To By And But For On With As After Before Meanwhile While When If "
    "The Both Then Also Yet So Still Even Now Today Only".split()
)
LOCATIVE = re.compile(
    r"(?:\b(?:in|at|to|into|near|outside|around|across|visit(?:ed|ing|s)? to"
    r"|arrived in|held in|based in|trip to|talks in)\s+)$"
)


# A run of words in capitals: "MOSCOW", "UNITED NATIONS", "DEIR EZ-ZOR".
_CAPS_WORD = r"[A-Z][A-Z\u2019'.-]*[A-Z]"
CAPS_RUN = re.compile(rf"(?<![\w-]){_CAPS_WORD}(?:[ ]{_CAPS_WORD})*(?![\w-])")


# What follows a dateline's place at the start of a paragraph: "Moscow, SANA -",
# "BEIRUT (Agency) -", "MOSCOW - Russian ...".
DATELINE_END = re.compile(r"\s*(?:[,(]|[-\u2013\u2014]\s)")


class MentionFinder:
    """Finds the mentions of one catalogue's entities in block texts."""

    def __init__(self, entities: dict[str, Entity]):
        self.entities = entities
        # The printed forms are the aliases: the catalogue's canonical name is not one
        # unless it is listed among them.
        aliases = catalogue_aliases(entities.values(), with_names=False)
        self.owner = {alias: entities[entity_id] for alias, entity_id in aliases.items()}
        self.capitals = self._capital_targets(entities, self.owner)
        forms = {capital: country.id for capital, country in self.capitals.items()}
        self.matcher = AliasMatcher(forms | aliases)
        # the case-folded aliases a name in capitals may spell (see the module's rules)
        self.in_capitals = {
            form.casefold(): form
            for form in (*aliases, *forms)
            if len(form) > 3 and not form.isupper()
        }

    @staticmethod
    def _capital_targets(
        entities: dict[str, Entity], owners: dict[str, Entity]
    ) -> dict[str, Entity]:
        """Capital -> the catalogued country it can stand for."""
        places = [e for e in entities.values() if e.type is EntityType.PLACE]
        targets = {}
        for capital, country_names in CAPITAL_COUNTRIES.items():
            for entity in places:
                if entity.name in country_names or set(entity.aliases) & set(country_names):
                    if owners.get(capital) is not entity:
                        targets[capital] = entity
                    break
        return targets

    def find(self, text: str) -> list[DraftMention]:
        mentions = []
        shouting = mostly_capitals(text)
        found = [(m.alias, m.span.start, m.span.end) for m in self.matcher.find(text)]
        found += self._in_capitals(text, [(s, e) for _, s, e in found])
        for name, start, end in sorted(found, key=lambda f: f[1]):
            if shouting and name.isupper() and len(name) <= 3:
                continue  # "US" in "TELL US" is a word, not a name
            if _after_name_particle(text, start):
                continue
            mention = self._mention(text, name, start, end)
            if mention is not None:
                mentions.append(mention)
        return mentions

    def _in_capitals(self, text: str, taken: list[tuple[int, int]]) -> list[tuple[str, int, int]]:
        """(alias, start, end) of the aliases spelt in capitals, outside `taken`: the
        longest run of words first ("UNITED NATIONS" before "NATIONS")."""
        found: list[tuple[str, int, int]] = []
        if not self.in_capitals:
            return found
        for run in CAPS_RUN.finditer(text):
            words = list(re.finditer(r"\S+", run.group()))
            for size in range(len(words), 0, -1):
                for i in range(len(words) - size + 1):
                    start = run.start() + words[i].start()
                    end = run.start() + words[i + size - 1].end()
                    alias = self.in_capitals.get(text[start:end].casefold())
                    if alias is None or any(s < end and start < e for s, e in taken):
                        continue
                    found.append((alias, start, end))
                    taken = [*taken, (start, end)]
        return found

    def _mention(self, text: str, name: str, start: int, end: int) -> DraftMention | None:
        owner = self.owner.get(name)
        country = self.capitals.get(name)
        if country is not None and _stands_for_government(text, start, end):
            return DraftMention(country.id, start, end, MentionKind.METONYM)
        if owner is None:
            return None
        return DraftMention(owner.id, start, end)


# How far around a name its context is read (a few words are all the rules look at).
_WINDOW = 80


def mostly_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 8 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _after_name_particle(text: str, start: int) -> bool:
    """ "Al-Nusra": a spelling of its own, not the alias "Nusra" after a hyphen."""
    if start == 0 or text[start - 1] not in HYPHENS:
        return False
    # only the few characters before count: a search over text[:start] for every
    # name would make a long page quadratic
    window = text[max(0, start - _WINDOW) : start]
    before = re.search(r"(\w+)[" + HYPHENS + r"]$", window)
    return before is not None and is_name_particle(before.group(1))


def _stands_for_government(text: str, start: int, end: int) -> bool:
    """A capital used for its government, not named as a place."""
    # the words around the name decide; windows keep a long page linear
    before = text[max(0, start - _WINDOW) : start]
    if LOCATIVE.search(before[-30:]):
        return False
    following = text[end : end + _WINDOW]
    if re.match(r"\s+[A-Z]", following) and not re.match(r"\s+(?:and|or)\b", following):
        return False  # part of a longer name ("Washington Post") or a dateline
    if start == 0 or re.search(r"[\n]\s*$", before):
        if DATELINE_END.match(following):
            return False  # "Moscow, SANA -", "MOSCOW -": the dateline's place
    previous = re.search(r"(\w+)\s+$", before)
    if previous and previous.group(1)[0].isupper() and previous.group(1) not in _SENTENCE_WORDS:
        return False  # "George Washington", "New Moscow"
    return True
