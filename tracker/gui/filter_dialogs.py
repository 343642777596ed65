"""The Filter menu's dialogs: tick values from a list, or type a date range.

Imported when a chooser first opens (tracker.gui.filter_menu), not at start-up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tracker.gui.forms import FORM_STYLE, add_row, mark, no_auto_default, plain_label, set_ok, stack
from tracker.model.fuzzydate import DateError, format_day, parse_bound

VALUE_ROLE = Qt.ItemDataRole.UserRole


class ChoiceDialog(QDialog):
    """Tick any number of values from a list that can be narrowed by typing; what is
    shown (a label, a source title) and what is stored (a key, an id) may differ."""

    def __init__(self, title: str, choices: Iterable[tuple[object, str]],
                 checked: Iterable[object] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("Type to narrow the list")
        self.search_edit.setClearButtonEnabled(True)
        self.list_widget = QListWidget()
        self.list_widget.setUniformItemSizes(True)  # stays quick with thousands of actors
        self.empty_label = plain_label("Nothing to choose from yet.")
        self.none_button = QPushButton("Select &None")
        self.none_button.clicked.connect(lambda: self.set_checked(()))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.addButton(self.none_button, QDialogButtonBox.ButtonRole.ResetRole)
        no_auto_default(self.none_button)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.list_widget)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.buttons)
        checked = list(checked)
        seen: set[object] = set()
        for value, label in choices:
            self._add(value, label)
            seen.add(value)
        for value in checked:  # an active value the database no longer offers stays removable
            if value not in seen:
                self._add(value, str(value))
        self.empty_label.setVisible(self.list_widget.count() == 0)
        self.set_checked(checked)
        self.search_edit.textChanged.connect(self._narrow)
        self.search_edit.installEventFilter(self)
        self.search_edit.setFocus()
        self.resize(380, 420)

    def _add(self, value: object, label: str) -> None:
        item = QListWidgetItem(label)
        item.setData(VALUE_ROLE, value)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        self.list_widget.addItem(item)

    def items(self) -> list[QListWidgetItem]:
        return [self.list_widget.item(i) for i in range(self.list_widget.count())]

    def set_checked(self, values: Iterable[object]) -> None:
        wanted = set(values)
        for item in self.items():
            state = Qt.CheckState.Checked if item.data(VALUE_ROLE) in wanted else Qt.CheckState.Unchecked
            if item.checkState() != state:
                item.setCheckState(state)

    def checked(self) -> list:
        """The ticked values in list order, including ticked ones hidden by the search."""
        return [item.data(VALUE_ROLE) for item in self.items()
                if item.checkState() == Qt.CheckState.Checked]

    def visible_labels(self) -> list[str]:
        return [item.text() for item in self.items() if not item.isHidden()]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down in the search box steps into the list, so the keyboard never has to Tab."""
        if (watched is self.search_edit and event.type() == QEvent.Type.KeyPress
                and event.key() == Qt.Key.Key_Down):
            visible = [i for i in self.items() if not i.isHidden()]
            if visible:
                self.list_widget.setCurrentItem(visible[0])
                self.list_widget.setFocus()
                return True
        return super().eventFilter(watched, event)

    def _narrow(self, text: str) -> None:
        needle = text.strip().casefold()
        for item in self.items():
            hidden = bool(needle) and needle not in item.text().casefold()
            if item.isHidden() != hidden:
                item.setHidden(hidden)


class DateRangeDialog(QDialog):
    """From/To as YYYY, YYYY-MM or YYYY-MM-DD, the same words `tracker list --from/--to`
    takes; "To 2019" means up to the end of 2019. Either end may stay empty (open)."""

    def __init__(self, date_from: dt.date | None, date_to: dt.date | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Date Range")
        self.setStyleSheet(FORM_STYLE)
        self.from_edit = QLineEdit(date_from.isoformat() if date_from else "")
        self.to_edit = QLineEdit(date_to.isoformat() if date_to else "")
        for edit in (self.from_edit, self.to_edit):
            edit.setPlaceholderText("YYYY, YYYY-MM or YYYY-MM-DD; empty = open")
            edit.setClearButtonEnabled(True)
        self.from_info = plain_label()
        self.to_info = plain_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        add_row(form, "&From:", self.from_edit, stack(self.from_edit, self.from_info))
        add_row(form, "&To:", self.to_edit, stack(self.to_edit, self.to_info))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.from_edit.textChanged.connect(self._validate)
        self.to_edit.textChanged.connect(self._validate)
        self.resize(420, 160)
        self._validate()

    def _bound(self, edit: QLineEdit, end: bool) -> dt.date | None:
        text = edit.text().strip()
        return parse_bound(text, end=end) if text else None

    def range(self) -> tuple[dt.date | None, dt.date | None]:
        """(from, to); valid only while OK is enabled."""
        return self._bound(self.from_edit, False), self._bound(self.to_edit, True)

    def _validate(self) -> None:
        problems: dict[str, str] = {}
        days: dict[str, dt.date | None] = {}
        for name, edit, info, end in (("from", self.from_edit, self.from_info, False),
                                      ("to", self.to_edit, self.to_info, True)):
            try:
                days[name] = self._bound(edit, end)
            except DateError as exc:
                days[name] = None
                problems[name] = str(exc)
                mark(edit, info, str(exc), "error")
                continue
            day = days[name]
            mark(edit, info, format_day(day) if day else "open", "hint")
        first, last = days.get("from"), days.get("to")
        if first and last and first > last:
            problems["order"] = "From is after To; nothing would be shown."
            mark(self.to_edit, self.to_info, problems["order"], "error")
        set_ok(self.ok_button, problems)
