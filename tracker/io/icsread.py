"""Reading iCalendar files as people's calendars write them, through the icalendar library.

What real files hold, and what this module does with it:

* several ``VCALENDAR`` blocks in one file (a concatenation of exports): all are read;
* a file of bare ``VEVENT`` blocks (some tools' "export event"): read as one calendar;
* a part that icalendar cannot read (a broken ``VFREEBUSY`` or ``VTODO``): when it holds
  no event it is skipped and counted, and the events beside it come in; a broken event is
  rejected by its number, in words;
* ``SUMMARY`` is optional in RFC 5545: an untitled event is "(untitled)";
* ``DURATION`` instead of ``DTEND``; a timed end at midnight ends the day before;
* ``CATEGORIES``: the first that names a type gives the type, the others become tags;
* a repeating series (``RRULE``/``RDATE``) is stored once, at its first occurrence, with
  the rule in words in its summary; an edited occurrence (``RECURRENCE-ID``) of a series
  in the same file is not imported (the series is) and is counted.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from pathlib import Path
from typing import Any

import icalendar

from tracker.io.common import (
    DataFileError,
    ImportReport,
    RecordError,
    dates_from_window,
    lookup,
    parse_actors,
    parse_tags,
    status_of,
    type_of,
)
from tracker.io.dedup import add_event
from tracker.io.engine import Record
from tracker.model.entities import Event
from tracker.model.fuzzydate import FuzzyDate, format_day
from tracker.model.vocab import EVENT_TYPES, PRECISIONS
from tracker.store import bulk

UNTITLED = "(untitled)"
FROM_ICAL_STATUS = {"CONFIRMED": "occurred", "CANCELLED": "cancelled", "TENTATIVE": "planned"}
EDITED = "occurrence edited in a repeating series (not imported: the series is)"
UNREADABLE = "part without events could not be read (skipped)"
NO_END = "event whose end could not be read (kept as its start day)"

# -- reading the file --------------------------------------------------------------------

_LINE = re.compile(r"^(BEGIN|END):([A-Za-z0-9-]+)\s*$", re.I)


def _blocks(text: str) -> tuple[list[str], list[tuple[int, str, str]]]:
    """Split a file into its calendars' VTIMEZONE blocks and their other top-level
    components: (timezones, [(first line, NAME, text)]). Folded lines never start with
    BEGIN: or END:, so the split works on the raw lines."""
    zones: list[str] = []
    parts: list[tuple[int, str, str]] = []
    depth, name, start, lines = 0, "", 0, text.splitlines()
    current: list[str] = []
    for number, line in enumerate(lines, 1):
        m = _LINE.match(line)
        kind = (m[1].upper(), m[2].upper()) if m else None
        if kind and kind[1] == "VCALENDAR":
            depth = 0
            continue
        if depth == 0 and kind and kind[0] == "BEGIN":
            depth, name, start, current = 1, kind[1], number, [line]
            continue
        if depth == 0:
            continue  # calendar properties (VERSION, PRODID, X-WR-…)
        current.append(line)
        if kind:
            depth += 1 if kind[0] == "BEGIN" else -1
        if depth == 0:
            block = "\r\n".join(current) + "\r\n"
            (zones.append(block) if name == "VTIMEZONE" else parts.append((start, name, block)))
    if depth and current:  # a file cut short: what was read of the last part
        parts.append((start, name, "\r\n".join(current) + f"\r\nEND:{name}\r\n"))
    return zones, parts


def _calendar(body: str) -> icalendar.Calendar:
    with warnings.catch_warnings():  # guessed TZIDs and the like: the day is what matters
        warnings.simplefilter("ignore")
        return icalendar.Calendar.from_ical(
            f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tracker//read//EN\r\n{body}"
            "END:VCALENDAR\r\n")


def _events(path: Path, text: str) -> tuple[list[tuple[str, Any]], int]:
    """Every VEVENT of the file as (where, component or error text), and how many parts
    without events could not be read. Whole calendars are parsed in one go; only a file
    icalendar refuses is read part by part."""
    head = text.lstrip().upper()
    if not head.startswith("BEGIN:"):
        raise DataFileError(f"{path}: line 1: not an iCalendar file (it must begin with "
                            "BEGIN:VCALENDAR).")
    if head.startswith("BEGIN:VCALENDAR"):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                calendars = icalendar.Calendar.from_ical(text, multiple=True)
            found = [v for c in calendars for v in c.walk("VEVENT")]
            if calendars:
                return [(f"event {i}", v) for i, v in enumerate(found, 1)], 0
        except (ValueError, IndexError, KeyError, TypeError) as exc:
            if not _blocks(text)[1]:
                raise DataFileError(f"{path}: not a valid iCalendar file: "
                                    f"{_words(exc)}.") from None
    zones, parts = _blocks(text)
    out: list[tuple[str, Any]] = []
    skipped = 0
    for line, name, block in parts:
        try:
            components = _calendar("".join(zones) + block).walk("VEVENT")
        except (ValueError, IndexError, KeyError, TypeError) as exc:
            if name == "VEVENT":
                out.append((f"event {len(out) + 1} (line {line})", _words(exc)))
            else:
                skipped += 1
            continue
        out.extend((f"event {len(out) + 1}", v) for v in components)
    if not out and not skipped and not parts:
        raise DataFileError(f"{path}: not a valid iCalendar file: it holds no calendar parts.")
    return out, skipped


def _words(exc: BaseException) -> str:
    """An icalendar message without its dump of the file's lines."""
    text = " ".join(str(exc).split())
    return text[:160].rstrip(" .:") or exc.__class__.__name__


