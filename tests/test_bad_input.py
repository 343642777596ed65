"""A catalogue of bad input: dialog fields, command-line arguments, import files and
database files. Every case names the clear message a person gets (a substring) and
proves that nothing was lost: the database compared row by row before and after, or
the bytes of a damaged file unchanged. No case may show a traceback or a raw error.

SQL-looking and HTML-looking text is not bad input: it must be stored and shown exactly
as typed, and those cases check that instead.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from helpers import dump
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from sqlite_utils import Database

from tracker.io import DataFileError, import_data
from tracker.model.entities import Event
from tracker.model.fuzzydate import FuzzyDate
from tracker.store import Store, StoreError

SQL = "'); DROP TABLE events; --"
HTML = "<img src=x onerror=alert(1)>"
TEN_MB = "T" * 10_000_000
CSV_HEAD = "title,date_text,end_text,start,end\r\n"


# -- the context each case runs in -------------------------------------------------------

@dataclass
class Ctx:
    tmp: Path
    db: Path  # a seeded database file, closed
    qtbot: Any
    run_tracker: Callable
    _stores: list[Store] = field(default_factory=list)

    def store(self) -> Store:
        if not self._stores:
            self._stores.append(Store.open(self.db))
        return self._stores[0]

    def close(self) -> None:
        for s in self._stores:
            s.close()

    def file(self, name: str, data: bytes | str) -> Path:
        path = self.tmp / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return path

    def cli(self, *args: str, ok: bool = False) -> str:
        """Run `tracker --db DB ARGS`; a refusal must exit non-zero (1 or 2) without a traceback."""
        result = self.run_tracker("--db", str(self.db), *args)
        text = result.stdout + result.stderr
        if ok:
            assert result.returncode == 0, text
        else:
            assert result.returncode in (1, 2), (result.returncode, text)
        return text


def _file_dump(path: Path) -> dict:
    conn = sqlite3.connect(path)
    try:
        return dump(conn)
    finally:
        conn.close()


def _event(title: str = "Hanoi summit", **kw) -> Event:
    return Event(None, "", title, FuzzyDate.exact(dt.date(2019, 2, 27)), **kw)


# -- import files -------------------------------------------------------------------------

def _import(ctx: Ctx, name: str, data: bytes | str, on_error: str = "abort") -> str:
    with pytest.raises(DataFileError) as exc:
        import_data(ctx.store(), ctx.file(name, data), on_error=on_error)
    return str(exc.value)


def _import_cli(ctx: Ctx, name: str, data: bytes | str) -> str:
    return ctx.cli("import", str(ctx.file(name, data)))


def _tracker_json(**event) -> str:
    base = {"uid": "bad-1", "title": "Hanoi summit",
            "start": {"earliest": "2019-02-27", "latest": "2019-02-28", "precision": "days",
                      "words": "27–28 Feb 2019"}}
    return json.dumps({"format": "diplomacy-timeline-tracker", "version": 1,
                       "events": [{**base, **event}]})


UTF16_CSV = (CSV_HEAD + "Hanoi summit,27 Feb 2019,,,\r\n").encode("utf-16")
LATIN1_CSV = (CSV_HEAD + "Réunion à Hanoï,27 Feb 2019,,,\r\n").encode("latin-1")
BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


# -- dialogs ------------------------------------------------------------------------------

def _event_dialog(ctx: Ctx, title: str = "Hanoi summit", date: str = "27 Feb 2019",
                  end: str = ""):
    from tracker.gui.event_dialog import EventDialog

    dialog = EventDialog(ctx.store(), reference=dt.date(2019, 1, 19))
    ctx.qtbot.addWidget(dialog)
    dialog.title_edit.setText(title)
    dialog.date_edit.setText(date)
    dialog.end_edit.setText(end)
    return dialog


def _refused(dialog) -> str:
    assert not dialog.ok_button.isEnabled()
    result = dialog.result_event if hasattr(dialog, "result_event") else dialog.result_source
    with pytest.raises(ValueError):
        result()
    shown = " ".join(label.text() for label in dialog.findChildren(QLabel))
    for message in dialog.problems().values():
        assert message in shown  # the message is on screen, under its field
    return " ".join(dialog.problems().values())


def _event_field(ctx: Ctx, **fields) -> str:
    return _refused(_event_dialog(ctx, **fields))


def _source_file(ctx: Ctx, name: str, data: bytes) -> str:
    from tracker.gui.source_dialog import SourceDialog

    dialog = SourceDialog()
    ctx.qtbot.addWidget(dialog)
    dialog.title_edit.setText("An article")
    dialog.published_edit.setText("2019-01-19")
    assert not dialog.load_file(ctx.file(name, data))
    assert dialog.text_edit.toPlainText() == ""  # the bad file's content was not taken
    return _refused(dialog)


def _source_field(ctx: Ctx, published: str = "2019-01-19", url: str = "") -> str:
    from tracker.gui.source_dialog import SourceDialog

    dialog = SourceDialog()
    ctx.qtbot.addWidget(dialog)
    dialog.title_edit.setText("An article")
    dialog.text_edit.setPlainText("Some text of the article.")
    dialog.published_edit.setText(published)
    dialog.url_edit.setText(url)
    return _refused(dialog)


def _export_dialog(ctx: Ctx, first: str = "2019-01-01", last: str = "2019-03-01",
                   path: str = "timeline.png") -> str:
    from tracker.gui.export_dialog import ExportImageDialog

    dialog = ExportImageDialog((dt.date(2019, 1, 1), dt.date(2019, 3, 1)), ctx.tmp)
    ctx.qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(ctx.tmp / path))
    dialog.range_dates.setChecked(True)
    dialog.from_edit.setText(first)
    dialog.to_edit.setText(last)
    assert not dialog.ok_button.isEnabled()
    assert not list(ctx.tmp.glob("*.png"))
    return " ".join(dialog.problems().values())


# -- text that is not bad: stored and shown literally --------------------------------------

def _literal_in_dialog(ctx: Ctx, text: str) -> str:
    from tracker.gui.event_dialog import EventDialog

    dialog = _event_dialog(ctx, title=text)
    dialog.location_edit.setText(text)
    dialog.summary_edit.setPlainText(text)
    assert dialog.ok_button.isEnabled(), dialog.problems()
    store = ctx.store()
    event_id = store.add_event(dialog.result_event())
    stored = store.get_event(event_id)
    assert (stored.title, stored.location, stored.summary) == (text, text, text)
    assert store.count_events() == len(_seed_titles()) + 1  # nothing dropped, one added
    again = EventDialog(store, event=stored)
    ctx.qtbot.addWidget(again)
    assert again.title_edit.text() == text
    assert again.windowTitle() == f"Edit Event — {text}"
    for label in again.findChildren(QLabel):
        if label.text() and label.buddy() is None:
            assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
    return again.windowTitle()


def _literal_in_cli(ctx: Ctx, text: str) -> str:
    new_id = ctx.cli("add", "--title", text, "--date", "27 Feb 2019", "--location", text,
                     "--summary", text, "--tag", text, ok=True).strip()
    listed = json.loads(ctx.cli("list", "--json", ok=True))
    assert len(listed) == len(_seed_titles()) + 1
    mine = next(e for e in listed if str(e["id"]) == new_id)
    assert (mine["title"], mine["location"], mine["summary"], mine["tags"]) == \
        (text, text, text, [text])
    return ctx.cli("list", ok=True)


def _literal_import(ctx: Ctx, text: str) -> str:
    report = import_data(ctx.store(), ctx.file("odd.json", _tracker_json(title=text,
                                                                        summary=text)))
    assert report.added == 1
    stored = next(e for e in ctx.store().list_events() if e.uid == "bad-1")
    assert (stored.title, stored.summary) == (text, text)
    return ctx.cli("list", ok=True)


_SEED: list[str] = []


def _seed_titles() -> list[str]:
    return _SEED


# -- databases ----------------------------------------------------------------------------

def _copy(ctx: Ctx, name: str = "copy.db") -> Path:
    target = ctx.tmp / name
    shutil.copyfile(ctx.db, target)
    return target


def _unchanged_file(ctx: Ctx, path: Path, action: Callable[[Path], str]) -> str:
    before = path.read_bytes()
    message = action(path)
    assert path.read_bytes() == before, "the damaged file was written to"
    return message


def _cli_on(ctx: Ctx, *args: str) -> Callable[[Path], str]:
    def run(path: Path) -> str:
        result = ctx.run_tracker(*args, "--db", str(path))
        assert result.returncode in (1, 2), result.stdout + result.stderr
        return result.stdout + result.stderr
    return run


def _open_refused(path: Path) -> str:
    with pytest.raises(StoreError) as exc:
        Store.open(path)
    return str(exc.value)


def _truncated(ctx: Ctx) -> Path:
    path = _copy(ctx)
    data = path.read_bytes()
    path.write_bytes(data[:len(data) // 2])
    return path


def _page_of(path: Path, table: str) -> tuple[int, int]:
    """(offset of the table's root page in the file, page size)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                            (table,)).fetchone()[0]
    finally:
        conn.close()
    return (root - 1) * size, size


def _corrupt(ctx: Ctx, where: str, table: str = "events") -> Path:
    """A copy whose events page is damaged: its b-tree header, or the cell pointers after
    it (bytes in the page's middle may be free space or text, which no check can see)."""
    path = _copy(ctx)
    offset, _size = _page_of(path, table)
    data = bytearray(path.read_bytes())
    if where == "header":
        data[offset:offset + 12] = b"\xff" * 12
    else:
        data[offset + 12:offset + 20] = b"\xa5" * 8
    path.write_bytes(bytes(data))
    return path


def _locked(ctx: Ctx, action: Callable[[], str]) -> str:
    """Another connection holds the write lock (BEGIN EXCLUSIVE) longer than the busy
    timeout while ``action`` runs."""
    lock = sqlite3.connect(ctx.db, isolation_level=None)
    lock.execute("BEGIN EXCLUSIVE")
    try:
        return action()
    finally:
        lock.execute("ROLLBACK")
        lock.close()


def _locked_store_write(ctx: Ctx) -> str:
    store = ctx.store()
    store.conn.execute("PRAGMA busy_timeout = 200")  # the same wait, shortened for the test

    def write() -> str:
        with pytest.raises(StoreError) as exc:
            store.add_event(_event())
        return str(exc.value)

    return _locked(ctx, write)


def _read_only_store(ctx: Ctx, action: Callable[[Store], Any]) -> str:
    """The database opened through SQLite's read-only URI, as on a read-only disk (root
    ignores file permissions, so chmod would prove nothing here)."""
    conn = sqlite3.connect(f"file:{ctx.db}?mode=ro", uri=True, isolation_level=None)
    store = Store(Database(conn), ctx.db)
    try:
        with pytest.raises(StoreError) as exc:
            action(store)
        return str(exc.value)
    finally:
        conn.close()


def _full_disk(ctx: Ctx, action: Callable[[Store], Any]) -> str:
    """SQLite's max_page_count set to the file's size: the next page it needs is refused
    with SQLITE_FULL ("database or disk is full"), as on a full disk."""
    store = ctx.store()
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StoreError) as exc:
        action(store)
    return str(exc.value)


