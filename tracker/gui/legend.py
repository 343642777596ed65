"""A compact legend for the window: what the colours, shapes and lines of the timeline
mean, limited to what the view holds so it stays short.

Swatches are painted from the same Theme the timeline draws with, so the legend can
never disagree with the marks; the words use the widget palette so they read on a light
or a dark window alike. Status is shown by shape and fill in a neutral colour, because
on the timeline colour always means the event type.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from tracker.model.vocab import EVENT_TYPES, LINK_KINDS, STATUSES
from tracker.timeline.theme import LIGHT, StatusStyle, Theme

DOT = 12  # swatch size for a marker, px
BAR = 22  # swatch width for a bar or a line
GAP = 5  # swatch to text
ITEM_GAP = 12  # between entries
GROUP_GAP = 22  # between groups (types | statuses | uncertain | links)
PAD = 4
UNCERTAIN_LABEL = "uncertain date"

_PEN_STYLES = {
    "solid": Qt.PenStyle.SolidLine,
    "dashed": Qt.PenStyle.DashLine,
    "dotted": Qt.PenStyle.DotLine,
    "dashdot": Qt.PenStyle.DashDotLine,
}


class LegendEntry(NamedTuple):
    kind: str  # "type", "status", "uncertain" or "link"
    key: str
    label: str


def _color(value: str | tuple[float, float, float], alpha: float = 1.0) -> QColor:
    color = QColor.fromRgbF(*value) if isinstance(value, tuple) else QColor(value)
    color.setAlphaF(alpha)
    return color


class Legend(QWidget):
    """Paints the entries in rows that wrap to the width it gets (height-for-width)."""

    def __init__(self, theme: Theme = LIGHT, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._types: list[str] = list(EVENT_TYPES)
        self._statuses: list[str] = list(STATUSES)
        self._links: list[str] = list(LINK_KINDS)
        self._uncertain = True
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setAccessibleName("Legend")
        self._refresh()

    # --- API -------------------------------------------------------------------------
    def theme(self) -> Theme:
        return self._theme

    def set_theme(self, theme: Theme) -> None:
        if theme is not self._theme:
            self._theme = theme
            self.update()

    def set_present(self, types: Iterable[str], statuses: Iterable[str], links: Iterable[str],
                    uncertain: bool = True) -> None:
        """Show only these, in vocabulary order (unknown keys last, as they come).
        ``uncertain`` says whether any mark in view has an uncertain window."""
        types, statuses, links = set(types), set(statuses), set(links)
        new = (_ordered(types, EVENT_TYPES), _ordered(statuses, STATUSES),
               _ordered(links, LINK_KINDS), bool(uncertain))
        if new == (self._types, self._statuses, self._links, self._uncertain):
            return
        self._types, self._statuses, self._links, self._uncertain = new
        self._refresh()

    def entries(self) -> list[LegendEntry]:
        """What the legend paints, in painting order."""
        out = [LegendEntry("type", t, EVENT_TYPES.get(t, t)) for t in self._types]
        out += [LegendEntry("status", s, self._theme.status(s).label or STATUSES.get(s, s))
                for s in self._statuses]
        if self._uncertain:
            out.append(LegendEntry("uncertain", "uncertain", UNCERTAIN_LABEL))
        out += [LegendEntry("link", k, LINK_KINDS.get(k, k)) for k in self._links]
        return out

    def swatch_rects(self, width: int | None = None) -> list[tuple[LegendEntry, QRect]]:
        """Each entry with where its swatch is painted (for tests and tooltips)."""
        return [(e, swatch.toAlignedRect()) for e, swatch, _text in
                self._place(self.width() if width is None else width)]

    # --- geometry ----------------------------------------------------------------------
    def _refresh(self) -> None:
        self.setAccessibleDescription(", ".join(e.label for e in self.entries()))
        self.updateGeometry()
        self.update()

    def _entry_width(self, entry: LegendEntry) -> int:
        swatch = DOT if entry.kind in ("type", "status") else BAR
        return swatch + GAP + self.fontMetrics().horizontalAdvance(entry.label)

    def _line_height(self) -> int:
        return max(self.fontMetrics().height(), DOT) + 2

    def _place(self, width: int) -> list[tuple[LegendEntry, QRectF, QRect]]:
        fm = self.fontMetrics()
        line = self._line_height()
        x, y = PAD, PAD
        out: list[tuple[LegendEntry, QRectF, QRect]] = []
        previous: str | None = None
        for entry in self.entries():
            if previous is not None:
                x += GROUP_GAP if entry.kind != previous else ITEM_GAP
            previous = entry.kind
            w = self._entry_width(entry)
            if x > PAD and x + w > width - PAD:
                x, y = PAD, y + line
            swatch_w = DOT if entry.kind in ("type", "status") else BAR
            swatch_h = {"type": DOT, "status": DOT, "uncertain": 8, "link": 6}[entry.kind]
            swatch = QRectF(x, y + (line - swatch_h) / 2, swatch_w, swatch_h)
            text = QRect(x + swatch_w + GAP, y, fm.horizontalAdvance(entry.label) + 2, line)
            out.append((entry, swatch, text))
            x += w
        return out

    def _height(self, width: int) -> int:
        placed = self._place(width)
        if not placed:
            return 0
        return int(max(text.bottom() for _e, _s, text in placed)) + 1 + PAD

    def sizeHint(self) -> QSize:
        width = 10**6
        placed = self._place(width)
        right = max((text.right() for _e, _s, text in placed), default=0)
        return QSize(right + 1 + PAD, self._line_height() + 2 * PAD)

    def minimumSizeHint(self) -> QSize:
        widest = max((self._entry_width(e) for e in self.entries()), default=0)
        return QSize(widest + 2 * PAD, self._line_height() + 2 * PAD)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._height(width)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Wrapping changes with width: ask the layout to recheck the height.
        if self._height(event.size().width()) != self._height(event.oldSize().width()):
            self.updateGeometry()
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self.updateGeometry()
            self.update()
        super().changeEvent(event)

    # --- painting ----------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text_color = self.palette().color(QPalette.ColorRole.WindowText)
        for entry, swatch, text in self._place(self.width()):
            painter.save()
            if entry.kind == "type":
                self._paint_type(painter, entry.key, swatch)
            elif entry.kind == "status":
                self._paint_status(painter, self._theme.status(entry.key), swatch)
            elif entry.kind == "uncertain":
                self._paint_uncertain(painter, swatch)
            else:
                self._paint_link(painter, entry.key, swatch)
            painter.restore()
            painter.setPen(text_color)
            painter.drawText(text, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             entry.label)
        painter.end()

    def _paint_type(self, painter: QPainter, key: str, r: QRectF) -> None:
        painter.setPen(QPen(_color(self._theme.edge_color(key)), 1))
        painter.setBrush(_color(self._theme.type_color(key)))
        painter.drawEllipse(r.adjusted(0.5, 0.5, -0.5, -0.5))

    def _paint_status(self, painter: QPainter, style: StatusStyle, r: QRectF) -> None:
        ink = _color(self._theme.axis)
        pen = QPen(ink, 1.5)
        pen.setStyle(_PEN_STYLES.get(style.linestyle, Qt.PenStyle.SolidLine))
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        r = r.adjusted(1, 1, -1, -1)
        if style.marker == "X":
            pen = QPen(ink, 3 if style.filled else 1.5)
            painter.setPen(pen)
            painter.drawLine(r.topLeft(), r.bottomRight())
            painter.drawLine(r.topRight(), r.bottomLeft())
            return
        painter.setPen(pen)
        painter.setBrush(ink if style.filled else Qt.BrushStyle.NoBrush)
        if style.marker == "s":
            painter.drawRect(r.adjusted(1, 1, -1, -1))
        elif style.marker == "D":
            c = r.center()
            painter.drawPolygon(QPolygonF([QPointF(c.x(), r.top()), QPointF(r.right(), c.y()),
                                           QPointF(c.x(), r.bottom()), QPointF(r.left(), c.y())]))
        else:
            painter.drawEllipse(r)

    def _paint_uncertain(self, painter: QPainter, r: QRectF) -> None:
        """A window drawn as the timeline draws it: a translucent bar, solid edges."""
        occurred = self._theme.status("occurred")
        base = self._theme.axis
        path = QPainterPath()
        path.addRoundedRect(r, 3, 3)
        painter.setPen(QPen(_color(base, occurred.edge_alpha * 0.6), 1))
        painter.setBrush(_color(base, occurred.window_alpha))
        painter.drawPath(path)

    def _paint_link(self, painter: QPainter, key: str, r: QRectF) -> None:
        style = self._theme.link(key)
        pen = QPen(_color(style.color), 2)
        pen.setStyle(_PEN_STYLES.get(style.linestyle, Qt.PenStyle.SolidLine))
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        painter.setPen(pen)
        y = r.center().y()
        painter.drawLine(QPointF(r.left(), y), QPointF(r.right(), y))


def _ordered(keys: set[str], vocabulary: dict[str, str]) -> list[str]:
    return [k for k in vocabulary if k in keys] + sorted(k for k in keys if k not in vocabulary)
