"""The interactive timeline: a FigureWidget that draws through tracker.timeline.

The canvas owns only the view (x range in matplotlib date numbers) and the selection.
Data comes from a provider callable (the window queries the store for the view), the
layout and artists from the Qt-free timeline package, so export draws the same picture.
Redraws go through draw_idle only, so a burst of changes costs one paint: a change of
view queries the store at once (cheap: the viewport query reads only what the view shows)
but lays out and renders only when the draw happens, once for the whole burst.

A redraw does not rebuild the picture: one TimelinePainter keeps the axes' collections,
texts and date locator and moves them to each new layout, and the Agg renderer draws text
from cached glyph masks (tracker.timeline.textcache), so a frame costs about what its
marks cost. Export uses the same painter on a fresh axes.

A pan or zoom step does not always query the store either: the canvas fetches the view
and a margin of MARGIN widths on each side, and while later views stay inside that fetch
(at a zoom within REFETCH_ZOOM of it) it cuts their data out of it
(tracker.timeline.viewdata), which gives exactly what a query of the view would. An
aggregated fetch is binned on the grid of the view's zoom and keeps the best events of
each tile of it, so its cuts are served too wherever they provably equal a query; a
fetch with lanes or a filtered aggregate is never cut, each view is queried as before.
The last two fetches are kept, so zooming back and forth costs no fetch either. ``refresh()`` (a change in the
store, the filters, the lanes, the reference date) always queries again.

Dragging does not re-query and re-render on every mouse move. Each move shifts the last
rendered bitmap by the drag distance (a Qt repaint, no matplotlib draw); at most every
PAN_REFRESH_MS the view is really moved (query, layout, draw), and once more on release.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import os
import sys
from collections.abc import Callable

from matplotlib.figure import Figure
from PySide6.QtCore import QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPaintEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QSizePolicy, QToolTip

from tracker.gui.figure_widget import FigureWidget
from tracker.store.viewport import max_items_for
from tracker.timeline.items import MPL_EPOCH_ORDINAL, TimelineData, TimelineItem
from tracker.timeline.lanes import gutter_px, lanes_height, lanes_of
from tracker.timeline.layout import (
    Layout,
    build_layout,
    clamp_view,
    fit_days,
    fit_view,
    hit_test,
)
from tracker.timeline.painter import RenderedArtists, TimelinePainter, update_selection
from tracker.timeline.render import axes_rect, axes_size_px, place_axes
from tracker.timeline.scale import TimeScale
from tracker.timeline.scale import apply as apply_scale
from tracker.timeline.theme import Theme
from tracker.timeline.viewdata import FetchedData, TiledData, reusable, view_days, zoom_days

# (view, zoom in days or None, tiles, max_items) -> data; see
# tracker.store.viewport.timeline_data
Provider = Callable[[tuple[float, float], int | None, bool, int], TimelineData]

ZOOM_STEP = 1.25
MIN_SPAN_DAYS = 2.0
MAX_SPAN_DAYS = 365.25 * 400
DRAG_THRESHOLD_PX = 4
MIN_HEIGHT = 180  # logical pixels
PAN_REFRESH_MS = 30  # during a drag, the view is really moved at most this often
MARGIN = 1.0  # a fetch covers the view and this many view widths on either side
REFETCH_ZOOM = 1.5  # a fetch is reused until the zoom has changed by more than this
KEPT_FETCHES = 2  # wider fetches kept for reuse
# Set to make the app print its memory use after the first paint of the timeline and
# quit: how benchmarks/run.py measures start-up time and resident memory.
FIRST_PAINT_ENV = "TRACKER_EXIT_AFTER_FIRST_PAINT"


class TimelineCanvas(FigureWidget):
    selected = Signal(int)  # an event was clicked
    activated = Signal(int)  # an event was double-clicked
    emptyDoubleClicked = Signal(float)  # x (date number) of a double-click on empty space
    viewChanged = Signal(float, float)
    dataChanged = Signal(object)  # the TimelineData now shown (for the legend)
    firstPainted = Signal()

    def __init__(self, provider: Provider, theme: Theme, parent=None) -> None:
        super().__init__(Figure(), parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setMinimumHeight(MIN_HEIGHT)
        self._gutter = 0.0  # pixels left of the axes for lane names
        self._placed = False
        self.ax = place_axes(self.figure)
        self.painter = TimelinePainter(self.ax, theme)
        self._artists: RenderedArtists | None = None
        self._provider = provider
        # () -> (first day, last day) of what the provider would show of the whole
        # timeline, or None where only a fetch of it all can tell
        self.extent_provider: Callable[[], tuple[int, int] | None] | None = None
        self.theme = theme
        self.data = TimelineData()
        self.layout_: Layout | None = None
        self.view: tuple[float, float] = (0.0, 1.0)
        self.selected_id: int | None = None
        self._press: tuple[float, QPoint, tuple[float, float]] | None = None
        self._dragged = False
        self._stale = True  # the layout and artists do not match view, data or size
        self._wanted: tuple[float, float] | None = None  # where a drag has got to
        self._pan_timer = QTimer(self)
        self._pan_timer.setSingleShot(True)
        self._pan_timer.setInterval(PAN_REFRESH_MS)
        self._pan_timer.timeout.connect(self._apply_drag)
        self._first_painted = False
        self.draw_count = 0
        self.highlighted: set[int] = set()  # search hits, marked on the timeline
        self.lane_mode = False  # one band per lane (TimelineData.lanes)
        # the last wider fetches views are cut out of, newest first, each with the view
        # width (days) it was made for
        self._fetches: list[tuple[FetchedData, float]] = []
        self._dense_width: float | None = None  # a margin fetch at about this width
        # could not be reused (too many events): ask for the view alone at that zoom
        self.fetch_count = 0  # calls of the provider, for tests
        self.max_items = max_items_for(self.width())  # see set_max_items
        self._prefetch_pending = False
        self.closed = False  # set by the window as it closes: nothing more to fetch
        self._loaded = False  # data has been fetched for a view (not the empty start)
        # A non-calendar time scale (tracker.timeline.scale): the whole timeline fetched
        # once, mapped to drawn days, with the scale and the real items (for tooltips).
        self.timescale = "linear"
        self._scaled: tuple[TimelineData, TimeScale, dict[int, TimelineItem]] | None = None

    # -- the view ------------------------------------------------------------------
    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.refresh()

    def set_view(self, x0: float, x1: float) -> None:
        span = min(max(x1 - x0, MIN_SPAN_DAYS), MAX_SPAN_DAYS)
        mid = (x0 + x1) / 2
        self.view = clamp_view(mid - span / 2, mid + span / 2)
        self.ax.set_xlim(*self.view)  # the picture (date axis included) follows at draw
        self._load(self.view)
        self._redraw()
        self.viewChanged.emit(*self.real_view())

    # -- time scales ------------------------------------------------------------------
    def set_timescale(self, kind: str) -> None:
        """Draw on the calendar ("linear"), with long empty stretches shrunk
        ("compressed") or as a sequence ("sequential"); frames everything."""
        self.timescale = kind
        self._scaled = None
        self._fetches = []
        self.fit_all()

    def _scaled_data(self) -> tuple[TimelineData, TimeScale, dict[int, TimelineItem]]:
        """The whole timeline on the current scale, fetched once per refresh."""
        if self._scaled is None:
            whole = self._fetch((-1e9, 1e9), None)
            mapped, scale = apply_scale(whole, self.timescale)
            assert scale is not None
            self._scaled = (mapped, scale, {it.id: it for it in whole.items})
        return self._scaled

    def real_x(self, x: float) -> float:
        """The calendar date number shown at drawn position ``x``."""
        if self._scaled is None or self.timescale == "linear":
            return x
        day = math.floor(x)
        return self._scaled[1].to_real(day + MPL_EPOCH_ORDINAL) - MPL_EPOCH_ORDINAL + (x - day)

    def real_view(self) -> tuple[float, float]:
        """The view as calendar date numbers (the same as ``view`` on the calendar)."""
        return self.real_x(self.view[0]), self.real_x(self.view[1])

    def drawn_x(self, x: float) -> float:
        """Where calendar date number ``x`` is drawn."""
        if self._scaled is None or self.timescale == "linear":
            return x
        day = math.floor(x)
        return self._scaled[1].to_drawn(day + MPL_EPOCH_ORDINAL) - MPL_EPOCH_ORDINAL + (x - day)

    def fit_all(self) -> None:
        """Frame what the whole timeline holds: by its first and last day where
        ``extent_provider`` knows them, else by fetching it all."""
        if self.timescale != "linear":
            self.set_view(*fit_view(self._scaled_data()[0]))
            return
        extent = self.extent_provider() if self.extent_provider is not None else None
        if extent is not None:
            self.set_view(*fit_days(*extent))
            return
        everything = self._provider((-1e9, 1e9), None, False, self.max_items)
        if everything.items or everything.bins:
            self.set_view(*fit_view(everything))
        else:  # nothing yet: the half year around today, where new events will go
            today = dt.date.today().toordinal() - MPL_EPOCH_ORDINAL
            self.set_view(today - 150, today + 30)

    def zoom(self, factor: float, about: float | None = None) -> None:
        """factor > 1 zooms in, around ``about`` (a date number) or the middle."""
        x0, x1 = self.view
        c = (x0 + x1) / 2 if about is None else about
        self.set_view(c - (c - x0) / factor, c + (x1 - c) / factor)

    def pan_pixels(self, dx_px: float) -> None:
        x0, x1 = self.view
        shift = dx_px * (x1 - x0) / max(1, self.ax.bbox.width)
        self.set_view(x0 - shift, x1 - shift)

    def center_on(self, x: float) -> None:
        x = self.drawn_x(x)
        x0, x1 = self.view
        half = (x1 - x0) / 2
        self.set_view(x - half, x + half)

    def contains_x(self, x: float) -> bool:
        x = self.drawn_x(x)
        x0, x1 = self.view
        margin = (x1 - x0) * 0.03
        return x0 + margin <= x <= x1 - margin

    def set_selected(self, event_id: int | None) -> None:
        if event_id == self.selected_id:
            return
        self.selected_id = event_id
        if not self._stale and self._artists is not None and self.layout_ is not None:
            update_selection(self._artists, self.layout_, event_id, self.theme)
        self.draw_idle()  # a pending render draws the selection anyway

    # -- drawing ------------------------------------------------------------------
    def refresh(self) -> None:
        """Fetch the data for the view again (after a change in the store, the filters, the
        lanes or the reference date) and redraw."""
        self._fetches = []
        self._dense_width = None
        self._scaled = None
        self._load(self.view)
        self._redraw()

    def _fetch(self, view: tuple[float, float], zoom: int, tiles: bool = False) -> TimelineData:
        """The provider's data for ``view``, binned for a view ``zoom`` days wide (and
        with the best events of each tile, for cutting views out of it, if ``tiles``)."""
        self.fetch_count += 1
        return self._provider(view, zoom, tiles, self.max_items)

    def _similar_zoom(self, width: float, other: float | None) -> bool:
        return other is not None and 1 / REFETCH_ZOOM <= width / other <= REFETCH_ZOOM

    def _load(self, view: tuple[float, float]) -> None:
        self._load_data(view)
        self._loaded = True
        self._fit_lanes()
        self.dataChanged.emit(self.data)

    def _load_data(self, view: tuple[float, float]) -> None:
        """``self.data`` for ``view``: cut out of a kept wide fetch when it covers the
        view at a similar zoom, else from a new fetch with margins (or of the view alone,
        where margins would hold too many events to be reused)."""
        if self.timescale != "linear":  # the whole timeline, mapped once
            self.data = self._scaled_data()[0]
            return
        days = view_days(view)
        zoom = zoom_days(*days)
        width = view[1] - view[0]
        for fetched, fetch_width in self._fetches:
            if not (fetched.covers(*days) and self._similar_zoom(width, fetch_width)):
                continue
            cut = fetched.cut(*days, zoom=zoom)
            if cut is not None:
                self.data = cut
                return
            if isinstance(fetched.data, TiledData) and fetched.same_grid(zoom):
                # An aggregated fetch, but this view holds too few events to be
                # aggregated, or its best events are not provably among the fetch's:
                # the view alone, keeping the fetch for the next views.
                self.data = self._fetch(view, zoom)
                return
        if not self._first_painted and not self._fetches:
            # Before the first paint, the view alone: the margins and tiles serve later
            # pans and cost a start at a million events ~16 ms (fetched after the paint).
            self.data = self._fetch(view, zoom)
            if not self._prefetch_pending:
                self._prefetch_pending = True
                self.firstPainted.connect(self._prefetch, Qt.ConnectionType.QueuedConnection)
            return
        if not self.lane_mode and not self._similar_zoom(width, self._dense_width):
            fetched = self._fetch_wide(view)
            if fetched is not None:
                cut = fetched.cut(*days, zoom=zoom)
                self.data = cut if cut is not None else self._fetch(view, zoom)
                return
        self.data = self._fetch(view, zoom)

    def _fetch_wide(self, view: tuple[float, float]) -> FetchedData | None:
        """Fetch ``view`` with a view width of margin on either side and keep it for
        cutting; None (and the width remembered as dense) where it cannot be reused."""
        width = view[1] - view[0]
        pad = width * MARGIN
        wide = (view[0] - pad, view[1] + pad)
        zoom = zoom_days(*view_days(view))
        data = self._fetch(wide, zoom, tiles=True)
        if not reusable(data):
            self._dense_width = width
            return None
        fetched = FetchedData(data, *view_days(wide), zoom=zoom)
        # The one before stays too: a zoom back and forth across a change of bin width
        # (a power of two) then costs no fetch.
        self._fetches = [(fetched, width), *self._fetches[:KEPT_FETCHES - 1]]
        self._dense_width = None
        return fetched

    def _prefetch(self) -> None:
        """After the first paint: the margins around the view, for the pans to come."""
        self._prefetch_pending = False
        self.firstPainted.disconnect(self._prefetch)
        if self.closed:  # the window closed (its store with it) before this came round
            return
        width = self.view[1] - self.view[0]
        if not self._fetches and not self.lane_mode and \
                not self._similar_zoom(width, self._dense_width):
            self._fetch_wide(self.view)

    def _redraw(self) -> None:
        """Ask for a layout and render at the next draw: many changes, one of each."""
        self._stale = True
        self.draw_idle()

    def _place_axes(self) -> None:
        """The axes leave room for the date ticks and, with lanes, the names' gutter."""
        gutter = 0.0
        if self.lane_mode and self.data.lanes:
            names = [label for _key, label in lanes_of(self.data, True)[0]]
            gutter = gutter_px(names, 8, self.figure.dpi)
        if gutter != self._gutter or not self._placed:
            self._gutter, self._placed = gutter, True
            self.ax.set_position(axes_rect(self.figure, left_px=gutter))

    def _fit_lanes(self) -> None:
        """With lanes, ask for the height they need: the scroll area around the canvas
        (see :func:`scrolling`) shows a vertical scroll bar when the window is shorter."""
        need = 0.0
        if self.lane_mode and self.data.lanes:
            ratio = self.device_pixel_ratio or 1.0
            width = max(100.0, self.width() * ratio - self._gutter)
            lanes = lanes_height(self.data, self.view, width, self.figure.dpi)
            ticks = self.figure.bbox.height * (1 - self.ax.get_position().height)
            need = (lanes + ticks) / ratio
        height = max(MIN_HEIGHT, math.ceil(need))
        if height != self.minimumHeight():
            self.setMinimumHeight(height)

    def _layout_and_render(self) -> None:
        self._place_axes()
        scale = self._scaled[1] if self._scaled is not None else None
        self.layout_ = build_layout(self.data, self.view, axes_size_px(self.ax), self.figure.dpi,
                                    lane_mode=self.lane_mode, gutter_px=self._gutter,
                                    scale=scale)
        self._artists = self.painter.update(self.layout_, self.theme, selected=self.selected_id,
                                            highlighted=self.highlighted)
        self.figure.set_facecolor(self.theme.background)
        self._stale = False

    def ensure_layout(self) -> None:
        """Lay out now if a change is pending (for callers that read ``layout_``)."""
        if self._stale:
            self._layout_and_render()

    def draw(self) -> None:
        self.draw_count += 1
        self.ensure_layout()
        super().draw()

    def paintEvent(self, event: QPaintEvent) -> None:
        self._draw_idle()  # a pending draw first, so the bitmap matches layout_.view
        shift = self._drag_shift_px()
        if shift is None:
            self.paint_image()
        else:  # a drag frame without a draw: the last image moved sideways
            self.paint_image(QPoint(round(shift), 0), QColor(self.theme.background))
        if not self._first_painted:
            self._first_painted = True
            if os.environ.get(FIRST_PAINT_ENV):
                _report_first_paint()
            self.firstPainted.emit()

    def _drag_shift_px(self) -> float | None:
        """How far (logical px) the rendered bitmap lags behind an ongoing drag."""
        if self._wanted is None or self.layout_ is None or self._stale:
            return None
        r0, r1 = self.layout_.view
        shift = (r0 - self._wanted[0]) / (r1 - r0) * self.ax.bbox.width / self.device_pixel_ratio
        return shift if abs(shift) >= 0.5 else None

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        # The axes keep a fixed pixel room for the date ticks, so place them anew.
        self.ax.set_position(axes_rect(self.figure, left_px=self._gutter))
        # How many events are drawn one by one depends on the width: a new limit may
        # need new data.
        self.set_max_items(max_items_for(self.width()))
        self._redraw()

    def set_max_items(self, most: int) -> None:
        """Draw views of more than ``most`` events as aggregates from now on; fetch the
        view again unless its data provably stays the same: aggregated data whose count
        (the one the store compared with the limit) is still above it, or plain data
        under a limit that grew (the count that kept it plain stays under it)."""
        if most == self.max_items:
            return
        grew = most > self.max_items
        self.max_items = most
        self._fetches, self._dense_width = [], None  # cut with the old limit
        d = self.data
        if self._loaded and not ((d.bins and d.total_in_view > most) or (not d.bins and grew)):
            self._load(self.view)

    # -- mouse and keys -----------------------------------------------------------
    def _axes_xy(self, pos: QPoint) -> tuple[float, float]:
        """Qt widget position -> pixels relative to the axes, origin bottom-left."""
        ratio = self.device_pixel_ratio
        x = pos.x() * ratio
        y = (self.height() - pos.y()) * ratio
        return x - self.ax.bbox.x0, y - self.ax.bbox.y0

    def _x_at(self, pos: QPoint) -> float:
        px, _ = self._axes_xy(pos)
        x0, x1 = self.view
        return x0 + (x1 - x0) * px / max(1.0, self.ax.bbox.width)

    def item_at(self, pos: QPoint) -> int | None:
        if self.layout_ is None:
            return None
        return hit_test(self.layout_, *self._axes_xy(pos))

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if not steps:
            return
        self.zoom(ZOOM_STEP**steps, about=self._x_at(event.position().toPoint()))
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = (self._x_at(event.position().toPoint()), event.position().toPoint(),
                           self.view)
            self._dragged = False
            self.setFocus()
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        if self._press is not None:
            _, start, (v0, v1) = self._press
            dx = pos.x() - start.x()
            if abs(dx) >= DRAG_THRESHOLD_PX or self._dragged:
                self._dragged = True
                self.setCursor(Qt.CursorShape.ClosedHandCursor)
                shift = dx * self.device_pixel_ratio * (v1 - v0) / max(1, self.ax.bbox.width)
                self._wanted = (v0 - shift, v1 - shift)
                self.update()  # repaint the bitmap shifted; no query, no layout
                if not self._pan_timer.isActive():
                    self._pan_timer.start()
            return
        hit = self.item_at(pos)
        if hit is None:
            QToolTip.hideText()
            self.unsetCursor()
            return
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        QToolTip.showText(event.globalPosition().toPoint(), self.tooltip_for(hit), self)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._press is not None:
            self._pan_timer.stop()
            if self._wanted is not None:
                self._apply_drag()  # the exact place the drag ended
                self._wanted = None
            if not self._dragged:
                hit = self.item_at(event.position().toPoint())
                if hit is not None:
                    self.set_selected(hit)
                    self.selected.emit(hit)
            self._press = None
            self._dragged = False
            self.unsetCursor()
        event.accept()

    def _apply_drag(self) -> None:
        if self._wanted is not None:
            self.set_view(*self._wanted)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        hit = self.item_at(pos)
        if hit is not None:
            self.activated.emit(hit)
        else:
            self.emptyDoubleClicked.emit(self.real_x(self._x_at(pos)))
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Left/Right, +/- and Home are window actions (see MainWindow): let the key go up.
        event.ignore()

    def tooltip_for(self, event_id: int) -> str:
        item = next((i for i in self.data.items if i.id == event_id), None)
        if self._scaled is not None and self.timescale != "linear":
            item = self._scaled[2].get(event_id, item)  # its real dates
        if item is None:
            return ""
        import datetime as dt

        from tracker.model.fuzzydate import format_window

        window = format_window(dt.date.fromordinal(item.lo), dt.date.fromordinal(item.hi))
        # Titles are untrusted text: escape them, since tooltips render rich text.
        return (f"<b>{html.escape(item.title)}</b><br>{html.escape(window)} · "
                f"{html.escape(item.status)} · {html.escape(item.type)}")


class _Scroll(QScrollArea):
    """Asks the window's layout for the room the canvas alone would have asked for."""

    def sizeHint(self) -> QSize:
        widget = self.widget()
        return widget.sizeHint() if widget is not None else super().sizeHint()


def scrolling(canvas: TimelineCanvas) -> QScrollArea:
    """The canvas in a frameless scroll area that follows the window's size and scrolls
    vertically when the lanes need more height than it has."""
    area = _Scroll()
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setMinimumHeight(MIN_HEIGHT)  # never less than the canvas's own least height
    area.setWidget(canvas)
    return area


def _report_first_paint() -> None:
    """Print resident and peak memory (kB) and how many glyphs came from the glyph cache,
    and quit: the benchmark's start-up probe."""
    import resource

    rss = 0
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            rss = next((int(line.split()[1]) for line in fh if line.startswith("VmRSS:")), 0)
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    from tracker.timeline import glyphstore

    print(f"tracker-first-paint rss_kb={rss} peak_kb={peak} "
          f"cached_glyphs={glyphstore.loaded}", flush=True)
    sys.stdout.flush()
    QTimer.singleShot(0, QApplication.quit)
