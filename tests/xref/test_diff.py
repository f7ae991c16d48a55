from reader.model import Corpus, Span
from reader.xref import cross_reference
from reader.xref.diff import DiffTag, aligned_spans, link_diff, word_diff
from tests.articles import make_article
from tests.xref.test_crossref import ENTITIES


def test_word_diff_marks_what_changed():
    a = "Lavrov again emphasised that quite a few units refused."
    b = "Once again, Lavrov drew attention that a number of units refused."
    ops = word_diff(a, b)
    # Every word of both texts is covered, in order.
    assert ops[0].a_span.start == 0 and ops[0].b_span.start == 0
    assert ops[-1].a_span.end == len(a) and ops[-1].b_span.end == len(b)
    equal = [
        (a[o.a_span.start : o.a_span.end], b[o.b_span.start : o.b_span.end])
        for o in ops
        if o.tag == "equal"
    ]
    assert ("units refused.", "units refused.") in equal
    assert {o.tag for o in ops} <= {"equal", "replace", "insert", "delete"}


def test_word_diff_ignores_case_and_edge_punctuation():
    assert [o.tag for o in word_diff("The truce, held", "the truce held")] == ["equal"]


def test_word_diff_of_identical_and_empty_texts():
    assert [o.tag for o in word_diff("a b c", "a b c")] == ["equal"]
    assert [o.tag for o in word_diff("", "a b")] == ["insert"]
    assert word_diff("", "") == []


def test_aligned_span_finds_a_quote_inside_a_longer_sentence():
    quote = "unless Russia takes immediate steps"
    sentence = (
        "Kirby said Kerry is ready to suspend talks unless Russia takes immediate steps to act."
    )
    a_span, b_span = aligned_spans(quote, sentence)
    assert (a_span.start, a_span.end) == (0, len(quote))
    assert sentence[b_span.start : b_span.end] == quote
    b2, a2 = aligned_spans(sentence, quote)
    assert (b2, a2) == (b_span, a_span)


def test_two_spellings_of_one_entity_are_an_alias_not_a_change():
    a = "Sergei Lavrov met Jabhat Fateh al-Sham fighters in Aleppo."
    b = "Lavrov met Jabhat al-Nusra fighters in aleppo."

    def names(text, *found):
        return [(Span(text.index(n), text.index(n) + len(n)), e) for e, n in found]

    ops = word_diff(
        a,
        b,
        names(a, ("lavrov", "Sergei Lavrov"), ("nusra", "Jabhat Fateh al-Sham")),
        names(b, ("lavrov", "Lavrov"), ("nusra", "Jabhat al-Nusra")),
    )
    steps = [
        (o.tag, a[o.a_span.start : o.a_span.end], b[o.b_span.start : o.b_span.end]) for o in ops
    ]
    assert steps == [
        (DiffTag.ALIAS, "Sergei Lavrov", "Lavrov"),
        ("equal", "met", "met"),
        (DiffTag.ALIAS, "Jabhat Fateh al-Sham", "Jabhat al-Nusra"),
        ("equal", "fighters in Aleppo.", "fighters in aleppo."),
    ]
    # Without the names they are changed words, as before.
    assert "replace" in {o.tag for o in word_diff(a, b)}


def test_one_spelling_twice_is_equal_and_two_entities_are_a_change():
    a, b = "Lavrov met Kerry", "LAVROV met Lavrov"
    ops = word_diff(
        a,
        b,
        [(Span(0, 6), "lavrov"), (Span(11, 16), "kerry")],
        [(Span(0, 6), "lavrov"), (Span(11, 17), "lavrov")],
    )
    assert [o.tag for o in ops] == ["equal", "replace"]


def test_a_link_diff_takes_its_entities_from_the_why():
    corpus = Corpus(
        (
            make_article(
                "one",
                ["Sergei Lavrov said the units refused to separate from Jabhat Fateh al-Sham."],
                mentions=[("lavrov", "Sergei Lavrov"), ("nusra", "Jabhat Fateh al-Sham")],
            ),
            make_article(
                "two",
                ["Lavrov said the units refused to separate from Jabhat al-Nusra."],
                mentions=[("lavrov", "Lavrov"), ("nusra", "Jabhat al-Nusra")],
            ),
        ),
        ENTITIES,
    )
    xref = cross_reference(corpus, cache=False)
    (link,) = xref.all_links()
    aliases = [
        (
            link.source.text[o.a_span.start : o.a_span.end],
            link.target.text[o.b_span.start : o.b_span.end],
        )
        for o in link_diff(link, xref.why(link))
        if o.tag is DiffTag.ALIAS
    ]
    assert aliases == [("Sergei Lavrov", "Lavrov"), ("Jabhat Fateh al-Sham", "Jabhat al-Nusra")]
