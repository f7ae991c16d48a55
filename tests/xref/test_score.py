from reader.language import AliasMatcher
from reader.model import Entity, EntityType, Span
from reader.xref.score import TermWeights, conflicts, score_pair
from reader.xref.terms import lemma, terms_of_text

ENTITIES = {
    "lavrov": Entity("lavrov", "Sergey Lavrov", EntityType.PERSON, ("Sergei Lavrov", "Lavrov")),
    "nusra": Entity(
        "nusra",
        "Jabhat al-Nusra",
        EntityType.ARMED_GROUP,
        ("Jabhat Fateh al-Sham", "Jabhat al-Nusra", "al-Nusra"),
    ),
    "geneva": Entity("geneva", "Geneva", EntityType.PLACE, ("Geneva",)),
    "munich": Entity("munich", "Munich", EntityType.PLACE, ("Munich",)),
}
MATCHER = AliasMatcher.for_entities(ENTITIES.values(), glued_stops=False)


def terms(text):
    return terms_of_text(text, Span(0, len(text)), MATCHER.mentions(text), ENTITIES)


def test_aliases_become_one_entity_term():
    a = terms("Groups are merging with Jabhat Fateh al-Sham.")
    b = terms("Groups are merging with Jabhat al-Nusra.")
    assert a.terms == b.terms
    assert "@nusra" in a.terms


def test_a_title_before_a_name_is_part_of_the_name():
    assert terms("Foreign Minister Sergei Lavrov spoke.").terms == terms("Lavrov spoke.").terms


def test_lemmas_and_spellings_meet():
    assert lemma("fulfilled") == lemma("fulfill")
    assert lemma("emphasised") == lemma("emphasized")


def test_function_words_are_not_terms():
    assert terms("It is the end that was there.").terms == ("end",)


def test_dates_and_places_are_specifics():
    t = terms("They met in Geneva on September 9, 2016, a Friday.")
    assert t.numbers == {"9", "2016"}
    assert t.months == {"september"}
    assert t.weekdays == {"friday"}
    assert t.places == {"geneva"}
    assert "may" not in terms("He may come.").months


def test_conflicting_specifics():
    assert conflicts(terms("The truce of September 9."), terms("The truce of Feb. 27.")) == (
        "numbers",
        "months",
    )
    assert conflicts(terms("Talks in Geneva ended."), terms("Talks in Munich ended.")) == (
        "places",
    )
    assert conflicts(terms("Talks in Geneva ended."), terms("Talks ended.")) == ()


def weights(*texts):
    return TermWeights.from_statements(terms(t) for t in texts)


FILLER = [
    "The weather in the capital was mild for the season.",
    "Markets rose after the central bank held its rates.",
    "The football club signed a new striker on loan.",
    "Officials opened a new bridge over the river.",
]


def test_translations_of_one_statement_are_same():
    a = terms(
        "Lavrov drew attention to the fact that anti-government units had refused to stick "
        "to the September 9 agreement and were merging with Jabhat Fateh al-Sham."
    )
    b = terms(
        "Lavrov emphasised that anti-government units have refused to carry out the "
        "September 9 agreement and are merging with Jabhat al-Nusra."
    )
    w = weights(*FILLER, "x y z")
    result = score_pair(a, b, w)
    assert result.grade == "same"
    assert result.score == score_pair(b, a, w).score


def test_conflicting_dates_rule_out_same():
    a = terms("Units refused to stick to the September 9 agreement on the truce.")
    b = terms("Units refused to stick to the February 27 agreement on the truce.")
    result = score_pair(a, b, weights(*FILLER))
    assert result.grade != "same"
    assert "numbers" in result.conflicts


def test_unrelated_statements_do_not_link():
    a = terms("Lavrov said the units were merging with al-Nusra near Aleppo.")
    b = terms("The football club signed a new striker on loan.")
    assert score_pair(a, b, weights(*FILLER)).grade is None


def test_too_short_statements_never_link():
    assert score_pair(terms("he said."), terms("he said."), weights(*FILLER)).grade is None


def test_a_headline_inside_a_long_caption_is_not_the_same_statement():
    headline = terms("Lavrov and Kerry discuss the Syria crisis on the phone")
    caption = terms(
        "Lavrov and Kerry attend a press conference after their meeting in Geneva where "
        "they discussed the crisis in Syria on the phone with envoys and ministers"
    )
    result = score_pair(headline, caption, weights(*FILLER))
    assert result.overlap >= 0.4
    assert result.grade == "related"


def test_reporting_verbs_are_not_terms():
    assert terms("Lavrov said, stressed and added that talks ended.").terms == (
        "@lavrov",
        "talk",
        "end",
    )


def test_a_shared_cast_without_a_shared_word_is_no_link():
    # Same people, nothing said in common: a cast list is not a claim.
    a = terms("Lavrov met al-Nusra envoys in Geneva.")
    b = terms("Lavrov condemned al-Nusra shelling in Geneva.")
    assert score_pair(a, b, weights(*FILLER)).grade is None


def test_entities_count_apart_from_words():
    # Two statements sharing their words but naming other people score lower than
    # two sharing both, and higher than two sharing the people only through one word.
    w = weights(*FILLER)
    claim = terms("Lavrov said units were merging with al-Nusra near the front.")
    same_people = terms("Lavrov warned units were merging with al-Nusra near the front.")
    other_people = terms("Kerry warned units were merging with the army near the front.")
    few_words = terms("Lavrov warned al-Nusra about the front.")
    scores = [score_pair(claim, other, w).score for other in (same_people, other_people, few_words)]
    assert scores[0] > scores[1] > 0 and scores[0] > scores[2]
    assert score_pair(claim, same_people, w).score == score_pair(same_people, claim, w).score
