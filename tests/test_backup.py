"""Backups: consistent copies, rotation, a copy before every migration, restore."""

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from helpers import dump

from tracker.store import Store, StoreError
from tracker.store import backup as backups


def test_copy_is_a_consistent_database(store: Store, tmp_path: Path):
    out = backups.copy_database(store.conn, tmp_path / "copy.db")
    copy = sqlite3.connect(out)
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert dump(copy) == dump(store.conn)
    copy.close()


def test_rotation_keeps_the_newest(store: Store):
    made = [backups.rotate(store.conn, store.path, "test") for _ in range(backups.KEEP + 3)]
    kept = backups.list_backups(store.path)
    assert len(kept) == backups.KEEP
    assert kept[0] == made[-1] and made[0] not in kept


def test_daily_backup_once_a_day(store: Store):
    first = backups.daily(store.conn, store.path)
    assert first is not None
    assert backups.daily(store.conn, store.path) is None
    tomorrow = dt.datetime.now() + dt.timedelta(days=1, minutes=1)
    assert backups.daily(store.conn, store.path, now=tomorrow) is not None


def test_restore_brings_back_the_backup_and_keeps_the_present(store: Store, tmp_path: Path):
    saved = backups.copy_database(store.conn, tmp_path / "saved.db")
    before = dump(store.conn)
    first = store.event_ids_in_order()[0]
    store.delete_event(first)
    changed = dump(store.conn)
    pre = backups.restore(store.db, store.path, saved)
    assert dump(store.conn) == before
    previous = sqlite3.connect(pre)
    assert dump(previous) == changed  # the restore itself can be undone
    previous.close()


@pytest.mark.parametrize("content", [b"", b"not a database at all", b"SQLite format 3\x00junk"])
def test_restore_refuses_bad_files_and_changes_nothing(store: Store, tmp_path: Path, content):
    bad = tmp_path / "bad.db"
    bad.write_bytes(content)
    before = dump(store.conn)
    with pytest.raises(StoreError):
        backups.restore(store.db, store.path, bad)
    assert dump(store.conn) == before
    assert bad.read_bytes() == content


@pytest.mark.slow  # several `tracker` processes
def test_cli_backup_and_restore(run_tracker, tmp_path: Path):
    db = str(tmp_path / "t.db")
    out = tmp_path / "b.db"
    assert run_tracker("seed", "--db", db).returncode == 0
    result = run_tracker("backup", str(out), "--db", db)
    assert result.returncode == 0 and "Backed up 8 events" in result.stdout
    again = run_tracker("backup", str(out), "--db", db)
    assert again.returncode == 2 and "nothing is overwritten" in again.stderr
    assert run_tracker("delete", "1", "--db", db).returncode == 0
    restored = run_tracker("restore", str(out), "--db", db)
    assert restored.returncode == 0 and "Restored 8 events" in restored.stdout


def test_window_backs_up_daily_and_restores(qtbot, window, monkeypatch, tmp_path: Path):
    from PySide6.QtWidgets import QMessageBox

    store = window.store
    # the day's backup comes a moment after the window has painted
    qtbot.waitUntil(lambda: len(backups.list_backups(store.path)) == 1, timeout=6000)
    assert backups.list_backups(store.path)[0].name.endswith("-daily.db")
    saved = window.backups.backup_now()
    assert saved is not None and saved.name.endswith("-manual.db")
    before = dump(store.conn)
    victim = store.event_ids_in_order()[0]
    window.select_event(victim)
    window.editor.delete_selected()
    assert window.model.row_of(victim) is None
    assert window.backups.restore_from(saved)
    assert dump(store.conn) == before
    assert window.model.row_of(victim) is not None  # the views followed
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda parent, title, text: said.append(text)))
    bad = tmp_path / "junk.db"
    bad.write_bytes(b"junk")
    assert not window.backups.restore_from(bad)
    assert said and "not a tracker database" in said[0]


def test_restoring_the_oldest_backup_keeps_it(store: Store):
    made = [backups.rotate(store.conn, store.path, "test") for _ in range(backups.KEEP)]
    oldest = made[0]
    store.delete_event(store.event_ids_in_order()[0])
    backups.restore(store.db, store.path, oldest)
    assert oldest.exists()
    assert store.count_events() == 8
