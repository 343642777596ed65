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
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tracker.store.errors import (  # noqa: F401 (re-exported: the store's errors live here)
    BUSY_TIMEOUT_MS,
    StoreError,
    damaged_message,
    disk_full,
    explain,
    read_only_message,
    trouble,
)
from tracker.store.files import (  # noqa: F401 (re-exported)
    _cannot_write,
    _remove_new,
    _writable,
    check_live_file,
    file_uri,
    open_untouched,
    quick_check,
)
from tracker.store.migrations import MIGRATION_NAMES, MIGRATIONS, SCHEMA_VERSION, migration_set

APP_NAME = "diplomacy-timeline-tracker"
DB_FILENAME = "tracker.db"
SQLITE_HEADER = b"SQLite format 3\x00"


def default_db_path() -> Path:
    """--db beats TRACKER_DB beats the platform's user data dir."""
    env = os.environ.get("TRACKER_DB")
    if env:
        return Path(env).expanduser()
    return platform_db_path()


def platform_db_path() -> Path:
    """The platform's user data folder's database, whatever --db or TRACKER_DB say."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / DB_FILENAME


def is_default_database(path: Path | str) -> bool:
    """Whether ``path`` is the database the app uses when told nothing: only that one is
    seeded with the bundled article on its first start; any other new file starts empty,
    because its user is starting a tracker of another story."""
    try:
        return Path(path).expanduser().resolve() == platform_db_path().resolve()
    except OSError:
        return False


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
        self.read_only: str | None = None  # "readonly" media or a "full" disk: browse only

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
    "always", "later" for the window, which checks in the background once it has painted,
    or "skip" for a file about to be replaced by a restore). ``db.checked`` says whether
    the check ran.
    """
    path = Path(path).expanduser()
    existed = path.exists()
    had_data = _check_existing_file(path)
    if had_data and not _writable(path):
        return open_read_only(path, check, "readonly"), False
    try:
        conn = _connect(path)
    except StoreError:
        if had_data and (why := _cannot_write(path)) is not None:
            return open_read_only(path, check, why), False
        if not existed:
            _remove_new(path)
        raise
    try:
        _distrust(conn)
        _check_schema(path, conn)
        db = SQLiteDB(conn)
        _check_damage(db, path, had_data, check)
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
        if not existed:
            _remove_new(path)
        raise
    except sqlite3.Error as exc:
        conn.close()
        if not existed:
            _remove_new(path)  # a failed create leaves no empty file behind
        elif trouble(exc) in ("io", "full", "readonly") and (why := _cannot_write(path)):
            return open_read_only(path, check, why), False
        raise StoreError(f"Cannot use database {path}: {explain(exc, path)}") from None
    return db, created


def _check_damage(db: SQLiteDB, path: Path, had_data: bool, check: str) -> None:
    db.checked = not had_data
    if had_data and (check == "always" or (
            check == "auto" and path.stat().st_size <= SYNC_CHECK_BYTES)):
        finding = quick_check(db.conn)
        if finding is not None:
            raise StoreError(damaged_message(path, finding))
        db.checked = True


def open_read_only(path: Path, check: str, why: str) -> SQLiteDB:
    """Open a database that cannot be written (``why``: "readonly" media or a "full"
    disk) for browsing and export: read-only, its schema not trusted (reads need no
    trust), and never migrated."""
    conn = None
    order: list[dict[str, str]] = [{"mode": "ro"}, {"immutable": "1"}]
    wal = Path(f"{path}-wal")
    if not os.access(path.parent, os.W_OK) and not (wal.exists() and wal.stat().st_size):
        # Read-only media: nobody can change the file, and SQLite could not make its
        # -shm beside it; immutable reads it as it is and writes nothing.
        order.reverse()
    for params in order:
        try:
            conn = sqlite3.connect(file_uri(path, **params), uri=True, isolation_level=None,
                                   timeout=BUSY_TIMEOUT_MS / 1000)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            break
        except sqlite3.Error:
            if conn is not None:
                conn.close()
            conn = None
    if conn is None:
        raise StoreError(f"Cannot open database {path}: it cannot be read from this disk.")
    try:
        _distrust(conn)
        _check_schema(path, conn)
        db = SQLiteDB(conn)
        _check_damage(db, path, True, check)
        if pending_migrations(conn):
            raise StoreError(f"Database {path} needs an upgrade, but it "
                             f"{'is on a full disk' if why == 'full' else 'is read-only'}. It "
                             "was left untouched; copy it somewhere writable to open it.")
        conn.execute("PRAGMA query_only = ON")
    except StoreError:
        conn.close()
        raise
    except sqlite3.Error as exc:
        conn.close()
        raise StoreError(f"Cannot use database {path}: {explain(exc, path)}") from None
    db.read_only = why
    return db
