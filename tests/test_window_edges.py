"""The window's rough edges (issue 20): toolbar, detail pane, reopening, dialogs, words,
selection. Each test drives the real window on a real seeded database."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QMessageBox, QToolButton

from tracker.gui.commands import AddLinkCommand, execute
from tracker.gui.main_window import MainWindow
from tracker.store import Store

LONG = ("HANOI - The second summit between US President Donald Trump and North Korean "
        "leader Kim Jong Un, with a title far longer than any toolbar")


@pytest.fixture(autouse=True)
def no_message_boxes(monkeypatch):
    said: list[str] = []
    for name in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name,
                            staticmethod(lambda parent, title, text, *a, **k: said.append(text)))
    return said


def _uid(store: Store, uid: str) -> int:
    return next(e.id for e in store.list_events() if e.uid == uid)


def _button(window: MainWindow, action) -> QToolButton:
    button = window.toolbar.widgetForAction(action)
    assert isinstance(button, QToolButton)
    return button


def _inside_window(window: MainWindow, widget) -> bool:
    top_left = widget.mapTo(window, QPoint(0, 0))
    return widget.isVisible() and window.rect().contains(QRect(top_left, widget.size()))


def _long_undo(window: MainWindow, store: Store) -> None:
    summit = _uid(store, "seed-second-summit-2019-02")
    singapore = _uid(store, "seed-singapore-summit-2018")
    execute(window.editor.stack, AddLinkCommand(
        store, summit, singapore, "contradicts", f"'{LONG}' contradicts 'Singapore'"))


def test_toolbar_undo_is_short_and_names_the_action_in_tooltip_and_menu(
        qtbot, window: MainWindow, store: Store):
    _long_undo(window, store)
    undo = window.editor.act_undo
    button = _button(window, undo)
    assert button.text() == "Undo"
    assert LONG in button.toolTip()  # the whole action, on hover
    assert LONG in undo.text()  # the Edit menu names it
    assert undo in window.menuBar().actions()[1].menu().actions()
    undo.trigger()
    redo_button = _button(window, window.editor.act_redo)
    assert redo_button.text() == "Redo" and LONG in redo_button.toolTip()


@pytest.mark.parametrize("width", [1000, 800])
def test_search_box_never_leaves_the_toolbar(qtbot, window: MainWindow, store: Store,
                                             width: int):
    window.resize(width, 680)
    qtbot.waitUntil(lambda: window.width() == width)
    before = window.search.box.mapTo(window, QPoint(0, 0))
    assert _inside_window(window, window.search.box)
    _long_undo(window, store)
    qtbot.wait(50)  # let the toolbar lay itself out again
    assert _inside_window(window, window.search.box)
    assert window.search.box.mapTo(window, QPoint(0, 0)) == before  # it does not jump
    assert window.search.box.width() >= 200
    # at 1000 px every action button still fits beside the box
    if width == 1000:
        for action in window.toolbar.actions():
            if not action.isSeparator():
                assert _inside_window(window, window.toolbar.widgetForAction(action)), \
                    action.iconText()
