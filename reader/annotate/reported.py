"""Reported speech: "X said (that) ...", "according to X, ...", "..., X said.".

An indirect quote is the reported clause of a cue whose speaker is resolved (see
cues.py): after "that" (or straight after "says"/"said"), after "to" for calls, demands
and threats ("called on the US to honor ..."), after the comma of "according to X,",
or, for a sentence closed by its attribution ("Moscow still expects ..., Lavrov said
on Wednesday."), everything before the attribution. Headlines have their own forms:
"Lavrov: claim", "claim: Russia", "Russia says claim".
"""

from __future__ import annotations

import re

from reader.annotate.cues import SAY_VERBS, TO_VERBS, BlockView, Cue
from reader.annotate.draft import DraftCue, DraftQuote
from reader.language import WEEKDAYS, reporting_forms
from reader.model import BlockKind, EntityType, QuoteKind

MIN_CLAUSE_WORDS = 3
_ADVERBIAL_START = frozenset(
    """on in at during after before yesterday today tonight earlier later last this
    again also once repeatedly publicly""".split()
) | set(WEEKDAYS)
_NOT_A_CLAUSE_START = frozenset(
    """on in at during after before by to for with from about of as that than when
    while if and or but so yesterday today earlier later it's""".split()
)
# Where a reported clause ends: a second reporting verb (", adding ...", "and stressed").
_GOING_ON = ["voicing", "calling"] + reporting_forms(
    *"add say note stress claim insist warn explain urge point argue assert state".split(),
    *("emphasize", "recall"),
    ending="ing",
)
_AND_THEN = ["said"] + reporting_forms("add", "note", "stress", "warn", "state", ending="ed")
_CLAUSE_BREAK = re.compile(
    rf",\s+(?:{'|'.join(_GOING_ON)})\b|,?\s+and\s+(?:{'|'.join(_AND_THEN)})\b|;\s"
)
_ANOTHER_CLAUSE = re.compile(r",?\s+but\s+(?:that\s+)?(?=\w)")
_TRIM = " .,;:!?…"
HEADLINE_CUE = re.compile(
    r"\s+(?P<cue>says|say|hopes|tells|warns|urges|calls|claims|insists|vows|demands"
    r"|asks|wants|believes|expects)\b",
    re.I,
)
_TO = re.compile(r"(?<![\w])to\b", re.I)
# What may stand between "said" and its clause: "said on Monday that".
_WHEN = re.compile(r"\s*(?:(?:on\s+)?(?:" + "|".join(WEEKDAYS) + r"|yesterday|today)\s+)?")


def _words(text: str) -> int:
    return len(text.split())


_WORD_RUN = re.compile(r"\S+")


def _few_words_before(text: str, end: int, limit: int) -> bool:
    """Whether text[:end] has at most `limit` words, counting no further than that
    (counting all of them for every name made a long headline quadratic)."""
    for count, _ in enumerate(_WORD_RUN.finditer(text, 0, end), start=1):
        if count > limit:
            return False
    return True


def annotate_reported_speech(views: list[BlockView], types: dict[str, EntityType]) -> None:
    for view in views:
        if view.block.kind in (BlockKind.HEADLINE, BlockKind.HEADING, BlockKind.STANDFIRST):
            if _headline(view, types):
                continue
        # spans already annotated as reported speech: a set, not a scan per cue
        indirect = {(q.start, q.end) for q in view.block.quotes if q.kind is QuoteKind.INDIRECT}
        for cue in view.cues:
            if cue.speaker is None:
                continue
            span = _clause(view, cue)
            if span is None:
                continue
            start, end = span
            if _is_one_quotation(view, start, end) or span in indirect:
                continue
            indirect.add(span)
            view.block.quotes.append(
                DraftQuote(
                    QuoteKind.INDIRECT,
                    start,
                    end,
                    speaker=cue.speaker,
                    cue=DraftCue(cue.start, cue.end),
                )
            )


def _clause(view: BlockView, cue: Cue) -> tuple[int, int] | None:
    text = view.masked
    s0, s1 = cue.sentence
    if cue.verb.lower() == "according to":
        if cue.subject is None:
            return None
        comma = text.find(",", cue.subject[1], s1)
        if comma != -1 and not text[cue.end : comma].count(" ") > 12:
            return _bounded(view, comma + 1, s1)
        before = text.rfind(",", s0, cue.start)
        if before != -1 and not text[before : cue.start].strip(" ,"):
            return _bounded(view, s0, before)
        return None
    rest = text[cue.end : s1]
    that = re.match(r"((?:\s+[\w’'.-]+){0,6}?)\s+that\b[\s,]+", rest)
    if that and _adverbial(that.group(1), cue):
        return _bounded(view, cue.end + that.end(), s1)
    if cue.verb in TO_VERBS:
        to = re.match(r"((?:\s+[\w’'.-]+){0,6}?)\s*\bto\s+[a-z]", rest)
        if to and "," not in to.group(1):
            start = cue.end + to.end() - len("to ") - 1
            other = _ANOTHER_CLAUSE.search(text, start, s1)  # "to X but that Y"
            return _bounded(view, start, other.start() if other else s1)
    if cue.verb in SAY_VERBS and cue.subject is not None and cue.subject[1] <= cue.start:
        zero = _WHEN.match(rest)
        start = cue.end + (zero.end() if zero else 0)
        first = re.match(r"[\w’'-]+", text[start:s1])
        if first and first.group() not in _NOT_A_CLAUSE_START and text[start:s1].strip():
            if _words(text[start:s1]) >= MIN_CLAUSE_WORDS + 1:
                return _bounded(view, start, s1)
        if not rest.strip(_TRIM) or _short_adverbial(rest):
            return _closing_attribution(view, cue)
    elif cue.subject is not None and (not rest.strip(_TRIM) or _short_adverbial(rest)):
        return _closing_attribution(view, cue)
    return None


