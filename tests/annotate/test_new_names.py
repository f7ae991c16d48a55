"""New names: found by their cues, spelled variants resolved, grouped across a
collection, proposed in the catalogue, listed by `reader entities --proposed`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.annotate.new_names import find_new_names
from reader.cli import main
from reader.corpus import load_corpus
from reader.entity_file import load_entities
from reader.language.transliteration import name_key, same_name

COLLECTION = Path(__file__).parent / "collection"


@pytest.mark.parametrize(
    "text, name, kind",
    [
        ("Syrian opposition leader Riyad Hijab rejected it.", "Riyad Hijab", "person"),
        ("with Ethiopian counterpart Tedros Adhanom, he said", "Tedros Adhanom", "person"),
        ("spokeswoman Maria Zakharova’s remarks", "Maria Zakharova", "person"),
        ("Fighters of the Nour al-Din al-Zenki Brigade attacked", "Nour al-Din al-Zenki Brigade",
         "armed_group"),
        ("units of Jaish al-Fatah advanced", "Jaish al-Fatah", "armed_group"),
        ("the Ahrar al-Sham group said", "Ahrar al-Sham", "armed_group"),
        ("The Syrian Observatory for Human Rights said", "Syrian Observatory for Human Rights",
         "organisation"),
        ("the Turkish Foreign Ministry said", "Turkish Foreign Ministry", "government_body"),
        ("fighting near Deir ez-Zor on Sunday", "Deir ez-Zor", "place"),
    ],
)  # fmt: skip
def test_names_are_found_by_their_cues(text, name, kind):
    found = {(c.text, c.type.value) for c in find_new_names(text, [])}
    assert (name, kind) in found


@pytest.mark.parametrize(
    "text",
    [
        "Russian Deputy Prime Minister said",  # a title is not a name
        "talks in September and on Monday",
        "The minister said nothing.",
    ],
)
def test_titles_months_and_plain_words_are_not_names(text):
    assert find_new_names(text, []) == []


def test_spans_already_annotated_are_left_alone():
    text = "Syrian opposition leader Riyad Hijab rejected it."
    start = text.index("Riyad")
    assert find_new_names(text, [(start, start + 5)]) == []


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("Sergej Lavrov", "Sergey Lavrov", True),
        ("Sergei Lavroff", "Sergey Lavrov", True),
        ("Riyad Hijab", "Riad Hijab", True),
        ("Maria Zakharova", "Maria Zaharova", True),
        ("John Kerry", "John Kirby", False),
        ("Sergey Lavrov", "Sergey Shoigu", False),
    ],
)
def test_transliteration_variants(a, b, same):
    assert same_name(a, b) is same
    if not same:
        assert name_key(a) != name_key(b)


def test_a_collection_s_new_names_are_proposed_once_and_variants_resolve(tmp_path, capsys):
    root = tmp_path / "c"
    other = tmp_path / "coordinator.txt"
    other.write_text(
        "Opposition rejects Moscow's claims\n\n"
        "Opposition coordinator Riad Hijab said on Sunday that the rebels had kept the truce.\n\n"
        "“We kept every promise we made,” Riad Hijab told reporters.\n",
        encoding="utf-8",
    )
    pages = [COLLECTION / "gulf-herald-lavrov.html", COLLECTION / "regional-press-beirut.html"]
    assert main(["import", *map(str, pages), str(other), "--corpus", str(root)]) == 0
    assert re.search(r"\d+ new names? proposed in entities.yaml", capsys.readouterr().err)
    entities, _, problems = load_entities(root / "entities.yaml")
    assert problems == []
    hijab = [e for e in entities.values() if "Hijab" in e.aliases]
    assert len(hijab) == 1, "one entity for both spellings"
    [hijab_entity] = hijab
    assert {"Riyad Hijab", "Riad Hijab"} <= set(hijab_entity.aliases)
    assert hijab_entity.type.value == "person" and hijab_entity.status == "proposed"
    assert hijab_entity.first_seen.startswith("raw/gulf-herald-lavrov.txt line ")
    # spellings of a known name join it, noted in the article
    assert {"Sergej Lavrov", "Sergei Lavroff"} <= set(entities["lavrov"].aliases)
    corpus, problems = load_corpus(root)
    assert problems == []
    beirut = next(a for a in corpus.articles if a.source == "regional-press-beirut.txt")
    lavroff = next(q for q in beirut.quotes if "keep Nusra out" in beirut.text[q.span.start :])
    assert lavroff.speaker == "lavrov"
    coordinator = next(a for a in corpus.articles if a.source == "coordinator.txt")
    assert {m.entity_id for m in coordinator.mentions} >= {hijab_entity.id}
    assert any(q.speaker == hijab_entity.id for q in coordinator.quotes)
    assert "proposed by reader import" in coordinator.notes

    capsys.readouterr()
    assert main(["entities", "--corpus", str(root), "--proposed"]) == 0
    out = capsys.readouterr().out
    assert f"{hijab_entity.id}  person" in out and "Riad Hijab" in out
    assert "accept, merge or reject" in out
    assert main(["entities", "--corpus", str(root), "--proposed", "--format", "json"]) == 0
    assert '"first_seen": "raw/gulf-herald-lavrov.txt line' in capsys.readouterr().out


@pytest.mark.parametrize(
    "text, name, kind, same_as",
    [
        ("The International Syria Support Group (ISSG) met.", "ISSG", "organisation",
         "International Syria Support Group"),
        ("US-led strikes", "US", "place", None),
        ("the JIC said", "JIC", "organisation", None),
        ("strikes in Yemen and Qatar", "Qatar", "place", None),
        ("Mr Hijab said", "Mr Hijab", "person", None),
        ("BEIRUT, September 17, 2016 (Agency) - Fighting", "BEIRUT", "place", None),
    ],
)  # fmt: skip
def test_acronyms_countries_and_honorifics(text, name, kind, same_as):
    found = {(c.text, c.type.value, c.same_as) for c in find_new_names(text, [])}
    assert (name, kind, same_as) in found


def test_a_line_in_capitals_gives_no_acronyms():
    assert find_new_names("RUSSIA TELLS US TO STOP", []) == []
