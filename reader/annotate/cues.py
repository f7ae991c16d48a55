"""Attribution cues ("said", "according to") and who they attribute words to.

The speaker of a cue is its subject when that is certain: a catalogued name right
before the verb ("Kremlin spokesman Dmitry Peskov stated"), after it in an inverted
attribution ("said Lavrov", "according to Lavrov"), or a pronoun or role ("he said",
"the Russian minister emphasized", "the statement concludes") resolved to the person
or body most recently in subject position. Anything less certain gives no speaker.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from dataclasses import dataclass, field

from reader.annotate.draft import DraftBlock, DraftMention
from reader.annotate.quotemarks import Quotation, find_quotations, masked
from reader.language import reporting_forms, sentence_spans
from reader.model import Entity, EntityType

# Every printed form of a reporting verb (reader.language.reporting), phrases first.
CUE = re.compile(
    r"\b(?:" + "|".join(sorted(reporting_forms(), key=lambda f: -len(f.split()))) + r")\b"
)
# Verbs whose report is a "to" clause: "called on the US to honor", "threatened to halt".
TO_VERBS = frozenset(
    form
    for form in reporting_forms(
        "call", "urge", "ask", "advise", "tell", "threaten", "promise", "vow", "pledge", "demand"
    )
    if not form.endswith(" for")  # "called for" takes a noun
)
SAY_VERBS = frozenset({"said", "says", "say"})
PERSON_TYPES = frozenset({EntityType.PERSON})
BODY_TYPES = frozenset({EntityType.GOVERNMENT_BODY, EntityType.ORGANISATION})
SPEAKER_TYPES = PERSON_TYPES | BODY_TYPES | {EntityType.ARMED_GROUP, EntityType.MEDIA_OUTLET}
PERSON_ROLES = (
    r"minister|diplomat|spokesman|spokeswoman|spokesperson|president|envoy|ambassador"
    r"|official|secretary|chief|leader|commander|premier|counterpart|politician|lawmaker"
    r"|senator|general|representative|deputy|chairman|chairwoman|head|prime minister"
)
BODY_ROLES = (
    r"statement|ministry|readout|report|release|communiqu[eé]|document|department"
    r"|government|office|account|embassy|committee|council|agency|kremlin|white house"
)
_DETERMINER = r"(?:the|this|that|its|his|her|their|our|[A-Z][\w-]*['’]s)"
ROLE_BEFORE = re.compile(
    rf"\b{_DETERMINER}\s+(?:[\w-]+\s+){{0,3}}(?P<head>{PERSON_ROLES}|{BODY_ROLES})$", re.I
)
ROLE_AFTER = re.compile(
    rf"^\s*{_DETERMINER}\s+(?:[\w-]+\s+){{0,3}}?(?P<head>{PERSON_ROLES}|{BODY_ROLES})\b", re.I
)
_GAP = re.compile(
    r"(?:[\s,]+|\b(?:also|again|further|later|then|still|already|once|repeatedly"
    r"|reportedly|has|have|had|is|was|will|would|earlier|previously|recently|however"
    r"|too|in turn|personally|separately|similarly|moreover|meanwhile|only|just"
    r"|explicitly|publicly|firmly|strongly|clearly)\b)*$"
)
_RELATIVE = re.compile(r",\s*(?:who|which|whose)\b[^,]*,\s*$")
_ASIDE = re.compile(r",\s*(?:[a-z][^,]*|for (?:his|her|its|their) part),\s*$")
_PREPOSITION = re.compile(
    r"\b(?:to|in|at|from|with|of|for|on|into|near|via|across|over|against|towards?"
    r"|during|after|before|between|among)\s+(?:the\s+)?$"
)
_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being|the)\s+$")


@dataclass
class Cue:
    block: int  # index among body blocks
    start: int
    end: int
    verb: str
    sentence: tuple[int, int]
    speaker: str | None = None
    subject: tuple[int, int] | None = None  # the words naming the speaker
    inverted: bool = False  # the subject follows: "according to X", "said Lavrov"

    @property
    def participle(self) -> bool:
        return self.verb.split()[0].endswith("ing")


@dataclass
class BlockView:
    """One body block with what the quote annotators need to read it."""

    index: int
    block: DraftBlock
    quotations: list[Quotation]
    masked: str
    sentences: list[tuple[int, int]]
    mentions: list[DraftMention]  # outside quotations, in order
    cues: list[Cue] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.block.text

    def sentence_at(self, offset: int) -> tuple[int, int]:
        # sentences are in order and do not overlap: the one starting last at or
        # before `offset` is the only one that can hold it (a bisection, not a scan,
        # so a page of thousands of sentences is read in linear time)
        i = bisect.bisect_right(self.sentences, (offset, math.inf)) - 1
        if i >= 0 and offset < self.sentences[i][1]:
            return self.sentences[i]
        return self.sentences[-1] if self.sentences else (0, len(self.text))

    def cues_from(self, start: int) -> list[Cue]:
        """The cues starting at or after `start`, in order (cues are found in order)."""
        return self.cues[bisect.bisect_left(self.cues, start, key=_start) :]

    def primary_opening_in(self, start: int, end: int) -> list[Quotation]:
        """The quotations (not nested ones) whose opening mark is in [start, end)."""
        opens = self._primary_opens
        low = bisect.bisect_left(opens, start, key=_first_item)
        high = bisect.bisect_left(opens, end, key=_first_item)
        return [q for _, q in opens[low:high]]

    @functools.cached_property
    def _primary_opens(self) -> list[tuple[int, Quotation]]:
        return sorted(((q.open, q) for q in self.quotations if not q.nested), key=_first_item)

    def mentions_from(self, start: int) -> list[DraftMention]:
        """The mentions starting at or after `start`, in order."""
        return self.mentions[bisect.bisect_left(self.mentions, start, key=_start) :]

    def mentions_before(self, end: int) -> list[DraftMention]:
        """The mentions starting before `end`, in order."""
        return self.mentions[: bisect.bisect_left(self.mentions, end, key=_start)]


def _start(item: DraftMention | Cue) -> int:
    return item.start


def _first_item(pair: tuple) -> int:
    return pair[0]


def _outside(mentions: list[DraftMention], quotations: list[Quotation]) -> list[DraftMention]:
    """The mentions that start outside every one of `quotations` (which do not overlap)."""
    spans = sorted((q.start, q.end) for q in quotations)
    starts = [start for start, _ in spans]
    outside = []
    for mention in mentions:
        i = bisect.bisect_right(starts, mention.start) - 1
        if i < 0 or mention.start >= spans[i][1]:
            outside.append(mention)
    return outside


def block_view(index: int, block: DraftBlock) -> BlockView:
    quotations = find_quotations(block.text)
    text = masked(block.text, quotations)
    primary = [q for q in quotations if not q.nested]
    outside = _outside(block.mentions, primary)
    sentences = [(s.start, s.end) for s in sentence_spans(text)]
    return BlockView(
        index, block, quotations, text, sentences, sorted(outside, key=lambda m: m.start)
    )


@dataclass
class Salience:
    """Who is in subject position most recently: what "he" or "the statement" means."""

    entities: dict[str, Entity]
    person: str | None = None
    body: str | None = None

    def type_of(self, entity_id: str) -> EntityType | None:
        entity = self.entities.get(entity_id)
        return entity.type if entity else None

    def note(self, entity_id: str | None) -> None:
        kind = self.type_of(entity_id) if entity_id else None
        if kind in PERSON_TYPES:
            self.person = entity_id
        elif kind in BODY_TYPES:
            self.body = entity_id

    def for_role(self, head: str) -> str | None:
        if re.fullmatch(PERSON_ROLES, head, re.I):
            return self.person
        return self.body


def find_cues(views: list[BlockView], entities: dict[str, Entity]) -> None:
    """Fill each view's cues, resolving speakers in reading order."""
    salience = Salience(entities)
    for view in views:
        for sentence in view.sentences:
            events: list[tuple[int, DraftMention | Cue]] = []
            first_person = _first(view, sentence, PERSON_TYPES, entities)
            first_body = _first(view, sentence, BODY_TYPES, entities)
            for mention in (first_person, first_body):
                if mention is not None:
                    events.append((mention.start, mention))
            for match in CUE.finditer(view.masked, sentence[0], sentence[1]):
                if _PASSIVE.search(view.masked[max(0, match.start() - 8) : match.start()]):
                    continue  # "which are said to be moderate", "the said agreement"
                cue = Cue(view.index, match.start(), match.end(), match.group(), sentence)
                events.append((match.start(), cue))
            previous: Cue | None = None
            for _, event in sorted(events, key=lambda e: e[0]):
                if isinstance(event, DraftMention):
                    salience.note(event.entity)
                    continue
                cue = event
                _resolve(view, cue, previous, salience)
                if cue.speaker:
                    salience.note(cue.speaker)
                view.cues.append(cue)
                if not cue.participle:
                    previous = cue


