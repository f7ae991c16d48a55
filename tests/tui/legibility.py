"""Contrast of what the app draws, read from its own screenshot (App.export_screenshot).

The SVG holds every cell as the terminal gets it: a background rectangle per styled
run, a text element per run with its colour (dim already blended in). WCAG 2 contrast
ratios are computed per run of text, against the background under it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from textual.geometry import Region

TEXT, MUTED = 4.5, 3.0  # WCAG AA: text, and large or secondary text
CHAR_WIDTH, CHAR_HEIGHT, LINE_HEIGHT = 12.2, 20, 24.4  # rich's export_svg geometry

_RECT = re.compile(r'<rect fill="(#[0-9a-f]{6})" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)"')
_TEXT = re.compile(r'<text class="([\w-]+)" x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</text>')
_CLASS = re.compile(r"\.([\w-]+) \{ fill: (#[0-9a-f]{6})")


@dataclass(frozen=True)
class Run:
    text: str
    x: int
    y: int
    fg: str
    bg: str

    @property
    def contrast(self) -> float:
        return contrast(self.fg, self.bg)


def luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _unescape(text: str) -> str:
    return (
        text.replace("&#160;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
    )


def text_runs(svg: str) -> list[Run]:
    """Every run of text on screen with its colour and the background behind it."""
    fills = dict(_CLASS.findall(svg))
    background: dict[tuple[int, int], str] = {}
    for fill, x, y, width in _RECT.findall(svg):
        row = round((float(y) - 1.5) / LINE_HEIGHT)
        first = round(float(x) / CHAR_WIDTH)
        for col in range(first, first + round(float(width) / CHAR_WIDTH)):
            background[col, row] = fill
    runs = []
    for name, x, y, text in _TEXT.findall(svg):
        col, row = round(float(x) / CHAR_WIDTH), round((float(y) - CHAR_HEIGHT) / LINE_HEIGHT)
        runs.append(
            Run(_unescape(text), col, row, fills[name], background.get((col, row), "#000000"))
        )
    return runs


def words(run: Run) -> bool:
    """Text a reader reads: three letters or more (not borders, bars, bullets)."""
    return len(re.findall(r"[^\W\d_]", run.text)) >= 3


def worst_runs(app, minimum: float, within: Region | None = None) -> list[tuple[float, Run]]:
    """The runs of words drawn below `minimum` contrast (within `within` if given)."""
    found = []
    for run in text_runs(app.export_screenshot()):
        if within is not None and not within.contains(run.x, run.y):
            continue
        if words(run) and run.contrast < minimum:
            found.append((round(run.contrast, 2), run))
    return sorted(found, key=lambda item: item[0])


def runs_with(app, text: str) -> list[Run]:
    """The runs drawing a piece of `text` (a word or more of it)."""
    return [
        run for run in text_runs(app.export_screenshot()) if words(run) and run.text.strip() in text
    ]
