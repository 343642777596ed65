"""Backups through SQLite's online backup API: consistent copies of a live database.

Rotating copies live beside the database in "<name>.backups/": one before every schema
migration, one a day while the app is used; the newest KEEP are kept. A copy is written
to a temporary name, checked (quick_check) and only then renamed, so a crash never
leaves a half backup and a damaged database never pushes good backups out of rotation.
Copies are rollback-journal files (not WAL), so they can be read on read-only media
without -wal/-shm files appearing beside them. Rotation orders backups by a sequence
number in the name, not by the clock, which may be wrong.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from tracker.store.db import (
    SQLiteDB,
    StoreError,
    check_file,
    explain,
    migrate,
    open_untouched,
    quick_check,
)

KEEP = 7
DAY = dt.timedelta(days=1)
_SIDE_FILES = ("-wal", "-shm", "-journal")


def backup_folder(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".backups")


def _refuse_side_file(dest: Path) -> None:
    if dest.name.endswith(_SIDE_FILES):
        raise StoreError(f"Cannot write the backup {dest}: a name ending in -wal, -shm or "
                         "-journal is one SQLite uses for its own files beside a database, "
                         "and it would delete it. Choose another name.")


def _copy_checked(source: sqlite3.Connection, tmp: Path, page_size: int | None = None) -> None:
    """Copy ``source`` into the new file ``tmp`` as a rollback-journal database (at
    ``page_size`` if given) and quick_check the copy; raise StoreError if it is damaged."""
    tmp.unlink(missing_ok=True)
    target = sqlite3.connect(tmp, isolation_level=None)
    try:
        source.backup(target)
        target.execute("PRAGMA journal_mode = DELETE")
        if page_size and target.execute("PRAGMA page_size").fetchone()[0] != page_size:
            target.execute(f"PRAGMA page_size = {int(page_size)}")
            target.execute("VACUUM")  # the backup API cannot change a WAL file's page size
        finding = quick_check(target)
    finally:
        target.close()
    if finding is not None:
        raise StoreError(f"the copy is damaged ({finding[:200]})")


def copy_database(conn: sqlite3.Connection, dest: Path, *, source_path: Path | None = None) -> Path:
    """Write a consistent, checked copy of the database behind ``conn`` to ``dest``."""
    dest = Path(dest)
    _refuse_side_file(dest)
    tmp = dest.with_name(f".{dest.name}.part")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        _copy_checked(conn, tmp)
        os.replace(tmp, dest)
    except StoreError as exc:
        tmp.unlink(missing_ok=True)
        where = f"The database {source_path}" if source_path else "The database"
        raise StoreError(f"{where} is damaged, so no backup was written: {exc}. The "
                         "older backups are kept. Restore one of them (File → Restore "
                         "Backup… or tracker restore BACKUP).") from None
    except (OSError, sqlite3.Error) as exc:
        tmp.unlink(missing_ok=True)
        detail = explain(exc) if isinstance(exc, sqlite3.Error) else (exc.strerror or str(exc))
        raise StoreError(f"Cannot write the backup {dest}: {detail}") from None
    return dest


_SEQ = re.compile(r"(\d{6})-")


def _order(db_path: Path, backup: Path) -> tuple[int, int, str]:
    """Sort key: the sequence number in the name (older names without one come first,
    by name), never the clock."""
    rest = backup.name[len(db_path.stem) + 1:]
    match = _SEQ.match(rest)
    if match and not rest[:8].isdigit():
        return (1, int(match.group(1)), backup.name)
    return (0, 0, backup.name)


def rotate(conn: sqlite3.Connection, db_path: Path, reason: str,
           keep: Path | None = None) -> Path:
    """A new rotating backup; older ones beyond KEEP are removed, except ``keep`` (the
    backup being restored from must survive the backup made before restoring)."""
    folder = backup_folder(db_path)
    existing = list_backups(db_path)
    seq = max((_order(db_path, p)[1] for p in existing), default=0) + 1
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    made = copy_database(conn, folder / f"{db_path.stem}-{seq:06d}-{stamp}-{reason}.db",
                         source_path=db_path)
    spared = {made.resolve(), *([keep.resolve()] if keep is not None else [])}
    for old in list_backups(db_path)[KEEP:]:
        if old.resolve() not in spared:
            old.unlink(missing_ok=True)
    return made


def list_backups(db_path: Path) -> list[Path]:
    """Rotating backups of ``db_path``, newest first."""
    folder = backup_folder(db_path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{db_path.stem}-*.db"), key=lambda p: _order(db_path, p),
                  reverse=True)


def daily(conn: sqlite3.Connection, db_path: Path, now: dt.datetime | None = None) -> Path | None:
    """Make the day's backup unless the newest one is younger than a day."""
    now = now or dt.datetime.now()
    newest = next(iter(list_backups(db_path)), None)
    if newest is not None and abs(now - dt.datetime.fromtimestamp(newest.stat().st_mtime)) < DAY:
        return None
    return rotate(conn, db_path, "daily")


