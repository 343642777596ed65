"""Viewport queries: only the events a view shows, through the R*Tree interval index.

A view that holds more events than can usefully be drawn gets aggregate counts per
bin plus the highest-priority events (whose labels are worth showing) instead of every
row, so nothing ever loads all events into Python.

At a million events every query here must touch about as many rows as the view shows,
not as many as the database holds:

* counts come from ``events_day_count`` (events starting on each day, kept by triggers)
  plus an R*Tree stab query for the events that started before the view and reach
  into it;
* the labelled events of a crowded view come either from walking the priority index
  until enough of them fall in the view (cheap when the view holds most events) or
  from the events starting in the view (cheap when it holds few); the cost model picks
  whichever walks fewer index entries.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

from tracker.model.filters import Filter
from tracker.store.repo import Store
from tracker.store.search import where
from tracker.timeline.items import Bin, TimelineData, TimelineItem, TimelineLink
from tracker.timeline.viewdata import TiledData, bin_width

MAX_ITEMS = 1500  # above this a view is drawn as aggregates plus top-priority labels
# (3000 before: a view of ~2,000 events drew as many marks and spans and cost ~80 ms a
# frame, where the density strip and the best 300 events cost ~25 ms and read better)
TOP_ITEMS = 300  # events fetched in an aggregated view, best first
# Below MAX_ITEMS, a picture of few pixels aggregates earlier: past ITEMS_PER_PX events per
# pixel of its width (one event per two pixels; a mark is eight wide), marks only pile
# on each other and the density strip reads better (see max_items_for).
ITEMS_PER_PX = 0.5
DEFAULT_BINS = 400
# A fetch that views are cut out of keeps the best TILE_DEPTH * TOP_ITEMS events of each
# tile of 1/TILE_FRACTION of a view's bins: deep enough that a view's best events are
# provably among them (tracker.timeline.viewdata) in most places.
TILE_FRACTION = 4
TILE_DEPTH = 2
JOIN_COST = 16  # a row lookup through the R*Tree and the table, in covering-index steps

_COLUMNS = """e.id, e.title, e.status, e.type, e.precision, e.day_lo, e.start_latest,
           e.end_earliest, e.end_latest, e.priority"""
_ITEM_SQL = f"""
    SELECT {_COLUMNS}
    FROM events_span s JOIN events e ON e.id = s.id
    WHERE s.lo <= :hi AND s.hi >= :lo"""
# Events that started before day :lo and still run on it: a stab query on the R*Tree,
# which returns few rows because few events last long.
_STRADDLE_WHERE = "s.lo < :lo AND s.hi >= :lo"
# Best first, over the whole database; stops after :cap rows that fall in the view.
_TOP_BY_PRIORITY = """
    SELECT id FROM events INDEXED BY events_priority
    WHERE day_lo <= :hi AND day_hi >= :lo ORDER BY priority DESC, id LIMIT :cap"""
# Best first among the events starting in the view and those reaching into it.
_TOP_BY_RANGE = f"""
    SELECT id FROM (
        SELECT id, priority FROM events INDEXED BY events_day_order
        WHERE day_lo BETWEEN :lo AND :hi
        UNION ALL
        SELECT e.id, e.priority FROM events_span s JOIN events e ON e.id = s.id
        WHERE {_STRADDLE_WHERE})
    ORDER BY priority DESC, id LIMIT :cap"""


def _ordinal(iso: str | None) -> int | None:
    return dt.date.fromisoformat(iso).toordinal() if iso else None


def _item(row: tuple) -> TimelineItem:
    return TimelineItem(
        id=row[0], title=row[1], status=row[2], type=row[3], precision=row[4],
        start_lo=row[5], start_hi=_ordinal(row[6]) or row[5],
        end_lo=_ordinal(row[7]), end_hi=_ordinal(row[8]), priority=row[9])


def _by_day(row: tuple) -> tuple[int, int]:
    """Every event of a range comes in this order (first day, id): the R*Tree's own order
    depends on the range asked, and a view cut out of a wider fetch
    (tracker.timeline.viewdata) must come out as a query of the view itself does."""
    return row[5], row[0]


def _starting(conn: sqlite3.Connection, lo: int, hi: int) -> int:
    return conn.execute(
        "SELECT coalesce(sum(n), 0) FROM events_day_count WHERE day BETWEEN ? AND ?",
        (lo, hi)).fetchone()[0]


def _straddling(conn: sqlite3.Connection, lo: int) -> int:
    return conn.execute(
        f"SELECT count(*) FROM events_span s WHERE {_STRADDLE_WHERE}", {"lo": lo}).fetchone()[0]


def count_in_view(store: Store, lo: int, hi: int) -> int:
    """How many events overlap days lo..hi, without visiting each of them."""
    if hi < lo:
        return 0
    return _starting(store.conn, lo, hi) + _straddling(store.conn, lo)


def total_events(store: Store) -> int:
    """All events, from the per-day counts (a few thousand rows, not a million)."""
    return store.conn.execute("SELECT coalesce(sum(n), 0) FROM events_day_count").fetchone()[0]


def data_extent(store: Store) -> tuple[int, int] | None:
    """First and last day any event touches. The last is the largest end among the
    events ending after the latest start, which the R*Tree finds without a scan."""
    conn = store.conn
    # Two scalar subqueries: SQLite answers a lone min() or max() from the primary key,
    # but min() and max() in one SELECT scan the whole table.
    first, last_start = conn.execute(
        "SELECT (SELECT min(day) FROM events_day_count), "
        "(SELECT max(day) FROM events_day_count)").fetchone()
    if first is None:
        return None
    last = conn.execute("SELECT max(hi) FROM events_span WHERE hi >= ?",
                        (last_start,)).fetchone()[0]
    return int(first), int(last if last is not None else last_start)


def max_items_for(width_px: float) -> int:
    """The most events a picture ``width_px`` pixels wide at 100 dpi draws one by one:
    ITEMS_PER_PX per pixel, at least TOP_ITEMS (what an aggregated view marks anyway) and
    at most MAX_ITEMS. Marks are sized in points, so the width counts at 100 dpi: the
    window passes its timeline's width in logical pixels, image export the image's width
    scaled to 100 dpi (a 3,000-pixel image at 300 dpi counts as 1,000). The width counts
    in whole hundreds of pixels, so resizing a window by a few pixels keeps the limit (a
    new limit drops the canvas's kept fetches)."""
    return max(TOP_ITEMS, min(MAX_ITEMS, int(width_px // 100 * 100 * ITEMS_PER_PX)))


def timeline_data(store: Store, lo: int, hi: int, *, max_items: int = MAX_ITEMS,
                  bins: int = DEFAULT_BINS, reference_day: int | None = None,
                  filter: Filter | None = None, lanes: str = "none",
                  zoom: int | None = None, tiles: bool = False,
                  sources: bool = False) -> TimelineData:
    """Events overlapping days lo..hi (inclusive ordinals), or aggregates when too many;
    only those ``filter`` keeps (with ``filter.as_of``: as their reports gave them by that
    day); ``sources`` says in each label how many sources report it; each item's lanes
    filled for ``lanes`` (none, actor,
    type, location).

    Without a filter, aggregates sit on a grid fixed by the zoom alone. ``zoom`` is the
    width in days of the view drawn (the range asked by default, as export draws it,
    before it is cut to the data's extent; a fetch with margins passes the view's). It gives a
    power-of-two bin width aligned to day 0 (:func:`tracker.timeline.viewdata.bin_width`).
    The range is aggregated when more than ``max_items`` events start in the grid bins
    it touches; the bins are those grid bins (counting events by start day; the first
    and last cut to the range), ``total_in_view`` their sum, the labelled events the
    best TOP_ITEMS overlapping the range. So the data of a range is the cut of a wider
    range's data at the same zoom (:meth:`tracker.timeline.viewdata.FetchedData.cut`),
    which a fetch made for that (``tiles=True`` keeps the best events of each tile)
    serves without SQL wherever it can prove the best events exact."""
    conn = store.conn
    as_of = filter.as_of if filter is not None else None
    if as_of is not None:  # drawn as it could have been that day: "today" is that day
        reference_day = as_of.toordinal()
    data = TimelineData(reference_day=reference_day)
    extent = data_extent(store)
    if extent is None:
        return data
    # Nothing lies outside the data's extent: the bins end there, though their width
    # follows the range asked (the view drawn).
    asked_days = hi - lo + 1
    lo, hi = max(lo, extent[0]), min(hi, extent[1])
    if hi < lo:
        return data
    clause, fparams = where(filter)
    if clause:
        _filtered(store, data, lo, hi, max_items, bins, clause, fparams)
        if as_of is not None:
            from tracker.store.reports import as_known_items

            data.items = as_known_items(store, data.items, as_of)
    else:
        width = bin_width(zoom or asked_days, bins)
        grid = _grid_bins(conn, lo, hi, width)
        starting = sum(b.count for b in grid)
        if starting <= max_items:
            rows = conn.execute(_ITEM_SQL, {"lo": lo, "hi": hi}).fetchall()
            rows.sort(key=_by_day)
            data.items = [_item(r) for r in rows]
            data.total_in_view = len(data.items)
        else:
            return _aggregated(store, lo, hi, grid, starting, width, bins, max_items,
                               reference_day, lanes, tiles, zoom or asked_days)
    if reference_day is not None:
        mark_overdue(store, data, reference_day)
    if as_of is None:  # (as known on a day, the items say so already)
        from tracker.store.reports import mark_disputed

        data.items = mark_disputed(store, data.items)
    if sources:  # single- or multi-source, in the label
        from tracker.store.reports import mark_sources

        data.items = mark_sources(store, data.items)
    if lanes != "none":
        assign_lanes(store, data, lanes)
    data.links = links_among(store, [i.id for i in data.items])
    return data


def _aggregated(store: Store, lo: int, hi: int, grid: list[Bin], starting: int, width: int,
                bins: int, max_items: int, reference_day: int | None, lanes: str,
                tiles: bool, zoom: int) -> TiledData:
    """The aggregates of days lo..hi: grid bins and the best TOP_ITEMS events; with the
    best events of each tile too when ``tiles`` (a fetch that views are cut out of).

    A tile is 1/TILE_FRACTION of the bins a view ``zoom`` days wide touches: of
    ``bins`` at most, fewer when bins are a day wide and the view is narrower than
    ``bins`` days (a week at a million events). Tiles sized by ``bins`` alone were a
    hundred days there, too coarse to prove a week's best events, so every pan queried."""
    in_view = min(bins, zoom) if width == 1 else bins
    tile_bins = max(1, in_view // TILE_FRACTION)
    data = TiledData(reference_day=reference_day, bins=grid, total_in_view=starting,
                     bin_days=width, view_bins=bins, tile_bins=tile_bins,
                     tile_depth=TILE_DEPTH * TOP_ITEMS, max_items=max_items, days=(lo, hi))
    data.items = _top_items(store, lo, hi, starting)
    if tiles:
        data.tiles = _tiles(store, lo, hi, width * tile_bins, data.tile_depth)
    pool = {it.id: it for top in [data.items, *data.tiles.values()] for it in top}
    if reference_day is not None:
        marked = TimelineData(items=list(pool.values()))
        mark_overdue(store, marked, reference_day)
        pool = {it.id: it for it in marked.items}
        data.items = [pool[it.id] for it in data.items]
        data.tiles = {t: [pool[it.id] for it in top] for t, top in data.tiles.items()}
    data.pool_links = links_among(store, sorted(pool))
    ids = {it.id for it in data.items}
    data.links = [ln for ln in data.pool_links if ln.from_id in ids and ln.to_id in ids]
    if lanes != "none":
        assign_lanes(store, data, lanes)
    return data


def _grid_bins(conn: sqlite3.Connection, lo: int, hi: int, width: int) -> list[Bin]:
    """Events starting in each grid bin (days b*width .. b*width+width-1) that days
    lo..hi touch (the first and last cut to lo..hi), empty ones left out."""
    glo, ghi = lo // width * width, hi // width * width + width - 1
    return [Bin(max(lo, b * width), min(hi, b * width + width - 1), n) for b, n in conn.execute(
        """SELECT day / :w AS b, sum(n) FROM events_day_count
           WHERE day BETWEEN :lo AND :hi GROUP BY b ORDER BY b""",
        {"lo": glo, "hi": ghi, "w": width}) if n > 0]


def _tiles(store: Store, lo: int, hi: int, tile: int,
           depth: int) -> dict[int, list[TimelineItem]]:
    """The best ``depth`` events of each tile (days t*tile .. t*tile+tile-1) that days
    lo..hi touch, best first."""
    out = {}
    for t in range(lo // tile, hi // tile + 1):
        tlo, thi = t * tile, t * tile + tile - 1
        n = count_in_view(store, tlo, thi)
        out[t] = _top_items(store, tlo, thi, n, depth) if n else []
    return out


def mark_overdue(store: Store, data: TimelineData, reference_day: int) -> None:
    """Flag plans whose window has passed unfulfilled; the timeline draws a mark on
    them (their titles stay as written, so no export says "overdue" in a label)."""

    from tracker.store.repo import DUE_STATUSES

    due = [i.id for i in data.items if i.status in DUE_STATUSES and i.hi < reference_day]
    if not due:
        return
    fulfilled = {r[0] for r in store.conn.execute(
        """SELECT DISTINCT to_event FROM links WHERE kind = 'fulfils'
           AND to_event IN (SELECT value FROM json_each(?))""", (json.dumps(due),))}
    late = set(due) - fulfilled
    data.items = [i._replace(overdue=True) if i.id in late else i for i in data.items]


def _filtered(store: Store, data: TimelineData, lo: int, hi: int, max_items: int,
              bins: int, clause: str, fparams: dict) -> None:
    """The same view with a filter: the per-day counts cannot help, so the filtered rows
    of the view are counted and binned directly (bounded by the view, not the data)."""
    conn = store.conn
    params = {"lo": lo, "hi": hi, **fparams}
    rows = conn.execute(_ITEM_SQL + clause + " LIMIT :cap",
                        {**params, "cap": max_items + 1}).fetchall()
    if len(rows) <= max_items:
        rows.sort(key=_by_day)
        data.items = [_item(r) for r in rows]
        data.total_in_view = len(rows)
        return
    data.total_in_view = conn.execute(
        "SELECT count(*) FROM events_span s JOIN events e ON e.id = s.id "
        "WHERE s.lo <= :hi AND s.hi >= :lo" + clause, params).fetchone()[0]
    width = max(1.0, (hi - lo + 1) / bins)
    data.bins = [
        Bin(lo + int(b * width), min(hi, lo + int((b + 1) * width) - 1), n)
        for b, n in conn.execute(
            "SELECT CAST((max(s.lo, :lo) - :lo) / :w AS INTEGER) AS b, count(*) "
            "FROM events_span s JOIN events e ON e.id = s.id "
            "WHERE s.lo <= :hi AND s.hi >= :lo" + clause + " GROUP BY b ORDER BY b",
            {**params, "w": width})]
    top = conn.execute(_ITEM_SQL + clause + " ORDER BY e.priority DESC, e.id LIMIT :cap",
                       {**params, "cap": TOP_ITEMS}).fetchall()
    data.items = [_item(r) for r in top]


MAX_LANES = 12  # more lanes than this are unreadable; the rest share "Other"
NO_LOCATION = "No location"


def assign_lanes(store: Store, data: TimelineData, mode: str) -> None:
    """Fill each item's lanes (an event with several actors is in each of their lanes)
    and the ordered lane list: the actors of the most of the view's events (at most
    MAX_LANES) by name, types in vocabulary order, locations by name. The order never
    depends on the zoom, so a lane stays where it was while the view changes."""
    from collections import Counter

    from tracker.model.vocab import EVENT_TYPES

    ids = [i.id for i in data.items]
    keys: dict[int, tuple[str, ...]] = {}
    if mode == "actor":
        found: dict[int, list[str]] = {}
        for event_id, name in store.conn.execute(
                """SELECT DISTINCT ea.event_id, a.name FROM event_actors ea
                   JOIN actors a ON a.id = ea.actor_id
                   WHERE ea.event_id IN (SELECT value FROM json_each(?))
                   ORDER BY ea.event_id, ea.rowid""", (json.dumps(ids),)):
            found.setdefault(event_id, []).append(name)
        keys = {i: tuple(v) for i, v in found.items()}
    elif mode == "type":
        keys = {i.id: (i.type,) for i in data.items}
    elif mode == "location":
        rows = store.conn.execute(
            "SELECT id, location FROM events WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(ids),))
        keys = {i: ((loc or "").strip() or NO_LOCATION,) for i, loc in rows}
    else:
        raise ValueError(f"lane mode {mode!r} is not known; use none, actor, type or location")
    data.items = [i._replace(lanes=keys.get(i.id, ())) for i in data.items]
    counts = Counter(k for i in data.items for k in i.lanes)
    if mode == "type":
        order = [t for t in EVENT_TYPES if t in counts]
        data.lanes = [(t, EVENT_TYPES[t]) for t in order][:MAX_LANES]
    elif mode == "location":
        order = sorted(counts, key=lambda k: (k == NO_LOCATION, k.lower()))
        data.lanes = [(k, k) for k in order][:MAX_LANES]
    else:
        busiest = sorted(counts, key=lambda k: (-counts[k], k.lower()))[:MAX_LANES]
        data.lanes = [(k, k) for k in sorted(busiest, key=lambda k: (k.lower(), k))]


def top_strategy(in_view: int, total: int, cap: int = TOP_ITEMS) -> str:
    """Which index the best ``cap`` events of a view come from. Walking the priority
    index visits about cap * total / in_view entries of a covering index; the range
    way visits the in_view events, each with a row lookup that costs about
    JOIN_COST index steps (measured at 1M events)."""
    return "priority" if in_view * in_view * JOIN_COST >= cap * total else "range"


def _top_items(store: Store, lo: int, hi: int, in_view: int,
               cap: int | None = None) -> list[TimelineItem]:
    conn = store.conn
    cap = TOP_ITEMS if cap is None else cap
    sql = _TOP_BY_PRIORITY if top_strategy(in_view, total_events(store), cap) == "priority" \
        else _TOP_BY_RANGE
    ids = [r[0] for r in conn.execute(sql, {"lo": lo, "hi": hi, "cap": cap})]
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM events e WHERE e.id IN (SELECT value FROM json_each(?))",
        (json.dumps(ids),)).fetchall()
    rows.sort(key=lambda r: (-r[9], r[0]))
    return [_item(r) for r in rows]


def step_event(store: Store, event_id: int | None, direction: int) -> int | None:
    """The event before (direction < 0) or after an event in time (day_lo, day_hi, id),
    staying on it at either end; the first or last event when ``event_id`` is None or
    gone. One index step, where a list of every id would be a million rows."""
    conn = store.conn
    order = "ASC" if direction > 0 else "DESC"
    row = conn.execute("SELECT day_lo, day_hi, id FROM events WHERE id = ?",
                       (event_id,)).fetchone() if event_id is not None else None
    if row is None:
        found = conn.execute(f"SELECT id FROM events ORDER BY day_lo {order}, day_hi {order}, "
                             f"id {order} LIMIT 1").fetchone()
        return found[0] if found else None
    found = conn.execute(
        f"""SELECT id FROM events WHERE (day_lo, day_hi, id) {'>' if direction > 0 else '<'}
            (?, ?, ?) ORDER BY day_lo {order}, day_hi {order}, id {order} LIMIT 1""",
        row).fetchone()
    return found[0] if found else event_id


def links_among(store: Store, ids: list[int]) -> list[TimelineLink]:
    """Links whose both ends are among ``ids``. The id list drives the join (CROSS JOIN
    fixes the order), so the cost follows the events shown, not the links stored."""
    if not ids:
        return []
    shown = set(ids)
    rows = store.conn.execute(
        """SELECT l.id, l.from_event, l.to_event, l.kind
           FROM json_each(?) j CROSS JOIN links l ON l.from_event = j.value""",
        (json.dumps(ids),)).fetchall()
    rows.sort()
    return [TimelineLink(a, b, k) for _id, a, b, k in rows if b in shown]


def query_plan(store: Store, lo: int, hi: int, which: str = "items") -> str:
    """EXPLAIN QUERY PLAN of a viewport query ("items", "count", "straddle", "top-priority",
    "top-range"), for tests and benchmarks."""
    sql = {
        "items": _ITEM_SQL + " LIMIT :cap",
        "count": "SELECT coalesce(sum(n), 0) FROM events_day_count WHERE day BETWEEN :lo AND :hi",
        "straddle": f"SELECT count(*) FROM events_span s WHERE {_STRADDLE_WHERE}",
        "top-priority": _TOP_BY_PRIORITY,
        "top-range": _TOP_BY_RANGE,
    }[which]
    params = {"lo": lo, "hi": hi, "cap": 10}
    rows = store.conn.execute("EXPLAIN QUERY PLAN " + sql, params)
    return "\n".join(r[-1] for r in rows)
