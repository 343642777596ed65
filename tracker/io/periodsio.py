"""Periods in data files: this app's JSON ("periods") and TimelineJS eras, both ways."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from tracker.io.common import ImportReport, RecordError
from tracker.model.period import Period
from tracker.store import bulk
from tracker.store.periods import has_uid, insert_period, list_periods, same_period
from tracker.store.repo import Store

UNTITLED = "(untitled)"
COUNTED = "period"  # report.other key: "2 periods"


def json_record(p: Period) -> dict[str, Any]:
    return {"uid": p.uid, "name": p.name, "first": p.first.isoformat(),
            "last": p.last.isoformat(), "note": p.note}


def json_records(store: Store) -> list[dict[str, Any]]:
    return [json_record(p) for p in sorted(list_periods(store), key=lambda p: p.uid)]


def add(writer: bulk.ImportWriter, period: Period) -> str | None:
    """Add ``period`` unless one with its uid, or its name over its days, is there."""
    store = writer.store
    if period.uid and has_uid(store, period.uid):
        return None
    if same_period(store, period.name, period.first, period.last) is not None:
        return None
    insert_period(store, period)  # a StoreError (name too long…) rejects the record
    return COUNTED


def from_json(raw: Any, writer: bulk.ImportWriter, report: ImportReport) -> str | None:
    if not isinstance(raw, dict):
        raise RecordError("period", "must be an object")
    values = {}
    for key in ("uid", "name", "first", "last", "note"):
        value = raw.get(key, "")
        if not isinstance(value, str):
            raise RecordError(key, f"must be text, not {type(value).__name__}")
        values[key] = value
    if not values["name"].strip():
        raise RecordError("name", "is missing")
    try:
        first, last = (dt.date.fromisoformat(values[k]) for k in ("first", "last"))
        period = Period(None, values["uid"], values["name"], first, last, values["note"])
    except ValueError as exc:
        raise RecordError("first", f"the days must be YYYY-MM-DD, first before last ({exc})") \
            from None
    return add(writer, period)


def era(p: Period) -> dict[str, Any]:
    """A TimelineJS era: its days and its name (eras need both dates, text is optional)."""
    def parts(day: dt.date) -> dict[str, int]:
        return {"year": day.year, "month": day.month, "day": day.day}

    text = {"headline": html.escape(p.name, quote=False)}
    if p.note:
        text["text"] = html.escape(p.note, quote=False)
    return {"start_date": parts(p.first), "end_date": parts(p.last), "text": text}


def from_era(raw: Any, writer: bulk.ImportWriter, report: ImportReport) -> str | None:
    """A TimelineJS era as a period: from the first day its start parts name to the last
    day its end parts name ("1914" to "1918" covers both years whole)."""
    from tracker.io.timelinejs import _grain_window, date_of_parts, plain

    if not isinstance(raw, dict):
        raise RecordError("era", "must be an object")
    first, grain = date_of_parts(raw.get("start_date"), "start_date")
    if raw.get("end_date") is None:
        raise RecordError("end_date", "is missing (an era spans two dates)")
    last, end_grain = date_of_parts(raw["end_date"], "end_date")
    lo, hi = _grain_window(first, grain)[0], _grain_window(last, end_grain)[1]
    if hi < lo:
        raise RecordError("end_date", "is before start_date")
    text = raw.get("text") if isinstance(raw.get("text"), dict) else {}
    name = plain(text.get("headline")) or UNTITLED
    return add(writer, Period(None, "", name, lo, hi, plain(text.get("text"))))
