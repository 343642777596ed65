"""Reusing the data of a wider fetch while the view moves inside it.

A pan or zoom step used to ask the store again for the new view. The window now fetches
a margin around the view once (see :class:`tracker.gui.canvas.TimelineCanvas`) and, while
the view stays inside it, cuts the view's data out of that fetch here, with no SQL.

The cut is exactly what a query of the view itself returns, so the window still draws
what an export of the same view draws. That holds for a fetch that holds *every* event
of its range (not aggregated: no bins), and for an aggregated fetch made at the view's
zoom (:class:`TiledData`: bins on a grid fixed by the zoom, the best events of each
tile of that grid), but not for one with lanes (their order and collapsing depend on
the events of the view) or a filtered aggregate (binned per view); :func:`reusable`
says which fetches qualify. The store returns the events of a plain fetch ordered by
(first day, id), so a cut keeps the order a query of the smaller range has, and the
layout (which breaks ties by input order) comes out the same.

Whether a range is aggregated depends on the events starting in the grid bins it
touches, which only grow with the range: a plain fetch's cuts are never aggregated, and
a cut of an aggregated fetch that is not (:meth:`FetchedData.cut` returns None) is
queried by itself.
"""

from __future__ import annotations

import datetime as _dt
import heapq
from dataclasses import dataclass, field

import numpy as np

from tracker.timeline.items import (
    MPL_EPOCH_ORDINAL,
    Bin,
    TimelineData,
    TimelineItem,
    TimelineLink,
)

_LAST_DAY = _dt.date.max.toordinal()


def view_days(view: tuple[float, float]) -> tuple[int, int]:
    """First and last day (ordinals) the store is asked for to draw ``view``: every day the
    view touches, and the day after its end (as the window's provider asks)."""
    lo = int(max(1, view[0] + MPL_EPOCH_ORDINAL))
    hi = int(min(_LAST_DAY, view[1] + MPL_EPOCH_ORDINAL + 1))
    return lo, hi




def zoom_days(lo: int, hi: int) -> int:
    return hi - lo + 1


def bin_width(zoom: int, bins: int) -> int:
    """Days per aggregate bin at a zoom of ``zoom`` days: the smallest power of two with
    which any ``zoom`` days touch at most ``bins`` grid bins."""
    width = 1
    while width * max(1, bins - 1) < zoom:
        width *= 2
    return width


@dataclass(slots=True)
class TiledData(TimelineData):
    """Aggregated data of days ``days`` on a zoom's grid: ``bins`` are the grid bins of
    ``bin_days`` days (day 0 aligned) with the events starting in them; ``items`` the
    best TOP_ITEMS events. A fetch made to be cut also has in ``tiles`` the best
    ``tile_depth`` of each tile (``tile_bins`` bins; tile t starts on day
    t * tile_bins * bin_days) the range touches, and in ``pool_links`` the links among
    all of them (none of these compared: a query of a view need not hold them)."""

    tiles: dict[int, list[TimelineItem]] = field(default_factory=dict, compare=False)
    pool_links: list[TimelineLink] = field(default_factory=list, compare=False)
    bin_days: int = 1
    view_bins: int = 1  # the most bins a view gets (what bin_days was chosen for)
    # How the data was fetched, not what it shows: not compared (a cut at another zoom
    # on the same grid, or fetched under another limit, shows the same picture).
    tile_bins: int = field(default=1, compare=False)
    tile_depth: int = field(default=0, compare=False)  # most events each tile holds
    max_items: int = field(default=0, compare=False)
    days: tuple[int, int] = (0, 0)


def reusable(data: TimelineData) -> bool:
    """Whether cuts of ``data`` equal queries of the smaller ranges (see module doc)."""
    return not data.lanes and (not data.bins or isinstance(data, TiledData))


