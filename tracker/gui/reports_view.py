"""The detail pane's list of an event's reports: who said what about it, and when.

Each row is one excerpt seen as a report, in publication order, with the words the
report used, the window and status they meant and the place it named. When the reports
cannot all be true the header says the event is disputed and who disagrees. Picking a
row shows that report's passage in the article below. In the "as known on" view the
reports published after that day are greyed: they were not known yet.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tracker.model.entities import Event
from tracker.model.fuzzydate import format_day, format_window
from tracker.model.reports import Report, published_by, resolve
from tracker.model.vocab import STATUSES
from tracker.store import Store
from tracker.store.reports import reports_of

COLUMNS = ("Published", "Source", "Said", "Window", "Status", "Place")
_LATER = QColor("#9e9e9e")
MAX_ROWS_SHOWN = 6  # taller lists scroll


class ReportsView(QWidget):
    """Reports of the event the detail pane shows; ``pane`` is that DetailPane (its
    excerpt picker shows a report's passage)."""

    def __init__(self, store: Store, pane: QWidget) -> None:
        super().__init__(pane)
        self.store = store
        self.pane = pane
        self.as_of: dt.date | None = None  # set by the "as known on" control
        self.reports: list[Report] = []
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setObjectName("reports-summary")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("reports")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)
        self.table.cellClicked.connect(lambda row, _col: self.show_passage(row))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        heading = QLabel("Reports")
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)

    def show_event(self, event: Event | None) -> None:
        self.reports = reports_of(self.store, event.id) if event and event.id else []
        known = published_by(self.reports, self.as_of) if self.as_of else self.reports
        self.table.setRowCount(len(self.reports))
        for row, r in enumerate(self.reports):
            cells = (format_day(r.published) if r.published else "undated",
                     r.outlet or r.source_title, f"“{r.start.words}”" if r.start.words else "—",
                     r.window_text(), STATUSES.get(r.status, r.status), r.location or "—")
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(r.quote)
                if r not in known:
                    item.setForeground(_LATER)
                self.table.setItem(row, column, item)
        self.summary.setText(self._summary(known))
        rows = min(len(self.reports), MAX_ROWS_SHOWN)
        header = self.table.horizontalHeader().sizeHint().height()
        self.table.setFixedHeight(header + 4 + rows * self.table.verticalHeader().defaultSectionSize())
        self.table.setVisible(bool(self.reports))

    def _summary(self, known: list[Report]) -> str:
        if not self.reports:
            return "This event cites no report yet."
        sources = len({r.source_id for r in known})
        text = (f"{len(known)} report{'s' if len(known) != 1 else ''} from "
                f"{sources} source{'s' if sources != 1 else ''}"
                + (" (a single source)" if sources == 1 else ""))
        if self.as_of and len(known) < len(self.reports):
            text += f" by {format_day(self.as_of)}; later ones are grey"
        k = resolve(known)
        if k is not None and k.disputed:
            said = "; ".join(f"{a.credit()} said {a.window_text()}, {b.credit()} said "
                             f"{b.window_text()}" for a, b in k.disagreements()[:3])
            text += f".\nDisputed: {said}."
        elif k is not None:
            last = max(k.start.latest, (k.end or k.start).latest)
            text += (f". Together they say {format_window(k.start.earliest, last)}, "
                     f"{STATUSES.get(k.status, k.status).lower()}.")
        return text

    def show_passage(self, row: int) -> None:
        """Show report ``row``'s passage in the article below (the pane's excerpt picker)."""
        if not 0 <= row < len(self.reports) or self.pane.current_event is None:
            return
        wanted = self.reports[row].excerpt_id
        for index, x in enumerate(self.pane.current_event.excerpts):
            if x.id == wanted:
                self.pane.excerpt_picker.setCurrentIndex(index)
                return
