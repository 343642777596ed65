"""TimelineJS3 JSON (Knight Lab), the format its web timelines read.

TimelineJS has no uncertain dates, so a date object carries only the parts the event's
precision vouches for (see the README, "Data files"): an exact day gets year, month and day; a month
gets year and month; a year only the year. A window that those parts do not say by
themselves ("20–28 Feb 2019", "summer 2018") gets an ``end_date`` as well, so the web
timeline draws the whole window, and ``display_date`` shows the words as reported.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from tracker.io.common import (
    DataFileError,
    ImportReport,
    RecordError,
    credit,
    dates_from_window,
    lookup,
    words_for_window,
)
from tracker.io.dedup import add_event
from tracker.io.engine import Record
from tracker.io.jsonfmt import write_array
from tracker.io.textclean import clean_event
from tracker.model.entities import Event
from tracker.model.fuzzydate import FuzzyDate, format_window
from tracker.model.vocab import EVENT_TYPES, STATUSES
from tracker.store import bulk
from tracker.store.repo import Store

# Which date parts a precision vouches for.
GRAIN = {"day": "day", "days": "day", "week": "day", "part_of_month": "day", "month": "month",
         "season": "month", "quarter": "month", "year": "year", "decade": "year"}


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def date_parts(day: dt.date, grain: str) -> dict[str, int]:
    parts = {"year": day.year}
    if grain in ("month", "day"):
        parts["month"] = day.month
    if grain == "day":
        parts["day"] = day.day
    return parts


def _grain_window(day: dt.date, grain: str) -> tuple[dt.date, dt.date]:
    if grain == "day":
        return day, day
    if grain == "month":
        first = day.replace(day=1)
        nxt = (first + dt.timedelta(days=32)).replace(day=1)
        return first, nxt - dt.timedelta(days=1)
    return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)


def slide(event: Event, refs: dict[int, bulk.SourceRef]) -> dict[str, Any]:
    start = event.start
    grain = GRAIN[start.precision]
    out: dict[str, Any] = {"start_date": date_parts(start.earliest, grain)}
    if event.end is not None:
        out["end_date"] = date_parts(event.end.latest, GRAIN[event.end.precision])
    elif _grain_window(start.earliest, grain) != (start.earliest, start.latest):
        out["end_date"] = date_parts(start.latest, grain)
    out["display_date"] = display_date(event)
    paragraphs = []
    if event.summary:
        paragraphs.append(f"<p>{_esc(event.summary)}</p>")  # the only part read back
    facts = f"{STATUSES[event.status]}" + (f" · {_esc(event.location)}" if event.location
                                           else "")
    if event.actors:
        facts += " · " + _esc(", ".join(p.actor for p in event.actors))
    paragraphs.append(f'<p class="tracker-facts">{facts}</p>')
    for x in event.excerpts:
        ref = refs[x.source_id]
        paragraphs.append(f'<blockquote class="tracker-excerpt">“{_esc(x.quote)}”</blockquote>'
                          f'<p class="tracker-credit"><cite>— '
                          f"{_esc(credit(ref.outlet, ref.title, ref.published_at))}</cite></p>")
    out["text"] = {"headline": _esc(event.title), "text": "".join(paragraphs)}
    out["group"] = EVENT_TYPES[event.type]
    out["unique_id"] = event.uid
    return out


def export_timelinejs(store: Store, out: TextIO, tick: Callable[[], None]) -> int:
    refs = bulk.source_refs(store)
    written = 0

    def slides():
        nonlocal written
        for batch in bulk.iter_event_batches(store):
            for event in batch:
                written += 1
                yield slide(clean_event(event), refs)

    outlets = sorted({r.outlet or r.title for r in refs.values()})
    title = {"text": {"headline": "Diplomacy timeline",
                      "text": _esc("Sources: " + "; ".join(outlets)) if outlets else ""}}
    from tracker.io import periodsio
    from tracker.store.periods import list_periods

    out.write("{\n")
    eras = [periodsio.era(p) for p in list_periods(store)]
    if eras:
        write_array(out, "eras", eras, lambda: None, last=False)
    write_array(out, "events", slides(), tick, last=False)
    out.write('  "title": ' + _json(title) + "\n}\n")
    return written


def _json(value: Any) -> str:
    import json

    return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False).replace("\n", "\n  ")


# -- import ------------------------------------------------------------------------------

_TAG = re.compile(r"<[^<>]*>")  # not [^>]: "<<<<…" would make it quadratic
_OURS_OPEN = re.compile(r'<(p|blockquote) class="tracker-[a-z]+">')


def _drop_ours(text: str) -> str:
    """Remove the parts this app adds to a slide's text (<p class="tracker-…">…</p>), in
    one pass: a lazy regex over many unclosed openings took quadratic time."""
    out: list[str] = []
    last = start = 0
    unclosed: set[str] = set()
    while (m := _OURS_OPEN.search(text, start)) is not None:
        tag = m.group(1)
        end = -1 if tag in unclosed else text.find(f"</{tag}>", m.end())
        if end < 0:
            unclosed.add(tag)
            start = m.start() + 1
            continue
        out.append(text[last:m.start()])
        last = start = end + len(tag) + 3
    out.append(text[last:])
    return "".join(out)


def plain(text: Any) -> str:
    """HTML from a slide as plain text: tags dropped, entities read, spaces collapsed."""
    if not isinstance(text, str):
        return ""
    text = re.sub(r"</p>|<br\s*/?>|</blockquote>", "\n", text, flags=re.I)
    lines = (" ".join(html.unescape(_TAG.sub("", line)).split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _number(d: dict[str, Any], key: str, name: str, lo: int, hi: int) -> int | None:
    value = d.get(key)
    if value is None or value == "":
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        raise RecordError(f"{name}.{key}", f"{value!r} is not a number") from None
    if not lo <= number <= hi:
        raise RecordError(f"{name}.{key}", f"{number} is not between {lo} and {hi}")
    return number


def _date(raw: Any, name: str) -> tuple[dt.date, str]:
    """The first day a date object names, and how fine it is (day, month or year)."""
    if not isinstance(raw, dict):
        raise RecordError(name, "is missing" if raw is None else "must be an object")
    year = _number(raw, "year", name, -10**15, 10**15)  # cosmology: -13,800,000,000
    if year is None:
        raise RecordError(f"{name}.year", "is missing")
    if year < 1:
        raise RecordError(f"{name}.year", f"{year} is before the year 1, which the tracker's "
                                          "calendar cannot hold")
    if year > 9999:
        raise RecordError(f"{name}.year", f"{year} is not between 1 and 9999")
    month = _number(raw, "month", name, 1, 12)
    day = _number(raw, "day", name, 1, 31) if month else None
    try:
        return dt.date(year, month or 1, day or 1), "day" if day else "month" if month else "year"
    except ValueError as exc:
        raise RecordError(f"{name}.day", str(exc)) from None


def part_dates(first: dt.date, grain: str, last: tuple[dt.date, str] | None, words: str,
               end_name: str) -> tuple[FuzzyDate, FuzzyDate | None]:
    """An event's dates from year/month/day parts (a TimelineJS slide, its Google-Sheets
    template): each end as fine as its parts, the words kept, and read when they say
    exactly that window."""
    a, b = _grain_window(first, grain)
    if last is None:
        return dates_from_window(words, a, b, grain)
    lo, hi = _grain_window(*last)
    if hi < a:
        raise RecordError(end_name, "is before start_date" if end_name == "end_date"
                          else "is before the start")
    span = words_for_window(words, a, hi)
    if span is not None:
        return span.start, span.end
    return FuzzyDate(a, b, grain, words), FuzzyDate(max(lo, a), hi, last[1], words)


def date_of_parts(parts: dict[str, Any], name: str) -> tuple[dt.date, str]:
    """The first day that year/month/day parts name, and how fine they are."""
    return _date(parts, name)


UNTITLED = "(untitled)"
TITLE_CHARS = 120
_DISPLAY = re.compile(r"^.* — [‘'](?P<words>.+)[’']$")


def _first_line(text: str) -> str:
    """A slide without a headline is named by its text's first line (shortened)."""
    line = next((x.strip() for x in text.splitlines() if x.strip()), "")
    return line if len(line) <= TITLE_CHARS else line[:TITLE_CHARS - 1].rstrip() + "…"