def _big_event() -> Event:
    return _event(summary="A long summary. " * 5000)


def _big_import(ctx: Ctx) -> Path:
    events = [{"uid": f"big-{i}", "title": f"Event {i}", "summary": "words " * 2000,
               "start": {"earliest": "2019-02-27", "latest": "2019-02-27", "precision": "day",
                         "words": ""}} for i in range(20)]
    return ctx.file("big.json", json.dumps({"format": "diplomacy-timeline-tracker",
                                            "version": 1, "events": events}))


# -- the catalogue --------------------------------------------------------------------------

@dataclass(frozen=True)
class Case:
    id: str
    run: Callable[[Ctx], str]
    expect: str  # what the person is told (a substring of it)


CASES = [
    # Import files, through import_data (the GUI's path) and `tracker import`.
    Case("import-empty-json", lambda c: _import(c, "x.json", b""), "is empty"),
    Case("import-blank-csv-cli", lambda c: _import_cli(c, "x.csv", b"  \r\n\r\n"), "is empty"),
    Case("import-binary-csv", lambda c: _import(c, "x.csv", BINARY), "binary file"),
    Case("import-binary-json-cli", lambda c: _import_cli(c, "x.json", BINARY), "binary file"),
    Case("import-latin1-csv", lambda c: _import(c, "x.csv", LATIN1_CSV), "not UTF-8"),
    Case("import-latin1-ics-cli",
         lambda c: _import_cli(c, "x.ics", "BEGIN:VCALENDAR\r\nSUMMARY:Café\r\n".encode("latin-1")),
         "not UTF-8"),
    Case("import-utf16-csv", lambda c: _import(c, "x.csv", UTF16_CSV), "UTF-16 text, not UTF-8"),
    Case("import-utf16-json-cli",
         lambda c: _import_cli(c, "x.json", _tracker_json().encode("utf-16")), "UTF-16"),
    Case("import-utf16-no-bom", lambda c: _import(c, "x.csv", UTF16_CSV[2:]), "binary file"),
    Case("import-10mb-title-json", lambda c: _import(c, "x.json", _tracker_json(title=TEN_MB)),
         "10,000,000 characters long; keep it to 500"),
    Case("import-10mb-title-csv-cli",
         lambda c: _import_cli(c, "x.csv", CSV_HEAD + TEN_MB + ",27 Feb 2019,,,\r\n"),
         "line 2: a cell is longer than 131,072 characters"),
    Case("import-nul-in-title-json",
         lambda c: _import(c, "x.json", _tracker_json(title="Hanoi\x00summit")),
         "NUL character"),
    Case("import-nul-in-title-skip",
         lambda c: _import_skip_nul(c), "NUL character"),
    Case("import-date-0000-00-00-csv",
         lambda c: _import(c, "x.csv", CSV_HEAD + "Hanoi summit,0000-00-00,,,\r\n"),
         "line 2, date_text: '0000-00-00': there is no year 0"),
    Case("import-31-feb-csv-cli",
         lambda c: _import_cli(c, "x.csv", CSV_HEAD + "Hanoi summit,31 Feb 2019,,,\r\n"),
         "February 2019 has 28 days"),
    Case("import-year-99999-json",
         lambda c: _import(c, "x.json", _tracker_json(start={"earliest": "99999-01-01"})),
         "start"),
    Case("import-year-99999-timelinejs",
         lambda c: _import(c, "x.timelinejs.json", json.dumps({"events": [
             {"start_date": {"year": 99999}, "text": {"headline": "Far future"}}]})),
         "start_date.year: 99999 is not between 1 and 9999"),
    Case("import-end-before-start-csv",
         lambda c: _import(c, "x.csv", CSV_HEAD + "Hanoi summit,28 Feb 2019,1 Feb 2019,,\r\n"),
         "line 2"),
    Case("import-end-before-start-json",
         lambda c: _import(c, "x.json", _tracker_json(end={"earliest": "2019-01-01"})),
         "ends before it starts"),
    Case("import-end-before-start-timelinejs-cli",
         lambda c: _import_cli(c, "x.timelinejs.json", json.dumps({"events": [
             {"start_date": {"year": 2019, "month": 3}, "end_date": {"year": 2018},
              "text": {"headline": "Backwards"}}]})),
         "end_date: is before start_date"),
    Case("import-json-wrong-shape", lambda c: _import(c, "x.json", "[1, 2, 3]"),
         "not a tracker export"),
    Case("import-json-newer-version-cli",
         lambda c: _import_cli(c, "x.json", '{"format": "diplomacy-timeline-tracker", '
                                            '"version": 99, "events": []}'),
         "newer version of the tracker"),
    Case("import-ics-without-calendar", lambda c: _import(c, "x.ics", "SUMMARY:Hanoi\r\n"),
         "not an iCalendar file"),
    Case("import-sql-title-stored-literally", lambda c: _literal_import(c, SQL), SQL),
    Case("import-html-title-stored-literally", lambda c: _literal_import(c, HTML), HTML),

    # Dialog fields: the event editor, the source dialog, the image export dialog.
    Case("event-dialog-10mb-title", lambda c: _event_field(c, title=TEN_MB),
         "keep it to 500 or fewer"),
    Case("event-dialog-nul-in-title", lambda c: _event_field(c, title="Hanoi\x00summit"),
         "NUL character"),
    Case("event-dialog-0000-00-00", lambda c: _event_field(c, date="0000-00-00"),
         "there is no year 0"),
    Case("event-dialog-31-feb", lambda c: _event_field(c, date="31 Feb 2019"),
         "February 2019 has 28 days"),
    Case("event-dialog-year-99999", lambda c: _event_field(c, date="1 Jan 99999"),
         "year 99999 is out of range"),
    Case("event-dialog-end-before-start",
         lambda c: _event_field(c, date="28 Feb 2019", end="1 Feb 2019"),
         "is before the start"),
    Case("event-dialog-sql-stored-literally", lambda c: _literal_in_dialog(c, SQL), SQL),
    Case("event-dialog-html-stored-literally", lambda c: _literal_in_dialog(c, HTML), HTML),
    Case("source-dialog-empty-file", lambda c: _source_file(c, "a.txt", b""), "is empty"),
    Case("source-dialog-binary-file", lambda c: _source_file(c, "a.txt", BINARY),
         "binary file"),
    Case("source-dialog-latin1-file",
         lambda c: _source_file(c, "a.txt", "Réunion à Hanoï".encode("latin-1")),
         "the encoding is not UTF-8"),
    Case("source-dialog-utf16-file",
         lambda c: _source_file(c, "a.txt", "Hanoi summit".encode("utf-16")),
         "encoded as UTF-16, not UTF-8"),
    Case("source-dialog-published-0000-00-00",
         lambda c: _source_field(c, published="0000-00-00"), "is not a real date"),
    Case("source-dialog-published-31-feb",
         lambda c: _source_field(c, published="2019-02-31"), "is not a real date"),
    Case("source-dialog-javascript-url",
         lambda c: _source_field(c, url="javascript:alert(1)"), "must start with http"),
    Case("export-dialog-0000-00-00", lambda c: _export_dialog(c, first="0000-00-00"),
         "'0000-00-00' is not a date"),
    Case("export-dialog-year-99999", lambda c: _export_dialog(c, last="99999"),
         "'99999' is not a date"),
    Case("export-dialog-end-before-start",
         lambda c: _export_dialog(c, first="2019-03-01", last="2019-01-01"),
         "The end of the range is before its start"),
    Case("export-dialog-nul-in-file-name", lambda c: _export_dialog(c, path="time\x00line.png"),
         "NUL character"),

    # Command-line arguments.
    Case("cli-add-0000-00-00", lambda c: c.cli("add", "--title", "T", "--date", "0000-00-00"),
         "there is no year 0"),
    Case("cli-add-31-feb", lambda c: c.cli("add", "--title", "T", "--date", "31 Feb 2019"),
         "February 2019 has 28 days"),
    Case("cli-add-year-99999", lambda c: c.cli("add", "--title", "T", "--date", "1 Jan 99999"),
         "year 99999 is out of range"),
    Case("cli-add-end-before-start",
         lambda c: c.cli("add", "--title", "T", "--date", "28 Feb 2019", "--end", "1 Feb 2019"),
         "is before the start"),
    # A 10 MB argument cannot be passed at all (the kernel caps one at 128 KB): 100 KB.
    Case("cli-add-100kb-title", lambda c: c.cli("add", "--title", "T" * 100_000,
                                                "--date", "27 Feb 2019"),
         "100,000 characters long; keep it to 500"),
    Case("cli-edit-missing-event", lambda c: c.cli("edit", "99999", "--title", "T"),
         "There is no event with id 99999"),
    Case("cli-export-bad-from", lambda c: c.cli("export", str(c.tmp / "t.png"), "--from",
                                                "0000-00-00"), "'0000-00-00' is not a date"),
    Case("cli-add-sql-stored-literally", lambda c: _literal_in_cli(c, SQL), SQL),
    Case("cli-add-html-stored-literally", lambda c: _literal_in_cli(c, HTML), HTML),

    # Database files.
    Case("db-binary-file-cli",
         lambda c: _unchanged_file(c, c.file("x.db", BINARY), _cli_on(c, "list")),
         "is not a tracker database (it is not an SQLite file)"),
    Case("db-utf16-text-file",
         lambda c: _unchanged_file(c, c.file("x.db", "Hanoi".encode("utf-16")), _open_refused),
         "is not a tracker database"),
    Case("db-folder", lambda c: _open_refused(c.tmp), "it is a folder, not a file"),
    Case("db-truncated-cli", lambda c: _unchanged_file(c, _truncated(c), _cli_on(c, "list")),
         "is damaged"),
    Case("db-truncated-open", lambda c: _unchanged_file(c, _truncated(c), _open_refused),
         "is damaged"),
    Case("db-corrupt-page-header-cli",
         lambda c: _unchanged_file(c, _corrupt(c, "header"), _cli_on(c, "list")), "is damaged"),
    Case("db-corrupt-page-middle-cli",
         lambda c: _unchanged_file(c, _corrupt(c, "middle"), _cli_on(c, "list", "--json")),
         "is damaged"),
    Case("db-corrupt-page-add-cli",
         lambda c: _unchanged_file(c, _corrupt(c, "header"), _cli_on(
             c, "add", "--title", "T", "--date", "27 Feb 2019")), "is damaged"),
    Case("db-locked-cli-add",
         lambda c: _locked(c, lambda: c.cli("add", "--title", "T", "--date", "27 Feb 2019")),
         "is busy: another tracker window or command is writing to it"),
    Case("db-locked-cli-import",
         lambda c: _locked(c, lambda: _import_cli(c, "x.json", _tracker_json())), "is busy"),
    Case("db-locked-store-write", _locked_store_write, "is busy"),
    Case("db-read-only-add", lambda c: _read_only_store(c, lambda s: s.add_event(_event())),
         "is read-only"),
    Case("db-read-only-import",
         lambda c: _read_only_store(c, lambda s: import_data(s, c.file("x.json", _tracker_json()))),
         "is read-only"),
    Case("db-full-disk-add", lambda c: _full_disk(c, lambda s: s.add_event(_big_event())),
         "The disk is full"),
    Case("db-full-disk-edit", lambda c: _full_disk(c, lambda s: s.update_event(
        _grown(s.get_event(s.event_ids_in_order()[0])))), "The disk is full"),
    Case("db-full-disk-import-skip",
         lambda c: _full_disk(c, lambda s: import_data(s, _big_import(c), on_error="skip")),
         "The disk is full"),
]


