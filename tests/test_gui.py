"""The window driven as a user would, with qtbot: clicks, keys, and what is then shown."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt

from tracker.gui.event_table import EventTableModel
from tracker.gui.main_window import MainWindow
from tracker.store import Store
from tracker.timeline.items import MPL_EPOCH_ORDINAL


def _uid(store: Store, uid: str):
    return next(e for e in store.list_events() if e.uid == uid)


def _pixel_of(win: MainWindow, event_id: int) -> QPoint:
    """Widget coordinates of an event's mark, from the layout the canvas drew."""
    layout = win.canvas.layout_
    canvas = win.canvas
    ratio = canvas.device_pixel_ratio
    for mark in [*layout.points, *layout.spans]:
        if mark.id == event_id:
            x = (mark.x if hasattr(mark, "x") else (mark.x0 + mark.x1) / 2)
            y = mark.y
            break
    else:
        raise AssertionError(f"event {event_id} is not drawn")
    px, py = canvas.ax.transData.transform((x, y))
    return QPoint(int(px / ratio), int(canvas.height() - py / ratio))


def test_table_model_passes_the_model_tester(qtmodeltester, store: Store):
    qtmodeltester.check(EventTableModel(store))


def test_window_shows_every_event_in_table_and_timeline(window: MainWindow, store: Store):
    assert window.model.rowCount() == store.count_events()
    drawn = {m.id for m in [*window.canvas.layout_.points, *window.canvas.layout_.spans]}
    assert drawn == {e.id for e in store.list_events()}
    assert window.status_label.text().startswith("8 events · 8 in view")


def test_clicking_an_event_selects_it_everywhere(qtbot, window: MainWindow, store: Store):
    meeting = _uid(store, "seed-white-house-meeting-2019-01-18")
    window.canvas.set_view(dt.date(2019, 1, 10).toordinal() - MPL_EPOCH_ORDINAL,
                           dt.date(2019, 1, 26).toordinal() - MPL_EPOCH_ORDINAL)
    window.canvas.draw()
    qtbot.mouseClick(window.canvas, Qt.MouseButton.LeftButton, pos=_pixel_of(window, meeting.id))
    assert window.selected_id == meeting.id
    row = window.table.currentIndex().row()
    assert window.model.id_at(row) == meeting.id
    assert window.detail.title.text() == meeting.title
    start, end = window.detail.current_excerpt_range()
    excerpt = meeting.excerpts[0]
    assert (start, end) == (excerpt.char_start, excerpt.char_end)
    assert window.detail.article.toPlainText()[start:end] == excerpt.quote
    # the highlighted passage is scrolled into view
    rect = window.detail.article.cursorRect()
    assert 0 <= rect.top() <= window.detail.article.viewport().height()


def test_selecting_in_the_table_updates_timeline_and_detail(qtbot, window: MainWindow, store: Store):
    summit = _uid(store, "seed-second-summit-2019-02")
    row = window.model.row_of(summit.id)
    window.table.selectRow(row)
    assert window.selected_id == summit.id
    assert window.canvas.selected_id == summit.id
    assert "near the end of February" in window.detail.fields["date"].text()
    assert "20–28 Feb 2019" in window.detail.fields["date"].text()
    assert "announces" in window.detail.fields["links"].text()
    # switching excerpts moves the highlight
    window.detail.excerpt_picker.setCurrentIndex(1)
    start, end = window.detail.current_excerpt_range()
    assert window.detail.article.toPlainText()[start:end].startswith("The venue will be announced")


def test_keyboard_steps_through_events_in_time(qtbot, window: MainWindow, store: Store):
    ordered = store.event_ids_in_order()
    assert window.selected_id == ordered[0]  # the window opens on the first event
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_Right)
    assert window.selected_id == ordered[1]
    qtbot.keyClick(window.canvas, Qt.Key.Key_Right)
    qtbot.keyClick(window.canvas, Qt.Key.Key_Right)
    assert window.selected_id == ordered[3]
    qtbot.keyClick(window.canvas, Qt.Key.Key_Left)
    assert window.selected_id == ordered[2]
    qtbot.keyClick(window.canvas, Qt.Key.Key_Left)
    assert window.selected_id == ordered[1]
    assert window.detail.title.text() == store.get_event(ordered[1]).title
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Right)
    assert window.selected_id == ordered[2]
    assert window.model.id_at(window.table.currentIndex().row()) == ordered[2]