def _first(view, sentence, types, entities) -> DraftMention | None:
    for mention in view.mentions_from(sentence[0]):
        if mention.start >= sentence[1]:
            break
        if sentence[0] <= mention.start < sentence[1]:
            entity = entities.get(mention.entity)
            if entity and entity.type in types:
                return mention
    return None


def _resolve(view: BlockView, cue: Cue, previous: Cue | None, salience: Salience) -> None:
    if cue.verb.lower() == "according to":
        cue.inverted = True
        cue.speaker, cue.subject = subject_after(view, cue.end, cue.sentence[1], salience)
        return
    if cue.participle and previous is not None and previous.speaker:
        cue.speaker, cue.subject = previous.speaker, previous.subject
        return
    if cue.participle:
        # "..., saying": the sentence's subject speaks, not the noun before the comma
        cue.speaker, cue.subject = sentence_subject(view, cue.sentence[0], cue.start, salience)
        return
    if not re.search(r"[^\W\d_]", view.masked[cue.sentence[0] : cue.start]):
        # nothing but a quotation before it: `"...," said Lavrov`, or a block that
        # carries on the one before: `reports the Russian Foreign Ministry account`
        cue.inverted = True
        cue.speaker, cue.subject = subject_after(view, cue.end, cue.sentence[1], salience)
        return
    cue.speaker, cue.subject = subject_before(view, cue.sentence[0], cue.start, salience)