def display_date(event: Event) -> str:
    """What a TimelineJS slide shows as its date: the resolved date, and the source's words
    when they say more than it ("Fri 18 Jan 2019 — ‘Friday’"), because words such as
    "Friday" or "last summer" mean nothing without the article's date."""
    lo, hi = event.earliest, event.latest
    resolved = f"{lo:%a} {format_window(lo, hi)}" if lo == hi else format_window(lo, hi)
    words = event.start.words.strip()
    if not words or words.casefold() in resolved.casefold():
        return resolved
    return f"{resolved} — ‘{words}’"


def own_words(display: str) -> str:
    """The source's words back out of a display_date written by :func:`display_date`."""
    m = _DISPLAY.match(display)
    return m["words"] if m else display


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _generated(words: str, first: dt.date, grain: str, last: tuple | None) -> bool:
    """Whether ``words`` are what :func:`display_date` writes for an event without words."""
    a, b = _grain_window(first, grain)
    if last is not None:
        b = max(_grain_window(*last)[1], a)
    window = format_window(a, b)
    return words in (window, f"{a:%a} {window}")


def _apply(s: Any, writer: bulk.ImportWriter, report: ImportReport) -> str:
    if not isinstance(s, dict):
        raise RecordError("slide", "must be an object")
    text = s.get("text") if isinstance(s.get("text"), dict) else {}
    title = plain(text.get("headline")) or _first_line(plain(text.get("text"))) or UNTITLED
    first, grain = _date(s.get("start_date"), "start_date")
    words = own_words(plain(s.get("display_date")
                            or (s.get("start_date") or {}).get("display_date")))
    last = None if s.get("end_date") is None else _date(s["end_date"], "end_date")
    if _generated(words, first, grain, last):
        words = ""  # the exporter's stand-in for an event without words: not a source's
    start, end = part_dates(first, grain, last, words, "end_date")
    group = plain(s.get("group"))
    try:
        kind, tags = (lookup(EVENT_TYPES, group, "type", "group"), []) if group else ("other", [])
    except RecordError:
        kind, tags = "other", [group]
    uid = s.get("unique_id")
    place = s.get("location") if isinstance(s.get("location"), dict) else {}
    event = Event(None, uid.strip() if isinstance(uid, str) else "", title, start, end, type=kind,
                  summary=plain(_drop_ours(_str(text.get("text")))), tags=tags,
                  location=plain(place.get("name")))
    return add_event(writer, report, event, foreign=True)


def records(path: Path, doc: Any) -> list[Record]:
    from tracker.io.tljs_shapes import normalise

    found = normalise(doc)
    if found is None:
        raise DataFileError(f'{path}: not a TimelineJS file: it needs an object with an '
                            f'"events" list (or a TimelineJS 2 "timeline" with a "date" list).')
    out = [Record(f"event {i}", lambda w, r, s=s: _apply(s, w, r))
           for i, s in enumerate(found["events"], 1)]
    eras = found.get("eras") if isinstance(found.get("eras"), list) else []
    out += [Record(f"era {i}", lambda w, r, e=e: era_record(e, w, r))
            for i, e in enumerate(eras, 1)]
    return out


def era_record(era: Any, writer: bulk.ImportWriter, report: ImportReport) -> str | None:
    """An era is a named span, not an event: it becomes a period."""
    from tracker.io import periodsio

    return periodsio.from_era(era, writer, report)
