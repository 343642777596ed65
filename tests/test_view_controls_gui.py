"""Filters, chips, lanes, the reference date and overdue events in the window."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from tracker.model.filters import Filter
from tracker.store import Store


def _uid(store: Store, uid: str) -> int:
    return next(e.id for e in store.list_events() if e.uid == uid)


def test_filter_menu_and_chips(qtbot, window, store: Store):
    menu = window.views.filter_menu
    menu.status_action.trigger()
    dialog = menu.dialog
    dialog.set_checked(["planned"])
    dialog.accept()
    assert window.filter.statuses == ("planned",)
    assert window.model.total == 1
    assert [i.id for i in window.canvas.data.items] == [window.model.rows[0].id]
    chips = window.views.filter_bar.chip_buttons()
    assert len(chips) == 1 and "Planned" in chips[0].text()
    assert window.status_label.text().startswith("showing 1 of 8 events")
    qtbot.mouseClick(chips[0], Qt.MouseButton.LeftButton)
    assert window.filter.is_empty and window.model.total == 8
    assert len(window.canvas.data.items) == 8


def test_clear_filters_keeps_the_search(qtbot, window):
    window.search.set_text("summit")
    window.set_filter(Filter(search="summit", actors=("Kim Jong Un",)))
    window.views.filter_menu.clear_action.trigger()
    assert window.filter == Filter(search="summit")


def test_lanes_by_actor_and_arranging(qtbot, window, store: Store):
    window.views.lane_actions["actor"].trigger()
    assert window.lanes == "actor" and window.canvas.lane_mode
    keys = [k for k, _ in window.canvas.data.lanes]
    assert "Donald Trump" in keys
    dialog = window.views.arrange_lanes()
    last = keys[-1]
    window.lane_order["actor"] = [last]
    window.collapsed["actor"] = {"Donald Trump"}
    window.canvas.refresh()
    lanes = window.canvas.data.lanes
    assert lanes[0][0] == last
    assert ("Donald Trump", "Donald Trump (collapsed)") in lanes
    assert all("Donald Trump" not in i.lanes for i in window.canvas.data.items)
    dialog.reject()
    window.views.lane_actions["none"].trigger()
    assert not window.canvas.lane_mode and window.canvas.data.lanes == []


def test_overdue_against_the_reference_date(qtbot, window, store: Store):
    summit = _uid(store, "seed-second-summit-2019-02")
    window.select_event(summit)
    # Today (2026) the planned late-February-2019 summit is long overdue.
    assert "overdue" in window.detail.fields["status"].text()
    row = window.model.row_of(summit)
    assert window.model.data(window.model.index(row, 3)) == "Planned — overdue"
    # Read against the article's publication date, it is not due yet.
    dialog = window.views.choose_reference()
    assert dialog.source_radio.isEnabled()  # the article being read has a date
    dialog.source_radio.setChecked(True)
    assert dialog.ok_button.isEnabled()
    dialog.accept()
    assert window.reference == dt.date(2019, 1, 19)
    assert "overdue" not in window.detail.fields["status"].text()
    assert window.model.data(window.model.index(window.model.row_of(summit), 3)) == "Planned"
    assert window.canvas.data.reference_day == dt.date(2019, 1, 19).toordinal()


def test_a_fulfilled_plan_is_not_overdue(qtbot, window, store: Store):
    summit = _uid(store, "seed-second-summit-2019-02")
    meeting = _uid(store, "seed-white-house-meeting-2019-01-18")
    store.add_link(meeting, summit, "fulfils")
    window.select_event(summit)
    assert window.detail.fields["status"].text() == "Planned — fulfilled"


def test_legend_shows_what_the_view_holds(qtbot, window):
    window.set_filter(Filter(statuses=("planned",)))
    kinds = {(e.kind, e.key) for e in window.views.legend.entries()}
    assert ("type", "summit") in kinds and ("type", "meeting") not in kinds


def test_export_image_uses_the_window_filters(qtbot, window, tmp_path):
    window.set_filter(Filter(statuses=("planned",)))
    dialog = window.export_image()
    dialog.path_edit.setText(str(tmp_path / "planned.svg"))
    dialog.range_all.setChecked(True)
    dialog.accept()
    svg = (tmp_path / "planned.svg").read_text(encoding="utf-8")
    assert "Second Trump–Kim summit" in svg and "Singapore summit" not in svg


def test_the_timeline_follows_a_dark_palette(qtbot, window):
    from PySide6.QtGui import QColor, QPalette

    from tracker.timeline.theme import DARK

    palette = window.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    window.setPalette(palette)
    assert window.canvas.theme is DARK


def test_search_hits_and_lanes_reach_the_drawing(qtbot, window):
    window.search.set_text("summit")
    window.canvas.draw()
    assert window.canvas.highlighted == set(window.search.hits) != set()
    window.views.lane_actions["type"].trigger()
    window.canvas.draw()
    assert window.canvas.layout_.lane_mode
    assert [lane.key for lane in window.canvas.layout_.lanes][:1] == ["summit"]


def test_an_empty_database_opens_on_today(qtbot, empty_store):
    from tracker.gui.main_window import MainWindow

    window = MainWindow(empty_store)
    qtbot.addWidget(window)
    first, last = window.view_dates()
    assert first <= dt.date.today() <= last
    window.close()
