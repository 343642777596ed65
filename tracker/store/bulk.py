"""The SQL that data import and export need, kept here because only the store knows SQL.

Export reads in batches (ids first, then a few hundred events with their children at a
time), so a database of a million events never has to sit in memory as objects at once.
Import writes through :class:`ImportWriter` inside :func:`import_transaction`: one
transaction for the whole file, with a savepoint per record so that "skip bad records"
can drop one record's half-written rows and keep the rest. Notification happens only
after the commit, so open windows refresh once and never see half an import.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from tracker.model.entities import Actor, Event, Excerpt, Participation, Source
from tracker.model.fuzzydate import FuzzyDate
from tracker.store.db import StoreError, trouble
from tracker.store.repo import Store

BATCH = 500


@dataclass(frozen=True, slots=True)
class SourceRef:
    """What an exported event needs to credit a source, without its (long) text."""

    uid: str
    title: str
    outlet: str
    url: str
    published_at: str


@dataclass(frozen=True, slots=True)
class Counts:
    sources: int
    actors: int
    events: int
    links: int


# -- export ------------------------------------------------------------------------------

def counts(store: Store) -> Counts:
    one = store.conn.execute
    return Counts(*(one(f"SELECT count(*) FROM {t}").fetchone()[0]
                    for t in ("sources", "actors", "events", "links")))


def source_refs(store: Store) -> dict[int, SourceRef]:
    return {r[0]: SourceRef(*r[1:]) for r in store.conn.execute(
        "SELECT id, uid, title, outlet, url, published_at FROM sources")}


def iter_sources(store: Store) -> Iterator[Source]:
    """Sources one at a time (their texts can be long), in uid order for stable output."""
    ids = [r[0] for r in store.conn.execute("SELECT id FROM sources ORDER BY uid")]
    for source_id in ids:
        yield store.get_source(source_id)


def all_actors(store: Store) -> list[Actor]:
    return [Actor(*r) for r in store.conn.execute(
        "SELECT id, name, kind, country FROM actors ORDER BY name COLLATE NOCASE, name")]


def iter_event_batches(store: Store, size: int = BATCH) -> Iterator[list[Event]]:
    """Every event with actors, excerpts and tags (not links), in (start, end, uid) order.

    The order depends only on the data, never on row ids, so a file exported, imported
    elsewhere and exported again comes out the same.
    """
    conn = store.conn
    ids = [r[0] for r in conn.execute("SELECT id FROM events ORDER BY day_lo, day_hi, uid")]
    for i in range(0, len(ids), size):
        chunk = ids[i:i + size]
        marks = ",".join("?" * len(chunk))
        events: dict[int, Event] = {}
        for r in conn.execute(
                f"""SELECT id, uid, title, summary, type, status, start_earliest, start_latest,
                           end_earliest, end_latest, precision, date_text, end_precision,
                           end_text, location, created_at, updated_at, version
                    FROM events WHERE id IN ({marks})""", chunk):
            end = FuzzyDate.from_iso(r[8], r[9], r[12] or "day", r[13] or "") if r[8] else None
            events[r[0]] = Event(
                id=r[0], uid=r[1], title=r[2], summary=r[3], type=r[4], status=r[5],
                start=FuzzyDate.from_iso(r[6], r[7], r[10], r[11]), end=end, location=r[14],
                created_at=r[15], updated_at=r[16], version=r[17])
        for eid, name, role in conn.execute(
                f"""SELECT ea.event_id, a.name, ea.role FROM event_actors ea
                    JOIN actors a ON a.id = ea.actor_id WHERE ea.event_id IN ({marks})
                    ORDER BY ea.rowid""", chunk):
            events[eid].actors.append(Participation(name, role))
        for eid, xid, sid, a, b, quote in conn.execute(
                f"""SELECT event_id, id, source_id, char_start, char_end, quote FROM excerpts
                    WHERE event_id IN ({marks}) ORDER BY id""", chunk):
            events[eid].excerpts.append(Excerpt(sid, a, b, quote, id=xid))
        for eid, tag in conn.execute(
                f"SELECT event_id, tag FROM event_tags WHERE event_id IN ({marks}) ORDER BY tag",
                chunk):
            events[eid].tags.append(tag)
        yield [events[eid] for eid in chunk]


def iter_links(store: Store) -> Iterator[tuple[str, str, str]]:
    """(from uid, to uid, kind), sorted, for the whole database."""
    yield from store.conn.execute(
        """SELECT fa.uid, fb.uid, l.kind FROM links l
           JOIN events fa ON fa.id = l.from_event JOIN events fb ON fb.id = l.to_event
           ORDER BY fa.uid, fb.uid, l.kind""")


# -- import ------------------------------------------------------------------------------

class ImportWriter:
    """The writes and look-ups an importer may make, all inside the import's transaction."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.conn = store.conn
        # Events up to this id were there before the import: only those can be matched
        # by title and dates (records of one file are never merged with each other).
        self.last_before = self.conn.execute("SELECT coalesce(max(id), 0) FROM events"
                                             ).fetchone()[0]
        self.added_uids: set[str] = set()  # uids this import has written
        # Titles of those events over each date window looked at so far (SQLite's NOCASE
        # folding): the duplicate check of a file without uids asks once per window, not
        # once per record, which on 20,000 same-day events made an import quadratic.
        self._windows: dict[tuple[int, int], dict[str, int]] = {}

    @contextmanager
    def record(self) -> Iterator[None]:
        """A savepoint: a record that fails leaves no rows behind, the others stay."""
        try:
            with self.store.db.atomic():
                yield
        except sqlite3.Error as exc:
            if trouble(exc):  # the disk or the file, not this record: the import stops
                raise
            raise StoreError(f"the database refused it ({exc})") from None

    def source_id(self, uid: str) -> int | None:
        row = self.conn.execute("SELECT id FROM sources WHERE uid = ?", (uid,)).fetchone()
        return row[0] if row else None

    def source_text(self, source_id: int) -> str:
        return self.conn.execute("SELECT text FROM sources WHERE id = ?",
                                 (source_id,)).fetchone()[0]

    def source_by_title(self, title: str) -> tuple[int, str] | None:
        row = self.conn.execute("SELECT id, text FROM sources WHERE title = ? ORDER BY id LIMIT 1",
                                (title,)).fetchone()
        return (row[0], row[1]) if row else None

    def add_source(self, source: Source) -> int:
        return self.store._insert_source(source)

    def ensure_actor(self, name: str, kind: str, country: str) -> int:
        return self.store.ensure_actor(name, kind, country)

    def event_id(self, uid: str) -> int | None:
        row = self.conn.execute("SELECT id FROM events WHERE uid = ?", (uid,)).fetchone()
        return row[0] if row else None

    def same_event(self, title: str, earliest: dt.date, latest: dt.date) -> int | None:
        """An event that was there before the import with this title (any case) over
        exactly this window, if there is one."""
        key = (earliest.toordinal(), latest.toordinal())
        titles = self._windows.get(key)
        if titles is None:
            titles = self._windows[key] = {}
            for event_id, stored in self.conn.execute(
                    "SELECT id, title FROM events WHERE day_lo = ? AND day_hi = ? AND id <= ? "
                    "ORDER BY id", (*key, self.last_before)):
                titles.setdefault(_nocase(stored), event_id)
        return titles.get(_nocase(title.strip()))

    def add_event(self, event: Event) -> int:
        return self.store._insert_event(event)

    def add_link(self, from_id: int, to_id: int, kind: str) -> bool:
        cur = self.conn.execute(
            "INSERT OR IGNORE INTO links (from_event, to_event, kind) VALUES (?,?,?)",
            (from_id, to_id, kind))
        return cur.rowcount > 0


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _nocase(text: str) -> str:
    """Text as SQLite's NOCASE collation compares it: only A-Z folded."""
    return text.translate(_ASCII_LOWER)


@contextmanager
def import_transaction(store: Store) -> Iterator[ImportWriter]:
    """One transaction for a whole import; any exception rolls all of it back."""
    with store.write():
        yield ImportWriter(store)
    store._notify("events")