def sentence_subject(view: BlockView, start: int, end: int, salience: Salience):
    """The subject opening a sentence ("The minister also criticised ..., saying")."""
    region = view.masked[start:end]
    opening = re.match(r"\s*(?:[A-Z][\w-]*\s+){0,4}", region)
    opening_end = opening.end() if opening else 0
    for mention in view.mentions:
        if start <= mention.start < end:
            if (
                mention.start - start <= opening_end
                and salience.type_of(mention.entity) in SPEAKER_TYPES
            ):
                return mention.entity, (mention.start, mention.end)
            break
    pronoun = re.match(r"\s*(He|She)\b", region)
    if pronoun:
        return salience.person, (start + pronoun.start(1), start + pronoun.end())
    role = ROLE_AFTER.match(region)
    if role and re.match(r"\s*(?:the|The)\b", region):
        return salience.for_role(role.group("head")), (start + role.start(), start + role.end())
    return None, None


def subject_before(
    view: BlockView, start: int, end: int, salience: Salience
) -> tuple[str | None, tuple[int, int] | None]:
    """The speaker named right before `end` (a cue), looking no further back than `start`."""
    region = view.masked[start:end]
    relative = _RELATIVE.search(region)
    if relative:
        region = region[: relative.start()]
    gap = _GAP.search(region)
    region = region[: gap.start()] if gap else region
    found = _adjacent_mention(view, start, region, salience)
    if found is None:
        # "Lavrov, speaking during a visit to Greece, said": skip the aside
        aside = _ASIDE.search(region + ",")
        if aside:
            found = _adjacent_mention(view, start, region[: aside.start()], salience)
    if found is not None:
        return found
    stop = start + len(region)
    pronoun = re.search(r"\b(he|she|it)$", region, re.I)
    if pronoun:
        who = salience.person if pronoun.group(1).lower() != "it" else salience.body
        return who, (start + pronoun.start(), stop)
    role = ROLE_BEFORE.search(region)
    if role:
        return salience.for_role(role.group("head")), (start + role.start(), stop)
    return None, None


def _adjacent_mention(view: BlockView, start: int, region: str, salience: Salience):
    """The speaker-like mention that ends `region`, unless a preposition governs it."""
    stop = start + len(region.rstrip(" ,"))
    for mention in reversed(view.mentions_before(stop)):
        if mention.start < start:
            break  # the rest start earlier still
        if mention.end == stop:
            kind = salience.type_of(mention.entity)
            if _PREPOSITION.search(view.masked[start : mention.start]):
                return None  # "a visit to Greece": not who speaks
            if kind in SPEAKER_TYPES or kind is EntityType.PLACE:
                return mention.entity, (mention.start, mention.end)
            return None
    return None


def subject_after(
    view: BlockView, start: int, end: int, salience: Salience
) -> tuple[str | None, tuple[int, int] | None]:
    """The speaker named after an inverted cue: "according to X", "said Lavrov"."""
    region = view.masked[start:end]
    comma = region.find(",")
    if comma != -1:
        region = region[:comma]
    words = region.split()
    limit = start + len(region)
    if len(words) > 12:
        return None, None
    role = ROLE_AFTER.match(region)
    for mention in view.mentions:
        if start <= mention.start < limit:
            kind = salience.type_of(mention.entity)
            if (
                role
                and role.end() <= mention.start - start
                and role.group("head").lower()
                in ("minister", "diplomat", "spokesman", "president", "official")
            ):
                break  # "the minister, X" is resolved below as the role
            if kind in SPEAKER_TYPES or kind is EntityType.PLACE:
                return mention.entity, (mention.start, mention.end)
    pronoun = re.match(r"\s*(he|she)\b", region, re.I)
    if pronoun:
        return salience.person, (start + pronoun.start(1), start + pronoun.end())
    if role:
        return salience.for_role(role.group("head")), (start + role.start(), start + role.end())
    return None, None
