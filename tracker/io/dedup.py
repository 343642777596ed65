"""Which incoming events are already in the database, and which are new.

Two records of one file are never the same event: a file is the work of one tool or one
person, who kept them apart on purpose (6,202 UN votes of one session share days and
short titles but are distinct votes; ten calendar events with distinct UIDs are ten). So
an incoming event matches only an event that was in the database *before* the import:

* by its uid, when it has one;
* by title and date window, only when it has no id at all (a CSV row without a uid
  column, a slide without ``unique_id``): the file gives nothing better to go on.

Every match is named in the import's summary, so nothing disappears silently.
"""

from __future__ import annotations

from tracker.io.common import ImportReport, RecordError
from tracker.model.entities import Event
from tracker.model.fuzzydate import format_window
from tracker.store.bulk import ImportWriter


def add_event(writer: ImportWriter, report: ImportReport, event: Event, *, foreign: bool) -> str:
    """Add ``event`` unless it matches one that was there before the import.

    ``foreign``: the file comes from another tool, whose ids may repeat inside one file
    (a calendar holding two copies of a series); a repeated id then gets a fresh one
    rather than merging the two records. In our own JSON a repeated uid is an error,
    because its links name events by uid.
    """
    uid = event.uid.strip()
    if uid and uid in writer.added_uids:
        if not foreign:
            raise RecordError("uid", f"{uid!r} is used by an earlier event of the same file")
        event.uid = uid = ""
    if uid:
        if writer.event_id(uid) is not None:
            _matched(report, event, "same id")
            return "present"
    elif foreign and writer.same_event(event.title, event.earliest, event.latest) is not None:
        _matched(report, event, "same title and dates")
        return "present"
    writer.add_event(event)
    if uid:
        writer.added_uids.add(uid)
    return "added"


def _matched(report: ImportReport, event: Event, how: str) -> None:
    report.matched.append(f"“{event.title}” ({format_window(event.earliest, event.latest)}, "
                          f"{how})")
