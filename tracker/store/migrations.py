"""Numbered schema migrations. Never edit one that has shipped; add the next number.

Each migration runs in its own transaction together with the record that it ran
(sqlite_utils.migrations), and PRAGMA user_version is set to the migration's number so
that any tool can see the schema version and a newer database is refused.

The migrations are listed here as plain functions and handed to sqlite-utils only when a
database needs them: importing sqlite-utils costs a tenth of a second, which opening an
up-to-date database (every start of the app) does not need to pay.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from sqlite_utils.migrations import Migrations


class Database(Protocol):  # what a migration uses: sqlite_utils.Database or the store's own
    def execute(self, sql: str, *args: Any) -> Any: ...


MIGRATIONS: list[tuple[str, Callable[[Database], None]]] = []


def migration(name: str) -> Callable[[Callable[[Database], None]], Callable[[Database], None]]:
    def register(func: Callable[[Database], None]) -> Callable[[Database], None]:
        MIGRATIONS.append((name, func))
        return func

    return register


def migration_set() -> Migrations:
    """The sqlite-utils migration set that applies (and records) these migrations."""
    from sqlite_utils.migrations import Migrations

    ms = Migrations("tracker")
    for name, func in MIGRATIONS:
        ms(name=name)(func)
    return ms


def __getattr__(name: str) -> Any:
    if name == "migrations":  # tracker.store.migrations.migrations, built on first use
        return migration_set()
    raise AttributeError(name)


def _run(db: Database, *statements: str) -> None:
    # executescript would COMMIT behind the migration's transaction; run one by one.
    for sql in statements:
        db.execute(sql)


@migration("0001_initial")
def m0001_initial(db: Database) -> None:
    _run(
        db,
        """CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
        """CREATE TABLE sources (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            outlet TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL DEFAULT '',
            author TEXT NOT NULL DEFAULT '',
            published_at TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL DEFAULT 'article',
            text TEXT NOT NULL
        )""",
        """CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL CHECK (length(title) > 0),
            summary TEXT NOT NULL DEFAULT '',
            type TEXT NOT NULL DEFAULT 'other',
            status TEXT NOT NULL DEFAULT 'occurred',
            start_earliest TEXT NOT NULL,
            start_latest TEXT NOT NULL,
            end_earliest TEXT,
            end_latest TEXT,
            precision TEXT NOT NULL DEFAULT 'day',
            date_text TEXT NOT NULL DEFAULT '',
            end_precision TEXT,
            end_text TEXT,
            location TEXT NOT NULL DEFAULT '',
            day_lo INTEGER NOT NULL,
            day_hi INTEGER NOT NULL,
            priority REAL NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            version INTEGER NOT NULL DEFAULT 1,
            CHECK (start_earliest <= start_latest),
            CHECK (day_lo <= day_hi)
        )""",
        "CREATE INDEX events_day_lo ON events(day_lo)",
        """CREATE TABLE actors (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            kind TEXT NOT NULL DEFAULT 'person',
            country TEXT NOT NULL DEFAULT ''
        )""",
        """CREATE TABLE event_actors (
            event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            actor_id INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
            role TEXT NOT NULL DEFAULT 'participant',
            PRIMARY KEY (event_id, actor_id, role)
        )""",
        "CREATE INDEX event_actors_actor ON event_actors(actor_id)",
        """CREATE TABLE excerpts (
            id INTEGER PRIMARY KEY,
            event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
            char_start INTEGER NOT NULL,
            char_end INTEGER NOT NULL,
            quote TEXT NOT NULL,
            CHECK (0 <= char_start AND char_start < char_end)
        )""",
        "CREATE INDEX excerpts_event ON excerpts(event_id)",
        "CREATE INDEX excerpts_source ON excerpts(source_id)",
        """CREATE TABLE links (
            id INTEGER PRIMARY KEY,
            from_event INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            to_event INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            UNIQUE (from_event, to_event, kind),
            CHECK (from_event != to_event)
        )""",
        "CREATE INDEX links_to ON links(to_event)",
        """CREATE TABLE event_tags (
            event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            tag TEXT NOT NULL,
            PRIMARY KEY (event_id, tag)
        )""",
        # The interval index the viewport query goes through: one box per event over
        # day ordinals. Kept in step by the app's own triggers, so every writer (window,
        # CLI, importer) updates it in the same transaction as the event row.
        "CREATE VIRTUAL TABLE events_span USING rtree(id, lo, hi)",
        """CREATE TRIGGER tracker_events_span_ins AFTER INSERT ON events BEGIN
            INSERT INTO events_span(id, lo, hi) VALUES (new.id, new.day_lo, new.day_hi);
        END""",
        """CREATE TRIGGER tracker_events_span_upd AFTER UPDATE OF day_lo, day_hi ON events BEGIN
            UPDATE events_span SET lo = new.day_lo, hi = new.day_hi WHERE id = new.id;
        END""",
        """CREATE TRIGGER tracker_events_span_del AFTER DELETE ON events BEGIN
            DELETE FROM events_span WHERE id = old.id;
        END""",
    )


