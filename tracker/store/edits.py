"""Edits that can be undone exactly: snapshots of an event's rows and their restoration.

Undo must put back what the database held row by row (same ids, uids, timestamps, actor
rows), so the undo commands keep raw row snapshots rather than rebuilding from the
domain objects. Each function here is one transaction.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tracker.model.entities import Event, Excerpt
from tracker.store.db import StoreError

if TYPE_CHECKING:
    from tracker.store.repo import Store

Row = dict[str, object]


class ConflictError(StoreError):
    """The event changed in the database since the editor loaded it."""


@dataclass(slots=True)
class EventSnapshot:
    """Every row that belongs to one event, as the database held them."""

    event: Row
    actors: list[Row] = field(default_factory=list)  # the actor rows it references
    event_actors: list[Row] = field(default_factory=list)
    excerpts: list[Row] = field(default_factory=list)
    tags: list[Row] = field(default_factory=list)
    links: list[Row] = field(default_factory=list)

    @property
    def id(self) -> int:
        return int(self.event["id"])  # type: ignore[arg-type]

    @property
    def title(self) -> str:
        return str(self.event["title"])


def _rows(conn: sqlite3.Connection, sql: str, params: tuple) -> list[Row]:
    cur = conn.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def _insert(conn: sqlite3.Connection, table: str, row: Row) -> None:
    """Insert a snapshot row; "rowid_" (tables without an id column) restores the rowid."""
    if "rowid_" in row:
        row = dict(row)
        row = {"rowid": row.pop("rowid_"), **row}
    cols = ", ".join(row)
    marks = ", ".join("?" * len(row))
    conn.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", tuple(row.values()))


class EditsMixin:
    """Store methods for editing; mixed into Store so callers see one object."""

    def snapshot_event(self: Store, event_id: int) -> EventSnapshot:
        conn = self.conn
        events = _rows(conn, "SELECT * FROM events WHERE id = ?", (event_id,))
        if not events:
            raise StoreError(f"There is no event with id {event_id}.")
        return EventSnapshot(
            event=events[0],
            actors=_rows(conn, """SELECT * FROM actors WHERE id IN
                (SELECT actor_id FROM event_actors WHERE event_id = ?) ORDER BY id""", (event_id,)),
            event_actors=_rows(conn, "SELECT rowid AS rowid_, * FROM event_actors WHERE event_id = ? "
                               "ORDER BY rowid", (event_id,)),
            excerpts=_rows(conn, "SELECT * FROM excerpts WHERE event_id = ? ORDER BY id", (event_id,)),
            tags=_rows(conn, "SELECT rowid AS rowid_, * FROM event_tags WHERE event_id = ? "
                       "ORDER BY rowid", (event_id,)),
            links=_rows(conn, "SELECT * FROM links WHERE from_event = ? OR to_event = ? ORDER BY id",
                        (event_id, event_id)),
        )

    def _restore_rows(self: Store, snap: EventSnapshot) -> None:
        conn = self.conn
        for actor in snap.actors:
            exists = conn.execute("SELECT 1 FROM actors WHERE id = ?", (actor["id"],)).fetchone()
            if not exists:
                _insert(conn, "actors", actor)
        _insert(conn, "events", snap.event)
        for row in snap.event_actors:
            _insert(conn, "event_actors", row)
        for row in snap.excerpts:
            _insert(conn, "excerpts", row)
        for row in snap.tags:
            _insert(conn, "event_tags", row)
        for row in snap.links:
            other = row["to_event"] if row["from_event"] == snap.id else row["from_event"]
            # A link to an event that is gone now cannot come back; the rest can.
            if conn.execute("SELECT 1 FROM events WHERE id = ?", (other,)).fetchone():
                _insert(conn, "links", row)

    def _delete_rows(self: Store, event_id: int) -> None:
        cur = self.conn.execute("DELETE FROM events WHERE id = ?", (event_id,))
        if cur.rowcount == 0:
            raise StoreError(f"There is no event with id {event_id}.")
        self._drop_orphan_actors()

    def _drop_orphan_actors(self: Store) -> None:
        # Actors exist through the events they take part in; one left with none is gone.
        self.conn.execute("""DELETE FROM actors WHERE NOT EXISTS
                             (SELECT 1 FROM event_actors WHERE actor_id = actors.id)""")

    def restore_event(self: Store, snap: EventSnapshot) -> int:
        """Put a deleted event back exactly as it was (undo of delete, redo of add)."""
        with self.write():
            if self.conn.execute("SELECT 1 FROM events WHERE id = ?", (snap.id,)).fetchone():
                raise StoreError(f"Event {snap.title!r} is already there.")
            self._restore_rows(snap)
        self._notify("events")
        return snap.id

    def replace_event(self: Store, snap: EventSnapshot) -> None:
        """Make an existing event exactly the snapshot (undo and redo of an edit)."""
        with self.write():
            self._delete_rows(snap.id)
            self._restore_rows(snap)
        self._notify("events")

    def update_event(self: Store, event: Event, *, expected_version: int | None = None) -> None:
        """Write an edited event over the stored one, as one transaction.

        ``expected_version`` is the version the editor loaded; if the stored event has
        moved on since (another window or the CLI changed it), ConflictError is raised
        and nothing is written.
        """
        from tracker.store.repo import now_iso, priority_of, validate_event

        if event.id is None:
            raise StoreError("Only a stored event can be updated.")
        validate_event(event)
        with self.write():
            row = self.conn.execute("SELECT version FROM events WHERE id = ?",
                                    (event.id,)).fetchone()
            if row is None:
                raise StoreError(f"Event {event.title!r} no longer exists.")
            if expected_version is not None and row[0] != expected_version:
                raise ConflictError(
                    f"Event {event.title!r} was changed elsewhere since you opened it.")
            start, end = event.start, event.end
            self.conn.execute(
                """UPDATE events SET title=?, summary=?, type=?, status=?, start_earliest=?,
                       start_latest=?, end_earliest=?, end_latest=?, precision=?, date_text=?,
                       end_precision=?, end_text=?, location=?, day_lo=?, day_hi=?, priority=?,
                       updated_at=?, version=version + 1 WHERE id=?""",
                (event.title.strip(), event.summary, event.type, event.status,
                 start.earliest.isoformat(), start.latest.isoformat(),
                 end.earliest.isoformat() if end else None, end.latest.isoformat() if end else None,
                 start.precision, start.words, end.precision if end else None,
                 end.words if end else None, event.location, start.earliest.toordinal(),
                 event.latest.toordinal(), priority_of(event), now_iso(), event.id))
            for table in ("event_actors", "excerpts", "event_tags"):
                self.conn.execute(f"DELETE FROM {table} WHERE event_id = ?", (event.id,))
            self._write_children(event.id, event)
            self._drop_orphan_actors()
        self._notify("events")

    def delete_event(self: Store, event_id: int) -> EventSnapshot:
        """Delete an event with its excerpts and links; returns what undo needs."""
        with self.write():
            snap = self.snapshot_event(event_id)
            self._delete_rows(event_id)
        self._notify("events")
        return snap

    def add_link(self: Store, from_id: int, to_id: int, kind: str) -> int:
        """Link two events; returns the link id (an existing identical link's id)."""
        from tracker.model.vocab import LINK_KINDS, check

        check(LINK_KINDS, kind, "link kind")
        if from_id == to_id:
            raise StoreError("An event cannot be linked to itself.")
        with self.write():
            for eid in (from_id, to_id):
                if not self.conn.execute("SELECT 1 FROM events WHERE id = ?", (eid,)).fetchone():
                    raise StoreError(f"There is no event with id {eid}.")
            self.conn.execute(
                "INSERT OR IGNORE INTO links (from_event, to_event, kind) VALUES (?,?,?)",
                (from_id, to_id, kind))
            link_id = self.conn.execute(
                "SELECT id FROM links WHERE from_event = ? AND to_event = ? AND kind = ?",
                (from_id, to_id, kind)).fetchone()[0]
        self._notify("links")
        return int(link_id)

    def link_row(self: Store, link_id: int) -> Row:
        rows = _rows(self.conn, "SELECT * FROM links WHERE id = ?", (link_id,))
        if not rows:
            raise StoreError(f"There is no link with id {link_id}.")
        return rows[0]

    def remove_link(self: Store, link_id: int) -> None:
        with self.write():
            self.conn.execute("DELETE FROM links WHERE id = ?", (link_id,))
        self._notify("links")

    def restore_link(self: Store, row: Row) -> None:
        with self.write():
            _insert(self.conn, "links", row)
        self._notify("links")

    def add_excerpt(self: Store, event_id: int, excerpt: Excerpt) -> int:
        """Attach a passage to an event (checked against the source text)."""
        with self.write():
            title_row = self.conn.execute("SELECT title FROM events WHERE id = ?",
                                          (event_id,)).fetchone()
            if title_row is None:
                raise StoreError(f"There is no event with id {event_id}.")
            excerpt_id = self._insert_excerpt(event_id, title_row[0], excerpt)
        self._notify("events")
        return int(excerpt_id)

    def source_row(self: Store, source_id: int) -> Row:
        rows = _rows(self.conn, "SELECT * FROM sources WHERE id = ?", (source_id,))
        if not rows:
            raise StoreError(f"There is no source with id {source_id}.")
        return rows[0]

    def delete_source(self: Store, source_id: int) -> None:
        """Remove a source that no event cites (undo of adding it)."""
        with self.write():
            cited = self.conn.execute("SELECT count(*) FROM excerpts WHERE source_id = ?",
                                      (source_id,)).fetchone()[0]
            if cited:
                raise StoreError(f"The source is cited by {cited} excerpt(s); remove those first.")
            self.conn.execute("DELETE FROM sources WHERE id = ?", (source_id,))
        self._notify("sources")

    def restore_source(self: Store, row: Row) -> None:
        with self.write():
            _insert(self.conn, "sources", row)
        self._notify("sources")
