"""The app's own messages: what a screen or widget asks for, posted up.

Data goes down as reactive attributes (the app's `corpus` and `xref`, the main
screen's `article` and `links`); requests come up as these messages, so no widget
calls a method of the app or of a sibling.
"""

from __future__ import annotations

from textual.message import Message

from reader.tui.location import Location


class GoTo(Message):
    """Show `location` on the main screen ('back' returns to where the reader was)."""

    def __init__(self, location: Location) -> None:
        super().__init__()
        self.location = location


class ShowEntity(Message):
    """Open the entity screen: one entity across the corpus."""

    def __init__(self, entity_id: str) -> None:
        super().__init__()
        self.entity_id = entity_id


class PlaceChanged(Message):
    """The reading place moved; with `save`, it is written to the state file now."""

    def __init__(self, location: Location, *, save: bool) -> None:
        super().__init__()
        self.location = location
        self.save = save


class PanesMounted(Message):
    """Every pane of the main screen is in (some come after the first frame)."""


class SettingChanged(Message):
    """A setting the reader chose (the side tab) to remember across runs."""

    def __init__(self, name: str, value: str) -> None:
        super().__init__()
        self.name = name
        self.value = value


class ReloadCorpus(Message):
    """Read the corpus from disk again (its files were fixed)."""
