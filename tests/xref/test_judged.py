"""The engine's links with judgements applied, measured against them, exported."""

from __future__ import annotations

import csv
import io
import json

from reader.cli import main
from reader.judgement_file import record_judgement
from reader.xref.evaluate import evaluate
from reader.xref.judged import judged_links
from tests.judged_corpus import (
    FIRST_HEADLINE,
    QUOTE,
    SECOND,
    SECOND_HEADLINE,
    copy_corpus,
    loaded,
    statement,
    the_link,
)


def test_rejected_links_are_hidden_but_can_be_asked_for(tmp_path):
    corpus, xref = loaded(copy_corpus(tmp_path))
    link = the_link(xref)
    record_judgement(corpus, link.source, link.target, "rejected", link.grade)
    view, problems = judged_links(xref)
    assert problems == []
    assert view.all_links() == []
    assert view.links_from(link.source) == []
    (shown,) = view.links_from(link.source, rejected=True)
    assert (shown.target, shown.verdict) == (link.target, "rejected")


def test_confirmed_links_are_marked_and_added_ones_are_there(tmp_path):
    corpus, xref = loaded(copy_corpus(tmp_path))
    link = the_link(xref)
    first = statement(xref, "first", FIRST_HEADLINE)
    second = statement(xref, "second", SECOND_HEADLINE)
    record_judgement(corpus, link.source, link.target, "confirmed", link.grade)
    record_judgement(corpus, first, second, "added", "related")
    view, _ = judged_links(xref)
    verdicts = {(lk.source.text, lk.target.text): (lk.verdict, lk.grade) for lk in view.all_links()}
    assert verdicts == {
        (link.source.text, link.target.text): ("confirmed", "same"),
        (FIRST_HEADLINE, SECOND_HEADLINE): ("added", "related"),
    }
    (added,) = view.links_from(second)
    assert (added.source, added.target, added.verdict) == (second, first, "added")


def test_judgements_survive_computing_again_and_an_edit_elsewhere(tmp_path):
    root = copy_corpus(tmp_path)
    corpus, xref = loaded(root)
    link = the_link(xref)
    first = statement(xref, "first", FIRST_HEADLINE)
    second = statement(xref, "second", SECOND_HEADLINE)
    record_judgement(corpus, link.source, link.target, "rejected", "same")
    record_judgement(corpus, first, second, "added", "related")
    # an unrelated paragraph is edited and a new one comes first: statements move
    path = root / "first.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "  - headline: Markets rose after the central bank held its rates\n",
        "  - headline: Markets rose after the central bank held its rates\n"
        "  - paragraph: Shares in Tokyo closed higher. Traders were calm.\n",
    )
    path.write_text(text, encoding="utf-8")
    corpus, xref = loaded(root)
    quote = statement(xref, "first", QUOTE)
    assert quote.index != link.source.index  # re-segmented: the statement moved
    view, problems = judged_links(xref)
    assert problems == []
    assert [lk.verdict for lk in view.links_from(quote, rejected=True)] == ["rejected"]
    assert [lk.verdict for lk in view.all_links()] == ["added"]


def test_evaluation_counts_the_judged_links():
    from types import SimpleNamespace

    from reader.model import Link, Span, Statement

    def s(article, index):
        return Statement(article, index, Span(index, index + 1), "x")

    links = [
        Link(s("a", 0), s("b", 0), 80.0, "same"),
        Link(s("a", 1), s("b", 1), 45.0, "related"),
        Link(s("a", 2), s("b", 2), 25.0, "related"),
        Link(s("a", 3), s("b", 3), 22.0, "related"),
    ]

    def judged(a, b, verdict):
        return SimpleNamespace(
            pair=frozenset({(a.article_id, a.index), (b.article_id, b.index)}),
            judgement=SimpleNamespace(verdict=verdict),
        )

    judgements = [
        judged(links[0].source, links[0].target, "confirmed"),
        judged(links[1].source, links[1].target, "confirmed"),
        judged(links[2].source, links[2].target, "rejected"),
        judged(s("a", 5), s("b", 5), "added"),  # a link the engine missed
    ]
    result = evaluate(links, judgements)
    assert (result.links, result.judged.judged, result.judged.correct) == (4, 3, 2)
    assert result.by_grade["same"].precision == 1.0
    assert result.by_grade["related"].precision == 0.5
    bands = dict(result.by_band)
    assert bands["20-30"].precision == 0.0 and bands["40-50"].precision == 1.0
    assert (result.judged_correct, result.found) == (3, 2)
    assert result.threshold.score == 45.0
    assert (result.threshold.judged_kept, result.threshold.links_kept) == (2, 2)


def test_cli_eval_and_export(tmp_path, capsys):
    root = copy_corpus(tmp_path)
    corpus, xref = loaded(root)
    link = the_link(xref)
    record_judgement(corpus, link.source, link.target, "confirmed", link.grade, who="ann")
    assert main(["xref", "--corpus", str(root), "--no-cache", "--eval"]) == 0
    out = capsys.readouterr().out
    assert "engine links: 1; judged: 1" in out
    assert "precision of judged links: 1.00 (1 of 1)" in out
    assert main(["xref", "--corpus", str(root), "--no-cache", "--eval", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["schema"] == "reader.xref-eval/1"
    assert document["judged_links"] == {"judged": 1, "correct": 1, "precision": 1.0}
    assert document["threshold"]["score"] == link.score

    assert main(["xref", "--corpus", str(root), "--no-cache", "--judged", "--format", "csv"]) == 0
    (row,) = csv.DictReader(io.StringIO(capsys.readouterr().out))
    assert (row["a_outlet"], row["b_outlet"]) == ("First Outlet", "Second Outlet")
    assert row["a_date"] == "2016-09-28" and QUOTE in row["a_text"] and SECOND in row["b_text"]
    assert (row["verdict"], row["grade"], row["who"]) == ("confirmed", "same", "ann")
    assert main(["xref", "--corpus", str(root), "--no-cache", "--judged", "--format", "jsonl"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert json.loads(line)["engine_grade"] == "same"


def test_cli_links_carry_their_judgement(tmp_path, capsys):
    root = copy_corpus(tmp_path)
    corpus, xref = loaded(root)
    link = the_link(xref)
    record_judgement(corpus, link.source, link.target, "rejected", link.grade)
    assert main(["xref", "--corpus", str(root), "--no-cache", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["links"] == []
    argv = ["xref", "--corpus", str(root), "--no-cache", "--format", "json", "--no-judgements"]
    assert main(argv) == 0
    (shown,) = json.loads(capsys.readouterr().out)["links"]
    assert shown["judgement"] is None
    assert main(["xref", "--corpus", str(root), "--eval", "--format", "csv"]) == 2
