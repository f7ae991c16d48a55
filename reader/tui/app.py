"""ReaderApp: the terminal reader. It owns what was loaded (the corpus, its problems,
the cross-references) and the state file; the main screen owns the reading.

Module-level imports stay light (no YAML, no rapidfuzz, no cross-reference engine), so
the first frame comes about as fast as a bare Textual app's. What that frame shows:

- a small corpus (the bundled one) whole, from its cache entry, read on the spot;
- else the article the reader was at (or the first file's) alone: from its own small
  cache entry (reader.corpus_cache.read_opening), or read from its file in a worker the
  app waits for a moment (FIRST_FRAME_WAIT). The whole corpus then loads in a worker
  once the panes are in, its progress shown; the article list fills when it is in, and
  the keys that need all of it ([, ], the entity screen) say they wait for it.

A few article files are loaded whole in that first moment instead; a load slower than
that is shown when it is in, the panes painted (and answering) first.

Data goes down: screens watch `corpus`, `xref` and `xref_status`. Requests come up as
messages (reader.tui.messages).
"""

from __future__ import annotations

import asyncio
import gc
import os
import sys
from collections.abc import Callable
from itertools import islice
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
    remembered_file,
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
# Seconds a thread may hold the interpreter while another waits for it (see
# _share_interpreter); Python's default is 0.005.
SWITCH_INTERVAL = 0.0005
GC_PAUSE_LIMIT = 2.0  # seconds: the garbage collector is paused at most that long
# A corpus cache entry up to this size is read before the screen is built, on the spot
# (the bundled corpus's, ~65 KB, in a few ms); a larger one, or a load, in the worker.
QUICK_CACHE_BYTES = 2_000_000
# A directory of at most this many entries is loaded whole in the first moment; a larger
# one shows the opening article first (one file read), the rest after the first frame.
WHOLE_FIRST_ENTRIES = 50
WHOLE_LOAD_LATEST = 1.0  # seconds after the first frame: the rest loads by then
KEY_NAMES = {"backspace": "backspace", "enter": "enter"}  # words read better than ⌫ ⏎

Loaded = tuple[Corpus, list[Problem], Location | None, str | None]


def corpus_commands(name: str) -> Callable[[], type[Provider]]:
    """A palette provider imported when the palette first opens, not at start-up."""

    def provider() -> type[Provider]:
        from reader.tui import commands

        return getattr(commands, name)

    return provider


class WorkCancelled(Exception):
    """Raised inside a worker's progress callback (the engine's, the loader's) to stop
    it when the app quits or the work is started again."""


