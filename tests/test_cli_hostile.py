"""The installed command on hostile input: a message and an exit code, never a
traceback, a hang or a raw escape code on the terminal."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
PROBLEMS = FIXTURES / "problems"
RAW_CONTROLS = (b"\x1b", b"\x07", b"\xc2\x9b")  # ESC, BEL, CSI (U+009B in UTF-8)


@pytest.fixture(autouse=True)
def scratch_cache(tmp_path, monkeypatch):
    """Runs keep their caches in the test's own directory."""
    for name in ("XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(name, str(tmp_path / "xdg" / name))


def run(*args: str, stdout=subprocess.PIPE) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], stdout=stdout, stderr=subprocess.PIPE, timeout=60
    )


@pytest.fixture
def hostile(tmp_path) -> Path:
    """The good corpus plus an article whose outlet, headline and text carry controls."""
    root = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "corpus", root)
    shutil.copy(PROBLEMS / "escape_codes_in_text.yaml", root)
    return root


def assert_no_raw_controls(result: subprocess.CompletedProcess) -> None:
    for stream in (result.stdout or b"", result.stderr):
        assert not any(c in stream for c in RAW_CONTROLS), stream[:300]
    assert b"Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["check"],
        ["entities", "--corpus"],
        ["xref", "--no-cache", "--corpus"],
        ["xref", "--no-cache", "--format", "json", "--corpus"],
        ["xref", "--no-cache", "--format", "jsonl", "--corpus"],
    ],
)
def test_no_escape_code_reaches_the_output(hostile, args):
    result = run(*args, str(hostile))
    assert_no_raw_controls(result)
    assert result.returncode in (0, 1)


def test_a_table_shows_the_escape_codes_as_text(hostile):
    result = run("entities", "--width", "0", "--corpus", str(hostile))
    assert "Example\\x1b]0;pwned\\x07 News\\x9b2J\\u202e" in result.stdout.decode()


def test_json_keeps_the_exact_text(hostile):
    result = run("entities", "--format", "json", "--corpus", str(hostile))
    assert_no_raw_controls(result)
    names = {e["id"]: e for e in json.loads(result.stdout)["entities"]}
    assert "Example\x1b]0;pwned\x07 News\x9b2J\u202e" in names["lavrov"]["by_outlet"]


def test_csv_to_a_file_stays_exact(hostile, tmp_path):
    with open(tmp_path / "out.csv", "wb") as out:
        run("entities", "--format", "csv", "--corpus", str(hostile), stdout=out)
    assert "Example\x1b]0;pwned\x07 News" in (tmp_path / "out.csv").read_text()


def test_problem_messages_quote_controls_escaped(tmp_path, capsys):
    root = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "corpus", root)
    (root / "t\x1b]0;x\x07.yaml").write_text("id: [\n")
    assert main(["check", str(root)]) == 1
    err = capsys.readouterr().err
    assert "t\\x1b]0;x\\x07.yaml:2:1: YAML syntax error" in err
    assert "\x1b" not in err


def test_a_file_given_as_the_corpus_is_wrong_usage(capsys):
    assert main(["check", str(FIXTURES / "corpus" / "example.yaml")]) == 2
    assert "not a directory" in capsys.readouterr().err


def test_an_unreadable_corpus_directory_is_wrong_usage(tmp_path, capsys, monkeypatch):
    def listdir(path="."):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "listdir", listdir)
    assert main(["check", str(tmp_path)]) == 2
    assert "cannot read the directory: Permission denied" in capsys.readouterr().err


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_device_is_one_line_and_exit_2():
    with open("/dev/full", "wb") as full:
        result = run("check", str(FIXTURES / "corpus"), stdout=full)
    assert result.returncode == 2
    assert result.stderr.decode().strip() == (
        "reader check: cannot write the output: No space left on device"
    )


def test_deep_yaml_and_a_named_pipe_do_not_stop_check(tmp_path):
    root = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "corpus", root)
    shutil.copy(PROBLEMS / "yaml_nested_too_deep.yaml", root)
    (root / "deeper.yaml").write_text("x: " + "[" * 100_000 + "]" * 100_000)
    os.mkfifo(root / "pipe.yaml")
    result = run("check", str(root))
    assert result.returncode == 1 and b"Traceback" not in result.stderr
    err = result.stderr.decode()
    assert "yaml_nested_too_deep.yaml:2:" in err and "deeper.yaml:1:" in err
    assert "pipe.yaml: a named pipe" in err
