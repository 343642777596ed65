"""A QWidget that shows a matplotlib Figure drawn by Agg.

This is the part of matplotlib's FigureCanvasQTAgg the timeline uses: the figure drawn
by an Agg canvas (tracker.timeline.textcache's, with cached text), sized to the widget in
physical pixels, redrawn at most once per event-loop pass (draw_idle) and copied to the
screen on paint. The timeline handles its own mouse and keys, so matplotlib's Qt backend
(its event translation, navigation toolbar, figure-options editor and the QtSvg module
they bring) is not imported: ~16 ms of the start-up.

Device pixel ratios follow the screen as FigureCanvasQT does it: the figure's dpi is its
original dpi times the ratio, so text and marks keep their size in points and stay sharp
on high-DPI screens.
"""

from __future__ import annotations

import sys

import shiboken6
from matplotlib.figure import Figure
from PySide6.QtCore import QEvent, QPoint, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QWidget

from tracker.timeline.textcache import CachedTextCanvasAgg


class FigureWidget(QWidget):
    def __init__(self, figure: Figure, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figure = figure
        self.agg = CachedTextCanvasAgg(figure)  # figure.canvas from now on
        self._draw_pending = False
        self._is_drawing = False
        self._window = None  # the window handle and screen whose changes are followed
        self._screen = None
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # the image covers it all

    # -- what the timeline reads of a matplotlib canvas -----------------------------
    @property
    def device_pixel_ratio(self) -> float:
        return self.agg.device_pixel_ratio

    @property
    def renderer(self):
        """The Agg renderer of the last draw (AttributeError before the first)."""
        return self.agg.renderer

    def get_renderer(self):
        return self.agg.get_renderer()

    def buffer_rgba(self) -> memoryview:
        return self.agg.buffer_rgba()

    def get_width_height(self, *, physical: bool = False) -> tuple[int, int]:
        return self.agg.get_width_height(physical=physical)

    # -- drawing ----------------------------------------------------------------------
    def draw(self) -> None:
        """Draw the figure now and schedule a paint of the result."""
        if self._is_drawing:
            return
        self._is_drawing = True
        try:
            self.agg.draw()
        finally:
            self._is_drawing = False
        self.update()

    def draw_idle(self) -> None:
        """Draw once the event loop is idle: many calls before then, one draw."""
        if not (self._draw_pending or self._is_drawing):
            self._draw_pending = True
            QTimer.singleShot(0, self._draw_idle)

    def _draw_idle(self) -> None:
        if not self._draw_pending or not shiboken6.isValid(self):  # closed and deleted
            return
        self._draw_pending = False
        if self.height() <= 0 or self.width() <= 0:
            return
        try:
            self.draw()
        except Exception:
            # Not from inside a paint event: the application's error handler (a dialog)
            # runs once this event is over; the last image stays on screen meanwhile.
            error = sys.exc_info()
            QTimer.singleShot(0, lambda: sys.excepthook(*error))

    def paint_image(self, offset: QPoint | None = None, background=None) -> None:
        """Copy the last drawn figure to the widget (moved by ``offset``, with the
        uncovered part filled with ``background``)."""
        if not hasattr(self.agg, "renderer"):
            return
        buf = memoryview(self.agg.buffer_rgba())
        image = QImage(buf, buf.shape[1], buf.shape[0], QImage.Format.Format_RGBA8888)
        image.setDevicePixelRatio(self.device_pixel_ratio)
        painter = QPainter(self)
        try:
            if background is not None:
                painter.fillRect(self.rect(), background)
            else:  # the image may fall short of the widget by a pixel (rounding): no
                # leftovers of earlier paints there
                ratio = self.device_pixel_ratio
                w, h = buf.shape[1] / ratio, buf.shape[0] / ratio
                color = QColor.fromRgbF(*self.figure.get_facecolor())
                if w < self.width():
                    painter.fillRect(QRectF(w, 0, self.width() - w, self.height()), color)
                if h < self.height():
                    painter.fillRect(QRectF(0, h, self.width(), self.height() - h), color)
            painter.drawImage(offset or QPoint(0, 0), image)
        finally:
            painter.end()

    def paintEvent(self, event: QPaintEvent) -> None:
        self._draw_idle()  # a pending draw first, so the image is current
        self.paint_image()

    # -- size and screen ------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        ratio = self.device_pixel_ratio
        dpi = self.figure.dpi
        self.figure.set_size_inches(event.size().width() * ratio / dpi,
                                    event.size().height() * ratio / dpi, forward=False)
        super().resizeEvent(event)
        self.draw_idle()

    def sizeHint(self) -> QSize:
        w, h = self.get_width_height()
        return QSize(w, h)

    def minimumSizeHint(self) -> QSize:
        return QSize(10, 10)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        window = self.window().windowHandle()
        if window is not None and window is not self._window:
            self._window = window
            window.screenChanged.connect(self._update_screen)
            self._update_screen(window.screen())
        else:
            self._update_pixel_ratio()

    def _update_screen(self, screen) -> None:
        self._update_pixel_ratio()
        if screen is not None and screen is not self._screen:
            self._screen = screen
            screen.physicalDotsPerInchChanged.connect(self._update_pixel_ratio)
            screen.logicalDotsPerInchChanged.connect(self._update_pixel_ratio)

    def event(self, event: QEvent) -> bool:
        # A new scale on the same screen (Qt 6.6 and later say so with this event)
        if event.type() == QEvent.Type.DevicePixelRatioChange:
            self._update_pixel_ratio()
        return super().event(event)

    def _update_pixel_ratio(self) -> None:
        # matplotlib's hook for backends: dpi = original dpi x ratio; True if it changed
        if self.agg._set_device_pixel_ratio(self.devicePixelRatioF() or 1):
            self.resizeEvent(QResizeEvent(self.size(), self.size()))
