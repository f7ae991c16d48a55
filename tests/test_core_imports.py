"""The core must stay usable without Textual: scripts and `reader check` rely on it."""

import subprocess
import sys
from pathlib import Path

import reader

PACKAGE = Path(reader.__file__).parent


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


CORE_MODULES = sorted(
    module_name(p)
    for p in PACKAGE.rglob("*.py")
    if "tui" not in p.relative_to(PACKAGE).parts and p.name != "__main__.py"
)


def test_core_modules_do_not_import_textual():
    assert "reader.corpus" in CORE_MODULES
    code = (
        "import importlib, sys\n"
        f"for name in {CORE_MODULES!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
