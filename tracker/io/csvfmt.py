"""CSV: one row per event, for spreadsheets (columns documented in the README, "Data files").

Actors, tags and excerpts are flattened into one cell each, in a form a person can edit
and the importer can read back. Dates are read with the app's date parser, so a
spreadsheet can say "late February 2019" just as the editor can.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from tracker.io.common import (
    DataFileError,
    ImportReport,
    RecordError,
    dates_from_window,
    format_actors,
    parse_actors,
    parse_tags,
    short_date_error,
    status_of,
    type_of,
)
from tracker.io.engine import Record, add_event
from tracker.model.dateparse import parse_date, parse_single
from tracker.model.entities import Event, Excerpt
from tracker.model.fuzzydate import DateError, FuzzyDate
from tracker.model.vocab import PRECISIONS
from tracker.store import bulk
from tracker.store.repo import Store

COLUMNS = ("uid", "title", "start", "end", "date_text", "precision", "end_text", "status",
           "type", "location", "actors", "tags", "summary", "excerpts")
EXCERPT_SEP = " | "
NOT_ATTACHED = "excerpt not attached (their source is not in this database)"


def _excerpts(event: Event, refs: dict[int, bulk.SourceRef]) -> str:
    return EXCERPT_SEP.join(f'"{x.quote}" [{refs[x.source_id].title}]' for x in event.excerpts)


def row_of(event: Event, refs: dict[int, bulk.SourceRef]) -> list[str]:
    end_text = event.end.words if event.end and event.end.words != event.start.words else ""
    return [event.uid, event.title, event.earliest.isoformat(), event.latest.isoformat(),
            event.start.words, event.start.precision, end_text, event.status, event.type,
            event.location, format_actors(event.actors), "; ".join(event.tags), event.summary,
            _excerpts(event, refs)]


def export_csv(store: Store, out: TextIO, tick: Callable[[], None]) -> int:
    refs = bulk.source_refs(store)
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    written = 0
    for batch in bulk.iter_event_batches(store):
        for event in batch:
            writer.writerow(row_of(event, refs))
            written += 1
            tick()
    return written


# -- import ------------------------------------------------------------------------------

def _bound(text: str, name: str, *, latest: bool) -> dt.date:
    try:
        span = parse_date(text)
    except DateError as exc:
        raise RecordError(name, short_date_error(exc)) from None
    return (span.end or span.start).latest if latest else span.start.earliest


def row_dates(get: Callable[[str], str]) -> tuple[FuzzyDate, FuzzyDate | None]:
    """A row's dates: the start/end columns are the stored window when present, and the
    words in date_text keep their meaning where they say exactly that window."""
    words, end_text, precision = get("date_text"), get("end_text"), get("precision")
    if precision and precision not in PRECISIONS:
        raise RecordError("precision", f"{precision!r} is not known; use one of: "
                                       f"{', '.join(PRECISIONS)}")
    if get("start"):
        a = _bound(get("start"), "start", latest=False)
        b = _bound(get("end") or get("start"), "end" if get("end") else "start", latest=True)
        if b < a:
            raise RecordError("end", f"{get('end')!r} is before the start {get('start')!r}")
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


def _apply(values: dict[str, str], writer: bulk.ImportWriter, report: ImportReport) -> str:
    def get(name: str) -> str:
        return values.get(name, "").strip()

    if not get("title"):
        raise RecordError("title", "is empty")
    start, end = row_dates(get)
    event = Event(None, get("uid"), get("title"), start, end, status=status_of(get("status")),
                  type=type_of(get("type")), summary=values.get("summary", ""),
                  location=get("location"), actors=parse_actors(get("actors")),
                  tags=parse_tags(get("tags")))
    event.excerpts = _attach(writer, report, values.get("excerpts", ""))
    return add_event(writer, event, foreign=not event.uid)


def _raise(error: RecordError) -> str:
    raise error


def records(path: Path, text: str) -> list[Record]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except (csv.Error, StopIteration) as exc:
        raise DataFileError(f"{path}: line 1: not a CSV header ({exc}).") from None
    names = [h.strip().lower() for h in header]
    missing = [c for c in ("title",) if c not in names]
    if "date_text" not in names and "start" not in names:
        missing.append("date_text (or start)")
    if missing:
        raise DataFileError(f"{path}: line 1: missing required column{'s' * (len(missing) > 1)} "
                            f"{', '.join(missing)}. The header has: {', '.join(header)[:200]}.")
    out: list[Record] = []
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
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(names):
            error = RecordError("row", f"has {len(row)} fields, but the header names {len(names)}")
            out.append(Record(f"line {first}", lambda w, r, e=error: _raise(e)))
            continue
        values = dict(zip(names, row, strict=False))
        out.append(Record(f"line {first}", lambda w, r, v=values: _apply(v, w, r)))
    return out
