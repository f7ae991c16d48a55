"""Articles built in tests without the loader: text in paragraphs, optional quotes."""

from __future__ import annotations

from reader.model import (
    Article,
    BlockKind,
    Mention,
    MentionKind,
    Paragraph,
    Quote,
    QuoteKind,
    Span,
)


def make_article(
    article_id: str,
    paragraphs: list[str],
    *,
    outlet: str | None = None,
    quotes: list[tuple[str, QuoteKind]] = (),
    mentions: list[tuple[str, str]] = (),
    kinds: dict[int, BlockKind] | None = None,
    date: str | None = None,
) -> Article:
    """An article whose body is `paragraphs`; quotes and mentions by exact text.

    `quotes` are (exact words, kind); `mentions` are (entity id, exact words), every
    occurrence annotated, as the corpus format asks.
    """
    text = "\n\n".join(paragraphs)
    blocks, offset = [], 0
    for i, paragraph in enumerate(paragraphs):
        kind = (kinds or {}).get(i, BlockKind.PARAGRAPH)
        blocks.append(Paragraph(i, kind, Span(offset, offset + len(paragraph))))
        offset += len(paragraph) + 2
    found_quotes = []
    for n, (exact, kind) in enumerate(quotes, 1):
        start = text.index(exact)
        found_quotes.append(Quote(f"q{n}", kind, Span(start, start + len(exact)), 0, "x"))
    found_mentions = []
    for entity_id, exact in mentions:
        start = text.find(exact)
        while start >= 0:
            span = Span(start, start + len(exact))
            found_mentions.append(Mention(entity_id, span, MentionKind.NAME))
            start = text.find(exact, start + 1)
    return Article(
        id=article_id,
        source=f"{article_id}.txt",
        outlet=outlet,
        title=paragraphs[0],
        date=date,
        text=text,
        paragraphs=tuple(blocks),
        mentions=tuple(sorted(found_mentions, key=lambda m: m.span.start)),
        quotes=tuple(found_quotes),
    )
