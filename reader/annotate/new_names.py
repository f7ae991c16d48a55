"""Names the catalogue does not have, found by the words around them.

Rule-based, because no statistical model can be downloaded here, and because news
writing marks names plainly: a person is introduced by a title or role ("Syrian
opposition leader Riyad Hijab", "Ethiopian counterpart Tedros Adhanom", "spokeswoman
Maria Zakharova"); an organisation, government body or armed group ends in the noun
that says what it is ("Foreign Ministry", "Syrian Observatory for Human Rights",
"Nour al-Din al-Zenki Brigade", "Jaish al-Fatah", "the Ahrar al-Sham group"); a
place follows "in", "near", "outside" or "the city of". The type comes from that cue.
Each found name is one candidate; reader.annotate.name_clusters groups the
candidates of a whole collection by spelling.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.annotate.capitals import CAPITAL_COUNTRIES
from reader.annotate.mentions import CAPS_RUN, DATELINE_END, mostly_capitals
from reader.language import MONTHS, NAME_PARTICLES, WEEKDAYS
from reader.model import EntityType

# The language module's particles, and the assimilated forms of "al" transliterations
# print ("Deir ez-Zor", "Abd ul-"), and the Italian and Dutch ones.
_PARTICLES = sorted(NAME_PARTICLES | {"an", "ez", "es", "ed", "ul", "da", "di", "der"})
_PARTICLE = "(?:" + "|".join(_PARTICLES + ["Abu"]) + ")"
_WORD = r"[A-Z][a-z’'A-Z]*(?:-[A-Z]?[a-z’']+)*"
_LINKED = rf"(?:{_PARTICLE}[- ])?{_WORD}"
# Two to four capitalised words, particles allowed inside ("Nour al-Din al-Zenki").
PERSON_NAME = rf"{_WORD}(?:[ ](?:{_LINKED})){{1,3}}"
ROLE_WORDS = (
    "leader|counterpart|spokesman|spokeswoman|spokesperson|envoy|minister|Minister|"
    "President|president|Secretary|secretary|chief|commander|Commander|ambassador|"
    "Ambassador|official|diplomat|General|general|Mr\\.?|Mrs\\.?|Ms\\.?|Dr\\.?|King|Prince|"
    "Sheikh|mayor|Mayor|governor|Governor|Chancellor|chancellor|Premier|premier|"
    "negotiator|director|Director|head|analyst|professor|Professor|correspondent|"
    "Colonel|colonel|Col\\.|Gen\\.|Lt\\.|Major|Senator|senator|Sen\\.|Rep\\.|activist|"
    "cleric|Emir|emir|representative|Representative|adviser|advisor|deputy|Deputy|"
    "Speaker|speaker|chairman|Chairman|chairwoman|coordinator|mediator|monitor|lawmaker"
)
ROLE = re.compile(ROLE_WORDS)
# The cue of a place found as a wire dateline set in capitals ("BEIRUT, Sept 30 -").
DATELINE_CUE = "a dateline"
PERSON = re.compile(
    rf"\b(?P<cue>(?:{ROLE_WORDS})(?: of [A-Z][a-z]+| General)?)[ ,]+"
    rf"(?P<name>{PERSON_NAME})(?![\w-])"
)
HONORIFIC = re.compile(rf"\b(?P<name>(?:Mr|Mrs|Ms|Dr)\.? {_WORD})(?![\w-])")
BODY_HEADS = {
    EntityType.GOVERNMENT_BODY: "Ministry|Ministries|Department|Parliament|Senate|Congress|"
    "Cabinet|Government|Duma|Kremlin|Presidency|Embassy|Council of Ministers",
    EntityType.ORGANISATION: "Council|Committee|Organisation|Organization|Agency|Institute|"
    "Union|League|Party|Commission|Foundation|Bank|Fund|Association|Society|Alliance|"
    "Coalition|Crescent|Cross|Observatory|Nations|Network|Centre|Center|Coalition",
    EntityType.ARMED_GROUP: "Front|Brigade|Brigades|Movement|Militia|Militias|Battalion|"
    "Legion|Guard|Guards|Forces|Army",
}
_BODY_WORDS = rf"(?:{_WORD}|{_PARTICLE}-{_WORD}|for|of|the|and)"
# "Syrian Observatory for Human Rights", "Ministry of Foreign Affairs": what it is for.
_OF_WHAT = rf"(?:[ ](?:for|of)(?:[ ]the)?(?:[ ](?:{_WORD}|and)){{1,3}}(?<!and))?"
BODY = {
    kind: re.compile(
        rf"(?<![\w-])(?P<name>(?:{_WORD}(?:[ ]{_BODY_WORDS}){{0,5}}?[ ])?(?:{heads}){_OF_WHAT})"
        r"(?![\w-])"
    )
    for kind, heads in BODY_HEADS.items()
}
# Arabic names of armed groups open with the word for what they are.
GROUP_OPENERS = re.compile(
    rf"(?<![\w-])(?P<name>(?:Jabhat|Jaish|Jaysh|Harakat|Liwa|Ahrar|Hayat|Hay'at|Kataib|"
    rf"Faylaq|Ansar|Jund|Tahrir)(?:[ ](?:{_LINKED})){{1,3}})(?![\w-])"
)
GROUP_AFTER = re.compile(rf"\bthe (?P<name>{_WORD}(?:[ ](?:{_LINKED})){{0,3}}) (?:group|militia)\b")
PLACE = re.compile(
    rf"\b(?P<cue>in|near|outside|around|the city of|the town of|the province of|"
    rf"province of|district of|village of)[ ](?P<name>{_WORD}(?:[ ](?:{_LINKED})){{0,2}})"
    r"(?![\w-])"
)
NOT_NAMES = frozenset(
    set(MONTHS)
    | {month[:3] for month in MONTHS}
    | {"Sept"}
    | set(WEEKDAYS)
    | set("The This That These Those It He She They We I A An In On At But And Or If".split())
)
# Words a person's name does not hold ("Foreign Minister", "Syrian President").
NOT_IN_PERSON_NAMES = frozenset(
    "Foreign Defence Defense Interior State Prime Russian American Syrian US U.S. UN".split()
)
DEMONYM = re.compile(r"(?:ian|ese|ish)$")
# Words that may stand first in a name but, alone before the head, make no name.
GENERIC_OPENERS = frozenset("The A An Its Their His Her Our Both Each Some Several".split())


@dataclass(frozen=True)
class NameCandidate:
    text: str  # as printed
    start: int  # in the block's text
    end: int
    type: EntityType
    cue: str  # the words that gave the type, for the notes
    same_as: str | None = None  # the full name an acronym was defined for


COUNTRIES = frozenset(name for names in CAPITAL_COUNTRIES.values() for name in names) | {
    "United States",
    "Russia",
    "Syria",
    "Turkey",
    "Switzerland",
    "Lebanon",
    "Yemen",
}
COUNTRY = re.compile(
    r"(?<![\w-])(?:" + "|".join(sorted(map(re.escape, COUNTRIES), key=len, reverse=True)) + r")"
    r"(?![\w-])"
)
# Acronyms: "ISSG", "U.S."; a few that are not names are left out.
ACRONYM = re.compile(r"(?<![\w.-])(?:(?:[A-Z]\.){2,4}|[A-Z]{2,6}(?![a-z]))(?![\w])")
NOT_ACRONYMS = frozenset("TV AM PM OK CEO GMT UTC BBC-TV AP-TV PDF FAQ RSS".split())
# "US officials", "US-led", "U.S. Secretary of State": an acronym standing for a country.
COUNTRY_USE = re.compile(
    r"^(?:-led|-backed|-brokered|\s+(?:Secretary|President|officials?|forces|government|"
    r"military|side|partners|administration|envoy|diplomats?|troops|State Department|"
    r"Defense|Defence|Army|Navy|Air Force|Congress|Senate|citizens|allies))\b"
)
DEFINED = re.compile(rf"(?P<full>{_WORD}(?:[ ]{_BODY_WORDS}){{1,6}}) \((?P<short>[A-Z]{{2,6}})\)")


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[0].isupper())


def find_new_names(text: str, taken: list[tuple[int, int]]) -> list[NameCandidate]:
    """Candidate names in a block's `text`, outside the spans already `taken`."""
    found: list[NameCandidate] = []

    def add(start: int, end: int, kind: EntityType, cue: str, same_as: str | None = None) -> None:
        name = text[start:end]
        possessive = re.search(r"[’']s?$", name)
        if possessive:  # "John Kerry’s": the name is "John Kerry"
            end -= len(possessive.group())
            name = text[start:end]
        opening = re.match(r"\w+ of (?:the )?", name)
        if opening and (start == 0 or text[:start].rstrip().endswith((".", ":"))):
            start += opening.end()  # "Fighters of the Nour al-Din al-Zenki Brigade"
            name = text[start:end]
        while name.split(" ", 1)[0] in GENERIC_OPENERS and " " in name:
            start += len(name.split(" ", 1)[0]) + 1
            name = text[start:end]
        words = name.split()
        if not words or words[0] in NOT_NAMES or words[-1] in NOT_NAMES:
            return
        if kind is EntityType.PERSON and any(
            ROLE.fullmatch(w) or w in NOT_NAMES or w in NOT_IN_PERSON_NAMES
            for w in (words[1:] if cue == "honorific" else words)
        ):
            return  # "Deputy Prime Minister": a title, not a name
        if any(s < end and start < e for s, e in taken):
            return
        if any(s < end and start < e for s, e in ((c.start, c.end) for c in found)):
            return
        found.append(NameCandidate(name, start, end, kind, cue, same_as))

    for match in PERSON.finditer(text):
        add(match.start("name"), match.end("name"), EntityType.PERSON, match.group("cue"))
    for match in HONORIFIC.finditer(text):
        add(match.start("name"), match.end("name"), EntityType.PERSON, "honorific")
    for match in GROUP_OPENERS.finditer(text):
        add(match.start("name"), match.end("name"), EntityType.ARMED_GROUP, match.group("name"))
    for match in GROUP_AFTER.finditer(text):
        add(match.start("name"), match.end("name"), EntityType.ARMED_GROUP, "group")
    for kind, pattern in BODY.items():
        for match in pattern.finditer(text):
            name = match.group("name")
            if len(name.split()) < 2:
                continue
            add(match.start("name"), match.end("name"), kind, name.split()[-1])
    for match in DEFINED.finditer(text):
        full, short = match.group("full"), match.group("short")
        while full.split(" ", 1)[0] in GENERIC_OPENERS and " " in full:
            full = full.split(" ", 1)[1]
        if _initials(full) == short:  # "International Syria Support Group (ISSG)"
            kind = next(
                (k for k, heads in BODY_HEADS.items() if re.search(rf"\b(?:{heads})$", full)),
                EntityType.ORGANISATION,
            )
            start = match.end("full") - len(full)
            add(start, match.end("full"), kind, "(" + short + ")")
            add(match.start("short"), match.end("short"), kind, full, same_as=full)
    dateline = CAPS_RUN.match(text)
    if dateline and DATELINE_END.match(text, dateline.end()):
        # "BEIRUT, September 17 (...)", "NEW YORK -": a dateline's place, set in capitals
        add(dateline.start(), dateline.end(), EntityType.PLACE, DATELINE_CUE)
    shouting = mostly_capitals(text)
    for match in COUNTRY.finditer(text):
        if shouting and match.group().isupper():
            continue  # "TELLS US TO STOP": a word in a line set in capitals
        add(match.start(), match.end(), EntityType.PLACE, "a country's name")
    if not shouting:
        for match in ACRONYM.finditer(text):
            if match.group() in NOT_ACRONYMS or match.group() in NOT_NAMES:
                continue
            following = text[match.end() : match.end() + 30]
            kind = EntityType.PLACE if COUNTRY_USE.match(following) else EntityType.ORGANISATION
            add(match.start(), match.end(), kind, "an acronym")
    for match in PLACE.finditer(text):
        name = match.group("name")
        if name in CAPITAL_COUNTRIES or DEMONYM.search(name):
            continue  # capitals are metonyms' business (mentions.py); "in Russian hands"
        add(match.start("name"), match.end("name"), EntityType.PLACE, match.group("cue"))
    return sorted(found, key=lambda c: c.start)


def surname_spans(text: str, surname: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Where a found person's surname stands alone later in the article ("Hijab said")."""
    spans = []
    for match in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text):
        if not any(s < match.end() and match.start() < e for s, e in taken):
            spans.append((match.start(), match.end()))
    return spans
