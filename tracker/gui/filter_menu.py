"""The Filter menu: pick actors, types, statuses, tags, sources or a date range.

Each chooser opens window-modal but non-blocking (``open()``), so the event loop keeps
running (timeline redraws, autosave) and tests drive the dialog like a person would. The
filter is read again when the person presses OK, so a chip removed meanwhile is not
brought back by a stale copy. The dialogs live in tracker.gui.filter_dialogs, imported
when one first opens (their Qt classes cost start-up time).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from tracker.gui.filter_bar import cleared
from tracker.model.filters import Filter
from tracker.model.vocab import EVENT_TYPES, STATUSES
from tracker.store import Store
from tracker.store.search import known_values

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

    from tracker.gui.filter_dialogs import ChoiceDialog, DateRangeDialog


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
        from tracker.gui.filter_dialogs import ChoiceDialog

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
        from tracker.gui.filter_dialogs import ChoiceDialog

        dialog = ChoiceDialog("Filter by Source", choices, current.sources, self._host())

        def result(d: ChoiceDialog) -> Filter:
            f = self.get_filter()
            ids = tuple(d.checked())
            known = {**f.source_titles, **titles}
            return replace(f, sources=ids, source_titles={s: known[s] for s in ids if s in known})

        return self._show(dialog, result)

    def choose_dates(self) -> QDialog:
        from tracker.gui.filter_dialogs import DateRangeDialog

        f = self.get_filter()
        dialog = DateRangeDialog(f.date_from, f.date_to, self._host())

        def result(d: DateRangeDialog) -> Filter:
            first, last = d.range()
            return replace(self.get_filter(), date_from=first, date_to=last)

        return self._show(dialog, result)

    def clear_filters(self) -> None:
        self._emit(cleared(self.get_filter()))
