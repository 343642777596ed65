"""Link the selected event to another: "<this> announces <that>"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
)

from tracker.model.vocab import LINK_KINDS
from tracker.store import Store

MAX_CHOICES = 5000


class LinkDialog(QDialog):
    def __init__(self, store: Store, from_id: int, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Link Events")
        self.store = store
        self.from_id = from_id
        source = store.get_event(from_id)
        self.choices: dict[str, int] = {}
        for row in store.table_rows("date", limit=MAX_CHOICES):
            if row.id != from_id:
                self.choices[f"{row.date_text()} — {row.title} [#{row.id}]"] = row.id
        this = QLabel(source.title)
        this.setTextFormat(Qt.TextFormat.PlainText)
        this.setWordWrap(True)
        self.kind_combo = QComboBox()
        for key, label in LINK_KINDS.items():
            self.kind_combo.addItem(label, key)
        self.target_edit = QLineEdit()
        self.target_edit.setPlaceholderText("Type part of a title or a date, then pick")
        completer = QCompleter(list(self.choices), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.target_edit.setCompleter(completer)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("This event:", this)
        form.addRow("Relation:", self.kind_combo)
        form.addRow("Other event:", self.target_edit)
        form.addRow("", self.message)
        form.addRow(self.buttons)
        self.target_edit.textChanged.connect(self._validate)
        self.resize(560, 180)
        self._validate()

    def target_id(self) -> int | None:
        return self.choices.get(self.target_edit.text().strip())

    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    def _validate(self) -> None:
        ok = self.target_id() is not None
        self.ok_button.setEnabled(ok)
        text = self.target_edit.text().strip()
        self.message.setText("" if ok or not text else "Pick an event from the list.")
