"""Safety mechanisms behind the bad-input catalogue (issue 14): what the catalogue's
cases rely on, checked directly."""

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
    Store.open(db_path).close()
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
    Store.open(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("ANALYZE")
    conn.commit()
    conn.close()
    Store.open(db_path).close()


# -- 2. undo and redo beside other writers -------------------------------------------------

def _other(store: Store) -> Store:
    """A second connection to the same file: another window or the command line."""
    return Store.open(store.path)


def test_undo_of_a_delete_never_takes_another_writers_ids(store: Store):
    from PySide6.QtGui import QUndoStack

    from tracker.gui.commands import AddEventCommand, DeleteEventCommand, execute
    from tracker.model.entities import Participation

    stack = QUndoStack()
    event = _event("Hanoi summit")
    event.actors = [Participation("Nguyen Phu Trong", "host")]
    add = AddEventCommand(store, event)
    execute(stack, add)
    mine = add.event_id
    execute(stack, DeleteEventCommand(store, mine))  # frees the event's and actor's ids
    other = _other(store)
    theirs_event = _event("Added in the terminal")
    theirs_event.actors = [Participation("Kim Yo Jong")]
    theirs = other.add_event(theirs_event)  # SQLite hands out the freed ids again
    assert theirs == mine
    stack.undo()  # the window's undo of the delete
    restored = next(e for e in store.list_events() if e.title == "Hanoi summit")
    assert restored.id != theirs
    assert [p.actor for p in store.get_event(restored.id).actors] == ["Nguyen Phu Trong"]
    kept = store.get_event(theirs)
    assert kept.title == "Added in the terminal"
    assert [p.actor for p in kept.actors] == ["Kim Yo Jong"]
    other.close()


def test_redo_after_another_writer_took_the_id_touches_only_its_own_event(store: Store):
    from PySide6.QtGui import QUndoStack

    from tracker.gui.commands import AddEventCommand, execute

    stack = QUndoStack()
    add = AddEventCommand(store, _event("Mine"))
    execute(stack, add)
    stack.undo()
    other = _other(store)
    theirs = other.add_event(_event("Theirs"))
    stack.redo()  # "Mine" comes back under another id
    stack.undo()  # and undo removes "Mine", never "Theirs"
    assert store.get_event(theirs).title == "Theirs"
    assert "Mine" not in {e.title for e in store.list_events()}
    other.close()


def test_window_undo_and_redo_of_a_delete_beside_an_event_added_elsewhere(qtbot, window,
                                                                           monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    store = window.store
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda parent, title, text: said.append(text)))
    from tracker.gui.commands import DeleteEventCommand

    victim = store.event_ids_in_order()[-1]
    assert window.editor.run(DeleteEventCommand(store, victim))
    other = _other(store)
    theirs = other.add_event(_event("Added in the terminal"))
    other.close()
    assert window.editor.undo()  # comes back beside theirs
    assert window.editor.redo()  # deletes it again: only it
    assert store.get_event(theirs).title == "Added in the terminal"
    assert window.editor.stack.index() == 1 and not said


def test_undo_over_a_change_made_elsewhere_asks_and_overwrites_only_when_told(
        qtbot, window, monkeypatch, run_tracker):
    import tracker.gui.editing as editing
    from tracker.gui.commands import EditEventCommand

    store = window.store
    answers = ["cancel", "overwrite"]
    asked: list[tuple[str, str]] = []
    monkeypatch.setattr(editing, "ask_step_conflict",
                        lambda parent, title, step: asked.append((title, step)) or answers.pop(0))
    event_id = store.event_ids_in_order()[0]
    original = store.get_event(event_id).title
    edited = store.get_event(event_id)
    edited.title = "Edited in the window"
    assert window.editor.run(EditEventCommand(store, edited, expected_version=edited.version))
    result = run_tracker("edit", str(event_id), "--db", str(store.path), "--title",
                         "Edited in the terminal")
    assert result.returncode == 0, result.stderr
    assert not window.editor.undo()  # asked, cancelled: nothing changes
    assert store.get_event(event_id).title == "Edited in the terminal"
    assert window.editor.stack.index() == 1
    assert window.editor.undo()  # asked again, overwrite: the person chose it
    assert store.get_event(event_id).title == original
    assert asked == [("Edited in the terminal", "Undo")] * 2
    assert window.editor.redo()  # nobody changed it since: no question
    assert store.get_event(event_id).title == "Edited in the window"
    assert len(asked) == 2


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
    Store.open(db_path).close()
    _damage(db_path, table)
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="is damaged"):
        Store.open(db_path)
    assert db_path.read_bytes() == before


