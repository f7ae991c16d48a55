"""The article list's filters and orders, without the app."""

import pytest

from reader.article_filter import (
    DATE,
    OUTLET,
    ArticleFilter,
    ArticleIndex,
    FilterError,
    describe,
    parse_filter,
)
from reader.model import Entity, EntityType
from tests.articles import make_article

ENTITIES = {
    "lavrov": Entity("lavrov", "Sergey Lavrov", EntityType.PERSON, ("Sergei Lavrov", "Lavrov")),
    "nusra": Entity("nusra", "Jabhat al-Nusra", EntityType.ARMED_GROUP, ("Jabhat Fateh al-Sham",)),
    "kerry": Entity("kerry", "John Kerry", EntityType.PERSON, ("Kerry",)),
}


def article(article_id, outlet, date, text, mentions=()):
    return make_article(article_id, [text], outlet=outlet, date=date, mentions=list(mentions))


ARTICLES = [
    article(
        "b",
        "TASS",
        "2016-09-28",
        "Lavrov called Kerry about the truce.",
        [("lavrov", "Lavrov"), ("kerry", "Kerry")],
    ),
    article("a", "Press TV", "2016-09-09", "The truce began in Geneva.", []),
    article(
        "c",
        "SANA",
        "2016-06-02",
        "Jabhat Fateh al-Sham broke the TRUCE.",
        [("nusra", "Jabhat Fateh al-Sham")],
    ),
    article("d", None, None, "An undated page about Lavrov.", [("lavrov", "Lavrov")]),
    article(
        "e", "TASS", "2016-10-01", "Sergei Lavrov spoke in Moscow.", [("lavrov", "Sergei Lavrov")]
    ),
]


@pytest.fixture(scope="module")
def index():
    return ArticleIndex(ARTICLES)


def ids(index, query):
    return [a.id for a in index.select(parse_filter(query, ENTITIES))]


def test_no_filter_lists_every_article_by_date_undated_last(index):
    assert ids(index, "") == ["c", "a", "b", "e", "d"]


def test_sort_by_outlet_then_date(index):
    assert ids(index, "sort:outlet") == ["a", "c", "b", "e", "d"]
    assert parse_filter("sort:outlet", ENTITIES).sort == OUTLET
    assert parse_filter("", ENTITIES).sort == DATE


def test_words_must_all_be_in_the_article_in_any_case(index):
    assert ids(index, "truce") == ["c", "a", "b"]
    assert ids(index, "TRUCE kerry") == ["b"]
    # A quoted phrase is one term.
    assert ids(index, '"truce began"') == ["a"]
    assert ids(index, "ceasefire") == []


def test_outlet_is_a_part_of_its_name(index):
    assert ids(index, "outlet:tass") == ["b", "e"]
    assert ids(index, 'outlet:"press tv"') == ["a"]
    assert ids(index, "outlet:unknown") == ["d"]


def test_date_range_takes_years_months_and_days(index):
    assert ids(index, "since:2016-09") == ["a", "b", "e"]
    assert ids(index, "until:2016-09") == ["c", "a", "b"]
    assert ids(index, "since:2016-09-10 until:2016-09-30") == ["b"]
    assert ids(index, "since:2016") == ["c", "a", "b", "e"]  # the undated article is out


def test_entity_by_id_name_alias_or_part_whatever_the_spelling(index):
    assert ids(index, "entity:lavrov") == ["b", "e", "d"]
    assert ids(index, 'entity:"Sergei Lavrov"') == ["b", "e", "d"]
    assert ids(index, "entity:nusra") == ["c"]
    assert ids(index, "entity:fateh") == ["c"]
    assert ids(index, "entity:lavrov sort:outlet since:2016-09-28 truce") == ["b"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("since:yesterday", "since:yesterday: not a date"),
        ("until:2016-9", "until:2016-9: not a date"),
        ("entity:putin", "entity:putin: no entity"),
        ("sort:title", "sort:title: sort by date or outlet"),
    ],
)
def test_a_query_that_cannot_be_read_says_why(query, message):
    with pytest.raises(FilterError, match=message):
        parse_filter(query, ENTITIES)


def test_words_with_colons_that_are_no_field_stay_words(index):
    assert parse_filter("10:30 http://x", ENTITIES).words == ("10:30", "http://x")


def test_a_field_still_being_typed_narrows_nothing(index):
    assert not parse_filter("outlet:", ENTITIES).narrows
    assert ids(index, "truce outlet:") == ids(index, "truce")


def test_describe_says_how_many_and_why(index):
    wanted = parse_filter("outlet:tass truce", ENTITIES)
    shown = index.select(wanted)
    assert describe(wanted, len(shown), 5) == '1 of 5 articles by date: outlet tass, "truce"'
    assert describe(ArticleFilter(), 5, 5) == "5 articles by date"


def test_a_narrower_query_gives_what_a_fresh_index_gives(index):
    """Typing a letter at a time looks only at the last result; the result is the same."""
    typed = ""
    for letter in "outlet:tass lavrov":
        typed += letter
        fresh = ArticleIndex(ARTICLES).select(parse_filter(typed, ENTITIES))
        assert index.select(parse_filter(typed, ENTITIES)) == fresh
    # Rubbing letters out widens again.
    assert ids(index, "outlet:t") == ["a", "b", "e", "d"]  # "unknown outlet" too
    assert ids(index, "truce") == ["c", "a", "b"]
