"""The plain-data types of a timeline frame and the pixel metrics shared by all parts.

Kept apart from the algorithms (layout, labels) so each module stays small; everything
here is re-exported by :mod:`tracker.timeline.layout`. The marks and labels of a frame
are NamedTuples: immutable like frozen dataclasses, but quicker to make (hundreds per
frame) and to define (a frozen dataclass costs the start-up ~0.4 ms each to generate).
"""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from tracker.timeline.items import MPL_EPOCH_ORDINAL
from tracker.timeline.textmetrics import line_metrics_px


def ordinal_to_x(ordinal: int) -> float:
    """Matplotlib date number of the start of day ``ordinal``."""
    return float(ordinal - MPL_EPOCH_ORDINAL)


def x_to_ordinal(x: float) -> int:
    """Day ordinal containing date number ``x`` (inverse of :func:`ordinal_to_x`)."""
    return math.floor(x) + MPL_EPOCH_ORDINAL


class Point(NamedTuple):
    x: float  # middle of the day
    y: float
    id: int
    status: str
    type: str
    filled: bool
    lane: int = 0
    # Pixels the marker was nudged sideways so same-day markers do not hide each other
    # (x above already includes it; x - shift_px / px_per_day is the day's middle).
    shift_px: float = 0.0


class Span(NamedTuple):
    """An uncertain window or a range, [x0, x1) in date numbers.

    ``core_x0..core_x1`` is the part the event certainly covers (from the latest possible
    start to the earliest possible end); None when nothing is certain, e.g. "late February"
    for a one-day event somewhere in that window.
    """

    x0: float
    x1: float
    y: float
    id: int
    status: str
    type: str
    core_x0: float | None = None
    core_x1: float | None = None
    lane: int = 0


class Label(NamedTuple):
    text: str
    id: int
    x: float  # anchor (the mark) in date numbers
    x0: float  # box, axes pixels
    x1: float
    y0: float
    y1: float
    row: int
    baseline: float  # pixel y of the text baseline
    text_x: float  # pixel x where the (left-aligned) text starts
    stem_y0: float  # pixel y where the stem leaves the mark
    lane: int = 0
    side: int = 1  # 1: above the axis line, -1: below it
    stem_y1: float = 0.0  # pixel y where the stem meets the box
    line_step: float = 0.0  # pixels from one line's baseline down to the next's

    @property
    def lines(self) -> list[str]:
        """The lines of the label, top first (a long title may be wrapped to two)."""
        return self.text.split("\n")


class Arc(NamedTuple):
    from_id: int
    to_id: int
    kind: str
    x_from: float
    y_from: float
    x_to: float
    y_to: float
    height: float  # pixels the arc rises above the higher end


class BinBar(NamedTuple):
    x0: float
    x1: float
    count: int
    y0: float
    y1: float
    lane: int = 0


class CountLabel(NamedTuple):
    """How many events a stretch of an aggregated view holds, written under its density
    bars. ``gx0..gx1`` (date numbers) is the stretch counted; the box is in axes pixels."""

    text: str
    count: int
    gx0: float
    gx1: float
    x0: float
    x1: float
    y0: float
    y1: float
    baseline: float
    lane: int = 0


class Lane(NamedTuple):
    """A horizontal band: its axis line, label rows above it (from ``up_base`` upwards,
    ``n_rows`` of them) and below it (from ``down_base`` downwards, under the span tracks
    and density strip, ``n_below`` of them)."""

    key: str
    label: str
    y0: float
    y1: float
    axis_y: float
    n_rows: int
    n_below: int = 0
    up_base: float = 0.0  # pixel y of the bottom of the first row above the line
    down_base: float = 0.0  # pixel y of the top of the first row below the line
    up_pitch: float = 0.0  # pixels from one row to the next, set once labels are placed
    down_pitch: float = 0.0


@dataclass(slots=True)
class Layout:
    """One frame of the timeline as plain data; see module docstring for coordinates."""

    view: tuple[float, float]
    size_px: tuple[int, int]
    dpi: float
    font_size: float
    marker_px: float  # marker diameter
    span_px: float  # span bar height
    points: list[Point] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    arcs: list[Arc] = field(default_factory=list)
    bins: list[BinBar] = field(default_factory=list)
    counts: list[CountLabel] = field(default_factory=list)  # numbers on the density strip
    lanes: list[Lane] = field(default_factory=list)
    lane_mode: bool = False
    reference_x: float | None = None
    note: str | None = None  # e.g. "12,345 events in view — showing density"
    # where the note goes: (x px, top y px, "left" or "right" alignment), on the top strip
    note_at: tuple[float, float, str] | None = None
    top_strip: float = 0.0  # pixels at the top kept for the reference-date tag and note
    gutter_px: float = 0.0  # width left of the axes where lane names are written
    # a non-calendar time scale (tracker.timeline.scale.TimeScale): its ticks and breaks
    scale: object | None = None
    reference_label: str = ""  # the tag by the reference line, e.g. "19 Jan 2019"
    overdue: list[tuple[float, float]] = field(default_factory=list)  # (x, y) of marks
    _hit_cache: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    def x_to_px(self, x: float) -> float:
        x0, x1 = self.view
        return (x - x0) / (x1 - x0) * self.size_px[0]

    def px_to_x(self, px: float) -> float:
        x0, x1 = self.view
        return x0 + px / self.size_px[0] * (x1 - x0)


@dataclass(slots=True)
class Geom:
    """Vertical metrics shared by all lanes."""

    line_h: float
    descent: float
    row_h: float
    marker: float
    span_h: float
    track_h: float


def geometry(font_size: float, dpi: float) -> Geom:
    line_h, descent = line_metrics_px(font_size, dpi)
    font_px = font_size * dpi / 72.0
    marker = max(6.0, round(font_px * 0.9))
    span_h = max(5.0, round(marker * 0.9))
    return Geom(line_h, descent, math.ceil(line_h) + 2, marker, span_h, span_h + 2)


def reference_text(x: float) -> str:
    """Tag shown next to the reference-date line, e.g. '19 Jan 2019'."""
    d = _dt.date.fromordinal(x_to_ordinal(x))
    return f"{d.day} {d:%b %Y}"
