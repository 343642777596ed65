"""Start the window: check the display, open the database (with a dialog on failure)."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from pathlib import Path

from tracker.gui.platform_check import display_problem


def launch(db_path: Path | None) -> int:
    """Open the window on ``db_path``; None means the database used last time (or the
    default one when there is none)."""
    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 3
    if not gc.isenabled():
        return _open_window(db_path)
    # Off until the window has painted (tracker.gui.collector), on again in any case.
    gc.disable()
    try:
        return _open_window(db_path, collect_after_paint=True)
    finally:
        gc.enable()


def _open_window(db_path: Path | None, collect_after_paint: bool = False) -> int:
    from PySide6.QtWidgets import QApplication

    from tracker.gui.first_start import prepare_fonts
    from tracker.gui.forms import plain
    from tracker.store import Store, StoreError

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Diplomacy Timeline Tracker")
    app.setOrganizationName("DiplomacyTimelineTracker")
    app.setDesktopFileName("diplomacy-timeline-tracker")
    prepare_fonts()  # before anything imports matplotlib's font manager
    from tracker.gui.documents import last_database
    from tracker.gui.main_window import MainWindow
    from tracker.store import default_db_path

    db_path = db_path or last_database() or default_db_path()
    try:
        store = Store.open(db_path, check="later")  # the window checks for damage after it painted
    except StoreError as exc:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, "Cannot open database", plain(str(exc)))
        print(f"tracker: {exc}", file=sys.stderr)
        return 1
    from tracker.gui.errors import install
    from tracker.logfile import capture_warnings

    install()
    capture_warnings()
    first_frame_drawn = _keep_first_frame_glyphs(app)
    window = MainWindow(store, owns_store=True)
    window.canvas.firstPainted.connect(first_frame_drawn)
    if collect_after_paint:
        from tracker.gui.collector import OnAfterFirstPaint

        OnAfterFirstPaint(window.canvas)
    window.show()
    return app.exec()


def _keep_first_frame_glyphs(app) -> Callable[[], None]:
    """Read the glyphs the last start's first frame used and record this one's, to be
    written when the app quits (tracker.timeline.glyphstore); returns what to call when
    the first frame has been drawn."""
    from PySide6.QtCore import QStandardPaths

    from tracker.store.db import APP_NAME
    from tracker.timeline import glyphstore, textcache

    recorded: dict[str, dict | None] = {}

    def first_frame_drawn() -> None:
        if "frame" not in recorded:
            recorded["frame"] = textcache.stop_recording()

    # The user cache folder as Qt knows it (~/.cache, or $XDG_CACHE_HOME, on Linux):
    # platformdirs would say the same but costs the start-up ~3 ms to import.
    cache = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericCacheLocation)
    if not cache:  # no cache folder on this system: no cache
        return first_frame_drawn
    path = Path(cache) / APP_NAME / glyphstore.FILE_NAME
    glyphstore.load(path)
    textcache.start_recording()
    app.aboutToQuit.connect(lambda: glyphstore.save(path, recorded.get("frame")))
    return first_frame_drawn
