"""`?` / f1: every key of the screen underneath, grouped by where it works."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


# Inherited keys that do nothing useful here (nothing scrolls sideways).
NOT_SHOWN = {"scroll_left", "scroll_right", "page_left", "page_right", "screen.copy_text"}


def describe(node: DOMNode) -> str:
    """The heading for a node's keys: its HELP_TITLE, or its class name."""
    return getattr(node, "HELP_TITLE", None) or type(node).__name__


def key_rows(node: DOMNode) -> list[tuple[str, str]]:
    """(keys, description) for a node's bindings; keys of one action are joined.

    A node may name the actions worth showing in HELP_ACTIONS (an input line's many
    editing keys are standard and would bury the rest)."""
    shown = getattr(node, "HELP_ACTIONS", None)
    rows: dict[tuple[str, str], list[str]] = {}
    for _, binding in node._bindings:
        if binding.system or not binding.description or binding.action in NOT_SHOWN:
            continue
        if shown is not None and binding.action not in shown:
            continue
        keys = rows.setdefault((binding.action, binding.description), [])
        display = node.app.get_key_display(binding)
        if display not in keys:
            keys.append(display)
    return [(" ".join(keys), description) for (_, description), keys in rows.items()]


def help_groups(screen: Screen) -> list[tuple[str, list[tuple[str, str]]]]:
    """The keys of `screen`: its own, its focusable widgets' (one entry per kind), the app's."""
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    seen: set[type] = set()
    nodes: Iterable[DOMNode] = [screen, *screen.query("*"), screen.app]
    for node in nodes:
        if type(node) in seen or (node not in (screen, screen.app) and not node.focusable):
            continue
        seen.add(type(node))
        if rows := key_rows(node):
            groups.append((describe(node), rows))
    return groups


class HelpScreen(ModalScreen[None]):
    HELP_TITLE = "Help"
    BINDINGS = [
        Binding("escape,q,question_mark,f1,backspace", "dismiss", "Close help"),
        Binding("j,down", "scroll(1)", "Scroll down", show=False),
        Binding("k,up", "scroll(-1)", "Scroll up", show=False),
    ]

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.about = describe(screen)
        self.groups = help_groups(screen)

    def compose(self) -> ComposeResult:
        width = max((len(keys) for _, rows in self.groups for keys, _ in rows), default=8) + 2
        lines: list[Content] = []
        for title, rows in self.groups:
            lines.append(Content.assemble((title, "bold $text-accent")))
            lines += [Content.assemble((keys.ljust(width), "bold"), text) for keys, text in rows]
            lines.append(Content(""))
        with Vertical(id="help-box"):
            yield Static(Content.assemble((f"Keys: {self.about}", "bold")), id="help-title")
            with VerticalScroll(id="help-keys"):
                yield Static(Content("\n").join(lines[:-1]))
            yield Static(Content.styled("escape closes · ctrl+p finds anything", "dim"), id="help-hint")

    def action_scroll(self, step: int) -> None:
        self.query_one("#help-keys").scroll_relative(y=step, animate=False)
