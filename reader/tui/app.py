"""ReaderApp: the terminal reader. The corpus loads in a worker as Textual starts.

Module-level imports stay light (no YAML, no rapidfuzz, no cross-reference engine), so
the first frame comes about as fast as a bare Textual app's. The loading worker starts
before the screen is built and the app waits for it a moment (FIRST_FRAME_WAIT): a
corpus that loads in that time, as the bundled one does from its cache, is in the very
first frame; a slower one is shown when it is in, the panes painted (and answering) first.
"""

from __future__ import annotations

import asyncio
import gc
import sys
from collections.abc import Callable
from pathlib import Path
from time import monotonic
from typing import TYPE_CHECKING, Any

from textual import events, work
from textual.app import App
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.worker import Worker, WorkerState, get_current_worker

from reader.model import Corpus, Link, Problem
from reader.tui.location import Location
from reader.tui.screens.main import MainScreen
from reader.tui.state import default_state_path, load_position, save_position
from reader.wording import counted

if TYPE_CHECKING:
    from textual.command import Provider

MIN_WIDTH, MIN_HEIGHT = 60, 15  # below this, a polite message instead of the panes

PROGRESS_INTERVAL = 0.05  # seconds between progress-bar updates from the worker
# How long the app waits for the corpus before building its first frame without it.
FIRST_FRAME_WAIT = 0.2
GC_PAUSE_LIMIT = 2.0  # seconds: the garbage collector is paused at most that long
# A corpus cache entry up to this size is read before the screen is built, on the spot
# (the bundled corpus's, ~65 KB, in a few ms); a larger one, or a load, in the worker.
QUICK_CACHE_BYTES = 2_000_000
KEY_NAMES = {"backspace": "backspace", "enter": "enter"}  # words read better than ⌫ ⏎


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
    HORIZONTAL_BREAKPOINTS = [(0, "-stacked"), (80, "-narrow"), (120, "-wide")]

    BINDINGS = [
        Binding("q", "quit", "Quit", show=False),  # ctrl+q too; the footer is short at 80
        Binding("question_mark,f1", "help", "Help"),
    ]

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
        self.use_cross_reference = cross_reference
        self.xref_cache = xref_cache  # passed to the engine: False, or its SQLite file
        self.corpus_cache = corpus_cache  # False, True (the user's cache dir) or a dir
        self.corpus: Corpus | None = None
        self.problems: list[Problem] = []
        self.xref: Any = None  # reader.xref.CrossReference once computed
        self.xref_pending = cross_reference
        self._position: Location | None = None
        self._screen_ready = False  # the main screen composed: it can show the corpus
        self._gc_paused = False
        self._loaded_result: tuple | None = None  # held until the main screen is composed

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
            self._loaded_result = cached  # shown as the main screen mounts
            return
        worker = self._load()
        waiting = asyncio.ensure_future(worker.wait())
        # Failing or cancelled, the worker is reported by its state change, not here.
        waiting.add_done_callback(lambda done: done.cancelled() or done.exception())
        await asyncio.wait({waiting}, timeout=FIRST_FRAME_WAIT)  # never cancels it
        if worker.state == WorkerState.SUCCESS:
            self._loaded(worker)  # else shown when its state changes

    def on_mount(self) -> None:
        self._check_size(self.size)

    def on_ready(self) -> None:
        if self.corpus is None:  # the first frame is painted and the corpus is still to come
            self._resume_gc()

    def on_unmount(self) -> None:
        self._resume_gc()

    def start_up_done(self) -> None:
        """The main screen has every pane mounted, after its first frame: collect garbage
        again, and start cross-referencing (its thread would slow the mounting down)."""
        self._resume_gc()
        if self.xref_pending and self.corpus is not None:
            self._cross_reference(self.corpus)

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

    def _read_cache(self) -> tuple[Corpus, list[Problem], Location | None, str | None] | None:
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
        return None if self.corpus_cache in (True, False) else Path(self.corpus_cache)

    @work(thread=True, exclusive=True, group="load", name="load", exit_on_error=False)
    def _load(self) -> tuple[Corpus, list[Problem], Location | None, str | None]:
        if self.corpus_cache is False:
            from reader.corpus import load_corpus

            corpus, problems = load_corpus(self.corpus_path)
        else:
            from reader.corpus_cache import load_corpus_cached

            corpus, problems = load_corpus_cached(self.corpus_path, self._cache_dir)
        start, state_error = load_position(self.state_path, self.corpus_path)
        return corpus, problems, start, state_error

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
    def _cross_reference(self, corpus: Corpus) -> Any:
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

        return cross_reference(corpus, progress=progress, cache=self.xref_cache)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if not self.screen_stack:  # the app is closing
            return
        if worker.name == "load" and event.state == WorkerState.SUCCESS:
            self._loaded(worker)
        elif worker.name == "load" and event.state == WorkerState.ERROR:
            self.notify(f"Could not load {self.corpus_path}: {worker.error}", severity="error")
        elif worker.name == "xref" and event.state == WorkerState.SUCCESS:
            self.xref, self.xref_pending = worker.result, False
            self.main.show_xref(self.xref)
        elif worker.name == "xref" and event.state in (WorkerState.ERROR, WorkerState.CANCELLED):
            self.xref_pending = False
            self.main.show_xref(None)
            if event.state == WorkerState.ERROR:
                self.notify(f"Cross-referencing failed: {worker.error}", severity="error")

    def _loaded(self, worker: Worker) -> None:
        if self.corpus is None and self._loaded_result is None:  # taken once
            self._loaded_result = worker.result
            self._show_loaded()

    def main_screen_ready(self) -> None:
        """The main screen is composed (called before its first frame)."""
        self._screen_ready = True
        self._show_loaded()

    def _show_loaded(self) -> None:
        """Hand the loaded corpus to the main screen once both are there (either may be
        first: loading starts before the screen is built)."""
        if not (self._screen_ready and self._loaded_result):
            return
        corpus, problems, start, state_error = self._loaded_result
        self._loaded_result = None
        self.corpus, self.problems = corpus, problems
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
        self.main.show_corpus(corpus, start)
        if not (self.use_cross_reference and corpus.articles):
            self.xref_pending = False  # else started once every pane is in (start_up_done)

    def on_reader_app_xref_progress(self, event: XrefProgress) -> None:
        self.main.show_xref_progress(event.done, event.total)

    # Remembering the place

    def remember(self, location: Location | None, *, write: bool = True) -> None:
        if location is None:
            return
        self._position = location
        if write:
            self.save_state()

    def save_state(self) -> None:
        if self._position is None:
            return
        try:
            save_position(self.state_path, self.corpus_path, self._position)
        except OSError as error:
            self.notify(f"Could not save the reading position: {error}", severity="warning")

    # Screens

    def go_to(self, location: Location | None) -> None:
        """Back on the main screen at `location` (what pushed screens dismiss with)."""
        if location is None:
            return
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.main.open(location)

    def show_entity(self, entity_id: str) -> None:
        from reader.tui.screens.entity import EntityScreen

        if self.corpus is not None and (entity := self.corpus.entity(entity_id)) is not None:
            self.push_screen(EntityScreen(self.corpus, entity, self.xref), self.go_to)

    def show_compare(self, links: list[Link], index: int) -> None:
        from reader.tui.screens.compare import CompareScreen

        assert self.corpus is not None
        self.push_screen(CompareScreen(self.corpus, links, index), self.go_to)

    def show_coverage(self) -> None:
        from reader.tui.screens.coverage import CoverageScreen

        if self.xref is None:
            self.notify("Cross-references are still being computed.", timeout=3)
            return
        assert self.corpus is not None
        self.push_screen(CoverageScreen(self.corpus, self.xref), self.go_to)

    def show_problems(self) -> None:
        from reader.tui.screens.problems import ProblemsScreen

        if not self.problems:
            self.notify("The corpus has no problems.", timeout=2)
            return
        self.push_screen(ProblemsScreen(self.problems))

    def action_help(self) -> None:
        from reader.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    # Terminal size

    def on_resize(self, event: events.Resize) -> None:
        self._check_size(event.size)

    def _check_size(self, size: Size) -> None:
        width, height = size
        too_small = width < MIN_WIDTH or height < MIN_HEIGHT
        if not too_small and "reader.tui.screens.too_small" not in sys.modules:
            return  # never shown, so nothing to take down: no need to import it
        from reader.tui.screens.too_small import TooSmallScreen

        showing = isinstance(self.screen, TooSmallScreen)
        if too_small and not showing:
            self.push_screen(TooSmallScreen())
        elif showing and not too_small:
            self.pop_screen()


def run_app(corpus_path: Path) -> int:
    app = ReaderApp(corpus_path)
    app.run()
    app.save_state()
    return app.return_code or 0
