"""Pilot and snapshot tests run the app on the fixed corpus in fixtures/, with the
state file in a temporary directory so the user's own place never leaks in."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.tui.app import ReaderApp

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = FIXTURES / "corpus"
BROKEN = FIXTURES / "broken"


@pytest.fixture
def state_path(tmp_path: Path) -> Path:
    return tmp_path / "state" / "state.json"


@pytest.fixture
def make_app(state_path: Path):
    def make(corpus: Path = CORPUS, **options) -> ReaderApp:
        options.setdefault("cross_reference", False)
        options.setdefault("xref_cache", False)  # never the user's cache
        options.setdefault("corpus_cache", False)
        return ReaderApp(corpus, state_path=state_path, **options)

    return make


async def wait_until(pilot, condition, seconds: float = 5.0) -> None:
    """Let the app run until `condition()` holds (the test machine may be slow)."""
    for _ in range(int(seconds / 0.01)):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError(f"still not so after {seconds}s: {condition}")


async def _settle(pilot, seconds: float = 5.0) -> None:
    """Wait until the corpus is shown, every pane is mounted (some come after the
    first frame) and cross-referencing, which starts after it, is over."""
    app = pilot.app
    await wait_until(
        pilot,
        lambda: app.corpus is not None and app.main.complete and not app.xref_pending,
        seconds,
    )
    await app.workers.wait_for_complete()
    await pilot.pause()


settle_app = _settle  # for snapshot tests' run_before


@pytest.fixture
def settle():
    """Wait for the workers (loading, cross-referencing) and the messages they post."""
    return _settle


def toasts(app) -> list[str]:
    """The text of the notifications on screen now."""
    return [toast.render().plain for toast in app.screen.query("Toast")]
