"""Where everything goes, as pure data: no matplotlib artists, no Qt.

The window and image export both call :func:`build_layout` and then draw the result with
:func:`tracker.timeline.render.render`, so what you export is what you saw.

Coordinates: x is in matplotlib date numbers (``ordinal - MPL_EPOCH_ORDINAL``, a day's
start); y is in axes pixels from the bottom. The renderer sets ``ylim = (0, height_px)`` so
data-y equals pixel-y, which lets label decluttering happen in screen space with no
conversion. Label boxes are also kept in pixels for the same reason.
"""

from __future__ import annotations

import datetime as _dt
import heapq
import math
from bisect import bisect_left
from collections.abc import Iterable, Sequence

import numpy as np

from tracker.model.vocab import NOT_YET_STATUSES
from tracker.timeline.density import layout_bins, place_counts
from tracker.timeline.geometry import (
    Arc,
    BinBar,
    CountLabel,
    Geom,
    Label,
    Lane,
    Layout,
    Point,
    Span,
    geometry,
    ordinal_to_x,
    reference_text,
    x_to_ordinal,
)
from tracker.timeline.items import MPL_EPOCH_ORDINAL, Bin, TimelineData, TimelineItem
from tracker.timeline.labels import SPREAD_MAX, place_labels
from tracker.timeline.lanes import fit_heights, lane_bands, lane_needs, lanes_of
from tracker.timeline.rows import (
    arc_band,
    arc_obstacles,
    label_rows,
    place_top_strip,
)
from tracker.timeline.stacking import spread_points

__all__ = [
    "Arc", "BinBar", "CountLabel", "Label", "Lane", "Layout", "Point", "Span", "build_layout",
    "content_extent", "fit_view", "hit_test", "ordinal_to_x",
    "reference_text", "x_to_ordinal",
]

MIN_VIEW_DAYS = 30.0


# ---------------------------------------------------------------------------- helpers


def fit_view(
    data: TimelineData | Iterable[TimelineItem], margin_fraction: float = 0.05
) -> tuple[float, float]:
    """A view showing every item (and bin) with a margin; at least MIN_VIEW_DAYS wide so a
    lone event is not stretched over the whole screen."""
    if isinstance(data, TimelineData):
        items: Sequence[TimelineItem] = data.items
        bins: Sequence[Bin] = data.bins
        ref = data.reference_day
    else:
        items, bins, ref = list(data), (), None
    los = [it.lo for it in items] + [b.lo for b in bins]
    his = [it.hi for it in items] + [b.hi for b in bins]
    if not los:
        centre = ref if ref is not None else _dt.date.today().toordinal()
        x = ordinal_to_x(centre) + 0.5
        return x - MIN_VIEW_DAYS / 2, x + MIN_VIEW_DAYS / 2
    return fit_days(min(los), max(his), margin_fraction)


def fit_days(first: int, last: int, margin_fraction: float = 0.05) -> tuple[float, float]:
    """The view :func:`fit_view` frames for events from day ``first`` to ``last``
    (ordinals, inclusive)."""
    lo, hi = ordinal_to_x(first), ordinal_to_x(last + 1)
    width = hi - lo
    if width < MIN_VIEW_DAYS:
        mid = (lo + hi) / 2
        lo, hi, width = mid - MIN_VIEW_DAYS / 2, mid + MIN_VIEW_DAYS / 2, MIN_VIEW_DAYS
    pad = width * margin_fraction
    return clamp_view(lo - pad, hi + pad)


def clamp_view(v0: float, v1: float) -> tuple[float, float]:
    """The view moved (and if need be narrowed) to lie within the years 1 to 9999:
    matplotlib's date axis raises for anything outside ("Date ordinal … must be between
    year 0001 and 9999"), and the app accepts events on the first and last days."""
    first, last = ordinal_to_x(1), ordinal_to_x(_dt.date.max.toordinal())
    width = min(v1 - v0, last - first)
    if v0 < first:
        v0, v1 = first, first + width
    if v1 > last:
        v0, v1 = last - width, last
    return v0, v1


# ----------------------------------------------------------------------- main entry


