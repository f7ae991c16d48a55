import csv
import io
import json
from pathlib import Path

import pytest

from reader.cli import main

CORPUS = str(Path(__file__).parent.parent / "fixtures" / "xref_corpus")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_xref_json_is_the_documented_schema(capsys):
    code, out, _ = run(capsys, "xref", "--corpus", CORPUS, "--format", "json", "--no-cache")
    assert code == 0
    document = json.loads(out)
    assert document["schema"] == "reader.xref/1.2"
    assert [a["source"] for a in document["articles"]] == ["first.txt", "second.txt"]
    (link,) = document["links"]
    assert link["grade"] == "same"
    assert (link["source"]["article"], link["target"]["article"]) == ("first", "second")
    assert link["source"]["outlet"] == "First Outlet"
    for end in (link["source"], link["target"]):
        assert set(end) == {
            "article",
            "outlet",
            "statement",
            "start",
            "end",
            "text",
            "quote",
            "match",
            "copies",
        }
        assert end["copies"] == []  # no other outlet carried it word for word
        assert end["start"] < end["end"]
        assert end["match"][0] >= end["start"] and end["match"][1] <= end["end"]
    assert link["source"]["quote"] == "q1"
    shared = {term["term"]: term for term in link["why"]["shared"]}
    # The two spellings of one group are one shared entity, by its catalogue name.
    nusra = shared["Jabhat al-Nusra"]
    assert nusra["kind"] == "entity" and nusra["entity"] == "nusra"
    for side, spelling in (("source", "Jabhat Fateh al-Sham"), ("target", "Jabhat al-Nusra")):
        end = link[side]
        ((start, stop),) = nusra[side]
        assert end["text"][start - end["start"] : stop - end["start"]] == spelling
    assert link["why"]["conflicts"] == []


@pytest.mark.parametrize("article", [None, "presstv"])
def test_every_link_of_the_seeds_says_why(capsys, article):
    """Each link names at least two terms both statements hold, found inside both."""
    argv = ["xref", "--format", "json", "--no-cache"]
    code, out, _ = run(capsys, *argv, *(["--article", article] if article else []))
    assert code == 0
    links = json.loads(out)["links"]
    assert links
    for link in links:
        shared = link["why"]["shared"]
        assert len(shared) >= 2
        for term in shared:
            assert term["term"] and term["kind"] in ("entity", "word")
            for side in ("source", "target"):
                end = link[side]
                assert term[side]
                for start, stop in term[side]:
                    assert end["start"] <= start < stop <= end["end"]
        for conflict in link["why"]["conflicts"]:
            assert conflict["kind"] in ("number", "month", "weekday", "place")
            for side in ("source", "target"):
                for found in conflict[side]:
                    start, stop = found["span"]
                    assert link[side]["start"] <= start < stop <= link[side]["end"]


def test_xref_csv_and_table(capsys):
    code, out, _ = run(capsys, "xref", "--corpus", CORPUS, "--format", "csv", "--no-cache")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 1
    assert rows[0]["source_article"] == "first" and rows[0]["grade"] == "same"
    code, out, _ = run(capsys, "xref", "--corpus", CORPUS, "--no-cache")
    assert (
        code == 0
        and "same" in out
        and "first (First Outlet, 2016-09-28)" in out
        and "1 link" in out
    )


def test_xref_for_one_article_and_min_grade(capsys):
    _, out, _ = run(
        capsys,
        "xref",
        "--corpus",
        CORPUS,
        "--article",
        "second",
        "--format",
        "json",
        "--min-grade",
        "same",
        "--no-cache",
    )
    (link,) = json.loads(out)["links"]
    assert link["source"]["article"] == "second" and link["target"]["article"] == "first"


def test_xref_bad_input_gives_a_message_not_a_traceback(capsys, tmp_path):
    code, _, err = run(capsys, "xref", "--corpus", CORPUS, "--article", "nope", "--no-cache")
    assert code == 2 and "no article 'nope'" in err and "first, second" in err
    code, _, err = run(capsys, "xref", "--corpus", str(tmp_path / "missing"))
    assert code == 2 and "no such directory" in err
    (tmp_path / "broken.yaml").write_text("id: [unclosed\n")
    code, out, err = run(capsys, "xref", "--corpus", str(tmp_path), "--no-cache")
    assert code == 0 and "reader check" in err and "no links" in out


def test_xref_uses_the_cache_directory(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = run(capsys, "xref", "--corpus", CORPUS, "--format", "json")
    second = run(capsys, "xref", "--corpus", CORPUS, "--format", "json")
    assert first == second
    assert list(tmp_path.rglob("xref.sqlite"))


def test_entities_prints_coverage_by_outlet(capsys):
    code, out, _ = run(capsys, "entities", "--corpus", CORPUS)
    assert code == 0
    header, *rows = out.splitlines()
    assert header.split()[-4:] == ["First", "Outlet", "Second", "Outlet"]
    assert any(r.startswith("Sergey Lavrov") and r.split()[-3:] == ["2", "1", "1"] for r in rows)
    code, out, _ = run(capsys, "entities", "--corpus", CORPUS, "--format", "json")
    document = json.loads(out)
    assert document["schema"] == "reader.entities/1"
    lavrov = next(e for e in document["entities"] if e["id"] == "lavrov")
    assert lavrov["by_outlet"] == {"First Outlet": 1, "Second Outlet": 1}
