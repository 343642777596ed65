"""The condition of the database file: the damage check in the background, and the
banner of a file opened read-only.

The command line quick_checks files up to tracker.store.db.SYNC_CHECK_BYTES before it
uses them. The window would have to wait for that (about 55 ms for 10,000 events, seconds
for a million), so it opens at once and, once it has painted, a low-priority thread
checks the file on a connection of its own; if it is damaged the store refuses every
write from then on, and the person is told in plain words.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from tracker.gui.forms import plain
from tracker.store import Store
from tracker.store.db import check_live_file, damaged_message

CHECK_DELAY_MS = 2000


class IntegrityWatch(QObject):
    found = Signal(str)

    def __init__(self, window: QWidget, store: Store) -> None:
        super().__init__(window)
        self.window = window
        self.store = store
        self.stopped = False
        self.done = threading.Event()
        self._conn: sqlite3.Connection | None = None
        self.found.connect(self._report)  # queued: emitted from the checking thread
        self.banner: QLabel | None = None
        if store.read_only is not None:
            self._read_only_banner(store.read_only)
        if store.db.checked or store.path is None:
            self.done.set()
            return
        # Not before the window has painted: the start must not wait for (or share the
        # machine with) a read of the whole file.
        QTimer.singleShot(CHECK_DELAY_MS, self._start)

    def _start(self) -> None:
        if not self.stopped:
            threading.Thread(target=self._run, name="tracker-quick-check", daemon=True).start()

    def _read_only_banner(self, why: str) -> None:
        """A file on read-only media (or a full disk) opens to browse and export; a
        banner says so, and the editing actions are off."""
        text = ("The disk is full, so this database is open to browse and export only. "
                "Free some disk space and open it again to change it." if why == "full" else
                "This database is on a read-only disk (or is a read-only file): you can "
                "browse and export it, but not change it. Copy it somewhere writable to "
                "edit it.")
        self.banner = QLabel(text)
        self.banner.setObjectName("readOnlyBanner")
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("QLabel#readOnlyBanner { background: #fff4ce; color: #3b2f00;"
                                  " padding: 6px 10px; border-bottom: 1px solid #e0c060; }")
        central = self.window.centralWidget()
        if central is not None and central.layout() is not None:
            central.layout().insertWidget(0, self.banner)
        editor = getattr(self.window, "editor", None)
        for name in ("act_new", "act_edit", "act_delete", "act_link", "act_from_selection",
                     "act_add_excerpt", "act_add_source"):
            action = getattr(editor, name, None)
            if action is not None:
                action.setEnabled(False)
        self.window.setWindowTitle(f"{self.window.windowTitle()} [read-only]")

    def _started(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        if self.stopped:
            conn.interrupt()

    def _run(self) -> None:
        assert self.store.path is not None
        with contextlib.suppress(AttributeError, OSError):  # lowest priority (Linux threads)
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
        finding = check_live_file(self.store.path, self._started)
        self._conn = None
        self.done.set()
        if finding is not None and not self.stopped:
            with contextlib.suppress(RuntimeError):  # the window went away meanwhile
                self.found.emit(finding)

    def stop(self) -> None:
        """The window closes: cut the check short (its result no longer matters)."""
        self.stopped = True
        conn = self._conn
        if conn is not None:
            conn.interrupt()

    def _report(self, finding: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        if self.stopped:
            return
        self.store.mark_damaged(finding)
        QMessageBox.warning(self.window, "The database is damaged", plain(
            f"{damaged_message(self.store.path or '', finding)} Nothing more will be written "
            "to it; what is shown may be incomplete."))
