"""Quotations by their marks, inside one block of text.

Pages mix their marks: straight and curly, an opening straight mark closed by a curly
one ("unless Russia takes immediate steps”), right single quotes on both sides
(’moderate’). So a mark's role comes from what stands beside it (space before and a
word after opens; a word before and space or punctuation after closes), its shape only
breaking ties. A quotation left open runs to the end of the block, as quotations
carried over several paragraphs do.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

DOUBLE = '"“”„«»'
SINGLE = "'‘’‚‹›"
OPENING_SHAPES = "“„«‘‚‹"
CLOSING_SHAPES = "”»’›"
_OPEN_BEFORE = " \t([{—–-/" + DOUBLE + SINGLE
_CLOSE_AFTER = " \t.,;:!?)]}—–-…" + DOUBLE + SINGLE
MAX_SINGLE_WORDS = 12  # beside double marks, single ones are scare quotes


@dataclass(frozen=True)
class Quotation:
    start: int  # the first quoted character
    end: int  # after the last quoted character (white space excluded)
    open: int  # the opening mark
    close: int | None  # the closing mark; None when it runs to the end of the block
    double: bool
    nested: bool = False  # inside another quotation (a scare quote in a quote)

    @property
    def outer_end(self) -> int:
        return self.close + 1 if self.close is not None else self.end

    def words(self, text: str) -> int:
        return len(text[self.start : self.end].split())


def _role(text: str, i: int) -> str:
    """'open', 'close', 'both' or '' for the mark at `i`."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    can_open = before in _OPEN_BEFORE and not after.isspace()
    can_close = not before.isspace() and (after in _CLOSE_AFTER or after.isspace())
    if can_open and can_close:
        if text[i] in OPENING_SHAPES:
            return "open"
        if text[i] in CLOSING_SHAPES:
            return "close"
        return "both"
    return "open" if can_open else "close" if can_close else ""


def _spans(text: str, marks: str, single: bool) -> list[Quotation]:
    found: list[Quotation] = []
    opened: int | None = None
    for i, char in enumerate(text):
        if char not in marks:
            continue
        if (
            single
            and i > 0
            and i + 1 < len(text)
            and text[i - 1].isalnum()
            and text[i + 1].isalnum()
        ):
            continue  # an apostrophe: Kerry’s, it's
        role = _role(text, i)
        if role == "both":
            role = "close" if opened is not None else "open"
        if role == "open":
            if opened is None or not single:
                opened = i
        elif role == "close" and opened is not None:
            quotation = _quotation(text, opened, i, not single)
            if quotation:
                found.append(quotation)
            opened = None
    if opened is not None and not single:
        quotation = _quotation(text, opened, None, True)
        if quotation:
            found.append(quotation)
    return found


def _quotation(text: str, open_: int, close: int | None, double: bool) -> Quotation | None:
    inner_end = close if close is not None else len(text)
    inner = text[open_ + 1 : inner_end]
    start = open_ + 1 + (len(inner) - len(inner.lstrip()))
    end = inner_end - (len(inner) - len(inner.rstrip()))
    if end <= start:
        return None
    return Quotation(start, end, open_, close, double)


def find_quotations(text: str) -> list[Quotation]:
    """Double-quoted passages and single-quoted ones, in order.

    Single marks are speech marks in some house styles ('We will,' he said) and scare
    quotes inside a double quotation in others; those inside are marked nested.
    """
    doubles = _spans(text, DOUBLE, single=False)
    found = list(doubles)
    for q in _spans(text, SINGLE, single=True):
        inside = any(d.start <= q.open and q.outer_end <= d.end + 1 for d in doubles)
        if inside or not doubles or q.words(text) <= MAX_SINGLE_WORDS:
            found.append(replace(q, nested=inside))
    return sorted(found, key=lambda q: (q.open, -q.outer_end))


def masked(text: str, quotations: list[Quotation]) -> str:
    """`text` with the inside of double quotations blanked out (same length).

    Cue words and sentence stops inside a quotation belong to the speaker, not to the
    outlet's sentence around it.
    """
    chars = list(text)
    for q in quotations:
        if not q.nested:
            # The quotation's own final stop still ends the outlet's sentence.
            end = q.end
            while end > q.start and text[end - 1] in ".!?…,":
                end -= 1
            for i in range(q.start, end):
                chars[i] = "0" if not chars[i].isspace() else " "
    return "".join(chars)
