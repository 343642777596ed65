"""Guard against the PySide6 build that leaks references to None (see pyproject.toml).

On Python 3.11 each lost reference brings the process nearer to an abort with
"Fatal Python error: none_dealloc", so the installed Qt binding must not lose any.
"""

import sys

from PySide6.QtWidgets import QLineEdit


def test_void_qt_calls_keep_references_to_none(qtbot):
    edit = QLineEdit()
    qtbot.addWidget(edit)
    before = sys.getrefcount(None)
    for _ in range(200):
        edit.setEnabled(True)
        edit.property("no-such-property")
    assert sys.getrefcount(None) >= before - 5
