"""Arrange Lanes: the order of the timeline's lanes and which are collapsed.

Order and collapsed state are remembered by lane key (an actor name, a type key), not by
position, so they survive filtering: a lane that leaves the view and comes back returns
to its place. That is why the results keep keys this dialog did not show.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tracker.gui.forms import no_auto_default, plain_label
from tracker.model.filters import arrange

KEY_ROLE = Qt.ItemDataRole.UserRole


class LanesDialog(QDialog):
    """Drag lanes (or use Move Up / Move Down) into the wanted order; untick a lane to
    collapse it to a thin strip."""

    def __init__(self, lanes: Sequence[tuple[str, str]], order: Iterable[str],
                 collapsed: Iterable[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Arrange Lanes")
        self._lanes = list(lanes)
        self._order = list(order)
        self._collapsed = set(collapsed)
        self.list_widget = QListWidget()
        self.list_widget.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list_widget.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list_widget.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.up_button = QPushButton("Move &Up")
        self.down_button = QPushButton("Move &Down")
        self.reset_button = QPushButton("&Reset")
        self.reset_button.setToolTip("The view's own order, every lane expanded")
        no_auto_default(self.up_button, self.down_button, self.reset_button)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.reset_button.clicked.connect(self.reset)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        side = QVBoxLayout()
        for button in (self.up_button, self.down_button, self.reset_button):
            side.addWidget(button)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list_widget, 1)
        row.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label("Drag to reorder. Ticked lanes are shown expanded; "
                                     "unticked ones are collapsed."))
        layout.addLayout(row)
        layout.addWidget(self.buttons)
        self.list_widget.currentRowChanged.connect(self._update_buttons)
        self._fill(arrange(self._lanes, self._order), self._collapsed)
        self.resize(380, 360)

    def _fill(self, lanes: Sequence[tuple[str, str]], collapsed: set[str]) -> None:
        self.list_widget.blockSignals(True)
        self.list_widget.clear()
        for key, label in lanes:
            item = QListWidgetItem(label)
            item.setData(KEY_ROLE, key)
            item.setToolTip("Ticked: shown expanded")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable
                          | Qt.ItemFlag.ItemIsDragEnabled)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsDropEnabled)  # no dropping *onto* a lane
            item.setCheckState(Qt.CheckState.Unchecked if key in collapsed else Qt.CheckState.Checked)
            self.list_widget.addItem(item)
        self.list_widget.blockSignals(False)
        self.list_widget.setCurrentRow(0 if lanes else -1)
        self._update_buttons()

    def items(self) -> list[QListWidgetItem]:
        return [self.list_widget.item(i) for i in range(self.list_widget.count())]

    def move_current(self, step: int) -> None:
        row = self.list_widget.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list_widget.count():
            return
        item = self.list_widget.takeItem(row)
        self.list_widget.insertItem(target, item)
        self.list_widget.setCurrentRow(target)

    def reset(self) -> None:
        self._fill(self._lanes, set())

    def _update_buttons(self, *_args: object) -> None:
        row = self.list_widget.currentRow()
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.list_widget.count() - 1)

    def result_order(self) -> list[str]:
        """Every lane key in the chosen order, then remembered keys not in this view."""
        shown = [item.data(KEY_ROLE) for item in self.items()]
        placed = set(shown)
        return shown + [k for k in dict.fromkeys(self._order) if k not in placed]

    def result_collapsed(self) -> set[str]:
        """The unticked lanes, plus remembered collapsed lanes not in this view."""
        shown = {item.data(KEY_ROLE) for item in self.items()}
        unticked = {item.data(KEY_ROLE) for item in self.items()
                    if item.checkState() != Qt.CheckState.Checked}
        return (self._collapsed - shown) | unticked