CrossReferenceCancelled = WorkCancelled  # the name it had


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
    """The loaded corpus (its sound articles), None until it is in. While the whole
    corpus loads it may hold the opening article alone (`corpus_complete` is False)."""
    corpus_complete: var[bool] = var(False, init=False)
    """Whether `corpus` is the whole corpus."""
    load_progress: var[tuple[int, int]] = var((0, 0), init=False)
    """(article files read, files in all) while the whole corpus loads."""
    xref: var[JudgedLinks | None] = var(None, init=False)
    """The corpus's cross-references, once computed."""
    xref_status: var[XrefStatus] = var(XrefStatus.WAITING, init=False)
    xref_progress: var[tuple[int, int]] = var((0, 0), init=False)
    """(statements done, statements in all) while cross-referencing."""

    class XrefProgress(Message):
        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done, self.total = done, total

    class LoadProgress(Message):
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
        self._loading_whole = False  # the worker loading the whole corpus was started
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
        self._share_interpreter()
        if (cached := self._read_cache()) is not None:
            self._take(cached)
            return
        if (opening := self._read_opening()) is not None:
            self._take_opening(opening)
            return  # the whole corpus loads after the first frame
        worker = self._load_whole() if self._few_entries() else self._load_opening()
        waiting = asyncio.ensure_future(worker.wait())
        # Failing or cancelled, the worker is reported by its state change, not here.
        waiting.add_done_callback(lambda done: done.cancelled() or done.exception())
        await asyncio.wait({waiting}, timeout=FIRST_FRAME_WAIT)  # never cancels it
        if worker.state == WorkerState.SUCCESS and worker.result is not None:
            self._took(worker)  # else taken when its state changes

    def on_mount(self) -> None:
        self._check_size(self.size)

    def on_ready(self) -> None:
        if self.corpus is None:  # the first frame is painted and the corpus is still to come
            self._resume_gc()
        if not self.corpus_complete:
            # Loaded once the panes are in; in any case soon (a screen over the main one,
            # too small a terminal, may hold the panes back).
            self.set_timer(WHOLE_LOAD_LATEST, self._load_rest)

    def on_unmount(self) -> None:
        self._resume_gc()

    def on_panes_mounted(self, event: messages.PanesMounted) -> None:
        """Every pane is in, after the first frame: collect garbage again, and load
        the rest of the corpus or start cross-referencing (their threads would slow
        the mounting down)."""
        self._resume_gc()
        # After the frame that shows the panes (and the article's text, laid out at
        # its width): the loading thread would hold that frame up.
        self.call_after_refresh(self._load_rest)
        self._start_cross_referencing()

    def _load_rest(self) -> None:
        if not self.corpus_complete and not self._loading_whole:
            self._load_whole()

    def _share_interpreter(self) -> None:
        """Hand the interpreter to the interface sooner while workers compute.

        A worker thread scoring links or grouping claims holds the interpreter lock,
        and the interface thread waits for it up to the switch interval (5 ms by
        default) each time it takes it back, which handling one key and painting a
        frame does dozens of times: a key took a second while cross-referencing ran.
        A shorter interval costs the workers little (a switch is microseconds)."""
        if sys.getswitchinterval() > SWITCH_INTERVAL:
            sys.setswitchinterval(SWITCH_INTERVAL)

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

    def _read_opening(self) -> Corpus | None:
        """The opening article from its own cache entry, if it holds (see on_load)."""
        if self.corpus_cache is False:
            return None
        from reader.corpus_cache import read_opening

        return read_opening(
            self.corpus_path,
            self._cache_dir,
            remembered_file(self.state_path, self.corpus_path),
        )

    def _few_entries(self) -> bool:
        """Whether the corpus directory is small enough to load whole at once."""
        try:
            with os.scandir(self.corpus_path) as entries:
                return sum(1 for _ in islice(entries, WHOLE_FIRST_ENTRIES + 1)) <= (
                    WHOLE_FIRST_ENTRIES
                )
        except OSError:
            return True  # the load says what is wrong

    @work(thread=True, exclusive=True, group="opening", name="opening", exit_on_error=False)
    def _load_opening(self) -> Corpus | None:
        """The article the reader was at (else the first file's) alone, with the catalogue."""
        from reader.corpus import article_files, load_article_alone

        path = remembered_file(self.state_path, self.corpus_path)
        if path is None or not path.is_file():
            files = article_files(self.corpus_path)
            if not files:
                return None  # the whole load says what is wrong
            path = files[0]
        return load_article_alone(self.corpus_path, path)

    def _load_whole(self) -> Worker[Loaded]:
        self._loading_whole = True
        return self._load()

    @work(thread=True, exclusive=True, group="load", name="load", exit_on_error=False)
    def _load(self) -> Loaded:
        progress = self._progress_reporter(self.LoadProgress)
        if self.corpus_cache is False:
            from reader.corpus import load_corpus_reading

            corpus, problems, _ = load_corpus_reading(self.corpus_path, progress=progress)
        else:
            from reader.corpus_cache import load_corpus_cached

            corpus, problems = load_corpus_cached(self.corpus_path, self._cache_dir, progress)
        start, state_error = load_position(self.state_path, self.corpus_path)
        self.keep_opening(corpus, self._position or start)  # for the next start
        return corpus, problems, start, state_error

    def _took(self, worker: Worker) -> None:
        if worker.name == "load":
            self._take(cast(Loaded, worker.result))
        elif worker.result is not None:
            self._take_opening(cast(Corpus, worker.result))

    def _take_opening(self, corpus: Corpus) -> None:
        """The opening article is in, before the rest: shown while the corpus loads."""
        if self.corpus is not None:
            return  # the whole corpus came first
        self.start, _ = load_position(self.state_path, self.corpus_path)  # errors: by the load
        self.corpus = corpus

    def keep_opening(self, corpus: Corpus | None = None, place: Location | None = None) -> None:
        """Keep the article at `place` (default: the reader's) of `corpus` (default: the
        app's) for the next start to show first, in a small cache entry of its own, if
        the corpus is too large to be loaded whole at once. Never fatal."""
        corpus = corpus or self.corpus
        place = place or self._position
        if self.corpus_cache is False or corpus is None or place is None or self._few_entries():
            return
        from reader.corpus_cache import write_opening

        try:
            write_opening(self.corpus_path, self._cache_dir, corpus, place.article_id)
        except (OSError, ValueError):
            pass  # not kept: the next start reads the article's file instead

    def _take(self, loaded: Loaded) -> None:
        """The corpus is in: report its problems and hand it to whoever watches."""
        if self.corpus_complete and not self._reloading:
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
        self.corpus_complete = True
        self.corpus = corpus
        if reloaded:
            self.notify(f"Reloaded the corpus: {counted(len(problems), 'problem')}.", timeout=4)
        if self.screen_stack and self.main.complete:
            self._start_cross_referencing()  # the panes are in already: no need to wait

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
        self._load_whole()

    def _start_cross_referencing(self) -> None:
        if self.xref_status == XrefStatus.WAITING and self.corpus_complete:
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
        from reader.xref.judged import judged_links

        progress = self._progress_reporter(self.XrefProgress)

        # The engine's links are seen through the researcher's judgements (judgements.yaml).
        stored = self._stored_links(corpus)
        if stored is not None and stored.complete:
            return judged_links(stored)[0]
        if stored is not None:  # the links between unchanged articles, while the rest run
            self.call_from_thread(self._show_stored_links, judged_links(stored)[0])
        return judged_links(cross_reference(corpus, progress=progress, cache=self.xref_cache))[0]

    def _progress_reporter(
        self, message: Callable[[int, int], Message]
    ) -> Callable[[int, int], None]:
        """A progress callback for the running worker: it posts `message(done, total)`
        now and then, and stops the worker (WorkCancelled) once it is cancelled."""
        worker = get_current_worker()
        last = 0.0

        def progress(done: int, total: int) -> None:
            nonlocal last
            if worker.is_cancelled:
                raise WorkCancelled
            if done == total or monotonic() - last > PROGRESS_INTERVAL:
                last = monotonic()
                self.post_message(message(done, total))

        return progress

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
        if worker.name in ("load", "opening") and event.state == WorkerState.SUCCESS:
            self._took(worker)
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

    def on_reader_app_load_progress(self, event: LoadProgress) -> None:
        if not self.corpus_complete:
            self.load_progress = (event.done, event.total)

    # Remembering the place

    def on_place_changed(self, event: messages.PlaceChanged) -> None:
        self._position = event.location
        if event.save:
            self.save_state()

    def save_state(self) -> None:
        if self._position is None:
            return
        article = self.corpus.article(self._position.article_id) if self.corpus else None
        file = article.path if article is not None else None
        try:
            save_position(self.state_path, self.corpus_path, self._position, file)
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
    app.keep_opening()
    return app.return_code or 0
