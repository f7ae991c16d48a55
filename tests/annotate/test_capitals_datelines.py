"""Names set in capitals: a wire dateline ("MOSCOW -", "BEIRUT, Sept 30 (Agency) -") or a
shouted line. A run of capitals whose case-folded form is a catalogued alias is that
entity, as printed; an unknown dateline place is proposed as a place, not an acronym."""

from __future__ import annotations

import shutil

import pytest

from reader.annotate import annotate_raw
from reader.annotate.new_names import find_new_names
from reader.cli import main
from reader.corpus import bundled_corpus_path, load_corpus
from reader.entity_file import load_entities


@pytest.fixture(scope="module")
def entities():
    found, _, problems = load_entities(bundled_corpus_path() / "entities.yaml")
    assert not problems
    return found


def body_mentions(raw: str, entities) -> list[tuple[str, str]]:
    d = annotate_raw(raw, "page.txt", entities)
    return [(b.text[m.start : m.end], m.entity) for b in d.blocks for m in b.mentions]


def test_a_dateline_in_capitals_is_the_catalogued_place_when_imported(tmp_path, capsys):
    root = tmp_path / "corpus"
    shutil.copytree(bundled_corpus_path(), root)
    page = tmp_path / "lavrov.txt"
    page.write_text(
        "Lavrov speaks on the truce\n\n"
        "MOSCOW - Russian Foreign Minister Sergey Lavrov said on Friday that the truce "
        "in Syria was holding.\n\n"
        "BEIRUT, Sept 30 (Agency) - Fighting went on near Aleppo, activists said.\n",
        encoding="utf-8",
    )
    before = set(load_entities(root / "entities.yaml")[0])
    assert main(["import", str(page), "--corpus", str(root)]) == 0
    capsys.readouterr()
    after, _, problems = load_entities(root / "entities.yaml")
    assert problems == []
    new = {i: after[i] for i in set(after) - before}
    assert not [i for i in new if i.startswith("moscow")]
    # Beirut, where the catalogue lacks it, is proposed as a place
    assert all(e.type.value == "place" for i, e in new.items() if i.startswith("beirut"))
    corpus, problems = load_corpus(root)
    assert problems == []
    article = next(a for a in corpus.articles if a.source == "lavrov.txt")
    found = {(article.text[m.span.start : m.span.end], m.entity_id) for m in article.mentions}
    assert ("MOSCOW", "moscow") in found
    beirut = [i for i, e in after.items() if "Beirut" in (e.name, *e.aliases)]
    if beirut:  # a catalogue that knows Beirut: the dateline is it
        assert ("BEIRUT", beirut[0]) in found


@pytest.mark.parametrize(
    "raw, printed, entity",
    [
        ("Talks\n\nMOSCOW - Lavrov said on Friday the truce held.\n", "MOSCOW", "moscow"),
        ("Talks\n\nUNITED NATIONS - The envoy said the truce held.\n", "UNITED NATIONS", "un"),
        ("Talks\n\nMOSCOW, Sept 30 (Agency) - Lavrov said it held.\n", "MOSCOW", "moscow"),
        ("RUSSIA WARNS NATO\n\nLavrov said on Friday the truce held.\n", "RUSSIA", "russia"),
    ],
)  # fmt: skip
def test_names_in_capitals_resolve_to_their_aliases(entities, raw, printed, entity):
    assert (printed, entity) in body_mentions(raw, entities)


def test_acronyms_in_the_catalogue_still_match(entities):
    raw = "Talks\n\nThe UN and the JIC met on ISIS in Geneva, Lavrov said on Friday.\n"
    found = {printed for printed, _ in body_mentions(raw, entities)}
    assert {"UN", "JIC", "ISIS"} <= found


@pytest.mark.parametrize(
    "text, name",
    [
        ("KHARTOUM - The minister said on Friday the truce held.", "KHARTOUM"),
        ("KHARTOUM \u2013 The minister said on Friday the truce held.", "KHARTOUM"),
        ("NEW YORK, Sept 30 (Agency) - The minister said it held.", "NEW YORK"),
    ],
)
def test_an_unknown_dateline_place_is_a_place(text, name):
    found = {(c.text, c.type.value) for c in find_new_names(text, [])}
    assert (name, "place") in found
    assert not [c for c in find_new_names(text, []) if c.cue == "an acronym"]


def test_an_unknown_word_in_capitals_inside_a_sentence_stays_an_acronym():
    found = {(c.text, c.type.value) for c in find_new_names("the JIC said on Friday", [])}
    assert ("JIC", "organisation") in found


def test_a_place_first_seen_in_a_capitals_dateline_is_catalogued_in_mixed_case(tmp_path, capsys):
    root = tmp_path / "corpus"
    shutil.copytree(bundled_corpus_path(), root)
    page = tmp_path / "khartoum.txt"
    page.write_text(
        "Talks resume\n\n"
        "KHARTOUM, Oct 2 (Agency) - Negotiators met again on Sunday, officials said.\n",
        encoding="utf-8",
    )
    assert main(["import", str(page), "--corpus", str(root)]) == 0
    capsys.readouterr()
    entities, _, problems = load_entities(root / "entities.yaml")
    assert problems == []
    (place,) = [e for e in entities.values() if "KHARTOUM" in e.aliases]
    assert place.name == "Khartoum"  # the name, not the dateline's typography
    corpus, problems = load_corpus(root)
    assert problems == []
    article = next(a for a in corpus.articles if a.source == "khartoum.txt")
    assert ("KHARTOUM", place.id) in {
        (article.text[m.span.start : m.span.end], m.entity_id) for m in article.mentions
    }