def test_a_big_file_is_checked_in_the_background_and_then_never_written(qtbot, db_path: Path):
    from PySide6.QtWidgets import QMessageBox, QWidget

    from tracker.gui.integrity import IntegrityWatch

    Store.open(db_path).close()
    _damage(db_path, "sources")
    store = Store.open(db_path, check="skip")  # as a file too big to check at once is
    assert not store.db.checked
    parent = QWidget()
    qtbot.addWidget(parent)
    said: list[str] = []
    from unittest import mock

    with mock.patch.object(QMessageBox, "warning",
                           lambda parent, title, text: said.append(text)):
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


# -- 5. the first and last days the app accepts draw and export ---------------------------

@pytest.mark.parametrize("days", [("0001-01-01", "0001-01-01"), ("9999-12-31", "9999-12-31"),
                                  ("9999-12-20", "9999-12-31")])
def test_ics_round_trips_the_last_days(empty_store: Store, tmp_path: Path, days):
    from tracker.io import export_data, import_data

    first, last = (dt.date.fromisoformat(d) for d in days)
    event = Event(None, "", "Far away", FuzzyDate(first, last, "day" if first == last else "days"))
    empty_store.add_event(event)
    path = tmp_path / "far.ics"
    assert export_data(empty_store, path) == 1
    other = Store.open(tmp_path / "other.db", seed=False)
    assert import_data(other, path).added == 1
    back = other.list_events()[0]
    assert (back.earliest, back.latest) == (first, last)
    other.close()


def test_views_stay_within_the_years_matplotlib_can_draw():
    from tracker.timeline.geometry import ordinal_to_x
    from tracker.timeline.layout import clamp_view, fit_days

    first, last = ordinal_to_x(1), ordinal_to_x(dt.date.max.toordinal())
    v0, v1 = fit_days(1, dt.date(2019, 1, 1).toordinal())
    assert v0 >= first and v1 > v0
    v0, v1 = fit_days(dt.date(2019, 1, 1).toordinal(), dt.date.max.toordinal())
    assert v1 <= last
    assert clamp_view(first - 10_000.0, last + 10_000.0) == (first, last)


def test_the_window_draws_events_on_the_first_and_last_days(qtbot, store: Store):
    from tracker.gui.main_window import MainWindow

    for day in (dt.date(1, 1, 1), dt.date(100, 1, 1), dt.date.max):
        store.add_event(Event(None, "", f"Day {day}", FuzzyDate.exact(day)))
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    window.canvas.fit_all()
    window.canvas.draw()
    for _ in range(3):
        window.canvas.zoom(0.25)  # out, past both ends
        window.canvas.draw()
    from tracker.timeline.geometry import ordinal_to_x

    for shift, check in ((1e6, lambda v: v[0] >= ordinal_to_x(1)),
                         (-1e6, lambda v: v[1] <= ordinal_to_x(dt.date.max.toordinal()))):
        for _ in range(5):
            window.canvas.pan_pixels(shift)  # past either end: the view stops there
            window.canvas.draw()
            assert check(window.canvas.view)
    window.close()


# -- 7. a failed save keeps the editor open --------------------------------------------------

def test_the_editor_saves_once_the_database_is_free_again(qtbot, window, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda parent, title, text: said.append(text)))
    store = window.store
    store.conn.execute("PRAGMA busy_timeout = 200")
    dialog = window.editor.edit_event(store.event_ids_in_order()[0])
    dialog.title_edit.setText("Edited while busy")
    lock = sqlite3.connect(store.path, isolation_level=None)
    lock.execute("BEGIN EXCLUSIVE")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert said and "is busy" in said[0] and dialog.isVisible()
    lock.execute("ROLLBACK")
    lock.close()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # try again: saved
    assert not dialog.isVisible() and len(said) == 1
    assert store.get_event(store.event_ids_in_order()[0]).title == "Edited while busy"
    assert window.editor.stack.count() == 1


# -- 8. read-only media and full disks --------------------------------------------------------

def test_a_database_on_read_only_media_opens_to_browse_and_export(db_path: Path,
                                                                   tmp_path: Path):
    from tracker.io import export_data

    Store.open(db_path).close()
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

    Store.open(db_path).close()
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


# -- 9. and 6. searches stay small ----------------------------------------------------------

