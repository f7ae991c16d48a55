"""ReaderApp: the terminal reader. It owns what was loaded (the corpus, its problems,
the cross-references) and the state file; the main screen owns the reading.

Module-level imports stay light (no YAML, no rapidfuzz, no cross-reference engine), so
the first frame comes about as fast as a bare Textual app's. The loading worker starts
before the screen is built and the app waits for it a moment (FIRST_FRAME_WAIT): a
corpus that loads in that time, as the bundled one does from its cache, is in the very
first frame; a slower one is shown when it is in, the panes painted (and answering) first.

Data goes down: screens watch `corpus`, `xref` and `xref_status`. Requests come up as
messages (reader.tui.messages).
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable
from pathlib import Path
from time import monotonic
from typing import TYPE_CHECKING, cast

from textual import events, work
from textual.app import App
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import var
from textual.worker import Worker, WorkerState, get_current_worker

from reader.model import Corpus, Problem
from reader.tui import messages
from reader.tui.location import Location
from reader.tui.screens.main import MainScreen
from reader.tui.screens.too_small import TooSmallScreen, too_small
from reader.tui.state import (
    default_state_path,
    load_position,
    load_settings,
    save_position,
    save_setting,
)
from reader.tui.xref_status import XrefStatus
from reader.wording import counted

if TYPE_CHECKING:
    from textual.command import Provider

    from reader.xref import CrossReference
    from reader.xref.judged import JudgedLinks

PROGRESS_INTERVAL = 0.05  # seconds between progress-bar updates from the worker
# How long the app waits for the corpus before building its first frame without it.
FIRST_FRAME_WAIT = 0.2
GC_PAUSE_LIMIT = 2.0  # seconds: the garbage collector is paused at most that long
# A corpus cache entry up to this size is read before the screen is built, on the spot
# (the bundled corpus's, ~65 KB, in a few ms); a larger one, or a load, in the worker.
QUICK_CACHE_BYTES = 2_000_000
KEY_NAMES = {"backspace": "backspace", "enter": "enter"}  # words read better than ⌫ ⏎

Loaded = tuple[Corpus, list[Problem], Location | None, str | None]


def corpus_commands(name: str) -> Callable[[], type[Provider]]:
    """A palette provider imported when the palette first opens, not at start-up."""

    def provider() -> type[Provider]:
        from reader.tui import commands

        return getattr(commands, name)

    return provider


class CrossReferenceCancelled(Exception):
    """Raised inside the engine's progress callback to stop it when the app quits."""


