"""Shared fixtures. Qt runs offscreen; settings, data and cache dirs go to a private temp dir."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

_PRIVATE = Path(tempfile.mkdtemp(prefix="tracker-tests-"))
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["XDG_CONFIG_HOME"] = str(_PRIVATE / "config")
os.environ["XDG_DATA_HOME"] = str(_PRIVATE / "data")
os.environ["XDG_CACHE_HOME"] = str(_PRIVATE / "cache")
os.environ.pop("TRACKER_DB", None)
os.environ.setdefault("MPLBACKEND", "Agg")

sys.path.insert(0, str(Path(__file__).resolve().parent))  # for `import helpers`

from tracker.store import Store  # noqa: E402


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "tracker.db"


@pytest.fixture
def store(db_path: Path):
    """A real SQLite file, seeded with the bundled article, closed after the test."""
    s = Store.open(db_path, seed=True)
    yield s
    s.close()


@pytest.fixture
def seeded_db(tmp_path: Path) -> Path:
    """A database file holding the bundled article (a new --db file starts empty)."""
    path = tmp_path / "seeded.db"
    Store.open(path, seed=True).close()
    return path


@pytest.fixture
def empty_store(db_path: Path):
    s = Store.open(db_path, seed=False)
    yield s
    s.close()


def tracker_command() -> list[str]:
    """The installed `tracker` console script beside this Python."""
    exe = Path(sys.executable).with_name("tracker")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("tracker")
    assert found, "the tracker command is not installed; run pip install '.[test]'"
    return [found]


@pytest.fixture
def run_tracker(tmp_path: Path):
    """Run the installed command in a subprocess, from a directory outside the checkout."""

    def run(*args: str, env: dict[str, str] | None = None, unset: tuple[str, ...] = (),
            timeout: float = 120):
        full_env = {**os.environ, **(env or {})}
        for name in unset:
            full_env.pop(name, None)
        return subprocess.run([*tracker_command(), *args], cwd=tmp_path, env=full_env,
                              capture_output=True, text=True, timeout=timeout)

    return run


@pytest.fixture(autouse=True)
def fresh_settings():
    """Each test starts with no remembered window state (QSettings lives in a temp dir)."""
    from PySide6.QtCore import QSettings

    QSettings().clear()
    yield
    QSettings().clear()


@pytest.fixture
def window(qtbot, store: Store):
    """The main window on the seeded database, shown and framed on every event."""
    from tracker.gui.main_window import MainWindow

    win = MainWindow(store)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitActive(win)  # shortcuts only reach the active window
    win.canvas.fit_all()
    win.canvas.draw()
    yield win
    win.close()  # before the store fixture closes the database under it
