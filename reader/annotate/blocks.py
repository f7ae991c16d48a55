"""What each line of a raw page is: site chrome, or a headline, paragraph, caption ...

Pages are read top to bottom with general cues only (length, final punctuation,
position, capitals, words that site furniture uses), never a site's own strings:

- before the headline (the first line of some length that is not furniture) comes
  navigation: chrome, except a date stamp (dateline);
- a teaser marker standing alone ("Check Also", "Read more", "Related") ends the
  article: it and everything after it are chrome;
- after the last line that reads as a finished sentence, what is left (footers,
  "Share this article", the site's other addresses) is chrome, bylines excepted;
- in between: date stamps, captions (a photo credit in brackets, or the line after a
  "View full size" marker), bylines, short unpunctuated headings, a standfirst right
  under the headline, and paragraphs.
"""

from __future__ import annotations

import re

from reader.annotate.dates import find_date, is_date_stamp
from reader.model import BlockKind

_I = re.IGNORECASE
SOCIAL = re.compile(
    r"\b(?:facebook|twitter|youtube|instagram|telegram|whatsapp|linkedin|vkontakte|vk"
    r"|rss|tiktok|pinterest|reddit|flipboard|social (?:networks?|media))\b",
    _I,
)
FURNITURE = re.compile(
    r"^(?:home|menu|search|print|e-?mail|share|tweet|like|comments?|subscribe|log ?in"
    r"|sign (?:in|up)|register|newsletter|advertisement|advertising|sponsored|loading"
    r"|close|next|previous|back to top|top|more|tags?|topics?|categor(?:y|ies)"
    r"|all news|latest news|news|video|photos?|gallery)\b"
    r"|\b(?:share (?:this|on|via)|follow us|all rights reserved|copyright|cookies?"
    r"|privacy policy|terms of (?:use|service)|contact us|about us|download (?:our|the) app"
    r"|sign up for|our newsletter|(?:web)?site (?:map|can also be)|\bwebsite\b"
    r"|short url|copy link|get link|\d+\s*min(?:ute)?s? read|reading time|skip to"
    r"|toggle navigation|main menu|listen to (?:this|the) (?:article|story)"
    r"|(?:print|save|email) this (?:article|story|page)|font size|text size)",
    _I,
)
URL = re.compile(r"^(?:https?://|www\.)\S+$|^\S+\.(?:com|org|net|co\.uk|ru|ir|sy)(?:/\S*)?$", _I)
BREADCRUMB = re.compile(r"^(?:[^/>|»]{1,30}\s*[/>|»]\s*)+[^/>|»]{0,30}$")
TEASER = re.compile(
    r"^(?:check also|read (?:more|also)|see also|also read|related(?: articles| stories"
    r"| news| posts| content)?|more (?:on|from|in) [\w ]{1,30}|more stories|you may also like"
    r"|recommended(?: for you)?|most (?:read|popular|viewed)|popular|trending"
    r"|don't miss|editor's picks?)\s*[:.>»]?$",
    _I,
)
INLINE_TEASER = re.compile(r"^(?:read (?:more|also)|see also|also read|related)\s*[:>»]", _I)
PHOTO_MARKER = re.compile(
    r"^(?:view full size|enlarge(?: image| photo)?|click to enlarge|expand(?: image)?"
    r"|zoom|full screen|open gallery|view gallery|\d+ (?:photos|images))$",
    _I,
)
CREDIT = re.compile(
    r"^(?:photo|image|picture|credit|photograph|source)s?\s*(?:credit|by)?\s*[:/©]|^©|"
    r"\b(?:getty images|shutterstock|file photo)\b",
    _I,
)
CAPTION = re.compile(
    r"\((?:[^()]*\b(?:photo|photograph|image|picture|file)\b[^()]*)\)\s*\.?$"
    r"|\((?:L|R|C|left|right|centre|center|top|bottom|front|back)\)"
    r"|\b(?:is|are) (?:seen|pictured|shown)\b|\bpictured\b|\bposes? for\b"
    r"|^(?:file |archive )?(?:photo|picture|image)\s*[:–—-]"
    r"|^(?:image |photo |picture )?caption\b",
    _I,
)
BYLINE = re.compile(
    r"^(?:by|written by|reported by|reporting by|editing by|edited by|text by|story by"
    r"|additional reporting by|compiled by"
    r"|authors?:|correspondent)\s+\S",
    _I,
)
_NAME_PART = r"(?:[A-Z][\w'’-]*\.?|[A-Z]\.)(?:\s+(?:[A-Z][\w'’-]*\.?|[A-Z]\.)){0,2}"
SLASHED_NAMES = re.compile(rf"^{_NAME_PART}(?:\s*/\s*{_NAME_PART})+$")
# A line that finishes a sentence: final stop, maybe inside closing quotes or brackets.
SENTENCE_END = re.compile(r"[.!?][\"'”’»)\]]*$|[\"”»]\s*$")
# A line ending in one of these carries on in the next block.
_OPEN_ENDINGS = {"that", "to", "and", "or", "but", "the", "a", "an", "of", "by", "with", "as"}
HEADLINE_MIN_WORDS = 3
HEADING_MAX_WORDS = 14
PARAGRAPH_MIN_WORDS = 5


def _words(text: str) -> int:
    return len(text.split())


