"""File → New Database…: where the new file goes, and whether it starts with the sample.

A new database starts empty (its user is following another story); the bundled sample
article and its events are one checkbox away for someone who wants to look around first.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tracker.gui.documents import DB_FILTER


class NewDatabaseDialog(QDialog):
    """A file name and the "Start with the sample article" choice; OK checks the name."""

    def __init__(self, parent: QWidget | None, folder: Path) -> None:
        super().__init__(parent)
        self.setWindowTitle("New Database")
        self.path_edit = QLineEdit(str(folder / "timeline.db"))
        self.path_edit.setObjectName("new_db_path")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        self.sample = QCheckBox("Start with the sample article")
        self.sample.setObjectName("new_db_sample")
        self.sample.setToolTip("Load the bundled Hindustan Times article and its events, "
                               "to look around before tracking your own story")
        self.problem = QLabel("")
        self.problem.setObjectName("new_db_problem")
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow("File:", row)
        form.addRow("", self.sample)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def path(self) -> Path:
        return Path(self.path_edit.text().strip()).expanduser()

    def with_sample(self) -> bool:
        return self.sample.isChecked()

    def _browse(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getSaveFileName(self, "New Database", str(self.path()), DB_FILTER)
        if name:
            self.path_edit.setText(name)

    def _accept(self) -> None:
        text = self.path_edit.text().strip()
        if not text:
            self.problem.setText("Give the new database a file name.")
        elif self.path().exists():
            self.problem.setText(f"{self.path()} exists already; choose a new name.")
        elif self.path().parent.exists() and not self.path().parent.is_dir():
            self.problem.setText(f"{self.path().parent} is not a folder.")
        else:
            self.accept()
