"""Time scales other than the calendar: compressed empty stretches, and sequence.

A timeline that is all clusters (a summit week, then months of nothing, then another
week) wastes most of its width on the empty months. Two ways out, both as a mapping of
each event's days to the day positions it is drawn at, so the layout, the labels and the
painter work unchanged on the mapped data:

* **compressed**: each long empty stretch is shrunk to a few days and marked with a
  break on the axis; within the kept stretches a day is still a day (the mapping is a
  shift), so dates, spans and gaps between neighbours keep their true proportions;
* **sequential**: the events evenly spaced in date order, one position each, with
  their dates as the axis labels.

The axis then cannot come from matplotlib's date locator (it would print drawn
positions as dates): :meth:`TimeScale.ticks` gives the real dates to print where.
"""

from __future__ import annotations

import datetime as _dt
from bisect import bisect_right
from dataclasses import dataclass, field

from tracker.model.fuzzydate import MONTH_ABBR
from tracker.timeline.items import MPL_EPOCH_ORDINAL, Bin, TimelineData, TimelineItem

SCALES = ("linear", "compressed", "sequential")
GAP_FRACTION = 0.08  # an empty stretch longer than this share of the whole is shrunk
MIN_GAP_DAYS = 21
KEEP_FRACTION = 0.015  # it is shrunk to this share of the whole (at least KEEP_DAYS)
KEEP_DAYS = 3


@dataclass(slots=True)
class TimeScale:
    """A mapping of real day ordinals to drawn ones (monotone, not necessarily onto).

    ``starts`` are the real days where a piece begins, ``shifts`` what is subtracted in
    that piece; ``breaks`` the drawn day positions of the shrunk stretches; for a
    sequential scale ``slots`` holds each drawn position's real days (lo, hi)."""

    kind: str
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)  # last real day of each piece
    shifts: list[int] = field(default_factory=list)
    breaks: list[float] = field(default_factory=list)
    slots: list[tuple[int, int]] = field(default_factory=list)
    first: int = 0  # drawn ordinal of slot 0 (sequential)
    reference_day: int | None = None  # the real reference date, for its tag

    def to_drawn(self, day: int) -> int:
        """Drawn ordinal of real day ``day`` (for sequential: of the first event on or
        after it)."""
        if self.kind == "sequential":
            i = bisect_right([lo for lo, _hi in self.slots], day - 1)
            return self.first + i
        i = bisect_right(self.starts, day) - 1
        return day - (self.shifts[i] if i >= 0 else 0)

    def to_real(self, drawn: float) -> float:
        """Real day (a date number's ordinal) at drawn position ``drawn``, for the
        window's view and tooltips."""
        if self.kind == "sequential":
            i = min(max(0, round(drawn - self.first)), len(self.slots) - 1)
            return float(self.slots[i][0]) if self.slots else drawn
        for start, shift in zip(reversed(self.starts), reversed(self.shifts), strict=True):
            if drawn + shift >= start:
                return drawn + shift
        return drawn

    def ticks(self, v0: float, v1: float, width_px: float,
              spacing_px: float = 90.0) -> list[tuple[float, str]]:
        """(x in date numbers of the drawn axis, text) of the date labels for the view
        ``v0..v1``: real dates, at most one per ``spacing_px``."""
        k = width_px / (v1 - v0)
        out: list[tuple[float, str]] = []
        last = -1e18
        if self.kind == "sequential":
            for i, (lo, hi) in enumerate(self.slots):
                x = self.first + i - MPL_EPOCH_ORDINAL + 0.5
                if not v0 <= x <= v1 or (x - last) * k < spacing_px:
                    continue
                if out and out[-1][1] == _day_text(lo, hi):
                    continue
                out.append((x, _day_text(lo, hi)))
                last = x
            return out
        step = _step_days(k, spacing_px)
        for start, end, shift in zip(self.starts, self.ends, self.shifts, strict=True):
            # the part of this piece in view, in real days
            lo = max(1, start, int(v0) + MPL_EPOCH_ORDINAL + shift)
            hi = min(end, int(v1) + 1 + MPL_EPOCH_ORDINAL + shift)
            if lo > hi:
                continue
            for day in _calendar_steps(_dt.date.fromordinal(lo), step, hi - lo):
                x = day.toordinal() - shift - MPL_EPOCH_ORDINAL
                if v0 <= x <= v1 and (x - last) * k >= spacing_px:
                    out.append((float(x), _tick_text(day, step)))
                    last = x
        return out


def _day_text(lo: int, hi: int) -> str:
    a = _dt.date.fromordinal(lo)
    return f"{a.day} {MONTH_ABBR[a.month - 1]} {a.year}" if lo == hi else \
        f"{MONTH_ABBR[a.month - 1]} {a.year}"


