"""The window's toolbars: short, fixed labels on the buttons and a search box that stays.

A button's label is its action's icon text, so menus keep the full wording ("Undo Link
'HANOI - …' fulfils …") while the toolbar says "Undo" and shows the rest in the tooltip.
Labels that never change width keep the toolbar from reflowing after every edit. The
search box lives in a toolbar of its own with a minimum width: when the window is narrow
the action buttons go into the "»" overflow menu, never the box.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLineEdit, QMainWindow, QToolBar

SEARCH_MIN_WIDTH = 220  # enough for the placeholder's first words and a typed query

# Short toolbar labels, by the action's attribute name in the menus.
SHORT_LABELS = {
    "act_new": "New", "act_edit": "Edit", "act_delete": "Delete", "act_link": "Link",
    "act_undo": "Undo", "act_redo": "Redo", "act_prev": "Previous", "act_next": "Next",
    "act_zoom_in": "Zoom In", "act_zoom_out": "Zoom Out", "act_fit": "Fit All",
}
# What Undo and Redo do, for the status bar and the shortcuts page (their tooltips keep
# Qt's default, the action's changing text).
TIPS = {"Undo": "Take back the last change", "Redo": "Make again the change Undo took back"}


def short_label(action: QAction, label: str) -> None:
    """Give ``action`` a fixed toolbar label; the tooltip then names the whole action.

    Undo and redo change their text after every command and set no tooltip of their own,
    so Qt's default tooltip (the text) keeps following the action being undone.
    """
    action.setIconText(label)
    if label in TIPS and not action.statusTip():
        action.setStatusTip(TIPS[label])


def build_toolbars(window: QMainWindow, actions: Sequence[tuple[str, QAction] | None],
                   search_box: QLineEdit) -> tuple[QToolBar, QToolBar]:
    """The main toolbar (``None`` in ``actions`` is a separator) and the search toolbar."""
    main = QToolBar("Main", window)
    main.setObjectName("main-toolbar")
    main.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    for item in actions:
        if item is None:
            main.addSeparator()
            continue
        name, action = item
        action.setObjectName(name)  # for the shortcuts page and tests
        short_label(action, SHORT_LABELS.get(name, action.iconText()))
        main.addAction(action)
    search = QToolBar("Search", window)
    search.setObjectName("search-toolbar")
    search.addWidget(search_box)
    search_box.setMinimumWidth(SEARCH_MIN_WIDTH)
    search.setMinimumWidth(SEARCH_MIN_WIDTH + 24)  # the box plus the toolbar's handle
    window.addToolBar(main)
    window.addToolBar(search)
    return main, search
