"""Artists that persist between frames: each frame only feeds them new data.

:func:`tracker.timeline.render.render` used to clear the axes and build every collection,
every text and the date ticks anew for each pan or zoom step; with ~40 labels that cost
more than the drawing itself. A :class:`TimelinePainter` makes the axes' artists once —
one collection per kind of mark, a pool of Text artists, the date locator and formatter —
and :meth:`TimelinePainter.update` moves them to a new layout with ``set_offsets``,
``set_verts``, ``set_segments``, ``set_position`` and ``set_text``. Unused pool texts are
hidden, not removed, so the number of artists stays constant while the user pans.

Export calls the same :meth:`update` once on a fresh axes, so window and file are drawn by
one piece of code.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PathCollection, PolyCollection
from matplotlib.colors import to_rgba
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.path import Path
from matplotlib.text import Text

from tracker.timeline.density import count_font_size
from tracker.timeline.geometry import Layout, reference_text
from tracker.timeline.lanes import gutter_label
from tracker.timeline.textcache import (
    FastText,
    font_height_metrics,
    ink_extent_px,
    ink_middle_px,
    learn_pairs,
)
from tracker.timeline.theme import Theme

MIN_SPAN_PX = 2.0
# Above this many spans a frame draws them merged (see TimelinePainter._crowded_spans).
CROWDED_SPANS = 120
SPAN_EDGE_WIDTH = 0.9
ARC_STEPS = 24
TICK_SPACING_PX = 90  # at most one date tick per this many pixels
TICK_LENGTH_PT, TICK_PAD_PT, TICK_WIDTH = 3.5, 2.0, 0.8  # date tick marks, as matplotlib's
GRID_WIDTH = 0.6
Z_GRID = 0.5  # below everything, as matplotlib puts grid lines with axisbelow

# z-order, back to front
Z_BANDS, Z_BINS, Z_REF, Z_SPANS, Z_ARCS, Z_HALO, Z_STEMS, Z_MARKS, Z_SEL, Z_TEXT = range(1, 11)
_EMPTY_XY = np.empty((0, 2))
# The "o" marker as a 32-gon: matplotlib measures a marker's extents before stamping it,
# and for the Bézier circle that costs ~0.25 ms per collection and frame. At marker
# sizes the polygon strays from the circle by under a twentieth of a pixel (200 dpi).
_RECT_CODES = np.array([Path.MOVETO, Path.LINETO, Path.LINETO, Path.LINETO, Path.CLOSEPOLY],
                       dtype=Path.code_type)
_ANGLES = np.linspace(0.0, 2 * np.pi, 33)
_CIRCLE = Path(np.column_stack([np.cos(_ANGLES), np.sin(_ANGLES)]), closed=True)


@dataclass(slots=True)
class RenderedArtists:
    """Handles to what was drawn, so the window can update parts cheaply.

    ``points`` holds the marker collections that show something this frame; the
    ``labels``/``counts``/``lane_labels`` lists hold the texts shown this frame (the
    painter keeps more, hidden, for the next one)."""

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
    lane_bands: PolyCollection | None = None
    lane_lines: LineCollection | None = None
    labels: list[Text] = field(default_factory=list)
    lane_labels: list[Text] = field(default_factory=list)
    reference_line: Line2D | None = None
    reference_label: Text | None = None
    note: Text | None = None
    highlight: PathCollection | None = None
    selection_ring: PathCollection | None = None
    selection_boxes: PolyCollection | None = None
    ticks: list[Text] = field(default_factory=list)  # date tick labels shown
    tick_offset: Text | None = None  # the date axis's offset ("2019-Feb"), if any
    axis_texts: list[Text] = field(default_factory=list)  # all date-axis texts, hidden too


def rects(x0, x1, y0, y1, k: float) -> np.ndarray:
    """Rectangles as an (n, 4, 2) vertex array; ones narrower than MIN_SPAN_PX are widened
    about their middle so one-day spans stay visible when zoomed out."""
    x0, x1 = _widened(x0, x1, k)
    out = np.empty((len(x0), 4, 2))
    out[:, 0, 0] = out[:, 3, 0] = x0
    out[:, 1, 0] = out[:, 2, 0] = x1
    out[:, 0, 1] = out[:, 1, 1] = y0
    out[:, 2, 1] = out[:, 3, 1] = y1
    return out


def _widened(x0, x1, k: float) -> tuple[np.ndarray, np.ndarray]:
    """Intervals narrower than MIN_SPAN_PX (at ``k`` px per day) widened about their
    middle, so one-day spans stay visible when zoomed out."""
    x0 = np.asarray(x0, dtype=float)
    x1 = np.asarray(x1, dtype=float)
    narrow = (x1 - x0) * k < MIN_SPAN_PX
    if narrow.any():
        mid, half = (x0 + x1) / 2, MIN_SPAN_PX / k / 2
        x0 = np.where(narrow, mid - half, x0)
        x1 = np.where(narrow, mid + half, x1)
    return x0, x1


def rect(x0: float, x1: float, y0: float, y1: float, k: float) -> list[tuple[float, float]]:
    if (x1 - x0) * k < MIN_SPAN_PX:
        mid, half = (x0 + x1) / 2, MIN_SPAN_PX / k / 2
        x0, x1 = mid - half, mid + half
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


def ring_size(layout: Layout) -> float:
    return ((layout.marker_px + 9) * 72 / layout.dpi) ** 2


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


def _px_extents(x0: np.ndarray, x1: np.ndarray, v0: float, k: float, lim0: float,
                lim1: float) -> tuple[np.ndarray, np.ndarray]:
    """[x0, x1) in axes pixels, widened about their middle to MIN_SPAN_PX as :func:`rects`
    draws them, and cut a little outside the axes."""
    a, b = (x0 - v0) * k, (x1 - v0) * k
    mid = (a + b) / 2
    narrow = b - a < MIN_SPAN_PX
    a = np.where(narrow, mid - MIN_SPAN_PX / 2, a)
    b = np.where(narrow, mid + MIN_SPAN_PX / 2, b)
    return np.maximum(a, lim0), np.minimum(b, lim1)


def _merge_runs(group: np.ndarray, a: np.ndarray,
                b: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pixel intervals [a, b) merged, per group, where they overlap or come within half a
    pixel: (group, start, end) of each merged run, sorted by group then start."""
    order = np.lexsort((a, group))
    g, a, b = group[order], a[order], b[order]
    # Shift each group far to the right of the one before, so a running maximum of the
    # ends never carries over from one group into the next.
    shift = g * (float(np.max(b) - np.min(a)) + 10.0)
    a, b = a + shift, b + shift
    reach = np.maximum.accumulate(b)
    new = np.ones(len(a), dtype=bool)
    new[1:] = a[1:] > reach[:-1] + 0.5
    first = np.flatnonzero(new)
    last = np.append(first[1:], len(a)) - 1
    return g[first], a[first] - shift[first], reach[last] - shift[first]


