"""`reader check`: summary on success, compiler-style problems and exit codes otherwise."""

from __future__ import annotations

import shutil
from pathlib import Path

from reader.cli import main

FIXTURES = Path(__file__).parent / "fixtures"


def test_sound_corpus_prints_summary_and_exits_0(capsys):
    assert main(["check", str(FIXTURES / "corpus")]) == 0
    out, err = capsys.readouterr()
    assert "sound" in out
    assert "1 article, 1 outlet, 5 entities, 9 mentions, 3 quotes" in out
    assert err == ""


def test_problems_go_to_stderr_and_exit_1(tmp_path, capsys):
    shutil.copytree(FIXTURES / "corpus", tmp_path / "c", ignore=shutil.ignore_patterns("raw"))
    shutil.copy(FIXTURES / "problems" / "anchor_not_found.yaml", tmp_path / "c")
    assert main(["check", str(tmp_path / "c")]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    first = err.splitlines()[0]
    assert first.startswith(str(tmp_path / "c" / "anchor_not_found.yaml") + ":9:33: ")
    assert "1 problem;" in err


def test_missing_directory_is_wrong_usage(tmp_path, capsys):
    assert main(["check", str(tmp_path / "nowhere")]) == 2
    assert "no such directory" in capsys.readouterr().err


def test_misspelt_command_is_wrong_usage_with_a_hint(capsys):
    assert main(["chekc"]) == 2
    assert "did you mean 'reader check'" in capsys.readouterr().err
