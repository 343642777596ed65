"""File → Import… / Export Data… and files dropped on the window, with a progress dialog.

The work runs in the GUI thread (the store's SQLite connection belongs to it) and the
progress callback keeps the window painting and the Cancel button live; a cancelled
import rolls back, so the database is exactly as it was.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QAction

# Dialog classes (QMessageBox, QFileDialog, ...) are imported where they are used: each
# costs the start-up time to set up, and the window needs none of them to open.
from PySide6.QtWidgets import QApplication, QWidget

from tracker.store import Store, StoreError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox, QProgressDialog

    from tracker.io import ImportReport
# tracker.io (its formats and date grammar) and the dialogs' Qt classes are imported on
# first use: not for the start-up.

IMPORT_FILTER = ("Timeline data (*.json *.csv *.ics);;Tracker JSON (*.json);;CSV (*.csv);;"
                 "iCalendar (*.ics);;TimelineJS (*.timelinejs.json);;All files (*)")
EXPORT_FILTER = ("Tracker JSON, lossless (*.json);;CSV spreadsheet (*.csv);;"
                 "iCalendar (*.ics);;TimelineJS (*.timelinejs.json)")


class DataTransfer(QObject):
    def __init__(self, window: QWidget, store: Store) -> None:
        super().__init__(window)
        self.window = window
        self.store = store
        self.last_report: ImportReport | None = None
        self.message: QMessageBox | None = None
        self.act_import = window._action("&Import…", self.choose_import, "Ctrl+I",
                                         "Import events from JSON, CSV, iCalendar or TimelineJS")
        self.act_export = window._action("Export &Data…", self.choose_export, "Ctrl+Shift+E",
                                         "Save every event as JSON, CSV, iCalendar or TimelineJS")
        self.act_skip_bad = QAction("Skip Bad Records When Importing", self)
        self.act_skip_bad.setCheckable(True)
        self.act_skip_bad.setChecked(QSettings().value("import/skip_bad", False, type=bool))
        self.act_skip_bad.setStatusTip("Off: a bad record stops the import and nothing lands. "
                                       "On: valid records land and the bad ones are listed.")
        self.act_skip_bad.toggled.connect(lambda on: QSettings().setValue("import/skip_bad", on))

    # -- progress ------------------------------------------------------------------------
    def _progress_dialog(self, label: str) -> QProgressDialog:
        from PySide6.QtWidgets import QProgressDialog

        dialog = QProgressDialog(label, "Cancel", 0, 0, self.window)
        dialog.setWindowTitle("Working…")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)  # quick jobs never flash a dialog
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        return dialog

    @staticmethod
    def _callback(dialog: QProgressDialog):
        def progress(done: int, total: int) -> bool:
            if dialog.maximum() != total:
                dialog.setMaximum(max(total, 0))
            dialog.setValue(min(done, total) if total else 0)
            QApplication.processEvents()
            return not dialog.wasCanceled()

        return progress

    # -- import ------------------------------------------------------------------------
    def choose_import(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getOpenFileName(self.window, "Import events", str(Path.home()),
                                              IMPORT_FILTER)
        if name:
            self.import_paths([Path(name)])

    def import_paths(self, paths: list[Path]) -> list[ImportReport]:
        reports = []
        for path in paths:
            report = self.import_file(path)
            if report is None:
                break
            reports.append(report)
        return reports

    def import_file(self, path: Path) -> ImportReport | None:
        from PySide6.QtWidgets import QMessageBox

        from tracker.io import DataFileError, ImportAborted, import_data

        on_error = "skip" if self.act_skip_bad.isChecked() else "abort"
        csv_options = None
        if path.suffix.lower() == ".csv":
            try:
                csv_options = self._preview_csv(path)
            except (DataFileError, OSError) as exc:
                self._tell(QMessageBox.Icon.Warning, "Cannot import", str(exc))
                return None
            if csv_options is False:
                return None
        dialog = self._progress_dialog(f"Importing {path.name}…")
        try:
            report = import_data(self.store, path, on_error=on_error,
                                 progress=self._callback(dialog),
                                 csv_options=csv_options or None)
        except ImportAborted as exc:
            self._tell(QMessageBox.Icon.Warning, "Import stopped",
                       f"Nothing was imported from {path.name}.\n\n{exc}\n\nTurn on "
                       "File → Skip Bad Records When Importing to import the valid records.")
            return None
        except (DataFileError, StoreError, OSError) as exc:
            self._tell(QMessageBox.Icon.Warning, "Cannot import", str(exc))
            return None
        finally:
            dialog.close()
        self.last_report = report
        if report.cancelled:
            self._tell(QMessageBox.Icon.Information, "Import cancelled",
                       f"The import of {path.name} was cancelled; nothing was imported.")
        else:
            self._tell(QMessageBox.Icon.Information, "Import finished",
                       f"{path.name}: {report.summary()}",
                       "\n".join(f"{r.where}, {r.field}: {r.message}" for r in report.rejected))
        return report

    def _preview_csv(self, path: Path):
        """Another tool's CSV is shown first, its column mapping editable; returns the
        options chosen, None for this app's own CSV (no question), False when cancelled."""
        from tracker.gui.csv_preview import CsvPreviewDialog
        from tracker.io.common import read_text

        text = read_text(path, "CSV")
        dialog = CsvPreviewDialog(self.window, path.name, text)
        if dialog.recognised == "tracker CSV":
            return None
        self.preview = dialog  # for tests
        return dialog.options() if dialog.exec() else False

    # -- export ------------------------------------------------------------------------
    def choose_export(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getSaveFileName(self.window, "Export data",
                                                   str(Path.home() / "timeline.json"),
                                                   EXPORT_FILTER)
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> int | None:
        from PySide6.QtWidgets import QMessageBox

        from tracker.io import EXPORT_FORMATS, Cancelled, DataFileError, export_data

        if not any(path.name.lower().endswith(s) for s in EXPORT_FORMATS):
            path = path.with_name(path.name + ".json")
        dialog = self._progress_dialog(f"Exporting to {path.name}…")
        try:
            count = export_data(self.store, path, progress=self._callback(dialog))
        except Cancelled:
            self.window.statusBar().showMessage("Export cancelled; no file was written.", 8000)
            return None
        except (DataFileError, OSError) as exc:
            self._tell(QMessageBox.Icon.Warning, "Cannot export", str(exc))
            return None
        finally:
            dialog.close()
        self.window.statusBar().showMessage(f"Exported {count} events to {path}", 10000)
        return count

    def _tell(self, icon: QMessageBox.Icon, title: str, text: str, details: str = "") -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)  # file names and values are untrusted
        if details:
            box.setDetailedText(details)
        box.open()
        self.message = box  # kept for tests and so it is not garbage-collected
