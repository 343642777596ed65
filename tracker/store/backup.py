"""Backups through SQLite's online backup API: consistent copies of a live database.

Rotating copies live beside the database in "<name>.backups/": one before every schema
migration, one a day while the app is used; the newest KEEP are kept. A copy is written
to a temporary name and renamed, so a crash never leaves a half backup.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

from tracker.store.db import SQLiteDB, StoreError, check_file, migrate

KEEP = 7
DAY = dt.timedelta(days=1)


def backup_folder(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".backups")


def copy_database(conn: sqlite3.Connection, dest: Path) -> Path:
    """Write a consistent copy of the database behind ``conn`` to ``dest``."""
    dest = Path(dest)
    tmp = dest.with_name(f".{dest.name}.part")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp.unlink(missing_ok=True)
        target = sqlite3.connect(tmp)
        try:
            conn.backup(target)
        finally:
            target.close()
        os.replace(tmp, dest)
    except (OSError, sqlite3.Error) as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"Cannot write the backup {dest}: {exc}") from None
    return dest


def rotate(conn: sqlite3.Connection, db_path: Path, reason: str,
           keep: Path | None = None) -> Path:
    """A new rotating backup; older ones beyond KEEP are removed, except ``keep`` (the
    backup being restored from must survive the backup made before restoring)."""
    folder = backup_folder(db_path)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    made = copy_database(conn, folder / f"{db_path.stem}-{stamp}-{reason}.db")
    spared = keep.resolve() if keep is not None else None
    for old in list_backups(db_path)[KEEP:]:
        if old.resolve() != spared:
            old.unlink(missing_ok=True)
    return made


def list_backups(db_path: Path) -> list[Path]:
    """Rotating backups of ``db_path``, newest first."""
    folder = backup_folder(db_path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{db_path.stem}-*.db"), key=lambda p: p.name, reverse=True)


def daily(conn: sqlite3.Connection, db_path: Path, now: dt.datetime | None = None) -> Path | None:
    """Make the day's backup unless the newest one is younger than a day."""
    now = now or dt.datetime.now()
    newest = next(iter(list_backups(db_path)), None)
    if newest is not None and now - dt.datetime.fromtimestamp(newest.stat().st_mtime) < DAY:
        return None
    return rotate(conn, db_path, "daily")


def restore(db: SQLiteDB, db_path: Path, backup: Path) -> Path:
    """Replace the live database's content with ``backup``, first backing up the current
    state so a restore can itself be undone. Returns that pre-restore backup."""
    backup = Path(backup)
    check_file(backup)  # ours, not newer, nothing foreign; opened read-only
    before = rotate(db.conn, db_path, "before-restore", keep=backup)
    try:
        source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        try:
            source.backup(db.conn)
        finally:
            source.close()
        migrate(db)  # a backup from before an upgrade gets the upgrade again
    except sqlite3.Error as exc:
        raise StoreError(f"Cannot restore from {backup}: {exc}") from None
    return before
