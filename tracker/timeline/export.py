"""Whole-timeline image export (PNG, SVG, PDF) through the same layout and render code as
the window, on a pyplot-free Figure so it works headless and never touches GUI state."""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from tracker.model.fuzzydate import format_window
from tracker.model.period import Period
from tracker.model.vocab import EVENT_TYPES, LINK_KINDS, STATUSES
from tracker.timeline.geometry import x_to_ordinal
from tracker.timeline.items import TimelineData
from tracker.timeline.lanes import gutter_px, lanes_height, lanes_of
from tracker.timeline.layout import (
    Layout,
    build_layout,
    clamp_view,
    content_extent,
    fit_view,
)
from tracker.timeline.periodbands import PeriodBands
from tracker.timeline.render import axes_size_px, place_axes, render
from tracker.timeline.scale import apply as apply_scale
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
    if layout.overdue:
        handles.append(Line2D([], [], ls="none", marker="X", markersize=6,
                              markerfacecolor=theme.overdue, markeredgecolor=theme.background,
                              label="Overdue"))
    kinds = {a.kind for a in layout.arcs}
    for kind in LINK_KINDS:
        if kind in kinds:
            st = theme.link(kind)
            handles.append(Line2D([], [], color=st.color, ls=st.linestyle, lw=1.4,
                                  label=f"link: {LINK_KINDS[kind]}"))
    return handles


BASE_FONT_PT = 8.0  # the window's label size
BASE_PAGE_IN = (11.0, 6.2)  # a page this size (inches) or smaller gets BASE_FONT_PT
MAX_FONT_SCALE = 2.5


def page_font_size(width_px: float, height_px: float, dpi: float) -> float:
    """Label size in points for a page: 8 pt up to 11 × 6.2 inches, growing with the
    page beyond that (a 1600 × 900 px image at 100 dpi gets about 11.5 pt), so text
    keeps its share of a large picture instead of shrinking to specks."""
    scale = min(width_px / dpi / BASE_PAGE_IN[0], height_px / dpi / BASE_PAGE_IN[1])
    return round(BASE_FONT_PT * min(MAX_FONT_SCALE, max(1.0, scale)), 1)


def balanced_axis_fraction(layout: Layout) -> float | None:
    """Where a single lane's axis line should sit so both sides' rows get room in
    proportion to the rows they use (None for lanes, or when the line may stay)."""
    if layout.lane_mode or len(layout.lanes) != 1 or not layout.labels:
        return None
    up = max((lab.row + len(lab.lines) for lab in layout.labels if lab.side > 0), default=0)
    down = max((lab.row + len(lab.lines) for lab in layout.labels if lab.side < 0), default=0)
    frac = (down + 1) / (up + down + 2)
    return min(0.85, max(0.15, frac))


AUTO_MIN_PX, AUTO_MAX_PX = 240, 20000
# A page's label rows may spread further apart than the window's: a picture for a report
# should use its height, where the window keeps stems short for reading while panning.
EXPORT_SPREAD = 8.0


def legend_columns(handles: list, font_size: float, dpi: float, room: float) -> int:
    """The most columns for which the legend, as matplotlib lays it out, is at most
    ``room`` pixels wide (measured on a scratch figure)."""
    fig = Figure(figsize=(max(1.0, room / dpi) * 2, 4), dpi=dpi)
    renderer = CachedTextCanvasAgg(fig).get_renderer()
    lo, hi = 1, len(handles)
    while lo < hi:  # the widest layout that fits: width grows with the columns
        mid = (lo + hi + 1) // 2
        leg = fig.legend(handles=handles, ncols=mid, frameon=False, fontsize=font_size * 0.9,
                         handlelength=1.4, columnspacing=1.2, borderaxespad=0, borderpad=0)
        width = leg.get_window_extent(renderer).width
        leg.remove()
        if width <= room:
            lo = mid
        else:
            hi = mid - 1
    return lo