# -- safety holes found by attacking the app (issue 14) ------------------------------------

EVIL = ("AFTER INSERT ON events BEGIN DELETE FROM events WHERE id <> new.id; "
        "UPDATE sources SET url = 'https://evil.example'; END")


def _with_trigger(ctx: Ctx, name: str, *, writable_schema: bool = False) -> Path:
    """A copy of the database carrying a stranger's trigger that wipes the other events
    on the first insert; ``writable_schema`` writes it straight into sqlite_master, the
    only way to give it a name that starts with "sqlite_"."""
    path = _copy(ctx, f"{name}.db")
    conn = sqlite3.connect(path)
    sql = f"CREATE TRIGGER {name} {EVIL}"
    if writable_schema:
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute("INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql) "
                     "VALUES ('trigger', ?, 'events', 0, ?)", (name, sql))
    else:
        conn.execute(sql)
    conn.commit()
    conn.close()
    return path


def _restore_cli(ctx: Ctx, backup: Path) -> str:
    return ctx.cli("restore", str(backup))


def _window(ctx: Ctx):
    from tracker.gui.main_window import MainWindow

    window = MainWindow(ctx.store())
    ctx.qtbot.addWidget(window)
    return window


def _said(action: Callable[[], Any]) -> str:
    """What the window told the person (warnings and the step-conflict question) while
    ``action`` ran; the question is answered Cancel."""
    from unittest import mock

    from PySide6.QtWidgets import QMessageBox

    import tracker.gui.editing as editing

    said: list[str] = []
    with mock.patch.object(QMessageBox, "warning", lambda parent, title, text: said.append(text)), \
            mock.patch.object(editing, "ask_step_conflict",
                              lambda parent, title, step: said.append(
                                  f"{title!r} was changed elsewhere; {step} asks") or "cancel"):
        action()
    return " ".join(said)


