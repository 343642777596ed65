import sqlite3
from pathlib import Path

import pytest

from tracker.model.entities import Event, Excerpt, Participation
from tracker.model.fuzzydate import FuzzyDate
from tracker.store import SCHEMA_VERSION, Store, StoreError
from tracker.store.db import default_db_path
from tracker.store.migrations import MIGRATION_NAMES


def _event(title="Hanoi summit", **kw) -> Event:
    import datetime as dt

    return Event(id=None, uid="", title=title,
                 start=kw.pop("start", FuzzyDate.exact(dt.date(2019, 2, 27))), **kw)


def test_new_database_has_schema_version_and_pragmas(empty_store: Store):
    conn = empty_store.conn
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == len(MIGRATION_NAMES)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert empty_store.count_events() == 0


def test_every_migration_is_recorded(empty_store: Store):
    names = [r[0] for r in empty_store.conn.execute("SELECT name FROM _sqlite_migrations")]
    assert names == list(MIGRATION_NAMES)


def test_reopen_keeps_data_and_does_not_migrate_again(db_path: Path):
    s = Store.open(db_path, seed=False)
    event_id = s.add_event(_event())
    s.close()
    s = Store.open(db_path, seed=False)
    assert s.get_event(event_id).title == "Hanoi summit"
    assert s.conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == len(
        MIGRATION_NAMES)
    s.close()


def test_newer_schema_is_refused_and_file_untouched(db_path: Path):
    Store.open(db_path, seed=False).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="newer version"):
        Store.open(db_path)
    assert db_path.read_bytes() == before


def test_not_sqlite_file_is_refused_and_untouched(tmp_path: Path):
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 20)
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not an SQLite file"):
        Store.open(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_foreign_sqlite_database_is_refused(tmp_path: Path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not a tracker database"):
        Store.open(path)


def test_folder_and_impossible_paths_give_clear_errors(tmp_path: Path):
    with pytest.raises(StoreError, match="it is a folder"):
        Store.open(tmp_path)
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="Cannot create the folder"):
        Store.open(blocker / "sub" / "tracker.db")


def test_default_path_honours_environment(monkeypatch, tmp_path: Path):
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "env.db"))
    assert default_db_path() == tmp_path / "env.db"
    monkeypatch.delenv("TRACKER_DB")
    assert default_db_path().name == "tracker.db"
    assert "diplomacy-timeline-tracker" in str(default_db_path())


def test_event_round_trip_with_children(store: Store):
    source_id = store.sources()[0].id
    text = store.get_source(source_id).text
    start = text.index("The venue")
    quote = text[start:start + 35]
    event_id = store.add_event(_event(
        actors=[Participation("Donald Trump", "participant"), Participation("Nguyen Phu Trong", "host")],
        excerpts=[Excerpt(source_id, start, start + 35, quote)], tags=["summit", "summit", " "],
        location="Hanoi", status="occurred", type="summit"))
    event = store.get_event(event_id)
    assert [(p.actor, p.role) for p in event.actors] == [
        ("Donald Trump", "participant"), ("Nguyen Phu Trong", "host")]
    assert event.excerpts[0].quote == quote and event.excerpts[0].valid
    assert event.tags == ["summit"]
    span = store.conn.execute("SELECT lo, hi FROM events_span WHERE id = ?", (event_id,)).fetchone()
    assert span == (event.earliest.toordinal(), event.latest.toordinal())


def test_mismatched_excerpt_is_refused_and_nothing_written(store: Store):
    before = store.count_events()
    source_id = store.sources()[0].id
    with pytest.raises(StoreError, match="does not match the source text"):
        store.add_event(_event(excerpts=[Excerpt(source_id, 0, 10, "not there!")]))
    with pytest.raises(StoreError, match="outside the source text"):
        store.add_event(_event(excerpts=[Excerpt(source_id, 10**6, 10**6 + 3, "abc")]))
    assert store.count_events() == before
    assert store.conn.execute("SELECT count(*) FROM actors WHERE name = 'x'").fetchone()[0] == 0


@pytest.mark.parametrize(("kw", "message"), [
    ({"title": "  "}, "needs a title"),
    ({"status": "rumoured"}, "status 'rumoured' is not known; use one of: occurred"),
    ({"type": "party"}, "event type 'party' is not known"),
    ({"actors": [Participation("X", "villain")]}, "role of 'X'"),
])
def test_invalid_events_are_refused_with_reasons(empty_store: Store, kw, message):
    title = kw.pop("title", "Hanoi summit")
    with pytest.raises(StoreError, match=message):
        empty_store.add_event(_event(title, **kw))
    assert empty_store.count_events() == 0


