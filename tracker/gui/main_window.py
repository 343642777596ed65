"""The main window: timeline on top, event table and detail pane below, one selection.

The window wires parts together and owns the menus; each part lives in its own module.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence

# Dialog classes (QMessageBox, QFileDialog, ...) are imported where they are used: each
# costs the start-up time to set up, and the window needs none of them to open.
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from tracker import __version__
from tracker.gui.article_import import ArticleImport
from tracker.gui.as_of import AsOfControl
from tracker.gui.backups import BackupActions
from tracker.gui.canvas import TimelineCanvas, scrolling
from tracker.gui.data_transfer import DataTransfer
from tracker.gui.detail import DetailPane
from tracker.gui.documents import DocumentActions, load_view, remember, save_view
from tracker.gui.editing import EditController
from tracker.gui.event_table import EventTableModel, EventTableView
from tracker.gui.forms import plain
from tracker.gui.periods import PeriodActions
from tracker.gui.scroll import viewport_of
from tracker.gui.search import SearchController
from tracker.gui.story_import import StoryImport, article_files
from tracker.gui.theme import theme_for_palette
from tracker.gui.toolbar import build_toolbars
from tracker.gui.undo_selection import SelectReturning
from tracker.gui.view_controls import ViewControls
from tracker.model.filters import Filter
from tracker.store import Store, StoreError
from tracker.store.search import keeps
from tracker.store.viewport import data_extent, max_items_for, step_event, timeline_data
from tracker.timeline.items import MPL_EPOCH_ORDINAL, TimelineData
from tracker.timeline.viewdata import view_days

POLL_MS = 500  # how often to look for other processes' commits (PRAGMA data_version)



# Bumped whenever the toolbars change (2: the search bar of its own and the as-of bar).
TOOLBAR_LAYOUT_VERSION = 2


class MainWindow(QMainWindow):
    def __init__(self, store: Store, parent=None, *, owns_store: bool = False) -> None:
        super().__init__(parent)
        self.store = store
        self.owns_store = owns_store  # opened for this window: closed with it
        self._total = store.count_events()
        self.lane_order: dict[str, list[str]] = {}
        self.collapsed: dict[str, set[str]] = {}
        self.selected_id: int | None = None
        self.filter = Filter()
        self.lanes = "none"
        self.reference: dt.date | None = None  # for "overdue"; None follows today
        self.setWindowTitle(f"Diplomacy Timeline Tracker — {store.path}")
        self.canvas = TimelineCanvas(self._fetch, theme_for_palette(self.palette()), self)
        self.canvas.extent_provider = self._extent
        self.canvas.firstPainted.connect(self._show_icon, Qt.ConnectionType.QueuedConnection)
        self.model = EventTableModel(store, self)
        self.table = EventTableView(self)
        self.table.stepRequested.connect(self.step)
        self.table.setModel(self.model)
        self.table.setObjectName("events")
        # The model arrives sorted by date: say so before sorting is switched on, so the
        # view does not ask for (and the store run) the same query again.
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((120, 300, 100, 90, 220)):
            self.table.setColumnWidth(column, width)
        self.detail = DetailPane(store, self)

        self.lower = QSplitter(Qt.Orientation.Horizontal)
        self.lower.addWidget(self.table)
        self.lower.addWidget(self.detail)
        self.lower.setStretchFactor(0, 1)
        self.lower.setStretchFactor(1, 1)
        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)

        self._make_actions()
        # Filter chips on top; the timeline with its legend above the table and details.
        top = QWidget()
        column = QVBoxLayout(top)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(scrolling(self.canvas), 1)
        column.addWidget(self.views.legend)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.lower)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        central = QWidget()
        page = QVBoxLayout(central)
        page.setContentsMargins(0, 0, 0, 0)
        page.setSpacing(0)
        page.addWidget(self.views.filter_bar)
        page.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.canvas.selected.connect(self.select_event)
        self.canvas.activated.connect(self.editor.edit_event)
        self.editor.bind_enter(self.canvas, self.table)
        self.canvas.emptyDoubleClicked.connect(self._double_click_empty)
        self.table.doubleClicked.connect(lambda index: self.editor.edit_event(
            self.model.id_at(index.row())))
        self.detail.article.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.detail.article.customContextMenuRequested.connect(self.editor.article_menu)
        links_field = self.detail.fields["links"]
        links_field.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        links_field.customContextMenuRequested.connect(self.editor.links_menu)
        self.canvas.viewChanged.connect(self._update_status)
        self.canvas.dataChanged.connect(self.views.data_changed)
        self.table.selectionModel().currentRowChanged.connect(self._table_row_changed)
        store.subscribe(self._store_changed)
        # Another window or the CLI may write to the same file: notice within a second.
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(POLL_MS)
        self.poll_timer.timeout.connect(self._poll_external)
        self.poll_timer.start()
        from tracker.gui.integrity import IntegrityWatch  # a big file is checked meanwhile

        self.integrity = IntegrityWatch(self, store)
        self._restore_settings()
        # The timeline spans the window: its width (restored just now) sets how many
        # events the first fetch draws one by one, so the first resize need not fetch again.
        self.canvas.set_max_items(max_items_for(self.width()))
        remember(store.path)
        state = load_view(store)
        if state:
            # No fetch for the placeholder view: set_view or fit_all below fetch the real one.
            self.views.set_lanes(state.get("lanes", "none"), refresh=False)
            self.lane_order[self.lanes] = list(state.get("lane_order", []))
            self.collapsed[self.lanes] = set(state.get("collapsed", []))
            self.search.box.setText(state["filter"].search)
            if not state["filter"].is_empty:
                self.set_filter(state["filter"])  # chips, table, hits, timeline marks
        if state and len(state.get("view", [])) == 2:
            self.canvas.set_view(*state["view"])
        else:
            self.canvas.fit_all()
        # Open on the event selected last time, else the first one, so the article and
        # its highlighted passage show at once.
        # The range comes back as it was left, even when the selection is outside it.
        last_id = state.get("selected") if state else None
        if isinstance(last_id, int):
            self.select_event(last_id, reveal=not (state and len(state.get("view", [])) == 2))
        if self.selected_id is None:  # nothing remembered, or that event is gone
            first = step_event(store, None, 1)
            if first is not None:
                self.select_event(first)
        self.canvas.setFocus()
        self._update_status()

    # -- data for the canvas ------------------------------------------------------
    def _fetch(self, view: tuple[float, float], zoom: int | None = None,
               tiles: bool = False, max_items: int | None = None) -> TimelineData:
        """The timeline's data for ``view``; ``max_items`` is the canvas's own (it
        depends on its width) unless given."""
        lo, hi = view_days(view)
        most = self.canvas.max_items if max_items is None else max_items
        # The timeline shows what the filters keep; the search only highlights there.
        data = timeline_data(self.store, lo, hi, reference_day=self.reference_day(),
                             filter=replace(self.filter, search=""), lanes=self.lanes,
                             zoom=zoom, tiles=tiles, max_items=most,
                             sources=self.as_of.act_sources.isChecked())
        return self.as_of.shape(self.views.shape_lanes(data))

    def _extent(self) -> tuple[int, int] | None:
        """First and last day of the whole timeline, where nothing hides events (no
        filter, no collapsed lane): the canvas frames it without fetching it all."""
        if not replace(self.filter, search="").is_empty or self.collapsed.get(self.lanes):
            return None
        return data_extent(self.store)

    def reference_day(self) -> int:
        return (self.reference or dt.date.today()).toordinal()

    def refresh_views(self) -> None:
        """Everything shown again from the store (after a change of reference date)."""
        self.model.reference_day = self.detail.reference_day = self.reference_day()
        self._count()
        self.model.reload()
        self.canvas.refresh()
        self.detail.show_event(self.detail.current_event)  # its "overdue" may have changed
        if self.selected_id is not None:
            self.select_event(self.selected_id)
        self._update_status()

    def set_filter(self, keep: Filter) -> None:
        """Apply filters and search to the table, the timeline and exports."""
        self.filter = keep
        self.search.recompute(keep)  # hits of the search under the new filters
        self.views.filter_changed(keep)
        self.as_of.filter_changed(keep)
        self.model.set_filter(keep)
        self.canvas.highlighted = set(self.search.hits)
        self.canvas.refresh()
        if self.selected_id is not None:
            self.select_event(self.selected_id)
        self._update_status()

    def _double_click_empty(self, x: float) -> None:
        day = dt.date.fromordinal(max(1, int(x) + MPL_EPOCH_ORDINAL))
        self.editor.new_event_at(day)

    def _poll_external(self) -> None:
        try:
            changed = self.store.external_change()
        except (StoreError, sqlite3.Error):
            return  # the file went away or is busy: look again at the next tick
        if changed:
            self.detail.reload_sources()
            self._store_changed("external")

    def _count(self) -> None:
        """The number of events, for the status bar (pans must not query for it)."""
        self._total = self.store.count_events()

    def _store_changed(self, what: str) -> None:
        if what == "sources":
            self.detail.reload_sources()
            return
        if what in ("periods", "events", "external"):  # an import may bring periods
            self.periods.refresh()
        if what == "periods":
            self.canvas.draw_idle()
            return
        self._count()
        self.model.reload()
        self.canvas.refresh()
        if self.selected_id is not None:
            self.select_event(self.selected_id)
        self._update_status()

    # -- actions and menus --------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        self.editor = EditController(self, self.store, lambda: self.selected_id)
        self.undo_selection = SelectReturning(self.editor.stack, self.select_event)
        ed = self.editor
        self.transfer = DataTransfer(self, self.store)
        self.search = SearchController(self)
        self.documents = DocumentActions(self)
        self.views = ViewControls(self)
        self.articles = ArticleImport(self)
        self.as_of = AsOfControl(self)
        self.story_import = StoryImport(self)
        self.backups = BackupActions(self, self.store)
        self.periods = PeriodActions(self)
        self.setAcceptDrops(True)
        self.act_quit = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit,
                                     "Close the window (every change is saved already)")
        self.act_zoom_in = self._action("Zoom &In", lambda: self.canvas.zoom(1.5),
                                        ["+", "=", QKeySequence.StandardKey.ZoomIn],
                                        "Zoom in on the timeline")
        self.act_zoom_out = self._action("Zoom &Out", lambda: self.canvas.zoom(1 / 1.5),
                                         ["-", QKeySequence.StandardKey.ZoomOut],
                                         "Zoom out")
        self.act_fit = self._action("&Fit All", self.canvas.fit_all, ["Home", "Ctrl+0"],
                                    "Show every event")
        self.act_prev = self._action("&Previous Event", lambda: self.step(-1), "Left",
                                     "Select the previous event in time")
        self.act_next = self._action("&Next Event", lambda: self.step(1), "Right",
                                     "Select the next event in time")
        self.act_about = self._action("&About", self._about)
        self.act_shortcuts = self._action("&Keyboard Shortcuts", self.show_shortcuts,
                                          QKeySequence.StandardKey.HelpContents,
                                          "Every shortcut of the window's actions")
        self.act_export_image = self._action("Export &Image…", self.export_image, "Ctrl+E",
                                             "Save the timeline as PNG, SVG or PDF")
        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        file_menu.addAction(self.documents.act_new)
        file_menu.addAction(self.documents.act_open)
        file_menu.addMenu(self.documents.recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.articles.act_import)
        file_menu.addAction(self.story_import.act_files)
        file_menu.addAction(self.story_import.act_folder)
        file_menu.addAction(self.articles.act_paste)
        file_menu.addAction(ed.act_add_source)
        file_menu.addSeparator()
        file_menu.addAction(self.transfer.act_import)
        file_menu.addAction(self.transfer.act_skip_bad)
        file_menu.addAction(self.transfer.act_export)
        file_menu.addAction(self.act_export_image)
        file_menu.addSeparator()
        file_menu.addAction(self.backups.act_backup)
        file_menu.addAction(self.backups.act_restore)
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        edit_menu = menu.addMenu("&Edit")
        edit_menu.addAction(ed.act_undo)
        edit_menu.addAction(ed.act_redo)
        edit_menu.addSeparator()
        for act in (ed.act_new, ed.act_edit, ed.act_delete, ed.act_link):
            edit_menu.addAction(act)
        edit_menu.addMenu(ed.unlink_menu)
        edit_menu.addSeparator()
        edit_menu.addAction(self.search.act_find)
        edit_menu.addAction(self.search.act_next)
        edit_menu.addSeparator()
        edit_menu.addAction(ed.act_from_selection)
        edit_menu.addAction(ed.act_add_excerpt)
        edit_menu.addAction(self.periods.act)
        view_menu = menu.addMenu("&View")
        for act in (self.act_zoom_in, self.act_zoom_out, self.act_fit):
            view_menu.addAction(act)
        view_menu.addSeparator()
        view_menu.addMenu(self.views.lanes_menu)
        view_menu.addMenu(self.views.scale_menu)
        view_menu.addAction(self.views.act_reference)
        view_menu.addAction(self.as_of.act_sources)
        menu.addMenu(self.views.filter_menu)
        go_menu = menu.addMenu("&Go")
        go_menu.addAction(self.act_prev)
        go_menu.addAction(self.act_next)
        help_menu = menu.addMenu("&Help")
        help_menu.addAction(self.act_shortcuts)
        help_menu.addAction(self.act_about)
        self.toolbar, self.search_toolbar = build_toolbars(self, [
            ("act_new", ed.act_new), ("act_edit", ed.act_edit), ("act_delete", ed.act_delete),
            ("act_link", ed.act_link), None, ("act_undo", ed.act_undo),
            ("act_redo", ed.act_redo), None, ("act_prev", self.act_prev),
            ("act_next", self.act_next), ("act_zoom_in", self.act_zoom_in),
            ("act_zoom_out", self.act_zoom_out), ("act_fit", self.act_fit)], self.search.box)
        self.addToolBarBreak()
        self.addToolBar(self.as_of.toolbar)

    def view_dates(self) -> tuple[dt.date, dt.date]:
        x0, x1 = self.canvas.real_view()
        first = dt.date.fromordinal(max(1, int(x0 + MPL_EPOCH_ORDINAL)))
        last = dt.date.fromordinal(max(1, int(x1 + MPL_EPOCH_ORDINAL)))
        return first, last

    def export_image(self):

        from tracker.gui.export_dialog import ExportImageDialog

        folder = QSettings().value("export/dir")
        default = Path(folder) if isinstance(folder, str) and Path(folder).is_dir() else Path.home()
        dialog = ExportImageDialog(self.view_dates(), default, self)
        # The picture shows what the window shows: its filters (not the search), lanes
        # and time scale.
        self.editor._open(dialog, lambda: self._write_image(replace(
            dialog.request(), filter=replace(self.filter, search=""), lanes=self.lanes,
            timescale=self.canvas.timescale,
            sources=self.as_of.act_sources.isChecked())))
        return dialog

    def _write_image(self, request) -> None:
        from PySide6.QtWidgets import QMessageBox

        from tracker.image_export import export_timeline_image

        try:
            count = export_timeline_image(self.store, request)
        except (ValueError, OSError) as exc:
            QMessageBox.warning(self, "Image not exported",
                                plain(f"Cannot write {request.path}: {exc}"))
            return
        QSettings().setValue("export/dir", str(request.path.parent))
        self.statusBar().showMessage(
            f"Exported {count} events to {request.path} "
            f"({request.width_px}×{request.height_px} px)", 10000)

    def show_shortcuts(self):
        from tracker.gui.shortcuts_help import ShortcutsDialog

        self.shortcuts_dialog = ShortcutsDialog(self)
        self.shortcuts_dialog.open()
        return self.shortcuts_dialog

    def _about(self):
        from PySide6.QtWidgets import QMessageBox

        from tracker.gui.icon import app_icon

        box = QMessageBox(QMessageBox.Icon.NoIcon, "About Diplomacy Timeline Tracker",
                          plain(f"Diplomacy Timeline Tracker {__version__}\n\n"
                                f"Database: {self.store.path}"),
                          QMessageBox.StandardButton.Ok, self)
        box.setIconPixmap(app_icon().pixmap(64, 64))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.about_box = box
        return box

    def _show_icon(self) -> None:
        """The application icon, set once the first frame is on screen: loading it costs
        the start about 10 ms, which the first picture need not wait for."""
        from PySide6.QtWidgets import QApplication

        from tracker.gui.icon import app_icon

        icon = app_icon()
        QApplication.setWindowIcon(icon)  # dialogs and the taskbar entry too
        self.setWindowIcon(icon)

    # -- selection, shared by timeline, table and detail pane ----------------------
    def select_event(self, event_id: int, *, centre: bool = False,
                     reveal: bool | None = None) -> None:
        """Select ``event_id`` everywhere. The timeline scrolls to it when it is out of
        view (``centre``: always) if ``reveal``; by default only when it is newly selected
        or its dates changed, so a refresh (another window's write, a backup, a filter)
        never moves the range the person is looking at."""
        try:
            event = self.store.get_event(event_id)
        except StoreError:
            event = None
        shown = replace(self.filter, search="")
        if event is None or not (shown.is_empty or keeps(self.store, shown, event_id)):
            # Gone, or hidden by the filters (not on the timeline either): no selection,
            # rather than details of an event the views do not show.
            self.clear_selection()
            return
        self.selected_id = event_id
        self.canvas.set_selected(event_id)
        x = event.earliest.toordinal() - MPL_EPOCH_ORDINAL
        if reveal is None:
            shown = self.detail.current_event
            reveal = shown is None or (shown.id, shown.earliest, shown.latest) != (
                event.id, event.earliest, event.latest)
        if centre or (reveal and not self.canvas.contains_x(x)):
            self.canvas.center_on(x + (event.latest - event.earliest).days / 2)
        # Look for its row only if the table can hold it (a seek through pages is costly).
        row = self.model.row_of(event_id) if keeps(self.store, self.filter, event_id) else None
        if row is None:  # filtered out of the table: select nothing there
            self.table.selectionModel().blockSignals(True)
            self.table.clearSelection()
            self.table.selectionModel().blockSignals(False)
        elif self.table.currentIndex().row() != row:
            selection = self.table.selectionModel()
            selection.blockSignals(True)  # no echo back into select_event
            self.table.selectRow(row)
            self.table.setCurrentIndex(self.model.index(row, 0))
            selection.blockSignals(False)
            viewport_of(self.table).update()
            self.table.scrollTo(self.model.index(row, 0))
        event = self.as_of.as_known(event)  # the "as known on" day's date and status
        if event != self.detail.current_event:  # else keep the reader's place in the article
            self.detail.show_event(event)
        self._update_status()

    def clear_selection(self) -> None:
        self.selected_id = None
        self.detail.show_event(None)
        self.canvas.set_selected(None)
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        self.table.clearSelection()
        selection.blockSignals(False)
        self._update_status()

    def _table_row_changed(self, current, _previous) -> None:
        event_id = self.model.id_at(current.row())
        if event_id is not None and event_id != self.selected_id:
            self.select_event(event_id)

    def step(self, direction: int) -> None:
        """Select the previous (-1) or next (+1) event in time."""
        target = step_event(self.store, self.selected_id, direction)
        if target is not None:
            self.select_event(target)

    def _update_status(self, *_args) -> None:
        data = self.canvas.data
        total = self._total
        a, b = self.view_dates()
        shown = (f"showing {self.model.total} of {total} events"
                 if not self.filter.is_empty else f"{total} events")
        hits = f" · {len(self.search.hits)} hits" if self.filter.search.strip() else ""
        self.status_label.setText(f"{shown}{hits} · {data.total_in_view} in view · "
                                  f"{a:%d %b %Y} – {b:%d %b %Y}")

    # -- settings -------------------------------------------------------------------
    def _restore_settings(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:  # first start: 1400×900, or the whole screen where that is smaller
            screen = self.screen().availableGeometry()
            self.resize(min(1400, screen.width()), min(900, screen.height()))
        state = settings.value("window/state")
        if isinstance(state, QByteArray):
            # A state saved with another set of toolbars is ignored (Qt then refuses it):
            # it would squeeze a new toolbar into an old row.
            self.restoreState(state, TOOLBAR_LAYOUT_VERSION)
        for key, splitter in self._splitters():
            value = settings.value(key)
            if isinstance(value, QByteArray):
                splitter.restoreState(value)

    def _splitters(self) -> tuple[tuple[str, QSplitter], ...]:
        """The splitters whose positions the window remembers, by settings key."""
        return (("window/splitter", self.splitter), ("window/lower", self.lower),
                ("window/detail", self.detail.split))

    def changeEvent(self, event) -> None:
        """Follow the system's light or dark palette while running."""
        if event.type() == QEvent.Type.PaletteChange:
            theme = theme_for_palette(self.palette())
            if theme is not self.canvas.theme:
                self.canvas.set_theme(theme)
                self.views.legend.set_theme(theme)
        super().changeEvent(event)

    # -- files dropped on the window are imported --------------------------------------
    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls() and all(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        event.acceptProposedAction()
        articles = article_files(paths)  # articles (and folders of them) are read as a story
        if articles:
            self.story_import.import_paths(articles)
        rest = [p for p in paths if not p.is_dir() and p not in articles]
        if rest:
            self.transfer.import_paths(rest)

    def closeEvent(self, event) -> None:
        # Nothing may run on this window's store after it closes.
        for timer in (self.poll_timer, self.backups.timer, self.search.timer,
                      self.canvas._pan_timer):
            timer.stop()
        self.backups.closed = True
        self.canvas.closed = True
        self.integrity.stop()
        self.store.unsubscribe(self._store_changed)
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState(TOOLBAR_LAYOUT_VERSION))
        for key, splitter in self._splitters():
            settings.setValue(key, splitter.saveState())
        save_view(self)
        super().closeEvent(event)
        if self.owns_store:
            self.store.close()