def _undo_over_cli_change(ctx: Ctx, cli_action: str) -> str:
    """The window edits an event, the command line then edits (or deletes) it, and the
    window's Undo must not silently overwrite that; the stack stays where it was."""
    store = ctx.store()
    window = _window(ctx)
    event_id = store.event_ids_in_order()[0]
    edited = store.get_event(event_id)
    edited.title = "Edited in the window"
    from tracker.gui.commands import EditEventCommand

    assert window.editor.run(EditEventCommand(store, edited, expected_version=edited.version))
    args = (["edit", str(event_id), "--title", "Edited in the terminal"]
            if cli_action == "edit" else ["delete", str(event_id)])
    ctx.cli(*args, ok=True)
    before = _file_dump(ctx.db)
    shown = _said(window.editor.act_undo.trigger)
    assert window.editor.stack.index() == 1  # a step not done leaves the stack as it was
    assert _file_dump(ctx.db) == before  # the terminal's change stands
    window.close()
    return shown


def _backup_of_damaged(ctx: Ctx) -> str:
    """`tracker backup` of a damaged file: refused, no copy written, the file untouched."""
    out = ctx.tmp / "out.db"
    message = _unchanged_file(ctx, _corrupt(ctx, "middle"), _cli_on(ctx, "backup", str(out)))
    assert not out.exists() and not list(ctx.tmp.glob(".out.db*"))
    return message


