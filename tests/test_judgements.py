"""judgements.yaml: read, checked, written without losing what a person wrote."""

from __future__ import annotations

import pytest

from reader.cli import main
from reader.judgement_file import JudgementFileError, clear_judgement, record_judgement
from reader.judgements import (
    check_judgements,
    judgements_path,
    load_judgements,
    resolve_judgements,
)
from tests.judged_corpus import (
    FIRST_HEADLINE,
    SECOND_HEADLINE,
    copy_corpus,
    loaded,
    statement,
    the_link,
)


def test_a_judgement_round_trips_through_the_file_and_check(tmp_path, capsys):
    root = copy_corpus(tmp_path)
    corpus, xref = loaded(root)
    link = the_link(xref)
    record_judgement(corpus, link.source, link.target, "confirmed", link.grade, who="ann")
    path = judgements_path(root)
    (judgement,), problems = load_judgements(path)
    assert problems == []
    assert (judgement.verdict, judgement.grade, judgement.who) == ("confirmed", "same", "ann")
    assert judgement.when.startswith("20") and "T" in judgement.when
    assert (judgement.a.article, judgement.a.exact) == (link.source.article_id, link.source.text)
    (resolved,), orphans = resolve_judgements(corpus, [judgement], xref.statements, path)
    assert orphans == []
    assert {resolved.a, resolved.b} == {link.source, link.target}
    assert main(["check", str(root)]) == 0
    assert "1 judgement" in capsys.readouterr().out


def test_who_defaults_to_the_user_in_the_environment(tmp_path, monkeypatch):
    monkeypatch.delenv("READER_USER", raising=False)
    monkeypatch.setenv("USER", "maria")
    corpus, xref = loaded(copy_corpus(tmp_path))
    link = the_link(xref)
    record_judgement(corpus, link.source, link.target, "rejected")
    (judgement,), _ = load_judgements(judgements_path(corpus.root))
    assert judgement.who == "maria"


def test_judging_again_replaces_and_clear_removes(tmp_path):
    corpus, xref = loaded(copy_corpus(tmp_path))
    link = the_link(xref)
    record_judgement(corpus, link.source, link.target, "confirmed", "same")
    # the other way round is the same pair
    record_judgement(corpus, link.target, link.source, "rejected", "same")
    judgements, _ = load_judgements(judgements_path(corpus.root))
    assert [j.verdict for j in judgements] == ["rejected"]
    clear_judgement(corpus, link.source, link.target)
    assert load_judgements(judgements_path(corpus.root)) == ([], [])


def test_hand_edits_comments_and_unknown_fields_are_kept(tmp_path):
    corpus, xref = loaded(copy_corpus(tmp_path))
    link = the_link(xref)
    headlines = statement(xref, "first", FIRST_HEADLINE), statement(xref, "second", SECOND_HEADLINE)
    record_judgement(corpus, link.source, link.target, "confirmed", "same")
    path = judgements_path(corpus.root)
    # a person edits the file while the reader runs: a comment, a field of their own
    text = path.read_text(encoding="utf-8")
    text = text.replace("judgements:\n", "judgements:\n  # checked against the readout\n")
    text = text.replace("    who:", "    source_checked: yes\n    who:", 1)
    path.write_text(text + "# end of my notes\n", encoding="utf-8")
    record_judgement(corpus, *headlines, "added", "related")
    record_judgement(corpus, link.target, link.source, "rejected", "same")
    after = path.read_text(encoding="utf-8")
    assert "# checked against the readout" in after
    assert "# end of my notes" in after
    judgements, _ = load_judgements(path)
    assert sorted(j.verdict for j in judgements) == ["added", "rejected"]
    clear_judgement(corpus, *headlines)
    after = path.read_text(encoding="utf-8")
    assert "added" not in after and "# end of my notes" in after


def test_an_unreadable_file_is_never_overwritten(tmp_path):
    corpus, xref = loaded(copy_corpus(tmp_path))
    link = the_link(xref)
    path = judgements_path(corpus.root)
    broken = "version: 1\njudgements:\n  - verdict: [confirmed\n"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(JudgementFileError, match=r"judgements.yaml:\d+:\d+: .*nothing was written"):
        record_judgement(corpus, link.source, link.target, "confirmed", "same")
    assert path.read_text(encoding="utf-8") == broken
    assert not [p for p in path.parent.iterdir() if p.suffix == ".tmp"]


