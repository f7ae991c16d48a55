from reader.model import Corpus, Entity, EntityType, QuoteKind
from reader.xref import cross_reference, entity_coverage, resolve_alias
from tests.articles import make_article

ENTITIES = {
    "lavrov": Entity("lavrov", "Sergey Lavrov", EntityType.PERSON, ("Sergei Lavrov", "Lavrov")),
    "nusra": Entity(
        "nusra",
        "Jabhat al-Nusra",
        EntityType.ARMED_GROUP,
        ("Jabhat Fateh al-Sham", "Jabhat al-Nusra", "al-Nusra"),
    ),
}
READOUT_A = (
    "Lavrov drew attention to the fact that anti-government units had refused to stick "
    "to the September 9 agreement and were merging with Jabhat Fateh al-Sham."
)
READOUT_B = (
    "Lavrov emphasised that anti-government units have refused to carry out the "
    "September 9 agreement and are merging with Jabhat al-Nusra."
)


def corpus():
    one = make_article(
        "one",
        [
            "Markets rose after the central bank held its rates.",
            f'"{READOUT_A}" the ministry said.',
        ],
        outlet="Outlet One",
        quotes=[(READOUT_A, QuoteKind.DIRECT)],
        mentions=[("lavrov", "Lavrov"), ("nusra", "Jabhat Fateh al-Sham")],
    )
    two = make_article(
        "two",
        [READOUT_B, "The football club signed a new striker on loan."],
        outlet="Outlet Two",
        mentions=[("lavrov", "Lavrov"), ("nusra", "Jabhat al-Nusra")],
    )
    three = make_article(
        "three",
        ["Officials opened a new bridge over the river.", "Another bridge was closed."],
        outlet="Outlet Three",
    )
    return Corpus((one, two, three), ENTITIES)


def test_one_readout_in_two_outlets_is_linked_as_same():
    xref = cross_reference(corpus(), cache=False)
    links = xref.all_links()
    assert [(lk.source.article_id, lk.target.article_id, lk.grade) for lk in links] == [
        ("one", "two", "same")
    ]
    link = links[0]
    assert link.source.text == READOUT_A
    assert link.source_match is not None and link.target_match is not None


def test_links_are_symmetric_and_never_inside_one_article():
    xref = cross_reference(corpus(), cache=False)
    for article in ("one", "two", "three"):
        for statement in xref.statements(article):
            for link in xref.links_from(statement):
                assert link.target.article_id != article
                back = xref.links_from(link.target)
                assert [(b.target, b.score, b.grade) for b in back if b.target == statement] == [
                    (statement, link.score, link.grade)
                ]


def test_statement_lookup_and_article_links():
    c = corpus()
    xref = cross_reference(c, cache=False)
    one = c.article("one")
    statement = xref.statement_at("one", one.text.index("drew attention"))
    assert statement is not None and statement.quote_id == "q1"
    assert xref.links_for_article("one")[0].source == statement
    assert xref.statement_at("missing", 0) is None


def test_clusters_say_how_each_outlet_carried_the_claim():
    xref = cross_reference(corpus(), cache=False)
    (cluster,) = xref.clusters()
    assert cluster.grade == "same"
    assert {o: [c.how for c in cs] for o, cs in cluster.by_outlet().items()} == {
        "Outlet One": ["direct quote"],
        "Outlet Two": ["paraphrase"],
    }


def test_progress_is_reported_to_the_end():
    calls = []
    cross_reference(corpus(), cache=False, progress=lambda done, total: calls.append((done, total)))
    assert calls and calls[-1][0] == calls[-1][1]


def test_entity_coverage_counts_mentions_per_article_and_outlet():
    rows = {row.entity_id: row for row in entity_coverage(corpus())}
    assert rows["lavrov"].by_article == {"one": 1, "two": 1}
    assert rows["lavrov"].by_outlet == {"Outlet One": 1, "Outlet Two": 1}
    assert rows["lavrov"].total == 2


def test_unknown_spellings_resolve_to_catalogue_entities():
    c = corpus()
    assert resolve_alias("Jabhat al-Nusra", c) == ("nusra", 100.0)
    entity, score = resolve_alias("Jabhat al Nusrah", c)
    assert entity == "nusra" and 85 <= score < 100
    assert resolve_alias("Kremlin", c) is None
    assert resolve_alias("", c) is None


def test_the_index_finds_every_pair_brute_force_grades_on_the_seeds():
    from reader.corpus import bundled_corpus_path, load_corpus
    from reader.xref.crossref import pair_score, prepare, scored_pairs

    seeds, _ = load_corpus(bundled_corpus_path())
    prepared = prepare(seeds)
    indexed = scored_pairs(prepared)
    brute = {}
    for i in range(len(prepared.terms)):
        for j in range(i + 1, len(prepared.terms)):
            if prepared.article_of[i] != prepared.article_of[j]:
                result = pair_score(prepared, i, j)
                if result.grade:
                    brute[(i, j)] = result
    assert indexed == brute


def test_a_photo_caption_is_no_claim_and_links_only_to_the_same_words():
    from reader.model import BlockKind

    claim = (
        "Lavrov said the truce in Aleppo collapsed because Jabhat al-Nusra fighters "
        "attacked the humanitarian corridor."
    )
    picture = (
        "Sergei Lavrov at a press conference on the Aleppo truce and the humanitarian "
        "corridor, held in Geneva."
    )

    def links(kind):
        one = make_article(
            "one", [claim], mentions=[("lavrov", "Lavrov"), ("nusra", "Jabhat al-Nusra")]
        )
        two = make_article(
            "two",
            [picture, claim],
            mentions=[
                ("lavrov", "Sergei Lavrov"),
                ("lavrov", "Lavrov"),
                ("nusra", "Jabhat al-Nusra"),
            ],
            kinds={0: kind},
        )
        found = cross_reference(Corpus((one, two), ENTITIES), cache=False).all_links()
        return sorted((lk.target.text[:12], lk.grade) for lk in found)

    assert links(BlockKind.PARAGRAPH) == [("Lavrov said ", "same"), ("Sergei Lavro", "related")]
    assert links(BlockKind.CAPTION) == [("Lavrov said ", "same")]


def test_links_made_without_their_passages_are_the_same_links():
    xref = cross_reference(corpus(), cache=False)
    whole = xref.all_links()
    assert whole and all(link.source_match is not None for link in whole)
    xref.without_matches()
    bare = xref.all_links()
    assert [(k.source, k.target, k.score, k.grade) for k in bare] == [
        (k.source, k.target, k.score, k.grade) for k in whole
    ]
    assert all(link.source_match is None and link.target_match is None for link in bare)


def test_why_is_the_same_read_once_or_again():
    kept = cross_reference(corpus(), cache=False)
    links = kept.all_links()
    first = [kept.why(link) for link in links]
    again = [kept.why(link) for link in links]  # from the statements' kept terms
    fresh = cross_reference(corpus(), cache=False)
    assert first == again == [fresh.why(link) for link in reversed(links)][::-1]