def _backup_to(ctx: Ctx, name: str) -> str:
    message = ctx.cli("backup", str(ctx.tmp / name))
    assert not (ctx.tmp / name).exists()
    return message


def _far_date_exports(ctx: Ctx, day: str) -> str:
    """An event on the first or last day the app accepts: every export works."""
    ctx.cli("add", "--title", "Far away", "--date", day, ok=True)
    said = [ctx.cli("export", str(ctx.tmp / "far.png"), ok=True),
            ctx.cli("export", str(ctx.tmp / "near.svg"), "--from", "2018", "--to", "2019", ok=True)]
    for name in ("far.ics", "far.json", "far.csv", "far.timelinejs.json"):
        said.append(ctx.cli("export-data", str(ctx.tmp / name), ok=True))
    assert (ctx.tmp / "far.png").read_bytes()[:4] == b"\x89PNG"
    return " ".join(said)


def _editor_save_fails(ctx: Ctx, trouble: str) -> str:
    """OK in the event editor while the database is busy or the disk full: the message
    is shown and the dialog stays open with everything typed."""
    window = _window(ctx)
    store = ctx.store()
    dialog = window.editor.new_event()
    dialog.title_edit.setText("Hanoi summit")
    dialog.date_edit.setText("27 Feb 2019")
    dialog.summary_edit.setPlainText("A long summary. " * (5000 if trouble == "full" else 1))
    assert dialog.ok_button.isEnabled(), dialog.problems()

    def press_ok() -> str:
        return _said(lambda: ctx.qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton))

    if trouble == "busy":
        store.conn.execute("PRAGMA busy_timeout = 200")
        shown = _locked(ctx, press_ok)
    else:
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages}")
        shown = press_ok()
    assert dialog.isVisible() and window.editor.dialog is dialog
    assert (dialog.title_edit.text(), dialog.date_edit.text()) == ("Hanoi summit", "27 Feb 2019")
    assert dialog.summary_edit.toPlainText().startswith("A long summary.")
    dialog.reject()
    window.close()
    return shown


