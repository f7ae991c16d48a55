"""`reader xref` and `reader entities` tables: fitted to the width, nothing cut."""

import re

import pytest

from reader.cli import main
from reader.corpus import bundled_corpus_path, load_corpus


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


@pytest.fixture(scope="module")
def seeds():
    corpus, problems = load_corpus(bundled_corpus_path())
    assert not problems
    return corpus


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("width", [60, 80, 120])
def test_entities_fit_the_width_and_keep_every_name(capsys, seeds, width):
    out = run(capsys, "entities", "--width", str(width))
    assert max(len(line) for line in out.splitlines()) <= width
    table = out.split("\n\n")[0].splitlines()
    # The name column, read down: a wrapped name continues on the next lines.
    name_width = table[0].index("type")
    names = words(" ".join(line[:name_width] for line in table))
    for entity in seeds.entities.values():
        assert entity.name in names
    header = table[: next(n for n, line in enumerate(table) if re.search(r"\d", line))]
    header_words = set(words(" ".join(header)).split())
    outlets = sorted({a.outlet_label for a in seeds.articles})
    left_out = [o for o in outlets if not set(o.split()) <= header_words]
    if left_out:
        note = words(out.split("\n\n")[1])
        assert note.startswith(f"{len(left_out)} outlet") and "--width 0" in note
        assert all(o in note for o in left_out)
    else:
        assert "left out" not in out


def test_entities_without_a_width_limit_keep_one_line_a_row(capsys, seeds):
    out = run(capsys, "entities", "--width", "0")
    assert len(out.splitlines()) == 1 + len(seeds.entities)


def test_entities_into_a_pipe_are_100_columns(capsys, monkeypatch):
    # capsys's stdout is no terminal, as a pipe is not.
    monkeypatch.delenv("COLUMNS", raising=False)
    out = run(capsys, "entities")
    assert max(len(line) for line in out.splitlines()) <= 100
    monkeypatch.setenv("COLUMNS", "70")
    out = run(capsys, "entities")
    assert max(len(line) for line in out.splitlines()) <= 70


@pytest.mark.parametrize("width", [60, 100])
def test_xref_table_shows_every_statement_whole_within_the_width(capsys, seeds, width):
    out = run(capsys, "xref", "--width", str(width), "--no-cache")
    assert max(len(line) for line in out.splitlines()) <= width
    flowing = words(out)
    from reader.xref import cross_reference

    links = cross_reference(seeds, cache=False).all_links()
    assert f"{len(links)} links" in out
    for link in links:
        for statement in (link.source, link.target):
            assert words(statement.text) in flowing


def test_xref_table_says_why_each_link_was_made(capsys):
    out = run(capsys, "xref", "--width", "0", "--no-cache")
    blocks = out.split("\n\n")[:-1]
    assert blocks
    for block in blocks:
        (shared,) = re.findall(r"^  shared: (.*)$", block, re.M)
        assert len(shared.split(", ")) >= 2


def test_xref_short_table_puts_each_statement_on_one_line(capsys):
    out = run(capsys, "xref", "--short", "--width", "70", "--no-cache")
    statement_lines = [
        line for line in out.splitlines() if re.match(r"  \S+ \(.*\) \d+-\d+: ", line)
    ]
    assert statement_lines and all(len(line) <= 70 for line in statement_lines)
    assert any(line.endswith(" ...") for line in statement_lines)
    lines = out.splitlines()
    for line, after in zip(lines, lines[1:], strict=False):
        if line in statement_lines:
            assert not after.startswith("    ")


def test_xref_help_is_self_contained_and_explains_grade_and_score(capsys):
    with pytest.raises(SystemExit) as exit:
        main(["xref", "--help"])
    assert exit.value.code == 0
    out = capsys.readouterr().out
    assert "docs/" not in out and ".md" not in out
    assert re.search(r"^score: 0-100", out, re.M)
    assert re.search(r"^grade: same = one statement reported twice", out, re.M)
    assert "related = the same claim in other words" in out


def test_a_negative_width_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit:
        main(["entities", "--width", "-3"])
    assert exit.value.code == 2
    assert "must be 0 or more" in capsys.readouterr().err


def test_xref_table_gives_each_article_date_and_how_far_apart_they_are(capsys, seeds):
    out = run(capsys, "xref", "--width", "0", "--no-cache")
    from reader.xref import cross_reference

    dated = {a.id: a.date for a in seeds.articles}
    for link, block in zip(
        cross_reference(seeds, cache=False).all_links(), out.split("\n\n"), strict=False
    ):
        head = block.splitlines()[0]
        one, other = dated[link.source.article_id], dated[link.target.article_id]
        assert (
            f"({seeds.article(link.source.article_id).outlet_label}, {one or 'undated'})" in block
        )
        if one and other and one != other:
            assert re.search(r"\d+ days? apart$", head)
        else:
            assert "apart" not in head


def test_names_in_the_why_reach_the_terminal_escaped(capsys, tmp_path):
    import shutil
    from pathlib import Path

    corpus = tmp_path / "corpus"
    shutil.copytree(Path(__file__).parent.parent / "fixtures" / "xref_corpus", corpus)
    catalogue = corpus / "entities.yaml"
    catalogue.write_text(
        catalogue.read_text().replace("name: Jabhat al-Nusra", 'name: "Jabhat\\e[31m al-Nusra"')
    )
    out = run(capsys, "xref", "--corpus", str(corpus), "--width", "0", "--no-cache")
    (shared,) = re.findall(r"^  shared: (.*)$", out, re.M)
    assert "Jabhat\\x1b[31m al-Nusra" in shared
    assert "\x1b" not in out