# -- one event ---------------------------------------------------------------------------

def _prop(v: Any, name: str) -> Any:
    value = v.get(name)
    return value[0] if isinstance(value, list) and value else value


def _text(v: Any, name: str) -> str:
    value = _prop(v, name)
    if value is None:
        return ""
    if name.lower().startswith("x-"):
        return _unescape_text(value.to_ical()).strip()
    return str(value).strip()


_TEXT_ESCAPE = re.compile(r"\\([nN,;\\])")


def _unescape_text(raw: bytes | str) -> str:
    """An X- property's value as RFC 5545 TEXT (section 3.3.11), read the same way under
    every icalendar version: 5 and 6 decoded unknown X- properties as TEXT, 7 keeps them
    raw, so the value is taken in its written (escaped) form and unescaped here (files
    written under icalendar 6 read back the same under 7)."""
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
    return _TEXT_ESCAPE.sub(lambda m: "\n" if m[1] in "nN" else m[1], text)


def _moment(v: Any, name: str) -> dt.date | dt.datetime | None:
    prop = _prop(v, name)
    if prop is None:
        return None
    try:
        value = prop.dt
    except Exception:  # icalendar keeps a value it could not read as a broken property
        raw = getattr(prop, "to_ical", lambda: b"")()
        raw = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
        raise RecordError(name.upper(), f"{raw[:40]!r} is not a date or time") from None
    if isinstance(value, dt.date):
        return value
    raise RecordError(name.upper(), f"is not a date or time ({str(value)[:40]!r})")