def _read_only_media(ctx: Ctx) -> str:
    """A database on read-only media opens to browse: listed in full, writes refused."""
    from helpers import read_only_media

    with read_only_media(ctx.db):
        store = Store.open(ctx.db)
    try:
        assert store.count_events() == len(_seed_titles())
        with pytest.raises(StoreError) as exc:
            store.add_event(_event())
    finally:
        store.close()
    return str(exc.value)


def _create_fails(ctx: Ctx) -> str:
    """A new database that cannot be written (the file size limit standing in for a full
    disk): one message, and no half-made file left behind."""
    from helpers import run_limited

    result = run_limited(["list", "--db", "new.db"], ctx.tmp, 16 * 1024)
    assert result.returncode == 1
    assert not any(p.name.startswith("new.db") for p in ctx.tmp.iterdir())
    return result.stderr


def _image_write_fails(ctx: Ctx) -> str:
    """An image export that runs out of room keeps the earlier image as it was."""
    from helpers import run_limited

    image = ctx.tmp / "timeline.png"
    ctx.cli("export", str(image), "--width", "400", "--height", "300", ok=True)
    good = image.read_bytes()
    result = run_limited(["export", str(image), "--db", str(ctx.db), "--width", "8000",
                          "--height", "6000"], ctx.tmp, 256 * 1024)
    assert result.returncode == 1 and image.read_bytes() == good
    assert [p.name for p in ctx.tmp.iterdir() if p.suffix == ".png"] == ["timeline.png"]
    return result.stderr


def _date_tooltip_literal(ctx: Ctx) -> str:
    """Date words with markup show literally in the table's tooltip, like every field."""
    from PySide6 import QtGui
    from PySide6.QtGui import QTextDocument

    from tracker.gui.event_table import EventTableModel

    store = ctx.store()
    day = dt.date(2019, 2, 27)
    store.add_event(Event(None, "", "Hanoi summit", FuzzyDate(day, day, "day", HTML)))
    model = EventTableModel(store)
    row = next(r for r in range(model.rowCount()) if model.data(model.index(r, 1)) == "Hanoi summit")
    tip = model.data(model.index(row, 0), Qt.ItemDataRole.ToolTipRole)
    doc = QTextDocument()
    doc.setHtml(tip) if QtGui.Qt.mightBeRichText(tip) else doc.setPlainText(tip)
    return doc.toPlainText()


def _disguised_address(ctx: Ctx, url: str) -> str:
    """The "Open Source Page" question names the site plainly, whatever the address hides."""
    from unittest import mock

    from PySide6.QtWidgets import QMessageBox

    from tracker.gui.main_window import MainWindow
    from tracker.model.entities import Excerpt, Source

    store = Store.open(_copy(ctx))  # the catalogue's own file stays as it was
    ctx._stores.append(store)
    text = "The talks in Hanoi ended early."
    source_id = store.add_source(Source(None, "", "Report", text, url=url))
    event_id = store.add_event(Event(None, "", "Talks end", FuzzyDate.exact(dt.date(2019, 2, 28)),
                                     excerpts=[Excerpt(source_id, 4, 19, "talks in Hanoi ")]))
    window = MainWindow(store)
    ctx.qtbot.addWidget(window)
    window.select_event(event_id)
    asked: list[str] = []
    with mock.patch.object(QMessageBox, "question", lambda parent, title, text, *a: asked.append(
            text) or QMessageBox.StandardButton.No):
        assert window.detail.open_source_url() is False
    window.close()
    return asked[0]


