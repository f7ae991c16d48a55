"""The command palette: candidate lists made once per corpus, off the UI thread."""

from __future__ import annotations

from reader.tui.commands import candidate_lists
from reader.tui.widgets.article_view import ArticleView


async def test_a_statement_is_found_and_the_lists_are_made_once(make_app, settle):
    app = make_app(cross_reference=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"washington must keep")
        await pilot.pause(0.5)  # the palette gathers hits in the background
        lists = dict(candidate_lists(app))
        assert set(lists) >= {"ArticleCommands", "StatementCommands", "EntityCommands"}
        statements = lists["StatementCommands"]
        assert len(statements.items) == sum(
            len(app.xref.statements(a.id)) for a in app.corpus.articles
        )
        await pilot.press("enter")
        await pilot.pause()
        focus = app.main.query_one(ArticleView).focus_span
        assert focus is not None
        assert "Washington must keep" in app.main.article.text[focus.start : focus.end]
        # opened again, the palette reuses the lists it made
        await pilot.press("ctrl+p", *"kerry")
        await pilot.pause(0.5)
        assert candidate_lists(app)["StatementCommands"] is statements
        await pilot.press("escape")


def test_a_long_list_is_searched_through_its_word_index():
    from reader.tui.commands import INDEXED_FROM, Candidates, best_matches

    words = "minister talks rebels ceasefire geneva aleppo convoy truce envoy".split()
    texts = [f"{words[n % 9]} {words[n * 7 % 9]} report number {n}" for n in range(INDEXED_FROM)]
    texts.insert(1234, "Lavrov said Washington must keep its word on the rebels")
    made = Candidates.make((), ((text, n) for n, text in enumerate(texts)))
    assert made.index is not None
    found = made.matches("lavrof said washington")  # misspelt
    assert found[0][1] == 1234
    assert found[0] == best_matches("lavrof said washington", made.texts)[0]