def _adverbial(words: str, cue: Cue) -> bool:
    """What may stand between a cue and "that": "on Monday", "in a statement"."""
    words = words.strip()
    if not words:
        return True
    first = words.split()[0]
    return (
        first in _ADVERBIAL_START
        or first.endswith("ly")
        or cue.verb in ("told", "tells", "telling", "warned", "reminded")
    )


def _short_adverbial(rest: str) -> bool:
    rest = rest.strip(_TRIM)
    return _words(rest) <= 8 and rest.split()[0] in _ADVERBIAL_START | {"at", "to", "in"}


def _closing_attribution(view: BlockView, cue: Cue) -> tuple[int, int] | None:
    """"Moscow still expects ..., Russian Foreign Minister Sergey Lavrov ... said.""" ""
    s0 = cue.sentence[0]
    if cue.subject is None:
        return None
    comma = view.masked.rfind(",", s0, cue.subject[0])
    if comma == -1:
        return None
    before = view.masked[s0:comma].rstrip()
    if before.endswith(('"', "”", "’", "'", "»")):
        return None  # the attribution of a direct quotation
    return _bounded(view, s0, comma)


def _bounded(view: BlockView, start: int, end: int) -> tuple[int, int] | None:
    text = view.masked
    cut = _CLAUSE_BREAK.search(text, start, end)
    if cut:
        end = cut.start()
    while start < end and text[start] in " ,":
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    # a closing quotation mark belongs to the clause when its opening mark does
    if _words(text[start:end]) < MIN_CLAUSE_WORDS:
        return None
    return start, end


def _is_one_quotation(view: BlockView, start: int, end: int) -> bool:
    # only a quotation opening at `start` or one character before can hold the clause
    for q in view.primary_opening_in(start - 1, start + 1):
        if end <= q.outer_end + 1:
            return True
    return False


def _headline(view: BlockView, types: dict[str, EntityType]) -> bool:
    """Headline forms: "Lavrov: claim", "claim: Russia", "Russia says claim".

    A place before the colon is a topic ("Aleppo: ..."), not a speaker; after it, or
    before a speech verb, a country speaks for its government.
    """
    text = view.text
    speaking = [m for m in view.block.mentions if types.get(m.entity) in SPEAKING]
    colon = text.find(": ")
    if colon != -1:
        head = [
            m
            for m in speaking
            if m.end == colon and _words(text[:colon]) <= 3 and types[m.entity] in PEOPLE
        ]
        if head:
            return _add(view, head[-1].entity, colon + 2, len(text), None)
        tail = [m for m in speaking if m.start == colon + 2 and m.end == len(text.rstrip(_TRIM))]
        if tail:
            return _add(view, tail[0].entity, 0, colon, None)
    for mention in speaking:
        cue = HEADLINE_CUE.match(text, mention.end)
        if cue is None or not _few_words_before(text, mention.start, 2):
            continue
        start = cue.end()
        if cue.group("cue").lower() in ("tells", "urges", "asks", "calls", "wants"):
            to = _TO.search(text, start)
            if to is None:
                continue
            start = to.start()
        start += len(text[start:]) - len(text[start:].lstrip())
        if text[start:].lower().startswith("that "):
            start += 5
        return _add(view, mention.entity, start, len(text), (cue.start("cue"), cue.end("cue")))
    return False


def _add(view: BlockView, speaker: str, start: int, end: int, cue) -> bool:
    text = view.text
    cut = _CLAUSE_BREAK.search(text, start, end)
    if cut:
        end = cut.start()
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    if _words(text[start:end]) < MIN_CLAUSE_WORDS:
        return False
    view.block.quotes.append(
        DraftQuote(
            QuoteKind.INDIRECT,
            start,
            end,
            speaker=speaker,
            cue=DraftCue(*cue) if cue else None,
        )
    )
    return True


PEOPLE = frozenset({EntityType.PERSON, EntityType.ORGANISATION, EntityType.GOVERNMENT_BODY})
SPEAKING = PEOPLE | {EntityType.PLACE, EntityType.ARMED_GROUP, EntityType.MEDIA_OUTLET}
