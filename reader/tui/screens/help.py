"""`?` / f1: every key of the screen underneath, grouped by where it works."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from reader.tui import palette

# Inherited keys that do nothing useful here (nothing scrolls sideways).
NOT_SHOWN = {"scroll_left", "scroll_right", "page_left", "page_right", "screen.copy_text"}


def describe(kind: type[DOMNode]) -> str:
    """The heading for a kind of node's keys: its HELP_TITLE, or its class name."""
    return getattr(kind, "HELP_TITLE", None) or kind.__name__


def class_bindings(kind: type[DOMNode]) -> BindingsMap:
    """The keys a kind of node declares in BINDINGS, its own over its bases' (as Textual
    merges them; none of the kinds shown here turns inheritance off)."""
    keys: dict[str, list[Binding]] = {}
    for base in reversed(kind.__mro__):
        for key, bindings in BindingsMap(vars(base).get("BINDINGS", [])).key_to_bindings.items():
            keys[key] = bindings
    return BindingsMap.from_keys(keys)


def key_rows(kind: type[DOMNode], bindings: Iterable[Binding], app: App) -> list[tuple[str, str]]:
    """(keys, description) for `bindings` of `kind`; the keys of one action are joined.

    A kind of node may name the actions worth showing in HELP_ACTIONS (an input
    line's many editing keys are standard and would bury the rest)."""
    shown = getattr(kind, "HELP_ACTIONS", None)
    rows: dict[tuple[str, str], list[str]] = {}
    for binding in bindings:
        if binding.system or not binding.description or binding.action in NOT_SHOWN:
            continue
        if shown is not None and binding.action not in shown:
            continue
        keys = rows.setdefault((binding.action, binding.description), [])
        display = app.get_key_display(binding)
        if display not in keys:
            keys.append(display)
    return [(" ".join(keys), description) for (_, description), keys in rows.items()]


def help_groups(screen: Screen) -> list[tuple[str, list[tuple[str, str]]]]:
    """The keys of `screen`: its own, those of each kind of widget on it that can take
    the keyboard (shown or not: the search line is hidden until `/`), the app's."""
    app = screen.app
    widgets = [node for node in screen.query("*") if node.can_focus]
    # Those on screen first, in the order the keyboard reaches them.
    widgets.sort(key=lambda node: not node.focusable)
    kinds = [type(screen), *(type(node) for node in widgets)]
    sources: list[tuple[type[DOMNode], list[Binding]]] = [
        (kind, [binding for _, binding in class_bindings(kind)]) for kind in kinds
    ]
    # The app's as they are bound now (ctrl+p is bound when the app starts).
    active = screen.active_bindings.values()
    sources.append((type(app), [each.binding for each in active if each.node is app]))
    groups: dict[str, list[tuple[str, str]]] = {}
    for kind, bindings in sources:
        if describe(kind) not in groups and (rows := key_rows(kind, bindings, app)):
            groups[describe(kind)] = rows  # one entry per title: a list is a list
    return list(groups.items())


GRADES = (
    "score: 0-100, how much two statements share, rare words and names counting most "
    "(less when their dates, numbers or places conflict); same: one statement carried "
    "twice; related: the same claim in other words (a score of 20 or more)"
)


def legend(app: App) -> list[Content]:
    """What the colours, italics, underlines and grades mean."""
    colours = palette.theme_entity_colours(app.theme_variables)
    swatches = [
        Content.assemble(("■ ", colour.hex), kind.value.replace("_", " "))
        for kind, colour in colours.items()
    ]
    return [
        Content.styled("What the text shows", "bold underline"),
        Content("Entities by type: ") + Content(", ").join(swatches),
        Content.assemble(("italic", "italic"), ": a quotation, as annotated"),
        Content("▌ and a tint: the statement being read (fainter when the text does not"),
        Content("  have the keys); a warm tint: the mentions or hits picked; bold on"),
        Content("  amber: the one picked now"),
        Content.assemble(
            "Compare: ",
            ("underlined", "underline"),
            " words are shared, ",
            ("reversed", "bold reverse"),
            " ones differ",
        ),
        Content(GRADES),
    ]


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
            lines.append(Content.assemble((title, "bold underline")))
            lines += [Content.assemble((keys.ljust(width), "bold"), text) for keys, text in rows]
            lines.append(Content(""))
        lines += legend(self.app)
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
