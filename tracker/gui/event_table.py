"""The event table: a lazily filled, sortable Qt model over the store.

Rows arrive a page at a time (canFetchMore/fetchMore), sorted by SQL, so a database with
a million events opens without loading them all.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QTableView

from tracker.gui.forms import plain
from tracker.model.filters import Filter
from tracker.model.vocab import EVENT_TYPES, STATUSES
from tracker.store import Store
from tracker.store.repo import TABLE_COLUMNS, EventRow
from tracker.store.search import count_matching

HEADERS = {"date": "Date", "title": "Title", "type": "Type", "status": "Status",
           "actors": "Actors", "location": "Location"}
PAGE = 200  # rows per fetch: a screenful several times over
# The first page (after every reset) is a tall screenful: each row costs the query its
# actors and excerpts, and the window's first paint waits for it.
FIRST_PAGE = 64
# row_of gives up after this many rows: finding a late event in a million would load
# every row before it (the table then simply has no row selected).
MAX_SEEK_ROWS = 20_000

Index = QModelIndex | QPersistentModelIndex


class EventTableModel(QAbstractTableModel):
    def __init__(self, store: Store, parent=None) -> None:
        super().__init__(parent)
        self.store = store
        self.rows: list[EventRow] = []
        self._total = 0
        self.keep: Filter | None = None  # the window's filters and search
        self.reference_day = dt.date.today().toordinal()  # "overdue" is measured to this
        self._order = "date"
        self._descending = False
        self.reload()

    def set_filter(self, keep: Filter | None) -> None:
        self.keep = keep
        self.reload()

    @property
    def total(self) -> int:
        """How many events the filters keep (rows not fetched yet included)."""
        return self._total

    def reload(self) -> None:
        self.beginResetModel()
        self._total = count_matching(self.store, self.keep)
        self.rows = self.store.table_rows(self._order, self._descending, 0, FIRST_PAGE,
                                          keep=self.keep)
        self.endResetModel()

    # -- Qt model API -------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(TABLE_COLUMNS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self.rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        more = self.store.table_rows(self._order, self._descending, len(self.rows), PAGE,
                                     keep=self.keep)
        if not more:
            self._total = len(self.rows)
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
        self.rows.extend(more)
        self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        row = self.rows[index.row()]
        column = TABLE_COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "date":
                return row.date_text()
            if column == "type":
                return EVENT_TYPES.get(row.type, row.type)
            if column == "status":
                label = STATUSES.get(row.status, row.status)
                return f"{label} — overdue" if row.overdue(self.reference_day) else label
            return getattr(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == "date":
            # as plain text like every other field (Qt would render markup in the words)
            return plain(row.start.describe()
                         + (f' ("{row.start.words}")' if row.start.words else ""))
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(TABLE_COLUMNS):
            return HEADERS[TABLE_COLUMNS[section]]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(TABLE_COLUMNS):
            return
        wanted = (TABLE_COLUMNS[column], order == Qt.SortOrder.DescendingOrder)
        if wanted == (self._order, self._descending) and self.rows:
            return  # already in this order (the view asks once when sorting is enabled)
        self._order, self._descending = wanted
        self.reload()

    # -- lookups for selection sync -----------------------------------------------
    def row_of(self, event_id: int) -> int | None:
        """Row of an event, fetching further pages if it has not arrived yet (up to
        MAX_SEEK_ROWS rows in all)."""
        start = 0
        while True:
            for i in range(start, len(self.rows)):
                if self.rows[i].id == event_id:
                    return i
            start = len(self.rows)
            if not self.canFetchMore() or start >= MAX_SEEK_ROWS:
                return None
            self.fetchMore()

    def id_at(self, row: int) -> int | None:
        return self.rows[row].id if 0 <= row < len(self.rows) else None


class EventTableView(QTableView):
    """Rows are events, so Left/Right mean previous/next event in time (as on the
    timeline), not a move between cells."""

    stepRequested = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.modifiers() == Qt.KeyboardModifier.NoModifier and event.key() in (
                Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.stepRequested.emit(-1 if event.key() == Qt.Key.Key_Left else 1)
            event.accept()
            return
        super().keyPressEvent(event)
