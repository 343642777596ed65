"""Helpers shared by tests (imported as `helpers`; tests/ is on sys.path via conftest)."""

from __future__ import annotations

import sqlite3

TABLES = ("sources", "events", "actors", "event_actors", "excerpts", "links", "event_tags",
          "events_span", "meta")


def dump(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    """Every row of every app table (with rowids), to compare database states exactly."""
    return {t: sorted(conn.execute(f"SELECT rowid, * FROM {t}").fetchall(), key=repr)
            for t in TABLES}


def unfolded(data: bytes) -> bytes:
    """iCalendar content lines unfolded (RFC 5545 section 3.1): icalendar releases fold
    long lines at different places, which changes no value."""
    return data.replace(b"\r\n ", b"")
