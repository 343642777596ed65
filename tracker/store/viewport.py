"""Viewport queries: only the events a view shows, through the R*Tree interval index.

A view that holds more events than can usefully be drawn gets aggregate counts per
bin plus the highest-priority events (whose labels are worth showing) instead of every
row, so nothing ever loads all events into Python.
"""

from __future__ import annotations

import datetime as dt
import json

from tracker.store.repo import Store
from tracker.timeline.items import Bin, TimelineData, TimelineItem, TimelineLink

MAX_ITEMS = 3000  # above this a view is drawn as aggregates plus top-priority labels
TOP_ITEMS = 300  # events fetched in an aggregated view, best first
DEFAULT_BINS = 400

_ITEM_SQL = """
    SELECT e.id, e.title, e.status, e.type, e.precision, e.day_lo, e.start_latest,
           e.end_earliest, e.end_latest, e.priority
    FROM events_span s JOIN events e ON e.id = s.id
    WHERE s.lo <= :hi AND s.hi >= :lo"""


def _ordinal(iso: str | None) -> int | None:
    return dt.date.fromisoformat(iso).toordinal() if iso else None


def _item(row: tuple) -> TimelineItem:
    return TimelineItem(
        id=row[0], title=row[1], status=row[2], type=row[3], precision=row[4],
        start_lo=row[5], start_hi=_ordinal(row[6]) or row[5],
        end_lo=_ordinal(row[7]), end_hi=_ordinal(row[8]), priority=row[9])


def count_in_view(store: Store, lo: int, hi: int) -> int:
    return store.conn.execute(
        "SELECT count(*) FROM events_span WHERE lo <= ? AND hi >= ?", (hi, lo)).fetchone()[0]


def timeline_data(store: Store, lo: int, hi: int, *, max_items: int = MAX_ITEMS,
                  bins: int = DEFAULT_BINS, reference_day: int | None = None) -> TimelineData:
    """Events overlapping days lo..hi (inclusive ordinals), or aggregates when too many."""
    conn = store.conn
    params = {"lo": lo, "hi": hi}
    rows = conn.execute(_ITEM_SQL + " LIMIT :cap", {**params, "cap": max_items + 1}).fetchall()
    data = TimelineData(reference_day=reference_day)
    if len(rows) <= max_items:
        data.items = [_item(r) for r in rows]
        data.total_in_view = len(rows)
    else:
        data.total_in_view = count_in_view(store, lo, hi)
        width = max(1.0, (hi - lo + 1) / bins)
        data.bins = [
            Bin(lo + int(b * width), lo + int((b + 1) * width) - 1, n)
            for b, n in conn.execute(
                """SELECT CAST((max(lo, :lo) - :lo) / :w AS INTEGER) AS b, count(*)
                   FROM events_span WHERE lo <= :hi AND hi >= :lo GROUP BY b ORDER BY b""",
                {**params, "w": width})
        ]
        top = conn.execute(
            _ITEM_SQL + " ORDER BY e.priority DESC, e.id LIMIT :cap",
            {**params, "cap": TOP_ITEMS}).fetchall()
        data.items = [_item(r) for r in top]
    data.links = links_among(store, [i.id for i in data.items])
    return data


def links_among(store: Store, ids: list[int]) -> list[TimelineLink]:
    if not ids:
        return []
    ids_json = json.dumps(ids)
    rows = store.conn.execute(
        """SELECT l.from_event, l.to_event, l.kind FROM links l
           WHERE l.from_event IN (SELECT value FROM json_each(:ids))
             AND l.to_event IN (SELECT value FROM json_each(:ids)) ORDER BY l.id""",
        {"ids": ids_json}).fetchall()
    return [TimelineLink(a, b, k) for a, b, k in rows]


def query_plan(store: Store, lo: int, hi: int) -> str:
    """EXPLAIN QUERY PLAN of the viewport query, for tests and benchmarks."""
    rows = store.conn.execute(
        "EXPLAIN QUERY PLAN " + _ITEM_SQL + " LIMIT :cap", {"lo": lo, "hi": hi, "cap": 10})
    return "\n".join(r[-1] for r in rows)