def test_a_file_changed_while_writing_is_read_again(tmp_path, monkeypatch):
    import reader.judgement_file as judgement_file

    corpus, xref = loaded(copy_corpus(tmp_path))
    link = the_link(xref)
    headlines = statement(xref, "first", FIRST_HEADLINE), statement(xref, "second", SECOND_HEADLINE)
    record_judgement(corpus, *headlines, "added", "related", who="hand")
    path = judgements_path(corpus.root)
    replace = judgement_file._replace_if_unchanged
    edits = []

    def edited_meanwhile(target, before, text):
        if not edits:  # the person saves a note between our read and our write
            edits.append(True)
            target.write_text(target.read_text(encoding="utf-8") + "# saved meanwhile\n")
        return replace(target, before, text)

    monkeypatch.setattr(judgement_file, "_replace_if_unchanged", edited_meanwhile)
    record_judgement(corpus, link.source, link.target, "confirmed", "same")
    text = path.read_text(encoding="utf-8")
    assert "# saved meanwhile" in text and "verdict: confirmed" in text
    assert len(load_judgements(path)[0]) == 2


def test_check_reports_orphans_and_bad_fields_where_they_are(tmp_path, capsys):
    root = copy_corpus(tmp_path)
    path = judgements_path(root)
    path.write_text(
        "version: 1\n"
        "judgements:\n"
        "  - verdict: confirmed\n"
        "    a: {article: first, exact: Markets rose after the central bank}\n"
        "    b: {article: second, exact: The hockey club signed a new striker}\n"
        "  - verdict: maybe\n"
        "    a: {article: first, exact: Markets rose}\n"
        "    b: {article: second, exact: The football club}\n"
        "    wen: 2016-09-28\n"
        "  - verdict: added\n"
        "    a: {article: first, exact: Markets rose}\n"
        "    b: {article: nowhere, exact: The football club}\n",
        encoding="utf-8",
    )
    assert main(["check", str(root)]) == 1
    err = capsys.readouterr().err.splitlines()
    where = str(path)
    assert any(
        line.startswith(f"{where}:5:33: ")
        and "no longer found" in line
        and 'closest: "The football club signed a new stri' in line
        for line in err
    ), err
    assert any(line.startswith(f"{where}:6:14: ") and "'maybe'" in line for line in err)
    assert any(line.startswith(f"{where}:9:5: ") and "did you mean 'when'" in line for line in err)
    assert any(line.startswith(f"{where}:10:") and "needs its grade" in line for line in err)


def test_the_same_words_twice_are_told_apart_by_occurrence(tmp_path):
    root = copy_corpus(tmp_path)
    second = root / "second.yaml"
    text = second.read_text(encoding="utf-8")
    line = "  - paragraph: The football club signed a new striker on loan\n"
    second.write_text(text + line, encoding="utf-8")
    corpus, xref = loaded(root)
    first = statement(xref, "first", FIRST_HEADLINE)
    repeated = xref.statements("second")[-1]
    assert repeated.text == SECOND_HEADLINE and repeated.index > 0
    record_judgement(corpus, first, repeated, "added", "related")
    (judgement,), _ = load_judgements(judgements_path(root))
    assert judgement.b.occurrence == 2
    (resolved,), _ = resolve_judgements(corpus, [judgement], xref.statements, root)
    assert resolved.b == repeated
    assert check_judgements(corpus) == []


def test_an_empty_or_flow_style_list_is_written_out_keeping_comments_and_fields(tmp_path):
    corpus, xref = loaded(copy_corpus(tmp_path))
    link = the_link(xref)
    headlines = statement(xref, "first", FIRST_HEADLINE), statement(xref, "second", SECOND_HEADLINE)
    path = judgements_path(corpus.root)
    path.write_text("# my project's verdicts\nversion: 1\njudgements: []\n", encoding="utf-8")
    record_judgement(corpus, link.source, link.target, "confirmed", "same")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# my project's verdicts\n")
    assert [j.verdict for j in load_judgements(path)[0]] == ["confirmed"]
    flow = (
        "# flow style, by hand\nversion: 1\njudgements: [{verdict: added, grade: related, "
        f"a: {{article: first, exact: {FIRST_HEADLINE}}}, "
        f"b: {{article: second, exact: {SECOND_HEADLINE}}}, who: hand, checked: yes}}]\n"
    )
    path.write_text(flow, encoding="utf-8")
    record_judgement(corpus, link.source, link.target, "rejected", "same")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# flow style, by hand\n") and "checked: true" in text
    judgements, problems = load_judgements(path)
    assert [j.verdict for j in judgements] == ["rejected"]  # the other has a field of its own:
    assert ["unknown field 'checked'" in str(p) for p in problems] == [True]  # kept, reported
    clear_judgement(corpus, *headlines)
    assert "checked" not in path.read_text(encoding="utf-8")
    after, problems = load_judgements(path)
    assert [(j.verdict, j.a.exact) for j in after] == [("rejected", link.source.text)]
    assert problems == []
