"""`reader import` through `reader.cli.main`: what is written, what is refused, exit codes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import reader.annotate.import_work as import_work
import reader.annotate.importer as importer
from reader.cli import main
from reader.corpus import bundled_corpus_path, load_corpus

SEEDS = bundled_corpus_path()
RAW = sorted((SEEDS / "raw").glob("*.txt"))
FIXTURES = Path(__file__).parent / "fixtures"
PAGES = Path(__file__).parent / "pages"


def corpus_files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


def test_imports_every_seed_page_into_a_sound_new_corpus(tmp_path, capsys):
    root = tmp_path / "mine"
    assert main(["import", *map(str, RAW), "--corpus", str(root)]) == 0
    out, err = capsys.readouterr()
    assert "created the corpus directory" in err
    assert "copied the bundled one" in err
    assert len(out.splitlines()) == len(RAW)
    assert "-> " in out and "mentions" in out and "quotes" in out
    corpus, problems = load_corpus(root)
    assert [str(p) for p in problems] == []
    assert len(corpus.articles) == len(RAW)
    assert sorted(p.name for p in (root / "raw").iterdir()) == [p.name for p in RAW]
    for path in RAW:  # raw copies are byte for byte
        assert (root / "raw" / path.name).read_bytes() == path.read_bytes()
    assert main(["check", str(root)]) == 0
    assert not [p for p in root.iterdir() if p.name.startswith(".")]  # no scratch left


def test_ids_come_from_outlet_and_date_and_stay_unique(tmp_path, capsys):
    root = tmp_path / "c"
    tass = SEEDS / "raw" / "004_5c9cc7032a8f1c3d.txt"
    updated = tmp_path / "same_page_updated.txt"
    updated.write_bytes(tass.read_bytes() + b"\nUpdated: a correction was added.\n")
    assert main(["import", str(tass), str(updated), "--corpus", str(root)]) == 0
    ids = sorted(a.id for a in load_corpus(root)[0].articles)
    assert ids == ["tass", "tass-2"]


def test_the_same_text_under_another_name_is_skipped_not_duplicated(tmp_path, capsys):
    root = tmp_path / "c"
    tass = SEEDS / "raw" / "004_5c9cc7032a8f1c3d.txt"
    copy = tmp_path / "same_page_again.txt"
    copy.write_text(tass.read_text(encoding="utf-8").replace("\n", "  \n"), encoding="utf-8")
    assert main(["import", str(tass), str(copy), "--corpus", str(root)]) == 0
    out, err = capsys.readouterr()
    assert f"{copy}: skipped, same text as {root / 'tass.yaml'}" in out
    assert "imported 1, 1 duplicate skipped, 0 problems of 2 inputs" in err
    assert [a.id for a in load_corpus(root)[0].articles] == ["tass"]
    assert sorted(p.name for p in (root / "raw").iterdir()) == [tass.name]


def test_outlet_option_and_explicit_id(tmp_path, capsys):
    root = tmp_path / "c"
    page = PAGES / "news_site_source_footer.txt"
    assert (
        main(["import", str(page), "--corpus", str(root), "--outlet", "Al Jazeera", "--id", "aj-1"])
        == 0
    )
    article = load_corpus(root)[0].article("aj-1")
    assert article.outlet == "Al Jazeera"
    assert "--outlet" in article.outlet_note
    assert (root / "aj-1.yaml").is_file()


def test_never_overwrites_and_says_how_to_proceed(tmp_path, capsys):
    root = tmp_path / "c"
    page = PAGES / "wire_reuters_style.txt"
    assert main(["import", str(page), "--corpus", str(root), "--id", "wire"]) == 0
    before = corpus_files(root)
    written = (root / "wire.yaml").read_bytes()
    capsys.readouterr()

    assert main(["import", str(page), "--corpus", str(root)]) == 0  # resumes: skipped
    out = capsys.readouterr().out
    assert f"{page}: skipped, already imported as {root / 'wire.yaml'}" in out

    other = tmp_path / "other" / "x.txt"
    other.parent.mkdir()
    shutil.copy(PAGES / "state_tv_style.txt", other)
    assert main(["import", str(other), "--corpus", str(root), "--id", "wire"]) == 1
    assert "give another --id" in capsys.readouterr().err

    clash = tmp_path / "other" / page.name  # same name, other text
    clash.write_text("Another page entirely\n\nWith its own words.\n", encoding="utf-8")
    assert main(["import", str(clash), "--corpus", str(root)]) == 1
    assert "rename the file" in capsys.readouterr().err

    assert corpus_files(root) == before
    assert (root / "wire.yaml").read_bytes() == written


def test_bad_inputs_are_reported_and_the_others_still_imported(tmp_path, capsys):
    root = tmp_path / "c"
    good = PAGES / "agency_dash_dateline.txt"
    args = [
        str(FIXTURES / "not_utf8.txt"),
        str(FIXTURES / "only_blank_lines.txt"),
        str(FIXTURES / "nul_byte.txt"),
        str(tmp_path / "missing.txt"),
        str(tmp_path),
        str(good),
    ]
    assert main(["import", *args, "--corpus", str(root)]) == 1
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert f"{FIXTURES / 'not_utf8.txt'}:3:8: not UTF-8 (byte 0xe9)" in err
    assert any(line.startswith(f"{FIXTURES / 'only_blank_lines.txt'}: empty") for line in lines)
    assert f"{FIXTURES / 'nul_byte.txt'}:3:9: a NUL byte" in err
    assert f"{tmp_path / 'missing.txt'}: cannot read" in err
    assert f"{tmp_path}: is a directory" in err
    assert "Traceback" not in err
    assert str(good) in out
    assert [a.source for a in load_corpus(root)[0].articles] == [good.name]


@pytest.mark.parametrize(
    "argv, message",
    [
        (["import", "x.txt"], "--corpus"),
        (["import", "--corpus", "somewhere"], "RAW_FILE"),
        (["import", "a.txt", "b.txt", "--corpus", "{tmp}", "--id", "one"], "single RAW_FILE"),
        (["import", "a.txt", "--corpus", "{tmp}", "--id", "bad id!"], "--id"),
        (["import", "a.txt", "--corpus", str(SEEDS)], "bundled corpus"),
    ],
)
def test_wrong_usage_exits_2(argv, message, tmp_path, capsys):
    argv = [a.replace("{tmp}", str(tmp_path / "c")) for a in argv]
    try:
        code = main(argv)
    except SystemExit as exit_:  # argparse's own usage errors
        code = exit_.code
    assert code == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "c").exists()


def test_a_corpus_path_that_is_a_file_is_wrong_usage(tmp_path, capsys):
    target = tmp_path / "file"
    target.write_text("x")
    assert main(["import", str(RAW[0]), "--corpus", str(target)]) == 2
    assert "not a directory" in capsys.readouterr().err


def test_no_partial_file_when_writing_fails(tmp_path, capsys, monkeypatch):
    root = tmp_path / "c"

    def fail(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(importer, "move_without_replacing", fail)
    assert main(["import", str(PAGES / "wire_reuters_style.txt"), "--corpus", str(root)]) == 1
    assert "No space left on device" in capsys.readouterr().err
    assert [p.name for p in root.iterdir() if p.suffix == ".yaml"] == ["entities.yaml"]
    assert not [p for p in root.iterdir() if p.name.startswith(".")]
    assert list((root / "raw").iterdir()) == []


def test_an_annotation_that_would_not_load_is_not_written(tmp_path, capsys, monkeypatch):
    root = tmp_path / "c"
    real = import_work.article_text
    monkeypatch.setattr(import_work, "article_text", lambda d, h: real(d, h) + "  - paragraph: 3\n")
    assert main(["import", str(PAGES / "wire_reuters_style.txt"), "--corpus", str(root)]) == 1
    err = capsys.readouterr().err
    assert "internal error, nothing written" in err
    assert [p.name for p in root.iterdir() if p.suffix == ".yaml"] == ["entities.yaml"]
    assert list((root / "raw").iterdir()) == []


def test_learn_aliases_adds_the_spelling_and_annotates_it(tmp_path, capsys):
    root = tmp_path / "c"
    page = PAGES / "state_tv_style.txt"
    assert main(["import", str(page), "--corpus", str(root), "--learn-aliases"]) == 0
    out = capsys.readouterr().out
    assert "learned 1 alias" in out
    catalogue = (root / "entities.yaml").read_text(encoding="utf-8")
    assert "      - Jabhat al Nusrah\n" in catalogue
    assert catalogue.startswith((SEEDS / "entities.yaml").read_text(encoding="utf-8")[:200])
    corpus, problems = load_corpus(root)
    assert problems == []
    (article,) = corpus.articles
    assert any(
        article.text[m.span.start : m.span.end] == "Jabhat al Nusrah" for m in article.mentions
    )
    assert "--learn-aliases" in article.notes
    assert (SEEDS / "entities.yaml").read_text(encoding="utf-8").count("Jabhat al Nusrah") == 0


def test_without_learning_the_catalogue_is_untouched(tmp_path, capsys):
    root = tmp_path / "c"
    assert main(["import", str(PAGES / "state_tv_style.txt"), "--corpus", str(root)]) == 0
    assert "1 possible alias in notes" in capsys.readouterr().out
    bundled = (SEEDS / "entities.yaml").read_text(encoding="utf-8")
    assert (root / "entities.yaml").read_text(encoding="utf-8") == bundled


def test_help_describes_the_command(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["import", "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "--learn-aliases" in out and "--corpus DIR" in out
