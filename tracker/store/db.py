"""Opening and creating the database file: pragmas, safety checks, migrations.

Every failure a person can cause (a folder that cannot be written, a file that is not
SQLite, a database written by a newer version of the app) becomes a StoreError with a
message for people, and the file is left exactly as it was.
"""

from __future__ import annotations

import contextlib
import functools
import os
import secrets
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from tracker.store.migrations import MIGRATION_NAMES, MIGRATIONS, SCHEMA_VERSION, migration_set

APP_NAME = "diplomacy-timeline-tracker"
DB_FILENAME = "tracker.db"
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


class StoreError(Exception):
    """Something about the database that a person must be told about, in plain words."""


# SQLite errors that come from the file or the machine (not from the data being written):
# they stop a whole operation, and the person is told what happened in plain words.
_TROUBLE = {
    "busy": ("SQLITE_BUSY", "SQLITE_LOCKED"),
    "full": ("SQLITE_FULL",),
    "readonly": ("SQLITE_READONLY", "SQLITE_PERM", "SQLITE_AUTH"),
    "damaged": ("SQLITE_CORRUPT", "SQLITE_NOTADB"),
    "io": ("SQLITE_IOERR", "SQLITE_CANTOPEN"),
}


def trouble(exc: BaseException) -> str | None:
    """"busy", "full", "readonly", "damaged" or "io" for an error of the file or the
    machine; None for anything else (a constraint the data broke, a bug)."""
    if not isinstance(exc, sqlite3.Error):
        return None
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    for kind, prefixes in _TROUBLE.items():
        if name.startswith(prefixes):
            return kind
    # Errors raised by Python's sqlite3 module itself carry no SQLite code.
    if "database is locked" in text:
        return "busy"
    if "disk is full" in text:
        return "full"
    if "readonly" in text:
        return "readonly"
    if "malformed" in text or "could not decode" in text or "not a database" in text:
        return "damaged"
    return None


def explain(exc: sqlite3.Error, path: Path | str | None = None) -> str:
    """A sentence for people about an SQLite error, saying that nothing was changed."""
    where = f"The database {path}" if path else "The database"
    kind = trouble(exc)
    if kind == "busy":
        return (f"{where} is busy: another tracker window or command is writing to it and "
                f"did not finish within {BUSY_TIMEOUT_MS // 1000} seconds. Nothing was "
                "changed; try again in a moment.")
    if kind == "full":
        return (f"The disk is full: {where[0].lower()}{where[1:]} could not grow to hold the "
                "change. Nothing was changed; free some disk space and try again.")
    if kind == "readonly":
        return (f"{where} is read-only (the file, its folder or the disk cannot be written). "
                "Nothing was changed; copy it somewhere writable or open another file.")
    if kind == "damaged":
        return (f"{where} is damaged ({exc}). It was left as it is; restore a backup "
                "(File → Restore Backup… or tracker restore BACKUP).")
    if kind == "io":
        return (f"{where} could not be read or written ({exc}). Nothing was changed; check "
                "the disk and try again.")
    return f"{where} reported a problem: {exc}. Nothing was changed."


def default_db_path() -> Path:
    """--db beats TRACKER_DB beats the platform's user data dir."""
    env = os.environ.get("TRACKER_DB")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / DB_FILENAME


def _check_existing_file(path: Path) -> bool:
    """Return True when ``path`` already holds data; refuse anything that is not SQLite."""
    if path.is_dir():
        raise StoreError(f"Cannot open database {path}: it is a folder, not a file.")
    if not path.exists():
        return False
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise StoreError(f"Cannot read database {path}: {exc.strerror or exc}.") from None
    if not header:
        return False  # an empty file is a new database, as SQLite itself treats it
    if header != SQLITE_HEADER:
        raise StoreError(
            f"{path} is not a tracker database (it is not an SQLite file). "
            "It was left untouched; choose another file or a new name."
        )
    return True


