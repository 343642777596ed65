"""After Undo or Redo, select the event the command brought back.

Undoing a delete (or redoing an add) puts an event back in the database; the person's
eyes are on it, so it becomes the selection in the timeline, the table and the details
instead of "No event selected".
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack
from shiboken6 import isValid

from tracker.gui.commands import AddEventCommand, DeleteEventCommand


def returning_event(command: QUndoCommand | None, undone: bool) -> int | None:
    """The id of the event that ``command``'s undo (``undone``) or redo brings back."""
    if undone and isinstance(command, DeleteEventCommand):
        return command.snapshot.id
    if not undone and isinstance(command, AddEventCommand):
        return command.event_id
    return None


class SelectReturning:
    """Watches the undo stack's index and asks the window to select what came back."""

    def __init__(self, stack: QUndoStack, select: Callable[[int], None]) -> None:
        self.stack = stack
        self.select = select
        self.index = stack.index()
        stack.indexChanged.connect(self._moved)

    def _moved(self, index: int) -> None:
        before, self.index = self.index, index
        if not isValid(self.stack):  # the stack empties itself as it is destroyed
            return
        if abs(index - before) != 1:  # a jump (stack cleared, or several steps at once)
            return
        # A push counts as a redo: a newly added event is selected, as the editor does.
        undone = index < before
        event_id = returning_event(self.stack.command(min(index, before)), undone)
        if event_id is not None:
            self.select(event_id)
