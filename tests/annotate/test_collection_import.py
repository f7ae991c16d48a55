"""`reader import` on a collection: HTML pages, crawler records, CSV and a feed.

The fixtures in tests/annotate/collection/ were written for these tests in the shapes
the tools write (trafilatura's and news-please's JSON, a Media Cloud style CSV, RSS
2.0 with content:encoded), with the furniture real pages carry.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main
from reader.corpus import load_corpus
from reader.entity_file import load_entities

COLLECTION = Path(__file__).parent / "collection"


def run_import(root: Path, *names: str, extra: tuple[str, ...] = ()) -> int:
    return main(["import", *(str(COLLECTION / n) for n in names), "--corpus", str(root), *extra])


def test_an_html_page_keeps_its_original_and_takes_its_metadata(tmp_path, capsys):
    root = tmp_path / "c"
    assert run_import(root, "gulf-herald-lavrov.html") == 0
    corpus, problems = load_corpus(root)
    assert problems == []
    [article] = corpus.articles
    page = COLLECTION / "gulf-herald-lavrov.html"
    assert (root / "raw" / page.name).read_bytes() == page.read_bytes()
    assert article.source == "gulf-herald-lavrov.txt"
    assert article.title == "Lavrov says US failed to separate moderate rebels from Nusra"
    assert article.outlet == "The Gulf Herald"
    assert article.date == "2016-09-29"
    assert article.url.startswith("https://www.gulfherald.example/world/2016/09/29/")
    text = (root / f"{article.id}.yaml").read_text(encoding="utf-8")
    assert 'original: "gulf-herald-lavrov.html"' in text
    assert 'extractor: "trafilatura ' in text and 'author: "Hana Saeed"' in text
    # the page's furniture is not in the article
    for furniture in ("cookies", "Subscribe", "Related articles", "All rights reserved", "gtag"):
        assert furniture not in article.text
    assert "Riyad Hijab" in article.text
    assert any(q.speaker == "lavrov" and q.kind.value == "direct" for q in article.quotes)


def test_a_page_without_metadata_takes_outlet_and_date_from_its_dateline(tmp_path, capsys):
    root = tmp_path / "c"
    assert run_import(root, "regional-press-beirut.html") == 0
    [article] = load_corpus(root)[0].articles
    assert article.outlet == "Regional Press 34"
    assert "dateline" in article.outlet_note
    assert article.date == "2016-09-17"
    assert article.url is None
    entities, _, problems = load_entities(root / "entities.yaml")
    assert problems == []
    outlet = next(e for e in entities.values() if e.name == "Regional Press 34")
    assert outlet.type.value == "media_outlet" and outlet.status == "proposed"
    assert "regional-press-beirut" in outlet.first_seen


def test_records_of_each_layout_import_and_bad_records_are_reported(tmp_path, capsys):
    root = tmp_path / "c"
    names = ("newsplease.jsonl", "trafilatura.json", "archive.csv", "levant-feed.rss")
    assert run_import(root, *names) == 1
    out, err = capsys.readouterr()
    jsonl = COLLECTION / "newsplease.jsonl"
    assert f"{jsonl}:record 2: no article text" in err
    assert f"{jsonl}:record 3: not an object" in err
    assert f"{jsonl}:record 4: date_publish: 'last Thursday' is not a date" in err
    assert f"{COLLECTION / 'levant-feed.rss'}:record 2: only a summary" in err
    assert "Traceback" not in err
    corpus, problems = load_corpus(root)
    assert problems == []
    by_url = {a.url: a for a in corpus.articles}
    assert len(corpus.articles) == 7
    news = by_url["https://www.northernwire.example/world/lavrov-kerry-call"]
    assert (news.outlet, news.date) == ("northernwire.example", "2016-09-29")
    assert news.title == "Lavrov tells Kerry US failed to separate rebels"
    levant = by_url["https://levantdaily.example/syria/army-ends-truce"]
    assert (levant.outlet, levant.date) == ("Levant Daily", "2016-09-19")
    chronicle = by_url["https://easternchronicle.example/2016/09/30/lavrov-geneva"]
    assert chronicle.outlet == "Eastern Chronicle"
    assert any(q.speaker == "lavrov" for q in chronicle.quotes)
    feed = by_url["https://levantdaily.example/syria/deir-ezzor-strikes"]
    assert feed.date == "2016-09-18" and "content" not in feed.text
    for name in names:  # each original kept once, byte for byte
        assert (root / "raw" / name).read_bytes() == (COLLECTION / name).read_bytes()
    assert main(["check", str(root)]) == 0


def test_map_names_the_fields_of_another_layout(tmp_path, capsys):
    root = tmp_path / "c"
    assert run_import(root, "media-cloud.csv") == 1
    assert "name the text's field with --map text=FIELD" in capsys.readouterr().err
    assert run_import(root, "media-cloud.csv", extra=("--map", "text=body,outlet=media_name")) == 0
    [article] = load_corpus(root)[0].articles
    assert (article.outlet, article.date) == ("Coastal Times", "2016-10-01")
    assert article.title == "Moscow rejects US accusations over Aleppo"


@pytest.mark.parametrize("mapping", ["text", "body=text", "text=", "text=a,,nonsense=b"])
def test_a_bad_map_is_wrong_usage(mapping, tmp_path, capsys):
    assert run_import(tmp_path / "c", "archive.csv", extra=("--map", mapping)) == 2
    assert "--map" in capsys.readouterr().err


def test_importing_again_skips_everything_and_a_changed_export_adds_only_the_new(tmp_path, capsys):
    root = tmp_path / "c"
    assert run_import(root, "trafilatura.json", "gulf-herald-lavrov.html") == 0
    before = sorted(p.name for p in root.iterdir())
    capsys.readouterr()
    assert run_import(root, "trafilatura.json", "gulf-herald-lavrov.html") == 0
    out, err = capsys.readouterr()
    assert out.count("skipped, already imported as") == 3
    assert "imported 0, 3 duplicates skipped, 0 problems" in err
    assert sorted(p.name for p in root.iterdir()) == before
    # the same export with one more record: only that one is new
    grown = tmp_path / "trafilatura.json"
    text = (COLLECTION / "archive.csv").read_text(encoding="utf-8")
    grown.write_text(
        (COLLECTION / "trafilatura.json").read_text(encoding="utf-8").rstrip().rstrip("]")
        + ', {"title": "A third story", "text": "'
        + text.splitlines()[1].split('","')[1]
        + '", "date": "2016-09-30", "sitename": "Levant Daily", "url": "https://x.example/3"}]',
        encoding="utf-8",
    )
    assert main(["import", str(grown), "--corpus", str(root)]) == 0
    out, _ = capsys.readouterr()
    assert out.count("skipped, already imported as") == 2
    assert len(load_corpus(root)[0].articles) == 4


@pytest.mark.parametrize(
    "line, message",
    [
        ('url: "javascript:alert(1)"', "is not a web address"),
        ('url: "https://a.example/x y"', "is not a web address"),
        ('original: "../../etc/passwd"', "must be a file name in raw/"),
        ('original: "missing.html"', "is not a file in"),
    ],
)
def test_check_refuses_a_bad_url_or_original(line, message, tmp_path, capsys):
    root = tmp_path / "c"
    assert run_import(root, "gulf-herald-lavrov.html") == 0
    [path] = [p for p in root.glob("*.yaml") if p.name != "entities.yaml"]
    text = path.read_text(encoding="utf-8")
    key = line.split(":")[0]
    text = "\n".join(line if row.startswith(f"{key}:") else row for row in text.split("\n"))
    path.write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert main(["check", str(root)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:" in err and message in err