def build_layout(
    data: TimelineData,
    view: tuple[float, float],
    size_px: tuple[int, int],
    dpi: float,
    *,
    font_size: float = 8,
    max_labels: int = 60,
    lane_mode: bool = False,
    axis_fraction: float | None = None,
    spread: float = SPREAD_MAX,
    gutter_px: float = 0.0,
    scale: object | None = None,
) -> Layout:
    """Compute marks, spans, labels, arcs, bins and lanes for ``view`` on an axes of
    ``size_px`` pixels. O(n log n) in the number of items; text is measured only for the
    few labels that have a chance to be shown.

    ``axis_fraction`` places a single lane's axis line at that fraction of the height; the
    default keeps it in the middle (so it never jumps while panning); export moves it
    towards the side that needs fewer rows. Label rows are spread over the height, at
    most ``spread`` row heights apart (exports allow more than the window); 0 keeps
    them at their natural pitch (to learn the height a picture needs)."""
    v0, v1 = float(view[0]), float(view[1])
    if not v1 > v0:
        raise ValueError(f"view must have x1 > x0, got {view!r}")
    w, h = max(1, int(size_px[0])), max(1, int(size_px[1]))
    g = geometry(font_size, dpi)
    lane_defs, lane_index = lanes_of(data, lane_mode)
    heights = (fit_heights(lane_needs(data, (v0, v1), lane_defs, lane_index, w, g), h)
               if lane_mode and len(lane_defs) > 1 else None)
    lanes = lane_bands(lane_defs, h, g, lane_mode and bool(data.lanes), axis_fraction,
                       heights)
    layout = Layout(
        view=(v0, v1), size_px=(w, h), dpi=dpi, font_size=font_size,
        marker_px=g.marker, span_px=g.span_h, lanes=lanes,
        lane_mode=lane_mode and bool(data.lanes), gutter_px=gutter_px, scale=scale,
    )
    px_per_day = w / (v1 - v0)

    def lanes_for(it: TimelineItem) -> list[int]:
        if not lane_index:
            return [0]
        found = [lane_index[k] for k in it.lanes if k in lane_index]
        return sorted(set(found)) if found else [lane_index[""]]

    # 1. marks ---------------------------------------------------------------------
    visible: list[tuple[TimelineItem, list[int]]] = []
    anchors: dict[int, list[tuple[int, float, float, float]]] = {}  # id -> (lane,x,y,top)
    span_jobs: list[list[tuple[float, float, TimelineItem]]] = [[] for _ in lanes]
    linked = {ln.from_id for ln in data.links} | {ln.to_id for ln in data.links}
    for it in data.items:
        x_lo = float(it.start_lo - MPL_EPOCH_ORDINAL)
        x_hi = float(it.hi + 1 - MPL_EPOCH_ORDINAL)
        in_view = x_hi > v0 and x_lo < v1
        if not (in_view or it.id in linked):
            continue
        its_lanes = lanes_for(it)
        if in_view:
            visible.append((it, its_lanes))
        if it.is_exact:
            xm = x_lo + 0.5
            filled = it.status not in NOT_YET_STATUSES
            for li in its_lanes:
                y = lanes[li].axis_y
                if in_view:  # anchored below, once same-day marks have been spread
                    layout.points.append(Point(xm, y, it.id, it.status, it.type, filled, li))
                else:  # off screen but linked: the arc still needs its end
                    anchors.setdefault(it.id, []).append((li, xm, y, y + g.marker / 2))
        else:
            for li in its_lanes:
                span_jobs[li].append((x_lo, x_hi, it))
    spread_points(layout)
    point_x: list[list[float]] = [[] for _ in lanes]
    for p in layout.points:
        point_x[p.lane].append(p.x)
        anchors.setdefault(p.id, []).append((p.lane, p.x, p.y, p.y + g.marker / 2))
    tracks = [_pack_spans(jobs, sorted(point_x[li]), lanes[li], li, g, px_per_day, layout,
                          anchors, v0, v1) for li, jobs in enumerate(span_jobs)]

    for it, _its_lanes in visible:
        if it.overdue:
            layout.overdue.extend((x, top) for _li, x, _y, top in anchors.get(it.id, ()))

    # 2. arcs ----------------------------------------------------------------------
    for link in data.links:
        a, b = anchors.get(link.from_id), anchors.get(link.to_id)
        if not a or not b:
            continue
        if max(a[0][1], b[0][1]) < v0 or min(a[0][1], b[0][1]) > v1:
            continue  # both ends on the same side off screen: nothing to see
        (la, xa, _ya, ta), (lb, xb, _yb, tb) = _closest_pair(a, b)
        dx = abs(xb - xa) * px_per_day
        # Inside one lane an arc stays in the band between the line and the first label
        # row; one between lanes is kept out of the label rows it crosses.
        height = min(arc_band(g) - 3 if la == lb else 3 * g.row_h, 6 + 0.15 * dx)
        layout.arcs.append(Arc(link.from_id, link.to_id, link.kind, xa, ta, xb, tb, height))

    # 3. bins ----------------------------------------------------------------------
    shown = len(data.items)
    if data.bins:
        layout_bins(data.bins, lanes, lane_index, layout, g)
        total = max(data.total_in_view, shown)
        layout.note = f"{total:,} events in view · density shown"
        if shown:
            layout.note += f", top {shown:,} marked"

    # 4. reference line ------------------------------------------------------------
    if data.reference_day is not None:
        layout.reference_x = ordinal_to_x(data.reference_day) + 0.5
        real = getattr(scale, "reference_day", None)  # the real date on a drawn scale
        layout.reference_label = reference_text(
            layout.reference_x if real is None else ordinal_to_x(real))

    # 5. labels --------------------------------------------------------------------
    # Counts on the density strip come out of the same text budget as labels.
    place_counts(layout, lanes, g, max_labels)
    place_top_strip(layout, g)
    lanes = label_rows(layout, lanes, tracks, g)
    layout.lanes = lanes
    obstacles = arc_obstacles(layout, lanes, g)
    place_labels(layout, visible, anchors, lanes, g, max_labels - len(layout.counts),
                 obstacles, spread=spread)
    return layout


