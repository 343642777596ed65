"""Lanes: which there are, how tall each is, and the gutter their names sit in.

A lane is as tall as its labels need: a lane with many events in view gets more rows
than a lane with one. When the lanes need more than the picture's height, the window
scrolls (it asks :func:`lanes_height` for the height to make room for) and a fixed-size
export shares the height out in proportion. Lane names sit in a gutter left of the
plot, so no lane line, bar or label ever crosses them.
"""

from __future__ import annotations

import math

from tracker.timeline.geometry import Geom, Lane, geometry
from tracker.timeline.items import MPL_EPOCH_ORDINAL, TimelineData
from tracker.timeline.rows import MAX_ROWS, arc_band
from tracker.timeline.textmetrics import text_width_px, truncate_to_width

OTHER_LANE = ("", "Other")
AXIS_FRACTION = 0.5  # single lane: axis line height as a fraction of the axes
LANE_AXIS_FRACTION = 0.45  # lanes: the line a little below the middle of each band
LANE_MAX_ROWS = 4  # label rows a lane asks for at most (it may get more room)
LANE_TRACKS = 2  # span tracks a lane asks room for
LABEL_PX = 220.0  # a typical label's width at 8 pt and 100 dpi, to count rows
GUTTER_MAX_PX = 180.0  # lane names longer than this (at 8 pt, 100 dpi) are cut


def lanes_of(data: TimelineData, lane_mode: bool) -> tuple[list[tuple[str, str]], dict[str, int]]:
    """(key, label) of each lane from the top, and the index of each key; events in no
    known lane go to a last "Other" lane rather than vanish."""
    if not (lane_mode and data.lanes):
        return [("", "")], {}
    lanes = list(data.lanes)
    index = {key: i for i, (key, _label) in enumerate(lanes)}
    if any(not any(k in index for k in it.lanes) for it in data.items):
        lanes.append(OTHER_LANE)
        index.setdefault("", len(lanes) - 1)
    return lanes, index


def lane_needs(data: TimelineData, view: tuple[float, float], lanes: list[tuple[str, str]],
               index: dict[str, int], width: float, g: Geom) -> list[float]:
    """Pixels each lane needs: its marks, arcs and span tracks, and a label row for
    about every ``LABEL_PX`` of width its events in view would fill."""
    v0, v1 = view
    events = [0] * len(lanes)
    spans = [0] * len(lanes)
    for it in data.items:
        if not (it.hi + 1 - MPL_EPOCH_ORDINAL > v0 and it.lo - MPL_EPOCH_ORDINAL < v1):
            continue
        found = {index[k] for k in it.lanes if k in index} or {index.get("", len(lanes) - 1)}
        for li in found:
            events[li] += 1
            spans[li] += not it.is_exact
    per_row = max(1.0, width / (LABEL_PX * g.line_h / geometry(8, 100).line_h))
    out = []
    for n, s in zip(events, spans, strict=True):
        rows = min(LANE_MAX_ROWS, max(2, 2 * math.ceil(n / per_row)))  # both sides
        out.append(g.marker + arc_band(g) + rows * g.row_h + min(LANE_TRACKS, s) * g.track_h
                   + 12)
    return out


def fit_heights(needs: list[float], height: float) -> list[float]:
    """Lane heights filling ``height``, each in proportion to what it needs."""
    total = sum(needs) or 1.0
    return [height * n / total for n in needs]


def lanes_height(data: TimelineData, view: tuple[float, float], width: float, dpi: float,
                 font_size: float = 8) -> float:
    """Pixels the lanes of ``data`` need together (the window scrolls past its height)."""
    lanes, index = lanes_of(data, True)
    if len(lanes) < 2:
        return 0.0
    return sum(lane_needs(data, view, lanes, index, width, geometry(font_size, dpi)))


def lane_bands(lanes: list[tuple[str, str]], height: float, g: Geom, lane_mode: bool,
               axis_fraction: float | None = None,
               heights: list[float] | None = None) -> list[Lane]:
    """Bands from top to bottom (of ``heights``, else equal); the axis line sits a
    little low in each band, labels above and below it."""
    n = len(lanes)
    if heights is None:
        heights = [height / n] * n
    out = []
    y1 = float(height)
    for (key, label), band in zip(lanes, heights, strict=True):
        y0 = y1 - band
        if lane_mode and n > 1:
            below = max(band * LANE_AXIS_FRACTION, 1.5 * g.track_h)
        else:  # one lane: the line in the middle, labels above and below it
            below = max(band * (axis_fraction or AXIS_FRACTION), 1.5 * g.track_h)
        axis_y = y0 + below
        base = axis_y + max(g.marker, g.span_h) / 2 + 4
        n_rows = max(0, min(MAX_ROWS, math.floor((y1 - 2 - g.line_h - base) / g.row_h) + 1))
        out.append(Lane(key, label, y0, y1, axis_y, n_rows))
        y1 = y0
    return out


def gutter_px(labels: list[str], font_size: float, dpi: float) -> float:
    """Width of the gutter left of the plot that holds the lane names (bold)."""
    if not labels:
        return 0.0
    cap = GUTTER_MAX_PX * dpi / 100 * font_size / 8
    widest = max(text_width_px(truncate_to_width(t, cap, font_size, dpi), font_size, dpi,
                               "bold") for t in labels)
    return widest + 12


def gutter_label(text: str, font_size: float, dpi: float) -> str:
    """A lane name as the gutter shows it (cut with "…" if very long)."""
    return truncate_to_width(text, GUTTER_MAX_PX * dpi / 100 * font_size / 8, font_size, dpi)
