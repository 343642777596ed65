"""The active filters as removable chips above the table, so a person always sees why
events are missing and can drop a condition with one click.

The search text is not a chip: it is already visible (and editable) in the search box,
and showing it twice would give two ways to change one thing.
"""

from __future__ import annotations

import html
from dataclasses import replace

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QLayout,
    QLayoutItem,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from tracker.model.filters import Filter

REMOVE_TIP = "Remove this filter"
MAX_CHIP_CHARS = 48  # longer labels (source titles) are elided; the tooltip has them whole
CHIP_STYLE = """
QToolButton[chip="true"] {
    border: 1px solid palette(mid); border-radius: 10px; padding: 1px 8px;
    background: palette(button); color: palette(button-text);
}
QToolButton[chip="true"]:hover, QToolButton[chip="true"]:focus {
    border-color: palette(highlight);
}
"""


def button_text(text: str) -> str:
    """Button text is plain, but '&' marks a mnemonic: double it so "AT&T" stays whole."""
    return text.replace("&", "&&")


def shown_text(button: QToolButton) -> str:
    """What the person reads on a button (mnemonic escapes undone)."""
    return button.text().replace("&&", "&")


def elide(text: str, limit: int = MAX_CHIP_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class FlowLayout(QLayout):
    """Left-to-right, wrapping onto further lines, so many chips never force the whole
    window wider than the screen."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        visible = [i for i in self._items if not i.isEmpty()]
        width = sum(i.sizeHint().width() for i in visible) + self._spacing * max(0, len(visible) - 1)
        height = max((i.sizeHint().height() for i in visible), default=0)
        m = self.contentsMargins()
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _place(self, rect: QRect, move: bool) -> int:
        """Fill lines left to right; items in a line share its vertical centre, so the
        caption lines up with the chips beside it. Returns the height used."""
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        lines: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        x = area.x()
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            if lines[-1] and x + hint.width() > area.right() + 1:
                lines.append([])
                x = area.x()
            lines[-1].append((item, hint))
            x += hint.width() + self._spacing
        y = area.y()
        for line in lines:
            height = max((hint.height() for _item, hint in line), default=0)
            x = area.x()
            for item, hint in line:
                if move:
                    item.setGeometry(QRect(QPoint(x, y + (height - hint.height()) // 2), hint))
                x += hint.width() + self._spacing
            y += height + self._spacing
        used = y - self._spacing if any(lines) else y
        return used - rect.y() + m.bottom()


class FilterBar(QWidget):
    """Chips for the filter's conditions plus "Clear all". It never changes the filter by
    itself being told the filter (set_filter does not emit), so the window can feed every
    filterChanged back into set_filter without a loop."""

    filterChanged = Signal(object)  # the new Filter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(CHIP_STYLE)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)  # chips wrap onto more lines when narrow
        self.setSizePolicy(policy)
        self._filter = Filter()
        self._chips: list[QToolButton] = []
        self._layout = FlowLayout(self)
        self._layout.setContentsMargins(4, 2, 4, 2)
        self._caption = QLabel("Filtered by:")
        self._caption.setTextFormat(Qt.TextFormat.PlainText)
        self._layout.addWidget(self._caption)
        self.clear_button = QToolButton()
        self.clear_button.setText("Clear all")
        self.clear_button.setAutoRaise(True)
        self.clear_button.setToolTip("Remove every filter (the search stays)")
        self.clear_button.clicked.connect(self._clear_all)
        self._layout.addWidget(self.clear_button)
        self._shown: list[tuple[str, str]] | None = None
        self._rebuild()

    def filter(self) -> Filter:
        return self._filter

    def set_filter(self, f: Filter) -> None:
        """Show ``f``; rebuilds the chips only when what they would say changed."""
        self._filter = f
        self._rebuild()

    def chip_buttons(self) -> list[QToolButton]:
        return list(self._chips)

    def _rebuild(self) -> None:
        chips = [(k, label) for k, label in self._filter.chips() if k != "search"]
        if chips == self._shown:
            return
        self._shown = chips
        for button in self._chips:
            self._layout.removeWidget(button)
            button.hide()
            button.deleteLater()
        self._chips = []
        for key, label in chips:
            self._chips.append(self._make_chip(key, label))
        # keep "Clear all" last
        self._layout.removeWidget(self.clear_button)
        for button in self._chips:
            self._layout.addWidget(button)
            button.show()  # now, not queued by the layout, so focus can move to it at once
        self._layout.addWidget(self.clear_button)
        self.clear_button.setVisible(len(chips) >= 2)
        self.setVisible(bool(chips))
        self.updateGeometry()

    def _make_chip(self, key: str, label: str) -> QToolButton:
        button = QToolButton(self)
        button.setProperty("chip", True)
        button.setText(button_text(f"{elide(label)} ✕"))
        if elide(label) != label:
            # Qt guesses whether a tooltip is rich text; escaped HTML is never misread.
            button.setToolTip(f"<qt>{html.escape(label)}<br>{REMOVE_TIP}</qt>")
        else:
            button.setToolTip(REMOVE_TIP)
        button.setAccessibleName(f"Remove filter {label}")
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.clicked.connect(lambda _=False, k=key: self._remove(k))
        return button

    def _remove(self, key: str) -> None:
        keys = [k for k, _ in self._shown or []]
        index = keys.index(key) if key in keys else 0
        had_focus = any(b is self.focusWidget() for b in self._chips)
        self._apply(self._filter.without(key))
        if had_focus and self._chips:  # keyboard users keep their place in the row
            self._chips[min(index, len(self._chips) - 1)].setFocus()

    def _clear_all(self) -> None:
        self._apply(cleared(self._filter))

    def _apply(self, f: Filter) -> None:
        self.set_filter(f)
        self.filterChanged.emit(f)


def cleared(f: Filter) -> Filter:
    """Every filter removed except the search, which lives in the search box and is
    cleared there (Esc), not by a button that does not show it."""
    return replace(Filter(), search=f.search)