def auto_height(data: TimelineData, view: tuple[float, float], width_px: int, dpi: float,
                font_size: float, max_labels: int, lane_mode: bool, bands_px: float) -> int:
    """The image height that holds the timeline's content at its natural row pitch, plus
    ``bands_px`` (title block, legend, credit) and the date axis."""
    probe_h = 4000
    fig = Figure(figsize=(width_px / dpi, probe_h / dpi), dpi=dpi)
    ax = place_axes(fig, font_size=font_size)
    w = axes_size_px(ax)[0]
    ticks = probe_h - axes_size_px(ax)[1]
    row = line_metrics_px(font_size, dpi)[0] + 2
    if not data.items:  # nothing in view: the smallest picture, not the probe's height
        need = 2 * row
    elif lane_mode and data.lanes:
        need = lanes_height(data, view, w, dpi, font_size) + 2 * row
    else:
        natural = build_layout(data, view, (w, probe_h), dpi, font_size=font_size,
                               max_labels=max_labels, lane_mode=lane_mode, spread=0)
        lo, hi = content_extent(natural)
        need = hi - lo + natural.top_strip + 2 * row
    return int(min(AUTO_MAX_PX, max(AUTO_MIN_PX, math.ceil(bands_px + ticks + need))))


def _subtitle(data: TimelineData, view: tuple[float, float]) -> str:
    """The dates the picture covers and how many events it shows."""
    first, last = x_to_ordinal(view[0]), x_to_ordinal(view[1] - 1e-9)
    inside = [it for it in data.items if it.hi >= first and it.lo <= last]
    if inside:
        first = max(first, min(it.lo for it in inside))
        last = min(last, max(it.hi for it in inside))
    n = max(data.total_in_view, len(inside))
    span = format_window(_dt.date.fromordinal(first), _dt.date.fromordinal(last))
    return f"{span} · {n:,} event{'s' if n != 1 else ''}"


@dataclass(slots=True)
class ExportPicture:
    """A drawn export before it is saved: tests and the CLI read the layout from it."""

    figure: Figure
    axes: Axes
    layout: Layout

    def axes_origin_px(self) -> tuple[float, float]:
        """Figure pixels (from the bottom left) of the axes' origin: layout pixels plus
        this are figure pixels."""
        bb = self.axes.get_window_extent()
        return bb.x0, bb.y0


