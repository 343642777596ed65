"""Safety of the database file (issue 14): schema checks, backups, damage, read-only
media and full disks; what the bad-input catalogue's cases rely on, checked directly."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest
from helpers import read_only_media, run_limited

from tracker.model.entities import Event
from tracker.model.fuzzydate import FuzzyDate
from tracker.store import Store, StoreError


def _event(title: str = "Hanoi summit") -> Event:
    return Event(None, "", title, FuzzyDate.exact(dt.date(2019, 2, 27)))


# -- 1. no stranger's schema object runs -------------------------------------------------

def test_the_apps_own_triggers_are_why_the_schema_is_trusted(store: Store):
    """trusted_schema is switched on only after the check, and only because the app's
    R*Tree and FTS5 triggers cannot run without it; if SQLite ever stops needing it, this
    test fails and the pragma can go."""
    assert store.conn.execute("PRAGMA trusted_schema").fetchone()[0] == 1
    store.conn.execute("PRAGMA trusted_schema = OFF")
    with pytest.raises(StoreError, match="unsafe use of virtual table"):
        store.add_event(_event())


@pytest.mark.parametrize("name", ["sqlitex_evil", "sqlite_evil", "sqlite_stat1x"])
@pytest.mark.parametrize("kind", ["trigger", "view"])
def test_no_schema_object_escapes_the_check_by_its_name(db_path: Path, kind: str, name: str):
    Store.open(db_path, seed=True).close()
    conn = sqlite3.connect(db_path)
    sql = (f"CREATE TRIGGER {name} AFTER INSERT ON events BEGIN DELETE FROM events; END"
           if kind == "trigger" else f"CREATE VIEW {name} AS SELECT * FROM events")
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql) "
                 "VALUES (?, ?, ?, 0, ?)", (kind, name, "events" if kind == "trigger" else name,
                                            sql))
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match=f"{kind} '{name}' that the tracker did not create"):
        Store.open(db_path)


def test_sqlites_own_statistics_table_is_allowed(db_path: Path):
    Store.open(db_path, seed=True).close()
    conn = sqlite3.connect(db_path)
    conn.execute("ANALYZE")
    conn.commit()
    conn.close()
    Store.open(db_path, seed=True).close()


# -- 3. restore and backup check what they copy --------------------------------------------

def _backup_with(store: Store, path: Path, title: str, **pragmas: int) -> Path:
    """A backup of ``store`` holding one more event called ``title``."""
    from tracker.store import backup as backups

    backups.copy_database(store.conn, path)
    other = Store.open(path)
    other.add_event(_event(title))
    other.close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")
    for name, value in pragmas.items():
        conn.execute(f"PRAGMA {name} = {value}")
    conn.execute("VACUUM")
    conn.close()
    return path


def _titles(store: Store) -> set[str]:
    return {e.title for e in store.list_events()}


def test_a_backup_with_another_page_size_restores(store: Store, tmp_path: Path):
    from tracker.store import backup as backups

    backup = _backup_with(store, tmp_path / "small-pages.db", "From the backup", page_size=1024)
    assert store.conn.execute("PRAGMA page_size").fetchone()[0] != 1024
    backups.restore(store.db, store.path, backup)
    assert "From the backup" in _titles(store)
    assert store.conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"


@pytest.mark.parametrize("name", ["other%2Edb", "my#1.db", "what?.db"])
def test_backup_names_are_taken_literally(store: Store, tmp_path: Path, name: str):
    from tracker.store import backup as backups

    folder = tmp_path / "saved"
    folder.mkdir()
    _backup_with(store, folder / "other.db", "The wrong file")
    _backup_with(store, folder / "my", "The wrong file")
    backup = _backup_with(store, folder / name, "The right file")
    listed = sorted(p.name for p in folder.iterdir())
    backups.restore(store.db, store.path, backup)
    assert "The right file" in _titles(store) and "The wrong file" not in _titles(store)
    assert sorted(p.name for p in folder.iterdir()) == listed  # no stray or side files


def test_checking_a_backup_leaves_no_side_files(store: Store, tmp_path: Path):
    from tracker.store import backup as backups

    copy = backups.copy_database(store.conn, tmp_path / "copy.db")
    wal_mode = tmp_path / "wal.db"
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(store.path, wal_mode)  # a WAL-mode file, as older backups were
    for path in (copy, wal_mode):
        backups.check_file(path)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(("copy", "wal"))) == \
        ["copy.db", "wal.db"]
    assert copy.read_bytes()[18:20] == b"\x01\x01"  # a rollback-journal file: readable on
    # read-only media without -wal/-shm files


def test_rotation_keeps_the_newest_backup_when_the_clock_goes_back(store: Store, monkeypatch):
    from tracker.store import backup as backups

    for _ in range(backups.KEEP):
        backups.rotate(store.conn, store.path, "test")

    class Skewed(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return dt.datetime(2001, 1, 1, 12, 0, 0)

    monkeypatch.setattr(backups.dt, "datetime", Skewed)
    made = backups.rotate(store.conn, store.path, "before-restore")
    kept = backups.list_backups(store.path)
    assert made.exists() and kept[0] == made and len(kept) == backups.KEEP


# -- 4. damaged pages ----------------------------------------------------------------------

def _damage(path: Path, table: str = "events") -> None:
    """Overwrite the header of ``table``'s root page, as a failing disk would."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    at = (root - 1) * size
    data[at:at + 12] = b"\xff" * 12
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("table", ["excerpts", "sources", "event_tags", "actors"])
def test_damage_anywhere_is_found_when_the_file_opens(db_path: Path, table: str):
    Store.open(db_path, seed=True).close()
    _damage(db_path, table)
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="is damaged"):
        Store.open(db_path)
    assert db_path.read_bytes() == before


