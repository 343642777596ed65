"""The damage check of a big database, in the background.

Files up to tracker.store.db.SYNC_CHECK_BYTES are quick_checked before the window opens.
A bigger one would hold up the start by seconds, so the window opens at once and a
thread checks it on a connection of its own; if it is damaged the store refuses every
write from then on, and the person is told in plain words.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from tracker.gui.forms import plain
from tracker.store import Store
from tracker.store.db import check_live_file, damaged_message


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
        if store.db.checked or store.path is None:
            self.done.set()
            return
        threading.Thread(target=self._run, name="tracker-quick-check", daemon=True).start()

    def _started(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        if self.stopped:
            conn.interrupt()

    def _run(self) -> None:
        assert self.store.path is not None
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
