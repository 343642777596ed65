"""The core must never import Qt (DESIGN.md): checked on the source, by AST."""

import ast
from pathlib import Path

import pytest

import tracker

CORE = ("model", "store", "timeline", "io", "article")
ROOT = Path(tracker.__file__).resolve().parent


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _core_files() -> list[Path]:
    files = [p for pkg in CORE if (ROOT / pkg).is_dir() for p in (ROOT / pkg).rglob("*.py")]
    assert len(files) >= 8
    return files


@pytest.mark.parametrize("path", _core_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_core_module_does_not_import_qt(path: Path):
    bad = {n for n in _imports(path) if n.split(".")[0] in {"PySide6", "PyQt5", "PyQt6", "shiboken6"}
           or n.startswith("tracker.gui") or "backend_qt" in n}
    assert not bad, f"{path} imports {bad}"


def test_no_sql_outside_the_store():
    offenders = []
    for path in ROOT.rglob("*.py"):
        if "store" in path.relative_to(ROOT).parts:
            continue
        text = path.read_text(encoding="utf-8")
        if ".execute(" in text or "SELECT " in text:
            offenders.append(str(path.relative_to(ROOT)))
    assert not offenders


def test_the_checker_would_catch_an_import(tmp_path: Path):
    sample = tmp_path / "x.py"
    sample.write_text("from PySide6.QtCore import QObject\n")
    assert "PySide6.QtCore" in _imports(sample)