def _keep_damaged(conn: sqlite3.Connection, db_path: Path) -> Path:
    """A raw copy of a damaged database about to be replaced, in the backup folder."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    dest = backup_folder(db_path) / f"{db_path.stem}-{stamp}-before-restore.damaged"
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        target = sqlite3.connect(dest)
        try:
            conn.backup(target)
        finally:
            target.close()
    except (OSError, sqlite3.Error):
        dest.unlink(missing_ok=True)  # as much as could be saved is nothing: go on
    return dest


@contextlib.contextmanager
def _staged(db_path: Path, backup: Path, page_size: int) -> Iterator[sqlite3.Connection]:
    """The backup copied beside the live database at its page size, checked like a file
    being opened; the copy is removed afterwards."""
    check_file(backup)  # ours, not newer, nothing foreign, not damaged; read untouched
    tmp = db_path.with_name(f".{db_path.name}.restore.part")
    try:
        source = open_untouched(backup)
        try:
            _copy_checked(source, tmp, page_size)
        finally:
            source.close()
        check_file(tmp)
        staged = sqlite3.connect(tmp)
        try:
            yield staged
        finally:
            staged.close()
    except StoreError as exc:
        raise StoreError(f"Cannot restore from {backup}: {exc}") from None
    except (OSError, sqlite3.Error) as exc:
        detail = explain(exc) if isinstance(exc, sqlite3.Error) else (exc.strerror or str(exc))
        raise StoreError(f"Cannot restore from {backup}: {detail}") from None
    finally:
        tmp.unlink(missing_ok=True)
        for side in _SIDE_FILES:
            Path(f"{tmp}{side}").unlink(missing_ok=True)


def restore(db: SQLiteDB, db_path: Path, backup: Path) -> Path:
    """Replace the live database's content with ``backup``, first backing up the current
    state so a restore can itself be undone. Returns that pre-restore backup."""
    backup = Path(backup)
    page_size = db.conn.execute("PRAGMA page_size").fetchone()[0]
    with _staged(db_path, backup, page_size) as staged:
        if quick_check(db.conn) is None:
            before = rotate(db.conn, db_path, "before-restore", keep=backup)
        else:  # kept as evidence, but outside the rotation and never offered to restore
            before = _keep_damaged(db.conn, db_path)
        try:
            staged.backup(db.conn)
            migrate(db)  # a backup from before an upgrade gets the upgrade again
        except sqlite3.Error as exc:
            raise StoreError(f"Cannot restore from {backup}: {explain(exc)} The state before "
                             f"is in {before}.") from None
    finding = quick_check(db.conn)
    if finding is not None:
        raise StoreError(f"The restored database is damaged ({finding[:200]}); the state "
                         f"before the restore is in {before}.")
    return before