SAFETY_CASES = [
    # 1. A stranger's trigger, whatever its name, is refused before it can run.
    Case("db-trigger-named-sqlitex-add-cli",
         lambda c: _unchanged_file(c, _with_trigger(c, "sqlitex_evil"), _cli_on(
             c, "add", "--title", "T", "--date", "27 Feb 2019")),
         "contains trigger 'sqlitex_evil' that the tracker did not create"),
    Case("db-trigger-named-sqlite-add-cli",
         lambda c: _unchanged_file(c, _with_trigger(c, "sqlite_evil", writable_schema=True),
                                   _cli_on(c, "add", "--title", "T", "--date", "27 Feb 2019")),
         "contains trigger 'sqlite_evil' that the tracker did not create"),
    Case("restore-backup-with-foreign-trigger-cli",
         lambda c: _restore_cli(c, _with_trigger(c, "sqlitex_evil")),
         "contains trigger 'sqlitex_evil' that the tracker did not create"),
    # 2. Undo never overwrites or deletes what another writer committed meanwhile.
    Case("undo-edit-after-cli-edit", lambda c: _undo_over_cli_change(c, "edit"),
         "'Edited in the terminal' was changed elsewhere; Undo asks"),
    Case("undo-edit-after-cli-delete", lambda c: _undo_over_cli_change(c, "delete"),
         "was deleted elsewhere (in another window or by the command line)"),
    # 3. Restore and backup check what they copy.
    Case("restore-damaged-backup-cli", lambda c: _restore_cli(c, _corrupt(c, "middle")),
         "is damaged"),
    Case("restore-truncated-backup-cli", lambda c: _restore_cli(c, _truncated(c)), "damaged"),
    Case("backup-of-damaged-database-cli", _backup_of_damaged, "is damaged"),
    Case("backup-to-wal-name-cli", lambda c: _backup_to(c, "t.db-wal"),
         "a name ending in -wal, -shm or -journal is one SQLite uses"),
    # 4. Damage anywhere is found before anything is read or written.
    Case("db-damaged-actors-page-add-cli",
         lambda c: _unchanged_file(c, _corrupt(c, "header", "actors"), _cli_on(
             c, "add", "--title", "T", "--date", "27 Feb 2019", "--actor", "Kim Yo Jong")),
         "is damaged"),
    Case("db-damaged-tags-page-list-cli",
         lambda c: _unchanged_file(c, _corrupt(c, "header", "event_tags"),
                                   _cli_on(c, "list", "--json")), "is damaged"),
    Case("db-damaged-sources-page-open",
         lambda c: _unchanged_file(c, _corrupt(c, "header", "sources"), _open_refused),
         "is damaged"),
    # 5. The first and last days the app accepts draw and export (an event is added).
    Case("cli-add-0001-01-01-exports", lambda c: _far_date_exports(c, "0001-01-01"),
         "far.timelinejs.json (9 events)"),
    Case("cli-add-9999-12-31-exports", lambda c: _far_date_exports(c, "9999-12-31"),
         "far.ics (9 events)"),
    # 7. A save that fails keeps the editor open with what was typed.
    Case("event-dialog-ok-while-busy", lambda c: _editor_save_fails(c, "busy"),
         "is busy: another tracker window or command is writing to it"),
    Case("event-dialog-ok-on-full-disk", lambda c: _editor_save_fails(c, "full"),
         "The disk is full"),
    # 8. Read-only media and full disks.
    Case("db-on-read-only-media-add", _read_only_media,
         "is on a read-only disk or is a read-only file: it was opened to browse and export"),
    Case("db-create-fails-cli", _create_fails, "Nothing was changed"),
    Case("image-export-fails-cli", _image_write_fails,
         ": File too large (the earlier file of that name is kept)"),
    # 9. The smaller ones.
    Case("table-date-tooltip-html-stored-literally", _date_tooltip_literal, HTML),
    Case("open-source-page-user-at-host",
         lambda c: _disguised_address(c, "https://www.hindustantimes.com@evil.example/news"),
         "the site it opens is evil.example, not that name"),
    Case("open-source-page-right-to-left-override",
         lambda c: _disguised_address(c, "https://evil.example/\u202egro.semitnatsudnih.www"),
         "Open a page of the site evil.example in your web browser?"),
    Case("cli-search-100k-characters", lambda c: c.cli("list", "--search", "a" * 100_000),
         "The search is 100,000 characters long; keep it to 500 or fewer"),
    Case("cli-search-cjk-paste", lambda c: c.cli("list", "--search", "北京会谈" * 3000),
         "The search is 12,000 characters long"),
    Case("cli-search-too-many-words",
         lambda c: c.cli("list", "--search", " ".join(f"w{i}" for i in range(40))),
         "The search has 40 different words; use 16 or fewer"),
    Case("cli-invalid-utf8-argument",
         lambda c: c.cli("add", "--title", "\udcff\udcfe", "--date", "27 Feb 2019"),
         "is not valid UTF-8 text; nothing was done"),
    Case("cli-id-over-2-63", lambda c: c.cli("edit", str(2**64), "--title", "T"),
         f"There is no event with id {2**64}"),
    Case("cli-delete-id-over-2-63", lambda c: c.cli("delete", "9" * 30),
         f"There is no event with id {'9' * 30}"),
    Case("cli-export-inches-nan-inf",
         lambda c: c.cli("export", str(c.tmp / "t.png"), "--inches", "nanxinf"),
         "both sizes must be positive numbers"),
    Case("import-json-5000-digit-version",
         lambda c: _import_cli(c, "x.json", '{"format": "diplomacy-timeline-tracker", '
                                            '"version": ' + "9" * 5000 + ', "events": []}'),
         "a number in it is too long to read"),
    Case("import-json-version-true",
         lambda c: _import(c, "x.json", '{"format": "diplomacy-timeline-tracker", '
                                        '"version": true, "events": []}'),
         '"version" must be a whole number'),
    Case("import-nul-in-source-title-json",
         lambda c: _import(c, "x.json", json.dumps({
             "format": "diplomacy-timeline-tracker", "version": 1,
             "sources": [{"uid": "s1", "title": "Hanoi\x00report", "text": "Some text."}]})),
         "has a NUL character (\\x00) in its title"),
    Case("article-dev-zero-cli", lambda c: c.cli("import-article", "/dev/zero"),
         "is not a regular file (it is a device or a pipe)"),
    # 6. What one import file may ask of memory and time.
    Case("import-dev-zero-cli", lambda c: c.cli("import", "/dev/zero"),
         "is not a regular file (it is a device, a pipe or a folder)"),
    Case("import-json-million-empty-events",
         lambda c: _import(c, "x.json", '{"format": "diplomacy-timeline-tracker", "version": 1, '
                                        '"events": [' + "{}," * 1_000_001 + "{}]}"),
         "holds about 1,000,003 objects of 3 characters on average"),
    Case("import-csv-million-columns",
         lambda c: _import_cli(c, "x.csv", ",".join(f"c{i}" for i in range(1_000_000)) + "\r\n"),
         "line 1 has 1,000,000 columns"),
]
CASES += SAFETY_CASES
OWN_CHECK = {"undo-edit-after-cli-edit", "undo-edit-after-cli-delete"}

