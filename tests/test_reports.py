"""Reports over time (issue 19): what each source said, and the event they add up to."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from tracker.model.entities import Event, Excerpt, Participation, Source
from tracker.model.fuzzydate import FuzzyDate
from tracker.model.reports import Report, published_by, resolve
from tracker.store import Store, StoreError
from tracker.store.reports import add_report, knowledge, publication_days, reports_of, source_counts

D = dt.date


def report(lo: D, hi: D, status: str = "planned", published: str = "2019-01-19", *,
           n: int = 1, precision: str = "days", end: FuzzyDate | None = None,
           location: str = "") -> Report:
    return Report(n, 1, n, f"Source {n}", f"Outlet {n}", published,
                  FuzzyDate(lo, hi, "day" if lo == hi else precision, f"words {n}"), end,
                  status, location, "quote")


def test_the_narrowest_window_all_reports_allow():
    k = resolve([report(D(2019, 2, 20), D(2019, 2, 28), published="2019-01-19", n=1),
                 report(D(2019, 2, 27), D(2019, 2, 28), published="2019-02-05", n=2)])
    assert (k.start.earliest, k.start.latest) == (D(2019, 2, 27), D(2019, 2, 28))
    assert k.start.words == "words 2" and not k.disputed and k.status == "planned"


def test_overlapping_windows_meet_in_the_middle():
    k = resolve([report(D(2019, 2, 20), D(2019, 2, 28), n=1),
                 report(D(2019, 2, 25), D(2019, 3, 5), published="2019-02-01", n=2)])
    assert (k.start.earliest, k.start.latest, k.start.precision) == (
        D(2019, 2, 25), D(2019, 2, 28), "days")


def test_disagreeing_reports_make_the_event_disputed_and_show_the_latest():
    a = report(D(2019, 2, 27), D(2019, 2, 28), published="2019-02-05", n=1)
    b = report(D(2019, 2, 25), D(2019, 2, 26), published="2019-02-07", n=2)
    k = resolve([b, a])
    assert k.disputed
    assert (k.start.earliest, k.start.latest) == (D(2019, 2, 25), D(2019, 2, 26))
    assert k.disagreements() == [(a, b)]
    assert [r.excerpt_id for r in k.reports] == [1, 2]  # publication order


def test_speculation_is_outranked_by_a_plan_and_a_plan_by_what_happened():
    spec = report(D(2019, 3, 1), D(2019, 4, 30), "speculated", "2019-01-17", n=1)
    plan = report(D(2019, 2, 20), D(2019, 2, 28), "planned", "2019-01-19", n=2)
    done = report(D(2019, 2, 27), D(2019, 2, 28), "occurred", "2019-02-28", n=3)
    assert resolve([spec]).status == "speculated"
    k = resolve([spec, plan])
    assert not k.disputed and k.status == "planned" and k.start.earliest == D(2019, 2, 20)
    assert resolve([spec, plan, done]).status == "occurred"


def test_a_postponement_voids_the_earlier_plan():
    plan = report(D(2019, 2, 20), D(2019, 2, 28), "planned", "2019-01-19", n=1)
    moved = report(D(2019, 4, 1), D(2019, 4, 30), "postponed", "2019-02-15", n=2)
    k = resolve([plan, moved])
    assert not k.disputed and k.status == "postponed" and k.start.earliest == D(2019, 4, 1)


def test_a_single_day_inside_a_reported_range_dates_a_part_of_it():
    rng = report(D(2019, 2, 27), D(2019, 2, 28), "occurred", "2019-02-28", n=1)
    day = report(D(2019, 2, 28), D(2019, 2, 28), "occurred", "2019-02-28", n=2)
    k = resolve([rng, day])
    assert (k.start.earliest, k.start.latest) == (D(2019, 2, 27), D(2019, 2, 28))
    assert not k.disputed


def test_only_reports_published_by_the_day_count():
    a = report(D(2019, 2, 20), D(2019, 2, 28), published="2019-01-19T08:33:00+05:30", n=1)
    b = report(D(2019, 2, 27), D(2019, 2, 28), published="2019-02-05T21:43:00-05:00", n=2)
    undated = report(D(2019, 2, 1), D(2019, 2, 28), published="", n=3)
    assert published_by([a, b, undated], D(2019, 1, 18)) == [undated]
    assert published_by([a, b], D(2019, 2, 5)) == [a, b]  # the source's own calendar day
    assert resolve([]) is None


def test_existing_excerpts_report_what_their_event_says(store: Store):
    """Migration 0005 and every excerpt stored without a report of its own."""
    summit = store.conn.execute(
        "SELECT id FROM events WHERE uid = 'seed-second-summit-2019-02'").fetchone()[0]
    reports = reports_of(store, summit)
    assert reports and all(r.start.earliest == D(2019, 2, 20) and r.status == "planned"
                           for r in reports)
    assert reports[0].credit() == "Hindustan Times, 19 Jan 2019"
    # the article, and the public-record note written for the sample (dated when written)
    assert publication_days(store) == [D(2019, 1, 19), D(2026, 12, 3)]


def _second_source(store: Store, text: str, published: str) -> int:
    return store.add_source(Source(None, "", "Second report", text, outlet="Wire",
                                   published_at=published))


def test_a_new_report_updates_the_event_and_is_kept_through_an_edit(store: Store):
    summit = store.conn.execute(
        "SELECT id FROM events WHERE uid = 'seed-second-summit-2019-02'").fetchone()[0]
    text = "The summit will be held in Hanoi on February 27 and 28."
    source_id = _second_source(store, text, "2019-02-09T09:00:00+05:30")
    add_report(store, summit, Excerpt(
        source_id, 0, len(text), text, report_start=FuzzyDate(D(2019, 2, 27), D(2019, 2, 28), "days",
                                                               "February 27 and 28"),
        report_status="planned", report_location="Hanoi"))
    event = store.get_event(summit)
    assert (event.start.earliest, event.start.latest, event.location) == (
        D(2019, 2, 27), D(2019, 2, 28), "Hanoi")
    assert source_counts(store, [summit]) == {summit: 2}
    assert knowledge(store, summit, D(2019, 2, 1)).start.earliest == D(2019, 2, 20)
    # editing the event (title) rewrites its excerpts: the reports must survive
    event.title = "Hanoi summit"
    store.update_event(event)
    assert [r.window_text() for r in reports_of(store, summit)][-1] == "27–28 Feb 2019"
    assert knowledge(store, summit, D(2019, 2, 1)).start.earliest == D(2019, 2, 20)


def test_two_dates_of_one_sentence_are_one_report(store: Store):
    text = "The summit is scheduled for Wednesday and Thursday."
    source_id = _second_source(store, text, "2019-02-26")
    event_id = store.add_event(Event(None, "", "Summit", FuzzyDate(D(2019, 2, 20), D(2019, 2, 28), "days"),
                                     status="planned", actors=[Participation("Donald Trump")]))
    for day, words in ((27, "Wednesday"), (28, "Thursday"), (28, "Thursday")):
        add_report(store, event_id, Excerpt(source_id, 0, len(text), text,
                                            report_start=FuzzyDate.exact(D(2019, 2, day), words),
                                            report_status="planned"))
    reports = reports_of(store, event_id)
    assert len(reports) == 1 and reports[0].window_text() == "27–28 Feb 2019"
    assert reports[0].start.words == "Wednesday; Thursday"  # the same words again: no change
    k = knowledge(store, event_id)
    assert not k.disputed and (k.start.earliest, k.start.latest) == (D(2019, 2, 27), D(2019, 2, 28))


def test_a_report_without_a_window_or_event_is_refused(store: Store):
    with pytest.raises(StoreError, match="window"):
        add_report(store, 1, Excerpt(1, 0, 5, "xxxxx"))
    with pytest.raises(StoreError, match="no event"):
        add_report(store, 999, Excerpt(1, 0, 5, "xxxxx", report_start=FuzzyDate.exact(D(2019, 1, 1))))


def test_migration_fills_reports_of_an_older_database(tmp_path):
    """A database made before 0005 gets its excerpts' reports from their events."""
    from tracker.store.migrations import MIGRATIONS

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    for name, func in MIGRATIONS:
        if name == "0005_reports":
            break
        func(conn)
    conn.execute("INSERT INTO sources (uid, title, text, published_at) "
                 "VALUES ('s', 'S', 'hello world', '2019-01-02')")
    conn.execute("""INSERT INTO events (uid, title, status, start_earliest, start_latest, precision,
                    date_text, location, day_lo, day_hi, created_at, updated_at)
                    VALUES ('e', 'E', 'planned', '2019-02-20', '2019-02-28', 'part_of_month',
                    'late Feb', 'Hanoi', 737110, 737118, 'x', 'x')""")
    conn.execute("INSERT INTO excerpts (event_id, source_id, char_start, char_end, quote) "
                 "VALUES (1, 1, 0, 5, 'hello')")
    next(f for n, f in MIGRATIONS if n == "0005_reports")(conn)
    row = conn.execute("SELECT report_earliest, report_latest, report_words, report_status, "
                       "report_location FROM excerpts").fetchone()
    assert row == ("2019-02-20", "2019-02-28", "late Feb", "planned", "Hanoi")
    conn.close()


