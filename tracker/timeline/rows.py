"""Where label rows may go in each lane, and what they must keep clear of.

A lane's axis line carries the marks; link arcs inside the lane rise into a thin band
just above it, so the rows above start over that band and never meet an arc. Span
tracks and the density strip lie under the line, so the rows below start under them.
The top of the picture keeps a strip for the reference-date tag and the density note,
so no label is ever drawn under them. Arcs between two lanes cross the rows of the lanes
between their ends: those crossings are handed to the packer as obstacles.
"""

from __future__ import annotations

import math

import numpy as np

from tracker.timeline.density import strip_extent
from tracker.timeline.geometry import Arc, Geom, Lane, Layout, reference_text
from tracker.timeline.textmetrics import line_metrics_px, text_width_px

MAX_ROWS = 20  # label rows per lane and side: more rows mean long, hard-to-follow stems
ARC_SAMPLES = 96


def arc_band(g: Geom) -> float:
    """Height kept above a lane's marks for the arcs of links inside the lane."""
    return g.row_h + 2


def arc_control(a: Arc) -> tuple[float, float]:
    """Control point of the quadratic Bézier an arc is drawn as (its apex is ``height``
    above the higher end)."""
    return (a.x_from + a.x_to) / 2, max(a.y_from, a.y_to) + 2 * a.height


def _lane_of(lanes: list[Lane], y: float) -> int:
    for i, lane in enumerate(lanes):
        if lane.y0 <= y <= lane.y1:
            return i
    return -1


def place_top_strip(layout: Layout, g: Geom) -> None:
    """Room at the top for the reference-date tag and the note, and where the note goes:
    top right, unless the reference line or its tag is there; then left of the line,
    right of the tag, or on a second line."""
    w, h = layout.size_px
    size, dpi = layout.font_size * 0.9, layout.dpi
    line = line_metrics_px(size, dpi)[0] + 4
    rx = layout.reference_x
    ref = None
    if rx is not None:
        px = layout.x_to_px(rx)
        if 0 <= px <= w:
            ref = (px - 4, px + text_width_px(layout.reference_label or reference_text(rx), size,
                                              dpi) + 10)
    if ref is None and not layout.note:
        return
    layout.top_strip = line
    if not layout.note:
        return
    nw = text_width_px(layout.note, size, dpi)
    top = h - 2
    if ref is None or ref[1] < w - 8 - nw:
        layout.note_at = (w - 4, top, "right")
    elif ref[0] - 4 - nw >= 4:
        layout.note_at = (ref[0] - 4, top, "right")
    elif ref[1] + nw + 4 <= w - 4:
        layout.note_at = (ref[1] + 4, top, "left")
    else:
        layout.top_strip = 2 * line
        layout.note_at = (w - 4, top - line, "right")


def label_rows(layout: Layout, lanes: list[Lane], tracks: list[int], g: Geom) -> list[Lane]:
    """Each lane with its rows above and below the line (see the module docstring)."""
    lift = max(g.marker, g.span_h) / 2
    arc_lanes = {_lane_of(lanes, a.y_from) for a in layout.arcs
                 if _lane_of(lanes, a.y_from) == _lane_of(lanes, a.y_to)}
    strip_lanes = {b.lane for b in layout.bins}
    out = []
    for li, lane in enumerate(lanes):
        up_base = lane.axis_y + lift + (arc_band(g) if li in arc_lanes else 0.0) + 3
        top = lane.y1 - 2 - (layout.top_strip if li == 0 else 0.0)
        n_up = max(0, min(MAX_ROWS, math.floor((top - g.line_h - up_base) / g.row_h) + 1))
        low = lane.axis_y - lift - tracks[li] * g.track_h
        if li in strip_lanes:
            low = min(low, strip_extent(lane, g)[0])
        for c in layout.counts:
            if c.lane == li:
                low = min(low, c.y0)
        down_base = low - 3
        n_down = max(0, min(MAX_ROWS,
                            math.floor((down_base - g.line_h - lane.y0 - 2) / g.row_h) + 1))
        out.append(lane._replace(n_rows=n_up, n_below=n_down, up_base=up_base,
                                 down_base=down_base, up_pitch=g.row_h, down_pitch=g.row_h))
    return out


def arc_obstacles(layout: Layout, lanes: list[Lane],
                  g: Geom) -> list[tuple[int, int, int, float, float]]:
    """(lane, side, row, x0 px, x1 px) where an arc between two lanes crosses a label
    row (rows counted at their unspread pitch)."""
    out: list[tuple[int, int, int, float, float]] = []
    cross = [a for a in layout.arcs if _lane_of(lanes, a.y_from) != _lane_of(lanes, a.y_to)]
    if not cross:
        return out
    t = np.linspace(0.0, 1.0, ARC_SAMPLES)
    for a in cross:
        cx, cy = arc_control(a)
        xs = (1 - t) ** 2 * a.x_from + 2 * (1 - t) * t * cx + t**2 * a.x_to
        ys = (1 - t) ** 2 * a.y_from + 2 * (1 - t) * t * cy + t**2 * a.y_to
        px = np.array([layout.x_to_px(x) for x in xs])
        for li, lane in enumerate(lanes):
            for side, n, base in ((1, lane.n_rows, lane.up_base),
                                  (-1, lane.n_below, lane.down_base)):
                for r in range(n):
                    y0 = base + r * g.row_h if side > 0 else base - r * g.row_h - g.line_h
                    inside = (ys >= y0 - 2) & (ys <= y0 + g.line_h + 2)
                    if inside.any():
                        out.append((li, side, r, float(px[inside].min()) - 3,
                                    float(px[inside].max()) + 3))
    return out
