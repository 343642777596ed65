"""Undoable edits. Each command calls the store; the store commits and notifies the views.

Commands keep row snapshots (tracker.store.edits), so undo and redo put back exactly
what the database held, ids included. The undo text names the thing, as desktop
conventions expect: "Undo Add 'Hanoi summit'".
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from tracker.model.entities import Event, Excerpt, Source
from tracker.store import Store
from tracker.store.edits import EventSnapshot


class StoreCommand(QUndoCommand):
    """Base: the first redo happens before the push (see ``execute``), so a refused
    change (a StoreError) never lands on the undo stack."""

    _pushed_done = False

    def redo(self) -> None:
        if self._pushed_done:
            self._pushed_done = False  # QUndoStack.push calls redo(); it already ran
            return
        self.do()

    def do(self) -> None:
        raise NotImplementedError(type(self).__name__)


def execute(stack, command: StoreCommand) -> None:
    """Run ``command`` once; push it only if the store accepted it (errors propagate)."""
    command.do()
    command._pushed_done = True
    stack.push(command)


def _short(title: str, limit: int = 40) -> str:
    title = " ".join(title.split())
    return title if len(title) <= limit else title[: limit - 1] + "…"


class AddEventCommand(StoreCommand):
    def __init__(self, store: Store, event: Event) -> None:
        super().__init__(f"Add '{_short(event.title)}'")
        self.store = store
        self.event = event
        self.snapshot: EventSnapshot | None = None
        self.event_id: int | None = None

    def do(self) -> None:
        if self.snapshot is None:
            self.event_id = self.store.add_event(self.event)
            self.snapshot = self.store.snapshot_event(self.event_id)
        else:
            self.store.restore_event(self.snapshot)

    def undo(self) -> None:
        assert self.event_id is not None
        self.store.delete_event(self.event_id)


class EditEventCommand(StoreCommand):
    def __init__(self, store: Store, event: Event, expected_version: int | None = None) -> None:
        super().__init__(f"Edit '{_short(event.title)}'")
        assert event.id is not None
        self.store = store
        self.event = event
        self.expected_version = expected_version
        self.before = store.snapshot_event(event.id)
        self.after: EventSnapshot | None = None

    def do(self) -> None:
        if self.after is None:
            self.store.update_event(self.event, expected_version=self.expected_version)
            self.after = self.store.snapshot_event(self.before.id)
        else:
            self.store.replace_event(self.after)

    def undo(self) -> None:
        self.store.replace_event(self.before)


class DeleteEventCommand(StoreCommand):
    def __init__(self, store: Store, event_id: int) -> None:
        self.store = store
        self.snapshot = store.snapshot_event(event_id)
        super().__init__(f"Delete '{_short(self.snapshot.title)}'")

    def do(self) -> None:
        self.store.delete_event(self.snapshot.id)

    def undo(self) -> None:
        self.store.restore_event(self.snapshot)


class AddLinkCommand(StoreCommand):
    def __init__(self, store: Store, from_id: int, to_id: int, kind: str, label: str) -> None:
        super().__init__(f"Link {label}")
        self.store = store
        self.args = (from_id, to_id, kind)
        self.row: dict | None = None
        self.existed = False

    def do(self) -> None:
        if self.row is None:
            before = {k.kind for k in self.store.get_event(self.args[0]).links
                      if k.from_id == self.args[0] and k.to_id == self.args[1]}
            self.existed = self.args[2] in before
            self.row = self.store.link_row(self.store.add_link(*self.args))
        elif not self.existed:
            self.store.restore_link(self.row)

    def undo(self) -> None:
        if self.row is not None and not self.existed:
            self.store.remove_link(int(self.row["id"]))


class RemoveLinkCommand(StoreCommand):
    def __init__(self, store: Store, link_id: int, label: str) -> None:
        super().__init__(f"Unlink {label}")
        self.store = store
        self.row = store.link_row(link_id)

    def do(self) -> None:
        self.store.remove_link(int(self.row["id"]))

    def undo(self) -> None:
        self.store.restore_link(self.row)


class AddSourceCommand(StoreCommand):
    def __init__(self, store: Store, source: Source) -> None:
        super().__init__(f"Add Source '{_short(source.title)}'")
        self.store = store
        self.source = source
        self.row: dict | None = None
        self.source_id: int | None = None

    def do(self) -> None:
        if self.row is None:
            self.source_id = self.store.add_source(self.source)
            self.row = self.store.source_row(self.source_id)
        else:
            self.store.restore_source(self.row)

    def undo(self) -> None:
        assert self.source_id is not None
        self.store.delete_source(self.source_id)


class AddExcerptCommand(StoreCommand):
    """Attach a passage to an event: an edit of that event, undone by its snapshot."""

    def __init__(self, store: Store, event_id: int, excerpt: Excerpt) -> None:
        self.store = store
        self.before = store.snapshot_event(event_id)
        super().__init__(f"Add Excerpt to '{_short(self.before.title)}'")
        self.excerpt = excerpt
        self.after: EventSnapshot | None = None

    def do(self) -> None:
        if self.after is None:
            self.store.add_excerpt(self.before.id, self.excerpt)
            self.after = self.store.snapshot_event(self.before.id)
        else:
            self.store.replace_event(self.after)

    def undo(self) -> None:
        self.store.replace_event(self.before)
