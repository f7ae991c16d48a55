"""Shown over everything while the terminal is too small to read in."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.widgets import Static

MIN_WIDTH, MIN_HEIGHT = 60, 15  # below this, a polite message instead of the panes


def too_small(size: Size) -> bool:
    return size.width < MIN_WIDTH or size.height < MIN_HEIGHT


class TooSmallScreen(ModalScreen[None]):
    HELP_TITLE = "Terminal too small"

    def compose(self) -> ComposeResult:
        with Middle(), Center():
            yield Static(
                f"This terminal is too small to read in.\n"
                f"Please make it at least {MIN_WIDTH}×{MIN_HEIGHT}.",
                id="too-small",
                markup=False,
            )
