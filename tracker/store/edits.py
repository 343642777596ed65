"""Edits of events, links, excerpts and sources, each one transaction.

What undo needs (row snapshots and their careful restoration) is in tracker.store.undo.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.model.entities import Event, Excerpt
from tracker.store.db import StoreError
from tracker.store.undo import ConflictError, EventSnapshot, Row, UndoMixin, _rows

__all__ = ["ConflictError", "EditsMixin", "EventSnapshot"]

if TYPE_CHECKING:
    from tracker.store.repo import Store


class EditsMixin(UndoMixin):
    """Store methods for editing; mixed into Store so callers see one object."""

    def _delete_rows(self: Store, event_id: int) -> None:
        cur = self.conn.execute("DELETE FROM events WHERE id = ?", (event_id,))
        if cur.rowcount == 0:
            raise StoreError(f"There is no event with id {event_id}.")
        self._drop_orphan_actors()

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
            row = self.conn.execute("SELECT version, uid FROM events WHERE id = ?",
                                    (event.id,)).fetchone()
            if row is None:
                raise StoreError(f"Event {event.title!r} no longer exists.")
            if expected_version is not None and row[0] != expected_version:
                raise ConflictError(
                    f"Event {event.title!r} was changed elsewhere since you opened it.",
                    event.title)
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
        self.remember_written(row[1], row[0] + 1)
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

    def link_id(self: Store, from_id: int, to_id: int, kind: str) -> int:
        """The id of the link of ``kind`` from one event to another (events know their
        links by what they join; undo keeps the row)."""
        row = self.conn.execute(
            "SELECT id FROM links WHERE from_event = ? AND to_event = ? AND kind = ?",
            (from_id, to_id, kind)).fetchone()
        if row is None:
            raise StoreError("That link is no longer there: another window or the command "
                             "line removed it.")
        return int(row[0])

    def link_row(self: Store, link_id: int) -> Row:
        rows = _rows(self.conn, "SELECT * FROM links WHERE id = ?", (link_id,))
        if not rows:
            raise StoreError(f"There is no link with id {link_id}.")
        return rows[0]

    def remove_link(self: Store, link_id: int) -> None:
        with self.write():
            self.conn.execute("DELETE FROM links WHERE id = ?", (link_id,))
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
