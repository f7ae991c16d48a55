from reader.anchors import Ambiguous, NoSuchOccurrence, NotFound, Selector, resolve_anchor
from reader.model import Span

TEXT = "Lavrov said that Lavrov was right, and Lavrov left."


def test_unique_match():
    assert resolve_anchor(TEXT, Selector("right")) == Span(28, 33)


def test_repeated_words_are_ambiguous_without_help():
    found = resolve_anchor(TEXT, Selector("Lavrov"))
    assert isinstance(found, Ambiguous) and found.count == 3


def test_occurrence_prefix_and_suffix_disambiguate():
    assert resolve_anchor(TEXT, Selector("Lavrov", occurrence=2)) == Span(17, 23)
    assert resolve_anchor(TEXT, Selector("Lavrov", prefix="and ")) == Span(39, 45)
    assert resolve_anchor(TEXT, Selector("Lavrov", suffix=" was")) == Span(17, 23)
    # occurrence counts among the matches that prefix/suffix leave
    assert resolve_anchor(TEXT, Selector("Lavrov", suffix=" ", occurrence=2)) == Span(17, 23)


def test_prefix_at_the_start_of_text_does_not_wrap_around():
    found = resolve_anchor(TEXT, Selector("Lavrov", prefix="left."))
    assert isinstance(found, NotFound)


def test_out_of_range_occurrence_is_not_silently_clamped():
    assert resolve_anchor(TEXT, Selector("Lavrov", occurrence=4)) == NoSuchOccurrence(4, 3)


def test_not_found_suggests_the_closest_passage():
    found = resolve_anchor(TEXT, Selector("Lavrov was rihgt"))
    assert isinstance(found, NotFound)
    assert found.closest is not None and "Lavrov was ri" in found.closest


def test_occurrence_zero_or_negative_is_out_of_range_not_ambiguous():
    for occurrence in (0, -1, 99):
        found = resolve_anchor(TEXT, Selector("Lavrov", occurrence=occurrence))
        assert found == NoSuchOccurrence(occurrence, 3)
