"""Databases are documents: File → New Database…, Open Database…, Open Recent; and the
view (range, filters, lanes, selection) remembered per database across restarts."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt

# Dialog classes (QMessageBox, QFileDialog, ...) are imported where they are used: each
# costs the start-up time to set up, and the window needs none of them to open.
from PySide6.QtWidgets import QMenu, QWidget

from tracker.gui.forms import plain
from tracker.model.filters import Filter
from tracker.store import Store, StoreError

MAX_RECENT = 8
DB_FILTER = "Tracker databases (*.db *.sqlite);;All files (*)"
_open_windows: list[QWidget] = []  # windows opened from a window outlive their opener


def recent_databases() -> list[Path]:
    value = QSettings().value("documents/recent", [])
    paths = [value] if isinstance(value, str) else list(value or [])
    return [Path(p) for p in paths]


def remember(path: Path) -> None:
    path = path.resolve()
    paths = [path] + [p for p in recent_databases() if p.resolve() != path]
    settings = QSettings()
    settings.setValue("documents/recent", [str(p) for p in paths[:MAX_RECENT]])
    settings.setValue("documents/last", str(path))


def last_database() -> Path | None:
    value = QSettings().value("documents/last")
    if isinstance(value, str) and value and Path(value).is_file():
        return Path(value)
    return None


def _key(store: Store) -> str:
    return "view/" + str(Path(store.path).resolve()).replace("/", "|")


def filter_to_json(keep: Filter) -> str:
    return json.dumps({
        "search": keep.search, "actors": keep.actors, "types": keep.types,
        "statuses": keep.statuses, "tags": keep.tags, "sources": keep.sources,
        "date_from": keep.date_from.isoformat() if keep.date_from else None,
        "date_to": keep.date_to.isoformat() if keep.date_to else None})


def filter_from_json(text: str) -> Filter:
    import datetime as dt

    data = json.loads(text)

    def day(value: str | None) -> dt.date | None:
        return dt.date.fromisoformat(value) if value else None

    return Filter(search=str(data.get("search", "")), actors=tuple(data.get("actors", ())),
                  types=tuple(data.get("types", ())), statuses=tuple(data.get("statuses", ())),
                  tags=tuple(data.get("tags", ())),
                  sources=tuple(int(s) for s in data.get("sources", ())),
                  date_from=day(data.get("date_from")), date_to=day(data.get("date_to")))


def save_view(window) -> None:
    """What the window shows, for this database: restored when it is opened again."""
    state = {"view": list(window.canvas.real_view()), "filter": filter_to_json(window.filter),
             "lanes": window.lanes, "selected": window.selected_id,
             "lane_order": window.lane_order.get(window.lanes, []),
             "collapsed": sorted(window.collapsed.get(window.lanes, set()))}
    QSettings().setValue(_key(window.store), json.dumps(state))


def load_view(store: Store) -> dict | None:
    value = QSettings().value(_key(store))
    if not isinstance(value, str):
        return None
    try:
        state = json.loads(value)
        state["filter"] = filter_from_json(state["filter"])
    except (ValueError, KeyError, TypeError):
        return None  # a damaged setting is forgotten, not fatal
    return state


class DocumentActions(QObject):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.act_new = window._action("&New Database…", self.choose_new, None,
                                      "Start a new, empty database (optionally with the sample article)")
        self.act_open = window._action("&Open Database…", self.choose_open, "Ctrl+O",
                                       "Open another tracker database")
        self.recent_menu = QMenu("Open &Recent", window)
        self.recent_menu.aboutToShow.connect(self._fill_recent)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        current = Path(self.window.store.path).resolve()
        for path in recent_databases():
            action = self.recent_menu.addAction(str(path))
            action.setEnabled(path.resolve() != current and path.is_file())
            action.triggered.connect(lambda _checked=False, p=path: self.open_path(p))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("No recent databases").setEnabled(False)

    def choose_new(self) -> None:
        from tracker.gui.new_database import NewDatabaseDialog

        dialog = NewDatabaseDialog(self.window, Path.home())
        if dialog.exec():
            self.open_path(dialog.path(), seed=dialog.with_sample())

    def choose_open(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getOpenFileName(self.window, "Open Database",
                                              str(Path(self.window.store.path).parent), DB_FILTER)
        if name:
            self.open_path(Path(name))

    def open_path(self, path: Path, *, seed: bool | None = None):
        """Open ``path`` in a new window that takes this one's place (``seed``: whether a
        new file gets the sample article; None leaves it to Store.open)."""
        from PySide6.QtWidgets import QMessageBox

        from tracker.gui.main_window import MainWindow

        try:
            # the window checks for damage after it painted
            store = Store.open(path, seed=seed, check="later")
        except StoreError as exc:
            QMessageBox.warning(self.window, "Cannot open database", plain(str(exc)))
            return None
        window = MainWindow(store, owns_store=True)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        _open_windows.append(window)
        window.destroyed.connect(lambda *_: _open_windows.remove(window)
                                 if window in _open_windows else None)
        window.show()
        self.window.close()
        return window