class ReaderApp(App[None]):
    CSS_PATH = Path(__file__).parent / "reader.tcss"  # absolute: subclasses live elsewhere
    HELP_TITLE = "Everywhere"
    TITLE = "reader"
    COMMANDS = App.COMMANDS | {
        corpus_commands(name)
        for name in ("ArticleCommands", "EntityCommands", "QuoteCommands", "StatementCommands")
    }
    HORIZONTAL_BREAKPOINTS = [
        (0, "-stacked"),
        (80, "-narrow"),
        (120, "-wide"),
        (160, "-extra-wide"),
    ]

    BINDINGS = [
        Binding("q", "quit", "Quit", show=False),  # ctrl+q too; the footer is short at 80
        Binding("question_mark,f1", "help", "Help"),
    ]

    corpus: var[Corpus | None] = var(None, init=False)
    """The loaded corpus (its sound articles), None until it is in."""
    xref: var[JudgedLinks | None] = var(None, init=False)
    """The corpus's cross-references, once computed."""
    xref_status: var[XrefStatus] = var(XrefStatus.WAITING, init=False)
    xref_progress: var[tuple[int, int]] = var((0, 0), init=False)
    """(statements done, statements in all) while cross-referencing."""

    class XrefProgress(Message):
        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done, self.total = done, total

    def __init__(
        self,
        corpus_path: Path | str,
        *,
        state_path: Path | str | None = None,
        cross_reference: bool = True,
        xref_cache: bool | Path = True,
        corpus_cache: bool | Path = True,
    ) -> None:
        super().__init__()
        self.corpus_path = Path(corpus_path)
        self.state_path = Path(state_path) if state_path is not None else default_state_path()
        self.xref_cache = xref_cache  # passed to the engine: False, or its SQLite file
        self.use_cross_reference = cross_reference
        self._reloading = False  # the corpus is being read again (r on the problems screen)
        self.corpus_cache = corpus_cache  # False, True (the user's cache dir) or a dir
        self.problems: list[Problem] = []
        self.start: Location | None = None  # the place remembered from the last run
        self._position: Location | None = None
        if not cross_reference:
            self.set_reactive(ReaderApp.xref_status, XrefStatus.UNAVAILABLE)
        self._gc_paused = False
        self.settings = load_settings(self.state_path)  # the theme, the side tab
        if self.settings.get("theme") in self.available_themes:
            self.theme = self.settings["theme"]

    def watch_theme(self, theme: str) -> None:
        self._remember_setting("theme", theme)

    def on_setting_changed(self, event: messages.SettingChanged) -> None:
        self._remember_setting(event.name, event.value)

    def _remember_setting(self, name: str, value: str) -> None:
        if self.settings.get(name) == value:
            return
        self.settings[name] = value
        try:
            save_setting(self.state_path, name, value)
        except OSError as error:
            self.notify(f"Could not save the {name}: {error}", severity="warning")

    @property
    def xref_pending(self) -> bool:
        return self.xref_status in (XrefStatus.WAITING, XrefStatus.RUNNING)

    def get_key_display(self, binding: Binding) -> str:
        return KEY_NAMES.get(binding.key) or super().get_key_display(binding)

    def get_default_screen(self) -> MainScreen:
        return MainScreen()

    @property
    def main(self) -> MainScreen:
        return self.screen_stack[0]  # type: ignore[return-value]

    async def on_load(self) -> None:
        """Read the corpus from its cache, or start loading it, before the screen is
        built. A load gets a moment to finish: the main thread idle, the worker has the
        interpreter to itself."""
        self._pause_gc()
        if (cached := self._read_cache()) is not None:
            self._take(cached)
            return
        worker = self._load()
        waiting = asyncio.ensure_future(worker.wait())
        # Failing or cancelled, the worker is reported by its state change, not here.
        waiting.add_done_callback(lambda done: done.cancelled() or done.exception())
        await asyncio.wait({waiting}, timeout=FIRST_FRAME_WAIT)  # never cancels it
        if worker.state == WorkerState.SUCCESS and worker.result is not None:
            self._take(worker.result)  # else taken when its state changes

    def on_mount(self) -> None:
        self._check_size(self.size)

    def on_ready(self) -> None:
        if self.corpus is None:  # the first frame is painted and the corpus is still to come
            self._resume_gc()

    def on_unmount(self) -> None:
        self._resume_gc()

    def on_panes_mounted(self, event: messages.PanesMounted) -> None:
        """Every pane is in, after the first frame: collect garbage again, and start
        cross-referencing (its thread would slow the mounting down)."""
        self._resume_gc()
        self._start_cross_referencing()

    def _pause_gc(self) -> None:
        """No cyclic garbage collection until start-up is done (every pane mounted).

        Start-up creates objects by the hundred thousand (modules, styles, widgets) and
        frees few: a full collection over them found nothing and cost some 30 ms, a tenth
        of the start. Reference counting still frees what start-up drops meanwhile."""
        if gc.isenabled():
            gc.disable()
            self._gc_paused = True
            self.set_timer(GC_PAUSE_LIMIT, self._resume_gc)  # whatever happens

    def _resume_gc(self) -> None:
        if self._gc_paused:
            self._gc_paused = False
            gc.enable()

    # Loading: from the cache on the spot, or in a worker

    def _read_cache(self) -> Loaded | None:
        """The corpus from a cache entry small enough to read before the first frame
        without holding it up (a few ms for the bundled corpus); None if there is none."""
        if self.corpus_cache is False:
            return None
        from reader.corpus_cache import read_cached

        cached = read_cached(self.corpus_path, self._cache_dir, max_bytes=QUICK_CACHE_BYTES)
        if cached is None:
            return None
        return *cached, *load_position(self.state_path, self.corpus_path)

    @property
    def _cache_dir(self) -> Path | None:
        cache = self.corpus_cache
        return cache if isinstance(cache, Path) else None

    @work(thread=True, exclusive=True, group="load", name="load", exit_on_error=False)
    def _load(self) -> Loaded:
        if self.corpus_cache is False:
            from reader.corpus import load_corpus

            corpus, problems = load_corpus(self.corpus_path)
        else:
            from reader.corpus_cache import load_corpus_cached

            corpus, problems = load_corpus_cached(self.corpus_path, self._cache_dir)
        start, state_error = load_position(self.state_path, self.corpus_path)
        return corpus, problems, start, state_error

    def _take(self, loaded: Loaded) -> None:
        """The corpus is in: report its problems and hand it to whoever watches."""
        if self.corpus is not None and not self._reloading:
            return  # taken once
        reloaded, self._reloading = self._reloading, False
        corpus, problems, start, state_error = loaded
        self.problems, self.start = problems, start
        if state_error:
            self.notify(state_error, severity="warning", timeout=8)
        if problems:
            count = counted(len(problems), "problem")
            self.notify(
                f"The corpus has {count}; the sound articles are open. Press p to list them.",
                title="Corpus problems",
                severity="warning",
                timeout=8,
            )
        if not corpus.articles:
            self.xref_status = XrefStatus.UNAVAILABLE
        self.corpus = corpus
        if reloaded:
            self.notify(f"Reloaded the corpus: {counted(len(problems), 'problem')}.", timeout=4)
        if reloaded or (self.screen_stack and self.main.complete):
            # The panes are in (a corpus that loads for longer than the first frames
            # comes after them): no need to wait.
            self._start_cross_referencing()

    def on_reload_corpus(self, event: messages.ReloadCorpus) -> None:
        """Read the corpus from disk again, keeping the reader's place."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.start = self.main.here()
        self.workers.cancel_group(self, "xref")
        self.xref = None
        if self.use_cross_reference:
            self.xref_status = XrefStatus.WAITING
        self._reloading = True
        self._load()

    def _start_cross_referencing(self) -> None:
        if self.xref_status == XrefStatus.WAITING and self.corpus is not None:
            self.xref_status = XrefStatus.RUNNING
            self._cross_reference(self.corpus)

    # A description given, Textual does not describe the worker by repr() of its
    # arguments: the whole corpus, ~5 ms of text at start-up for nothing.
    @work(
        thread=True,
        exclusive=True,
        group="xref",
        name="xref",
        description="cross-reference the corpus",
        exit_on_error=False,
    )
    def _cross_reference(self, corpus: Corpus) -> JudgedLinks:
        from reader.xref import cross_reference

        worker = get_current_worker()
        last = 0.0

        def progress(done: int, total: int) -> None:
            nonlocal last
            if worker.is_cancelled:
                raise CrossReferenceCancelled
            if done == total or monotonic() - last > PROGRESS_INTERVAL:
                last = monotonic()
                self.post_message(self.XrefProgress(done, total))

        from reader.xref.judged import judged_links

        # The engine's links are seen through the researcher's judgements (judgements.yaml).
        stored = self._stored_links(corpus)
        if stored is not None and stored.complete:
            return judged_links(stored)[0]
        if stored is not None:  # the links between unchanged articles, while the rest run
            self.call_from_thread(self._show_stored_links, judged_links(stored)[0])
        return judged_links(cross_reference(corpus, progress=progress, cache=self.xref_cache))[0]

    def _show_stored_links(self, stored: JudgedLinks) -> None:
        # Data goes down: the screens show these links until the whole set arrives.
        self.xref = stored

    def _stored_links(self, corpus: Corpus) -> CrossReference | None:
        """What the link store holds for `corpus`, without scoring (None if nothing)."""
        if self.xref_cache is False:
            return None
        from reader.xref.cache import default_cache_path
        from reader.xref.incremental import stored_cross_reference

        path = self.xref_cache if isinstance(self.xref_cache, Path) else default_cache_path()
        return stored_cross_reference(corpus, path)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if not self.screen_stack:  # the app is closing
            return
        if worker.name == "load" and event.state == WorkerState.SUCCESS:
            self._take(cast(Loaded, worker.result))
        elif worker.name == "load" and event.state == WorkerState.ERROR:
            self.notify(f"Could not load {self.corpus_path}: {worker.error}", severity="error")
        elif worker.name == "xref" and event.state == WorkerState.SUCCESS:
            xref = cast("JudgedLinks", worker.result)
            self.xref = xref
            self.xref_status = XrefStatus.READY
            for note in xref.notes:  # the link cache could not be used: slower
                self.notify(note, severity="warning")
            if xref.problems:  # listed with the corpus's own (p)
                self.problems = [*self.problems, *xref.problems]
                self.notify("judgements.yaml has problems; press p to list them.", timeout=6)
        elif worker.name == "xref" and event.state in (WorkerState.ERROR, WorkerState.CANCELLED):
            self.xref_status = XrefStatus.UNAVAILABLE
            if event.state == WorkerState.ERROR:
                self.notify(f"Cross-referencing failed: {worker.error}", severity="error")

    def on_reader_app_xref_progress(self, event: XrefProgress) -> None:
        self.xref_progress = (event.done, event.total)

    # Remembering the place

    def on_place_changed(self, event: messages.PlaceChanged) -> None:
        self._position = event.location
        if event.save:
            self.save_state()

    def save_state(self) -> None:
        if self._position is None:
            return
        try:
            save_position(self.state_path, self.corpus_path, self._position)
        except OSError as error:
            self.notify(f"Could not save the reading position: {error}", severity="warning")

    # Requests from anywhere (the command palette) for the main screen

    def go_to(self, location: Location) -> None:
        """Back on the main screen, at `location`."""
        self._to_main(messages.GoTo(location))

    def show_entity(self, entity_id: str) -> None:
        self._to_main(messages.ShowEntity(entity_id))

    def _to_main(self, message: Message) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.main.post_message(message)

    def action_help(self) -> None:
        from reader.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    # Terminal size

    def on_resize(self, event: events.Resize) -> None:
        self._check_size(event.size)

    def _check_size(self, size: Size) -> None:
        showing = isinstance(self.screen, TooSmallScreen)
        if too_small(size) and not showing:
            self.push_screen(TooSmallScreen())
        elif showing and not too_small(size):
            self.pop_screen()


def run_app(corpus_path: Path) -> int:
    app = ReaderApp(corpus_path)
    app.run()
    app.save_state()
    return app.return_code or 0
