from reader.xref.diff import aligned_spans, word_diff


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
