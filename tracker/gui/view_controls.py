"""What the timeline shows and how: filter chips and the Filter menu, lanes (View →
Lanes, Arrange Lanes…), the reference date for "overdue", and the legend. The window
owns the state (filter, lanes, lane order, reference); this wires the widgets to it."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from tracker.gui.editing import published_day
from tracker.gui.filter_bar import FilterBar
from tracker.gui.filter_menu import FilterMenu
from tracker.gui.legend import Legend
from tracker.model.filters import LANE_MODES, Filter, arrange
from tracker.timeline.items import TimelineData


class ViewControls(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.filter_bar = FilterBar(window)
        self.filter_bar.filterChanged.connect(window.set_filter)
        self.filter_menu = FilterMenu(window.store, lambda: window.filter, window)
        self.filter_menu.filterChanged.connect(window.set_filter)
        window.addAction(self.filter_menu.clear_action)
        self.legend = Legend(window.canvas.theme, window)
        self.lanes_menu = QMenu("&Lanes", window)
        group = QActionGroup(self)
        self.lane_actions: dict[str, QAction] = {}
        for mode, label in LANE_MODES.items():
            action = self.lanes_menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(mode == window.lanes)
            group.addAction(action)
            action.triggered.connect(lambda _on=False, m=mode: self.set_lanes(m))
            self.lane_actions[mode] = action
        self.lanes_menu.addSeparator()
        self.act_arrange = self.lanes_menu.addAction("&Arrange Lanes…")
        self.act_arrange.triggered.connect(self.arrange_lanes)
        self.scale_menu = QMenu("Time &Scale", window)
        scales = QActionGroup(self)
        self.scale_actions: dict[str, QAction] = {}
        for kind, label in (("linear", "&Calendar"), ("compressed", "Co&mpress Empty Stretches"),
                            ("sequential", "&Sequence (Evenly Spaced)")):
            action = self.scale_menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(kind == "linear")
            scales.addAction(action)
            action.triggered.connect(lambda _on=False, k=kind: window.canvas.set_timescale(k))
            self.scale_actions[kind] = action
        self.act_reference = window._action("&Reference Date…", self.choose_reference, None,
                                            "The date 'overdue' is measured against")
        self.dialog = None

    # -- lanes -------------------------------------------------------------------------
    def set_lanes(self, mode: str, refresh: bool = True) -> None:
        """Show lanes by ``mode``; ``refresh=False`` leaves the fetch to the caller (the
        window at start-up, which sets the view next)."""
        window = self.window
        window.lanes = mode
        self.lane_actions[mode].setChecked(True)
        self.act_arrange.setEnabled(mode != "none")
        window.canvas.lane_mode = mode != "none"
        if refresh:
            window.canvas.refresh()

    def shape_lanes(self, data: TimelineData) -> TimelineData:
        """Apply the person's lane order, and collapse lanes: a collapsed lane keeps its
        label and band but not its marks (an event only in collapsed lanes goes)."""
        window = self.window
        if window.lanes == "none" or not data.lanes:
            return data
        data.lanes = arrange(data.lanes, window.lane_order.get(window.lanes, []))
        collapsed = window.collapsed.get(window.lanes, set())
        if collapsed:
            kept = []
            for item in data.items:
                lanes = tuple(k for k in item.lanes if k not in collapsed)
                if lanes or not item.lanes:
                    kept.append(item._replace(lanes=lanes))
            data.items = kept
            data.lanes = [(k, f"{label} (collapsed)" if k in collapsed else label)
                          for k, label in data.lanes]
        return data

    def arrange_lanes(self):
        from tracker.gui.lanes_dialog import LanesDialog  # its Qt classes cost start-up time

        window = self.window
        lanes = [(k, label.removesuffix(" (collapsed)")) for k, label in window.canvas.data.lanes]
        dialog = LanesDialog(lanes, window.lane_order.get(window.lanes, []),
                             window.collapsed.get(window.lanes, set()), window)

        def accepted() -> None:
            window.lane_order[window.lanes] = dialog.result_order()
            window.collapsed[window.lanes] = dialog.result_collapsed()
            window.canvas.refresh()

        dialog.accepted.connect(accepted)
        self.dialog = dialog
        dialog.open()
        return dialog

    # -- reference date ---------------------------------------------------------------------
    def choose_reference(self):
        from tracker.gui.reference_dialog import ReferenceDateDialog  # its date grammar too

        window = self.window
        source = window.detail.source
        published = published_day(source.published_at) if source is not None else None
        dialog = ReferenceDateDialog(window.reference, published, window)

        def accepted() -> None:
            window.reference = dialog.reference_date()
            window.refresh_views()

        dialog.accepted.connect(accepted)
        self.dialog = dialog
        dialog.open()
        return dialog

    # -- following the window ---------------------------------------------------------------
    def filter_changed(self, keep: Filter) -> None:
        self.filter_bar.set_filter(keep)

    def data_changed(self, data: TimelineData) -> None:
        """Show in the legend only what the view holds."""
        self.legend.set_present({i.type for i in data.items}, {i.status for i in data.items},
                                {k.kind for k in data.links},
                                any(not i.is_exact for i in data.items) or bool(data.bins))
