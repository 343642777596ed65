"""Periods drawn as labelled bands behind everything else on the timeline.

A band is in data coordinates along x and spans the axes' height, so panning and zooming
move it without a redraw of its own; only its name is re-placed when the visible range
changes (it stays at the left edge of the visible part of its band, like a sticky
header). Periods that overlap in time take different rows for their names, so "Hanoi
preparations" inside "Singapore process" keeps both names readable. Qt-free: the window
and image export draw the same bands.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.colors import to_rgba
from matplotlib.text import Text
from matplotlib.transforms import blended_transform_factory

from tracker.model.period import Period
from tracker.timeline.geometry import ordinal_to_x
from tracker.timeline.textmetrics import line_metrics_px
from tracker.timeline.theme import Theme

Z_PERIODS = 0.2  # under the grid (0.5) and every mark
FILL_ALPHA = 0.09
EDGE_ALPHA = 0.35
LABEL_PAD_PX = 4.0


def name_rows(periods: Sequence[Period]) -> list[int]:
    """A row per period for its name: the first row whose last period ended before this
    one starts (periods are given earliest first)."""
    ends: list[int] = []
    rows = []
    for p in periods:
        start = p.first.toordinal()
        row = next((i for i, end in enumerate(ends) if end < start), len(ends))
        if row == len(ends):
            ends.append(0)
        ends[row] = p.last.toordinal()
        rows.append(row)
    return rows


class PeriodBands:
    """The bands and names of ``periods`` on ``ax``; :meth:`show` replaces them."""

    def __init__(self, ax: Axes, theme: Theme, font_size: float = 7.5) -> None:
        self.ax = ax
        self.font_size = font_size
        self.colour = theme.muted_text
        self.text_colour = theme.text
        self.transform = blended_transform_factory(ax.transData, ax.transAxes)
        self.bands = PolyCollection([], transform=self.transform, zorder=Z_PERIODS,
                                    linewidths=0.8)
        ax.add_collection(self.bands, autolim=False)
        self.names: list[Text] = []
        self.spans: list[tuple[float, float]] = []
        self.periods: list[Period] = []
        self._cid = ax.callbacks.connect("xlim_changed", lambda _ax: self.place_names())

    def show(self, periods: Sequence[Period]) -> None:
        self.periods = list(periods)
        self.spans = [(ordinal_to_x(p.first.toordinal()), ordinal_to_x(p.last.toordinal() + 1))
                      for p in self.periods]
        self.bands.set_verts([[(x0, 0), (x1, 0), (x1, 1), (x0, 1)] for x0, x1 in self.spans])
        self.bands.set_facecolor(to_rgba(self.colour, FILL_ALPHA))
        self.bands.set_edgecolor(to_rgba(self.colour, EDGE_ALPHA))
        for text in self.names:
            text.remove()
        line_h = line_metrics_px(self.font_size, self.ax.figure.dpi)[0] + 2
        height = max(1.0, self.ax.get_window_extent().height)
        self.names = [
            self.ax.text(x0, 1 - (2 + row * line_h) / height, p.name,
                         transform=self.transform, ha="left", va="top", clip_on=True,
                         fontsize=self.font_size, fontstyle="italic", color=self.text_colour,
                         alpha=0.75, zorder=Z_PERIODS + 0.05, parse_math=False)
            for p, (x0, _), row in zip(self.periods, self.spans, name_rows(self.periods),
                                       strict=True)]
        self.place_names()

    def place_names(self) -> None:
        """Keep each name at the left of the visible part of its band."""
        v0, v1 = self.ax.get_xlim()
        width_px = max(1.0, self.ax.get_window_extent().width)
        pad = LABEL_PAD_PX * (v1 - v0) / width_px
        for text, (x0, x1) in zip(self.names, self.spans, strict=True):
            text.set_visible(x1 > v0 and x0 < v1)
            text.set_x(max(x0, v0) + pad)

    def remove(self) -> None:
        self.ax.callbacks.disconnect(self._cid)
        self.bands.remove()
        for text in self.names:
            text.remove()
        self.names = []