def rect_path(x0, x1, y0, y1) -> tuple[np.ndarray, np.ndarray]:
    """Vertices and codes of one compound path of n rectangles: one path is filled in one
    pass, where a collection of n paths sets up and fills each on its own."""
    x0, x1 = np.asarray(x0, dtype=float), np.asarray(x1, dtype=float)
    n = len(x0)
    v = np.empty((n, 5, 2))
    v[:, 0, 0] = v[:, 3, 0] = v[:, 4, 0] = x0
    v[:, 1, 0] = v[:, 2, 0] = x1
    v[:, 0, 1] = v[:, 1, 1] = v[:, 4, 1] = y0
    v[:, 2, 1] = v[:, 3, 1] = y1
    return v.reshape(-1, 2), np.tile(_RECT_CODES, n)


def _set_rect_groups(coll: PolyCollection, groups: list[tuple[tuple, tuple]]) -> None:
    """One compound path per (x0, x1, y0, y1) group of arrays in ``groups``, each
    group's paired with its face colour."""
    paths = [rect_path(*r) for r, _face in groups]
    coll.set_verts_and_codes([v for v, _c in paths], [c for _v, c in paths])
    coll.set_facecolor([face for _r, face in groups] if groups else "none")


class _TextPool:
    """Text artists of one style, reused frame after frame (only moved and re-worded)."""

    def __init__(self, ax: Axes, **style) -> None:
        self.ax = ax
        self.style = style
        self.texts: list[Text] = []
        self.used = 0

    def _new(self, x: float, y: float, s: str, **extra) -> Text:
        """A FastText (drawn from its cached mask where it is left- and baseline-aligned)
        added to the axes as Axes.text adds one."""
        t = FastText(x, y, s, parse_math=False, **self.style, **extra)
        self.ax.add_artist(t)
        return t

    def show(self, items: Iterable[tuple[float, float, str]]) -> list[Text]:
        n = 0
        for x, y, s in items:
            if n == len(self.texts):
                self.texts.append(self._new(x, y, s))
            else:
                t = self.texts[n]
                t.set_position((x, y))
                t.set_text(s)
                t.set_visible(True)
            n += 1
        for t in self.texts[n:self.used]:
            t.set_visible(False)
        self.used = n
        return self.texts[:n]

    def reserve(self, n: int) -> None:
        """Make at least ``n`` texts now (hidden), so showing up to n adds no artist."""
        while len(self.texts) < n:
            self.texts.append(self._new(0, 0, "", visible=False))

    def restyle(self, **style) -> None:
        self.style.update(style)
        for t in self.texts:
            t.update(style)


