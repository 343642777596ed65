"""Safety beside other writers (issue 14): undo and redo never overwrite another
writer's change or take its ids, and a failed save keeps the editor open."""

from __future__ import annotations

import datetime as dt
import sqlite3

from tracker.model.entities import Event
from tracker.model.fuzzydate import FuzzyDate
from tracker.store import Store


def _event(title: str = "Hanoi summit") -> Event:
    return Event(None, "", title, FuzzyDate.exact(dt.date(2019, 2, 27)))


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


def test_an_event_that_came_back_under_a_new_id_keeps_it(store: Store):
    from PySide6.QtGui import QUndoStack

    from tracker.gui.commands import AddEventCommand, DeleteEventCommand, EditEventCommand, execute

    stack = QUndoStack()
    add = AddEventCommand(store, _event("Mine"))
    execute(stack, add)
    edited = store.get_event(add.event_id)
    edited.title = "Mine, edited"
    execute(stack, EditEventCommand(store, edited, expected_version=edited.version))
    execute(stack, DeleteEventCommand(store, add.event_id))
    other = _other(store)
    theirs = other.add_event(_event("Theirs"))  # takes the freed id
    other.close()
    stack.undo()  # "Mine, edited" comes back under a new id
    moved = next(e.id for e in store.list_events() if e.title == "Mine, edited")
    assert moved != theirs
    stack.undo()  # the edit is undone where the event is now
    assert store.get_event(moved).title == "Mine"
    assert store.get_event(theirs).title == "Theirs"


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