def _connect(path: Path) -> sqlite3.Connection:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            f"Cannot create the folder for database {path}: {exc.strerror or exc}."
        ) from None
    try:
        # isolation_level=None: no implicit transactions; every multi-statement write
        # goes through Store.write() (BEGIN IMMEDIATE), so each change is one transaction.
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        conn.execute("PRAGMA schema_version").fetchone()  # forces SQLite to read the header
    except sqlite3.Error as exc:
        if not path.exists() and not os.access(path.parent, os.W_OK):
            raise StoreError(f"Cannot create database {path}: the folder {path.parent} is "
                             "read-only. Choose another place with --db or TRACKER_DB.") from None
        raise StoreError(f"Cannot open database {path}: {explain(exc)}") from None
    return conn


def _applied_migrations(conn: sqlite3.Connection) -> list[str]:
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='_sqlite_migrations'"
    ).fetchone()
    if not exists:
        return []
    rows = conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = 'tracker' ORDER BY rowid"
    )
    return [r[0] for r in rows]


# Every row of the schema is compared: a filter such as NOT LIKE 'sqlite_%' would let a
# trigger named "sqlitex_evil" through (in LIKE, "_" matches any character), and one
# named "sqlite_evil" can be written with writable_schema. Only the tables SQLite itself
# makes on demand are exempt, by exact type and name (they hold data, never run code).
_SCHEMA_SQL = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
_SQLITE_OWN = frozenset({("table", "sqlite_sequence"), ("table", "sqlite_stat1"),
                         ("table", "sqlite_stat2"), ("table", "sqlite_stat3"),
                         ("table", "sqlite_stat4")})


class SQLiteDB:
    """The slice of sqlite_utils.Database the store uses every day: the connection, one
    transaction per change (savepoints when nested) and close. sqlite-utils itself is
    loaded only when a database needs migrating (see tracker.store.migrations)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.checked = False  # quick_check found the file sound when it was opened

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        return self.conn.execute(sql, *args)

    @contextlib.contextmanager
    def atomic(self) -> Iterator[SQLiteDB]:
        if self.conn.in_transaction:
            name = f"tracker_{secrets.token_hex(8)}"
            self.conn.execute(f"SAVEPOINT {name}")
            try:
                yield self
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                    self.conn.execute(f"RELEASE SAVEPOINT {name}")
                raise
            self.conn.execute(f"RELEASE SAVEPOINT {name}")
            return
        self.conn.execute("BEGIN")
        try:
            yield self
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()


# sqlite-utils keeps its own record of applied migrations; its table and index are the
# library's, compared by name only (the triggers and views of a file are all compared).
_LIBRARY_TABLE = "_sqlite_migrations"


@functools.cache
def _reference_schema(applied: int) -> frozenset[tuple[str, str, str, str]]:
    """Every table, index, trigger and view the app's first ``applied`` migrations
    create, read from a scratch in-memory database."""
    scratch = SQLiteDB(sqlite3.connect(":memory:"))
    for _name, func in MIGRATIONS[:applied]:
        func(scratch)
    schema = frozenset(scratch.conn.execute(_SCHEMA_SQL).fetchall())
    scratch.close()
    return schema


def _ours(found: set[tuple[str, str, str, str]]) -> set[tuple[str, str, str, str]]:
    return {row for row in found
            if not (row[2] == _LIBRARY_TABLE and row[0] in ("table", "index"))
            and (row[0], row[1]) not in _SQLITE_OWN}


def _check_foreign_objects(path: Path, conn: sqlite3.Connection, applied: int) -> None:
    """A database from someone else may carry triggers, views or altered tables that run
    code on our reads and writes; only the app's own schema, to the letter, is accepted."""
    found = _ours(set(conn.execute(_SCHEMA_SQL).fetchall()))
    foreign = sorted(f"{kind} {name!r}" for kind, name, _, _ in found - _reference_schema(applied))
    if foreign:
        raise StoreError(
            f"{path} contains {', '.join(foreign[:3])}{' and more' if len(foreign) > 3 else ''}"
            " that the tracker did not create. It was not opened, for safety, and was left "
            "untouched.")