class TimelinePainter:
    """Owns the timeline's artists on one axes; :meth:`update` shows a new layout."""

    def __init__(self, ax: Axes, theme: Theme) -> None:
        self.ax = ax
        self.theme = theme
        self._font_size: float | None = None
        self._tick_prop = FontProperties()  # the date ticks' font, set with the font size
        self._count_prop = FontProperties(weight="bold")  # the counts', likewise
        self._width: int | None = None
        self.locator: AutoDateLocator | None = None
        self.formatter: ConciseDateFormatter | None = None
        self._colors: dict[tuple, tuple] = {}
        ax.set_autoscale_on(False)
        ax.yaxis.set_visible(False)
        for side in ("left", "right", "top"):
            ax.spines[side].set_visible(False)
        ax.margins(0)
        # The date axis is drawn by the painter (see _date_axis): matplotlib's axis keeps
        # the locator and formatter but draws nothing.
        ax.xaxis.set_visible(False)
        self.grid = self._add(LineCollection([], linewidths=GRID_WIDTH, zorder=Z_GRID))
        self.tick_marks = self._add(LineCollection([], linewidths=TICK_WIDTH, clip_on=False,
                                                   zorder=Z_GRID))
        self.break_marks = self._add(LineCollection([], linewidths=1.2, clip_on=False,
                                                    zorder=Z_MARKS + 0.6, visible=False))
        self.lane_bands = self._add(PolyCollection([], edgecolors="none", zorder=Z_BANDS))
        self.lane_lines = self._add(LineCollection([], linewidths=0.8, zorder=Z_SPANS - 0.5))
        self.bins = self._add_rects(PolyCollection([], edgecolors="none", zorder=Z_BINS))
        self.count_spans = self._add(LineCollection([], linewidths=1.0, zorder=Z_BINS + 0.1))
        self.reference_line = ax.axvline(0, lw=1.0, ls=(0, (4, 3)), zorder=Z_REF, visible=False)
        self.span_windows = self._add_rects(PolyCollection([], linewidths=SPAN_EDGE_WIDTH,
                                                           zorder=Z_SPANS))
        self.span_cores = self._add_rects(PolyCollection([], edgecolors="none",
                                                         zorder=Z_SPANS + 0.1))
        self.arcs = self._add(LineCollection([], linewidths=1.3, zorder=Z_ARCS))
        self.arc_heads = self._add(PolyCollection([], edgecolors="none", zorder=Z_ARCS + 0.1))
        self.highlight = ax.scatter(_EMPTY_XY[:, 0], _EMPTY_XY[:, 1], linewidths=0,
                                    zorder=Z_HALO)
        self.point_groups: dict[tuple[str, bool, str, str], PathCollection] = {}
        # Overdue plans: a small cross at the top right of their mark (never text).
        self.overdue = ax.scatter(_EMPTY_XY[:, 0], _EMPTY_XY[:, 1], marker="X",
                                  linewidths=0.6, zorder=Z_MARKS + 0.5)
        self.stems = self._add(LineCollection([], linewidths=0.6, zorder=Z_STEMS))
        self.label_backs = self._add_rects(PolyCollection([], edgecolors="none",
                                                          zorder=Z_SEL - 0.5))
        self.selection_ring = ax.scatter(_EMPTY_XY[:, 0], _EMPTY_XY[:, 1], facecolors="none",
                                         linewidths=2.2, zorder=Z_SEL)
        self.selection_boxes = self._add(PolyCollection([], linewidths=1.8, zorder=Z_SEL))
        # Texts stack in this order whatever order the pools grow in.
        self.lane_texts = _TextPool(ax, fontweight="bold", ha="left", va="center",
                                    clip_on=False, zorder=Z_TEXT)
        # Centred by their ink, placed left-aligned on the baseline (see _bins_and_counts).
        self.count_texts = _TextPool(ax, ha="left", va="baseline", fontweight="bold",
                                     clip_on=True, zorder=Z_TEXT + 1e-4)
        self.reference_texts = _TextPool(ax, ha="left", va="top", zorder=Z_TEXT + 2e-4)
        self.note_texts = _TextPool(ax, ha="right", va="top", zorder=Z_TEXT + 3e-4)
        self.label_texts = _TextPool(ax, ha="left", va="baseline", clip_on=True,
                                     zorder=Z_TEXT + 4e-4)
        # Placed by their ink, left-aligned on the baseline (see _date_axis).
        self.tick_texts = _TextPool(ax, ha="left", va="baseline", clip_on=False,
                                    zorder=Z_TEXT + 5e-4)
        self.offset_texts = _TextPool(ax, ha="right", va="top", clip_on=False,
                                      zorder=Z_TEXT + 6e-4)
        self.artists = RenderedArtists()
        self._apply_theme()

    def _add(self, coll):
        self.ax.add_collection(coll, autolim=False)
        return coll

    def _add_rects(self, coll):
        """A collection of rectangles, some drawn as one compound path: snapped to whole
        pixels always (matplotlib snaps a path of its own accord only up to 1,024
        vertices, so a strip of 205 bins would get soft edges and 204 sharp ones)."""
        coll.set_snap(True)
        return self._add(coll)

    # -- style ---------------------------------------------------------------------
    def _apply_theme(self) -> None:
        th, ax = self.theme, self.ax
        self._colors.clear()
        ax.set_facecolor(th.background)
        ax.spines["bottom"].set_color(th.axis)
        self.grid.set_color(th.grid)
        self.tick_marks.set_color(th.axis)
        self.break_marks.set_color(th.axis)
        self.tick_texts.restyle(color=th.text)
        self.offset_texts.restyle(color=th.muted_text)
        self.lane_bands.set_facecolor(th.lane_band)
        self.lane_lines.set_color(th.axis)
        self._bins_face = to_rgba(th.bins, 0.35)
        self.bins.set_facecolor(self._bins_face)
        self.count_spans.set_color(to_rgba(th.bins, 0.7))
        self.reference_line.set_color(th.reference_line)
        self.highlight.set_facecolor(to_rgba(th.search_hit, 0.75))
        self.overdue.set_facecolor(th.overdue)
        self.overdue.set_edgecolor(th.background)
        self.stems.set_color(th.stem)
        self._backs_face = to_rgba(th.background, 0.8)
        self.label_backs.set_facecolor(self._backs_face)
        self.selection_ring.set_edgecolor(th.selection)
        self.selection_boxes.set_edgecolor(th.selection)
        self.lane_texts.restyle(color=th.muted_text)
        self.count_texts.restyle(color=th.muted_text)
        self.reference_texts.restyle(color=th.reference_line)
        self.note_texts.restyle(color=th.muted_text)
        self.label_texts.restyle(color=th.text)

    def _apply_size(self, layout: Layout) -> None:
        """Font sizes and the date locator, which depend on the axes size and font size."""
        fs, w = layout.font_size, layout.size_px[0]
        if fs != self._font_size:
            self._font_size = fs
            self.tick_texts.restyle(fontsize=fs)
            self._tick_prop = FontProperties(size=fs)  # as the tick texts', for measuring
            self.offset_texts.restyle(fontsize=fs)
            self.lane_texts.restyle(fontsize=fs)
            self.count_texts.restyle(fontsize=count_font_size(fs))
            self._count_prop = FontProperties(size=count_font_size(fs), weight="bold")
            self.reference_texts.restyle(fontsize=fs * 0.9)
            self.note_texts.restyle(fontsize=fs * 0.9)
            self.label_texts.restyle(fontsize=fs)
        if w != self._width:
            self._width = w
            self.locator = AutoDateLocator(minticks=3, maxticks=max(4, int(w // TICK_SPACING_PX)))
            self.formatter = ConciseDateFormatter(self.locator)
            self.ax.xaxis.set_major_locator(self.locator)
            self.ax.xaxis.set_major_formatter(self.formatter)
            # Room for every tick the locator may give, made now: a pan then never adds
            # a Text artist.
            self.tick_texts.reserve(max(self.locator.maxticks.values()) + 2)
            self.offset_texts.reserve(1)

    def _color(self, kind: str, *key) -> tuple:
        """Colours per (type, status) and such, computed once per theme."""
        ck = (kind, *key)
        c = self._colors.get(ck)
        if c is None:
            th = self.theme
            if kind == "face":
                c = to_rgba(th.type_color(key[0]), key[1])
            elif kind == "edge":
                c = to_rgba(th.edge_color(key[0]), key[1])
            else:  # "link"
                c = to_rgba(th.link(key[0]).color, 0.9)
            self._colors[ck] = c
        return c

    # -- a frame -------------------------------------------------------------------
    def update(
        self,
        layout: Layout,
        theme: Theme | None = None,
        *,
        selected: int | None = None,
        highlighted: Iterable[int] = frozenset(),
    ) -> RenderedArtists:
        if theme is not None and theme is not self.theme:
            self.theme = theme
            self._apply_theme()
        self._apply_size(layout)
        v0, v1 = layout.view
        w, h = layout.size_px
        k = w / (v1 - v0)  # px per day
        out = self.artists
        out.labels, out.counts, out.lane_labels = [], [], []
        out.reference_label = out.note = None
        self._lanes(layout, k, out)
        self._bins_and_counts(layout, k, out)
        self._reference_and_note(layout, k, out)
        self._spans(layout, k, out)
        self._arcs(layout, k, out)
        self._highlight(layout, set(highlighted), out)
        self._points(layout, out)
        self._overdue(layout, k)
        self._labels(layout, k, out)
        self.selection_ring.set_sizes([ring_size(layout)])
        out.selection_ring, out.selection_boxes = self.selection_ring, self.selection_boxes
        update_selection(out, layout, selected, self.theme)
        self.ax.set_xlim(v0, v1)
        self.ax.set_ylim(0, h)
        self._date_axis(layout)
        return out

    def _date_axis(self, layout: Layout) -> None:
        """Grid lines, tick marks, tick labels and the offset ("2019-Feb") of the date
        axis: matplotlib's AutoDateLocator and ConciseDateFormatter choose them, the
        painter draws them as two line collections and pooled texts (the x axis itself
        costs a Tick of three artists per date on every draw)."""
        assert self.locator is not None and self.formatter is not None
        v0, v1 = layout.view
        w, h = layout.size_px
        k = w / (v1 - v0)  # px per day
        px = layout.dpi / 72.0
        scale = layout.scale
        if scale is not None:  # real dates at their drawn places (tracker.timeline.scale)
            spacing = TICK_SPACING_PX * layout.font_size / 8 * layout.dpi / 100 * 1.3
            ticks = scale.ticks(v0, v1, w, spacing)  # type: ignore[attr-defined]
            locs, texts = [x for x, _t in ticks], [t for _x, t in ticks]
            self._breaks(layout, [b for b in scale.breaks  # type: ignore[attr-defined]
                                  if v0 <= b <= v1], k)
        else:
            locs = [float(x) for x in self.locator() if v0 <= x <= v1]
            texts = self.formatter.format_ticks(locs) if locs else []
            self._breaks(layout, [], k)
        self.grid.set_segments([[(x, 0.0), (x, h)] for x in locs])
        tick = TICK_LENGTH_PT * px
        self.tick_marks.set_segments([[(x, 0.0), (x, -tick)] for x in locs])
        y = -tick - TICK_PAD_PT * px
        # Each label centred under its tick by its ink, its line's top at y, as
        # ha="center", va="top" would put it; placed left-aligned on the baseline so the
        # window draws it from the mask this measurement makes (FastText).
        prop = self._tick_prop
        ascent = font_height_metrics(prop, layout.dpi)[0] or 0.0
        learn_pairs(texts, prop, layout.dpi)  # one layout for all the new tick labels
        # A label at either end is moved inwards just enough to be read whole.
        placed = []
        for x, t in zip(locs, texts, strict=True):
            left, right, top = ink_extent_px(t, prop, layout.dpi)
            start = (x - v0) * k - (left + right) / 2
            start = min(max(start, 1 - left), w - 1 - right)
            placed.append((v0 + start / k, y - max(ascent, top), t))
        out = self.artists
        out.ticks = self.tick_texts.show(placed)
        offset = self.formatter.get_offset() if locs and scale is None else ""
        line = layout.font_size * px * 1.2
        shown = self.offset_texts.show([(v1, y - line - TICK_PAD_PT * px, offset)] if offset
                                       else [])
        out.tick_offset = shown[0] if shown else None
        out.axis_texts = [*self.tick_texts.texts, *self.offset_texts.texts]

    def _breaks(self, layout: Layout, xs: list[float], k: float) -> None:
        """A pair of slanted strokes across the axis lines where a long empty stretch
        was shrunk (compressed scale)."""
        segs = []
        d, hgt = 3 / k, 6.0
        for x in xs:
            for y in [0.0, *(ln.axis_y for ln in layout.lanes)]:
                for off in (-2.5 / k, 2.5 / k):
                    segs.append([(x + off - d, y - hgt), (x + off + d, y + hgt)])
        self.break_marks.set_segments(segs)
        self.break_marks.set_visible(bool(segs))

    def _lanes(self, layout: Layout, k: float, out: RenderedArtists) -> None:
        v0, v1 = layout.view
        bands = [rect(v0, v1, ln.y0, ln.y1, k) for i, ln in enumerate(layout.lanes)
                 if i % 2 == 1] if layout.lane_mode else []
        self.lane_bands.set_verts(bands)
        self.lane_bands.set_visible(bool(bands))
        out.lane_bands = self.lane_bands if bands else None
        # Names in the gutter left of the plot (see tracker.timeline.lanes), level with
        # their lane's line: never crossed by a bar, a line or a label.
        fs, dpi = layout.font_size, layout.dpi
        out.lane_labels = self.lane_texts.show(
            (v0 - (layout.gutter_px - 4) / k, ln.axis_y, gutter_label(ln.label, fs, dpi))
            for ln in layout.lanes) if layout.lane_mode else self.lane_texts.show(())
        self.lane_lines.set_segments([[(v0, ln.axis_y), (v1, ln.axis_y)] for ln in layout.lanes])
        out.lane_lines = self.lane_lines

    def _bins_and_counts(self, layout: Layout, k: float, out: RenderedArtists) -> None:
        bins = layout.bins
        if bins:
            x0, x1 = _widened([b.x0 for b in bins], [b.x1 for b in bins], k)
            _set_rect_groups(self.bins, [((x0, x1, [b.y0 for b in bins], [b.y1 for b in bins]),
                                          self._bins_face)])
        else:
            self.bins.set_verts([])
        self.bins.set_visible(bool(bins))
        out.bins = self.bins if bins else None
        counts = layout.counts
        v0 = layout.view[0]
        self.count_spans.set_segments([[(c.gx0, c.y1 + 1), (c.gx1, c.y1 + 1)] for c in counts])
        self.count_spans.set_visible(bool(counts))
        out.count_spans = self.count_spans if counts else None
        # Each centred in its box by its ink (measured when the box was sized), drawn
        # from the mask that measurement made (FastText).
        out.counts = self.count_texts.show(
            (v0 + ((c.x0 + c.x1) / 2 - ink_middle_px(c.text, self._count_prop, layout.dpi)) / k,
             c.baseline, c.text) for c in counts)

    def _reference_and_note(self, layout: Layout, k: float, out: RenderedArtists) -> None:
        v0, v1 = layout.view
        h = layout.size_px[1]
        rx = layout.reference_x
        self.reference_line.set_visible(rx is not None)
        out.reference_line = None
        tags: list[tuple[float, float, str]] = []
        if rx is not None:
            self.reference_line.set_xdata([rx, rx])
            out.reference_line = self.reference_line
            if v0 <= rx <= v1:
                tags.append((rx + 3 / k, h - 2, layout.reference_label or reference_text(rx)))
        shown = self.reference_texts.show(tags)
        out.reference_label = shown[0] if shown else None
        # The note has its place on the top strip, clear of the reference line and tag
        # (see tracker.timeline.rows.place_top_strip).
        at = layout.note_at
        shown = self.note_texts.show([(v0 + at[0] / k, at[1], layout.note)]
                                     if layout.note and at else [])
        if shown and at:
            shown[0].set_horizontalalignment(at[2])
        out.note = shown[0] if shown else None

    def _spans(self, layout: Layout, k: float, out: RenderedArtists) -> None:
        """Whole extent at the status's light 'window' alpha, certain core on top darker: so
        'late February' reads as a haze and an exact 27–28 Feb range as a solid bar."""
        spans = layout.spans
        out.span_windows = out.span_cores = None
        if not spans:
            self.span_windows.set_verts([])
            self.span_cores.set_verts([])
            self.span_windows.set_visible(False)
            self.span_cores.set_visible(False)
            return
        if len(spans) > CROWDED_SPANS:
            self._crowded_spans(layout, k, out)
            return
        half = layout.span_px / 2
        # Cut spans a little outside the view: a decade-long window seen at week zoom is
        # millions of pixels wide, and Agg dashes its whole outline before clipping
        # (seconds per draw). The cut ends lie outside the axes: the picture is the same.
        lim0, lim1 = layout.view[0] - 10 / k, layout.view[1] + 10 / k
        x0 = np.maximum([s.x0 for s in spans], lim0)
        x1 = np.minimum([s.x1 for s in spans], lim1)
        y = np.array([s.y for s in spans])
        self.span_windows.set_verts(rects(x0, x1, y - half, y + half, k))
        self.span_windows.set_linestyle("solid")  # see _crowded_spans
        self.span_windows.set_linewidth(SPAN_EDGE_WIDTH)
        statuses = [self.theme.status(s.status) for s in spans]
        self.span_windows.set_facecolor(
            [self._color("face", s.type, st.window_alpha) for s, st in zip(spans, statuses,
                                                                            strict=True)])
        self.span_windows.set_edgecolor(
            [self._color("edge", s.type, st.edge_alpha) for s, st in zip(spans, statuses,
                                                                          strict=True)])
        self.span_windows.set_linestyle([st.linestyle for st in statuses])
        self.span_windows.set_visible(True)
        out.span_windows = self.span_windows
        cored = [(s, st) for s, st in zip(spans, statuses, strict=True)
                 if s.core_x0 is not None and s.core_x1 is not None]
        if cored:
            cy = np.array([s.y for s, _ in cored])
            self.span_cores.set_verts(rects(
                np.maximum([s.core_x0 for s, _ in cored], lim0),
                np.minimum([s.core_x1 for s, _ in cored], lim1), cy - half, cy + half, k))
            self.span_cores.set_facecolor([self._color("face", s.type, st.core_alpha)
                                           for s, st in cored])
            out.span_cores = self.span_cores
        else:
            self.span_cores.set_verts([])
        self.span_cores.set_visible(bool(cored))

    def _crowded_spans(self, layout: Layout, k: float, out: RenderedArtists) -> None:
        """Many spans: fills merged, outlines only where a label points.

        Hundreds of dashed outlines cost Agg more than everything else in the frame (a
        dashed stroke per span, each dash a polygon), and in a crowd they only blur into
        a grey band. So spans of the same colour on the same track whose pixels touch or
        overlap are filled as one rectangle (where translucent spans overlapped, the
        overlap is no longer darker), all rectangles of one colour as one compound path,
        and only the spans that carry a label keep their outline, drawn over the fills."""
        spans = layout.spans
        half = layout.span_px / 2
        v0 = layout.view[0]
        lim0, lim1 = -10.0, layout.size_px[0] + 10.0  # axes pixels
        th = self.theme
        statuses = {st: th.status(st) for st in {s.status for s in spans}}
        styles = {key: i for i, key in enumerate(dict.fromkeys((s.type, s.status) for s in spans))}
        style = np.array([styles[s.type, s.status] for s in spans])
        y = np.array([s.y for s in spans])
        x0 = np.array([s.x0 for s in spans])
        x1 = np.array([s.x1 for s in spans])
        cored = np.array([s.core_x0 is not None and s.core_x1 is not None for s in spans])
        c0 = np.array([s.core_x0 for s in spans if s.core_x0 is not None and s.core_x1 is not None])
        c1 = np.array([s.core_x1 for s in spans if s.core_x0 is not None and s.core_x1 is not None])
        keys = list(styles)

        def fills(sel: np.ndarray, lo: np.ndarray, hi: np.ndarray, alpha: str) -> list:
            if not len(lo):
                return []
            # one colour per (type, status) style; styles of the same colour merge
            faces = [self._color("face", kind, getattr(statuses[status], alpha))
                     for kind, status in keys]
            colours = list(dict.fromkeys(faces))
            colour = np.array([colours.index(f) for f in faces])[style[sel]]
            a, b = _px_extents(lo, hi, v0, k, lim0, lim1)
            # a group per (track, colour); rectangles of one colour go into one path
            tracks, track = np.unique(y[sel], return_inverse=True)
            g, ra, rb = _merge_runs(colour * len(tracks) + track.ravel(), a, b)
            ry = tracks[g % len(tracks)]
            out = []
            for c in np.unique(g // len(tracks)):
                m = g // len(tracks) == c
                out.append(((v0 + ra[m] / k, v0 + rb[m] / k, ry[m] - half, ry[m] + half),
                            colours[c]))
            return out

        windows = fills(np.ones(len(spans), dtype=bool), x0, x1, "window_alpha")
        labelled = {lab.id for lab in layout.labels}
        edged = [s for s in spans if s.id in labelled]
        paths = [rect_path(*r) for r, _face in windows]
        none = (0.0, 0.0, 0.0, 0.0)
        faces = [face for _r, face in windows]
        edges, widths, dashes = [none] * len(paths), [0.0] * len(paths), ["solid"] * len(paths)
        if edged:
            a, b = _px_extents(np.array([s.x0 for s in edged]), np.array([s.x1 for s in edged]),
                               v0, k, lim0, lim1)
            ey = np.array([s.y for s in edged])
            verts, codes = rect_path(v0 + a / k, v0 + b / k, ey - half, ey + half)
            paths += zip(verts.reshape(-1, 5, 2), codes.reshape(-1, 5), strict=True)
            for s in edged:
                st = statuses[s.status]
                faces.append(none)
                edges.append(self._color("edge", s.type, st.edge_alpha))
                widths.append(SPAN_EDGE_WIDTH)
                dashes.append(st.linestyle)
        self.span_windows.set_verts_and_codes([v for v, _c in paths], [c for _v, c in paths])
        self.span_windows.set_facecolor(faces)
        self.span_windows.set_edgecolor(edges)
        # One style first: matplotlib pairs widths and dash patterns over the least common
        # multiple of their lengths, which with last frame's list could be huge.
        self.span_windows.set_linestyle("solid")
        self.span_windows.set_linewidth(widths)
        self.span_windows.set_linestyle(dashes)
        self.span_windows.set_visible(True)
        out.span_windows = self.span_windows
        cores = fills(cored, c0, c1, "core_alpha")
        _set_rect_groups(self.span_cores, cores)
        self.span_cores.set_visible(bool(cores))
        out.span_cores = self.span_cores if cores else None

    def _arcs(self, layout: Layout, k: float, out: RenderedArtists) -> None:
        """Quadratic Bézier arcs above the marks, one LineCollection for all links, and one
        PolyCollection of arrowheads at the target ends, so direction reads without a
        legend and the artist count does not grow with the number of links."""
        arcs = layout.arcs
        out.arcs = out.arc_heads = None
        self.arcs.set_visible(bool(arcs))
        self.arc_heads.set_visible(bool(arcs))
        if not arcs:
            self.arcs.set_segments([])
            self.arc_heads.set_verts([])
            return
        t = np.linspace(0.0, 1.0, ARC_STEPS)[:, None]
        lines, colors, styles, heads = [], [], [], []
        length = max(6.0, layout.marker_px * 0.8)  # arrowhead size in pixels
        for a in arcs:
            p0 = np.array([a.x_from, a.y_from])
            p2 = np.array([a.x_to, a.y_to])
            p1 = np.array([(a.x_from + a.x_to) / 2, max(a.y_from, a.y_to) + 2 * a.height])
            lines.append((1 - t) ** 2 * p0 + 2 * (1 - t) * t * p1 + t**2 * p2)
            colors.append(self._color("link", a.kind))
            styles.append(self.theme.link(a.kind).linestyle)
            heads.append(_arrowhead(p1, p2, k, length))
        self.arcs.set_segments(lines)
        self.arcs.set_color(colors)
        self.arcs.set_linestyle(styles)
        self.arc_heads.set_verts(heads)
        self.arc_heads.set_facecolor(colors)
        out.arcs, out.arc_heads = self.arcs, self.arc_heads

    def _highlight(self, layout: Layout, ids: set[int], out: RenderedArtists) -> None:
        xy = [(p.x, p.y) for p in layout.points if p.id in ids] if ids else []
        if ids:
            xy += [((s.x0 + s.x1) / 2, s.y) for s in layout.spans if s.id in ids]
        self.highlight.set_offsets(np.array(xy, dtype=float).reshape(-1, 2))
        self.highlight.set_sizes([((layout.marker_px + 12) * 72 / layout.dpi) ** 2])
        self.highlight.set_visible(bool(xy))
        out.highlight = self.highlight if xy else None

    def _points(self, layout: Layout, out: RenderedArtists) -> None:
        """One scatter per (marker, fill, edge style) group, never one artist per event.

        Solid-edged groups are split by type as well: a collection with one face and one
        edge colour lets Agg stamp one rasterised marker for all its points (matplotlib's
        draw_markers) instead of filling and stroking each point's path, five times
        faster for 500 marks. Dashed edges never take that path, so those groups keep a
        colour per point. Overlapping marks of different types thus stack by group, not
        by date. Groups are drawn in the order they first appear in the layout, so a
        reused axes draws what a fresh one draws."""
        groups: dict[tuple[str, bool, str, str], list[int]] = {}
        statuses = {p.status: self.theme.status(p.status) for p in layout.points}
        pts = layout.points
        for i, p in enumerate(pts):
            st = statuses[p.status]
            kind = p.type if st.linestyle == "solid" else ""
            groups.setdefault((st.marker, st.filled, st.linestyle, kind), []).append(i)
        size = (layout.marker_px * 72 / layout.dpi) ** 2
        bg = to_rgba(self.theme.background)
        out.points = []
        for rank, (key, idx) in enumerate(groups.items()):
            marker, filled, ls, kind = key
            coll = self.point_groups.get(key)
            if coll is None:
                coll = self.ax.scatter(_EMPTY_XY[:, 0], _EMPTY_XY[:, 1],
                                       marker=_CIRCLE if marker == "o" else marker,
                                       linewidths=0.9 if filled else 1.6, linestyles=ls,
                                       zorder=Z_MARKS)
                self.point_groups[key] = coll
            xy = np.empty((len(idx), 2))
            xy[:, 0] = [pts[i].x for i in idx]
            xy[:, 1] = [pts[i].y for i in idx]
            coll.set_offsets(xy)
            coll.set_sizes([size])
            if kind:
                coll.set_facecolor(self._color("face", kind, 1.0) if filled else bg)
                coll.set_edgecolor(self._color("edge", kind, 1.0))
            else:
                types = [pts[i].type for i in idx]
                coll.set_facecolor([self._color("face", t, 1.0) for t in types] if filled
                                   else bg)
                coll.set_edgecolor([self._color("edge", t, 1.0) for t in types])
            coll.set_zorder(Z_MARKS + rank * 1e-3)
            coll.set_visible(True)
            out.points.append(coll)
        for key, coll in self.point_groups.items():
            if key not in groups:
                coll.set_offsets(_EMPTY_XY)
                coll.set_visible(False)

    def _overdue(self, layout: Layout, k: float) -> None:
        r = layout.marker_px * 0.55
        xy = np.array([(x + r / k, y) for x, y in layout.overdue], dtype=float).reshape(-1, 2)
        self.overdue.set_offsets(xy)
        self.overdue.set_sizes([(layout.marker_px * 0.9 * 72 / layout.dpi) ** 2])
        self.overdue.set_visible(bool(layout.overdue))

    def _labels(self, layout: Layout, k: float, out: RenderedArtists) -> None:
        labels = layout.labels
        v0 = layout.view[0]
        self.stems.set_segments([[(lab.x, lab.stem_y0 + lab.side), (lab.x, lab.stem_y1)]
                                 for lab in labels])
        # Translucent backing boxes, one collection: link arcs pass behind text, not
        # through it.
        if labels:
            x0, x1 = _widened([v0 + lab.x0 / k for lab in labels],
                              [v0 + lab.x1 / k for lab in labels], k)
            _set_rect_groups(self.label_backs, [((x0, x1, [lab.y0 for lab in labels],
                                                  [lab.y1 for lab in labels]),
                                                 self._backs_face)])
        else:
            self.label_backs.set_verts([])
        self.stems.set_visible(bool(labels))
        self.label_backs.set_visible(bool(labels))
        out.stems = self.stems if labels else None
        out.label_backs = self.label_backs if labels else None
        # Room for every label to take two lines, made now: a pan that wraps one more
        # title then adds no Text artist.
        self.label_texts.reserve(2 * len(labels))
        out.labels = self.label_texts.show(
            (v0 + lab.text_x / k, lab.baseline - i * lab.line_step, line)
            for lab in labels for i, line in enumerate(lab.lines))


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
                polys.append(rect(s.x0 - 2 / k, s.x1 + 2 / k, s.y - half, s.y + half, k))
                faces.append((0.0, 0.0, 0.0, 0.0))
        for lab in layout.labels:
            if lab.id == selected:
                polys.append(rect(v0 + (lab.x0 - 1) / k, v0 + (lab.x1 + 1) / k,
                                   lab.y0 - 1, lab.y1 + 1, k))
                faces.append(fill)
    boxes.set_verts(polys)
    boxes.set_facecolor(faces if faces else "none")
