"""Help → Keyboard Shortcuts: a page generated from the window's own actions.

It is read from the menus (and the window's actions that no menu holds) each time it
opens, so it can never disagree with what the keys do.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)


@dataclass(frozen=True)
class ShortcutRow:
    menu: str  # "Edit", "View › Lanes", or "Window" for actions no menu holds
    action: str  # the action's name as the menu shows it, without "&" and "…"
    keys: str  # every key sequence, as this platform writes it, separated by ", "
    what: str  # the action's status tip: what it does


# Undo and Redo name the command they would undo; the page names the action itself.
FIXED_NAMES = ("act_undo", "act_redo")


def _name(action: QAction) -> str:
    if action.objectName() in FIXED_NAMES:
        return action.iconText()
    return action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def _keys(action: QAction) -> str:
    return ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText)
                     for s in action.shortcuts() if not s.isEmpty())


def _walk(menu: QMenu, path: str, rows: list[ShortcutRow], seen: set[int]) -> None:
    for action in menu.actions():
        if action.isSeparator():
            continue
        sub = action.menu()
        if isinstance(sub, QMenu):
            _walk(sub, f"{path} › {_name(action)}", rows, seen)
            continue
        seen.add(id(action))
        if action.shortcuts():
            rows.append(ShortcutRow(path, _name(action), _keys(action), action.statusTip()))


def shortcut_rows(window: QMainWindow) -> list[ShortcutRow]:
    """Every action with a shortcut, in menu order, then those only the window holds."""
    rows: list[ShortcutRow] = []
    seen: set[int] = set()
    for top in window.menuBar().actions():
        sub = top.menu()
        if isinstance(sub, QMenu):
            _walk(sub, _name(top), rows, seen)
    for action in window.actions():
        if id(action) not in seen and action.shortcuts() and _name(action):
            seen.add(id(action))
            rows.append(ShortcutRow("Window", _name(action), _keys(action), action.statusTip()))
    return rows


class ShortcutsDialog(QDialog):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle("Keyboard Shortcuts")
        self.rows = shortcut_rows(window)
        self.table = QTableWidget(len(self.rows), 4, self)
        self.table.setHorizontalHeaderLabels(["Menu", "Action", "Keys", "What it does"])
        for r, row in enumerate(self.rows):
            for c, text in enumerate((row.menu, row.action, row.keys, row.what)):
                item = QTableWidgetItem(text)  # plain text: never interpreted as markup
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(r, c, item)
        rows = self.table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        note = QLabel("Also: Enter edits the selected event when the timeline or the table has "
                      "the focus; in the search box it goes to the next hit. The wheel zooms "
                      "around the cursor and dragging pans the timeline.")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(760, 560)