def is_furniture(text: str) -> bool:
    """Site furniture whatever its place: social links, share buttons, URLs, notices."""
    words = _words(text)
    if URL.match(text) or PHOTO_MARKER.match(text) or TEASER.match(text):
        return True
    if re.search(r"\ball rights reserved\b", text, _I):
        return True
    copyright_sign = text.find("©")
    if copyright_sign != -1 and (words <= 8 or _words(text[:copyright_sign]) < 5):
        return True  # a credit; a caption ending in its credit is a caption
    if words <= 12 and (SOCIAL.search(text) or FURNITURE.search(text)):
        return not SENTENCE_END.search(text) or words <= 4
    if words <= 8 and BREADCRUMB.match(text) and not SLASHED_NAMES.match(text):
        return True
    letters = [c for c in text if c.isalpha()]
    return (
        2 <= words <= 6
        and bool(letters)
        and all(c.isupper() for c in letters)
        and (not SENTENCE_END.search(text))
        and bool(FURNITURE.search(text.lower()))
    )


def is_byline(text: str) -> bool:
    return _words(text) <= 12 and bool(BYLINE.match(text) or SLASHED_NAMES.match(text))


def _finished(text: str) -> bool:
    return bool(SENTENCE_END.search(text)) and not text.rstrip("\"'”’»)] ").endswith(("…", "..."))


def _could_head(text: str) -> bool:
    words = _words(text)
    return (
        2 <= words <= HEADING_MAX_WORDS
        and (text[0].isupper() or text[0].isdigit())
        and not re.search(r"[.,;:!\"”’»…]$", text)
    )


def classify_lines(lines: list[str]) -> list[BlockKind]:
    """One kind per (non-blank, normalised) line, in page order."""
    kinds: list[BlockKind | None] = [None] * len(lines)
    headline = _headline_index(lines)
    for i in range(headline):
        kinds[i] = BlockKind.DATELINE if is_date_stamp(lines[i]) else BlockKind.CHROME
    kinds[headline] = BlockKind.HEADLINE

    end = len(lines)
    for i in range(headline + 1, len(lines)):
        if TEASER.match(lines[i]):
            end = i
            break
    for i in range(end, len(lines)):
        kinds[i] = BlockKind.CHROME

    photo_context = False  # just after a photo marker or credit line
    for i in range(headline + 1, end):
        text = lines[i]
        if is_furniture(text) or INLINE_TEASER.match(text):
            kinds[i] = BlockKind.CHROME
            photo_context = bool(PHOTO_MARKER.match(text))
            continue
        if is_date_stamp(text):
            kinds[i] = BlockKind.DATELINE
        elif is_byline(text):
            kinds[i] = BlockKind.BYLINE
        elif CREDIT.search(text) and _words(text) <= 6:
            kinds[i] = BlockKind.CHROME
            photo_context = True
            continue
        elif photo_context and _words(text) <= 6 and not _finished(text):
            kinds[i] = BlockKind.CHROME  # a credit under a "View full size" marker
            continue
        elif CAPTION.search(text) or "©" in text or (photo_context and _words(text) > 6):
            kinds[i] = BlockKind.CAPTION
        photo_context = False

    _mark_standfirst_and_headings(lines, kinds, headline, end)
    _mark_tail(lines, kinds, headline, end)
    return [kind or BlockKind.PARAGRAPH for kind in kinds]


def _headline_index(lines: list[str]) -> int:
    for i, text in enumerate(lines):
        if (
            _words(text) >= HEADLINE_MIN_WORDS
            and not is_furniture(text)
            and not is_date_stamp(text)
            and not is_byline(text)
            and not text.endswith(":")
        ):
            return i
    for i, text in enumerate(lines):
        if not is_furniture(text):
            return i
    return 0


def _mark_standfirst_and_headings(
    lines: list[str], kinds: list[BlockKind | None], headline: int, end: int
) -> None:
    first_body = True
    for i in range(headline + 1, end):
        if kinds[i] is not None:
            continue
        text = lines[i]
        if first_body and _reads_as_standfirst(text):
            kinds[i] = BlockKind.STANDFIRST
        elif not first_body and _could_head(text) and _followed_by_text(lines, kinds, i, end):
            kinds[i] = BlockKind.HEADING
        first_body = False


def _reads_as_standfirst(text: str) -> bool:
    """A summary under the headline: a sentence without its final stop, no dateline."""
    last_word = text.split()[-1].lower()
    return (
        6 <= _words(text) <= 45
        and text[0].isupper()
        and not _finished(text)
        and text[-1].isalnum()
        and last_word not in _OPEN_ENDINGS
        and find_date(text[:40]) is None
    )


def _followed_by_text(lines: list[str], kinds: list[BlockKind | None], i: int, end: int) -> bool:
    """A heading heads something: a paragraph of some length comes after it."""
    return any(
        kinds[j] is None and _words(lines[j]) >= 8 and _finished(lines[j])
        for j in range(i + 1, end)
    )


def _mark_tail(lines: list[str], kinds: list[BlockKind | None], headline: int, end: int) -> None:
    """After the last finished sentence, only bylines and date stamps stay in the body.

    A byline after some paragraphs ("Reporting by ...; Editing by ...") closes the
    article: what follows it is the site's.
    """
    last = headline
    paragraphs = 0
    for i in range(headline + 1, end):
        if kinds[i] is BlockKind.BYLINE and paragraphs >= 3:
            break
        if (
            kinds[i] in (None, BlockKind.CAPTION)
            and _finished(lines[i])
            and (_words(lines[i]) >= PARAGRAPH_MIN_WORDS)
        ):
            last = i
            paragraphs += 1
    for i in range(last + 1, end):
        if kinds[i] not in (BlockKind.BYLINE, BlockKind.DATELINE):
            kinds[i] = BlockKind.CHROME