def _step_days(k: float, spacing_px: float) -> int:
    """Calendar step (days, or 30/365 for months/years) giving about ``spacing_px``."""
    for step in (1, 7, 30, 91, 365, 1826, 3652):
        if step * k >= spacing_px:
            return step
    return 36525


def _calendar_steps(start: _dt.date, step: int, span_days: int):
    """Dates from ``start`` on at calendar steps (days, weeks, month and year starts)."""
    end = start.toordinal() + span_days
    if step < 30:
        d = start.toordinal()
        while d <= end:
            yield _dt.date.fromordinal(d)
            d += step
        return
    months = {30: 1, 91: 3, 365: 12, 1826: 60, 3652: 120}.get(step, 1200)
    index = start.year * 12 + start.month - 1 + (start.day != 1)
    index = -(-index // months) * months  # the first multiple of the step
    while True:
        d = _dt.date(index // 12, index % 12 + 1, 1)
        if d.toordinal() > end:
            return
        yield d
        index += months


def _tick_text(day: _dt.date, step: int) -> str:
    if step < 30:
        return f"{day.day} {MONTH_ABBR[day.month - 1]}"
    if step < 365:
        return f"{MONTH_ABBR[day.month - 1]} {day.year}" if day.month == 1 else \
            MONTH_ABBR[day.month - 1]
    return str(day.year)


def compressed(data: TimelineData) -> TimeScale:
    """The scale that shrinks ``data``'s long empty stretches."""
    spans = sorted((it.lo, it.hi) for it in data.items)
    spans += sorted((b.lo, b.hi) for b in data.bins)
    spans.sort()
    if not spans:
        return TimeScale("compressed", [0], [10**7], [0])
    whole = max(hi for _lo, hi in spans) - spans[0][0] + 1
    threshold = max(MIN_GAP_DAYS, GAP_FRACTION * whole)
    keep = max(KEEP_DAYS, round(KEEP_FRACTION * whole))
    starts, ends, shifts, breaks = [spans[0][0] - 10**6], [], [0], []
    shift = 0
    reach = spans[0][1]
    for lo, hi in spans[1:]:
        gap = lo - reach - 1
        if gap > threshold:
            breaks.append(reach + 1 - shift + keep / 2 - MPL_EPOCH_ORDINAL)
            ends.append(reach + keep // 2)
            shift += gap - keep
            starts.append(lo - (keep - keep // 2))
            shifts.append(shift)
        reach = max(reach, hi)
    ends.append(reach + 10**6)
    return TimeScale("compressed", starts, ends, shifts, breaks)


def sequential(data: TimelineData) -> TimeScale:
    """The scale that puts ``data``'s events one position apart in date order."""
    order = sorted(data.items, key=lambda it: (it.lo, it.hi, it.id))
    first = order[0].lo if order else 0
    return TimeScale("sequential", slots=[(it.lo, it.hi) for it in order], first=first)


def apply(data: TimelineData, kind: str) -> tuple[TimelineData, TimeScale | None]:
    """``data`` drawn on the scale ``kind`` ("linear" gives it back unchanged)."""
    if kind == "linear":
        return data, None
    if kind not in SCALES:
        raise ValueError(f"time scale {kind!r} is not known; use {', '.join(SCALES)}")
    if kind == "compressed":
        scale = compressed(data)
        f = scale.to_drawn

        def move(it: TimelineItem) -> TimelineItem:
            return it._replace(
                start_lo=f(it.start_lo), start_hi=f(it.start_hi),
                end_lo=None if it.end_lo is None else f(it.end_lo),
                end_hi=None if it.end_hi is None else f(it.end_hi))

        items = [move(it) for it in data.items]
        bins = [Bin(f(b.lo), f(b.hi), b.count, b.lane) for b in data.bins]
    else:
        scale = sequential(data)
        order = sorted(data.items, key=lambda it: (it.lo, it.hi, it.id))
        slot = {it.id: scale.first + i for i, it in enumerate(order)}
        items = [it._replace(start_lo=slot[it.id], start_hi=slot[it.id], end_lo=None,
                             end_hi=None, precision="day") for it in data.items]
        bins = []
    ref = data.reference_day
    scale.reference_day = ref
    if ref is not None:  # on a sequence the distance to "today" means nothing: no line
        ref = scale.to_drawn(ref) if kind == "compressed" else None
    out = TimelineData(items=items, links=list(data.links), bins=bins,
                       total_in_view=data.total_in_view, reference_day=ref,
                       lanes=list(data.lanes))
    return out, scale
