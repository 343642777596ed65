"""Two writers on one database: a window and the CLI, or twenty CLIs at once."""

from __future__ import annotations

import concurrent.futures
import json
from pathlib import Path

import pytest

from tracker.store import Store


def test_window_shows_what_the_cli_adds(qtbot, window, run_tracker, store: Store):
    before = window.model.rowCount()
    result = run_tracker("add", "--db", str(store.path), "--title", "Added from a terminal",
                         "--date", "2019-02-01")
    assert result.returncode == 0, result.stderr
    new_id = int(result.stdout)
    qtbot.waitUntil(lambda: window.model.rowCount() == before + 1, timeout=3000)
    assert window.model.row_of(new_id) is not None
    assert new_id in {i.id for i in window.canvas.data.items}


@pytest.mark.slow  # twenty `tracker add` processes
def test_twenty_concurrent_adds_all_land(run_tracker, tmp_path: Path):
    db = tmp_path / "t.db"
    assert run_tracker("info", "--db", str(db)).returncode == 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(
            lambda i: run_tracker("add", "--db", str(db), "--title", f"Concurrent {i}",
                                  "--date", "2020-01-01"), range(20)))
    for r in results:
        assert r.returncode == 0, r.stderr
        assert "locked" not in r.stderr
    events = json.loads(run_tracker("list", "--json", "--db", str(db)).stdout)
    assert sorted(e["title"] for e in events if e["title"].startswith("Concurrent")) == sorted(
        f"Concurrent {i}" for i in range(20))


@pytest.mark.parametrize("choice", ["overwrite", "reload", "cancel"])
def test_edit_conflict_is_detected_and_the_user_chooses(qtbot, window, run_tracker,
                                                         store: Store, monkeypatch, choice):
    import tracker.gui.editing as editing

    asked: list[str] = []
    monkeypatch.setattr(editing, "ask_conflict",
                        lambda parent, title: asked.append(title) or choice)
    meeting = next(e.id for e in store.list_events()
                   if e.uid == "seed-white-house-meeting-2019-01-18")
    dialog = window.editor.edit_event(meeting)
    dialog.title_edit.setText("Changed in the window")
    result = run_tracker("edit", str(meeting), "--db", str(store.path), "--title",
                         "Changed in the terminal")
    assert result.returncode == 0, result.stderr
    dialog.accept()
    assert asked == ["Changed in the window"]
    title = store.get_event(meeting).title
    if choice == "overwrite":
        assert title == "Changed in the window"
        window.editor.act_undo.trigger()  # undo brings back the other change
        assert store.get_event(meeting).title == "Changed in the terminal"
    else:
        assert title == "Changed in the terminal"  # never a silent lost update
    if choice == "reload":
        assert window.editor.dialog is not None
        assert window.editor.dialog.title_edit.text() == "Changed in the terminal"


def test_deleting_an_event_someone_else_deleted_is_explained(qtbot, window, store: Store,
                                                              monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda parent, title, text: said.append(text)))
    victim = store.event_ids_in_order()[0]
    window.select_event(victim)
    other = Store.open(store.path)
    other.delete_event(victim)  # another process, before this window noticed
    other.close()
    window.editor.delete_selected()
    assert said and "no event with id" in said[0]
    assert window.editor.stack.count() == 0