@migration("0002_scale")
def m0002_scale(db: Database) -> None:
    """What a million events need to stay fluid (issue 5).

    * ``events_day_count``: how many events start on each day, kept by triggers. A
      zoomed-out view sums a few thousand of these rows instead of walking every event
      in the R*Tree; the few events that started before the view and reach into it are
      found by a stab query on the R*Tree.
    * ``events_priority``: events best first, with their days, so the labelled events
      of a view that holds most of the database are the first few index entries that
      fall in it.
    * ``events_day_order`` replaces ``events_day_lo``: the table's date order
      (day_lo, day_hi, id) straight from an index, and with the priority a covering
      index for the events starting in a range.
    """
    _run(
        db,
        "CREATE TABLE events_day_count (day INTEGER PRIMARY KEY, n INTEGER NOT NULL)",
        "INSERT INTO events_day_count (day, n) SELECT day_lo, count(*) FROM events GROUP BY day_lo",
        """CREATE TRIGGER tracker_day_count_ins AFTER INSERT ON events BEGIN
            INSERT INTO events_day_count (day, n) VALUES (new.day_lo, 1)
                ON CONFLICT (day) DO UPDATE SET n = n + 1;
        END""",
        """CREATE TRIGGER tracker_day_count_del AFTER DELETE ON events BEGIN
            UPDATE events_day_count SET n = n - 1 WHERE day = old.day_lo;
            DELETE FROM events_day_count WHERE day = old.day_lo AND n <= 0;
        END""",
        """CREATE TRIGGER tracker_day_count_upd AFTER UPDATE OF day_lo ON events
            WHEN old.day_lo != new.day_lo BEGIN
            UPDATE events_day_count SET n = n - 1 WHERE day = old.day_lo;
            DELETE FROM events_day_count WHERE day = old.day_lo AND n <= 0;
            INSERT INTO events_day_count (day, n) VALUES (new.day_lo, 1)
                ON CONFLICT (day) DO UPDATE SET n = n + 1;
        END""",
        "CREATE INDEX events_priority ON events (priority DESC, id, day_lo, day_hi)",
        "CREATE INDEX events_day_order ON events (day_lo, day_hi, priority)",
        "DROP INDEX events_day_lo",
    )


def _fts(table: str, columns: tuple[str, ...], key: str = "id") -> list[str]:
    """An external-content FTS5 index over ``table`` kept in step by triggers (the same
    shape sqlite-utils' enable_fts makes, written out so that it runs inside the
    migration's transaction, where executescript would commit half-way)."""
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    fts = f"{table}_fts"
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content={table}, content_rowid={key})",
        f"INSERT INTO {fts} (rowid, {cols}) SELECT {key}, {cols} FROM {table}",
        f"""CREATE TRIGGER tracker_{fts}_ins AFTER INSERT ON {table} BEGIN
            INSERT INTO {fts} (rowid, {cols}) VALUES (new.{key}, {new});
        END""",
        f"""CREATE TRIGGER tracker_{fts}_del AFTER DELETE ON {table} BEGIN
            INSERT INTO {fts} ({fts}, rowid, {cols}) VALUES ('delete', old.{key}, {old});
        END""",
        f"""CREATE TRIGGER tracker_{fts}_upd AFTER UPDATE OF {cols} ON {table} BEGIN
            INSERT INTO {fts} ({fts}, rowid, {cols}) VALUES ('delete', old.{key}, {old});
            INSERT INTO {fts} (rowid, {cols}) VALUES (new.{key}, {new});
        END""",
    ]


