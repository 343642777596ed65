"""Reading CSV: this app's own columns, and the spreadsheets other tools write.

The columns are matched to fields by :mod:`tracker.io.csvlayout`; this module turns each
row into an event. Every row is its own record, so one bad row is named by its line and
the rest can still come in ("skip bad records").
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tracker.io.common import (
    DataFileError,
    ImportReport,
    RecordError,
    dates_from_window,
    lookup,
    parse_actors,
    parse_tags,
    short_date_error,
    status_of,
    type_of,
    window_precision,
    words_for_window,
)
from tracker.io.csvlayout import (
    FIELDS,
    Layout,
    MappingError,
    column_order,
    detect,
    iso_of_slash,
    parse_map,
)
from tracker.io.dedup import add_event
from tracker.io.engine import Record
from tracker.model.dateparse import parse_date, parse_single
from tracker.model.entities import Event, Excerpt
from tracker.model.fuzzydate import DateError, FuzzyDate
from tracker.model.vocab import EVENT_TYPES, PRECISIONS, STATUSES
from tracker.store import bulk

EXCERPT_SEP = " | "
NOT_ATTACHED = "excerpt not attached (their source is not in this database)"
UNTITLED = "(untitled)"
TITLE_CHARS = 120
DATE_FIELDS = ("start", "end", "date_text", "end_text")


@dataclass(frozen=True, slots=True)
class CsvOptions:
    """What a person said about a CSV: ``mapping`` "Headline=title,Year=year" (--map or the
    window's preview) and the order of slash dates no value settles (--date-order)."""

    mapping: str = ""
    date_order: str | None = None  # "dmy" | "mdy"


@dataclass(frozen=True, slots=True)
class Sheet:
    """A CSV file read: its header, layout and rows (with their first line numbers)."""

    header: list[str]
    layout: Layout
    rows: list[tuple[int, list[str]]]


def read_sheet(path: Path, text: str, options: CsvOptions | None = None) -> Sheet:
    """Read and check the whole file: header, layout, every row's shape, slash-date order."""
    options = options or CsvOptions()
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except (csv.Error, StopIteration) as exc:
        raise DataFileError(f"{path}: line 1: not a CSV header ({exc}).") from None
    try:
        layout = detect(header, parse_map(options.mapping) if options.mapping else None)
    except MappingError as exc:
        raise DataFileError(f"{path}: --map: {exc}.") from None
    missing = layout.missing()
    if missing:
        raise DataFileError(
            f"{path}: line 1: missing required columns: cannot tell which column holds "
            f"{' or '.join(missing)}. The header has: {', '.join(header)[:200]}. Name them "
            f"with --map \"COLUMN=field\" (fields: title, start, end, summary, year, …).")
    rows: list[tuple[int, list[str]]] = []
    line = reader.line_num
    while True:
        first = line + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            if "field limit" in str(exc):  # a cell of over 128 K characters: no field is that long
                raise DataFileError(
                    f"{path}: line {reader.line_num}: a cell is longer than "
                    f"{csv.field_size_limit():,} characters; no field of an event is that long "
                    "(a title is at most 500).") from None
            raise DataFileError(f"{path}: line {reader.line_num}: not valid CSV ({exc}).") from None
        line = reader.line_num
        if any(cell.strip() for cell in row):
            rows.append((first, row))
    found: dict[int, str | None] = {}
    for name in ("start", "end"):
        col = layout.column(name)
        if col is None:
            continue
        try:
            found[col] = column_order([r[col] for _, r in rows if col < len(r)])
        except ValueError as exc:
            raise DataFileError(f"{path}: column {header[col]!r} {exc}.") from None
    # A column its own values do not settle follows the file's other date column (a
    # calendar's End Date follows its Start Date), else --date-order.
    settled = {order for order in found.values() if order}
    sibling = settled.pop() if len(settled) == 1 else None
    for col, order in found.items():
        layout.date_order[col] = order or sibling or options.date_order or ""
    return Sheet(header, layout, rows)


def peek(text: str, limit: int = 20) -> tuple[list[str], list[list[str]], Layout]:
    """The header, the first ``limit`` rows and the recognised layout, for a preview that
    lets a person correct the mapping before anything is written (never raises for a
    malformed row: the import itself names those)."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    rows: list[list[str]] = []
    try:
        header = next(reader, [])
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append(row)
            if len(rows) >= limit:
                break
    except csv.Error:
        pass
    return header, rows, detect(header)


def records(path: Path, text: str, options: CsvOptions | None = None) -> list[Record]:
    sheet = read_sheet(path, text, options)
    out: list[Record] = []
    width = len(sheet.header)
    for first, row in sheet.rows:
        if len(row) > width:
            error = RecordError("row", f"has {len(row)} fields, but the header names {width}")
            out.append(Record(f"line {first}", lambda w, r, e=error: _raise(e)))
            continue
        values: dict[str, str] = {}
        for col, cell in enumerate(row):
            target = sheet.layout.fields[col]
            if target != "ignore":
                order = sheet.layout.date_order.get(col)
                values[target] = _cell(cell, order) if target in ("start", "end") else cell
        out.append(Record(f"line {first}",
                          lambda w, r, v=values, k=sheet.layout.name: _apply(v, k, w, r)))
    return out


def _raise(error: RecordError) -> str:
    raise error


_YEAR = re.compile(r"^\s*(\d{1,4})\s*$")
_BC = re.compile(r"(?<![a-z])(bce?|b\.c\.?)(?![a-z])", re.I)
_SHORT_YEAR = re.compile(r"(?<!\d)(\d{1,3})(?!\d)")
# Words around bare early years ("c. 383", "between 47 and 50"): the date parser wants
# a year of four digits, so such a cell's short numbers are years written short.
_YEAR_WORDS = {"c", "ca", "circa", "between", "and", "about", "around", "ad"}


def _cell(value: str, order: str | None) -> str:
    """A date cell in a form the date parser reads: slash dates in the column's order as
    ISO, bare years of one to three digits as four. An ambiguous slash date is left as it
    is, to be reported with its line."""
    try:
        iso = iso_of_slash(value, order or None)
    except ValueError:
        return value
    if iso:
        return iso
    m = _YEAR.match(value)
    if m:
        return f"{int(m[1]):04d}" if int(m[1]) > 0 else value
    words = set(re.findall(r"[a-z]+", value.casefold()))
    if words and words <= _YEAR_WORDS:
        return _SHORT_YEAR.sub(lambda y: f"{int(y[1]):04d}", re.sub(
            r"(?i)(?<![a-z])ad(?![a-z])", "", value))
    return value


# -- one row ------------------------------------------------------------------------------

def _bound(text: str, name: str, *, latest: bool) -> dt.date:
    try:
        iso_of_slash(text, None)
    except ValueError as exc:
        raise RecordError(name, str(exc)) from None
    if _BC.search(text):
        raise RecordError(name, f"{text.strip()!r} is before the year 1, which the tracker's "
                                "calendar cannot hold")
    try:
        span = parse_date(text)
    except DateError as exc:
        raise RecordError(name, short_date_error(exc)) from None
    return (span.end or span.start).latest if latest else span.start.earliest


_OPEN_ENDS = {"ongoing", "present", "now", "today", "current", "continuing", "incumbent"}
_MIDNIGHT = re.compile(r"^\s*(0?0|12):00(:00)?\s*(am)?\s*$", re.I)


def _span(text: str, name: str) -> FuzzyDate:
    """One date cell as a fuzzy date with its words (a range in one cell spans it whole)."""
    a = _bound(text, name, latest=False)
    b = _bound(text, name, latest=True)
    span = words_for_window(text, a, b)
    if span is not None and span.end is None:
        return span.start
    return FuzzyDate(a, b, window_precision(a, b), text.strip())


def _foreign_dates(get: Callable[[str], str]) -> tuple[FuzzyDate, FuzzyDate | None]:
    """Another tool's start and end columns are two dates (a reign: 30 Apr 1789 and
    4 Mar 1797), not one uncertain window; a calendar's end at midnight ends the day
    before."""
    start = _span(get("start"), "start")
    if get("date_text"):
        start = dates_from_window(get("date_text"), start.earliest, start.latest,
                                  start.precision)[0]
    if not get("end") or get("end").casefold() in _OPEN_ENDS:
        return start, None  # "ongoing": the end is not known yet
    end = _span(get("end"), "end")
    if end.earliest > start.earliest and _MIDNIGHT.match(get("end_time")):
        day = end.earliest - dt.timedelta(days=1)
        end = FuzzyDate(day, day, "day", "")
    if end.latest < start.earliest:
        raise RecordError("end", f"{get('end')!r} is before the start {get('start')!r}")
    if (end.earliest, end.latest) == (start.earliest, start.latest):
        return start, None
    if end.earliest < start.earliest:
        end = FuzzyDate(start.earliest, end.latest, end.precision, end.words)
    return start, end


def row_dates(get: Callable[[str], str], ours: bool = True
              ) -> tuple[FuzzyDate, FuzzyDate | None]:
    """A row's dates. In this app's CSV the start/end columns are the stored window and
    the words in date_text keep their meaning where they say exactly that window; the
    end_earliest/end_precision/start_latest columns keep a separate end as it was."""
    if get("year"):
        return _part_dates(get)
    if get("start") and not ours:
        return _foreign_dates(get)
    words, end_text, precision = get("date_text"), get("end_text"), get("precision")
    for name in ("precision", "end_precision"):
        if get(name) and get(name) not in PRECISIONS:
            raise RecordError(name, f"{get(name)!r} is not known; use one of: "
                                    f"{', '.join(PRECISIONS)}")
    if get("start"):
        a = _bound(get("start"), "start", latest=False)
        b = _bound(get("end") or get("start"), "end" if get("end") else "start", latest=True)
        if b < a:
            raise RecordError("end", f"{get('end')!r} is before the start {get('start')!r}")
        if get("end_earliest"):
            return _separate_end(get, a, b)
        if end_text:
            try:
                start, end = parse_single(words, reference=a), parse_single(end_text, reference=a)
                if (start.earliest, end.latest) == (a, b):
                    return start, end
            except DateError:
                pass
        return dates_from_window(words, a, b, precision or None)
    if not words:
        raise RecordError("date_text", "is empty and there is no start date")
    try:
        span = parse_date(words)
    except DateError as exc:
        raise RecordError("date_text", short_date_error(exc)) from None
    end = span.end
    if end_text:
        try:
            end = parse_single(end_text)
        except DateError as exc:
            raise RecordError("end_text", short_date_error(exc)) from None
        if end.latest < span.start.earliest:
            raise RecordError("end_text", f"{end_text!r} is before the start {words!r}")
    return span.start, end


def _separate_end(get: Callable[[str], str], a: dt.date, b: dt.date
                  ) -> tuple[FuzzyDate, FuzzyDate]:
    """An event with a start and a separate end, each with its own window and precision."""
    lo = _bound(get("end_earliest"), "end_earliest", latest=False)
    hi = _bound(get("start_latest"), "start_latest", latest=True) if get("start_latest") else a
    if not a <= hi <= b or not a <= lo <= b:
        raise RecordError("end_earliest", "the start's and the end's windows must lie within "
                                          "start … end")
    try:
        return (FuzzyDate(a, hi, get("precision") or window_precision(a, hi), get("date_text")),
                FuzzyDate(lo, b, get("end_precision") or window_precision(lo, b),
                          get("end_text") or get("date_text")))  # empty: the same words
    except DateError as exc:
        raise RecordError("end_earliest", str(exc)) from None


def _part_dates(get: Callable[[str], str]) -> tuple[FuzzyDate, FuzzyDate | None]:
    from tracker.io.timelinejs import date_of_parts, part_dates

    first = date_of_parts({"year": get("year"), "month": get("month"), "day": get("day")},
                          "start")
    last = None
    if get("end_year"):
        last = date_of_parts({"year": get("end_year"), "month": get("end_month"),
                              "day": get("end_day")}, "end")
    return part_dates(first[0], first[1], last, get("date_text"), "end")


def _html(text: str) -> str:
    from tracker.io.timelinejs import plain

    return plain(text)


def _kind_and_tags(values: dict[str, str], strict: bool) -> tuple[str, str, list[str]]:
    """Type, status and tags. In this app's own CSV an unknown type or status is an error;
    in other tools' files such words ("battle", "cancelled?") become tags instead."""
    tags = parse_tags(values.get("tags", "").replace(",", ";") if not strict
                      else values.get("tags", ""))
    kind, status = values.get("type", "").strip(), values.get("status", "").strip()
    if strict:
        return type_of(kind), status_of(status), tags
    group = values.get("group", "").strip()
    out_kind, out_status = "other", "occurred"
    for word, vocab in ((kind, EVENT_TYPES), (group, EVENT_TYPES), (status, STATUSES)):
        if not word:
            continue
        try:
            found = lookup(vocab, word, "", "")
        except RecordError:
            tags.append(word)
            continue
        if vocab is STATUSES:
            out_status = found
        elif out_kind == "other":
            out_kind = found
    return out_kind, out_status, list(dict.fromkeys(tags))


