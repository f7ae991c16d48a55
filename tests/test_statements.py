from reader.model import BlockKind, QuoteKind
from reader.statements import segment_article, statement_at
from tests.articles import make_article


def texts(article):
    return [s.text for s in segment_article(article)]


def test_spans_point_at_the_statement_text():
    article = make_article("a", ["One sentence here. Another one follows.", "A third."])
    statements = segment_article(article)
    assert [s.index for s in statements] == [0, 1, 2]
    for s in statements:
        assert article.text[s.span.start : s.span.end] == s.text


def test_abbreviations_do_not_end_sentences():
    article = make_article(
        "a",
        [
            "The U.S. State Department said on Sept. 28 that Mr Kerry called. "
            "The truce began on Feb. 27 and held for a week."
        ],
    )
    assert texts(article) == [
        "The U.S. State Department said on Sept. 28 that Mr Kerry called.",
        "The truce began on Feb. 27 and held for a week.",
    ]


def test_dateline_is_not_part_of_the_first_statement():
    for dateline in ("ATHENS, November 2. /TASS/. ", "Moscow, SANA \u2013 ", "BEIRUT (Reuters) - "):
        article = make_article("a", [dateline + "Moscow still expects Washington to act."])
        assert texts(article) == ["Moscow still expects Washington to act."]


def test_a_list_of_countries_is_not_a_dateline():
    article = make_article("a", ["Russia, US, Saudi Arabia, Qatar, Turkey seek a solution."])
    assert texts(article) == ["Russia, US, Saudi Arabia, Qatar, Turkey seek a solution."]


def test_quotation_ending_a_sentence_stays_in_it_when_short():
    article = make_article("a", ['He said it will be "counterproductive" to wait. Then he left.'])
    assert texts(article) == [
        'He said it will be "counterproductive" to wait.',
        "Then he left.",
    ]


def test_long_quotation_is_a_unit_apart_from_its_attribution():
    article = make_article(
        "a",
        [
            "\u201cWe continue to cooperate with the Americans, we are searching for an "
            "opportunity to solve this crisis,\u201d he noted."
        ],
    )
    assert texts(article) == [
        "We continue to cooperate with the Americans, we are searching for an "
        "opportunity to solve this crisis",
        "he noted.",
    ]


def test_quotation_over_several_sentences_is_one_statement():
    article = make_article(
        "a",
        [
            'Lavrov said: "In Libya there is no state. It needs to be created from '
            'scratch. The UN deals with it." Then he left.'
        ],
    )
    assert texts(article) == [
        "Lavrov said",
        "In Libya there is no state. It needs to be created from scratch. The UN deals with it.",
        "Then he left.",
    ]


def test_annotated_direct_quote_is_a_unit_and_carries_its_id():
    paragraph = 'He confirmed the support, saying, "The Americans are on our side."'
    article = make_article(
        "a", [paragraph], quotes=[("The Americans are on our side.", QuoteKind.DIRECT)]
    )
    statements = segment_article(article)
    assert [s.text for s in statements] == [
        "He confirmed the support, saying",
        "The Americans are on our side.",
    ]
    assert [s.quote_id for s in statements] == [None, "q1"]


def test_annotated_partial_quotes_do_not_cut_the_sentence():
    paragraph = (
        'Kirby said Kerry was ready to "suspend US-Russia bilateral engagement on Syria," '
        'including talks, "unless Russia takes immediate steps" to restore the ceasefire.'
    )
    article = make_article(
        "a",
        [paragraph],
        quotes=[
            ("suspend US-Russia bilateral engagement on Syria,", QuoteKind.PARTIAL),
            ("unless Russia takes immediate steps", QuoteKind.PARTIAL),
        ],
    )
    assert texts(article) == [paragraph]


def test_quotation_split_from_its_attribution_across_paragraphs():
    article = make_article(
        "a",
        [
            "Kerry warned that",
            '"the United States is making preparations to suspend engagement unless '
            'Russia takes immediate steps,"',
            "according to the readout issued by the spokesman.",
        ],
    )
    assert texts(article) == [
        "Kerry warned that",
        "the United States is making preparations to suspend engagement unless Russia "
        "takes immediate steps",
        "according to the readout issued by the spokesman.",
    ]


def test_no_break_spaces_are_spaces():
    article = make_article(
        "a", ["Foreign Minister Sergei\u00a0Lavrov called. Kerry\u00a0answered."]
    )
    assert texts(article) == ["Foreign Minister Sergei\u00a0Lavrov called.", "Kerry\u00a0answered."]


def test_bylines_and_datelines_blocks_are_not_statements():
    article = make_article(
        "a",
        ["Headline of the story", "10.06.2016 15:47", "Body sentence.", "Barry/H. Said"],
        kinds={0: BlockKind.HEADLINE, 1: BlockKind.DATELINE, 3: BlockKind.BYLINE},
    )
    assert texts(article) == ["Headline of the story", "Body sentence."]


def test_statement_at_finds_the_statement_holding_an_offset():
    article = make_article("a", ["First one. Second one."])
    statements = segment_article(article)
    assert statement_at(statements, 0) == statements[0]
    assert statement_at(statements, article.text.index("Second")) == statements[1]
    assert statement_at(statements, article.text.index(" Second")) is None


def test_article_without_paragraphs_is_split_on_blank_lines():
    article = make_article("a", ["x"])
    bare = type(article)(
        id="b",
        source="b.txt",
        outlet=None,
        title="t",
        date=None,
        text="First block.\n\nSecond block.",
        paragraphs=(),
    )
    assert texts(bare) == ["First block.", "Second block."]
