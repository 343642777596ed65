"""Readable lanes: names in a gutter, labels inside lanes, lanes as tall as they need, a
scroll bar in the window when they need more than it has, and an order zooming keeps."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.model.entities import Event, Participation
from tracker.model.fuzzydate import FuzzyDate
from tracker.store import Store
from tracker.store.viewport import timeline_data
from tracker.timeline.export import draw_export

ACTORS = ["Zhou", "Abe", "Moon", "Kim", "Trump", "Putin", "Xi", "Modi", "Merkel", "Macron"]


@pytest.fixture
def lane_store(empty_store: Store) -> Store:
    """Ten actors; the n-th has n + 1 events in January–March 2019."""
    for n, actor in enumerate(ACTORS):
        for k in range(n + 1):
            day = dt.date(2019, 1, 3) + dt.timedelta(days=7 * k + n)
            empty_store.add_event(Event(id=None, uid="", title=f"{actor} meeting number {k}",
                                        start=FuzzyDate.exact(day), type="meeting",
                                        actors=[Participation(actor)]))
    return empty_store


def _data(store: Store, first: dt.date, last: dt.date):
    return timeline_data(store, first.toordinal(), last.toordinal(), lanes="actor")


def test_lane_order_is_by_name_and_zooming_keeps_it(lane_store: Store) -> None:
    whole = [k for k, _ in _data(lane_store, dt.date(2019, 1, 1), dt.date(2019, 4, 1)).lanes]
    assert whole == sorted(ACTORS, key=str.lower)
    narrow = [k for k, _ in _data(lane_store, dt.date(2019, 2, 1), dt.date(2019, 2, 20)).lanes]
    assert narrow == [k for k in whole if k in narrow] and len(narrow) < len(whole)


def test_names_sit_in_a_gutter_and_busy_lanes_are_taller(lane_store: Store) -> None:
    data = _data(lane_store, dt.date(2019, 1, 1), dt.date(2019, 4, 1))
    pic = draw_export(data, width_px=1600, height_px=None, lane_mode=True)
    layout = pic.layout
    assert layout.lane_mode and layout.gutter_px > 0
    x0, _y0 = pic.axes_origin_px()
    assert x0 >= layout.gutter_px  # the plot starts right of the names
    heights = {lane.key: lane.y1 - lane.y0 for lane in layout.lanes}
    assert heights["Macron"] > heights["Zhou"]  # ten events against one
    assert len(layout.labels) >= 40  # labels inside the lanes, most events labelled
    for lab in layout.labels:
        lane = layout.lanes[lab.lane]
        assert lane.y0 <= lab.y0 and lab.y1 <= lane.y1, lab


def test_the_window_scrolls_when_lanes_need_more_height(qtbot, lane_store: Store) -> None:
    from tracker.gui.main_window import MainWindow

    win = MainWindow(lane_store)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    win.canvas.fit_all()
    win.views.set_lanes("actor")
    win.canvas.draw()
    area = win.canvas.parentWidget().parentWidget()  # viewport, then the scroll area
    bar = area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.isVisible() and bar.maximum() > 0)  # after Qt's layout pass
    assert win.canvas.minimumHeight() > area.viewport().height()
    win.views.set_lanes("none")
    qtbot.waitUntil(lambda: not bar.isVisible())
    win.views.set_lanes("actor")
    win.canvas.draw()
    layout = win.canvas.layout_
    assert len(layout.lanes) == len(ACTORS) and len(layout.labels) >= 30
    win.close()


def test_without_lanes_a_small_window_shows_the_whole_timeline(qtbot, store: Store) -> None:
    from tracker.gui.main_window import MainWindow

    win = MainWindow(store)
    qtbot.addWidget(win)
    win.resize(900, 560)
    win.show()
    qtbot.waitExposed(win)
    win.splitter.setSizes([60, 500])  # the person drags the splitter up
    area = win.canvas.parentWidget().parentWidget()
    qtbot.waitUntil(lambda: area.height() >= 180)
    assert not area.verticalScrollBar().isVisible()  # the date axis is never scrolled away
    win.close()
