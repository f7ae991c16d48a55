"""Names in text (reader.language.names): aliases, near spellings, particles."""

from reader.language import (
    AliasMatcher,
    NearSpellings,
    catalogue_aliases,
    folded,
    is_name_particle,
)
from reader.model import Entity, EntityType

LAVROV = Entity("lavrov", "Sergey Lavrov", EntityType.PERSON, ("Sergei Lavrov", "Lavrov"))
NUSRA = Entity("nusra", "Jabhat al-Nusra", EntityType.ARMED_GROUP, ("Jabhat al-Nusra", "al-Nusra"))
US = Entity("us", "United States", EntityType.PLACE, ("US", "U.S."))
ENTITIES = (LAVROV, NUSRA, US)


def found(matcher, text):
    return [(m.alias, m.entity_id, text[m.span.start : m.span.end]) for m in matcher.find(text)]


def test_catalogue_forms_belong_to_the_first_entity_listing_them():
    twin = Entity("other", "Lavrov", EntityType.PERSON, ("Lavrov",))
    owners = catalogue_aliases([LAVROV, twin])
    assert owners["Lavrov"] == "lavrov"
    assert "Sergey Lavrov" in owners
    assert "Sergey Lavrov" not in catalogue_aliases([LAVROV], with_names=False)


def test_the_longest_form_wins_and_words_stay_whole():
    matcher = AliasMatcher.for_entities(ENTITIES)
    text = "Sergei Lavrov spoke of Jabhat al-Nusra, not of Lavrovism or USAID, in US-led talks."
    assert found(matcher, text) == [
        ("Sergei Lavrov", "lavrov", "Sergei Lavrov"),
        ("Jabhat al-Nusra", "nusra", "Jabhat al-Nusra"),
        ("US", "us", "US"),
    ]


def test_forms_are_printed_forms_case_and_all():
    matcher = AliasMatcher.for_entities(ENTITIES)
    assert found(matcher, "tell us what lavrov said") == []


def test_a_stop_glued_to_the_next_word_is_found_only_when_asked():
    text = "Russia Tells U.S.To Stop"
    assert found(AliasMatcher.for_entities(ENTITIES), text) == [("U.S.", "us", "U.S.")]
    assert found(AliasMatcher.for_entities(ENTITIES, glued_stops=False), text) == []


def test_mentions_are_name_mentions_with_offsets():
    text = "Then Lavrov left."
    [mention] = AliasMatcher.for_entities(ENTITIES).mentions(text)
    assert mention.entity_id == "lavrov" and text[mention.span.start : mention.span.end] == "Lavrov"


def test_near_spellings_resolve_to_the_closest_alias():
    near = NearSpellings(catalogue_aliases(ENTITIES))
    best = near.closest("Jabhat al Nusrah")
    assert best is not None and best.entity_id == "nusra" and 90 <= best.score < 100
    assert near.closest("JABHAT AL-NUSRA").score == 100.0
    assert near.closest("Kremlin") is None and near.closest("") is None
    assert not NearSpellings({})


def test_folding_drops_case_hyphens_and_double_spaces():
    assert folded(" Jabhat  al-Nusra ") == "jabhat al nusra"


def test_name_particles_in_either_case():
    assert is_name_particle("al") and is_name_particle("Al") and is_name_particle("bin")
    assert not is_name_particle("the")
