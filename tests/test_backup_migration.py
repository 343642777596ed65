"""A database from the previous version is backed up before it is upgraded."""

import sqlite3
from pathlib import Path

from tracker.store import Store
from tracker.store import backup as backups
from tracker.store.migrations import MIGRATION_NAMES


def test_a_migration_is_preceded_by_a_backup(db_path: Path):
    """A database written by the previous version (all migrations but the last) is
    backed up before it is upgraded."""
    from sqlite_utils import Database

    from tracker.store.migrations import migrations

    old = Database(db_path)
    migrations.apply(old, stop_before=MIGRATION_NAMES[-1])
    old.conn.execute(f"PRAGMA user_version = {len(MIGRATION_NAMES) - 1}")
    old.conn.execute("INSERT INTO meta (key, value) VALUES ('note', 'from the old version')")
    old.conn.commit()
    old.close()
    Store.open(db_path, seed=False).close()
    (made,) = backups.list_backups(db_path)
    assert made.name.endswith("-before-migration.db")
    copy = sqlite3.connect(made)
    assert copy.execute("SELECT value FROM meta WHERE key = 'note'").fetchone() == (
        "from the old version",)
    assert copy.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == len(
        MIGRATION_NAMES) - 1
    copy.close()
