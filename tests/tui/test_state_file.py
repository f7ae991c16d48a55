"""A damaged state file never stops the app from starting: it is reported and ignored."""

from __future__ import annotations

import json
import os

from reader.tui.location import Location
from reader.tui.state import load_position, save_position


def test_deeply_nested_state_is_ignored_with_a_reason(tmp_path):
    path = tmp_path / "state.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    location, error = load_position(path, tmp_path)
    assert location is None and "nested too deeply" in error


def test_a_position_is_saved_over_a_deeply_nested_state(tmp_path):
    path = tmp_path / "state.json"
    path.write_text('{"corpora": ' + "[" * 100_000 + "]" * 100_000 + "}")
    save_position(path, tmp_path, Location("a", cursor=3, top=0))
    assert load_position(path, tmp_path) == (Location("a", cursor=3, top=0), None)


def test_a_named_pipe_as_state_file_is_never_opened(tmp_path):
    path = tmp_path / "state.json"
    os.mkfifo(path)
    location, error = load_position(path, tmp_path)  # would block if it were opened
    assert location is None and "named pipe" in error


def test_a_huge_state_file_is_not_parsed(tmp_path):
    path = tmp_path / "state.json"
    path.write_text('{"corpora": {}, "pad": "' + "x" * 2_000_000 + '"}')
    location, error = load_position(path, tmp_path)
    assert location is None and "larger than" in error


def test_the_remembered_article_file_stays_in_the_corpus(tmp_path):
    from reader.tui.state import remembered_file

    path, corpus = tmp_path / "state.json", tmp_path / "corpus"
    save_position(path, corpus, Location("a"), corpus / "a.yaml")
    assert remembered_file(path, corpus) == corpus / "a.yaml"
    for name in ("../outside.yaml", "/etc/passwd", "..", ""):
        data = json.loads(path.read_text())
        next(iter(data["corpora"].values()))["file"] = name
        path.write_text(json.dumps(data))
        assert remembered_file(path, corpus) is None, name