def test_delete_cascades_and_notifies(store: Store):
    seen: list[str] = []
    store.subscribe(seen.append)
    meeting = next(e for e in store.list_events() if "White House" in e.title and e.type == "meeting")
    store.delete_event(meeting.id)
    assert seen == ["events"]
    for table in ("excerpts", "event_actors", "events_span"):
        column = "id" if table == "events_span" else "event_id"
        assert store.conn.execute(
            f"SELECT count(*) FROM {table} WHERE {column} = ?", (meeting.id,)).fetchone()[0] == 0
    assert store.conn.execute(
        "SELECT count(*) FROM links WHERE from_event = ? OR to_event = ?",
        (meeting.id, meeting.id)).fetchone()[0] == 0
    with pytest.raises(StoreError, match="no event with id"):
        store.delete_event(meeting.id)


def test_links_validate_kind_and_ends(store: Store):
    a, b = [e.id for e in store.list_events()[:2]]
    with pytest.raises(ValueError, match="link kind 'causes' is not known"):
        store.add_link(a, b, "causes")
    with pytest.raises(StoreError, match="itself"):
        store.add_link(a, a, "follows")
    with pytest.raises(StoreError, match="no event with id 99999"):
        store.add_link(a, 99999, "follows")


def test_table_rows_sort_and_page(store: Store):
    rows = store.table_rows("date")
    assert [r.day_lo for r in rows] == sorted(r.day_lo for r in rows)
    titles = [r.title for r in store.table_rows("title", descending=True)]
    assert titles == sorted(titles, key=str.lower, reverse=True)
    assert len(store.table_rows("date", offset=2, limit=3)) == 3
    with pytest.raises(ValueError, match="cannot sort by"):
        store.table_rows("nonsense")


def test_read_only_folder_is_explained(tmp_path: Path, monkeypatch):
    """(Root ignores file modes, so the refusal of the OS is simulated by SQLite's own.)"""
    import tracker.store.db as db_module

    folder = tmp_path / "ro"
    folder.mkdir()

    def refuse(*args, **kwargs):
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(db_module.sqlite3, "connect", refuse)
    monkeypatch.setattr(db_module.os, "access", lambda path, mode: False)
    with pytest.raises(StoreError, match=r"the folder .* is read-only"):
        Store.open(folder / "t.db")
    assert list(folder.iterdir()) == []


def test_a_place_the_os_refuses_gives_a_clear_error():
    """/proc refuses new files even to root: a real refusal, not a simulated one."""
    with pytest.raises(StoreError, match=r"Cannot (open|create) database /proc/tracker\.db"):
        Store.open("/proc/tracker.db")
    assert not Path("/proc/tracker.db").exists()


@pytest.mark.parametrize("statement", [
    "CREATE TRIGGER evil AFTER INSERT ON events BEGIN DELETE FROM sources; END",
    "CREATE VIEW v AS SELECT * FROM events",
    "CREATE TABLE extra (x)",
    "CREATE INDEX sneaky ON events(lower(title))",
])
def test_database_with_foreign_schema_objects_is_refused(db_path: Path, statement: str):
    Store.open(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(statement)
    conn.commit()
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="the tracker did not create"):
        Store.open(db_path)
    assert db_path.read_bytes() == before


def test_a_trigger_disguised_with_the_apps_name_is_refused(db_path: Path):
    Store.open(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("DROP TRIGGER tracker_events_span_del")
    conn.execute("CREATE TRIGGER tracker_events_span_del AFTER DELETE ON events "
                 "BEGIN DELETE FROM sources; END")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="trigger 'tracker_events_span_del'"):
        Store.open(db_path)


def test_concurrent_writes_take_turns(db_path: Path):
    """Three connections writing at once: each waits its turn (busy timeout) instead of
    failing with "database is locked", because writes begin IMMEDIATE."""
    import threading

    holder = Store.open(db_path, seed=False)
    watcher = Store.open(db_path, seed=False)
    errors: list[BaseException] = []

    def add_many(prefix: str) -> None:
        store = Store.open(db_path, seed=False)  # a connection of this thread's own
        try:
            for i in range(30):
                store.add_event(_event(f"{prefix} {i}"))
        except BaseException as exc:
            errors.append(exc)
        finally:
            store.close()

    threads = [threading.Thread(target=add_many, args=(name,)) for name in ("one", "two")]
    with holder.write():
        holder.add_event(_event("holding the lock"))
        for t in threads:
            t.start()
    for t in threads:
        t.join()
    assert not errors
    assert holder.count_events() == 61
    assert watcher.external_change() is True  # the others' commits show as a change
    assert watcher.external_change() is False
    holder.close()
    watcher.close()
