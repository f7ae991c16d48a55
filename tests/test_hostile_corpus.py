"""A hostile corpus directory: special files, symlinks out, unreadable parts, huge files.

Each is a problem with the file named and the rest of the corpus still loaded; none is
opened when it must not be (a named pipe would block for ever, a symlink could read any
file on the disk into a message).
"""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import pytest

from reader import limits
from reader.corpus import load_corpus

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = FIXTURES / "corpus"
PROBLEMS = FIXTURES / "problems"


@pytest.fixture
def root(tmp_path) -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(GOOD, root)
    return root


def messages_about(problems, name: str) -> list[str]:
    return [str(p) for p in problems if Path(p.path).name == name]


def assert_rest_loaded(corpus) -> None:
    assert corpus.article("example") is not None


def test_a_named_pipe_is_skipped_never_opened(root):
    os.mkfifo(root / "pipe.yaml")
    corpus, problems = load_corpus(root)  # blocks for ever if the pipe is opened
    assert any(
        "a named pipe, not a regular file" in m for m in messages_about(problems, "pipe.yaml")
    )
    assert_rest_loaded(corpus)


def test_a_socket_and_a_directory_are_skipped(root, tmp_path):
    (root / "folder.yaml").mkdir()
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(root / "sock.yaml"))
        corpus, problems = load_corpus(root)
    assert any("a directory" in m for m in messages_about(problems, "folder.yaml"))
    assert any("a socket" in m for m in messages_about(problems, "sock.yaml"))
    assert_rest_loaded(corpus)


def test_an_entity_catalogue_that_is_a_pipe_is_a_problem(root):
    (root / "entities.yaml").unlink()
    os.mkfifo(root / "entities.yaml")
    corpus, problems = load_corpus(root)
    assert any("named pipe" in m for m in messages_about(problems, "entities.yaml"))
    assert_rest_loaded(corpus)


def test_a_symlink_out_of_the_corpus_is_reported_and_not_read(root, tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text("id: secret\nsource: ''\noutlet: X\ndate: 2016-01-01\nblocks: []\n")
    (root / "link.yaml").symlink_to(secret)
    corpus, problems = load_corpus(root)
    mine = messages_about(problems, "link.yaml")
    assert mine and "outside the corpus" in mine[0] and "never read" in mine[0]
    assert corpus.article("secret") is None
    assert_rest_loaded(corpus)


def test_a_symlink_inside_the_corpus_is_followed(root):
    (root / "sub").mkdir()
    shutil.move(root / "example.yaml", root / "sub" / "example.yaml")
    (root / "example.yaml").symlink_to(root / "sub" / "example.yaml")
    corpus, problems = load_corpus(root)
    assert problems == [] and corpus.article("example") is not None


def test_a_raw_page_that_is_a_symlink_out_is_not_read(root, tmp_path):
    outside = tmp_path / "page.txt"
    shutil.copy(root / "raw" / "example.txt", outside)
    (root / "raw" / "example.txt").unlink()
    (root / "raw" / "example.txt").symlink_to(outside)
    _, problems = load_corpus(root)
    mine = messages_about(problems, "example.yaml")
    assert any("leads outside raw/" in m and "not read" in m for m in mine), mine


def test_a_raw_page_that_is_a_directory_is_a_problem(root):
    (root / "raw" / "example.txt").unlink()
    (root / "raw" / "example.txt").mkdir()
    corpus, problems = load_corpus(root)
    assert any(
        "raw/example.txt: a directory" in m for m in messages_about(problems, "example.yaml")
    )
    assert corpus.article("example") is not None


def test_source_leaving_raw_never_opens_the_file(root, monkeypatch):
    shutil.copy(PROBLEMS / "source_leaves_raw.yaml", root / "source_leaves_raw.yaml")
    opened: list[str] = []
    real_open = Path.read_bytes

    def spy(self):
        opened.append(str(self))
        return real_open(self)

    monkeypatch.setattr(Path, "read_bytes", spy)
    _, problems = load_corpus(root)
    assert not any("passwd" in name for name in opened)
    assert any("source '../" in m for m in messages_about(problems, "source_leaves_raw.yaml"))


def test_an_unreadable_raw_directory_is_one_problem(root, monkeypatch):
    real_listdir = os.listdir

    def listdir(path="."):
        if Path(path).name == "raw":
            raise PermissionError(13, "Permission denied")
        return real_listdir(path)

    monkeypatch.setattr(os, "listdir", listdir)
    corpus, problems = load_corpus(root)
    mine = [str(p) for p in problems if Path(p.path).name == "raw"]
    assert len(mine) == 1 and "Permission denied" in mine[0]
    assert_rest_loaded(corpus)


def test_an_unreadable_corpus_directory_is_a_problem_not_a_crash(root, monkeypatch):
    def listdir(path="."):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "listdir", listdir)
    corpus, problems = load_corpus(root)
    assert corpus.articles == () and "cannot read the directory" in str(problems[0])


