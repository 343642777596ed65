"""The Filter menu: pick actors, types, statuses, tags, sources or a date range.

Each chooser opens window-modal but non-blocking (``open()``), so the event loop keeps
running (timeline redraws, autosave) and tests drive the dialog like a person would. The
filter is read again when the person presses OK, so a chip removed meanwhile is not
brought back by a stale copy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tracker.gui.filter_bar import cleared
from tracker.gui.forms import FORM_STYLE, add_row, mark, no_auto_default, plain_label, set_ok, stack
from tracker.model.filters import Filter
from tracker.model.fuzzydate import DateError, format_day, parse_bound
from tracker.model.vocab import EVENT_TYPES, STATUSES
from tracker.store import Store
from tracker.store.search import known_values

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


class FilterMenu(QMenu):
    """Fi&lter: one chooser per kind of condition, plus Clear Filters (Ctrl+Shift+L).

    ``get_filter`` is asked for the current filter each time, so the menu holds no copy
    that could drift from the window's."""

    filterChanged = Signal(object)  # the new Filter

    def __init__(self, store: Store, get_filter: Callable[[], Filter],
                 parent: QWidget | None = None) -> None:
        super().__init__("Fi&lter", parent)
        self.store = store
        self.get_filter = get_filter
        self.dialog: QDialog | None = None
        self.actor_action = self.addAction("By &Actor…", self.choose_actors)
        self.type_action = self.addAction("By &Type…", self.choose_types)
        self.status_action = self.addAction("By &Status…", self.choose_statuses)
        self.tag_action = self.addAction("By Ta&g…", self.choose_tags)
        self.source_action = self.addAction("By S&ource…", self.choose_sources)
        self.date_action = self.addAction("&Date Range…", self.choose_dates)
        self.addSeparator()
        self.clear_action = self.addAction("&Clear Filters", self.clear_filters)
        self.clear_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.clear_action.setStatusTip("Remove every filter; the search stays")

    def _host(self) -> QWidget | None:
        """Dialogs belong to the window, not to the menu popup that has closed by then."""
        return self.parentWidget()

    def _show(self, dialog: QDialog, on_ok: Callable[[QDialog], Filter]) -> QDialog:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = dialog
        dialog.setWindowModality(Qt.WindowModality.WindowModal)

        def accepted() -> None:
            self._emit(on_ok(dialog))

        def finished(_result: int) -> None:
            if self.dialog is dialog:
                self.dialog = None
            dialog.deleteLater()

        dialog.accepted.connect(accepted)
        dialog.finished.connect(finished)
        dialog.open()
        return dialog

    def _emit(self, f: Filter) -> None:
        if f != self.get_filter() or f.source_titles != self.get_filter().source_titles:
            self.filterChanged.emit(f)

    def _choose(self, title: str, choices: list[tuple[object, str]], field: str) -> QDialog:
        current = getattr(self.get_filter(), field)
        dialog = ChoiceDialog(title, choices, current, self._host())
        return self._show(dialog, lambda d: replace(self.get_filter(), **{field: tuple(d.checked())}))

    def choose_actors(self) -> QDialog:
        actors = known_values(self.store)["actors"]
        return self._choose("Filter by Actor", [(a, a) for a in actors], "actors")

    def choose_types(self) -> QDialog:
        return self._choose("Filter by Type", list(EVENT_TYPES.items()), "types")

    def choose_statuses(self) -> QDialog:
        return self._choose("Filter by Status", list(STATUSES.items()), "statuses")

    def choose_tags(self) -> QDialog:
        tags = known_values(self.store)["tags"]
        return self._choose("Filter by Tag", [(t, t) for t in tags], "tags")

    def choose_sources(self) -> QDialog:
        sources = [(sid, title or f"#{sid}") for sid, title in known_values(self.store)["sources"]]
        titles = dict(sources)
        current = self.get_filter()
        choices = sources + [(s, current.source_titles.get(s, f"#{s}"))
                             for s in current.sources if s not in titles]
        dialog = ChoiceDialog("Filter by Source", choices, current.sources, self._host())

        def result(d: ChoiceDialog) -> Filter:
            f = self.get_filter()
            ids = tuple(d.checked())
            known = {**f.source_titles, **titles}
            return replace(f, sources=ids, source_titles={s: known[s] for s in ids if s in known})

        return self._show(dialog, result)

    def choose_dates(self) -> QDialog:
        f = self.get_filter()
        dialog = DateRangeDialog(f.date_from, f.date_to, self._host())

        def result(d: DateRangeDialog) -> Filter:
            first, last = d.range()
            return replace(self.get_filter(), date_from=first, date_to=last)

        return self._show(dialog, result)

    def clear_filters(self) -> None:
        self._emit(cleared(self.get_filter()))
