"""reader.terminal_text: what a terminal would obey is shown, never sent."""

from __future__ import annotations

import io
import json

from reader.terminal_text import VisibleStream, json_safe, visible

HOSTILE = "a\x1b]0;title\x07b\x1b[2Jc\x9b31m\u202edcba\u2066x\x00\x7f\u2028"


def test_controls_are_shown_as_escapes():
    shown = visible(HOSTILE)
    assert shown == ("a\\x1b]0;title\\x07b\\x1b[2Jc\\x9b31m\\u202edcba\\u2066x\\x00\\x7f\\u2028")
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in shown)


def test_layout_stays_unless_one_line_is_asked_for():
    assert visible("a\tb\nc") == "a\tb\nc"
    assert visible("a\tb\nc", one_line=True) == "a\\x09b\\x0ac"


def test_ordinary_text_is_unchanged():
    text = "Лавров: «Вашингтон» — 'moderate' [b]x[/b] ‘q’ 中文 ☃"
    assert visible(text) == text


def test_json_safe_keeps_the_values_exact():
    document = json.dumps({"text": HOSTILE}, ensure_ascii=False)
    safe = json_safe(document)
    assert json.loads(safe) == {"text": HOSTILE}
    assert visible(safe) == safe  # nothing left for a terminal to obey


def test_a_visible_stream_escapes_whatever_is_written():
    out = io.StringIO()
    stream = VisibleStream(out)
    print("title\x1b]0;x\x07", file=stream)
    assert out.getvalue() == "title\\x1b]0;x\\x07\n"


def test_an_undecodable_file_name_is_shown_not_sent():
    name = b"page\xff.yaml".decode("utf-8", "surrogateescape")
    assert visible(name) == "page\\udcff.yaml"
    visible(name).encode("utf-8")  # a strict stdout can write it
