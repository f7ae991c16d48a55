"""Colours that stay legible on any theme: WCAG contrast computed, not hoped for.

Theme colours such as `$text-primary` are tuned for one background; a mention, a
grade or a changed word drawn on the panel, the reading cursor or a list's cursor
may lose them. Here a colour is given a hue and made dark or light enough against
the backgrounds it will be drawn on (4.5:1 for text, WCAG AA).
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.color import Color

from reader.model import EntityType

TEXT_CONTRAST = 4.5  # WCAG AA for text
MUTED_CONTRAST = 3.0  # for secondary text (WCAG AA for large text)

# One hue per type, at least 40 degrees from the next, so that no two types look alike
# in any theme (the catalogue's types in the order a reader meets them most).
ENTITY_HUES: dict[EntityType, float] = {
    EntityType.PERSON: 210,  # blue
    EntityType.ORGANISATION: 280,  # violet
    EntityType.ARMED_GROUP: 0,  # red
    EntityType.GOVERNMENT_BODY: 170,  # teal
    EntityType.PLACE: 120,  # green
    EntityType.MEDIA_OUTLET: 35,  # orange
    EntityType.EVENT: 320,  # magenta
    EntityType.DOCUMENT: 60,  # olive
}


def luminance(colour: Color) -> float:
    """WCAG relative luminance."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.r) + 0.7152 * channel(colour.g) + 0.0722 * channel(colour.b)


def contrast(a: Color, b: Color) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def is_dark(background: Color) -> bool:
    return luminance(background) < 0.18


def legible(colour: Color, backgrounds: Iterable[Color], minimum: float = TEXT_CONTRAST) -> Color:
    """`colour` with its hue kept, lightened on dark backgrounds (darkened on light ones)
    until it reaches `minimum` contrast against every one of `backgrounds`."""
    grounds = list(backgrounds)
    h, s, lightness = colour.hsl
    step = 0.02 if is_dark(grounds[0]) else -0.02
    candidate = colour
    while 0.0 <= lightness <= 1.0:
        candidate = Color.from_hsl(h, s, lightness)
        if all(contrast(candidate, ground) >= minimum for ground in grounds):
            return candidate
        lightness += step
    return candidate.get_contrast_text(1.0)  # no shade of the hue will do: black or white


def entity_colours(backgrounds: Iterable[Color]) -> dict[EntityType, Color]:
    """A legible colour per entity type on `backgrounds` (the first one decides)."""
    grounds = list(backgrounds)
    start = 0.6 if is_dark(grounds[0]) else 0.4
    return {
        kind: legible(Color.from_hsl(hue / 360, 0.75, start), grounds)
        for kind, hue in ENTITY_HUES.items()
    }


def on(background: Color) -> Color:
    """Black or white, whichever reads better on `background`."""
    black, white = Color(0, 0, 0), Color(255, 255, 255)
    return black if contrast(black, background) >= contrast(white, background) else white


def theme_entity_colours(variables: dict[str, str]) -> dict[EntityType, Color]:
    """Entity colours for a theme's surface and panel (lists, titles)."""
    return entity_colours(Color.parse(variables[name]) for name in ("surface", "panel"))
