"""Undoable edits. Each command calls the store; the store commits and notifies the views.

Commands keep row snapshots (tracker.store.undo), so undo and redo put back exactly
what the database held, ids included where no other writer has taken them since; every
step checks that what it changes is still as the last step left it. The undo text names the thing, as desktop
conventions expect: "Undo Add 'Hanoi summit'".
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from tracker.model.entities import Event, Excerpt, Source
from tracker.store import Store
from tracker.store.edits import EventSnapshot


class StoreCommand(QUndoCommand):
    """Base: the first ``do`` happens before the push (see ``execute``), so a refused
    change (a StoreError) never lands on the undo stack. The window's Undo and Redo run
    ``revert``/``do`` themselves first (see EditController.step) and move the stack only
    when the store accepted the step; ``force`` overwrites what another writer changed
    meanwhile, after the person agreed."""

    _skip_once = False

    def redo(self) -> None:
        if self._skip_once:
            self._skip_once = False  # the step already ran before the stack moved
            return
        self.do()

    def undo(self) -> None:
        if self._skip_once:
            self._skip_once = False
            return
        self.revert()

    def done_already(self) -> None:
        """The step ran; the next undo()/redo() call from the stack only moves it."""
        self._skip_once = True

    def do(self, force: bool = False) -> None:
        raise NotImplementedError(type(self).__name__)

    def revert(self, force: bool = False) -> None:
        raise NotImplementedError(type(self).__name__)


def execute(stack, command: StoreCommand) -> None:
    """Run ``command`` once; push it only if the store accepted it (errors propagate)."""
    command.do()
    command.done_already()
    stack.push(command)


def _short(title: str, limit: int = 40) -> str:
    title = " ".join(title.split())
    return title if len(title) <= limit else title[: limit - 1] + "…"


class AddEventCommand(StoreCommand):
    def __init__(self, store: Store, event: Event) -> None:
        super().__init__(f"Add '{_short(event.title)}'")
        self.store = store
        self.event = event
        self.snapshot: EventSnapshot | None = None  # what the database holds after do
        self.event_id: int | None = None

    def do(self, force: bool = False) -> None:
        if self.snapshot is None:
            self.event_id = self.store.add_event(self.event)
            self.snapshot = self.store.snapshot_event(self.event_id)
            self.store.remember_written(self.snapshot.uid, self.snapshot.version)
        else:
            self.event_id = self.store.restore_event(self.snapshot)

    def revert(self, force: bool = False) -> None:
        assert self.snapshot is not None
        self.snapshot = self.store.withdraw_event(
            self.snapshot, expected_version=_expected(self.store, self.snapshot), force=force)


def _expected(store: Store, snap: EventSnapshot) -> int:
    """The version an undo or redo expects the event at: the one this window's last
    write gave it (later commands' undos move it on too), else the snapshot's."""
    version = store.written_version(snap.uid)
    return version if version is not None else snap.version


class _ReplaceCommand(StoreCommand):
    """An edit of one event, undone and redone by its before and after snapshots, each
    step checking that the event is still at the version the last step left."""

    before: EventSnapshot
    after: EventSnapshot | None = None

    def first(self) -> None:
        raise NotImplementedError(type(self).__name__)

    def do(self, force: bool = False) -> None:
        if self.after is None:
            self.first()
            self.after = self.store.snapshot_event(self.before.id)
            self.store.remember_written(self.after.uid, self.after.version)
        else:
            self.store.replace_event(self.after, expected_version=_expected(
                self.store, self.after), force=force)

    def revert(self, force: bool = False) -> None:
        assert self.after is not None
        self.store.replace_event(self.before, expected_version=_expected(self.store, self.after),
                                 force=force)


class EditEventCommand(_ReplaceCommand):
    def __init__(self, store: Store, event: Event, expected_version: int | None = None) -> None:
        super().__init__(f"Edit '{_short(event.title)}'")
        assert event.id is not None
        self.store = store
        self.event = event
        self.expected_version = expected_version
        self.before = store.snapshot_event(event.id)

    def first(self) -> None:
        self.store.update_event(self.event, expected_version=self.expected_version)


class DeleteEventCommand(StoreCommand):
    def __init__(self, store: Store, event_id: int) -> None:
        self.store = store
        self._first = True
        self.snapshot = store.snapshot_event(event_id)
        super().__init__(f"Delete '{_short(self.snapshot.title)}'")

    def do(self, force: bool = False) -> None:
        # The first time, the event as the person sees it now; later, as undo left it.
        expected = self.snapshot.version if self._first else _expected(self.store, self.snapshot)
        self._first = False
        self.snapshot = self.store.withdraw_event(self.snapshot, expected_version=expected,
                                                  force=force)

    def revert(self, force: bool = False) -> None:
        self.store.restore_event(self.snapshot)


class AddLinkCommand(StoreCommand):
    def __init__(self, store: Store, from_id: int, to_id: int, kind: str, label: str) -> None:
        super().__init__(f"Link {label}")
        self.store = store
        self.args = (from_id, to_id, kind)
        self.row: dict | None = None
        self.uids: tuple[str, str] = ("", "")
        self.existed = False

    def do(self, force: bool = False) -> None:
        if self.row is None:
            before = {k.kind for k in self.store.get_event(self.args[0]).links
                      if k.from_id == self.args[0] and k.to_id == self.args[1]}
            self.existed = self.args[2] in before
            self.row = self.store.link_row(self.store.add_link(*self.args))
            self.uids = self.store.link_uids(self.row)
        elif not self.existed:
            self.store.restore_link(self.row, self.uids)

    def revert(self, force: bool = False) -> None:
        if self.row is not None and not self.existed:
            self.store.remove_link_between(self.uids, str(self.row["kind"]))


class RemoveLinkCommand(StoreCommand):
    """Remove one link; undo puts the same row back between the same events (by uid)."""

    def __init__(self, store: Store, from_id: int, to_id: int, kind: str, label: str) -> None:
        super().__init__(f"Unlink {label}")
        self.store = store
        self.row = store.link_row(store.link_id(from_id, to_id, kind))
        self.uids = store.link_uids(self.row)

    def do(self, force: bool = False) -> None:
        self.store.remove_link_between(self.uids, str(self.row["kind"]))

    def revert(self, force: bool = False) -> None:
        self.store.restore_link(self.row, self.uids)


class AddSourceCommand(StoreCommand):
    def __init__(self, store: Store, source: Source) -> None:
        super().__init__(f"Add Source '{_short(source.title)}'")
        self.store = store
        self.source = source
        self.row: dict | None = None
        self.source_id: int | None = None

    def do(self, force: bool = False) -> None:
        if self.row is None:
            self.source_id = self.store.add_source(self.source)
            self.row = self.store.source_row(self.source_id)
        else:
            self.source_id = self.store.restore_source(self.row)

    def revert(self, force: bool = False) -> None:
        assert self.source_id is not None and self.row is not None
        self.store.delete_source(self.source_id, uid=str(self.row["uid"]))


class AddExcerptCommand(_ReplaceCommand):
    """Attach a passage to an event: an edit of that event, undone by its snapshot."""

    def __init__(self, store: Store, event_id: int, excerpt: Excerpt) -> None:
        self.store = store
        self.before = store.snapshot_event(event_id)
        super().__init__(f"Add Excerpt to '{_short(self.before.title)}'")
        self.excerpt = excerpt

    def first(self) -> None:
        self.store.add_excerpt(self.before.id, self.excerpt)