def test_known_from_follows_the_reports(store: Store):
    """The column the "as known on" filter reads: first report's day, kept by triggers."""
    def known_from(event_id: int):
        return store.conn.execute("SELECT known_from FROM events WHERE id = ?",
                                  (event_id,)).fetchone()[0]

    text = "They met on Friday."
    source_id = _second_source(store, text, "2019-02-09T09:00:00+05:30")
    event_id = store.add_event(Event(None, "", "Met", FuzzyDate.exact(D(2019, 2, 8)),
                                     excerpts=[Excerpt(source_id, 0, len(text), text)]))
    assert known_from(event_id) == "2019-02-09"
    summit = store.conn.execute(
        "SELECT id FROM events WHERE uid = 'seed-second-summit-2019-02'").fetchone()[0]
    add_report(store, summit, Excerpt(source_id, 0, len(text), text,
                                      report_start=FuzzyDate(D(2019, 2, 27), D(2019, 2, 28), "days")))
    assert known_from(summit) == "2019-01-19"  # the earlier report still counts
    with store.write():
        store.conn.execute("UPDATE sources SET published_at = '2019-01-05' WHERE id = ?",
                           (source_id,))
    assert known_from(event_id) == "2019-01-05" and known_from(summit) == "2019-01-05"
    event = store.get_event(event_id)
    event.excerpts = []
    store.update_event(event)
    assert known_from(event_id) is None  # cites nothing: shown on every day