def content_extent(layout: Layout) -> tuple[float, float]:
    """Lowest and highest pixel y that anything in ``layout`` reaches."""
    lo, hi = math.inf, -math.inf
    r = layout.marker_px / 2
    for p in layout.points:
        lo, hi = min(lo, p.y - r), max(hi, p.y + r)
    for s in layout.spans:
        lo, hi = min(lo, s.y - layout.span_px / 2), max(hi, s.y + layout.span_px / 2)
    for b in layout.bins:
        lo, hi = min(lo, b.y0), max(hi, b.y1)
    for a in layout.arcs:
        hi = max(hi, max(a.y_from, a.y_to) + a.height)
    for lab in layout.labels:
        lo, hi = min(lo, lab.y0), max(hi, lab.y1)
    for c in layout.counts:
        lo, hi = min(lo, c.y0), max(hi, c.y1)
    if lo > hi:
        return 0.0, float(layout.size_px[1])
    return lo, hi


def _closest_pair(
    a: list[tuple[int, float, float, float]], b: list[tuple[int, float, float, float]]
) -> tuple[tuple[int, float, float, float], tuple[int, float, float, float]]:
    """Prefer drawing a link inside one lane when both ends share one."""
    for pa in a:
        for pb in b:
            if pa[0] == pb[0]:
                return pa, pb
    return a[0], b[0]


