"""Review an imported article's candidate events beside its text, and decide on each.

Nothing is stored until the user accepts: "Accept…" opens the event editor prefilled
(the candidate's window is kept even when its words, such as "last summer", are not
something the editor's grammar parses), "Accept as is" stores the proposal, "Merge…"
cites the sentence for an existing event (corroboration), "Reject" drops it. The
source is stored with the first acceptance, once. Every write is an undoable command;
the main window passes its own runner so Ctrl+Z in the window undoes an import step.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from tracker.article.accept import ensure_kinds, stored_source_id
from tracker.article.candidates import MAX_CANDIDATES, Candidate, reference_date
from tracker.article.match import Match, Matcher, report_excerpts
from tracker.gui.commands import (
    AddEventCommand,
    AddSourceCommand,
    StoreCommand,
    execute,
)
from tracker.gui.report_commands import AddReportCommand
from tracker.model.entities import Event, Excerpt, Source
from tracker.model.vocab import STATUSES
from tracker.store import Store, StoreError

PENDING, ACCEPTED, MERGED, REJECTED = "pending", "accepted", "merged", "rejected"
COLUMNS = ("Date", "Title", "Status", "Match", "Decision")
DECISION = COLUMNS.index("Decision")
_SENTENCE = QColor("#fff3c4")
_CURRENT = QColor("#ffd54f")
_WORDS = QColor("#ffb300")
_MERGE_LIMIT = 5000


class _Positions:
    """Python code points → Qt (UTF-16) positions; identity unless the text has
    characters outside the BMP, which count twice in Qt."""

    def __init__(self, text: str) -> None:
        self._wide = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]

    def __call__(self, index: int) -> int:
        if not self._wide:
            return index
        from bisect import bisect_left

        return index + bisect_left(self._wide, index)


class MergePicker(QDialog):
    """Pick the stored event a candidate's sentence corroborates."""

    def __init__(self, store: Store, candidate: Candidate, parent: QWidget | None = None,
                 proposed: list[Match] = ()) -> None:
        super().__init__(parent)
        self.setWindowTitle("Merge into Event")
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter by title")
        self.list = QListWidget()
        lo, hi = candidate.date.earliest.toordinal(), (candidate.end or candidate.date).latest.toordinal()
        preselect = -1
        for m in proposed:  # the matcher's proposals first, with its reasons
            item = QListWidgetItem(f"★ {m.window} — {m.title}")
            item.setToolTip(m.explain())
            item.setData(Qt.ItemDataRole.UserRole, m.event_id)
            self.list.addItem(item)
            preselect = 0
        for row in store.table_rows(limit=_MERGE_LIMIT):
            item = QListWidgetItem(f"{row.date_text()} — {row.title}")
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.list.addItem(item)
            if preselect < 0 and row.day_lo <= hi and row.day_hi >= lo:
                preselect = self.list.count() - 1  # the first event whose window overlaps
        if preselect >= 0:
            self.list.setCurrentRow(preselect)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.filter_edit.textChanged.connect(self._filter)
        self.list.currentRowChanged.connect(lambda _row: self._update_ok())
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Add the sentence as another excerpt of:"))
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self._update_ok()
        self.resize(480, 420)

    def _filter(self, text: str) -> None:
        needle = text.casefold().strip()
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(needle) and needle not in item.text().casefold())
        self._update_ok()

    def _update_ok(self) -> None:
        item = self.list.currentItem()
        self.ok_button.setEnabled(item is not None and not item.isHidden())

    def event_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))


