"""Periods in the database: named spans of days (see tracker.model.period).

Functions over a Store rather than Store methods, so the periods stay one small module;
each write is one transaction and tells the store's listeners "periods" afterwards.
"""

from __future__ import annotations

import datetime as dt
import uuid

from tracker.model.period import Period
from tracker.store.db import StoreError
from tracker.store.repo import Store, now_iso

MAX_NAME = 200


def _row(r: tuple) -> Period:
    return Period(r[0], r[1], r[2], dt.date.fromisoformat(r[3]), dt.date.fromisoformat(r[4]),
                  r[5])


def list_periods(store: Store) -> list[Period]:
    """Every period, earliest first (longer first when two start together, so a band
    that holds another is drawn under it)."""
    return [_row(r) for r in store.conn.execute(
        "SELECT id, uid, name, first_day, last_day, note FROM periods "
        "ORDER BY first_day, last_day DESC, name")]


def find_period(store: Store, key: str) -> Period | None:
    """A period by its number (as `tracker period list` shows it), uid or exact name."""
    row = store.conn.execute(
        "SELECT id, uid, name, first_day, last_day, note FROM periods "
        "WHERE uid = ? OR name = ? OR (id = ? AND ? GLOB '[0-9]*') ORDER BY id LIMIT 1",
        (key, key, int(key) if key.isdigit() else -1, key)).fetchone()
    return _row(row) if row else None


def _check(period: Period) -> None:
    name = period.name.strip()
    if not name:
        raise StoreError("A period needs a name.")
    if len(name) > MAX_NAME:
        raise StoreError(f"The period's name is {len(name):,} characters long; keep it to "
                         f"{MAX_NAME} or fewer.")
    if "\x00" in name + period.note:
        raise StoreError("A period's name and note cannot hold a NUL character (\\x00).")
    if period.last < period.first:
        raise StoreError(f"The period {name!r} ends ({period.last:%d %b %Y}) before it starts "
                         f"({period.first:%d %b %Y}).")


def insert_period(store: Store, period: Period) -> int:
    """Insert inside the caller's transaction (imports); returns the new id."""
    _check(period)
    stamp = now_iso()
    cur = store.conn.execute(
        "INSERT INTO periods (uid, name, first_day, last_day, note, created_at, updated_at) "
        "VALUES (?,?,?,?,?,?,?)",
        (period.uid or str(uuid.uuid4()), period.name.strip(), period.first.isoformat(),
         period.last.isoformat(), period.note, stamp, stamp))
    return int(cur.lastrowid)


def has_uid(store: Store, uid: str) -> bool:
    return store.conn.execute("SELECT 1 FROM periods WHERE uid = ?", (uid,)).fetchone() is not None


def same_period(store: Store, name: str, first: dt.date, last: dt.date) -> int | None:
    row = store.conn.execute(
        "SELECT id FROM periods WHERE name = ? COLLATE NOCASE AND first_day = ? AND last_day = ?",
        (name.strip(), first.isoformat(), last.isoformat())).fetchone()
    return row[0] if row else None


def add_period(store: Store, period: Period) -> int:
    with store.write():
        period_id = insert_period(store, period)
    store._notify("periods")
    return period_id


def update_period(store: Store, period: Period) -> None:
    _check(period)
    with store.write():
        cur = store.conn.execute(
            "UPDATE periods SET name = ?, first_day = ?, last_day = ?, note = ?, updated_at = ? "
            "WHERE id = ?", (period.name.strip(), period.first.isoformat(),
                             period.last.isoformat(), period.note, now_iso(), period.id))
        if cur.rowcount == 0:
            raise StoreError(f"There is no period with id {period.id}.")
    store._notify("periods")


def delete_period(store: Store, period_id: int) -> None:
    with store.write():
        cur = store.conn.execute("DELETE FROM periods WHERE id = ?", (period_id,))
        if cur.rowcount == 0:
            raise StoreError(f"There is no period with id {period_id}.")
    store._notify("periods")
