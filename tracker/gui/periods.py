"""Edit → Periods…: named spans of time, drawn as labelled bands behind the events.

The dialog lists the periods and edits one at a time in a small form (name, from, to,
note). Dates are typed as the event editor takes them ("June 2018", "18 Jan 2019");
"from" means the first day the words can mean and "to" the last, so "June 2018" to
"Feb 2019" covers both months whole. Each save is committed at once, like every edit.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tracker.model.fuzzydate import DateError, format_window
from tracker.model.period import Period
from tracker.store import Store, StoreError
from tracker.store.periods import add_period, delete_period, list_periods, update_period
from tracker.timeline.periodbands import PeriodBands


def _day(text: str, what: str, *, last: bool) -> dt.date:
    from tracker.model.dateparse import parse_date

    if not text.strip():
        raise ValueError(f"Give the period's {what} date.")
    try:
        span = parse_date(text)
    except DateError as exc:
        raise ValueError(f"{what.capitalize()}: " + str(exc).split(" Try: ")[0]) from None
    return (span.end or span.start).latest if last else span.start.earliest


class PeriodsDialog(QDialog):
    def __init__(self, parent: QWidget | None, store: Store) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("Periods")
        self.resize(620, 420)
        self.periods: list[Period] = []
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("periods_table")
        self.table.setHorizontalHeaderLabels(["Name", "Dates", "Note"])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selected)
        self.name = QLineEdit()
        self.first = QLineEdit()
        self.first.setPlaceholderText("e.g. March 2018")
        self.last = QLineEdit()
        self.last.setPlaceholderText("e.g. 12 Jun 2018")
        self.note = QLineEdit()
        form = QFormLayout()
        form.addRow("&Name:", self.name)
        form.addRow("&From:", self.first)
        form.addRow("&To:", self.last)
        form.addRow("N&ote:", self.note)
        self.problem = QLabel("")
        self.problem.setObjectName("periods_problem")
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setWordWrap(True)
        self.btn_new = QPushButton("&New")
        self.btn_save = QPushButton("&Save")
        self.btn_delete = QPushButton("&Delete")
        self.btn_new.clicked.connect(self.new)
        self.btn_save.clicked.connect(self.save)
        self.btn_delete.clicked.connect(self.delete)
        row = QHBoxLayout()
        for button in (self.btn_new, self.btn_save, self.btn_delete):
            row.addWidget(button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(self.table, 1)
        box.addLayout(form)
        box.addLayout(row)
        box.addWidget(self.problem)
        box.addWidget(close)
        self.editing: int | None = None
        self.reload()

    def reload(self, select: int | None = None) -> None:
        self.periods = list_periods(self.store)
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.periods))
        for r, p in enumerate(self.periods):
            for c, text in enumerate((p.name, format_window(p.first, p.last), p.note)):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.blockSignals(False)
        rows = [r for r, p in enumerate(self.periods) if p.id == select]
        if rows:
            self.table.selectRow(rows[0])
        else:
            self.new()

    def _selected(self) -> None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        if not rows:
            return
        p = self.periods[min(rows)]
        self.editing = p.id
        self.name.setText(p.name)
        self.first.setText(p.first.strftime("%-d %b %Y"))
        self.last.setText(p.last.strftime("%-d %b %Y"))
        self.note.setText(p.note)
        self.btn_delete.setEnabled(True)
        self.problem.clear()

    def new(self) -> None:
        self.table.clearSelection()
        self.editing = None
        for edit in (self.name, self.first, self.last, self.note):
            edit.clear()
        self.btn_delete.setEnabled(False)
        self.problem.clear()
        self.name.setFocus()

    def save(self) -> bool:
        try:
            first = _day(self.first.text(), "start", last=False)
            last = _day(self.last.text(), "end", last=True)
            period = Period(self.editing, "", self.name.text(), first, last,
                            self.note.text().strip()) if last >= first else None
            if period is None:
                raise ValueError("The period ends before it starts.")
            if self.editing is None:
                period_id = add_period(self.store, period)
            else:
                update_period(self.store, period)
                period_id = self.editing
        except (ValueError, StoreError) as exc:
            self.problem.setText(str(exc))
            return False
        self.reload(select=period_id)
        return True

    def delete(self) -> None:
        if self.editing is None:
            return
        try:
            delete_period(self.store, self.editing)
        except StoreError as exc:
            self.problem.setText(str(exc))
            return
        self.reload()


class PeriodActions(QObject):
    """The Periods… action and the bands on the window's timeline."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.act = window._action("&Periods…", self.open_dialog, None,
                                  "Add, change or delete the named periods drawn behind "
                                  "the events")
        self.bands = PeriodBands(window.canvas.ax, window.canvas.theme)
        self.dialog: PeriodsDialog | None = None
        self.refresh()

    def refresh(self) -> None:
        self.bands.show(list_periods(self.window.store))

    def open_dialog(self) -> None:
        self.dialog = PeriodsDialog(self.window, self.window.store)
        self.dialog.open()
