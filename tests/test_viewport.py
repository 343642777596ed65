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


def test_migration_0002_counts_existing_events_and_triggers_keep_them(tmp_path):
    from sqlite_utils import Database

    from tracker.store.migrations import migrations

    db = Database(tmp_path / "old.db")
    migrations.apply(db, stop_before="0002_scale")
    for i, (lo, hi) in enumerate([(100, 100), (100, 130), (105, 105)]):
        db.execute(
            """INSERT INTO events (uid, title, start_earliest, start_latest, day_lo, day_hi,
                   created_at, updated_at) VALUES (?, 't', '2000-01-01', '2000-01-01', ?, ?,
                   '', '')""", (f"u{i}", lo, hi))
    migrations.apply(db)
    counts = lambda: dict(db.execute("SELECT day, n FROM events_day_count ORDER BY day"))  # noqa: E731
    assert counts() == {100: 2, 105: 1}
    indexes = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"events_priority", "events_day_order"} <= indexes and "events_day_lo" not in indexes
    db.execute("UPDATE events SET day_lo = 104 WHERE uid = 'u1'")
    assert counts() == {100: 1, 104: 1, 105: 1}
    db.execute("DELETE FROM events WHERE uid = 'u0'")
    assert counts() == {104: 1, 105: 1}
    db.execute("UPDATE events SET title = 'x'")  # other columns leave the counts alone
    assert counts() == {104: 1, 105: 1}
    db.close()


def test_counts_follow_edits_through_the_store(empty_store: Store):
    _fill(empty_store, 30)
    lo, hi = empty_store.extent()
    assert count_in_view(empty_store, lo, hi) == 30
    first = empty_store.event_ids_in_order()[0]
    empty_store.delete_event(first)
    assert count_in_view(empty_store, lo, hi) == 29 == empty_store.count_events()


def test_step_event_walks_in_time_order(store: Store):
    from tracker.store.viewport import step_event

    ordered = store.event_ids_in_order()
    assert step_event(store, None, 1) == ordered[0]
    assert step_event(store, None, -1) == ordered[-1]
    assert [step_event(store, ordered[i], 1) for i in range(len(ordered) - 1)] == ordered[1:]
    assert [step_event(store, ordered[i], -1) for i in range(1, len(ordered))] == ordered[:-1]
    assert step_event(store, ordered[-1], 1) == ordered[-1]
    assert step_event(store, ordered[0], -1) == ordered[0]