@migration("0003_search")
def m0003_search(db: Database) -> None:
    """Full-text search (issue 6): events by title, summary and location; the cited
    excerpts; the sources' titles and text."""
    _run(
        db,
        *_fts("events", ("title", "summary", "location")),
        *_fts("excerpts", ("quote",)),
        *_fts("sources", ("title", "text")),
    )


@migration("0004_periods")
def m0004_periods(db: Database) -> None:
    """Periods (issue 17): named spans drawn as bands behind the events and exchanged with
    TimelineJS eras. Days are ISO dates; a period covers first_day … last_day."""
    _run(
        db,
        """CREATE TABLE periods (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            first_day TEXT NOT NULL,
            last_day TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL DEFAULT '',
            CHECK (last_day >= first_day)
        )""",
        "CREATE INDEX periods_days ON periods (first_day, last_day)",
    )


REPORT_COLUMNS = ("report_earliest", "report_latest", "report_precision", "report_words",
                  "report_end_earliest", "report_end_latest", "report_end_precision",
                  "report_end_words", "report_status", "report_location")


@migration("0005_reports")
def m0005_reports(db: Database) -> None:
    """Reports over time (issue 19): each excerpt keeps the window, status and place its
    report gave, so the event's knowledge can be rebuilt as of any publication day and
    disagreeing reports can be shown side by side. Existing excerpts reported what their
    event says now (one report per event is all the app could make before).

    ``events.known_from`` is the publication day (YYYY-MM-DD, '' for an undated source)
    of the event's first report, NULL for an event citing none; kept by triggers, so
    the timeline "as known on" a day filters on a column instead of joining every
    event's excerpts and sources (seconds at a million events).
    """
    cols = ", ".join(REPORT_COLUMNS)
    first = """(SELECT min(substr(s.published_at, 1, 10)) FROM excerpts x
                JOIN sources s ON s.id = x.source_id WHERE x.event_id = {event})"""
    _run(
        db,
        *(f"ALTER TABLE excerpts ADD COLUMN {c} TEXT" for c in REPORT_COLUMNS),
        f"""UPDATE excerpts SET ({cols}) = (
                SELECT e.start_earliest, e.start_latest, e.precision, e.date_text,
                       e.end_earliest, e.end_latest, e.end_precision, e.end_text, e.status,
                       e.location
                FROM events e WHERE e.id = excerpts.event_id)""",
        "ALTER TABLE events ADD COLUMN known_from TEXT",
        f"UPDATE events SET known_from = {first.format(event='events.id')}",
        # One lookup per new excerpt (bulk imports of a million add a million of them).
        """CREATE TRIGGER tracker_known_from_ins AFTER INSERT ON excerpts BEGIN
            UPDATE events SET known_from = (
                SELECT CASE WHEN events.known_from IS NULL OR p < events.known_from
                            THEN p ELSE events.known_from END
                FROM (SELECT substr(published_at, 1, 10) AS p FROM sources
                      WHERE id = new.source_id))
            WHERE id = new.event_id;
        END""",
        f"""CREATE TRIGGER tracker_known_from_del AFTER DELETE ON excerpts BEGIN
            UPDATE events SET known_from = {first.format(event='old.event_id')}
            WHERE id = old.event_id;
        END""",
        f"""CREATE TRIGGER tracker_known_from_src AFTER UPDATE OF published_at ON sources BEGIN
            UPDATE events SET known_from = {first.format(event='events.id')}
            WHERE id IN (SELECT event_id FROM excerpts WHERE source_id = new.id);
        END""",
    )


MIGRATION_NAMES: tuple[str, ...] = tuple(name for name, _ in MIGRATIONS)
SCHEMA_VERSION = len(MIGRATION_NAMES)
