"""The palette's word index: the texts holding a query's words, however spelt."""

from rapidfuzz import utils

from reader.word_index import WordIndex

TEXTS = [
    utils.default_process(text)
    for text in (
        "The minister said the talks in Geneva would go on.",
        "Sergey Lavrov said the United States failed to separate the rebels.",
        "The rebels said the ceasefire was broken.",
        "Lavrov and Kerry met in Geneva on Friday.",
        "Nothing of the kind was said.",
    )
]


def test_the_texts_holding_most_query_words_come_first():
    index = WordIndex(TEXTS)
    assert index.candidates("lavrov geneva", 10)[:1] == [3]
    assert set(index.candidates("lavrov geneva", 10)) == {0, 1, 3}


def test_a_misspelt_word_and_a_half_typed_one_are_found():
    index = WordIndex(TEXTS)
    assert set(index.candidates("lavrof", 10)) == {1, 3}
    assert index.candidates("separ", 10) == [1]  # the last word, still being typed
    # only the last word is taken as a prefix: "separ" then stands for nothing
    assert index.candidates("separ rebels", 10) == [1, 2]


def test_words_most_texts_hold_do_not_decide_and_the_limit_holds():
    index = WordIndex(TEXTS)
    # "the" and "said" are in most texts: "ceasefire" decides
    assert index.candidates("the said ceasefire", 10) == [2]
    # with nothing rarer, the common words still find texts
    assert index.candidates("the said", 2) == [0, 1]
    assert index.candidates("zzzz", 10) == []
    assert WordIndex([]).candidates("lavrov", 10) == []
