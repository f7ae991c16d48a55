"""Sentence boundaries (reader.language.sentences)."""

from reader.language import sentence_spans


def sentences(text, start=0, end=None):
    return [text[s.start : s.end] for s in sentence_spans(text, start, end)]


def test_abbreviations_do_not_end_a_sentence():
    text = "The U.S. envoy met Mr. Lavrov on Sept. 9 in Geneva. Talks went on."
    assert sentences(text) == [
        "The U.S. envoy met Mr. Lavrov on Sept. 9 in Geneva.",
        "Talks went on.",
    ]


def test_a_closing_quotation_mark_stays_with_its_sentence():
    text = '"We will not wait." The minister left.'
    assert sentences(text) == ['"We will not wait."', "The minister left."]


def test_offsets_are_into_the_whole_text():
    text = "Skip this. Read this one. And this."
    start = text.index("Read")
    spans = sentence_spans(text, start)
    assert [text[s.start : s.end] for s in spans] == ["Read this one.", "And this."]
    assert spans[0].start == start


def test_white_space_between_sentences_belongs_to_none():
    text = "One.   Two."
    first, second = sentence_spans(text)
    assert text[first.end : second.start] == "   "
