"""iCalendar (RFC 5545) through the icalendar library: one all-day VEVENT per event.

A calendar has no notion of an uncertain date, so an event spans its whole possible
window (DTEND is exclusive: the day after the latest day) and the description says the
date as reported. X-TRACKER-* properties carry what a calendar cannot (precision, the
words, status, type, actors, tags, summary), so a file exported here comes back with them;
calendars ignore X- properties they do not know.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import BinaryIO

import icalendar

from tracker.io.common import (
    credit,
    format_actors,
)
from tracker.io.textclean import clean_event
from tracker.model.entities import Event
from tracker.model.vocab import EVENT_TYPES, STATUSES
from tracker.store import bulk
from tracker.store.repo import Store

PRODID = "-//Diplomacy Timeline Tracker//tracker//EN"
ICAL_STATUS = {"occurred": "CONFIRMED", "cancelled": "CANCELLED"}  # the rest: TENTATIVE
FROM_ICAL_STATUS = {"CONFIRMED": "occurred", "CANCELLED": "cancelled", "TENTATIVE": "planned"}
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _stamp(iso: str) -> dt.datetime:
    """DTSTAMP from the event's own update time, so the same data gives the same file."""
    try:
        stamp = dt.datetime.fromisoformat(iso)
    except ValueError:
        return EPOCH
    return (stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)).astimezone(dt.UTC)


def describe(event: Event, refs: dict[int, bulk.SourceRef]) -> str:
    window = event.start.describe() if event.end is None else (
        f"{event.start.window_text()} to {event.end.window_text()}")
    lines = [f"Date as reported: {event.start.words} ({window})" if event.start.words
             else f"Date: {window}",
             f"Status: {STATUSES[event.status]}. Type: {EVENT_TYPES[event.type]}."]
    if event.actors:
        lines.append("Actors: " + format_actors(event.actors))
    if event.summary:
        lines += ["", event.summary]
    for x in event.excerpts:
        ref = refs[x.source_id]
        lines += ["", f"“{x.quote}”", f"— {credit(ref.outlet, ref.title, ref.published_at)}"]
    return "\n".join(lines)


def vevent(event: Event, refs: dict[int, bulk.SourceRef]) -> icalendar.Event:
    v = icalendar.Event()
    v.add("uid", event.uid)
    # As vDatetime, so every icalendar version writes the same bytes (5.x would add a
    # redundant VALUE=DATE-TIME parameter to a plain datetime).
    v.add("dtstamp", icalendar.vDatetime(_stamp(event.updated_at)))
    v.add("summary", event.title)
    v.add("dtstart", event.earliest)
    if event.latest < dt.date.max:
        v.add("dtend", event.latest + dt.timedelta(days=1))
    elif event.latest > event.earliest:  # DTEND would be in the year 10000: a duration
        v.add("duration", event.latest - event.earliest + dt.timedelta(days=1))
    if event.location:
        v.add("location", event.location)
    v.add("description", describe(event, refs))
    v.add("categories", [EVENT_TYPES[event.type]])
    v.add("status", ICAL_STATUS.get(event.status, "TENTATIVE"))
    extra = {"status": event.status, "type": event.type, "precision": event.start.precision,
             "date-text": event.start.words, "actors": format_actors(event.actors),
             "tags": "; ".join(event.tags), "summary": event.summary, **_separate_end(event)}
    for key, value in extra.items():
        if value:
            # Typed as TEXT explicitly: icalendar 7 writes unknown X- properties raw (a line
            # break then fails to_ical), icalendar 5 and 6 escape them as TEXT.
            v.add(f"x-tracker-{key}", icalendar.vText(value))
    return v


def _separate_end(event: Event) -> dict[str, str]:
    """An event with a separate end (30 Apr 1789 – 4 Mar 1797): the start's last day, the
    end's first day, precision and words, so both ends come back as they were."""
    end = event.end
    if end is None:
        return {}
    return {"start-latest": event.start.latest.isoformat(),
            "end-earliest": end.earliest.isoformat(), "end-precision": end.precision,
            "end-text": end.words if end.words != event.start.words else ""}


def export_ics(store: Store, out: BinaryIO, tick: Callable[[], None]) -> int:
    refs = bulk.source_refs(store)
    out.write(f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:{PRODID}\r\nCALSCALE:GREGORIAN\r\n"
              "X-WR-CALNAME:Diplomacy timeline\r\n".encode())
    written = 0
    for batch in bulk.iter_event_batches(store):
        for event in batch:
            out.write(vevent(clean_event(event), refs).to_ical())
            written += 1
            tick()
    out.write(b"END:VCALENDAR\r\n")
    return written


# -- import: tracker.io.icsread ------------------------------------------------------------

from tracker.io.icsread import records  # noqa: E402

__all__ = ["export_ics", "records", "vevent"]
