"""Files written whole or not at all (reader.atomic_files)."""

import os

import pytest

from reader import atomic_files
from reader.atomic_files import move_without_replacing, write_atomically


def test_text_and_bytes_replace_the_file(tmp_path):
    path = tmp_path / "entities.yaml"
    write_atomically(path, "first\n")
    write_atomically(path, "zweite Zeile – ü\n")
    assert path.read_text(encoding="utf-8") == "zweite Zeile – ü\n"
    write_atomically(path, b"\x00bytes")
    assert path.read_bytes() == b"\x00bytes"
    assert os.listdir(tmp_path) == ["entities.yaml"]


def test_a_replaced_file_keeps_its_permissions(tmp_path):
    path = tmp_path / "entities.yaml"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o640)
    write_atomically(path, "new")
    assert path.stat().st_mode & 0o777 == 0o640


def test_a_failed_write_leaves_the_old_file_and_no_scrap(tmp_path, monkeypatch):
    path = tmp_path / "state.json"
    path.write_text("old", encoding="utf-8")

    def full_disk(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic_files.os, "replace", full_disk)
    with pytest.raises(OSError):
        write_atomically(path, "new")
    assert path.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["state.json"]


def test_moving_never_replaces_a_file(tmp_path):
    source, target = tmp_path / "draft", tmp_path / "article.yaml"
    source.write_text("draft", encoding="utf-8")
    target.write_text("kept", encoding="utf-8")
    assert move_without_replacing(source, target) is False
    assert target.read_text(encoding="utf-8") == "kept" and source.exists()
    target.unlink()
    assert move_without_replacing(source, target) is True
    assert target.read_text(encoding="utf-8") == "draft" and not source.exists()


def test_only_if_leaves_the_file_alone_when_it_says_no(tmp_path):
    from reader.atomic_files import write_atomically

    path = tmp_path / "notes.yaml"
    path.write_text("edited by hand\n", encoding="utf-8")
    assert write_atomically(path, "ours\n", only_if=lambda: False) is False
    assert path.read_text(encoding="utf-8") == "edited by hand\n"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.yaml"]
    assert write_atomically(path, "ours\n", only_if=lambda: True) is True
    assert path.read_text(encoding="utf-8") == "ours\n"
