"""`?` / f1: every key of the screen underneath, grouped by where it works."""

from __future__ import annotations

import importlib

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

# Inherited keys that do nothing useful here (nothing scrolls sideways).
NOT_SHOWN = {"scroll_left", "scroll_right", "page_left", "page_right", "screen.copy_text"}


def describe(kind: type[DOMNode]) -> str:
    """The heading for a kind of node's keys: its HELP_TITLE, or its class name."""
    return getattr(kind, "HELP_TITLE", None) or kind.__name__


def key_rows(kind: type[DOMNode], bindings: BindingsMap, app: App) -> list[tuple[str, str]]:
    """(keys, description) for `bindings`; the keys of one action are joined.

    A kind of node may name the actions worth showing in HELP_ACTIONS (an input
    line's many editing keys are standard and would bury the rest)."""
    shown = getattr(kind, "HELP_ACTIONS", None)
    rows: dict[tuple[str, str], list[str]] = {}
    for _, binding in bindings:
        if binding.system or not binding.description or binding.action in NOT_SHOWN:
            continue
        if shown is not None and binding.action not in shown:
            continue
        keys = rows.setdefault((binding.action, binding.description), [])
        display = app.get_key_display(binding)
        if display not in keys:
            keys.append(display)
    return [(" ".join(keys), description) for (_, description), keys in rows.items()]


def also_documented(screen: Screen) -> list[type[DOMNode]]:
    """The classes named "module:Class" in the screen's HELP_ALSO."""
    kinds = []
    for name in getattr(screen, "HELP_ALSO", ()):
        module, _, attribute = name.partition(":")
        kinds.append(getattr(importlib.import_module(module), attribute))
    return kinds


def help_groups(screen: Screen) -> list[tuple[str, list[tuple[str, str]]]]:
    """The keys of `screen`: its own, its focusable widgets' (one entry per kind, and
    the kinds it names in HELP_ALSO: widgets it mounts on demand), the app's."""
    app = screen.app
    widgets = [node for node in screen.query("*") if node.focusable]
    sources: list[tuple[type[DOMNode], BindingsMap]] = [
        (type(screen), screen._bindings),
        *((type(node), node._bindings) for node in widgets),
        *((kind, kind._merged_bindings or BindingsMap()) for kind in also_documented(screen)),
        (type(app), app._bindings),
    ]
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    seen: set[type] = set()
    for kind, bindings in sources:
        if kind in seen:
            continue
        seen.add(kind)
        if rows := key_rows(kind, bindings, app):
            groups.append((describe(kind), rows))
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
        self.about = describe(type(screen))
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
            yield Static(
                Content.styled("escape closes · ctrl+p finds anything", "dim"), id="help-hint"
            )

    def action_scroll(self, step: int) -> None:
        keys = self.query_one("#help-keys")
        # From the scroll target, so that keys pressed faster than a frame all count.
        keys.scroll_down(animate=False) if step > 0 else keys.scroll_up(animate=False)
