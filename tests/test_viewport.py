import datetime as dt

from tracker.model.entities import Event
from tracker.model.fuzzydate import FuzzyDate
from tracker.store import Store
from tracker.store.viewport import count_in_view, query_plan, timeline_data

D = dt.date


def _fill(store: Store, n: int) -> None:
    start = D(2000, 1, 1)
    with store.db.atomic():
        for i in range(n):
            day = start + dt.timedelta(days=i)
            store._insert_event(Event(None, f"gen-{i}", f"Event {i}", FuzzyDate.exact(day)))


def test_viewport_query_goes_through_the_interval_index(store: Store):
    plan = query_plan(store, 1, 800000)
    assert "VIRTUAL TABLE INDEX" in plan and "SCAN e" not in plan


def test_view_returns_only_overlapping_events(store: Store):
    jan = timeline_data(store, D(2019, 1, 1).toordinal(), D(2019, 1, 31).toordinal())
    titles = {i.title for i in jan.items}
    assert any("meet Kim Yong Chol" in t for t in titles)
    assert not any("Singapore" in t for t in titles)
    # "near the end of February" (20-28 Feb) overlaps a view of 25 Feb only
    feb = timeline_data(store, D(2019, 2, 25).toordinal(), D(2019, 2, 25).toordinal())
    assert [i.title for i in feb.items] == ["Second Trump–Kim summit"]
    (item,) = feb.items
    assert (item.start_lo, item.start_hi) == (D(2019, 2, 20).toordinal(), D(2019, 2, 28).toordinal())


def test_links_only_between_events_in_view(store: Store):
    everything = timeline_data(store, 1, 800000)
    ids = {i.id for i in everything.items}
    assert everything.links and all(k.from_id in ids and k.to_id in ids for k in everything.links)
    jan = timeline_data(store, D(2019, 1, 1).toordinal(), D(2019, 1, 31).toordinal())
    jan_ids = {i.id for i in jan.items}
    assert all(k.from_id in jan_ids and k.to_id in jan_ids for k in jan.links)


def test_dense_view_is_aggregated_and_bounded(empty_store: Store):
    _fill(empty_store, 5000)
    lo, hi = empty_store.extent()
    data = timeline_data(empty_store, lo, hi, max_items=1000, bins=50)
    assert data.total_in_view == 5000 == count_in_view(empty_store, lo, hi)
    assert data.bins and sum(b.count for b in data.bins) == 5000
    assert len(data.bins) <= 50
    assert len(data.items) <= 300
    narrow = timeline_data(empty_store, lo + 100, lo + 109, max_items=1000)
    assert not narrow.bins and len(narrow.items) == 10
