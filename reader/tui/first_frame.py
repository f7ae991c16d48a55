"""Mounting what the first frame can do without, right after it is painted.

The first frame shows what the reader came for (the article); lists, tabs and the
footer follow in the next one. Each goes into a pane composed empty at its final
size, so nothing moves when it arrives.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from textual.message_pump import MessagePump


def after_first_frame(node: MessagePump, mount: Callable[[], Awaitable[object]]) -> None:
    """Run `mount` on `node` once the frame being built now has been painted."""
    node.call_after_refresh(mount)
