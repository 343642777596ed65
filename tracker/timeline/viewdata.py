"""Reusing the data of a wider fetch while the view moves inside it.

A pan or zoom step used to ask the store again for the new view. The window now fetches
a margin around the view once (see :class:`tracker.gui.canvas.TimelineCanvas`) and, while
the view stays inside it, cuts the view's data out of that fetch here, with no SQL.

The cut is exactly what a query of the view itself returns, so the window still draws
what an export of the same view draws. That holds only for a fetch that holds *every*
event of its range (not aggregated: no bins) and no lanes (their order and collapsing
depend on the events of the view); :func:`reusable` says which fetches qualify. The
store returns the events of such a fetch ordered by (first day, id), so a cut keeps the
order a query of the smaller range has, and the layout (which breaks ties by input
order) comes out the same.
"""

from __future__ import annotations

import datetime as _dt

import numpy as np

from tracker.timeline.items import MPL_EPOCH_ORDINAL, TimelineData

_LAST_DAY = _dt.date.max.toordinal()


def view_days(view: tuple[float, float]) -> tuple[int, int]:
    """First and last day (ordinals) the store is asked for to draw ``view``: every day the
    view touches, and the day after its end (as the window's provider asks)."""
    lo = int(max(1, view[0] + MPL_EPOCH_ORDINAL))
    hi = int(min(_LAST_DAY, view[1] + MPL_EPOCH_ORDINAL + 1))
    return lo, hi


def reusable(data: TimelineData) -> bool:
    """Whether cuts of ``data`` equal queries of the smaller ranges (see module doc)."""
    return not data.bins and not data.lanes


class FetchedData:
    """A reusable fetch of days ``lo..hi`` and the arrays that make cutting it cheap."""

    __slots__ = ("data", "hi", "his", "lo", "los")

    def __init__(self, data: TimelineData, lo: int, hi: int) -> None:
        self.data, self.lo, self.hi = data, lo, hi
        self.los = np.fromiter((it.start_lo for it in data.items), dtype=np.int64,
                               count=len(data.items))
        self.his = np.fromiter((it.hi for it in data.items), dtype=np.int64,
                               count=len(data.items))

    def covers(self, lo: int, hi: int) -> bool:
        return self.lo <= lo and hi <= self.hi

    def cut(self, lo: int, hi: int) -> TimelineData:
        """The events overlapping days lo..hi, the links among them, in fetch order."""
        d = self.data
        idx = np.flatnonzero((self.los <= hi) & (self.his >= lo)).tolist()
        items = d.items
        shown = [items[i] for i in idx]
        ids = {it.id for it in shown}
        links = [ln for ln in d.links if ln.from_id in ids and ln.to_id in ids]
        return TimelineData(items=shown, links=links, bins=[], total_in_view=len(shown),
                            reference_day=d.reference_day, lanes=[])
