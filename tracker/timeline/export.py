"""Whole-timeline image export (PNG, SVG, PDF) through the same layout and render code as
the window, on a pyplot-free Figure so it works headless and never touches GUI state."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

import matplotlib
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from tracker.model.period import Period
from tracker.model.vocab import EVENT_TYPES, LINK_KINDS, STATUSES
from tracker.timeline.geometry import geometry
from tracker.timeline.items import TimelineData
from tracker.timeline.layout import (
    Layout,
    build_layout,
    centred_axis_fraction,
    clamp_view,
    content_extent,
    fit_view,
)
from tracker.timeline.periodbands import PeriodBands
from tracker.timeline.render import axes_size_px, place_axes, render
from tracker.timeline.textcache import CachedTextCanvasAgg
from tracker.timeline.textmetrics import line_metrics_px, text_width_px
from tracker.timeline.theme import LIGHT, Theme

FORMATS = (".png", ".svg", ".pdf")


def _legend_handles(layout: Layout, theme: Theme) -> list[Line2D | Patch]:
    """Only what the picture uses: types and statuses present, span kinds, link kinds."""
    handles: list[Line2D | Patch] = []
    types = {p.type for p in layout.points} | {s.type for s in layout.spans}
    for t in EVENT_TYPES:
        if t in types:
            handles.append(Line2D([], [], ls="none", marker="o", markersize=6,
                                  markerfacecolor=theme.type_color(t),
                                  markeredgecolor=theme.edge_color(t), label=EVENT_TYPES[t]))
    statuses = {p.status for p in layout.points} | {s.status for s in layout.spans}
    for s in STATUSES:
        if s in statuses:
            st = theme.status(s)
            handles.append(Line2D([], [], ls="none", marker=st.marker, markersize=6,
                                  markerfacecolor=theme.muted_text if st.filled else "none",
                                  markeredgecolor=theme.muted_text, markeredgewidth=1.3,
                                  label=STATUSES[s]))
    if any(s.core_x0 is None for s in layout.spans):
        handles.append(Patch(facecolor=theme.muted_text, alpha=0.3, edgecolor="none",
                             label="Uncertain date (window)"))
    if any(s.core_x0 is not None for s in layout.spans):
        handles.append(Patch(facecolor=theme.muted_text, alpha=0.85, edgecolor="none",
                             label="Known date range"))
    kinds = {a.kind for a in layout.arcs}
    for kind in LINK_KINDS:
        if kind in kinds:
            st = theme.link(kind)
            handles.append(Line2D([], [], color=st.color, ls=st.linestyle, lw=1.4,
                                  label=f"link: {LINK_KINDS[kind]}"))
    return handles


TIGHT_FILL = 0.8  # shrink the axes only if the content needs less than this of its height


def _tight_layout(
    data: TimelineData, view: tuple[float, float], size: tuple[int, int], dpi: float,
    font_size: float, max_labels: int, lane_mode: bool, full: Layout,
) -> Layout | None:
    """The layout on a shorter axes that just holds ``full``'s content, or None when the
    content fills most of the height anyway (or the shorter one would lose labels).

    Room is kept for two label rows above the content (the reference-date tag and notes
    use the top row) and one below it.
    """
    if full.lane_mode or len(full.lanes) != 1 or not (full.points or full.spans or full.bins):
        return None
    w, h = size
    g_row = geometry(font_size, dpi).row_h
    lo, hi = content_extent(full)
    pad_top, pad_bottom = 2 * g_row, g_row
    need = hi - lo + pad_top + pad_bottom
    if need > h * TIGHT_FILL:
        return None
    for extra in (0.0, g_row, 2 * g_row):  # a row more if the top row's tags got in the way
        tight_h = min(h, math.ceil(need + extra))
        frac = (full.lanes[0].axis_y - lo + pad_bottom) / tight_h
        tight = build_layout(data, view, (w, tight_h), dpi, font_size=font_size,
                             max_labels=max_labels, lane_mode=lane_mode, axis_fraction=frac)
        if len(tight.labels) >= len(full.labels) and len(tight.counts) >= len(full.counts):
            return tight
    return None


def export_image(
    data: TimelineData,
    path: str | Path,
    *,
    view: tuple[float, float] | None = None,
    width_px: int = 1600,
    height_px: int = 900,
    dpi: float = 100,
    title: str | None = None,
    legend: bool = True,
    credit: str | None = None,
    theme: Theme = LIGHT,
    font_size: float = 8,
    max_labels: int = 60,
    lane_mode: bool = False,
    periods: Sequence[Period] = (),
) -> Path:
    """Write the timeline for ``view`` (None = fit all items) to ``path``; the format
    follows the suffix. Returns the path written. ``periods`` are drawn as bands."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(
            f"cannot export to {path.name!r}: unknown image format {path.suffix or '(none)'!r};"
            f" use one of {', '.join(FORMATS)}"
        )
    view = fit_view(data) if view is None else clamp_view(*view)
    fig = Figure(figsize=(width_px / dpi, height_px / dpi), dpi=dpi,
                 facecolor=theme.background)
    CachedTextCanvasAgg(fig)  # PNG text as the window draws it; SVG/PDF keep real text
    line_h, _ = line_metrics_px(font_size, dpi)
    title_h = line_metrics_px(font_size * 1.6, dpi)[0] + 6 if title else 0.0
    bottom = (line_h + 8) if credit else 0.0
    if credit:
        fig.text(6 / width_px, 4 / height_px, credit, ha="left", va="bottom",
                 fontsize=font_size * 0.95, color=theme.muted_text, parse_math=False)

    # Lay out once without the legend to learn what it must show, then size its band.
    probe = build_layout(data, view, (width_px, height_px), dpi, font_size=font_size,
                         max_labels=0, lane_mode=lane_mode)
    handles = _legend_handles(probe, theme) if legend else []
    legend_h, ncols = 0.0, 1
    if handles:
        col_w = max(text_width_px(str(h.get_label()), font_size, dpi) for h in handles)
        col_w += 2.0 * font_size * dpi / 72 * 3  # handle, padding, spacing
        ncols = max(1, min(len(handles), int((width_px - 20) // col_w)))
        legend_h = math.ceil(len(handles) / ncols) * line_h * 1.45 + 8
    header = 6.0 + title_h + legend_h

    ax = place_axes(fig, font_size=font_size, top_px=header, bottom_px=bottom)
    size = axes_size_px(ax)
    layout = build_layout(data, view, size, dpi, font_size=font_size,
                          max_labels=max_labels, lane_mode=lane_mode)
    # A picture need not keep the window's fixed axis line or its full height: a sparse
    # timeline gets an axes just tall enough for what it shows, and the whole block
    # (title, legend, timeline, dates) sits in the middle of the page.
    offset = 0.0
    tight = _tight_layout(data, view, size, dpi, font_size, max_labels, lane_mode, layout)
    if tight is not None:
        layout = tight
        ax.remove()
        offset = (size[1] - tight.size_px[1]) / 2
        ax = place_axes(fig, font_size=font_size, top_px=header + offset,
                        bottom_px=bottom + offset)
    elif (frac := centred_axis_fraction(layout)) is not None:
        centred = build_layout(data, view, size, dpi, font_size=font_size,
                               max_labels=max_labels, lane_mode=lane_mode, axis_fraction=frac)
        if len(centred.labels) >= len(layout.labels):
            layout = centred
    top = 6.0 + offset
    if title:
        fig.text(0.5, 1 - top / height_px, title, ha="center", va="top",
                 fontsize=font_size * 1.6, fontweight="bold", color=theme.text,
                 parse_math=False)
    if handles:
        fig.legend(handles=handles, loc="upper center", ncols=ncols, frameon=False,
                   fontsize=font_size, labelcolor=theme.text, handlelength=1.6,
                   columnspacing=1.4, bbox_to_anchor=(0.5, 1 - (top + title_h) / height_px))
    render(ax, layout, theme)
    if periods:
        PeriodBands(ax, theme, font_size=font_size * 0.95).show(periods)
    rc = {"svg.fonttype": "none"} if suffix == ".svg" else {}
    with matplotlib.rc_context(rc):
        fig.savefig(path, dpi=dpi, facecolor=theme.background)
    return path
