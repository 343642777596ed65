"""Helpers shared by tests (imported as `helpers`; tests/ is on sys.path via conftest)."""

from __future__ import annotations

import sqlite3

TABLES = ("sources", "events", "actors", "event_actors", "excerpts", "links", "event_tags",
          "events_span", "meta")


def dump(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    """Every row of every app table (with rowids), to compare database states exactly."""
    return {t: sorted(conn.execute(f"SELECT rowid, * FROM {t}").fetchall(), key=repr)
            for t in TABLES}


def dump_versionless(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    """A dump without the events' version column: undo puts back every row as it was
    except the version, which only ever moves forward (so editors elsewhere notice)."""
    rows = dump(conn)
    cols = [d[0] for d in conn.execute("SELECT rowid, * FROM events LIMIT 0").description]
    at = cols.index("version")
    rows["events"] = sorted((r[:at] + r[at + 1:] for r in rows["events"]), key=repr)
    return rows