def _pack_spans(
    jobs: list[tuple[float, float, TimelineItem]],
    point_x: list[float],
    lane: Lane,
    li: int,
    g: Geom,
    px_per_day: float,
    layout: Layout,
    anchors: dict[int, list[tuple[int, float, float, float]]],
    v0: float,
    v1: float,
) -> int:
    """Overlapping spans go to tracks below the axis line (interval partitioning with a
    heap, O(n log n)); when tracks run out, the one that frees up first is shared.
    Track 0 lies on the axis line and is only used where no exact-day marker would hide
    the span. Returns the deepest track used (0 for none)."""
    room = math.floor((lane.axis_y - lane.y0 - g.span_h / 2 - 1) / g.track_h) + 1
    n_tracks = max(1, min(12, room))
    pad_days = (g.marker / 2 + 2) / px_per_day
    jobs.sort(key=lambda j: (j[0], j[1]))
    free: list[int] = list(range(n_tracks))
    busy: list[tuple[float, int]] = []  # (end x incl. gap, track)
    gap_days = 3.0 / px_per_day
    deepest = 0
    for x_lo, x_hi, it in jobs:
        while busy and busy[0][0] <= x_lo:
            heapq.heappush(free, heapq.heappop(busy)[1])
        i = bisect_left(point_x, x_lo - pad_days)
        on_point = i < len(point_x) and point_x[i] <= x_hi + pad_days
        if free and free[0] == 0 and on_point and len(free) > 1:
            heapq.heappop(free)
            track = heapq.heappop(free)
            heapq.heappush(free, 0)
        elif free:
            track = heapq.heappop(free)
        else:
            track = heapq.heappop(busy)[1]
        heapq.heappush(busy, (max(x_hi, x_lo + 2 / px_per_day) + gap_days, track))
        y = lane.axis_y - track * g.track_h
        deepest = max(deepest, track)
        core0 = core1 = None
        if it.end_lo is not None and it.end_lo >= it.start_hi:
            core0 = float(it.start_hi - MPL_EPOCH_ORDINAL)
            core1 = float(it.end_lo + 1 - MPL_EPOCH_ORDINAL)
        if x_hi > v0 and x_lo < v1:
            layout.spans.append(
                Span(x_lo, x_hi, y, it.id, it.status, it.type, core0, core1, li)
            )
        vis_lo, vis_hi = max(x_lo, v0), min(x_hi, v1)
        xm = (vis_lo + vis_hi) / 2 if vis_hi > vis_lo else (x_lo + x_hi) / 2
        anchors.setdefault(it.id, []).append((li, xm, y, y + g.span_h / 2))
    return deepest


# --------------------------------------------------------------------------- hit test


def _hit_arrays(layout: Layout) -> dict[str, np.ndarray]:
    """Pixel arrays built once per layout, so hover over 10k marks stays a numpy scan."""
    c = layout._hit_cache
    if not c:
        (v0, v1), w = layout.view, layout.size_px[0]
        k = w / (v1 - v0)
        c["px"] = (np.array([p.x for p in layout.points], dtype=float) - v0) * k
        c["py"] = np.array([p.y for p in layout.points], dtype=float)
        c["pid"] = np.array([p.id for p in layout.points], dtype=np.int64)
        c["sx0"] = (np.array([s.x0 for s in layout.spans], dtype=float) - v0) * k
        c["sx1"] = (np.array([s.x1 for s in layout.spans], dtype=float) - v0) * k
        c["sy"] = np.array([s.y for s in layout.spans], dtype=float)
        c["sid"] = np.array([s.id for s in layout.spans], dtype=np.int64)
    return c


def hit_test(layout: Layout, px: float, py: float, tolerance: float = 6) -> int | None:
    """Id of the item whose label, mark or span is nearest to (px, py) in axes pixels
    (origin bottom-left), within ``tolerance`` of its edge; None over empty space.

    Lets the window select on click and show tooltips without matplotlib picking, which
    would walk every artist."""
    for lab in layout.labels:  # a label is an explicit target: exact box hit wins
        if lab.x0 <= px <= lab.x1 and lab.y0 <= py <= lab.y1:
            return lab.id
    c = _hit_arrays(layout)
    best_id, best_d = None, math.inf
    r = layout.marker_px / 2
    if c["px"].size:
        d = np.hypot(c["px"] - px, c["py"] - py) - r
        i = int(np.argmin(d))
        if d[i] <= tolerance:
            best_id, best_d = int(c["pid"][i]), max(0.0, float(d[i]))
    if c["sx0"].size:
        half = layout.span_px / 2
        x0 = np.minimum(c["sx0"], c["sx1"] - 2)  # very thin spans are drawn 2 px wide
        dx = np.maximum(np.maximum(x0 - px, px - c["sx1"]), 0)
        dy = np.maximum(np.abs(c["sy"] - py) - half, 0)
        d = np.hypot(dx, dy)
        i = int(np.argmin(d))
        if d[i] <= tolerance and d[i] < best_d:
            best_id = int(c["sid"][i])
    return best_id
