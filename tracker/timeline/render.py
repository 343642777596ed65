"""Draw a :class:`~tracker.timeline.layout.Layout` on a matplotlib Axes.

Everything that scales with the number of events is a collection (one scatter per marker
style, one PolyCollection for all span windows, one LineCollection for all arcs), because
a redraw costs per artist and per text, not per point. Only labels are Text artists and the
layout already caps them. Qt-free: the window keeps one
:class:`~tracker.timeline.painter.TimelinePainter` per axes and feeds it each new layout;
image export calls :func:`render`, which is the same painter on a fresh axes.
"""

from __future__ import annotations

from collections.abc import Iterable

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from tracker.timeline.layout import Layout
from tracker.timeline.painter import (
    ARC_STEPS,
    MIN_SPAN_PX,
    Z_ARCS,
    Z_BANDS,
    Z_BINS,
    Z_HALO,
    Z_MARKS,
    Z_REF,
    Z_SEL,
    Z_SPANS,
    Z_STEMS,
    Z_TEXT,
    RenderedArtists,
    TimelinePainter,
    ring_size,
    update_selection,
)
from tracker.timeline.textmetrics import line_metrics_px
from tracker.timeline.theme import Theme

__all__ = [
    "ARC_STEPS", "MIN_SPAN_PX", "Z_ARCS", "Z_BANDS", "Z_BINS", "Z_HALO", "Z_MARKS", "Z_REF",
    "Z_SEL", "Z_SPANS", "Z_STEMS", "Z_TEXT", "RenderedArtists", "TimelinePainter",
    "axes_rect", "axes_size_px", "place_axes", "render", "ring_size", "update_selection",
]


def axes_size_px(ax: Axes) -> tuple[int, int]:
    """Size of ``ax`` in display pixels, without a renderer; pass it to build_layout."""
    bb = ax.get_window_extent()
    return max(1, round(bb.width)), max(1, round(bb.height))


def axes_rect(
    fig: Figure, *, font_size: float = 8, top_px: float = 0, bottom_px: float = 0,
    side_px: float = 4, left_px: float = 0,
) -> tuple[float, float, float, float]:
    """Figure-fraction rectangle of the timeline axes: all of ``fig`` except room for the
    date tick labels (two lines with ConciseDateFormatter), any extra top/bottom bands
    the caller needs and ``left_px`` for the lane names' gutter."""
    dpi = fig.dpi
    w, h = fig.bbox.width, fig.bbox.height
    line_h, _ = line_metrics_px(font_size, dpi)
    ticks = 7 * dpi / 72 + 2.3 * line_h + 2
    bottom = bottom_px + ticks
    return ((side_px + left_px) / w, bottom / h, max(0.05, 1 - (2 * side_px + left_px) / w),
            max(0.05, (h - bottom - top_px) / h))


def place_axes(
    fig: Figure, *, font_size: float = 8, top_px: float = 0, bottom_px: float = 0,
    side_px: float = 4, left_px: float = 0,
) -> Axes:
    """A new axes at :func:`axes_rect`."""
    return fig.add_axes(axes_rect(fig, font_size=font_size, top_px=top_px,
                                  bottom_px=bottom_px, side_px=side_px, left_px=left_px))


def render(
    ax: Axes,
    layout: Layout,
    theme: Theme,
    *,
    selected: int | None = None,
    highlighted: Iterable[int] = frozenset(),
) -> RenderedArtists:
    """Clear ``ax`` and draw ``layout`` on it; returns the artists for cheap updates.

    For a sequence of frames on one axes use a TimelinePainter and its ``update``: it
    draws the same picture without rebuilding the artists."""
    ax.clear()
    return TimelinePainter(ax, theme).update(layout, selected=selected,
                                             highlighted=highlighted)
