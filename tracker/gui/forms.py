"""Form helpers shared by the dialogs: plain-text labels, inline validation marks, an OK
button that is enabled only when the form is valid."""

from __future__ import annotations

import html

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QPushButton, QVBoxLayout, QWidget

WARNING_COLOUR = "#d32f2f"
# Dynamic properties select these rules; see mark().
FORM_STYLE = f"""
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"] {{ border: 2px solid {WARNING_COLOUR}; }}
QLabel[level="error"] {{ color: {WARNING_COLOUR}; }}
QLabel[level="hint"] {{ color: palette(placeholder-text); }}
"""


def plain_label(text: str = "") -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setText(text)
    return label


def _repolish(widget: QWidget) -> None:
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()


def mark(field: QWidget, info: QLabel, message: str, level: str) -> None:
    """Show ``message`` under ``field``; level is "ok", "hint" (neutral) or "error" (red
    border and red message). Only what changed is touched, since this runs per keystroke."""
    if info.text() != message:
        info.setText(message)
    if info.isHidden() == bool(message):
        info.setVisible(bool(message))
    # The state is remembered on the Python wrapper, not read back with QObject.property():
    # PySide6 6.12 on Python 3.11 drops a reference to None whenever property() finds no
    # value (and on every call of a void method), so calls that change nothing are avoided.
    if getattr(info, "_tracker_level", None) != level:
        info._tracker_level = level
        info.setProperty("level", level)
        _repolish(info)
    invalid = level == "error"
    if getattr(field, "_tracker_invalid", None) != invalid:
        field._tracker_invalid = invalid
        field.setProperty("invalid", invalid)
        _repolish(field)


def set_ok(button: QPushButton, problems: dict[str, str]) -> None:
    """Enable OK only without problems; its tooltip lists them. The messages quote what the
    user typed and Qt guesses whether a tooltip is HTML, so it is always escaped HTML."""
    enabled = not problems
    if button.isEnabled() != enabled:
        button.setEnabled(enabled)
    lines = "<br>".join(html.escape(m) for m in problems.values())
    tip = f"<qt>{lines}</qt>" if lines else ""
    if button.toolTip() != tip:
        button.setToolTip(tip)


def stack(*widgets: QWidget) -> QWidget:
    """Widgets one above the other, e.g. a field and the message under it."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    for widget in widgets:
        layout.addWidget(widget)
    return box


def add_row(form: QFormLayout, text: str, field: QWidget, shown: QWidget | None = None) -> None:
    """A form row whose label is the buddy of ``field`` (Alt+letter focuses it)."""
    label = QLabel(text)
    label.setBuddy(field)
    form.addRow(label, shown if shown is not None else field)


def no_auto_default(*buttons: QPushButton) -> None:
    """Only OK reacts to Enter; a focused Add or Remove button must not steal it."""
    for button in buttons:
        button.setAutoDefault(False)
        button.setDefault(False)




def plain(text: str) -> str:
    """Text for a message box or label that guesses the format (Qt.AutoText): anything that
    looks like markup (a title such as "<b>x</b>", a path with "<") is escaped so that it is
    shown literally; other text is left alone."""
    if not QtGui.Qt.mightBeRichText(text):
        return text
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"
