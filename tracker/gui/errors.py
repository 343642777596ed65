"""Errors stay small: an unexpected exception becomes a short dialog and a log entry.

Every change is one SQLite transaction, so an exception cannot leave data half-written;
the hook only has to tell the person, keep the details for a bug report, and let the
app go on.
"""

from __future__ import annotations

import sys
import traceback
from types import TracebackType

from PySide6.QtCore import Qt

# Dialog classes (QMessageBox, QFileDialog, ...) are imported where they are used: each
# costs the start-up time to set up, and the window needs none of them to open.
from PySide6.QtWidgets import QApplication

from tracker.gui.forms import plain
from tracker.logfile import write_exception


def handle_exception(kind: type[BaseException], value: BaseException,
                     tb: TracebackType | None) -> None:
    """sys.excepthook for the GUI."""
    from PySide6.QtWidgets import QMessageBox

    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    path = write_exception(kind, value, tb)
    print(f"tracker: unexpected error: {kind.__name__}: {value} (details in {path})",
          file=sys.stderr)
    if QApplication.instance() is None:
        return
    from tracker.store.errors import explain, trouble

    if trouble(value):  # the file or the disk (damaged, full, busy): in plain words
        QMessageBox.warning(QApplication.activeWindow(), "Problem with the database",
                            plain(explain(value)))  # type: ignore[arg-type]
        return
    box = QMessageBox(QMessageBox.Icon.Critical, "Something went wrong",
                      f"{kind.__name__}: {value}")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText(
        "The app is still running and your saved changes are safe (every change is "
        f"saved as a whole or not at all). Details were written to {path}.")
    box.setDetailedText("".join(traceback.format_exception(kind, value, tb)))
    box.exec()


def install() -> None:
    sys.excepthook = handle_exception
