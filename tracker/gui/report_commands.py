"""Undoable "add this candidate as a report of that event" (issue 19).

Adding a report changes the event too (its date is the narrowest window its reports
allow), so undo puts back the event's snapshot from before, as for adding an excerpt."""

from __future__ import annotations

from tracker.gui.commands import AddExcerptCommand
from tracker.store.reports import add_report


class AddReportCommand(AddExcerptCommand):
    def __init__(self, store, event_id: int, excerpt) -> None:
        super().__init__(store, event_id, excerpt)
        self.setText(f"Add Report to '{self.before.title[:40]}'")

    def do(self) -> None:
        if self.after is None:
            add_report(self.store, self.before.id, self.excerpt)
            self.after = self.store.snapshot_event(self.before.id)
        else:
            self.store.replace_event(self.after)
