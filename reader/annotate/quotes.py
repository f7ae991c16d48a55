"""Quotations in quotation marks: direct, partial or scare, with speaker and cue.

- scare: a few words set off as a label ("so-called", "what Washington calls",
  "the “Riyadh opposition” delegation"), or a few words with no speech cue near;
- direct: a quotation standing as the speaker's own sentence(s): it opens its sentence
  (or follows "saying," / "said:" / "noted that") and closes it (or is followed by its
  attribution, "...," he said);
- partial: quoted words inside the outlet's own sentence.

The attribution is looked for in the quotation's sentence (after it, then before it),
then in the neighbouring blocks when the quotation stands alone in its block (the
format's `cue: {block: -1}` or `{block: 1}`), then a quotation opened in the block
before carries on. A direct or partial quotation whose speaker stays unknown is not
annotated (the format requires a speaker): it is listed in the notes.
"""

from __future__ import annotations

import re

from reader.annotate.cues import (
    BODY_TYPES,
    PERSON_TYPES,
    BlockView,
    Cue,
    Salience,
    subject_before,
)
from reader.annotate.draft import DraftCue, DraftQuote
from reader.annotate.quotemarks import Quotation
from reader.model import BlockKind, Entity, QuoteKind

SCARE_MAX_WORDS = 3
ATTRIBUTION_MAX_WORDS = 7  # between a quotation and its cue: "," the Russian minister
LABEL_BEFORE = re.compile(
    r"(?:so-called|so called|\bcalls?|\bcalled|\bdubbed|\bdubs|\btermed|\bterms|\blabell?ed"
    r"|\bbranded|\bknown as|\breferred to as|\bdescribed as|\bdescribes as|\bconsiders?)\s*$",
    re.I,
)
CALLS = re.compile(r"\b(?:calls?|called|dubs|dubbed|terms|termed|considers?)\s*$")
_CALLS_WINDOW = 60
_IT_BEFORE = re.compile(r"\bit\s+$")
_NOT_SPACE = re.compile(r"\S")
_NOT_NOUNS = frozenset(
    """is are was were be been has have had will would can could should must may might
    and or but nor to that which who whom whose in on at for of with by from as than
    into about after before over under said says say added noted told it they he she we
    its their his her not no also only just so then there here when while if because""".split()
)
_UNFINISHED = re.compile(r"(?:[,:;]|\bthat|\bas|\bwith)\s*$")


def _words(text: str) -> int:
    return len(text.split())


def annotate_quotations(views: list[BlockView], entities: dict[str, Entity]) -> list[str]:
    """Add quotes to each view's block; return notes on quotations left out."""
    notes: list[str] = []
    salience = Salience(entities)
    last_open: DraftQuote | None = None  # a quotation that ran to its block's end
    used_cues: dict[int, DraftQuote] = {}  # cue -> the quote it attributes
    for view in views:
        carried = last_open
        last_open = None
        for quotation in view.quotations:
            quote: DraftQuote | None
            if quotation.nested:
                quote = _scare(view, quotation, salience, nested=True)
            else:
                quote = _primary(views, view, quotation, salience, carried, used_cues)
                carried = None
            if quote is None:
                words = view.text[quotation.start : quotation.end]
                notes.append(
                    f'The quotation "{_clip(words)}" (line {view.block.line}) is not '
                    "annotated: its speaker could not be told."
                )
                continue
            view.block.quotes.append(quote)
            if quotation.close is None and not quotation.nested:
                last_open = quote
    return notes


