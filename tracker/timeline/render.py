"""Draw a :class:`~tracker.timeline.layout.Layout` on a matplotlib Axes.

Everything that scales with the number of events is a collection (one scatter per marker
style, one PolyCollection for all span windows, one LineCollection for all arcs), because
a redraw costs per artist and per text, not per point. Only labels are Text artists and the
layout already caps them. Qt-free: the window's FigureCanvasQTAgg and image export both
call :func:`render`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PathCollection, PolyCollection
from matplotlib.colors import to_rgba
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text

from tracker.timeline.density import count_font_size
from tracker.timeline.layout import Layout, reference_text
from tracker.timeline.textmetrics import line_metrics_px
from tracker.timeline.theme import Theme

MIN_SPAN_PX = 2.0
ARC_STEPS = 24

# z-order, back to front
Z_BANDS, Z_BINS, Z_REF, Z_SPANS, Z_ARCS, Z_HALO, Z_STEMS, Z_MARKS, Z_SEL, Z_TEXT = range(1, 11)


@dataclass(slots=True)
class RenderedArtists:
    """Handles to what :func:`render` drew, so the window can update parts cheaply."""

    points: list[PathCollection] = field(default_factory=list)
    span_windows: PolyCollection | None = None
    span_cores: PolyCollection | None = None
    arcs: LineCollection | None = None
    arc_heads: PolyCollection | None = None  # one arrowhead per link, at its target
    bins: PolyCollection | None = None
    counts: list[Text] = field(default_factory=list)  # event counts on the density strip
    count_spans: LineCollection | None = None  # the stretch each count covers
    stems: LineCollection | None = None
    label_backs: PolyCollection | None = None
    lane_lines: LineCollection | None = None
    labels: list[Text] = field(default_factory=list)
    lane_labels: list[Text] = field(default_factory=list)
    reference_line: Line2D | None = None
    reference_label: Text | None = None
    note: Text | None = None
    highlight: PathCollection | None = None
    selection_ring: PathCollection | None = None
    selection_boxes: PolyCollection | None = None


def axes_size_px(ax: Axes) -> tuple[int, int]:
    """Size of ``ax`` in display pixels, without a renderer; pass it to build_layout."""
    bb = ax.get_window_extent()
    return max(1, round(bb.width)), max(1, round(bb.height))


def place_axes(
    fig: Figure, *, font_size: float = 8, top_px: float = 0, bottom_px: float = 0,
    side_px: float = 4,
) -> Axes:
    """An axes filling ``fig`` except room for the date tick labels (two lines with
    ConciseDateFormatter) and any extra top/bottom bands the caller needs."""
    dpi = fig.dpi
    w, h = fig.bbox.width, fig.bbox.height
    line_h, _ = line_metrics_px(font_size, dpi)
    ticks = 7 * dpi / 72 + 2.3 * line_h + 2
    bottom = bottom_px + ticks
    return fig.add_axes((side_px / w, bottom / h, 1 - 2 * side_px / w,
                         max(0.05, (h - bottom - top_px) / h)))


def _ring_size(layout: Layout) -> float:
    return ((layout.marker_px + 9) * 72 / layout.dpi) ** 2


def render(
    ax: Axes,
    layout: Layout,
    theme: Theme,
    *,
    selected: int | None = None,
    highlighted: Iterable[int] = frozenset(),
) -> RenderedArtists:
    """Clear ``ax`` and draw ``layout`` on it; returns the artists for cheap updates."""
    ax.clear()
    ax.set_autoscale_on(False)
    v0, v1 = layout.view
    w, h = layout.size_px
    k = w / (v1 - v0)  # px per day
    out = RenderedArtists()
    fs = layout.font_size
    _style_axes(ax, layout, theme)

    # lanes: alternate shading, axis lines, names
    if layout.lane_mode:
        bands = [[(v0, ln.y0), (v1, ln.y0), (v1, ln.y1), (v0, ln.y1)]
                 for i, ln in enumerate(layout.lanes) if i % 2 == 1]
        if bands:
            ax.add_collection(PolyCollection(bands, facecolors=theme.lane_band,
                                             edgecolors="none", zorder=Z_BANDS))
        for ln in layout.lanes:
            out.lane_labels.append(ax.text(
                v0 + 4 / k, ln.y1 - 2, ln.label, fontsize=fs, fontweight="bold",
                color=theme.muted_text, ha="left", va="top", zorder=Z_TEXT, parse_math=False))
    out.lane_lines = LineCollection([[(v0, ln.axis_y), (v1, ln.axis_y)] for ln in layout.lanes],
                                    colors=theme.axis, linewidths=0.8, zorder=Z_SPANS - 0.5)
    ax.add_collection(out.lane_lines)

    if layout.bins:
        polys = [_rect(b.x0, b.x1, b.y0, b.y1, k) for b in layout.bins]
        out.bins = PolyCollection(polys, facecolors=to_rgba(theme.bins, 0.35),
                                  edgecolors="none", zorder=Z_BINS)
        ax.add_collection(out.bins)
    _draw_counts(ax, layout, theme, out, k)

    if layout.reference_x is not None:
        out.reference_line = ax.axvline(layout.reference_x, color=theme.reference_line,
                                        lw=1.0, ls=(0, (4, 3)), zorder=Z_REF)
        if v0 <= layout.reference_x <= v1:
            out.reference_label = ax.text(
                layout.reference_x + 3 / k, h - 2, reference_text(layout.reference_x),
                fontsize=fs * 0.9, color=theme.reference_line, ha="left", va="top",
                zorder=Z_TEXT, parse_math=False)
    if layout.note:
        out.note = ax.text(v1 - 4 / k, h - 2, layout.note, fontsize=fs * 0.9,
                           color=theme.muted_text, ha="right", va="top", zorder=Z_TEXT,
                           parse_math=False)

    _draw_spans(ax, layout, theme, out, k)
    _draw_arcs(ax, layout, theme, out, k)
    _draw_highlight(ax, layout, theme, out, set(highlighted))
    _draw_points(ax, layout, theme, out)
    _draw_labels(ax, layout, theme, out, k)

    out.selection_ring = ax.scatter(np.empty(0), np.empty(0), s=_ring_size(layout),
                                    facecolors="none", edgecolors=theme.selection,
                                    linewidths=2.2, zorder=Z_SEL)
    out.selection_boxes = PolyCollection([], edgecolors=theme.selection, linewidths=1.8,
                                         zorder=Z_SEL)
    ax.add_collection(out.selection_boxes)
    update_selection(out, layout, selected, theme)
    ax.set_xlim(v0, v1)
    ax.set_ylim(0, h)
    return out


def _style_axes(ax: Axes, layout: Layout, theme: Theme) -> None:
    """Date axis that adapts to zoom; no y axis; nothing but the bottom spine."""
    w = layout.size_px[0]
    ax.set_facecolor(theme.background)
    locator = AutoDateLocator(minticks=3, maxticks=max(4, int(w // 90)))
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    ax.yaxis.set_visible(False)
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color(theme.axis)
    ax.tick_params(axis="x", colors=theme.axis, labelcolor=theme.text,
                   labelsize=layout.font_size, length=3.5, pad=2)
    ax.xaxis.get_offset_text().set_color(theme.muted_text)
    ax.xaxis.get_offset_text().set_fontsize(layout.font_size)
    ax.grid(axis="x", color=theme.grid, linewidth=0.6)
    ax.set_axisbelow(True)
    ax.margins(0)


def _rect(x0: float, x1: float, y0: float, y1: float, k: float) -> list[tuple[float, float]]:
    if (x1 - x0) * k < MIN_SPAN_PX:  # keep one-day spans visible when zoomed out
        mid, half = (x0 + x1) / 2, MIN_SPAN_PX / k / 2
        x0, x1 = mid - half, mid + half
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


def _draw_spans(ax: Axes, layout: Layout, theme: Theme, out: RenderedArtists, k: float) -> None:
    """Whole extent at the status's light 'window' alpha, certain core on top darker: so
    'late February' reads as a haze and an exact 27–28 Feb range as a solid bar."""
    if not layout.spans:
        return
    half = layout.span_px / 2
    polys, faces, edges, styles = [], [], [], []
    cores, core_faces = [], []
    # Cut spans a little outside the view: a decade-long window seen at week zoom is
    # millions of pixels wide, and Agg dashes its whole outline before clipping (seconds
    # per draw). The cut ends lie outside the axes, so the picture does not change.
    lim0, lim1 = layout.view[0] - 10 / k, layout.view[1] + 10 / k
    for s in layout.spans:
        st = theme.status(s.status)
        col = theme.type_color(s.type)
        polys.append(_rect(max(s.x0, lim0), min(s.x1, lim1), s.y - half, s.y + half, k))
        faces.append(to_rgba(col, st.window_alpha))
        edges.append(to_rgba(theme.edge_color(s.type), st.edge_alpha))
        styles.append(st.linestyle)
        if s.core_x0 is not None and s.core_x1 is not None:
            cores.append(_rect(max(s.core_x0, lim0), min(s.core_x1, lim1), s.y - half,
                               s.y + half, k))
            core_faces.append(to_rgba(col, st.core_alpha))
    out.span_windows = PolyCollection(polys, facecolors=faces, edgecolors=edges,
                                      linestyles=styles, linewidths=0.9, zorder=Z_SPANS)
    ax.add_collection(out.span_windows)
    if cores:
        out.span_cores = PolyCollection(cores, facecolors=core_faces, edgecolors="none",
                                        zorder=Z_SPANS + 0.1)
        ax.add_collection(out.span_cores)


def _draw_arcs(ax: Axes, layout: Layout, theme: Theme, out: RenderedArtists, k: float) -> None:
    """Quadratic Bézier arcs above the marks, one LineCollection for all links, and one
    PolyCollection of arrowheads at the target ends, so direction reads without a legend
    and the artist count does not grow with the number of links."""
    if not layout.arcs:
        return
    t = np.linspace(0.0, 1.0, ARC_STEPS)[:, None]
    lines, colors, styles, heads = [], [], [], []
    length = max(6.0, layout.marker_px * 0.8)  # arrowhead size in pixels
    for a in layout.arcs:
        p0 = np.array([a.x_from, a.y_from])
        p2 = np.array([a.x_to, a.y_to])
        p1 = np.array([(a.x_from + a.x_to) / 2, max(a.y_from, a.y_to) + 2 * a.height])
        lines.append((1 - t) ** 2 * p0 + 2 * (1 - t) * t * p1 + t**2 * p2)
        st = theme.link(a.kind)
        colors.append(to_rgba(st.color, 0.9))
        styles.append(st.linestyle)
        heads.append(_arrowhead(p1, p2, k, length))
    out.arcs = LineCollection(lines, colors=colors, linestyles=styles, linewidths=1.3,
                              zorder=Z_ARCS)
    ax.add_collection(out.arcs)
    out.arc_heads = PolyCollection(heads, facecolors=colors, edgecolors="none",
                                   zorder=Z_ARCS + 0.1)
    ax.add_collection(out.arc_heads)


def _arrowhead(p1: np.ndarray, p2: np.ndarray, k: float, length: float) -> np.ndarray:
    """Triangle with its tip on ``p2``, along the curve's tangent there (p1 → p2). Built in
    pixels (x is days, y is pixels in data space) so it keeps its shape at any zoom."""
    dx, dy = (p2[0] - p1[0]) * k, p2[1] - p1[1]
    norm = float(np.hypot(dx, dy)) or 1.0
    ux, uy = dx / norm, dy / norm
    half = length * 0.45
    bx, by = -ux * length, -uy * length  # tip -> middle of the base
    tri = np.array([[0.0, 0.0], [bx - uy * half, by + ux * half], [bx + uy * half, by - ux * half]])
    tri[:, 0] = p2[0] + tri[:, 0] / k
    tri[:, 1] += p2[1]
    return tri


def _draw_counts(ax: Axes, layout: Layout, theme: Theme, out: RenderedArtists,
                 k: float) -> None:
    """A few numbers under the density strip, each with a thin rule over the stretch it
    counts; the layout already capped them."""
    if not layout.counts:
        return
    v0 = layout.view[0]
    rules = [[(c.gx0, c.y1 + 1), (c.gx1, c.y1 + 1)] for c in layout.counts]
    out.count_spans = LineCollection(rules, colors=to_rgba(theme.bins, 0.7), linewidths=1.0,
                                     zorder=Z_BINS + 0.1)
    ax.add_collection(out.count_spans)
    for c in layout.counts:
        out.counts.append(ax.text(
            v0 + (c.x0 + c.x1) / 2 / k, c.baseline, c.text, fontsize=count_font_size(
                layout.font_size), color=theme.muted_text, ha="center", va="baseline",
            fontweight="bold", zorder=Z_TEXT, parse_math=False, clip_on=True))


def _draw_highlight(ax: Axes, layout: Layout, theme: Theme, out: RenderedArtists,
                    ids: set[int]) -> None:
    if not ids:
        return
    xy = [(p.x, p.y) for p in layout.points if p.id in ids]
    xy += [((s.x0 + s.x1) / 2, s.y) for s in layout.spans if s.id in ids]
    if xy:
        arr = np.array(xy, dtype=float)
        out.highlight = ax.scatter(arr[:, 0], arr[:, 1], s=((layout.marker_px + 12) * 72
                                   / layout.dpi) ** 2, c=[to_rgba(theme.search_hit, 0.75)],
                                   linewidths=0, zorder=Z_HALO)


def _draw_points(ax: Axes, layout: Layout, theme: Theme, out: RenderedArtists) -> None:
    """One scatter per (marker, fill, edge style) group, never one artist per event."""
    groups: dict[tuple[str, bool, str], list[int]] = {}
    statuses = {p.status: theme.status(p.status) for p in layout.points}
    for i, p in enumerate(layout.points):
        st = statuses[p.status]
        groups.setdefault((st.marker, st.filled, st.linestyle), []).append(i)
    size = (layout.marker_px * 72 / layout.dpi) ** 2
    bg = to_rgba(theme.background)
    pts = layout.points
    for (marker, filled, ls), idx in groups.items():
        xs = np.fromiter((pts[i].x for i in idx), float, len(idx))
        ys = np.fromiter((pts[i].y for i in idx), float, len(idx))
        types = [pts[i].type for i in idx]
        cache = {t: (to_rgba(theme.type_color(t)), to_rgba(theme.edge_color(t)))
                 for t in set(types)}
        faces = [cache[t][0] if filled else bg for t in types]
        edges = [cache[t][1] for t in types]
        coll = ax.scatter(xs, ys, s=size, marker=marker, c=faces, edgecolors=edges,
                          linewidths=0.9 if filled else 1.6, linestyles=ls, zorder=Z_MARKS)
        out.points.append(coll)


def _draw_labels(ax: Axes, layout: Layout, theme: Theme, out: RenderedArtists,
                 k: float) -> None:
    if not layout.labels:
        return
    v0 = layout.view[0]
    segs = [[(lab.x, lab.stem_y0 + 1), (lab.x, lab.y0)] for lab in layout.labels]
    out.stems = LineCollection(segs, colors=theme.stem, linewidths=0.6, zorder=Z_STEMS)
    ax.add_collection(out.stems)
    # Translucent backing boxes, one collection: link arcs pass behind text, not through it.
    backs = [_rect(v0 + lab.x0 / k, v0 + lab.x1 / k, lab.y0, lab.y1, k) for lab in layout.labels]
    out.label_backs = PolyCollection(backs, facecolors=to_rgba(theme.background, 0.8),
                                     edgecolors="none", zorder=Z_SEL - 0.5)
    ax.add_collection(out.label_backs)
    for lab in layout.labels:
        out.labels.append(ax.text(
            v0 + lab.text_x / k, lab.baseline, lab.text, fontsize=layout.font_size,
            color=theme.text, ha="left", va="baseline", zorder=Z_TEXT, parse_math=False,
            clip_on=True))


def update_selection(
    artists: RenderedArtists, layout: Layout, selected: int | None, theme: Theme | None = None
) -> None:
    """Move only the selection ring/boxes, so selecting costs a draw_idle, not a render."""
    ring, boxes = artists.selection_ring, artists.selection_boxes
    if ring is None or boxes is None:
        return
    v0, v1 = layout.view
    k = layout.size_px[0] / (v1 - v0)
    xy = [(p.x, p.y) for p in layout.points if p.id == selected] if selected is not None else []
    ring.set_offsets(np.array(xy, dtype=float).reshape(-1, 2))
    polys, faces = [], []
    if selected is not None:
        fill = to_rgba(theme.selection if theme else boxes.get_edgecolor()[0], 0.22)
        half = layout.span_px / 2 + 2.5
        for s in layout.spans:
            if s.id == selected:
                polys.append(_rect(s.x0 - 2 / k, s.x1 + 2 / k, s.y - half, s.y + half, k))
                faces.append((0.0, 0.0, 0.0, 0.0))
        for lab in layout.labels:
            if lab.id == selected:
                polys.append(_rect(v0 + (lab.x0 - 1) / k, v0 + (lab.x1 + 1) / k,
                                   lab.y0 - 1, lab.y1 + 1, k))
                faces.append(fill)
    boxes.set_verts(polys)
    boxes.set_facecolor(faces if faces else "none")