def _day(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def last_day(start: dt.date | dt.datetime, end: dt.date | dt.datetime) -> dt.date:
    """The last day an event covers, from its start and its (exclusive) end: an all-day
    DTEND is the day after the last; a timed end at midnight ends the day before."""
    first = _day(start)
    if not isinstance(end, dt.datetime):
        return max(first, end - dt.timedelta(days=1))
    if end.time() == dt.time(0, 0) and end.date() > first:
        return end.date() - dt.timedelta(days=1)
    return max(first, end.date())


def _window(v: Any, report: ImportReport) -> tuple[dt.date, dt.date]:
    """The first and last day; an end (DTEND, DURATION) that cannot be read is left out,
    and counted, rather than losing the event over an optional property."""
    start = _moment(v, "dtstart")
    if start is None:
        raise RecordError("DTSTART", "is missing (an event needs a start date to be placed "
                                     "on the timeline)")
    try:
        end = _moment(v, "dtend")
    except RecordError:
        end = None
        report.other[NO_END] = report.other.get(NO_END, 0) + 1
    if end is None and _prop(v, "duration") is not None:
        try:
            length = _prop(v, "duration").dt
        except Exception:
            length = None
        if isinstance(length, dt.timedelta) and length >= dt.timedelta(0):
            try:
                end = start + length
            except OverflowError:  # ends with 9999-12-31, how this app writes such an event
                return _day(start), dt.date.max
        else:
            report.other[NO_END] = report.other.get(NO_END, 0) + 1
    if end is None:
        return _day(start), _day(start)
    if isinstance(end, dt.datetime) != isinstance(start, dt.datetime):
        end = _day(end) if isinstance(start, dt.datetime) else end
    return _day(start), last_day(start, end)


def categories(v: Any) -> list[str]:
    raw = v.get("categories")
    items = raw if isinstance(raw, list) else [raw] if raw is not None else []
    out = [str(c).strip() for item in items for c in getattr(item, "cats", [item])]
    return list(dict.fromkeys(c for c in out if c))


def _type_and_tags(v: Any) -> tuple[str, list[str]]:
    tags = parse_tags(_text(v, "x-tracker-tags"))
    kind = type_of(_text(v, "x-tracker-type"), "X-TRACKER-TYPE") \
        if _text(v, "x-tracker-type") else ""
    for category in categories(v):
        try:
            found = lookup(EVENT_TYPES, category, "type", "CATEGORIES")
        except RecordError:
            found = ""
        if found and not kind:
            kind = found
        elif not (found and found == kind) and category not in tags:
            tags.append(category)
    return kind or "other", tags


_FREQ = {"YEARLY": "year", "MONTHLY": "month", "WEEKLY": "week", "DAILY": "day",
         "HOURLY": "hour", "MINUTELY": "minute", "SECONDLY": "second"}
_DAYS = {"MO": "Monday", "TU": "Tuesday", "WE": "Wednesday", "TH": "Thursday", "FR": "Friday",
         "SA": "Saturday", "SU": "Sunday"}


def rule_words(v: Any) -> str:
    """"Repeats every 2 weeks on Monday and Wednesday, 10 times" for a series; "" else."""
    rules = v.get("rrule")
    rules = rules if isinstance(rules, list) else [rules] if rules is not None else []
    phrases = []
    for rule in rules:
        try:
            phrases.append(_rule_phrase(rule))
        except Exception:  # a rule icalendar could not read: say so, keep the event
            raw = getattr(rule, "to_ical", lambda: b"")()
            raw = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
            phrases.append(f"by a rule that could not be read ({raw[:60]})")
    extra = v.get("rdate")
    extra = len(extra) if isinstance(extra, list) else 1 if extra is not None else 0
    if extra:
        phrases.append(f"also on {extra} more date{'s' * (extra > 1)} (RDATE)")
    return ("Repeats " + "; ".join(phrases) + ".") if phrases else ""


def _rule_phrase(rule: Any) -> str:
    """One RRULE in words: "every 2 weeks on Monday and Wednesday, 10 times"."""
    freq = str((rule.get("FREQ") or ["?"])[0]).upper()
    unit = _FREQ.get(freq, freq.lower())
    n = int((rule.get("INTERVAL") or [1])[0] or 1)
    text = f"every {n} {unit}s" if n > 1 else f"every {unit}"
    days = [_DAYS.get(re.sub(r"^[+-]?\d+", "", str(d)).upper(), str(d))
            for d in rule.get("BYDAY") or []]
    if days:
        text += " on " + (", ".join(days[:-1]) + " and " + days[-1] if len(days) > 1
                          else days[0])
    if rule.get("COUNT"):
        text += f", {rule['COUNT'][0]} times"
    if rule.get("UNTIL"):
        until = rule["UNTIL"][0]
        text += f", until {format_day(_day(until))}" if isinstance(until, dt.date) else ""
    return text


def _apply(v: Any, writer: bulk.ImportWriter, report: ImportReport) -> str:
    a, b = _window(v, report)
    precision = _text(v, "x-tracker-precision") or None
    if precision and precision not in PRECISIONS:
        raise RecordError("X-TRACKER-PRECISION", f"{precision!r} is not known")
    start, end = _dates(v, a, b, precision)
    status = _text(v, "x-tracker-status")
    status = (status_of(status, "X-TRACKER-STATUS") if status
              else FROM_ICAL_STATUS.get(_text(v, "status").upper(), "occurred"))
    ours = any(k.startswith("X-TRACKER-") for k in v)
    summary = _text(v, "x-tracker-summary") if ours else str(_prop(v, "description") or "")
    repeats = rule_words(v)
    if repeats and not ours:
        summary = f"{repeats}\n\n{summary.strip()}" if summary.strip() else repeats
    kind, tags = _type_and_tags(v)
    event = Event(None, _text(v, "uid"), _text(v, "summary") or UNTITLED, start, end,
                  status=status, type=kind, summary=summary.strip(),
                  location=_text(v, "location"),
                  actors=parse_actors(_text(v, "x-tracker-actors"), "X-TRACKER-ACTORS"),
                  tags=tags)
    return add_event(writer, report, event, foreign=True)


def _dates(v: Any, a: dt.date, b: dt.date,
           precision: str | None) -> tuple[FuzzyDate, FuzzyDate | None]:
    """The window, or — for our own exports of an event with a separate end — the start
    and the end each with its own window, precision and words."""
    end_from = _text(v, "x-tracker-end-earliest")
    if end_from:
        try:
            lo = dt.date.fromisoformat(end_from)
            hi = dt.date.fromisoformat(_text(v, "x-tracker-start-latest") or a.isoformat())
            end_precision = _text(v, "x-tracker-end-precision") or "day"
            return (FuzzyDate(a, hi, precision or "day", _text(v, "x-tracker-date-text")),
                    FuzzyDate(lo, b, end_precision, _text(v, "x-tracker-end-text")
                              or _text(v, "x-tracker-date-text")))  # none: the same words
        except ValueError as exc:
            raise RecordError("X-TRACKER-END-EARLIEST", f"does not fit the event ({exc})") \
                from None
    return dates_from_window(_text(v, "x-tracker-date-text"), a, b, precision)


def _raise(error: RecordError) -> str:
    raise error


def records(path: Path, text: str) -> list[Record]:
    found, skipped = _events(path, text)
    series = {_text(v, "uid") for _, v in found if not isinstance(v, str)
              and v.get("recurrence-id") is None}
    out = []
    for where, v in found:
        if isinstance(v, str):
            error = RecordError("event", f"cannot be read ({v})")
            out.append(Record(where, lambda w, r, e=error: _raise(e)))
            continue
        uid = _text(v, "uid")
        where += f" (UID {uid})" if uid else ""
        if v.get("recurrence-id") is not None and uid in series:
            out.append(Record(where, lambda w, r: EDITED))
            continue
        out.append(Record(where, lambda w, r, v=v: _apply(v, w, r)))
    out.extend(Record(f"part {i}", lambda w, r: UNREADABLE) for i in range(1, skipped + 1))
    return out
