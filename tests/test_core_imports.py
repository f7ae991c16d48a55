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


def test_import_contract_names_every_core_module():
    """The import-linter contract lists the core by name: a new module must join it."""
    import tomllib

    config = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    core = next(c for c in contracts if "reader.tui" in c["forbidden_modules"])
    top_level = {name.split(".")[1] for name in CORE_MODULES if name != "reader"}
    top_level -= {"cli"}
    assert set(core["source_modules"]) == {f"reader.{name}" for name in top_level}
