"""Repository: the app's reads and writes, each write one transaction.

A Store notifies its listeners after every committed write, so the GUI can refresh its
views (the GUI turns the callback into a Qt signal; this module never imports Qt).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tracker.model.entities import Actor, Event, Excerpt, Link, Participation, Source
from tracker.model.filters import Filter
from tracker.model.fuzzydate import FuzzyDate, format_window
from tracker.model.vocab import ACTOR_ROLES, EVENT_TYPES, STATUSES, check
from tracker.store.db import (
    SQLiteDB,
    StoreError,
    damaged_message,
    explain,
    open_database,
    read_only_message,
    trouble,
)
from tracker.store.edits import EditsMixin
from tracker.store.migrations import REPORT_COLUMNS
from tracker.store.reportcols import REPORT_FROM_EVENT, REPORT_SELECT, report_fields, report_values

Listener = Callable[[str], None]

# Which labels survive when the timeline is crowded: summits before statements,
# things that happened or are planned before speculation.
TYPE_WEIGHT = {"summit": 5, "agreement": 4, "meeting": 3, "release": 3, "visit": 3,
               "negotiation": 2, "military": 2, "sanctions": 2, "announcement": 2,
               "policy": 2, "statement": 1, "reaction": 0.5, "other": 0}
MAX_TITLE = 500  # characters; the event editor says the same

STATUS_WEIGHT = {"occurred": 1, "planned": 1, "announced": 0.5, "postponed": 0.5,
                 "cancelled": 0, "speculated": 0}


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def priority(kind: str, status: str, n_actors: int) -> float:
    return TYPE_WEIGHT.get(kind, 0) + STATUS_WEIGHT.get(status, 0) + min(n_actors, 4) * 0.1


def priority_of(event: Event) -> float:
    return priority(event.type, event.status, len(event.actors))


@dataclass(slots=True)
class EventRow:
    """One line of the event table: cheap to fetch, no source text."""

    id: int
    title: str
    start: FuzzyDate
    type: str
    status: str
    actors: str
    location: str
    day_lo: int
    day_hi: int
    fulfilled: bool = False  # another event fulfils it (a link of kind "fulfils")

    def overdue(self, reference_day: int) -> bool:
        return is_overdue(self.status, self.day_hi, self.fulfilled, reference_day)

    def date_text(self) -> str:
        """The whole span the event may cover: "20–28 Feb 2019", "27–28 Feb 2019"."""
        return format_window(dt.date.fromordinal(self.day_lo), dt.date.fromordinal(self.day_hi))


TABLE_COLUMNS = ("date", "title", "type", "status", "actors", "location")
_ORDER_SQL = {
    "date": "e.day_lo {d}, e.day_hi {d}, e.id {d}",
    "title": "e.title COLLATE NOCASE {d}, e.id",
    "type": "e.type {d}, e.day_lo, e.id",
    "status": "e.status {d}, e.day_lo, e.id",
    "actors": "actors COLLATE NOCASE {d}, e.day_lo, e.id",
    "location": "e.location COLLATE NOCASE {d}, e.day_lo, e.id",
}


class Store(EditsMixin):
    def __init__(self, db: SQLiteDB, path: Path | None = None) -> None:
        self.db = db
        self.path = path
        # What SQLite or quick_check said when it found the file damaged; from then on
        # nothing is written to it (a write into a damaged file can spread the damage).
        self.damaged: str | None = None
        # "readonly" media or a "full" disk: the file was opened to browse and export only.
        self.read_only: str | None = getattr(db, "read_only", None)
        self._written: dict[str, int] = {}  # uid -> the version this store last wrote
        self._listeners: list[Listener] = []
        self._data_version = db.conn.execute("PRAGMA data_version").fetchone()[0]

    # -- lifecycle -----------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str, *, seed: bool | None = None, check: str = "auto") -> Store:
        """Open or create the database. A new one starts empty, except that ``seed=True``
        (File → New Database's checkbox) or, when ``seed`` is None, being the default
        database on its first start loads the bundled article and its events. ``check``:
        see tracker.store.db.open_database."""
        db, created = open_database(path, check=check)
        store = cls(db, Path(path))
        if seed is None:
            from tracker.store.db import is_default_database

            seed = is_default_database(path)
        if created and seed:
            from tracker.store.seed import load_seed

            try:
                load_seed(store)
            except Exception:
                store.close()
                raise
        return store

    def close(self) -> None:
        self.db.close()

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _notify(self, what: str) -> None:
        for listener in list(self._listeners):
            listener(what)

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    @contextlib.contextmanager
    def write(self) -> Iterator[None]:
        """One write transaction, taken with BEGIN IMMEDIATE.

        A deferred BEGIN that reads first and writes later cannot wait for another
        writer in WAL mode (SQLite answers "database is locked" at once); IMMEDIATE
        takes the write lock up front, so the busy timeout applies and two windows or a
        window and the CLI simply take turns. Nested calls become savepoints.
        """
        if self.conn.in_transaction:
            with self.db.atomic():
                yield
            return
        if self.damaged is not None:
            raise StoreError(damaged_message(self.path or "", self.damaged))
        if self.read_only is not None:
            raise StoreError(read_only_message(self.path or "", self.read_only))
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:  # busy past the timeout, read-only, damaged
            raise StoreError(self._explain(exc)) from None
        try:
            yield
            self.conn.execute("COMMIT")
        except BaseException as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):  # a full disk, a damaged file: in words
                raise StoreError(self._explain(exc)) from None
            raise

    def _explain(self, exc: sqlite3.Error) -> str:
        """explain(), remembering a damaged file so that nothing more is written to it."""
        if trouble(exc) == "damaged":
            self.mark_damaged(str(exc))
        return explain(exc, self.path)

    def mark_damaged(self, finding: str) -> None:
        """The file was found damaged (by an error, or the window's background check):
        refuse every write from now on."""
        self.damaged = finding

    def external_change(self) -> bool:
        """True when another connection committed since the last call (PRAGMA
        data_version), so views can refresh without polling the data itself."""
        version = self.conn.execute("PRAGMA data_version").fetchone()[0]
        changed = version != self._data_version
        self._data_version = version
        return changed

    # -- reads ---------------------------------------------------------------------
    def count_events(self) -> int:
        from tracker.store.viewport import total_events

        return total_events(self)  # from the per-day counts: cheap at a million events

    def extent(self) -> tuple[int, int] | None:
        """First and last day ordinal of all events, or None when there are none."""
        from tracker.store.viewport import data_extent

        return data_extent(self)

    def event_ids_in_order(self) -> list[int]:
        return [r[0] for r in self.conn.execute("SELECT id FROM events ORDER BY day_lo, day_hi, id")]

    def table_rows(self, order: str = "date", descending: bool = False, offset: int = 0,
                   limit: int = 500, keep: Filter | None = None) -> list[EventRow]:
        """A page of the event table, sorted, with only the events ``keep`` keeps."""
        from tracker.store.search import where

        clause, params = where(keep)
        if order not in _ORDER_SQL:
            raise ValueError(f"cannot sort by {order!r}; use one of {', '.join(_ORDER_SQL)}")
        order_sql = _ORDER_SQL[order].format(d="DESC" if descending else "ASC")
        page = "LIMIT :limit OFFSET :offset"
        if order == "actors":  # sorted by a column computed per row: compute it for all
            rows = f"FROM events e WHERE 1 = 1{clause} ORDER BY {order_sql} {page}"
        else:
            # The page's ids first, then their columns: where the index leaves ties to
            # sort (476 events share the first day range of the demo million), SQLite
            # would otherwise look up the actors of every tied row, not just the page's.
            rows = (f"FROM events e WHERE e.id IN (SELECT e.id FROM events e WHERE 1 = 1"
                    f"{clause} ORDER BY {order_sql} {page}) ORDER BY {order_sql}")
        sql = f"""
            SELECT e.id, e.title, e.start_earliest, e.start_latest, e.precision, e.date_text,
                   e.type, e.status, e.location, e.day_lo, e.day_hi,
                   (SELECT group_concat(name, ', ') FROM (
                        SELECT DISTINCT a.name FROM event_actors ea
                        JOIN actors a ON a.id = ea.actor_id
                        WHERE ea.event_id = e.id ORDER BY ea.rowid)) AS actors,
                   EXISTS (SELECT 1 FROM links l WHERE l.to_event = e.id
                           AND l.kind = 'fulfils') AS fulfilled
            {rows}"""
        rows = [
            EventRow(r[0], r[1], FuzzyDate.from_iso(r[2], r[3], r[4], r[5]), r[6], r[7],
                     r[11] or "", r[8], r[9], r[10], bool(r[12]))
            for r in self.conn.execute(sql, {**params, "limit": limit, "offset": offset})
        ]
        if keep is not None and keep.as_of is not None:  # as their reports gave them then
            from tracker.store.reports import as_known_rows

            rows = as_known_rows(self, rows, keep.as_of)
        else:
            from tracker.store.reports import mark_disputed_rows

            rows = mark_disputed_rows(self, rows)
        return rows

    def get_event(self, event_id: int) -> Event:
        events = self._load_events("WHERE e.id = ?", (event_id,))
        if not events:
            raise StoreError(f"There is no event with id {event_id}.")
        return events[0]

    def list_events(self) -> list[Event]:
        return self._load_events("", ())

    def events_by_ids(self, ids: list[int]) -> list[Event]:
        """Whole events for the given ids, in date order."""
        import json

        return self._load_events("WHERE e.id IN (SELECT value FROM json_each(?))",
                                 (json.dumps(ids),))

    def _load_events(self, where: str, params: tuple) -> list[Event]:
        rows = self.conn.execute(
            f"""SELECT e.id, e.uid, e.title, e.summary, e.type, e.status, e.start_earliest,
                       e.start_latest, e.end_earliest, e.end_latest, e.precision, e.date_text,
                       e.end_precision, e.end_text, e.location, e.created_at, e.updated_at,
                       e.version
                FROM events e {where} ORDER BY e.day_lo, e.day_hi, e.id""",
            params,
        ).fetchall()
        events: dict[int, Event] = {}
        for r in rows:
            end = None
            if r[8]:
                end = FuzzyDate.from_iso(r[8], r[9], r[12] or "day", r[13] or "")
            events[r[0]] = Event(
                id=r[0], uid=r[1], title=r[2], summary=r[3], type=r[4], status=r[5],
                start=FuzzyDate.from_iso(r[6], r[7], r[10], r[11]), end=end, location=r[14],
                created_at=r[15], updated_at=r[16], version=r[17],
            )
        if not events:
            return []
        ids = list(events)
        for chunk in _chunks(ids, 500):
            marks = ",".join("?" * len(chunk))
            for eid, name, role in self.conn.execute(
                f"""SELECT ea.event_id, a.name, ea.role FROM event_actors ea
                    JOIN actors a ON a.id = ea.actor_id
                    WHERE ea.event_id IN ({marks}) ORDER BY ea.rowid""", chunk):
                events[eid].actors.append(Participation(name, role))
            for r in self.conn.execute(
                f"""SELECT x.event_id, x.id, x.source_id, x.char_start, x.char_end, x.quote,
                           s.title,
                           substr(s.text, x.char_start + 1, x.char_end - x.char_start) = x.quote,
                           {REPORT_SELECT}, s.published_at
                    FROM excerpts x JOIN sources s ON s.id = x.source_id
                    WHERE x.event_id IN ({marks}) ORDER BY x.id""", chunk):
                start, end, status, location = report_fields(r[8:18])
                events[r[0]].excerpts.append(
                    Excerpt(r[2], r[3], r[4], r[5], id=r[1], source_title=r[6], valid=bool(r[7]),
                            report_start=start, report_end=end, report_status=status,
                            report_location=location, published_at=r[18]))
            for eid, tag in self.conn.execute(
                f"SELECT event_id, tag FROM event_tags WHERE event_id IN ({marks}) ORDER BY tag",
                chunk):
                events[eid].tags.append(tag)
            for a, b, kind, t_a, t_b in self.conn.execute(
                f"""SELECT l.from_event, l.to_event, l.kind, fa.title, fb.title FROM links l
                    JOIN events fa ON fa.id = l.from_event JOIN events fb ON fb.id = l.to_event
                    WHERE l.from_event IN ({marks}) OR l.to_event IN ({marks})
                    ORDER BY l.id""", chunk + chunk):
                if a in events:
                    events[a].links.append(Link(a, b, kind, t_b))
                if b in events and b != a:
                    events[b].links.append(Link(a, b, kind, t_a))
        return list(events.values())

    def get_source(self, source_id: int) -> Source:
        row = self.conn.execute(
            """SELECT id, uid, title, text, outlet, url, author, published_at, updated_at, kind
               FROM sources WHERE id = ?""", (source_id,)).fetchone()
        if row is None:
            raise StoreError(f"There is no source with id {source_id}.")
        return Source(*row)

    def sources(self) -> list[Source]:
        return [Source(*r) for r in self.conn.execute(
            """SELECT id, uid, title, text, outlet, url, author, published_at, updated_at, kind
               FROM sources ORDER BY id""")]

    def source_titles(self) -> list[tuple[int, str, str]]:
        """(id, title, outlet) of every source, as sources() orders them, without their
        texts (for pickers: the texts may be megabytes)."""
        return [(r[0], r[1], r[2]) for r in self.conn.execute(
            "SELECT id, title, outlet FROM sources ORDER BY id")]

    def find_source(self, uid: str, text: str) -> int | None:
        """The id of a stored source with this uid or exactly this text."""
        row = self.conn.execute("SELECT id FROM sources WHERE uid = ? OR text = ? LIMIT 1",
                                (uid, text)).fetchone()
        return int(row[0]) if row else None

    def actors(self) -> list[Actor]:
        return [Actor(*r) for r in self.conn.execute(
            "SELECT id, name, kind, country FROM actors ORDER BY name COLLATE NOCASE")]

    # -- writes --------------------------------------------------------------------
    def add_source(self, source: Source) -> int:
        with self.write():
            source_id = self._insert_source(source)
        self._notify("sources")
        return source_id

    def _insert_source(self, source: Source) -> int:
        if not source.title.strip():
            raise StoreError("A source needs a title.")
        if not source.text.strip():
            raise StoreError(f"Source {source.title!r} has no text.")
        for name in ("title", "text", "outlet", "url", "author", "published_at",
                     "updated_at", "kind", "uid"):
            if "\x00" in (getattr(source, name) or ""):  # as for events: never text
                raise StoreError(f"Source {source.title.replace(chr(0), '')[:80]!r} has a NUL "
                                 f"character (\\x00) in its {name}; that is not text. Remove it.")
        # One newline convention, so offsets mean the same in every view of the text.
        source.text = source.text.replace("\r\n", "\n").replace("\r", "\n")
        cur = self.conn.execute(
            """INSERT INTO sources (uid, title, outlet, url, author, published_at, updated_at,
                                    kind, text) VALUES (?,?,?,?,?,?,?,?,?)""",
            (source.uid or str(uuid.uuid4()), source.title, source.outlet, source.url,
             source.author, source.published_at, source.updated_at, source.kind, source.text))
        return int(cur.lastrowid)

    def ensure_actor(self, name: str, kind: str = "person", country: str = "") -> int:
        name = name.strip()
        if not name:
            raise StoreError("An actor needs a name.")
        row = self.conn.execute("SELECT id FROM actors WHERE name = ?", (name,)).fetchone()
        if row:
            return int(row[0])
        cur = self.conn.execute(
            "INSERT INTO actors (name, kind, country) VALUES (?,?,?)", (name, kind, country))
        return int(cur.lastrowid)

    def add_event(self, event: Event) -> int:
        with self.write():
            event_id = self._insert_event(event)
        self._notify("events")
        return event_id

    def _insert_event(self, event: Event) -> int:
        validate_event(event)
        stamp = now_iso()
        start, end = event.start, event.end
        cur = self.conn.execute(
            """INSERT INTO events (uid, title, summary, type, status, start_earliest,
                   start_latest, end_earliest, end_latest, precision, date_text, end_precision,
                   end_text, location, day_lo, day_hi, priority, created_at, updated_at, version)
               VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
            (event.uid or str(uuid.uuid4()), event.title.strip(), event.summary, event.type,
             event.status, start.earliest.isoformat(), start.latest.isoformat(),
             end.earliest.isoformat() if end else None, end.latest.isoformat() if end else None,
             start.precision, start.words, end.precision if end else None,
             end.words if end else None, event.location,
             start.earliest.toordinal(), event.latest.toordinal(), priority_of(event),
             event.created_at or stamp, event.updated_at or stamp, event.version or 1))
        event_id = int(cur.lastrowid)
        self._write_children(event_id, event)
        return event_id

    def _write_children(self, event_id: int, event: Event) -> None:
        for p in event.actors:
            actor_id = self.ensure_actor(p.actor)
            self.conn.execute(
                "INSERT OR IGNORE INTO event_actors (event_id, actor_id, role) VALUES (?,?,?)",
                (event_id, actor_id, p.role))
        for x in event.excerpts:
            self._insert_excerpt(event_id, event.title, x)
        for tag in dict.fromkeys(t.strip() for t in event.tags if t.strip()):
            self.conn.execute("INSERT INTO event_tags (event_id, tag) VALUES (?,?)",
                              (event_id, tag))

    def _insert_excerpt(self, event_id: int, title: str, x: Excerpt) -> int:
        row = self.conn.execute(
            "SELECT substr(text, ? + 1, ? - ?), length(text) FROM sources WHERE id = ?",
            (x.char_start, x.char_end, x.char_start, x.source_id)).fetchone()
        if row is None:
            raise StoreError(f"Event {title!r}: its excerpt cites source {x.source_id}, "
                             "which does not exist.")
        if not (0 <= x.char_start < x.char_end <= row[1]):
            raise StoreError(f"Event {title!r}: excerpt span {x.char_start}–{x.char_end} lies "
                             f"outside the source text (0–{row[1]}).")
        if row[0] != x.quote:
            raise StoreError(
                f"Event {title!r}: excerpt at {x.char_start}–{x.char_end} does not match the "
                f"source text (expected {x.quote[:60]!r}, found {row[0][:60]!r}).")
        cur = self.conn.execute(
            f"""INSERT INTO excerpts (event_id, source_id, char_start, char_end, quote,
                                      {', '.join(REPORT_COLUMNS)})
               VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
            (event_id, x.source_id, x.char_start, x.char_end, x.quote, *report_values(x)))
        excerpt_id = int(cur.lastrowid)
        if x.report_start is None:  # the report says what the event says
            self.conn.execute(REPORT_FROM_EVENT, (excerpt_id,))
        return excerpt_id

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))


DUE_STATUSES = frozenset({"planned", "announced"})


def is_overdue(status: str, last_day: int, fulfilled: bool, reference_day: int) -> bool:
    """A planned or announced event whose whole window has passed (before the reference
    date) and that no event fulfils."""
    return status in DUE_STATUSES and last_day < reference_day and not fulfilled


def validate_event(event: Event) -> None:
    """Raise StoreError saying what is wrong and what would be accepted."""
    if not event.title or not event.title.strip():
        raise StoreError("An event needs a title.")
    if len(event.title.strip()) > MAX_TITLE:
        raise StoreError(f"The title is {len(event.title.strip()):,} characters long; keep it to "
                         f"{MAX_TITLE} or fewer (the rest belongs in the summary).")
    # A NUL is never text a person meant; it would also make an exported CSV or iCalendar
    # file unreadable (taken for a binary file).
    texts = {"title": event.title, "summary": event.summary, "location": event.location,
             "date words": event.start.words + (event.end.words if event.end else ""),
             "tags": "".join(event.tags), "actors": "".join(p.actor for p in event.actors)}
    for name, text in texts.items():
        if "\x00" in text:
            raise StoreError(f"Event {event.title.strip()[:80]!r} has a NUL character (\\x00) "
                             f"in its {name}; that is not text. Remove it.")
    try:
        check(STATUSES, event.status, "status")
        check(EVENT_TYPES, event.type, "event type")
        for p in event.actors:
            check(ACTOR_ROLES, p.role, f"role of {p.actor!r}")
    except ValueError as exc:
        raise StoreError(f"Event {event.title!r}: {exc}.") from None
    if event.end and event.end.latest < event.start.earliest:
        raise StoreError(f"Event {event.title!r}: it ends before it starts.")


def _chunks(items: list[int], size: int) -> Iterable[list[int]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def credit_line(store: Store, event_ids: list[int], as_of: dt.date | None = None) -> str:
    """"Source: Hindustan Times, 19 Jan 2019" for the sources the given events cite
    (those published by ``as_of``, when the picture shows the story as known then)."""
    import json

    from tracker.model.fuzzydate import format_day

    rows = store.conn.execute(
        """SELECT DISTINCT s.outlet, s.title, s.published_at FROM excerpts x
           JOIN sources s ON s.id = x.source_id
           WHERE x.event_id IN (SELECT value FROM json_each(?))
           AND (? IS NULL OR s.published_at = '' OR substr(s.published_at, 1, 10) <= ?)
           ORDER BY s.published_at""",
        (json.dumps(event_ids), *(2 * [as_of.isoformat() if as_of else None]))).fetchall()
    parts = []
    for outlet, title, published in rows[:4]:
        day = ""
        if published:
            try:
                day = ", " + format_day(dt.date.fromisoformat(published[:10]))
            except ValueError:
                day = ""
        parts.append(f"{outlet or title}{day}")
    if len(rows) > 4:
        parts.append(f"and {len(rows) - 4} more")
    return ("Sources: " if len(rows) > 1 else "Source: ") + "; ".join(parts) if parts else ""