def _clip(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _scare(view: BlockView, q: Quotation, salience: Salience, nested: bool) -> DraftQuote:
    """A scare quote; its speaker is whoever "calls" it so, when that is named."""
    text = view.text if nested else view.masked
    quote = DraftQuote(QuoteKind.SCARE, q.start, q.end)
    # CALLS ends at the quotation: search only the words before it (linear on long pages)
    calls = CALLS.search(text, max(0, q.open - _CALLS_WINDOW), q.open)
    if calls:
        # the speaker is named in the sentence that calls it so (searching from the
        # block's start instead made a long one-line page quadratic)
        sentence_start, _ = view.sentence_at(calls.start())
        speaker, _ = subject_before(_with_text(view, text), sentence_start, calls.start(), salience)
        if speaker is None:
            speaker = _it(view, calls.start(), salience, text)
        if speaker:
            quote.speaker = speaker
            quote.cue = DraftCue(calls.start(), calls.start() + len(calls.group().rstrip()))
    return quote


def _with_text(view: BlockView, text: str) -> BlockView:
    if text is view.masked:
        return view
    mentions = sorted(view.block.mentions, key=lambda m: m.start)
    return BlockView(view.index, view.block, view.quotations, text, view.sentences, mentions)


def _it(view: BlockView, end: int, salience: Salience, text: str) -> str | None:
    """ "what it calls": the nearest body or country named before, in the sentence."""
    if not _IT_BEFORE.search(text, max(0, end - _CALLS_WINDOW), end):
        return None
    start, _ = view.sentence_at(end)
    candidates = [m for m in view.block.mentions if start <= m.start and m.end <= end]
    for mention in reversed(candidates):
        if salience.type_of(mention.entity) is not None and mention.entity != salience.person:
            return mention.entity
    return None


def _primary(
    views: list[BlockView],
    view: BlockView,
    q: Quotation,
    salience: Salience,
    carried: DraftQuote | None,
    used_cues: dict[int, DraftQuote],
) -> DraftQuote | None:
    text = view.masked
    s0, s1 = view.sentence_at(q.open)
    before = text[s0 : q.open]
    after = text[q.outer_end : s1]
    words = q.words(view.text)
    if LABEL_BEFORE.search(before) and words <= 6:
        return _scare(view, q, salience, nested=False)

    headline = _headline_speaker(view, q, salience)
    if headline is not None:
        return DraftQuote(QuoteKind.DIRECT, q.start, q.end, speaker=headline)

    cue_after = _cue_after(view, q, s1)
    cue_before = _cue_before(view, q, s0)
    opens = not before.strip() or bool(_UNFINISHED.search(before) and cue_before)
    closes = not after.strip(" .,;:!?…") or cue_after is not None
    if words <= SCARE_MAX_WORDS and not (not before.strip() and cue_after):
        if cue_before is None and cue_after is None or _modifies_noun(after):
            return _scare(view, q, salience, nested=False)
        kind = QuoteKind.PARTIAL
    elif (opens and closes) or q.close is None:
        kind = QuoteKind.DIRECT
    else:
        kind = QuoteKind.PARTIAL

    quote = DraftQuote(kind, q.start, q.end)
    for cue in (cue_after, cue_before):
        if cue is not None and cue.speaker:
            return _attributed(quote, cue, view, used_cues)
    if not _NOT_SPACE.search(text, 0, q.open):
        found = _across_blocks(views, view, q)
        if found is not None:
            cue, channel = found
            quote.channel = channel
            return _attributed(quote, cue, view, used_cues)
        if carried is not None:
            quote.speaker, quote.continues = carried.speaker, carried
            return quote
    if not before.strip():
        found = _attribution_sentence(view, s0)
        if found is not None:
            earlier = used_cues.get(id(found))
            quote = _attributed(quote, found, view, used_cues)
            quote.continues = earlier
            return quote
    return None


def _modifies_noun(after: str) -> bool:
    """'moderate' rebels: quoted words used as a modifier of the noun after them."""
    word = re.match(r"\s+([a-z][\w-]*)", after)
    return (
        word is not None
        and word.group(1) not in _NOT_NOUNS
        and not word.group(1).endswith(("ed", "ly"))
    )


def _headline_speaker(view: BlockView, q: Quotation, salience: Salience) -> str | None:
    """'Washington shields terrorists': Lavrov slams US -- a headline quoting someone."""
    if view.block.kind not in (BlockKind.HEADLINE, BlockKind.HEADING, BlockKind.STANDFIRST):
        return None
    colon = re.match(r"\s*:\s*", view.text[q.outer_end :])
    if q.open > 0 or colon is None:
        return None
    start = q.outer_end + colon.end()
    for mention in view.mentions:
        if mention.start == start and salience.type_of(mention.entity) in PERSON_TYPES | BODY_TYPES:
            return mention.entity
    return None


def _attributed(quote: DraftQuote, cue: Cue, view: BlockView, used: dict) -> DraftQuote:
    quote.speaker = cue.speaker
    quote.cue = DraftCue(cue.start, cue.end, cue.block - view.index)
    used[id(cue)] = quote
    return quote


def _cue_after(view: BlockView, q: Quotation, s1: int) -> Cue | None:
    """ "...," he said / the ministry added / said Lavrov: right after the quotation."""
    for cue in view.cues_from(q.outer_end):
        if cue.start < s1:
            between = view.masked[q.outer_end : cue.start]
            if _words(between) <= ATTRIBUTION_MAX_WORDS and not view.primary_opening_in(
                q.outer_end, cue.start
            ):
                return cue
        return None
    return None


def _cue_before(view: BlockView, q: Quotation, s0: int) -> Cue | None:
    """Lavrov also noted that "..." / saying, "..." : the last cue before, same sentence."""
    found = None
    for cue in view.cues_from(s0):
        if cue.start >= q.open:
            break  # cues are in text order; the rest start after the quotation
        if cue.end <= q.open:
            found = cue
    return found


def _across_blocks(views: list[BlockView], view: BlockView, q: Quotation):
    """The cue of a quotation standing alone: the end of the block before, or the
    beginning of the block after ("according to the readout ...")."""
    i = view.index
    previous = views[i - 1] if i > 0 else None
    following = views[i + 1] if i + 1 < len(views) else None
    lead = None
    if previous is not None and previous.cues and _UNFINISHED.search(previous.text.rstrip()):
        last_sentence = previous.sentences[-1] if previous.sentences else (0, 0)
        in_last = [c for c in previous.cues if c.start >= last_sentence[0] and c.speaker]
        candidates = in_last or [c for c in previous.cues if c.speaker]
        lead = candidates[-1] if candidates else None
    tail = None
    ends_block = not view.masked[q.outer_end :].strip(" .,;:!?…")
    if following is not None and ends_block and following.text[:1].islower():
        first = following.sentences[0] if following.sentences else (0, 0)
        in_first = [c for c in following.cues if c.start < first[1] and c.speaker]
        tail = in_first[0] if in_first else None
    if lead is not None:
        channel = None
        if tail is not None and tail.inverted and tail.speaker != lead.speaker:
            channel = tail.speaker
        return lead, channel
    if tail is not None:
        return tail, None
    return None


def _attribution_sentence(view: BlockView, s0: int) -> Cue | None:
    """`the statement concludes. "..."`: a sentence that is only an attribution."""
    before = [s for s in view.sentences if s[1] <= s0]
    if not before:
        return None
    start, end = before[-1]
    cues = [c for c in view.cues if start <= c.start < end and c.speaker]
    if len(cues) != 1:
        return None
    cue = cues[0]
    rest = view.masked[start:end]
    for q in view.quotations:  # `"A," he said. "B."`: the sentence is A's attribution
        if not q.nested and start <= q.open and q.outer_end <= end:
            rest = rest.replace(view.masked[q.open : q.outer_end], " ", 1)
    return cue if _words(rest) <= ATTRIBUTION_MAX_WORDS else None
