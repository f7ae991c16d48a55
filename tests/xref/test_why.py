"""Why a link was made: the shared terms and conflicts, read as the scorer reads."""

import dataclasses

import pytest

from reader.corpus import bundled_corpus_path, load_corpus
from reader.model import Corpus, Entity, EntityType
from reader.xref import cross_reference
from reader.xref.crossref import prepare
from reader.xref.score import score_pair
from reader.xref.settings import DEFAULT_SETTINGS
from reader.xref.why import ENTITY, WORD
from tests.articles import make_article
from tests.xref.test_crossref import ENTITIES as CAST

ENTITIES = {
    **CAST,
    "geneva": Entity("geneva", "Geneva", EntityType.PLACE, ()),
    "munich": Entity("munich", "Munich", EntityType.PLACE, ()),
}


def two_articles(first: str, second: str, annotated: bool = True) -> Corpus:
    names = [("lavrov", n) for n in ("Sergei Lavrov", "Lavrov")]
    names += [("nusra", n) for n in ("Jabhat Fateh al-Sham", "Jabhat al-Nusra")]
    names += [("geneva", "Geneva"), ("munich", "Munich")]

    def article(article_id, text):
        present = [(e, n) for e, n in names if n in text] if annotated else []
        made = make_article(article_id, [text], outlet=article_id, mentions=present)
        # "Lavrov" inside "Sergei Lavrov" is one mention, not two.
        kept = tuple(
            m
            for m in made.mentions
            if not any(
                o != m and o.span.start <= m.span.start and m.span.end <= o.span.end
                for o in made.mentions
            )
        )
        return dataclasses.replace(made, mentions=kept)

    return Corpus((article("one", first), article("two", second)), ENTITIES)


def only_link(corpus: Corpus):
    xref = cross_reference(corpus, cache=False)
    (link,) = xref.all_links()
    return xref, link


def texts(corpus: Corpus, article_id: str, spans) -> list[str]:
    text = next(a for a in corpus.articles if a.id == article_id).text
    return [text[s.start : s.end] for s in spans]


@pytest.mark.parametrize("annotated", [True, False])
def test_an_entity_is_one_shared_term_whatever_its_spelling(annotated):
    corpus = two_articles(
        "Sergei Lavrov said the units refused to separate from Jabhat Fateh al-Sham fighters "
        "and Lavrov demanded the separation.",
        "Lavrov said the units refused to separate from Jabhat al-Nusra fighters.",
        annotated,
    )
    xref, link = only_link(corpus)
    why = xref.why(link)
    names = {t.term: t for t in why.entities}
    assert set(names) == {"Sergey Lavrov", "Jabhat al-Nusra"}
    lavrov = names["Sergey Lavrov"]
    assert lavrov.kind == ENTITY and lavrov.entity_id == "lavrov"
    assert texts(corpus, "one", lavrov.source) == ["Sergei Lavrov", "Lavrov"]
    assert texts(corpus, "two", lavrov.target) == ["Lavrov"]
    nusra = names["Jabhat al-Nusra"]
    assert texts(corpus, "one", nusra.source) == ["Jabhat Fateh al-Sham"]
    assert texts(corpus, "two", nusra.target) == ["Jabhat al-Nusra"]
    words = {t.term: t for t in why.words}
    # Lemma-matched: "refused" in both; "separate" is not "separation".
    assert {"refuse", "separate", "unit", "fighter"} <= set(words)
    assert all(t.kind == WORD for t in words.values())
    assert texts(corpus, "one", words["separate"].source) == ["separate"]
    assert "said" not in texts(corpus, "one", [s for t in why.shared for s in t.source])
    assert why.conflicts == () and why.score_factor == 1.0


def test_conflicting_specifics_are_given_with_their_values_and_spans():
    corpus = two_articles(
        "Lavrov met Kerry in Geneva on 9 September to discuss the ceasefire agreement "
        "for Aleppo and humanitarian deliveries.",
        "Lavrov met Kerry in Munich on 12 February to discuss the ceasefire agreement "
        "for Aleppo and humanitarian deliveries.",
    )
    xref, link = only_link(corpus)
    why = xref.why(link)
    by_kind = {c.kind: c for c in why.conflicts}
    assert set(by_kind) == {"number", "month", "place"}
    assert [s.value for s in by_kind["number"].source] == ["9"]
    assert [s.value for s in by_kind["number"].target] == ["12"]
    assert [s.value for s in by_kind["month"].target] == ["february"]
    assert [s.value for s in by_kind["place"].source] == ["geneva"]
    assert texts(corpus, "two", [s.span for s in by_kind["place"].target]) == ["Munich"]
    assert texts(corpus, "one", [s.span for s in by_kind["month"].source]) == ["September"]
    assert why.score_factor == DEFAULT_SETTINGS.conflict_factor


@pytest.fixture(scope="module", params=["annotated", "plain"])
def seeds(request):
    corpus, problems = load_corpus(bundled_corpus_path())
    assert not problems
    if request.param == "plain":
        corpus = Corpus(
            tuple(dataclasses.replace(a, mentions=(), quotes=()) for a in corpus.articles),
            corpus.entities,
            corpus.root,
        )
    return corpus


def test_every_link_says_why_and_agrees_with_its_score(seeds):
    """Over every link: at least two shared terms, each found inside both statements,
    exactly the terms the scorer shared, and the conflicts it counted."""
    xref = cross_reference(seeds, cache=False)
    prepared = prepare(seeds)
    number = {(s.article_id, s.index): n for n, s in enumerate(prepared.statements)}
    links = xref.all_links()
    assert links
    for link in links:
        why = xref.why(link)
        a = prepared.terms[number[(link.source.article_id, link.source.index)]]
        b = prepared.terms[number[(link.target.article_id, link.target.index)]]
        shared = {("@" + t.entity_id) if t.kind == ENTITY else t.term for t in why.shared}
        assert shared == a.term_set & b.term_set
        assert len(why.shared) >= DEFAULT_SETTINGS.min_shared
        for term in why.shared:
            assert term.source and term.target
            for spans, statement in ((term.source, link.source), (term.target, link.target)):
                for span in spans:
                    assert statement.span.start <= span.start < span.end <= statement.span.end
        result = score_pair(a, b, prepared.weights)
        assert result.score == link.score
        kinds = {"numbers": "number", "months": "month", "weekdays": "weekday"}
        kinds["places"] = "place"
        assert [c.kind for c in why.conflicts] == [kinds[k] for k in result.conflicts]
        for conflict in why.conflicts:
            assert conflict.source and conflict.target
            assert {s.value for s in conflict.source}.isdisjoint(s.value for s in conflict.target)


def test_a_shared_word_is_shown_as_the_source_spells_it_and_counted_by_its_lemma():
    corpus = two_articles(
        "Sergei Lavrov said Washington refused to separate the fighters from Jabhat al-Nusra.",
        "Lavrov said Washington refuses to separate its fighters from Jabhat al-Nusra.",
    )
    xref, link = only_link(corpus)
    words = {t.term: t for t in xref.why(link).words}
    refused = words["refuse"]  # the scorer's term: one lemma for both spellings
    assert refused.shown == "refused"  # what the reader sees: the source's word
    assert texts(corpus, link.source.article_id, refused.source) == ["refused"]
    assert texts(corpus, link.target.article_id, refused.target) == ["refuses"]
