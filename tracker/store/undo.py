"""Undo and redo against a database other processes write to as well.

Undo must put back what the database held row by row (same ids, uids, timestamps, actor
rows), so the undo commands keep raw row snapshots rather than rebuilding from the
domain objects. But the window is not the only writer: the command line or another
window may have changed the event since, or taken an id that undo would put back (SQLite
hands a freed id to the next insert). So every step here

- finds the event by its uid, not its id, and checks its version: if it moved since the
  step was recorded, ConflictError is raised and the caller asks before overwriting;
- puts rows back under their old ids only when those ids are free, and otherwise under
  new ones; an actor row is reused only when it still has the same name, a link only
  when both its events are still the same events (by uid);
- bumps the version of an event it rewrites, so versions never go back and a stale
  editor elsewhere always notices.

Each function is one transaction.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tracker.store.db import StoreError

if TYPE_CHECKING:
    from tracker.store.repo import Store

Row = dict[str, object]


class ConflictError(StoreError):
    """The event changed in the database since the editor loaded it (or since the step
    being undone or redone was made)."""

    def __init__(self, message: str, title: str = "") -> None:
        super().__init__(message)
        self.title = title


@dataclass(slots=True)
class EventSnapshot:
    """Every row that belongs to one event, as the database held them."""

    event: Row
    actors: list[Row] = field(default_factory=list)  # the actor rows it references
    event_actors: list[Row] = field(default_factory=list)
    excerpts: list[Row] = field(default_factory=list)
    tags: list[Row] = field(default_factory=list)
    links: list[Row] = field(default_factory=list)
    uids: dict[int, str] = field(default_factory=dict)  # linked events' ids -> uids

    @property
    def id(self) -> int:
        return int(self.event["id"])  # type: ignore[arg-type]

    @property
    def uid(self) -> str:
        return str(self.event["uid"])

    @property
    def version(self) -> int:
        return int(self.event["version"])  # type: ignore[arg-type]

    @property
    def title(self) -> str:
        return str(self.event["title"])


def _rows(conn: sqlite3.Connection, sql: str, params: tuple) -> list[Row]:
    cur = conn.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def _insert(conn: sqlite3.Connection, table: str, row: Row, *, or_ignore: bool = False) -> int:
    """Insert a snapshot row under its old id (or rowid, kept as "rowid_" for tables
    without an id column) when that is free, else under a new one; returns the rowid."""
    row = dict(row)
    key = "rowid_" if "rowid_" in row else "id" if "id" in row else None
    if key is not None:
        old = row.pop(key)
        if not conn.execute(f"SELECT 1 FROM {table} WHERE rowid = ?", (old,)).fetchone():
            row = {"rowid": old, **row}
    cols = ", ".join(row)
    marks = ", ".join("?" * len(row))
    verb = "INSERT OR IGNORE" if or_ignore else "INSERT"
    cur = conn.execute(f"{verb} INTO {table} ({cols}) VALUES ({marks})", tuple(row.values()))
    return int(cur.lastrowid or 0)


def _id_of(conn: sqlite3.Connection, uid: str) -> int | None:
    row = conn.execute("SELECT id FROM events WHERE uid = ?", (uid,)).fetchone()
    return int(row[0]) if row else None


def _actor_id(conn: sqlite3.Connection, actor: Row) -> int:
    """The actor row to use for a snapshot's actor: the same id if it still has the same
    name, else the actor of that name, else a new row."""
    same = conn.execute("SELECT id FROM actors WHERE id = ? AND name = ?",
                        (actor["id"], actor["name"])).fetchone()
    if same:
        return int(same[0])
    named = conn.execute("SELECT id FROM actors WHERE name = ?", (actor["name"],)).fetchone()
    if named:
        return int(named[0])
    return _insert(conn, "actors", actor)


class UndoMixin:
    """Store methods for undo and redo; mixed into Store through EditsMixin."""

    def written_version(self: Store, uid: str) -> int | None:
        """The version this store itself last gave the event (None: it has not written
        it). Undo and redo expect to find it there: any other version means another
        window or the command line wrote the event since."""
        return self._written.get(uid)

    def remember_written(self: Store, uid: str, version: int | None) -> None:
        if version is None:
            self._written.pop(uid, None)
        else:
            self._written[uid] = version

    def snapshot_event(self: Store, event_id: int) -> EventSnapshot:
        conn = self.conn
        events = _rows(conn, "SELECT * FROM events WHERE id = ?", (event_id,))
        if not events:
            raise StoreError(f"There is no event with id {event_id}.")
        links = _rows(conn, "SELECT * FROM links WHERE from_event = ? OR to_event = ? ORDER BY id",
                      (event_id, event_id))
        others = {int(r["to_event"] if r["from_event"] == event_id else r["from_event"])  # type: ignore[call-overload]
                  for r in links}
        uids = {int(i): str(u) for i, u in conn.execute(
            f"SELECT id, uid FROM events WHERE id IN ({', '.join('?' * len(others))})",
            tuple(others))} if others else {}
        return EventSnapshot(
            event=events[0],
            actors=_rows(conn, """SELECT * FROM actors WHERE id IN
                (SELECT actor_id FROM event_actors WHERE event_id = ?) ORDER BY id""", (event_id,)),
            event_actors=_rows(conn, "SELECT rowid AS rowid_, * FROM event_actors WHERE event_id = ? "
                               "ORDER BY rowid", (event_id,)),
            excerpts=_rows(conn, "SELECT * FROM excerpts WHERE event_id = ? ORDER BY id", (event_id,)),
            tags=_rows(conn, "SELECT rowid AS rowid_, * FROM event_tags WHERE event_id = ? "
                       "ORDER BY rowid", (event_id,)),
            links=links,
            uids=uids,
        )

    def _restore_rows(self: Store, snap: EventSnapshot, *, version: int | None = None,
                      event_id: int | None = None) -> int:
        """Insert the snapshot's rows (under ``event_id`` if given, the id the event has
        now); returns the event's id (its old one when free)."""
        conn = self.conn
        actors = {int(a["id"]): _actor_id(conn, a) for a in snap.actors}  # type: ignore[call-overload]
        event = dict(snap.event)
        if version is not None:
            event["version"] = version
        if event_id is not None:
            event["id"] = event_id
        new_id = _insert(conn, "events", event)
        for row in snap.event_actors:
            _insert(conn, "event_actors", {**row, "event_id": new_id,
                                           "actor_id": actors[int(row["actor_id"])]})  # type: ignore[call-overload]
        for row in snap.excerpts:
            _insert(conn, "excerpts", {**row, "event_id": new_id})
        for row in snap.tags:
            _insert(conn, "event_tags", {**row, "event_id": new_id})
        for row in snap.links:
            mine = row["from_event"] == snap.id
            other_id = _id_of(conn, snap.uids.get(int(row["to_event" if mine else "from_event"]),  # type: ignore[call-overload]
                                                  ""))
            # A link to an event that is gone now cannot come back; the rest can.
            if other_id is not None:
                ends = ((new_id, other_id) if mine else (other_id, new_id))
                _insert(conn, "links", {**row, "from_event": ends[0], "to_event": ends[1]},
                        or_ignore=True)
        return new_id

    def _drop_orphan_actors(self: Store) -> None:
        # Actors exist through the events they take part in; one left with none is gone.
        self.conn.execute("""DELETE FROM actors WHERE NOT EXISTS
                             (SELECT 1 FROM event_actors WHERE actor_id = actors.id)""")

    def _current(self: Store, snap: EventSnapshot, expected_version: int | None,
                 force: bool) -> int:
        """The id of the snapshot's event now, after checking it has not moved on."""
        row = self.conn.execute("SELECT id, version, title FROM events WHERE uid = ?",
                                (snap.uid,)).fetchone()
        if row is None:
            raise StoreError(f"Event {snap.title!r} was deleted elsewhere (in another window "
                             "or by the command line), so this step cannot be applied to it.")
        if expected_version is not None and row[1] != expected_version and not force:
            raise ConflictError(f"Event {row[2]!r} was changed elsewhere since this change "
                                "was made.", row[2])
        return int(row[0])

    def restore_event(self: Store, snap: EventSnapshot) -> int:
        """Put a deleted event back exactly as it was (undo of delete, redo of add);
        returns its id, which is its old one unless another writer has taken that."""
        with self.write():
            if _id_of(self.conn, snap.uid) is not None:
                raise StoreError(f"Event {snap.title!r} is already there.")
            event_id = self._restore_rows(snap)
        self.remember_written(snap.uid, snap.version)
        self._notify("events")
        return event_id

    def replace_event(self: Store, snap: EventSnapshot, *, expected_version: int | None = None,
                      force: bool = False) -> int:
        """Make the stored event exactly the snapshot (undo and redo of an edit), unless
        it moved on from ``expected_version`` (ConflictError; ``force`` overwrites).
        Returns the new version, one above the one replaced."""
        with self.write():
            event_id = self._current(snap, expected_version, force)
            version = int(self.conn.execute("SELECT version FROM events WHERE id = ?",
                                            (event_id,)).fetchone()[0]) + 1
            self.conn.execute("DELETE FROM events WHERE id = ?", (event_id,))
            self._restore_rows(snap, version=version, event_id=event_id)
            self._drop_orphan_actors()
        self.remember_written(snap.uid, version)
        self._notify("events")
        return version

    def withdraw_event(self: Store, snap: EventSnapshot, *, expected_version: int | None,
                       force: bool = False) -> EventSnapshot:
        """Delete the snapshot's event (undo of add, redo of delete) unless it moved on
        from ``expected_version``; returns what it held, for putting it back."""
        with self.write():
            event_id = self._current(snap, expected_version, force)
            held = self.snapshot_event(event_id)
            self.conn.execute("DELETE FROM events WHERE id = ?", (event_id,))
            self._drop_orphan_actors()
        self.remember_written(snap.uid, None)
        self._notify("events")
        return held

    def link_uids(self: Store, row: Row) -> tuple[str, str]:
        """The uids of a link's two events, which identify them across other writers."""
        found = dict(self.conn.execute("SELECT id, uid FROM events WHERE id IN (?, ?)",
                                       (row["from_event"], row["to_event"])).fetchall())
        return str(found.get(row["from_event"], "")), str(found.get(row["to_event"], ""))

    def remove_link_between(self: Store, uids: tuple[str, str], kind: str) -> None:
        """Remove the link of ``kind`` between the events with these uids (undo of a link):
        by what it joins, never by an id another writer's link may hold now."""
        with self.write():
            self.conn.execute(
                "DELETE FROM links WHERE from_event = (SELECT id FROM events WHERE uid = ?) "
                "AND to_event = (SELECT id FROM events WHERE uid = ?) AND kind = ?",
                (*uids, kind))
        self._notify("links")

    def restore_link(self: Store, row: Row, uids: tuple[str, str] | None = None) -> None:
        """Put a link back; with ``uids``, between the events that have them now."""
        with self.write():
            if uids is not None:
                ends = [_id_of(self.conn, uid) for uid in uids]
                if None in ends:
                    raise StoreError("One of the linked events was deleted elsewhere, so the "
                                     "link cannot come back.")
                row = {**row, "from_event": ends[0], "to_event": ends[1]}
            _insert(self.conn, "links", row, or_ignore=True)
        self._notify("links")

    def source_row(self: Store, source_id: int) -> Row:
        rows = _rows(self.conn, "SELECT * FROM sources WHERE id = ?", (source_id,))
        if not rows:
            raise StoreError(f"There is no source with id {source_id}.")
        return rows[0]

    def delete_source(self: Store, source_id: int, uid: str | None = None) -> None:
        """Remove a source that no event cites (undo of adding it); with ``uid``, only if
        that id still holds the same source."""
        with self.write():
            if uid is not None:
                row = self.conn.execute("SELECT id FROM sources WHERE uid = ?", (uid,)).fetchone()
                if row is None:
                    return  # already gone: what undo wants
                source_id = int(row[0])
            cited = self.conn.execute("SELECT count(*) FROM excerpts WHERE source_id = ?",
                                      (source_id,)).fetchone()[0]
            if cited:
                raise StoreError(f"The source is cited by {cited} excerpt(s); remove those first.")
            self.conn.execute("DELETE FROM sources WHERE id = ?", (source_id,))
        self._notify("sources")

    def restore_source(self: Store, row: Row) -> int:
        """Put a source back (redo of adding it); returns its id, a new one if another
        writer took the old."""
        with self.write():
            if self.conn.execute("SELECT id FROM sources WHERE uid = ?", (row["uid"],)).fetchone():
                raise StoreError(f"Source {row['title']!r} is already there.")
            source_id = _insert(self.conn, "sources", row)
        self._notify("sources")
        return source_id
