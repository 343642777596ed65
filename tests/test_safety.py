"""Safety mechanisms behind the bad-input catalogue (issue 14): what the catalogue's
cases rely on, checked directly."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from tracker.model.entities import Event
from tracker.model.fuzzydate import FuzzyDate
from tracker.store import Store, StoreError


def _event(title: str = "Hanoi summit") -> Event:
    return Event(None, "", title, FuzzyDate.exact(dt.date(2019, 2, 27)))


def test_the_apps_own_triggers_are_why_the_schema_is_trusted(store: Store):
    """trusted_schema is switched on only after the check, and only because the app's
    R*Tree and FTS5 triggers cannot run without it; if SQLite ever stops needing it, this
    test fails and the pragma can go."""
    assert store.conn.execute("PRAGMA trusted_schema").fetchone()[0] == 1
    store.conn.execute("PRAGMA trusted_schema = OFF")
    with pytest.raises(StoreError, match="unsafe use of virtual table"):
        store.add_event(_event())


@pytest.mark.parametrize("name", ["sqlitex_evil", "sqlite_evil", "sqlite_stat1x"])
@pytest.mark.parametrize("kind", ["trigger", "view"])
def test_no_schema_object_escapes_the_check_by_its_name(db_path: Path, kind: str, name: str):
    Store.open(db_path).close()
    conn = sqlite3.connect(db_path)
    sql = (f"CREATE TRIGGER {name} AFTER INSERT ON events BEGIN DELETE FROM events; END"
           if kind == "trigger" else f"CREATE VIEW {name} AS SELECT * FROM events")
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql) "
                 "VALUES (?, ?, ?, 0, ?)", (kind, name, "events" if kind == "trigger" else name,
                                            sql))
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match=f"{kind} '{name}' that the tracker did not create"):
        Store.open(db_path)


def test_sqlites_own_statistics_table_is_allowed(db_path: Path):
    Store.open(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("ANALYZE")
    conn.commit()
    conn.close()
    Store.open(db_path).close()
