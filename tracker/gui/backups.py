"""File → Back Up Now / Restore Backup…, and the daily backup while the window is open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer

# Dialog classes (QMessageBox, QFileDialog, ...) are imported where they are used: each
# costs the start-up time to set up, and the window needs none of them to open.
from PySide6.QtWidgets import QWidget

from tracker.gui.forms import plain
from tracker.store import Store, StoreError
from tracker.store import backup as backups

HOUR_MS = 3600 * 1000
STARTUP_DELAY_MS = 3000
OTHER = "Other file…"


class BackupActions(QObject):
    def __init__(self, window: QWidget, store: Store) -> None:
        super().__init__(window)
        self.window = window
        self.store = store
        self.act_backup = window._action("&Back Up Now", self.backup_now, None,
                                         "Save a copy of the database beside it")
        self.act_restore = window._action("&Restore Backup…", self.choose_restore, None,
                                          "Replace the database with a backup")
        self.closed = False  # set by the window when it closes
        self.timer = QTimer(self)
        self.timer.setInterval(HOUR_MS)
        self.timer.timeout.connect(self.daily)
        self.timer.start()
        # The day's first backup can take a while on a big database: not before the
        # window has painted.
        QTimer.singleShot(STARTUP_DELAY_MS, self.daily)

    def daily(self) -> None:
        if self.closed or self.store.read_only:
            return  # the window has closed meanwhile; or the file's disk takes no copies
        try:
            backups.daily(self.store.conn, self.store.path)
        except StoreError as exc:
            self.window.statusBar().showMessage(f"Daily backup failed: {exc}", 15000)

    def backup_now(self) -> Path | None:
        from PySide6.QtWidgets import QMessageBox

        try:
            made = backups.rotate(self.store.conn, self.store.path, "manual")
        except StoreError as exc:
            QMessageBox.warning(self.window, "Backup failed", plain(str(exc)))
            return None
        self.window.statusBar().showMessage(f"Backed up to {made}", 10000)
        return made

    def choose_restore(self) -> None:
        from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

        found = backups.list_backups(self.store.path)
        names = [p.name for p in found] + [OTHER]
        choice, ok = QInputDialog.getItem(self.window, "Restore Backup",
                                          "Replace the database with:", names, 0, False)
        if not ok:
            return
        if choice == OTHER:
            name, _ = QFileDialog.getOpenFileName(self.window, "Restore Backup",
                                                  str(self.store.path.parent),
                                                  "Tracker databases (*.db);;All files (*)")
            if not name:
                return
            path = Path(name)
        else:
            path = found[names.index(choice)]
        answer = QMessageBox.question(
            self.window, "Restore Backup",
            plain(f"Replace everything in {self.store.path.name} with {path.name}?\n\n"
                  "The current state is backed up first, so this can be reversed."))
        if answer == QMessageBox.StandardButton.Yes:
            self.restore_from(path)

    def restore_from(self, path: Path) -> bool:
        from PySide6.QtWidgets import QMessageBox

        try:
            before = backups.restore(self.store.db, self.store.path, path)
        except StoreError as exc:
            QMessageBox.warning(self.window, "Cannot restore", plain(str(exc)))
            return False
        self.store._notify("sources")
        self.store._notify("events")
        self.window.editor.stack.clear()  # undo history refers to rows that changed
        self.window.statusBar().showMessage(
            f"Restored {path.name}; the previous state is in {before.name}", 15000)
        return True
