"""The timeline's data with filters and lanes, and the layout of lanes."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from tracker.model.filters import Filter
from tracker.store import Store
from tracker.store.viewport import timeline_data
from tracker.timeline.layout import build_layout


def _all(store: Store, **kw):
    lo, hi = store.extent()
    return timeline_data(store, lo, hi, **kw)


def test_filter_applies_to_the_timeline(store: Store):
    data = _all(store, filter=Filter(statuses=("planned",)))
    assert [i.title for i in data.items] == ["Second Trump–Kim summit"]
    assert data.total_in_view == 1
    assert data.links == []  # its partners are filtered out


def test_filtered_dense_view_is_aggregated(empty_store: Store):
    from tracker.store.demo import add_demo_data

    add_demo_data(empty_store, 2000, seed=3)
    lo, hi = empty_store.extent()
    f = Filter(types=("meeting",))
    expected = empty_store.conn.execute(
        "SELECT count(*) FROM events WHERE type = 'meeting'").fetchone()[0]
    data = timeline_data(empty_store, lo, hi, filter=f, max_items=100, bins=40)
    assert data.total_in_view == expected and expected > 100
    assert sum(b.count for b in data.bins) == expected
    assert len(data.items) <= 300 and all(i.type == "meeting" for i in data.items)


def test_actor_lanes_hold_every_participant(store: Store):
    data = _all(store, lanes="actor")
    lanes = dict(data.lanes)
    assert "Donald Trump" in lanes and "Kim Jong Un" in lanes
    meeting = next(i for i in data.items if i.title.startswith("Trump and Pompeo meet"))
    assert set(meeting.lanes) == {"Donald Trump", "Mike Pompeo", "Kim Yong Chol"}
    layout = build_layout(data, (dt.date(2018, 4, 1).toordinal() - 719163,
                                 dt.date(2019, 3, 15).toordinal() - 719163),
                          (1400, 900), 100, lane_mode=True)
    lane_index = {lane.key: n for n, lane in enumerate(layout.lanes)}
    marks = [m for m in [*layout.points, *layout.spans] if m.id == meeting.id]
    assert {m.lane for m in marks} == {lane_index[k] for k in meeting.lanes}


@pytest.mark.parametrize("mode", ["type", "location"])
def test_type_and_location_lanes(store: Store, mode: str):
    data = _all(store, lanes=mode)
    keys = [k for k, _ in data.lanes]
    assert keys and all(len(i.lanes) == 1 and i.lanes[0] in keys for i in data.items)
    if mode == "type":
        assert keys[0] == "summit"  # vocabulary order


def test_unknown_lane_mode_is_refused(store: Store):
    with pytest.raises(ValueError, match="lane mode 'colour' is not known"):
        _all(store, lanes="colour")


def test_no_label_overlaps_within_lanes(store: Store):
    data = _all(store, lanes="actor")
    layout = build_layout(data, (dt.date(2018, 4, 1).toordinal() - 719163,
                                 dt.date(2019, 3, 15).toordinal() - 719163),
                          (1200, 700), 100, lane_mode=True)
    for a, b in itertools.combinations(layout.labels, 2):
        overlap = a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1
        assert not overlap, (a.text, b.text)


def test_overdue_plans_are_flagged_and_keep_their_titles(store: Store):
    summit_title = "Second Trump–Kim summit"
    late = _all(store, reference_day=dt.date(2019, 3, 1).toordinal())
    assert [i.overdue for i in late.items if i.title == summit_title] == [True]
    assert not any("overdue" in i.title for i in late.items)
    early = _all(store, reference_day=dt.date(2019, 1, 19).toordinal())
    assert [i.overdue for i in early.items if i.title == summit_title] == [False]
    summit = next(i.id for i in early.items if i.title == summit_title)
    meeting = next(i.id for i in early.items if i.title.startswith("Trump and Pompeo"))
    store.add_link(meeting, summit, "fulfils")
    fulfilled = _all(store, reference_day=dt.date(2019, 3, 1).toordinal())
    assert [i.overdue for i in fulfilled.items if i.title == summit_title] == [False]
