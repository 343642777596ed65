"""Import of another tool's CSV: the first rows as they will be read, and a field chooser
above every column, before anything is written.

Spreadsheets name their columns in many ways; the recognised layout is a guess, and the
person who knows the file corrects it here (or on the command line with --map).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tracker.io.csvlayout import FIELDS
from tracker.io.csvread import CsvOptions, peek

PREVIEW_ROWS = 20
MAX_COLUMN_PX = 150
ORDERS = (("Detect from each column's values", None), ("Day first (25/12/2009)", "dmy"),
          ("Month first (12/25/2009)", "mdy"))


class CsvPreviewDialog(QDialog):
    """Row 0 of the table holds a field chooser per column; the rest are the file's rows."""

    def __init__(self, parent: QWidget | None, name: str, text: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Import {name}")
        self.resize(900, 520)
        self.header, rows, layout = peek(text, PREVIEW_ROWS)
        self.recognised = layout.name
        self.table = QTableWidget(len(rows) + 1, len(self.header))
        self.table.setObjectName("csv_preview")
        self.table.setHorizontalHeaderLabels(self.header)
        self.table.setVerticalHeaderLabels(["field"] + [str(i) for i in range(1, len(rows) + 1)])
        self.choosers: list[QComboBox] = []
        for col, target in enumerate(layout.fields):
            box = QComboBox()
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(9)
            for key, label in FIELDS.items():
                box.addItem(label, key)
                box.setItemData(box.count() - 1, f"--map field name: {key}",
                                Qt.ItemDataRole.ToolTipRole)
            box.setCurrentIndex(list(FIELDS).index(target))
            box.currentIndexChanged.connect(self._check)
            self.table.setCellWidget(0, col, box)
            self.choosers.append(box)
        for r, row in enumerate(rows, 1):
            for col, cell in enumerate(row[:len(self.header)]):
                item = QTableWidgetItem(cell[:200])
                item.setToolTip(cell[:1000])
                self.table.setItem(r, col, item)
        self.table.resizeColumnsToContents()
        for col in range(self.table.columnCount()):  # long texts must not hide the rest
            self.table.setColumnWidth(col, min(self.table.columnWidth(col), MAX_COLUMN_PX))
        self.order = QComboBox()
        for label, value in ORDERS:
            self.order.addItem(label, value)
        intro = QLabel(f"Recognised as: {layout.name}. Check which field each column feeds; "
                       "nothing is written until you press Import.")
        intro.setWordWrap(True)
        self.problem = QLabel("")
        self.problem.setObjectName("csv_preview_problem")
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Slash dates:", self.order)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Import")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(intro)
        box.addWidget(self.table, 1)
        box.addLayout(form)
        box.addWidget(self.problem)
        box.addWidget(self.buttons)
        self._check()

    def fields(self) -> list[str]:
        return [box.currentData() for box in self.choosers]

    def set_field(self, column: str, field: str) -> None:
        """Choose ``field`` for the column headed ``column`` (as a person would)."""
        box = self.choosers[self.header.index(column)]
        box.setCurrentIndex(box.findData(field))

    def options(self) -> CsvOptions:
        """Every column's choice, spelled as --map would spell it."""
        pairs = [f"{h.replace(',', ' ').replace('=', ' ')}={f}"
                 for h, f in zip(self.header, self.fields(), strict=True)]
        return CsvOptions(",".join(pairs), self.order.currentData())

    def _check(self) -> None:
        chosen = set(self.fields())
        missing = []
        if not {"start", "year", "date_text"} & chosen:
            missing.append("a date")
        if not {"title", "summary"} & chosen:
            missing.append("a title or a description")
        taken = [f for f in chosen if f != "ignore" and self.fields().count(f) > 1]
        text = ""
        if missing:
            text = f"Choose the column that holds {' and '.join(missing)}."
        elif taken:
            text = f"Two columns feed {taken[0]!r}; choose one."
        self.problem.setText(text)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not text)