def test_an_older_database_opens_with_its_excerpts_as_reports(db_path):
    """A database of the previous version (before 0005), opened by this one: each excerpt
    reports what its event said, and the event is known from its source's day."""
    from sqlite_utils import Database

    from tracker.store.migrations import migrations

    old = Database(db_path)
    migrations.apply(old, stop_before="0005_reports")
    old.conn.execute("PRAGMA user_version = 3")
    old.conn.execute("INSERT INTO sources (uid, title, text, published_at) "
                     "VALUES ('s', 'Wire', 'They will meet in late February.', '2019-01-19T08:33:00+05:30')")
    old.conn.execute("""INSERT INTO events (uid, title, status, start_earliest, start_latest,
                        precision, date_text, day_lo, day_hi, created_at, updated_at)
                        VALUES ('e', 'Summit', 'planned', '2019-02-20', '2019-02-28', 'part_of_month',
                        'late February', 737110, 737118, 'x', 'x')""")
    old.conn.execute("INSERT INTO excerpts (event_id, source_id, char_start, char_end, quote) "
                     "VALUES (1, 1, 0, 33, 'They will meet in late February.')")
    old.conn.commit()
    old.close()
    store = Store.open(db_path, seed=False)
    try:
        (r,) = reports_of(store, 1)
        assert (r.window_text(), r.status, r.start.words) == ("20–28 Feb 2019", "planned", "late February")
        assert store.conn.execute("SELECT known_from FROM events").fetchone()[0] == "2019-01-19"
        assert knowledge(store, 1, D(2019, 1, 18)) is None
    finally:
        store.close()