def test_a_big_file_is_checked_in_the_background_and_then_never_written(qtbot, db_path: Path):
    from PySide6.QtWidgets import QMessageBox, QWidget

    import tracker.gui.integrity as integrity
    from tracker.gui.integrity import IntegrityWatch

    Store.open(db_path, seed=True).close()
    _damage(db_path, "sources")
    store = Store.open(db_path, check="skip")  # as a file too big to check at once is
    assert not store.db.checked
    parent = QWidget()
    qtbot.addWidget(parent)
    said: list[str] = []
    from unittest import mock

    with mock.patch.object(QMessageBox, "warning",
                           lambda parent, title, text: said.append(text)), \
            mock.patch.object(integrity, "CHECK_DELAY_MS", 0):
        watch = IntegrityWatch(parent, store)
        qtbot.waitUntil(lambda: bool(said), timeout=10_000)
    assert watch.done.is_set()
    assert "is damaged" in said[0] and "Nothing more will be written" in said[0]
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="is damaged"):
        store.add_event(_event())
    store.close()
    assert db_path.read_bytes() == before


def test_an_error_that_smells_of_damage_stops_all_writes(store: Store):
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store._explain(sqlite3.DatabaseError("database disk image is malformed"))
    with pytest.raises(StoreError, match="is damaged"):
        store.add_event(_event())


def test_a_damaged_file_met_while_reading_is_explained_in_plain_words(qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from tracker.gui.errors import handle_exception

    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda parent, title, text: said.append(text)))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: said.append("generic dialog"))
    error = sqlite3.DatabaseError("database disk image is malformed")
    handle_exception(type(error), error, None)
    assert said and said[0].startswith("The database is damaged")


# -- 8. read-only media and full disks --------------------------------------------------------

def test_a_database_on_read_only_media_opens_to_browse_and_export(db_path: Path,
                                                                   tmp_path: Path):
    from tracker.io import export_data

    Store.open(db_path, seed=True).close()
    before = db_path.read_bytes()
    with read_only_media(db_path):
        store = Store.open(db_path)
    assert store.read_only == "readonly"
    from tracker.model.filters import Filter
    from tracker.store.search import matching_ids

    assert store.count_events() == 8 and matching_ids(store, Filter(search="summit"))
    assert export_data(store, tmp_path / "out.json") == 8
    with pytest.raises(StoreError, match="read-only disk or is a read-only file"):
        store.add_event(_event())
    assert store.conn.execute("PRAGMA query_only").fetchone()[0] == 1
    store.close()
    assert db_path.read_bytes() == before
    assert sorted(p.name for p in db_path.parent.iterdir() if p.name.startswith("tracker.db")) \
        == ["tracker.db"]


def test_the_window_shows_a_read_only_banner_and_no_edit_actions(qtbot, db_path: Path):
    from tracker.gui.main_window import MainWindow

    Store.open(db_path, seed=True).close()
    with read_only_media(db_path):
        store = Store.open(db_path)
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    banner = window.integrity.banner
    assert banner is not None and banner.isVisible()
    assert "read-only disk" in banner.text()
    assert not window.editor.act_new.isEnabled() and not window.editor.act_delete.isEnabled()
    assert window.model.rowCount() == 8
    window.close()
    store.close()


def test_a_database_that_cannot_be_created_leaves_no_file(tmp_path: Path):
    result = run_limited(["list", "--db", "new.db"], tmp_path, 16 * 1024)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "Nothing was changed" in result.stderr
    assert not any(p.name.startswith("new.db") for p in tmp_path.iterdir())


def test_an_image_export_that_cannot_be_written_keeps_the_earlier_image(store: Store,
                                                                        tmp_path: Path):
    from tracker.image_export import ImageRequest, export_timeline_image

    image = tmp_path / "timeline.png"
    export_timeline_image(store, ImageRequest(image, width_px=400, height_px=300))
    good = image.read_bytes()
    store.close()
    result = run_limited(["export", str(image), "--db", str(store.path), "--width", "8000",
                       "--height", "6000"], tmp_path, 256 * 1024)  # the database fits
    assert result.returncode == 1
    assert "Cannot write" in result.stderr, result.stderr
    assert "the earlier file of that name is kept" in result.stderr
    assert image.read_bytes() == good
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".png") == ["timeline.png"]


def test_a_full_disk_is_named_as_such(tmp_path: Path, monkeypatch):
    import errno
    import shutil as sh

    from tracker.image_export import write_error_message
    from tracker.store.db import explain

    usage = sh.disk_usage(tmp_path)
    monkeypatch.setattr(sh, "disk_usage", lambda p: usage._replace(free=0))
    said = explain(sqlite3.OperationalError("disk I/O error"), tmp_path / "t.db")
    assert said.startswith("The disk is full")
    assert write_error_message(tmp_path / "t.png", OSError(errno.ENOSPC, "No space left")) \
        .startswith("The disk is full: ")
