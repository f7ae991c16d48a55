"""How corpus values read on screen: literal text, labels, snippets, entity colours.

Article text is untrusted: it reaches the screen only through `literal` (control
characters made visible) and `Content` (never parsed as markup).
"""

from __future__ import annotations

from textual.app import App
from textual.content import Content

from reader.model import Article, Entity, Quote
from reader.tui import palette

# Every C0/C1 control character (and DEL) becomes a visible stand-in of the same length
# in characters, so an escape sequence in an article is shown, never obeyed, and the
# offsets of every annotation still hold.
_VISIBLE = str.maketrans(
    {code: chr(0x2400 + code) for code in range(0x20)}
    | {0x7F: "\u2421"}
    | {code: "\ufffd" for code in range(0x80, 0xA0)}
)


def literal(text: str) -> str:
    """The text as it may appear on screen: control characters made visible."""
    return text.translate(_VISIBLE)


def markup(template: str, **values: object) -> Content:
    """Content from our own markup, with corpus values inserted literally."""
    return Content.from_markup(template, **{k: literal(str(v)) for k, v in values.items()})


def snippet(text: str, limit: int = 80) -> str:
    """One line of at most `limit` characters."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def entity_style(entity: Entity | None, app: App) -> str:
    """The colour of `entity`'s type, legible on the app's panels in its theme."""
    if entity is None:
        return ""
    return palette.theme_entity_colours(app.theme_variables)[entity.type].hex


def date_label(article: Article) -> str:
    return article.date or "undated"


def article_heading(article: Article) -> Content:
    if article.url:  # where it was published, when the import knew it
        return markup(
            "[b]$outlet[/b] · $date · [i]$url[/i]",  # italic: legible on any theme
            outlet=article.outlet_label,
            date=date_label(article),
            url=article.url,
        )
    return markup("[b]$outlet[/b] · $date", outlet=article.outlet_label, date=date_label(article))


def entity_name(entities: dict[str, Entity], entity_id: str | None) -> str:
    if entity_id is None:
        return "—"
    entity = entities.get(entity_id)
    return entity.name if entity is not None else entity_id


def quote_detail(quote: Quote, entities: dict[str, Entity]) -> Content:
    return markup(
        "[b]speaker[/b] $speaker\n[b]kind[/b]    $kind\n"
        "[b]cue[/b]     $cue\n[b]channel[/b] $channel",
        speaker=entity_name(entities, quote.speaker),
        kind=quote.kind.value,
        cue=quote.cue or "—",
        channel=entity_name(entities, quote.channel),
    )
