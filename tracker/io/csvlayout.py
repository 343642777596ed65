"""Which column of someone else's CSV means what: layouts recognised by their headers, a
mapping a person can override, and the day/month order of slash dates per column.

Spreadsheets people already have come from TimelineJS's Google-Sheets template (``Year``,
``Month``, ``Day``, ``Headline``, ``Text``, ``Display Date``, ``Group``, ``Type``),
calendar exports (``Subject``, ``Start Date``, ``Start Time``, ``End Date``, ``All Day
Event``, ``Description``), or plain lists (``title,date,description``,
``label,hdate,hdate_end``). Rather than one fixed set of column names, each header is
looked up in a table of the names these tools use for the same thing; whatever is not
recognised is ignored, and ``--map "Headline=title,Year=year"`` (or the window's preview)
settles the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Every field a column can feed. The first group is this app's own CSV columns.
FIELDS: dict[str, str] = {
    "uid": "id of the record", "title": "title", "start": "start date",
    "end": "end date", "date_text": "date as stated (words)", "precision": "precision",
    "end_text": "end date as stated", "status": "status", "type": "event type",
    "location": "location", "actors": "actors", "tags": "tags", "summary": "description",
    "excerpts": "excerpts", "start_latest": "latest day of the start",
    "end_earliest": "earliest day of the end", "end_precision": "precision of the end",
    "year": "year", "month": "month", "day": "day", "end_year": "end year",
    "end_month": "end month", "end_day": "end day", "start_time": "start time",
    "end_time": "end time", "all_day": "all-day flag", "group": "group (a tag)",
    "slide_type": "TimelineJS row type (title/era)", "ignore": "(ignore)",
}

# Header (lower case, spaces for _ and -) → field. "type" is our event type except in the
# TimelineJS layout, where it says whether a row is the title slide or an era.
_ALIASES: dict[str, tuple[str, ...]] = {
    "uid": ("uid", "id", "unique id", "guid", "event id", "record id"),
    "title": ("title", "headline", "subject", "label", "name", "event", "event name",
              "event title", "what"),
    "start": ("start", "start date", "date", "hdate", "begin", "begin date", "from",
              "when", "date start", "dtstart", "event date"),
    "end": ("end", "end date", "hdate end", "until", "to", "date end", "finish", "dtend"),
    "date_text": ("date text", "display date", "date as reported"),
    "precision": ("precision",), "end_text": ("end text",), "status": ("status",),
    "type": ("type", "event type", "kind"),
    "location": ("location", "place", "venue", "where"),
    "actors": ("actors", "participants"),
    "tags": ("tags", "tag", "categories", "category", "keywords"),
    "summary": ("summary", "description", "text", "details", "notes", "body", "content"),
    "excerpts": ("excerpts",), "start_latest": ("start latest",),
    "end_earliest": ("end earliest",), "end_precision": ("end precision",),
    "year": ("year", "start year"), "month": ("month", "start month"),
    "day": ("day", "start day"),
    "end_year": ("end year",), "end_month": ("end month",), "end_day": ("end day",),
    "start_time": ("time", "start time"), "end_time": ("end time",),
    "all_day": ("all day event", "all day", "allday"),
    "group": ("group",),
}
_LOOKUP = {alias: name for name, aliases in _ALIASES.items() for alias in aliases}


def normalise(header: str) -> str:
    return " ".join(re.sub(r"[_\-]+", " ", header).casefold().split())


@dataclass
class Layout:
    """What each column (by position) feeds, and the name of the layout recognised."""

    fields: list[str]
    name: str
    date_order: dict[int, str] = field(default_factory=dict)  # column → "dmy" | "mdy"

    def column(self, name: str) -> int | None:
        return self.fields.index(name) if name in self.fields else None

    def missing(self) -> list[str]:
        """What the mapping lacks to make events: a date, and a title or a description."""
        out = []
        if not {"start", "year", "date_text"} & set(self.fields):
            out.append("a date (start, date, year …)")
        if not {"title", "summary"} & set(self.fields):
            out.append("a title (title, headline, subject, label …)")
        return out


class MappingError(ValueError):
    """A --map that names a column the file lacks or a field that does not exist."""


def parse_map(text: str) -> dict[str, str]:
    """``"Headline=title, Year=year"`` → {"headline": "title", "year": "year"} (headers
    normalised). Raises MappingError naming what is wrong."""
    out: dict[str, str] = {}
    for part in (p.strip() for p in text.split(",") if p.strip()):
        header, eq, target = part.partition("=")
        target = target.strip().casefold().replace(" ", "_").replace("-", "_")
        if not eq or not header.strip():
            raise MappingError(f"{part!r} is not COLUMN=FIELD")
        if target not in FIELDS:
            raise MappingError(f"{target!r} is not a field; use one of: {', '.join(FIELDS)}")
        out[normalise(header)] = target
    return out


def detect(header: list[str], overrides: dict[str, str] | None = None) -> Layout:
    """The layout of a file from its header row; ``overrides`` (from parse_map) win."""
    names = [normalise(h) for h in header]
    timelinejs = "headline" in names and "year" in names
    calendar = "subject" in names and "start date" in names
    fields: list[str] = []
    for name in names:
        target = _LOOKUP.get(name, "ignore")
        if timelinejs and name == "type":
            target = "slide_type"
        if timelinejs and name == "text":
            target = "summary"
        fields.append(target)
    # A field fed by two columns: the first wins (a file with "date" and "start date").
    seen: set[str] = set()
    for i, target in enumerate(fields):
        if target != "ignore" and target in seen:
            fields[i] = "ignore"
        seen.add(target)
    if overrides:
        unknown = [h for h in overrides if h not in names]
        if unknown:
            raise MappingError(f"the file has no column {unknown[0]!r} (its columns: "
                               f"{', '.join(header)[:200]})")
        for i, name in enumerate(names):
            if name in overrides:
                target = overrides[name]
                if target != "ignore":  # the column takes the field from any other
                    fields = ["ignore" if f == target else f for f in fields]
                fields[i] = target
    kind = ("TimelineJS sheet" if timelinejs else "calendar export" if calendar
            else "tracker CSV" if "title" in names
            and {"uid", "date text", "precision", "end text"} & set(names)
            else "a plain list (title, dates, description)")
    return Layout(fields, kind)


# -- slash dates -------------------------------------------------------------------------

SLASH = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4})\s*$")


def column_order(values: list[str]) -> str | None:
    """"dmy" or "mdy" when a value of the column settles it (25/12/2009 is day first,
    12/25/2009 month first); None when every value reads the same either way or none is
    a slash date. Raises ValueError when the column holds both."""
    orders = set()
    for value in values:
        m = SLASH.match(value)
        if not m:
            continue
        a, b = int(m[1]), int(m[2])
        if a > 12 >= b:
            orders.add("dmy")
        elif b > 12 >= a:
            orders.add("mdy")
    if len(orders) > 1:
        raise ValueError("holds both day-first (25/12/2009) and month-first (12/25/2009) dates")
    return orders.pop() if orders else None


def iso_of_slash(value: str, order: str | None) -> str | None:
    """A slash date as ISO when its order is known or does not matter; None when the value
    is not a slash date. Raises ValueError for an ambiguous one."""
    m = SLASH.match(value)
    if not m:
        return None
    a, b, year = int(m[1]), int(m[2]), m[3]
    if order is None and a != b:
        raise ValueError(f"{value.strip()!r} could be day first or month first and nothing "
                         "else in its column says which: import with --date-order dmy or mdy")
    day, month = (a, b) if order in ("dmy", None) else (b, a)
    return f"{year}-{month:02d}-{day:02d}"