def _distrust(conn: sqlite3.Connection) -> None:
    """While a file is being checked, its schema may not run functions with side effects
    (trusted_schema off); use SQLite's defensive mode where this Python can switch it on
    (3.12+)."""
    conn.execute("PRAGMA trusted_schema = OFF")
    defensive = getattr(sqlite3, "SQLITE_DBCONFIG_DEFENSIVE", None)
    if defensive is not None and hasattr(conn, "setconfig"):
        conn.setconfig(defensive, True)


def _check_schema(path: Path, conn: sqlite3.Connection) -> None:
    """Refuse databases that are newer than this code, or that are not ours."""
    user_version = conn.execute("PRAGMA user_version").fetchone()[0]
    applied = _applied_migrations(conn)
    unknown = [name for name in applied if name not in MIGRATION_NAMES]
    if user_version > SCHEMA_VERSION or unknown:
        raise StoreError(
            f"Database {path} was written by a newer version of the tracker "
            f"(schema {max(user_version, len(applied))}, this version knows "
            f"{SCHEMA_VERSION}). It was left untouched; update the app to open it."
        )
    tables = {
        r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
    }
    if tables and not applied:
        raise StoreError(
            f"{path} is an SQLite database but not a tracker database. "
            "It was left untouched; choose another file or a new name."
        )
    _check_foreign_objects(path, conn, len(applied))


def file_uri(path: Path, **params: str) -> str:
    """An SQLite URI for ``path``: the name is percent-encoded, since SQLite decodes
    %HH in URIs and ends the name at "?" or "#" (a file "other%2Edb" is not "other.db")."""
    from urllib.parse import quote, urlencode

    query = f"?{urlencode(params)}" if params else ""
    return f"file:{quote(str(Path(path).absolute()), safe='/')}{query}"


def open_untouched(path: Path) -> sqlite3.Connection:
    """Open a database file for reading without writing anything beside it.

    A file with no -wal beside it is opened immutable: SQLite then creates no -wal or
    -shm file (which a read-only open of a WAL-mode file otherwise leaves behind) and
    reads it even on read-only media. A file with a -wal must be read through it."""
    wal = Path(f"{path}-wal")
    params = {"mode": "ro"} if wal.exists() and wal.stat().st_size else {"immutable": "1"}
    return sqlite3.connect(file_uri(path, **params), uri=True)


def quick_check(conn: sqlite3.Connection, schema: str = "main") -> str | None:
    """SQLite's quick_check (b-tree structure, page and record formats; not index
    contents, which is what makes it fast): None when sound, else its first finding."""
    try:
        rows = conn.execute(f"PRAGMA {schema}.quick_check(1)").fetchall()
    except sqlite3.Error as exc:
        return str(exc)
    found = str(rows[0][0]) if rows else "no answer"
    if found == "ok":
        return None
    found = found.replace(f"*** in database {schema} ***", "")
    return " ".join(found.split())[:200]


def check_live_file(path: Path, started: Callable[[sqlite3.Connection], None]) -> str | None:
    """quick_check a database that is open elsewhere in this process, on a connection of
    its own (for a background thread; ``started`` gets the connection so that it can be
    interrupted). None when sound or interrupted."""
    try:
        conn = sqlite3.connect(file_uri(path, mode="ro"), uri=True, check_same_thread=False)
    except sqlite3.Error:
        return None
    try:
        started(conn)
        rows = conn.execute("PRAGMA quick_check(1)").fetchall()
    except sqlite3.Error as exc:
        return str(exc) if trouble(exc) == "damaged" else None
    finally:
        conn.close()
    found = str(rows[0][0]) if rows else "ok"
    return None if found == "ok" else " ".join(found.replace("*** in database main ***", "").split())


def damaged_message(path: Path | str, finding: str) -> str:
    return (f"The database {path} is damaged ({finding[:200]}). It was left as it is; restore "
            "a backup (File → Restore Backup… or tracker restore BACKUP).")


