"""What the start-up of the window does and leaves out (tracker.gui.launch): mechanisms
only; benchmarks/run.py measures the time."""

from __future__ import annotations

import gc
import os
import subprocess
import sys


def test_the_collector_comes_on_after_the_first_paint(qtbot):
    from PySide6.QtWidgets import QWidget

    from tracker.gui.collector import OnAfterFirstPaint

    widget = QWidget()
    qtbot.addWidget(widget)
    gc.disable()
    try:
        hook = OnAfterFirstPaint(widget)
        assert not gc.isenabled()
        widget.show()
        qtbot.waitUntil(lambda: hook.finished, timeout=2000)  # well before FALLBACK_MS
        assert gc.isenabled() and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.enable()


def test_a_failed_launch_leaves_the_collector_on(qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    from tracker.gui import launch as launch_module

    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda *args: None))
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database" * 100)
    assert gc.isenabled()
    assert launch_module.launch(bad) == 1
    assert gc.isenabled()


# Modules the window needs only when a command asks for them (import, export, article
# import, the command line, the dialogs), or never; each costs start-up time.
NOT_AT_START = ("click", "trafilatura", "dateparser", "icalendar", "tracker.io",
                "tracker.model.dateparse", "tracker.article", "tracker.cli", "tracker.store.bulk",
                "tracker.gui.reference_dialog", "tracker.gui.event_dialog",
                "tracker.gui.filter_dialogs", "tracker.gui.lanes_dialog",
                # matplotlib's Qt backend: the timeline is a FigureWidget of its own
                "matplotlib.backends.backend_qt", "matplotlib.backends.qt_editor",
                "PySide6.QtSvg")


def test_opening_the_window_leaves_out_modules_for_later(tmp_path):
    from tracker.store import Store

    db = tmp_path / "t.db"
    Store.open(db, seed=True).close()  # made and seeded here: the window only opens it
    code = ("import sys\n"
            "from PySide6.QtWidgets import QApplication\n"
            "app = QApplication([])\n"
            "from tracker.gui.main_window import MainWindow\n"
            "from tracker.store import Store\n"
            f"window = MainWindow(Store.open({str(db)!r}), owns_store=True)\n"
            "window.show()\n"
            "app.processEvents()\n"
            "import PySide6.QtWidgets as widgets\n"
            "print('QWizard' in vars(widgets))\n"
            "print(' '.join(sorted(sys.modules)))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120, check=True).stdout.split()
    # No QWidget* met without a wrapper (tracker.gui.scroll): QWizard's type untouched.
    assert out.pop(0) == "False"
    assert "tracker.gui.main_window" in out and "tracker.gui.canvas" in out
    loaded = [m for m in out if any(m == bad or m.startswith(bad + ".") for bad in NOT_AT_START)]
    assert not loaded


def test_viewport_of_is_the_viewport(qtbot):
    from PySide6.QtWidgets import QPlainTextEdit, QTableView, QWidget

    from tracker.gui.scroll import viewport_of

    for area in (QTableView(), QPlainTextEdit()):
        qtbot.addWidget(area)
        assert viewport_of(area) is area.viewport()
    custom = QTableView()
    qtbot.addWidget(custom)
    own = QWidget()
    custom.setViewport(own)
    assert viewport_of(custom) is own is custom.viewport()


def test_the_app_starts_numpy_with_one_blas_thread(monkeypatch):
    from tracker import entry

    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    entry.quiet_blas()
    assert os.environ["OPENBLAS_NUM_THREADS"] == "1"
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "4")  # the user's own choice stays
    entry.quiet_blas()
    assert os.environ["OPENBLAS_NUM_THREADS"] == "4"
    # and it happens before numpy is imported: the command imports neither
    out = subprocess.run([sys.executable, "-c", "import sys, tracker.entry; "
                          "print('numpy' in sys.modules)"], capture_output=True, text=True,
                         timeout=60, check=True).stdout
    assert out.strip() == "False"
