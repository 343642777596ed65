"""The cyclic garbage collector during start-up.

The start-up makes hundreds of thousands of objects that live as long as the app
(modules, classes, Qt wrappers, matplotlib artists), and the collector would walk them
again and again while they are made, for nothing: about a tenth of the time to the first
painted window. So tracker.gui.launch turns it off before the first import of Qt and
matplotlib, and on again once the timeline has painted, after one collection of the
start-up's garbage and with what is left frozen (kept out of every later collection).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QEvent, QObject, QTimer

FALLBACK_MS = 3000  # the collector is on by then even if the timeline has not painted


class OnAfterFirstPaint(QObject):
    """Turns the collector on after ``widget``'s first paint (or FALLBACK_MS)."""

    def __init__(self, widget) -> None:
        super().__init__(widget)
        self.finished = False
        widget.installEventFilter(self)
        QTimer.singleShot(FALLBACK_MS, self.finish)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.finish)  # once this paint is done
        return False

    def finish(self) -> None:
        if self.finished:
            return
        self.finished = True
        gc.collect()
        gc.freeze()
        gc.enable()