def check_file(path: Path) -> None:
    """Check that ``path`` holds a tracker database this version can read, and that it
    is not damaged, without touching the file (for restoring backups): the same checks
    as opening, plus quick_check."""
    if not _check_existing_file(path):
        raise StoreError(f"{path} is empty or missing; it holds no tracker data.")
    try:
        conn = open_untouched(path)
    except sqlite3.Error as exc:
        raise StoreError(f"Cannot open {path}: {exc}.") from None
    try:
        _distrust(conn)
        _check_schema(path, conn)
        if not _applied_migrations(conn):
            raise StoreError(f"{path} holds no tracker data.")
        finding = quick_check(conn)
        if finding is not None:
            raise StoreError(f"{path} is damaged ({finding[:200]}); it was not used.")
    except sqlite3.Error as exc:
        if trouble(exc) == "damaged":
            raise StoreError(f"{path} is damaged ({exc}); it was not used.") from None
        raise StoreError(f"Cannot read {path}: {exc}.") from None
    finally:
        conn.close()


def pending_migrations(conn: sqlite3.Connection) -> list[str]:
    applied = set(_applied_migrations(conn))
    return [name for name in MIGRATION_NAMES if name not in applied]


def _apply_migrations(conn: sqlite3.Connection) -> None:
    """Run the pending migrations through sqlite-utils (each in its own transaction,
    recorded in its table) and stamp the schema version."""
    from sqlite_utils import Database

    migration_set().apply(Database(conn, execute_plugins=False))
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def migrate(db: SQLiteDB) -> None:
    """Bring a database that is already open up to this version's schema."""
    if pending_migrations(db.conn):
        _apply_migrations(db.conn)


# Up to this size a file is quick_checked before it is used (about a quarter of a second
# here); a bigger one is checked in the background by the window (see
# tracker/gui/integrity.py), so a start is never held up by it.
SYNC_CHECK_BYTES = 32 * 1024 * 1024


def open_database(path: Path | str, *, migrate: bool = True,
                  check: str = "auto") -> tuple[SQLiteDB, bool]:
    """Open (creating if needed) the database at ``path``.

    Returns the database and whether it was created just now (so the caller can seed
    it). Raises StoreError with a clear message on any problem, and for a damaged file
    (quick_check, before anything is written; ``check``: "auto" up to SYNC_CHECK_BYTES,
    "always", or "skip" for a file about to be replaced by a restore). ``db.checked``
    says whether the check ran.
    """
    path = Path(path).expanduser()
    had_data = _check_existing_file(path)
    conn = _connect(path)
    try:
        _distrust(conn)
        _check_schema(path, conn)
        db = SQLiteDB(conn)
        db.checked = not had_data
        if had_data and (check == "always" or (
                check == "auto" and path.stat().st_size <= SYNC_CHECK_BYTES)):
            finding = quick_check(conn)
            if finding is not None:
                raise StoreError(damaged_message(path, finding))
            db.checked = True
        pending = pending_migrations(conn)
        created = not had_data or len(pending) == len(MIGRATION_NAMES)
        if pending and not migrate:
            raise StoreError(f"Database {path} needs an upgrade that was not allowed.")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        # FULL: a change the app reported as saved survives a crash or power loss; the
        # cost (one fsync per change) is invisible for hand edits, and bulk imports are
        # one transaction anyway.
        conn.execute("PRAGMA synchronous = FULL")
        # The schema is now known to be exactly the app's own (or empty), compared row
        # by row above. Only then is it trusted, because the app's own triggers need it:
        # they write the R*Tree interval index (events_span) and the FTS5 tables, and
        # SQLite refuses virtual-table writes from triggers of an untrusted schema
        # ("unsafe use of virtual table"; tests/test_safety.py proves it).
        conn.execute("PRAGMA trusted_schema = ON")
        if pending:
            if had_data and len(pending) < len(MIGRATION_NAMES):
                from tracker.store.backup import rotate

                rotate(conn, path, "before-migration")
            _apply_migrations(conn)
    except StoreError:
        conn.close()
        raise
    except sqlite3.Error as exc:
        conn.close()
        raise StoreError(f"Cannot use database {path}: {explain(exc)}") from None
    return db, created