def _grown(event: Event) -> Event:
    event.summary = "A much longer summary. " * 5000
    return event


def _import_skip_nul(ctx: Ctx) -> str:
    """Skip mode: the NUL record is rejected by name, the good one lands."""
    doc = json.loads(_tracker_json(title="Hanoi\x00summit"))
    doc["events"].append({**doc["events"][0], "uid": "good-1", "title": "Hanoi summit"})
    report = import_data(ctx.store(), ctx.file("x.json", json.dumps(doc)), on_error="skip")
    assert report.added == 1 and len(report.rejected) == 1
    ctx.store().delete_event(next(e.id for e in ctx.store().list_events() if e.uid == "good-1"))
    return report.summary()


LITERAL = {c.id for c in CASES if c.id.endswith(("stored-literally", "-exports"))}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("seeded") / "tracker.db"
    store = Store.open(path, seed=True)
    _SEED[:] = [e.title for e in store.list_events()]
    store.close()
    return path


def test_the_catalogue_is_complete():
    assert len(CASES) >= 40
    assert len({c.id for c in CASES}) == len(CASES)
    assert {c.id for c in CASES} >= SLOW_CASES  # a renamed case stays marked


# Cases that wait: the 5-second busy timeout of a locked database, or several `tracker`
# processes in a row (pytest -m "not slow" leaves them out of the quick run).
SLOW_CASES = {"db-locked-cli-add", "db-locked-cli-import", "cli-add-0001-01-01-exports",
              "cli-add-9999-12-31-exports", "image-export-fails-cli"}


@pytest.mark.parametrize("case", [
    pytest.param(c, id=c.id, marks=[pytest.mark.slow] if c.id in SLOW_CASES else [])
    for c in CASES])
def test_bad_input_gets_a_clear_message_and_loses_nothing(case: Case, seeded: Path, tmp_path: Path,
                                                          qtbot, run_tracker):
    db = tmp_path / "tracker.db"
    shutil.copyfile(seeded, db)
    before = _file_dump(db)
    ctx = Ctx(tmp_path, db, qtbot, run_tracker)
    try:
        shown = case.run(ctx)
    finally:
        ctx.close()
    assert case.expect in shown, shown[:2000]
    for raw in ("Traceback", "unexpected error", "sqlite3.", "OperationalError",
                "DatabaseError", "database is locked"):
        assert raw not in shown, shown[:2000]
    after = _file_dump(db)
    if case.id in OWN_CHECK:  # another writer changed it; the case checked that all stands
        return
    if case.id in LITERAL:  # stored: exactly one event more, the rest as it was
        assert len(after["events"]) == len(before["events"]) + 1
        assert set(before["events"]) <= set(after["events"])
    else:
        assert after == before


def test_the_readme_states_the_catalogues_size():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert f"{len(CASES)} kinds of bad input" in readme