class FetchedData:
    """A reusable fetch of days ``lo..hi`` and the arrays that make cutting it cheap."""

    __slots__ = ("data", "hi", "his", "lo", "los", "view_bins", "width")

    def __init__(self, data: TimelineData, lo: int, hi: int, zoom: int | None = None,
                 bins: int | None = None) -> None:
        """``zoom`` (days) the fetch was binned for, and bins per view (the store's
        default when None); a cut at a zoom with another bin width is not served."""
        from tracker.store.viewport import DEFAULT_BINS

        self.data, self.lo, self.hi = data, lo, hi
        self.view_bins = data.view_bins if isinstance(data, TiledData) else bins or DEFAULT_BINS
        if isinstance(data, TiledData):
            self.width: int | None = data.bin_days
        else:
            self.width = None if zoom is None else bin_width(zoom, self.view_bins)
        self.los = np.fromiter((it.start_lo for it in data.items), dtype=np.int64,
                               count=len(data.items))
        self.his = np.fromiter((it.hi for it in data.items), dtype=np.int64,
                               count=len(data.items))

    def same_grid(self, zoom: int) -> bool:
        """Whether a view ``zoom`` days wide is binned as this fetch was."""
        return self.width is None or bin_width(zoom, self.view_bins) == self.width

    def covers(self, lo: int, hi: int) -> bool:
        return self.lo <= lo and hi <= self.hi

    def cut(self, lo: int, hi: int, zoom: int | None = None) -> TimelineData | None:
        """The data of days lo..hi at a zoom of ``zoom`` days (the range by default):
        the events overlapping it, the links among them, in fetch order; or its bins and
        best events for an aggregated fetch. None when a query of the range would not
        give the same: another bin width, or too few events for an aggregated fetch."""
        d = self.data
        if not self.same_grid(zoom if zoom is not None else zoom_days(lo, hi)):
            return None
        if isinstance(d, TiledData):
            return self._cut_tiled(d, lo, hi)
        idx = np.flatnonzero((self.los <= hi) & (self.his >= lo)).tolist()
        items = d.items
        shown = [items[i] for i in idx]
        ids = {it.id for it in shown}
        links = [ln for ln in d.links if ln.from_id in ids and ln.to_id in ids]
        return TimelineData(items=shown, links=links, bins=[], total_in_view=len(shown),
                            reference_day=d.reference_day, lanes=[])

    @staticmethod
    def _cut_tiled(d: TiledData, lo: int, hi: int) -> TiledData | None:
        lo, hi = max(lo, d.days[0]), min(hi, d.days[1])
        if hi < lo:
            return None
        bins = [Bin(max(b.lo, lo), min(b.hi, hi), b.count) for b in d.bins
                if b.hi >= lo and b.lo <= hi]
        total = sum(b.count for b in bins)
        if total <= d.max_items:
            return None
        items = _best_in(d.tiles, d.bin_days * d.tile_bins, lo, hi, _top_k(), d.tile_depth)
        if items is None:
            return None
        ids = {it.id for it in items}
        links = [ln for ln in d.pool_links if ln.from_id in ids and ln.to_id in ids]
        return TiledData(items=items, links=links, bins=bins, total_in_view=total,
                         reference_day=d.reference_day, lanes=[], bin_days=d.bin_days,
                         view_bins=d.view_bins, tile_bins=d.tile_bins,
                         tile_depth=d.tile_depth, max_items=d.max_items, days=(lo, hi))


def _rank(it: TimelineItem) -> tuple[float, int]:
    return -it.priority, it.id


def _best_in(tiles: dict[int, list[TimelineItem]], tile: int, lo: int, hi: int,
             k: int, depth: int) -> list[TimelineItem] | None:
    """The best ``k`` events overlapping days lo..hi, from the best ``depth`` of each tile the
    days touch; None unless that is provably exact: every event left out of a tile's
    list ranks below that list's last, so the answer is exact when no full list's last
    ranks above the answer's last (or, short of ``k``, when no list is full)."""
    lists = []
    for t in range(lo // tile, hi // tile + 1):
        top = tiles.get(t)
        if top is None:
            return None
        lists.append(top)
    # Each tile's list is best first: merge them in that order and keep the first k
    # events overlapping the days (an event in several tiles comes out once).
    best: list[TimelineItem] = []
    seen: set[int] = set()
    for it in heapq.merge(*lists, key=_rank):
        if it.id in seen or not (it.start_lo <= hi and it.hi >= lo):
            continue
        seen.add(it.id)
        best.append(it)
        if len(best) == k:
            break
    full = [top for top in lists if len(top) >= depth]
    if full and (len(best) < k or any(_rank(top[-1]) < _rank(best[-1]) for top in full)):
        return None
    return best


def _top_k() -> int:
    from tracker.store.viewport import TOP_ITEMS

    return TOP_ITEMS