def _title(values: dict[str, str], html: bool) -> tuple[str, str]:
    """Title and summary; a row without a title takes its description's first line, else
    "(untitled)" — a nameless row is still an event someone recorded."""
    title, summary = values.get("title", ""), values.get("summary", "")
    if html:
        title, summary = _html(title), _html(summary)
    title = " ".join(title.split())
    if not title:
        first = next((line.strip() for line in summary.splitlines() if line.strip()), "")
        title = first if len(first) <= TITLE_CHARS else first[:TITLE_CHARS - 1].rstrip() + "…"
    return title or UNTITLED, summary


def _apply(values: dict[str, str], layout: str, writer: bulk.ImportWriter,
           report: ImportReport) -> str | None:
    def get(name: str) -> str:
        return values.get(name, "").strip()

    slide = get("slide_type").casefold()
    if slide == "title":
        return "row holding the timeline's title (not an event)"
    if slide == "era":  # a TimelineJS sheet's era row: a period
        from tracker.io.periodsio import from_era

        def parts(prefix: str) -> dict[str, str]:
            return {k: get(prefix + k) for k in ("year", "month", "day") if get(prefix + k)}

        return from_era({"start_date": parts(""), "end_date": parts("end_") or None,
                         "text": {"headline": values.get("title", ""),
                                  "text": values.get("summary", "")}}, writer, report)
    ours = layout == "tracker CSV"
    title, summary = _title(values, html=layout == "TimelineJS sheet")
    start, end = row_dates(get, ours)
    kind, status, tags = _kind_and_tags(values, strict=ours)
    event = Event(None, get("uid"), title, start, end, status=status, type=kind,
                  summary=summary.strip() if not ours else values.get("summary", ""),
                  location=get("location"), actors=parse_actors(get("actors")), tags=tags)
    event.excerpts = _attach(writer, report, values.get("excerpts", ""))
    return add_event(writer, report, event, foreign=True)


_EXCERPT_RX = re.compile(r'^"(?P<quote>.*)" \[(?P<title>.*)\]$', re.DOTALL)


def _attach(writer: bulk.ImportWriter, report: ImportReport, cell: str) -> list[Excerpt]:
    """Excerpts whose source (by title) is in the database and whose quote is in its text."""
    out = []
    for part in (p.strip() for p in cell.split(EXCERPT_SEP) if p.strip()):
        # Checked first: on a cell without the closing "]" the regex backtracks quadratically.
        m = _EXCERPT_RX.match(part) if part.startswith('"') and part.endswith("]") else None
        if not m:
            raise RecordError("excerpts", f'{part[:60]!r} is not "quote" [source title]')
        found = writer.source_by_title(m["title"])
        at = found[1].find(m["quote"]) if found and m["quote"] else -1
        if found is None or at < 0:
            report.other[NOT_ATTACHED] = report.other.get(NOT_ATTACHED, 0) + 1
            continue
        out.append(Excerpt(found[0], at, at + len(m["quote"]), m["quote"]))
    return out


__all__ = ["FIELDS", "CsvOptions", "Sheet", "peek", "read_sheet", "records", "row_dates"]
