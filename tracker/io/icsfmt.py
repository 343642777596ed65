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
from pathlib import Path
from typing import Any, BinaryIO

import icalendar

from tracker.io.common import (
    DataFileError,
    ImportReport,
    RecordError,
    credit,
    dates_from_window,
    format_actors,
    lookup,
    parse_actors,
    parse_tags,
    status_of,
    type_of,
)
from tracker.io.engine import Record, add_event
from tracker.model.entities import Event
from tracker.model.vocab import EVENT_TYPES, PRECISIONS, STATUSES
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
    v.add("dtstamp", _stamp(event.updated_at))
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
             "tags": "; ".join(event.tags), "summary": event.summary}
    for key, value in extra.items():
        if value:
            v.add(f"x-tracker-{key}", value)
    return v


def export_ics(store: Store, out: BinaryIO, tick: Callable[[], None]) -> int:
    refs = bulk.source_refs(store)
    out.write(f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:{PRODID}\r\nCALSCALE:GREGORIAN\r\n"
              "X-WR-CALNAME:Diplomacy timeline\r\n".encode())
    written = 0
    for batch in bulk.iter_event_batches(store):
        for event in batch:
            out.write(vevent(event, refs).to_ical())
            written += 1
            tick()
    out.write(b"END:VCALENDAR\r\n")
    return written


# -- import ------------------------------------------------------------------------------

def _text(v: Any, name: str) -> str:
    value = v.get(name)
    return str(value).strip() if value is not None else ""


def _day(v: Any, name: str) -> dt.date | None:
    prop = v.get(name)
    if prop is None:
        return None
    try:
        value = prop.dt
    except Exception as exc:  # icalendar raises its own error for a broken value
        raise RecordError(name.upper(), f"is not a date ({exc})") from None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raise RecordError(name.upper(), f"is not a date ({value!r})")


def _categories(v: Any) -> list[str]:
    raw = v.get("categories")
    items = raw if isinstance(raw, list) else [raw] if raw is not None else []
    return [str(c) for item in items for c in getattr(item, "cats", [item])]


def _type(v: Any) -> str:
    if _text(v, "x-tracker-type"):
        return type_of(_text(v, "x-tracker-type"), "X-TRACKER-TYPE")
    for category in _categories(v):
        try:
            return lookup(EVENT_TYPES, category, "type", "CATEGORIES")
        except RecordError:
            continue
    return "other"


def _apply(v: Any, writer: bulk.ImportWriter, report: ImportReport) -> str:
    title = _text(v, "summary")
    if not title:
        raise RecordError("SUMMARY", "is missing (every event needs a title)")
    a = _day(v, "dtstart")
    if a is None:
        raise RecordError("DTSTART", "is missing")
    end = _day(v, "dtend")
    if end is not None and not isinstance(v["dtend"].dt, dt.datetime):
        end -= dt.timedelta(days=1)  # an all-day DTEND is the day after the last
    elif end is None and isinstance(getattr(v.get("duration"), "dt", None), dt.timedelta):
        days = v["duration"].dt.days  # how an event ending on 9999-12-31 is written
        end = a + dt.timedelta(days=days - 1) if 1 <= days <= (dt.date.max - a).days + 1 else a
    b = max(a, end) if end else a
    precision = _text(v, "x-tracker-precision") or None
    if precision and precision not in PRECISIONS:
        raise RecordError("X-TRACKER-PRECISION", f"{precision!r} is not known")
    start, end_date = dates_from_window(_text(v, "x-tracker-date-text"), a, b, precision)
    status = _text(v, "x-tracker-status")
    status = (status_of(status, "X-TRACKER-STATUS") if status
              else FROM_ICAL_STATUS.get(_text(v, "status").upper(), "occurred"))
    ours = any(k.startswith("X-TRACKER-") for k in v)
    summary = _text(v, "x-tracker-summary") if ours else str(v.get("description") or "")
    event = Event(None, _text(v, "uid"), title, start, end_date, status=status, type=_type(v),
                  summary=summary.strip(), location=_text(v, "location"),
                  actors=parse_actors(_text(v, "x-tracker-actors"), "X-TRACKER-ACTORS"),
                  tags=parse_tags(_text(v, "x-tracker-tags")))
    return add_event(writer, event, foreign=True)


def records(path: Path, text: str) -> list[Record]:
    if not text.lstrip().upper().startswith("BEGIN:VCALENDAR"):
        raise DataFileError(f"{path}: line 1: not an iCalendar file (it must begin with "
                            "BEGIN:VCALENDAR).")
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except ValueError as exc:
        raise DataFileError(f"{path}: not a valid iCalendar file: {str(exc)[:200]}.") from None
    out = []
    for i, v in enumerate(calendar.walk("VEVENT"), 1):
        uid = _text(v, "uid")
        where = f"event {i}" + (f" (UID {uid})" if uid else "")
        out.append(Record(where, lambda w, r, v=v: _apply(v, w, r)))
    return out