def export_image(data: TimelineData, path: str | Path, *, dpi: float = 100,
                 theme: Theme = LIGHT, **options: Any) -> Path:
    """Write the timeline to ``path``; the format follows the suffix. Returns the path
    written. ``options`` are :func:`draw_export`'s (view, size, title, legend, credit,
    lanes, time scale, periods)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(
            f"cannot export to {path.name!r}: unknown image format {path.suffix or '(none)'!r};"
            f" use one of {', '.join(FORMATS)}"
        )
    pic = draw_export(data, dpi=dpi, theme=theme, **options)
    rc = {"svg.fonttype": "none"} if suffix == ".svg" else {}
    with matplotlib.rc_context(rc):
        pic.figure.savefig(path, dpi=dpi, facecolor=theme.background)
    return path


def draw_export(
    data: TimelineData,
    *,
    view: tuple[float, float] | None = None,
    width_px: int = 1600,
    height_px: int | None = 900,
    dpi: float = 100,
    title: str | None = None,
    legend: bool = True,
    credit: str | None = None,
    theme: Theme = LIGHT,
    font_size: float | None = None,
    max_labels: int = 60,
    lane_mode: bool = False,
    timescale: str = "linear",
    periods: Sequence[Period] = (),
) -> ExportPicture:
    """The export's figure, drawn but not saved (see :func:`export_image`).

    The timeline takes all the height the title block, legend, date axis and credit
    line leave; those sit at the edges of the page. ``font_size`` None scales the text
    with the page (see :func:`page_font_size`). ``timescale`` "compressed" shrinks long
    empty stretches, "sequential" spaces the events evenly (tracker.timeline.scale);
    either draws the whole of ``data``; ``periods`` are drawn as bands on a linear scale."""
    view = fit_view(data) if view is None else clamp_view(*view)
    subtitle = _subtitle(data, view)
    data, scale = apply_scale(data, timescale)
    if scale is not None:
        view = fit_view(data)
    auto = height_px is None
    if height_px is None:  # as tall as the content needs, text sized as for 16:9
        height_px = round(width_px * 9 / 16)
    if font_size is None:
        font_size = page_font_size(width_px, height_px, dpi)
    line_h, _ = line_metrics_px(font_size, dpi)
    edge = max(6.0, font_size * dpi / 72 * 0.6)
    bottom = (line_h + edge) if credit else 0.0
    # Title block, top left: the title and under it the dates the picture covers.
    title_h = line_metrics_px(font_size * 1.5, dpi)[0] + 4 if title else 0.0
    sub_h = line_metrics_px(font_size, dpi)[0] + 4
    block_w = max(text_width_px(title, font_size * 1.5, dpi, "bold") if title else 0.0,
                  text_width_px(subtitle, font_size, dpi))
    # Lay out once without labels to learn what the legend must show, then size it to
    # the room right of the title block (or under it, on a narrow page).
    probe = build_layout(data, view, (width_px, height_px), dpi, font_size=font_size,
                         max_labels=0, lane_mode=lane_mode)
    handles = _legend_handles(probe, theme) if legend else []
    legend_h, ncols, beside = 0.0, 1, True
    if handles:
        ncols = legend_columns(handles, font_size, dpi, width_px - block_w - 4 * edge)
        rows = math.ceil(len(handles) / ncols)
        if rows > 3:  # too tall beside the title: a wider legend under it
            wide = legend_columns(handles, font_size, dpi, width_px - 2 * edge)
            if math.ceil(len(handles) / wide) < rows:
                beside, ncols = False, wide
        legend_h = math.ceil(len(handles) / ncols) * line_h * 1.35 + 4
    header = edge + (max(title_h + sub_h, legend_h) if beside
                     else title_h + sub_h + legend_h) + edge / 2
    if auto:
        height_px = auto_height(data, view, width_px, dpi, font_size, max_labels, lane_mode,
                                header + bottom)
    fig = Figure(figsize=(width_px / dpi, height_px / dpi), dpi=dpi,
                 facecolor=theme.background)
    CachedTextCanvasAgg(fig)  # PNG text as the window draws it; SVG/PDF keep real text
    if credit:
        fig.text(edge / width_px, edge / 2 / height_px, credit, ha="left", va="bottom",
                 fontsize=font_size * 0.95, color=theme.muted_text, parse_math=False)

    gutter = (gutter_px([label for _k, label in lanes_of(data, True)[0]], font_size, dpi)
              if lane_mode and data.lanes else 0.0)
    ax = place_axes(fig, font_size=font_size, top_px=header, bottom_px=bottom, left_px=gutter)
    size = axes_size_px(ax)
    layout = build_layout(data, view, size, dpi, font_size=font_size, max_labels=max_labels,
                          lane_mode=lane_mode, gutter_px=gutter, scale=scale,
                          spread=EXPORT_SPREAD)
    # A picture need not keep the window's axis line in the middle: where one side
    # needs more rows than the other, it gets more of the height.
    frac = balanced_axis_fraction(layout)
    if frac is not None:
        balanced = build_layout(data, view, size, dpi, font_size=font_size,
                                max_labels=max_labels, lane_mode=lane_mode, axis_fraction=frac,
                                scale=scale, spread=EXPORT_SPREAD)
        if len(balanced.labels) >= len(layout.labels):
            layout = balanced
    top = edge
    if title:
        fig.text(edge / width_px, 1 - top / height_px, title, ha="left", va="top",
                 fontsize=font_size * 1.5, fontweight="bold", color=theme.text,
                 parse_math=False)
    fig.text(edge / width_px, 1 - (top + title_h) / height_px, subtitle, ha="left",
             va="top", fontsize=font_size, color=theme.muted_text, parse_math=False)
    if handles:
        anchor = ((1 - edge / width_px, 1 - top / height_px) if beside
                  else (1 - edge / width_px, 1 - (top + title_h + sub_h) / height_px))
        fig.legend(handles=handles, loc="upper right", ncols=ncols, frameon=False,
                   fontsize=font_size * 0.9, labelcolor=theme.text, handlelength=1.4,
                   columnspacing=1.2, borderaxespad=0, borderpad=0,
                   bbox_to_anchor=anchor)
    render(ax, layout, theme)
    if periods and scale is None:  # bands are in real dates: not on a scaled axis
        PeriodBands(ax, theme, font_size=font_size * 0.95).show(periods)
    return ExportPicture(fig, ax, layout)
