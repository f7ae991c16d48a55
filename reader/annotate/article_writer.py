"""An annotated draft as the text of an article file (docs/corpus-format.md).

Written by hand rather than with `yaml.dump` so the file reads like the hand-made
seeds: one block after another, mentions as one-line flow mappings, block text
double-quoted. Every scalar goes through `yaml_scalar`, which quotes and escapes
whatever a YAML reader could take for something else; tests load what it writes.
"""

from __future__ import annotations

import bisect
import re
import textwrap

from reader.anchors import matching_starts
from reader.annotate.draft import Draft, DraftBlock, DraftCue, DraftQuote
from reader.model import BlockKind, MentionKind

# Plain (unquoted) only for words that cannot read as anything but a string.
_PLAIN = re.compile(r"[^\W\d_][\w .'’-]*", re.UNICODE)
_NOT_PLAIN_WORDS = {"yes", "no", "true", "false", "on", "off", "null", "y", "n"}
# Characters a YAML reader refuses, or takes as a line break, inside a scalar.
_ESCAPE = re.compile('[\\\\"\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]')
_NAMED_ESCAPES = {"\\": "\\\\", '"': '\\"', "\t": "\\t", "\n": "\\n"}
WRAP = 88


def yaml_scalar(text: str) -> str:
    """`text` as a YAML scalar that reads back as exactly `text` (a string)."""
    if (
        _PLAIN.fullmatch(text)
        and not text.endswith((" ", ":"))
        and "  " not in text
        and text.lower() not in _NOT_PLAIN_WORDS
    ):
        return text
    return quoted(text)


def quoted(text: str) -> str:
    return '"' + _ESCAPE.sub(_escape_char, text) + '"'


def _escape_char(match: re.Match) -> str:
    char = match.group()
    if char in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[char]
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def folded(key: str, text: str, indent: str = "") -> list[str]:
    """`key: text`, as a folded block (`>-`) when it is long prose that folds safely."""
    one_line = f"{indent}{key}: {yaml_scalar(text)}"
    safe = (
        text == text.strip()
        and "  " not in text
        and not re.search(r"[^\S ]", text)  # textwrap would turn it into a space
        and not _ESCAPE.search(text.replace('"', "").replace("\\", ""))
    )
    if len(one_line) <= WRAP or not safe:
        return [one_line]
    width = WRAP - len(indent) - 2
    lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    return [f"{indent}{key}: >-"] + [f"{indent}  {line}" for line in lines]


def anchor_fields(text: str, start: int, end: int) -> list[tuple[str, str | int]]:
    """`exact`, plus `occurrence` when the words appear more than once in the block."""
    exact = text[start:end]
    starts = matching_starts(text, exact)  # memoised: a block's many annotations share it
    fields: list[tuple[str, str | int]] = [("exact", exact)]
    if len(starts) > 1:
        fields.append(("occurrence", bisect.bisect_left(starts, start) + 1))
    return fields


def flow_mapping(fields: list[tuple[str, str | int]]) -> str:
    parts = []
    for key, value in fields:
        if isinstance(value, int):
            parts.append(f"{key}: {value}")
        else:
            scalar = yaml_scalar(value)
            if any(c in scalar for c in ",[]{}#") and not scalar.startswith('"'):
                scalar = quoted(value)
            parts.append(f"{key}: {scalar}")
    return "{" + ", ".join(parts) + "}"


def number_quotes(draft: Draft) -> None:
    """Give quotes their ids (q1, q2, ...) in reading order."""
    n = 0
    for block in draft.body:
        block.quotes.sort(key=lambda q: (q.start, -q.end))
        for quote in block.quotes:
            n += 1
            quote.id = f"q{n}"


def article_text(draft: Draft, header: str = "") -> str:
    number_quotes(draft)
    lines = [f"# {line}" if line else "#" for line in header.splitlines()]
    lines.append(f"id: {yaml_scalar(draft.id)}")
    lines.append(f"source: {yaml_scalar(draft.source)}")
    if draft.original:
        lines.append(f"original: {quoted(draft.original)}")
    if draft.record is not None:
        lines.append(f"record: {draft.record}")
    if draft.extractor:
        lines.append(f"extractor: {quoted(draft.extractor)}")
    if draft.url:
        lines.append(f"url: {quoted(draft.url)}")
    if draft.author:
        lines.append(f"author: {quoted(draft.author)}")
    lines.append(f"outlet: {yaml_scalar(draft.outlet) if draft.outlet else 'null'}")
    if draft.outlet_note:
        lines += folded("outlet_note", draft.outlet_note)
    lines.append(f"date: {draft.date or 'null'}")
    if draft.date_note:
        lines += folded("date_note", draft.date_note)
    if draft.notes:
        lines += folded("notes", " ".join(draft.notes))
    lines.append("blocks:")
    body = draft.body
    for block in draft.blocks:
        lines += _block_lines(block, body)
    return "\n".join(lines) + "\n"


def _block_lines(block: DraftBlock, body: list[DraftBlock]) -> list[str]:
    lines = [f"  - {block.kind.value}: {quoted(block.text)}", f"    line: {block.line}"]
    if block.kind is BlockKind.CHROME:
        return lines
    if block.mentions:
        lines.append("    mentions:")
        for mention in sorted(block.mentions, key=lambda m: (m.start, m.end)):
            fields: list[tuple[str, str | int]] = [("entity", mention.entity)]
            fields += anchor_fields(block.text, mention.start, mention.end)
            if mention.kind is not MentionKind.NAME:
                fields.append(("kind", mention.kind.value))
            lines.append(f"      - {flow_mapping(fields)}")
    if block.quotes:
        lines.append("    quotes:")
        for quote in block.quotes:
            lines += _quote_lines(quote, block, body)
    return lines


def _quote_lines(quote: DraftQuote, block: DraftBlock, body: list[DraftBlock]) -> list[str]:
    lines = [f"      - id: {quote.id}", f"        kind: {quote.kind.value}"]
    if quote.speaker:
        lines.append(f"        speaker: {yaml_scalar(quote.speaker)}")
    for key, value in anchor_fields(block.text, quote.start, quote.end):
        lines.append(f"        {key}: {value if isinstance(value, int) else yaml_scalar(value)}")
    if quote.cue is not None:
        lines.append(f"        cue: {_cue(quote.cue, block, body)}")
    if quote.channel:
        lines.append(f"        channel: {yaml_scalar(quote.channel)}")
    if quote.continues is not None:
        lines.append(f"        continues: {quote.continues.id}")
    return lines


def _cue(cue: DraftCue, block: DraftBlock, body: list[DraftBlock]) -> str:
    index = next(i for i, b in enumerate(body) if b is block)
    holder = body[index + cue.block]
    fields = anchor_fields(holder.text, cue.start, cue.end)
    if cue.block:
        fields.append(("block", cue.block))
    if len(fields) == 1:  # the exact words alone
        return yaml_scalar(holder.text[cue.start : cue.end])
    return flow_mapping(fields)
