"""`reader import` when the disk or the user gets in the way: a directory it cannot
write, a full disk or a file-size limit, a directory where a raw file should be, and
Ctrl-C. Always a message, never a traceback, never a half-written or scratch file."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import reader.annotate.importer as importer
from reader.cli import main
from reader.corpus import bundled_corpus_path, load_corpus

PAGES = Path(__file__).parent / "pages"
COLLECTION = Path(__file__).parent / "collection"
RAW = sorted((bundled_corpus_path() / "raw").glob("*.txt"))
REPO = Path(__file__).parents[2]


def leftovers(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.name.startswith(".")]


def test_a_directory_that_cannot_be_written_is_wrong_usage(tmp_path, capsys, monkeypatch):
    def refuse(root):
        raise PermissionError(errno.EACCES, "Permission denied", str(root / "entities.yaml"))

    monkeypatch.setattr(importer, "ensure_catalogue", refuse)
    assert main(["import", str(RAW[0]), "--corpus", str(tmp_path / "c")]) == 2
    err = capsys.readouterr().err
    assert "entities.yaml: cannot write there (Permission denied)" in err
    assert "directory you can write to" in err and "Traceback" not in err


def test_under_a_parent_that_cannot_be_written(tmp_path, capsys, monkeypatch):
    real_mkdir = Path.mkdir

    def mkdir(self, *args, **kwargs):
        if self.name == "c":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", mkdir)
    assert main(["import", str(RAW[0]), "--corpus", str(tmp_path / "c")]) == 2
    assert "cannot write there (Permission denied)" in capsys.readouterr().err
    assert not (tmp_path / "c").exists()


def test_a_full_disk_stops_the_run_with_nothing_half_written(tmp_path, capsys, monkeypatch):
    root = tmp_path / "c"
    real_put = importer._put
    calls = []

    def put(directory, target, data):
        calls.append(target)
        if target.suffix == ".yaml":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_put(directory, target, data)

    monkeypatch.setattr(importer, "_put", put)
    assert main(["import", *map(str, RAW), "--corpus", str(root), "--jobs", "1"]) == 1
    err = capsys.readouterr().err
    assert err.count("No space left on device; nothing written for it") == 1
    assert "stopped: No space left on device" in err
    assert f"{len(RAW) - 1} of {len(RAW)} inputs not done" in err
    assert [p.name for p in root.glob("*.yaml")] == ["entities.yaml"]
    assert list((root / "raw").iterdir()) == [] and leftovers(root) == []


def test_a_file_size_limit_is_a_message_not_a_crash(tmp_path):
    root = tmp_path / "c"
    root.mkdir()
    (root / "entities.yaml").write_bytes((bundled_corpus_path() / "entities.yaml").read_bytes())
    script = (
        "import resource, sys; from reader.cli import main; "
        "resource.setrlimit(resource.RLIMIT_FSIZE, (3000, 3000)); "
        f"sys.exit(main(['import', {str(RAW[1])!r}, '--corpus', {str(root)!r}]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, timeout=120
    )
    assert done.returncode == 1, done.stderr
    assert "File too large" in done.stderr and "Traceback" not in done.stderr
    assert [p.name for p in root.glob("*.yaml")] == ["entities.yaml"]
    assert list((root / "raw").iterdir()) == [] and leftovers(root) == []


def test_a_directory_in_raw_where_the_page_would_go(tmp_path, capsys):
    root = tmp_path / "c"
    (root / "raw" / RAW[0].name).mkdir(parents=True)
    (root / "raw" / "gulf-herald-lavrov.html").mkdir()
    page = COLLECTION / "gulf-herald-lavrov.html"
    assert main(["import", str(RAW[0]), str(page), "--corpus", str(root)]) == 1
    out, err = capsys.readouterr()
    assert f"{root / 'raw' / RAW[0].name} is not a file (a directory?); move it away" in err
    assert "Traceback" not in err
    [article] = load_corpus(root)[0].articles  # the page went in under another name
    assert article.title.startswith("Lavrov says US failed")
    assert main(["check", str(root)]) == 0


def test_ctrl_c_ends_with_a_summary_and_the_same_command_resumes(tmp_path):
    root = tmp_path / "c"
    records = tmp_path / "many.jsonl"
    pages = [p.read_text(encoding="utf-8") for p in sorted(PAGES.glob("*.txt")) + RAW]
    with records.open("w", encoding="utf-8") as handle:
        for n in range(40):
            text = (
                pages[n % len(pages)] + f"\nCorrection {n}: an earlier version misnamed a town.\n"
            )
            record = {"title": f"Story {n} on Syria", "text": text, "url": f"https://x.example/{n}"}
            handle.write(json.dumps(record) + "\n")
    command = [sys.executable, "-m", "reader", "import", str(records), "--corpus", str(root)]
    command += ["--jobs", "2"]
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    process = subprocess.Popen(
        command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    assert process.stdout is not None
    for _ in range(3):  # interrupt once a few articles are in
        process.stdout.readline()
    process.send_signal(signal.SIGINT)
    started = time.monotonic()
    out, err = process.communicate(timeout=60)
    assert time.monotonic() - started < 30
    assert process.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    [summary] = [line for line in err.splitlines() if line.startswith("interrupted:")]
    assert "run the same command again" in summary
    imported = int(summary.split("imported ")[1].split(",")[0])
    assert 3 <= imported < 40
    assert leftovers(root) == []
    corpus, problems = load_corpus(root)
    assert problems == [] and len(corpus.articles) == imported

    again = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert f"imported {40 - imported}, {imported} duplicates skipped, 0 problems" in again.stderr
    assert len(load_corpus(root)[0].articles) == 40


def test_a_record_or_page_over_the_size_limit_is_refused(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("READER_MAX_ARTICLE_CHARS", "200")
    root = tmp_path / "c"
    csv = COLLECTION / "archive.csv"
    assert main(["import", str(csv), str(COLLECTION / "gulf-herald-lavrov.html"), "--corpus",
                 str(root)]) == 1  # fmt: skip
    err = capsys.readouterr().err
    assert f"{csv}:record 1: the text" in err and "READER_MAX_ARTICLE_CHARS" in err
    assert f"{COLLECTION / 'gulf-herald-lavrov.html'}: the text" in err
    assert [p.name for p in root.glob("*.yaml")] == ["entities.yaml"]