def test_zoom_keys_wheel_and_home(qtbot, window: MainWindow):
    full = window.canvas.view
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_Plus)
    zoomed = window.canvas.view
    assert zoomed[1] - zoomed[0] < (full[1] - full[0]) * 0.8
    qtbot.keyClick(window.canvas, Qt.Key.Key_Minus)
    qtbot.keyClick(window.canvas, Qt.Key.Key_Minus)
    assert window.canvas.view[1] - window.canvas.view[0] > full[1] - full[0]
    qtbot.keyClick(window.canvas, Qt.Key.Key_Home)
    assert window.canvas.view == pytest.approx(full)
    # the date axis follows the view
    assert window.canvas.ax.get_xlim() == pytest.approx(full)


def test_wheel_zooms_around_the_cursor(window: MainWindow):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    canvas = window.canvas
    pos = QPointF(canvas.width() * 0.25, canvas.height() / 2)
    anchor = canvas._x_at(pos.toPoint())
    before = canvas.view
    event = QWheelEvent(pos, canvas.mapToGlobal(pos), QPoint(0, 0), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(canvas, event)
    after = canvas.view
    assert after[1] - after[0] < before[1] - before[0]
    assert canvas._x_at(pos.toPoint()) == pytest.approx(anchor, abs=(after[1] - after[0]) * 0.01)


def test_drag_pans_the_view(qtbot, window: MainWindow):
    canvas = window.canvas
    before = canvas.view
    y = canvas.height() // 2
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(600, y))
    qtbot.mouseMove(canvas, QPoint(700, y))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(700, y))
    after = canvas.view
    assert after[0] < before[0] and after[1] - after[0] == pytest.approx(before[1] - before[0])
    assert window.selected_id == window.store.event_ids_in_order()[0]  # a drag is not a click


def test_one_change_causes_one_draw(qtbot, window: MainWindow):
    qtbot.wait(50)
    window.canvas.draw_count = 0
    window.canvas.zoom(1.2)
    window.canvas.zoom(1.2)
    window.canvas.set_selected(window.store.event_ids_in_order()[2])
    qtbot.waitUntil(lambda: window.canvas.draw_count >= 1)
    qtbot.wait(100)
    assert window.canvas.draw_count == 1


def test_window_remembers_its_geometry_and_selection(qtbot, store: Store):
    first = MainWindow(store)
    qtbot.addWidget(first)
    first.show()
    first.resize(720, 590)  # the offscreen screen is 800x600
    third = store.event_ids_in_order()[2]
    first.select_event(third)
    qtbot.wait(20)
    first.close()
    second = MainWindow(store)
    qtbot.addWidget(second)
    second.show()
    assert (second.width(), second.height()) == (720, 590)
    assert second.selected_id == third
    second.close()


def test_store_changes_refresh_the_views(qtbot, window: MainWindow, store: Store):
    victim = _uid(store, "seed-graham-reaction-2019-01")
    window.select_event(victim.id)
    store.delete_event(victim.id)
    assert window.model.row_of(victim.id) is None
    assert victim.id not in {i.id for i in window.canvas.data.items}
    assert window.selected_id is None and window.detail.title.text() == "No event selected"


def test_hostile_titles_are_shown_as_plain_text(qtbot, window: MainWindow, store: Store):
    from tracker.model.entities import Event
    from tracker.model.fuzzydate import FuzzyDate

    event_id = store.add_event(Event(None, "", "<img src=x><b>bold</b>",
                                     FuzzyDate.exact(dt.date(2019, 1, 5))))
    window.select_event(event_id)
    assert window.detail.title.text() == "<img src=x><b>bold</b>"
    assert window.detail.title.textFormat() == Qt.TextFormat.PlainText
    assert "&lt;img src=x&gt;" in window.canvas.tooltip_for(event_id)


def test_hovering_an_event_shows_its_tooltip(qtbot, window: MainWindow, store: Store):
    from PySide6.QtWidgets import QToolTip

    summit = _uid(store, "seed-second-summit-2019-02")
    qtbot.mouseMove(window.canvas, _pixel_of(window, summit.id))
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    assert "Second Trump–Kim summit" in QToolTip.text()
    assert "20–28 Feb 2019" in QToolTip.text() and "planned" in QToolTip.text()


def test_opening_the_window_queries_the_table_once(qtbot, store: Store, monkeypatch):
    calls: list[int] = []
    original = EventTableModel.reload
    monkeypatch.setattr(EventTableModel, "reload",
                        lambda self: (calls.append(1), original(self))[1])
    win = MainWindow(store)
    qtbot.addWidget(win)
    assert len(calls) == 1
    win.close()
