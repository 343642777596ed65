"""The aggregated view: a density strip of binned counts, and a few numbers on it.

A strip alone shows where events crowd but not how many there are; writing the count
under the biggest stretches answers that at a glance. Counts are text, the expensive
part of a redraw, so only a handful are written and they come out of the label budget.
"""

from __future__ import annotations

from tracker.timeline.geometry import BinBar, CountLabel, Geom, Lane, Layout, ordinal_to_x
from tracker.timeline.items import Bin
from tracker.timeline.textmetrics import prepare_texts, text_width_px

MAX_COUNTS = 6  # count texts per frame, all lanes together
STRETCH_PX = 70.0  # bins are summed over stretches about this wide
MIN_SHARE = 0.2  # a stretch with less than this share of the busiest one is not written
COUNT_GAP_PX = 10.0  # clear space between two count texts
STRIP_TRACKS = 8  # depth of the density strip, in span tracks


def count_font_size(font_size: float) -> float:
    return font_size * 0.9


def layout_bins(
    bins: list[Bin], lanes: list[Lane], lane_index: dict[str, int], layout: Layout, g: Geom
) -> None:
    """Density strip: one bar per bin growing up from the lane bottom towards the axis line,
    height proportional to the count (relative to the busiest bin)."""
    per_lane: dict[tuple[int, int, int], int] = {}
    if lane_index:
        keyed = [b for b in bins if b.lane in lane_index and b.lane != ""]
        if keyed:
            for b in keyed:
                k = (lane_index[b.lane], b.lo, b.hi)
                per_lane[k] = per_lane.get(k, 0) + b.count
        else:  # only totals: show them in every lane
            for b in bins:
                for li in range(len(lanes)):
                    per_lane[(li, b.lo, b.hi)] = per_lane.get((li, b.lo, b.hi), 0) + b.count
    else:
        totals = [b for b in bins if b.lane == ""] or bins
        for b in totals:
            per_lane[(0, b.lo, b.hi)] = per_lane.get((0, b.lo, b.hi), 0) + b.count
    if not per_lane:
        return
    peak = max(per_lane.values()) or 1
    for (li, lo, hi), count in sorted(per_lane.items()):
        if count <= 0:
            continue
        y0, top = strip_extent(lanes[li], g)
        room = max(2.0, top - y0)
        layout.bins.append(
            BinBar(ordinal_to_x(lo), ordinal_to_x(hi + 1), count, y0,
                   y0 + max(1.5, room * count / peak), li)
        )


def strip_extent(lane: Lane, g: Geom) -> tuple[float, float]:
    """Bottom and top pixel y of a lane's density strip (a fixed depth under the line)."""
    top = lane.axis_y - g.span_h / 2 - 1
    return max(lane.y0 + 1, top - STRIP_TRACKS * g.track_h), top


def place_counts(layout: Layout, lanes: list[Lane], g: Geom, max_texts: int) -> None:
    """Write the event count of the biggest stretches of the strip, at most ``max_texts``
    (and MAX_COUNTS) of them, never overlapping one another.

    Bins are summed left to right into stretches of about STRETCH_PX, starting a new one
    at any gap, so an isolated cluster is counted as a whole.
    """
    limit = min(MAX_COUNTS, max_texts)
    if limit <= 0 or not layout.bins:
        return
    w = layout.size_px[0]
    k = w / (layout.view[1] - layout.view[0])
    v0 = layout.view[0]
    size = count_font_size(layout.font_size)
    stretches: list[tuple[int, float, float, int]] = []  # (count, x0 px, x1 px, lane)
    by_lane: dict[int, list[BinBar]] = {}
    for b in layout.bins:
        by_lane.setdefault(b.lane, []).append(b)
    for li, bars in by_lane.items():
        bars.sort(key=lambda b: b.x0)
        cur: list[float] | None = None  # [count, x0, x1]
        for b in bars:
            bx0, bx1 = (b.x0 - v0) * k, (b.x1 - v0) * k
            if bx1 < 0 or bx0 > w:
                continue
            if cur is None or bx0 - cur[2] > 2 or cur[2] - cur[1] >= STRETCH_PX:
                if cur is not None:
                    stretches.append((int(cur[0]), cur[1], cur[2], li))
                cur = [b.count, bx0, bx1]
            else:
                cur[0] += b.count
                cur[2] = bx1
        if cur is not None:
            stretches.append((int(cur[0]), cur[1], cur[2], li))
    if not stretches:
        return
    stretches.sort(key=lambda s: (-s[0], s[1]))
    floor = stretches[0][0] * MIN_SHARE
    taken: list[tuple[float, float, int]] = []
    prepare_texts([f"{s[0]:,}" for s in stretches[:2 * limit] if s[0] >= floor], size,
                  layout.dpi, weight="bold")
    for count, sx0, sx1, li in stretches:
        if len(layout.counts) >= limit or count < floor:
            break
        text = f"{count:,}"
        tw = text_width_px(text, size, layout.dpi, weight="bold")  # drawn bold
        cx = min(max((max(sx0, 0) + min(sx1, w)) / 2, tw / 2 + 2), w - tw / 2 - 2)
        x0, x1 = cx - tw / 2 - 1, cx + tw / 2 + 1
        if any(li == tl and x0 < t1 + COUNT_GAP_PX and t0 < x1 + COUNT_GAP_PX
               for t0, t1, tl in taken):
            continue
        taken.append((x0, x1, li))
        y0, y1, base = _count_row(lanes[li], g)
        layout.counts.append(CountLabel(text, count, v0 + sx0 / k, v0 + sx1 / k,
                                        x0, x1, y0, y1, base, li))


def _count_row(lane: Lane, g: Geom) -> tuple[float, float, float]:
    """(y0, y1, baseline) of the counts of a lane: under the strip when there is room,
    else along the bottom of the strip itself."""
    strip0, _top = strip_extent(lane, g)
    h = g.line_h * 0.9
    y1 = strip0 - 2 if strip0 - lane.y0 >= h + 4 else strip0 + 1 + h
    return y1 - h, y1, y1 - h + g.descent * 0.9
