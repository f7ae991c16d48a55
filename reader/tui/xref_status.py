"""Where the cross-referencing of the corpus stands, as the app tells its screens."""

from __future__ import annotations

from enum import StrEnum


class XrefStatus(StrEnum):
    WAITING = "waiting"  # to start once every pane is in
    RUNNING = "running"
    READY = "ready"
    UNAVAILABLE = "unavailable"  # turned off, failed, or nothing to cross-reference
