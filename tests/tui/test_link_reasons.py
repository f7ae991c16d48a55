"""Why each link was made, shown in the side panel and on the compare screen."""

from __future__ import annotations

from reader.tui.link_reasons import SHARED_ENTITY
from reader.tui.screens.compare import CompareScreen


async def test_the_side_panel_says_why_the_link_was_made(make_app, settle):
    app = make_app(cross_reference=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("right_curly_bracket")
        await pilot.pause()
        link = app.main.links[1][0]
        why = app.xref.why(link)
        shown = app.main.query_one("#link-why").content.plain
        assert why.shared
        for term in why.shared[:3]:
            assert term.term in shown
        if why.entities:
            assert "Both name" in shown
        if why.words:
            assert "Shared words" in shown


async def test_compare_marks_shared_names_in_both_texts_whatever_the_spelling(make_app, settle):
    app = make_app(cross_reference=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # The first link of the corpus whose statements both name an entity.
        checked = 0
        for article in app.corpus.articles:
            for link in app.xref.links_for_article(article.id):
                why = app.xref.why(link)
                if not why.entities:
                    continue
                app.push_screen(CompareScreen(app.corpus, [link], 0, app.xref.why))
                await pilot.pause()
                screen = app.screen
                for side, statement in (("source", link.source), ("target", link.target)):
                    text = screen.query_one(f"#{side}-text").content
                    start = text.plain.index(statement.text)
                    styled = {
                        (s.start - start, s.end - start)
                        for s in text.spans
                        if str(s.style) == SHARED_ENTITY
                    }
                    for term in why.entities:
                        for span in term.source if side == "source" else term.target:
                            offset = span.start - statement.span.start
                            assert (offset, offset + len(span)) in styled
                assert why.entities[0].term in screen.query_one("#compare-why").content.plain
                app.pop_screen()
                checked += 1
        assert checked