def test_a_broken_catalogue_is_one_problem_without_unknown_entity_follow_ons(root):
    shutil.copy(PROBLEMS / "entities_broken_syntax.yaml", root / "entities.yaml")
    corpus, problems = load_corpus(root)
    assert len(messages_about(problems, "entities.yaml")) == 1
    assert not any("unknown entity" in str(p) for p in problems), problems
    assert_rest_loaded(corpus)


def test_a_duplicate_article_id_names_both_files_lines(root):
    shutil.copy(root / "example.yaml", root / "example-copy.yaml")
    _, problems = load_corpus(root)
    [message] = [str(p) for p in problems if "already used" in str(p)]
    # the file read second is the one reported, pointing at the first one's line
    assert "example.yaml:1:5: article id 'example' is already used by" in message
    assert "example-copy.yaml:1:5" in message


LONG_ARTICLE = """\
id: long
source: ""
outlet: Example News
date: 2016-09-28
blocks:
  - headline: A headline
  - paragraph: {text}
"""


def test_an_article_over_the_size_limit_is_refused_unless_the_limit_is_raised(root, monkeypatch):
    (root / "long.yaml").write_text(LONG_ARTICLE.format(text="word " * 60 + "end."))
    monkeypatch.setenv(limits.MAX_ARTICLE_CHARS_ENV, "250")
    corpus, problems = load_corpus(root)
    assert corpus.article("long") is None
    message = " ".join(messages_about(problems, "long.yaml"))
    assert "the article is 316 characters long, over the limit of 250" in message
    assert limits.MAX_ARTICLE_CHARS_ENV in message
    monkeypatch.setenv(limits.MAX_ARTICLE_CHARS_ENV, "1000")
    corpus, problems = load_corpus(root)
    assert corpus.article("long") is not None
    assert messages_about(problems, "long.yaml") == []


def test_a_yaml_file_far_longer_than_an_article_can_be_is_refused(root, monkeypatch):
    monkeypatch.setenv(limits.MAX_ARTICLE_CHARS_ENV, "300")  # files up to 1,200
    _, problems = load_corpus(root)
    message = " ".join(messages_about(problems, "example.yaml"))
    assert "the file is 1,450 characters long, over the limit of 1,200" in message


def test_a_raw_page_over_the_size_limit_is_refused(root, monkeypatch):
    monkeypatch.setenv(limits.MAX_ARTICLE_CHARS_ENV, "400")
    (root / "raw" / "example.txt").write_text("x" * 500, encoding="utf-8")
    _, problems = load_corpus(root)
    assert any("over the limit of 400" in m for m in messages_about(problems, "example.yaml"))


def test_a_file_far_over_the_limit_is_not_even_read(root, monkeypatch):
    monkeypatch.setenv(limits.MAX_ARTICLE_CHARS_ENV, "10")
    with open(root / "huge.yaml", "wb") as handle:
        handle.truncate(10_000)  # sparse: stat says 10 kB
    _, problems = load_corpus(root)
    assert any("it was not read" in m for m in messages_about(problems, "huge.yaml"))


def test_an_unreadable_catalogue_is_one_problem_and_the_articles_load(root, monkeypatch):
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "entities.yaml":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    corpus, problems = load_corpus(root)
    [message] = messages_about(problems, "entities.yaml")
    assert "cannot read it: Permission denied" in message
    assert not any("unknown entity" in str(p) for p in problems)
    assert_rest_loaded(corpus)