def test_a_huge_paste_in_the_search_box_is_cut_and_searched_calmly(qtbot, window):
    from PySide6.QtWidgets import QApplication

    from tracker.model.filters import MAX_SEARCH_CHARS

    QApplication.clipboard().setText("北京会谈" * 5000)
    window.search.box.setFocus()
    window.search.box.paste()
    assert len(window.search.box.text()) == MAX_SEARCH_CHARS
    window.search.apply()  # no error dialog: a plain search with no hits
    assert window.model.rowCount() == 0
    window.search.set_text(" ".join(f"w{i}" for i in range(20)))
    assert "20 different words" in window.statusBar().currentMessage()
    assert window.filter.search == "北京会谈" * (MAX_SEARCH_CHARS // 4)  # the last search stands


def test_a_repeated_word_is_searched_once():
    from tracker.model.filters import fts_query, search_problem

    assert fts_query(" ".join(["a"] * 200)) == '"a"*'
    assert search_problem(" ".join(["a"] * 200)) is None


# -- 6. imports in time linear in the file -----------------------------------------------------

def test_the_duplicate_check_asks_the_database_once_per_date_window(empty_store: Store,
                                                                    tmp_path: Path):
    from tracker.io import import_data

    rows = "".join(f"Meeting {i},27 Feb 2019\r\n" for i in range(2000))
    rows += "MEETING 7,27 Feb 2019\r\nmeeting 8,27 Feb 2019\r\n"  # the same, in other case
    path = tmp_path / "same-day.csv"
    path.write_text("title,date_text\r\n" + rows, encoding="utf-8")
    asked: list[str] = []
    empty_store.conn.set_trace_callback(asked.append)
    report = import_data(empty_store, path)
    empty_store.conn.set_trace_callback(None)
    assert (report.added, report.present) == (2000, 2)
    assert sum("FROM events WHERE day_lo = ? AND day_hi = ?" in q for q in asked) <= 1
    again = import_data(empty_store, path)  # a second import finds them all in the database
    assert (again.added, again.present) == (0, 2002)


def test_a_rejected_record_leaves_nothing_behind_in_the_duplicate_check(empty_store: Store,
                                                                        tmp_path: Path):
    from tracker.io import import_data

    path = tmp_path / "x.csv"
    path.write_text("title,date_text,status\r\nTalks,27 Feb 2019,nonsense\r\n"
                    "Talks,27 Feb 2019,\r\n", encoding="utf-8")
    report = import_data(empty_store, path, on_error="skip")
    assert (report.added, report.present, len(report.rejected)) == (1, 0, 1)


def test_the_apps_own_slide_parts_are_dropped_in_one_pass():
    from tracker.io.timelinejs import _drop_ours

    assert _drop_ours('a<p class="tracker-meta">x</p>b<blockquote class="tracker-quote">q'
                      '</blockquote>c') == "abc"
    unclosed = 'a<p class="tracker-meta">x b ' + '<p class="tracker-x">' * 3
    assert _drop_ours(unclosed) == unclosed
    assert _drop_ours('<p class="tracker-a">1</p><p class="other">2</p>') == '<p class="other">2</p>'


def test_a_search_that_would_hold_the_window_is_refused(qtbot, window, monkeypatch):
    import tracker.gui.search as search

    window.search.set_text("summit")
    assert window.filter.search == "summit"
    monkeypatch.setattr(search, "SEARCH_SECONDS", -1.0)  # every search is too slow now
    window.search.set_text("Kim")
    assert "would take more than" in window.statusBar().currentMessage()
    assert window.filter.search == "summit"  # the last search stands
    assert window.store.conn.execute("SELECT count(*) FROM events").fetchone()[0] == 8


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


def test_undoing_a_chain_of_own_steps_never_asks(qtbot, window, monkeypatch):
    import tracker.gui.editing as editing
    from tracker.gui.commands import AddEventCommand, DeleteEventCommand, EditEventCommand

    asked: list[str] = []
    monkeypatch.setattr(editing, "ask_step_conflict",
                        lambda parent, title, step: asked.append(title) or "cancel")
    store = window.store
    before = store.count_events()
    add = AddEventCommand(store, _event("Mine"))
    assert window.editor.run(add)
    for title in ("Mine, edited", "Mine, edited again"):
        edited = store.get_event(add.event_id)
        edited.title = title
        assert window.editor.run(EditEventCommand(store, edited, expected_version=edited.version))
    assert window.editor.run(DeleteEventCommand(store, add.event_id))
    for _ in range(4):
        assert window.editor.undo()
    assert store.count_events() == before
    for _ in range(4):
        assert window.editor.redo()
    assert store.count_events() == before and not asked