class ReviewPanel(QDialog):
    """The candidates of one article beside its text. ``run_command`` executes an undo
    command and returns whether the store took it (the main window passes its editor's
    ``run``); by default the panel keeps its own undo stack."""

    changed = Signal()

    def __init__(self, store: Store, source: Source, candidates: list[Candidate],
                 parent: QWidget | None = None, *,
                 run_command: Callable[[StoreCommand], bool] | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.source = source
        self.candidates = list(candidates)
        self.decisions = [PENDING] * len(self.candidates)
        self.event_ids: list[int | None] = [None] * len(self.candidates)
        self.source_id = stored_source_id(store, source)
        self.undo_stack = QUndoStack(self)
        self._run = run_command or self._run_here
        self.dialog: QDialog | None = None
        self._pos = _Positions(source.text)
        try:
            self.reference: dt.date | None = reference_date(source)
        except ValueError:
            self.reference = None
        self.setWindowTitle(f"Review Article — {source.title}")
        self.matcher = Matcher(store)  # which stored event each candidate reports (issue 19)
        self.matches: list[list[Match]] = [self.matcher.find(c) for c in self.candidates]
        self._build()
        self._fill()
        self.resize(1100, 700)

    # -- construction ------------------------------------------------------------------
    def _build(self) -> None:
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((120, 280, 90, 200)):
            self.table.setColumnWidth(column, width)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setPlainText(self.source.text)
        self.accept_button = QPushButton("&Accept…")
        self.accept_button.setToolTip("Store it as a new event, after editing it")
        self.accept_as_is_button = QPushButton("Accept &as Is")
        self.accept_as_is_button.setToolTip("Store it as a new event, as proposed")
        self.report_button = QPushButton("Add as &Report")
        self.report_button.setToolTip("Add the sentence as a report of the event it matches: "
                                      "its words, window and status become that event's news")
        self.merge_button = QPushButton("&Merge into Event…")
        self.merge_button.setToolTip("Add it as a report of another event")
        self.match_label = QLabel()
        self.match_label.setTextFormat(Qt.TextFormat.PlainText)
        self.match_label.setWordWrap(True)
        self.reject_button = QPushButton("&Reject")
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        for button in (self.report_button, self.accept_button, self.accept_as_is_button,
                       self.merge_button, self.reject_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        for button in (self.report_button, self.accept_button, self.accept_as_is_button,
                       self.merge_button, self.reject_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.match_label)
        left_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.text)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.table.currentCellChanged.connect(lambda *_: self._current_changed())
        self.accept_button.clicked.connect(self.accept_current)
        self.accept_as_is_button.clicked.connect(self.accept_current_as_is)
        self.merge_button.clicked.connect(self.merge_current)
        self.report_button.clicked.connect(self.report_current)
        self.reject_button.clicked.connect(self.reject_current)

    def _fill(self) -> None:
        self.table.setRowCount(len(self.candidates))
        for row, c in enumerate(self.candidates):
            cells = (c.date.window_text(), c.title, STATUSES.get(c.status, c.status),
                     self._match_text(row), "")
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip("")
                self.table.setItem(row, column, item)
        if self.candidates:
            more = (" (the first ones only: the article is very long)"
                    if len(self.candidates) >= MAX_CANDIDATES else "")
            self.message.setText(f"{len(self.candidates)} candidate events{more}. Nothing is "
                                 "stored until you accept one.")
            self.table.selectRow(0)
        else:
            self.message.setText("No dated events were found: the article names no date this "
                                 "importer understands. Nothing was stored.")
        self._current_changed()

    # -- display -----------------------------------------------------------------------
    def current_row(self) -> int | None:
        row = self.table.currentRow()
        return row if 0 <= row < len(self.candidates) else None

    def _current_changed(self) -> None:
        row = self.current_row()
        pending = row is not None and self.decisions[row] == PENDING
        for button in (self.accept_button, self.accept_as_is_button, self.merge_button,
                       self.reject_button):
            button.setEnabled(pending)
        matched = pending and bool(self.matches[row])
        self.report_button.setEnabled(matched)
        self.report_button.setDefault(matched)
        self.match_label.setText(self._match_words(row) if row is not None else "")
        self._highlight(row)

    def _selection(self, start: int, end: int, color: QColor) -> QTextEdit.ExtraSelection:
        fmt = QTextCharFormat()
        fmt.setBackground(color)
        fmt.setForeground(QColor("#000000"))
        selection = QTextEdit.ExtraSelection()
        selection.format = fmt
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(self._pos(start))
        cursor.setPosition(self._pos(end), QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        return selection

    def _highlight(self, current: int | None) -> None:
        """Every pending candidate's sentence lightly; the current one strongly, with its
        date words marked, and scrolled into the middle of the view."""
        spans = {span for c, d in zip(self.candidates, self.decisions, strict=True) if d == PENDING
                 for span in c.spans}
        selections = [self._selection(a, b, _SENTENCE) for a, b in sorted(spans)]
        if current is not None:
            c = self.candidates[current]
            selections.extend(self._selection(*span, _CURRENT) for span in c.spans)
            selections.append(self._selection(*c.date_span, _WORDS))
            caret = QTextCursor(self.text.document())
            caret.setPosition(self._pos(c.span[0]))
            self.text.setTextCursor(caret)
            self.text.centerCursor()
        self.text.setExtraSelections(selections)

    def highlighted_spans(self) -> list[tuple[int, int]]:
        """The (Qt) spans currently highlighted, for tests and accessibility checks."""
        return [(s.cursor.selectionStart(), s.cursor.selectionEnd())
                for s in self.text.extraSelections()]

    def _decide(self, row: int, decision: str, event_id: int | None = None) -> None:
        self.decisions[row] = decision
        self.event_ids[row] = event_id
        self.table.item(row, DECISION).setText(decision.capitalize())
        for column in range(len(COLUMNS)):
            self.table.item(row, column).setForeground(QColor("#808080"))
        nxt = next((r for r in range(row + 1, len(self.candidates)) if self.decisions[r] == PENDING),
                   next((r for r in range(row) if self.decisions[r] == PENDING), row))
        if event_id is not None:
            self.matcher.written(event_id)
            self._rematch()
        self.table.selectRow(nxt)
        self._current_changed()

    # -- matches (issue 19) -------------------------------------------------------------
    def _match_text(self, row: int) -> str:
        found = self.matches[row]
        return f"#{found[0].event_id} {found[0].title}" if found else "new event"

    def _match_words(self, row: int) -> str:
        found = self.matches[row]
        if self.decisions[row] != PENDING:
            return ""
        if not found:
            return "No stored event matches: accepting makes a new event."
        best = found[0]
        text = (f"Reports “{best.title}” ({best.window}): {best.explain()}."
                + (" Accepting makes that event disputed." if best.disagrees else ""))
        if len(found) > 1:
            text += " Other matches: " + "; ".join(f"“{m.title}”" for m in found[1:]) + \
                " (Merge into Event… to pick one)."
        return text

    def _rematch(self) -> None:
        """After a write, the pending candidates' matches may have changed (an event they
        report may just have been made or re-dated)."""
        for row, c in enumerate(self.candidates):
            if self.decisions[row] == PENDING:
                self.matches[row] = self.matcher.find(c)
                self.table.item(row, COLUMNS.index("Match")).setText(self._match_text(row))

    def report_current(self) -> bool:
        """Add the current candidate as a report of the event it matches best."""
        row = self.current_row()
        if row is None or self.decisions[row] != PENDING or not self.matches[row]:
            return False
        return self._store_report(row, self.matches[row][0].event_id)

    def _store_report(self, row: int, event_id: int) -> bool:
        source_id = self._ensure_source()
        if source_id is None:
            return False
        c = self.candidates[row]
        if not all(self._run(AddReportCommand(self.store, event_id, x))
                   for x in self._excerpts(c, source_id)):
            return False
        self.matcher.written(event_id)
        self._decide(row, MERGED, event_id)
        self.message.setText("Added the sentence as another report of the event.")
        self.changed.emit()
        return True

    # -- writes --------------------------------------------------------------------------
    def _run_here(self, command: StoreCommand) -> bool:
        try:
            execute(self.undo_stack, command)
        except (StoreError, ValueError) as exc:
            self.message.setText(f"Not saved: {exc}")
            return False
        return True

    def _ensure_source(self) -> int | None:
        if self.source_id is None:
            command = AddSourceCommand(self.store, replace(self.source, id=None))
            if not self._run(command) or command.source_id is None:
                return None
            self.source_id = command.source_id
        return self.source_id

    def _excerpts(self, c: Candidate, source_id: int) -> list[Excerpt]:
        """Every sentence that reports the candidate's event, each as a report: what the
        article said stays on record even if the event is edited."""
        return report_excerpts(c, source_id, self.source.title)

    def _store_event(self, row: int, event: Event) -> bool:
        source_id = self._ensure_source()
        if source_id is None:
            return False
        event.excerpts = [replace(x, source_id=source_id) if x.source_id in (0, None) else x
                          for x in event.excerpts]
        with self.store.write():  # states and bodies keep their kind (an undo keeps actors too)
            ensure_kinds(self.store, [p.actor for p in event.actors])
        command = AddEventCommand(self.store, event)
        if not self._run(command):
            return False
        self._decide(row, ACCEPTED, command.event_id)
        self.message.setText(f"Stored “{event.title}”.")
        self.changed.emit()
        return True

    # -- the four decisions ----------------------------------------------------------------
    def accept_current_as_is(self) -> bool:
        row = self.current_row()
        if row is None or self.decisions[row] != PENDING:
            return False
        c = self.candidates[row]
        event = c.to_event(0)
        event.excerpts = self._excerpts(c, 0)
        return self._store_event(row, event)

    def accept_current(self):
        """Open the event editor prefilled with the candidate; store it on OK."""
        from tracker.gui.event_dialog import EventDialog

        row = self.current_row()
        if row is None or self.decisions[row] != PENDING:
            return None
        c = self.candidates[row]
        draft = c.to_event(0)
        draft.excerpts = self._excerpts(c, 0)
        dialog = EventDialog(self.store, event=draft, reference=self.reference, parent=self)
        dialog.setWindowTitle("New Event from Article")
        dialog.accepted.connect(lambda: self._store_event(row, dialog.result_event()))
        dialog.finished.connect(lambda _code: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog

    def merge_current(self):
        """Pick a stored event; the sentence becomes another excerpt of it."""
        row = self.current_row()
        if row is None or self.decisions[row] != PENDING:
            return None
        c = self.candidates[row]
        picker = MergePicker(self.store, c, self, proposed=self.matches[row])

        def merged() -> None:
            event_id = picker.event_id()
            if event_id is not None:
                self._store_report(row, event_id)

        picker.accepted.connect(merged)
        picker.finished.connect(lambda _code: setattr(self, "dialog", None))
        self.dialog = picker
        picker.open()
        return picker

    def reject_current(self) -> None:
        row = self.current_row()
        if row is not None and self.decisions[row] == PENDING:
            self._decide(row, REJECTED)
            self.message.setText("Rejected; nothing stored.")
