"""The viewport of a scroll area, without PySide6's slow first look-up.

The first time PySide6 meets a C++ ``QWidget*`` it has no wrapper for, returned as
``QWidget*`` (as ``QAbstractScrollArea.viewport()`` returns it), it settles the Python type
by initialising every QWidget subclass of QtWidgets with all their enums (QWizard,
QMdiArea, QGraphicsView, ...): about 7 ms, once, on the way to the first paint.
``findChild`` wraps the same widget through its QObject meta-object in microseconds, and
``viewport()`` then returns that wrapper.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

DEFAULT_VIEWPORT_NAME = "qt_scrollarea_viewport"  # the object name Qt gives its own


def viewport_of(area: QAbstractScrollArea) -> QWidget:
    """``area.viewport()``."""
    found = area.findChild(QWidget, DEFAULT_VIEWPORT_NAME,
                           Qt.FindChildOption.FindDirectChildrenOnly)
    return found if found is not None else area.viewport()  # one set by setViewport()
