"""File → Export Image…: range, size (pixels, or inches at a dpi), title, legend, format.

The picture is drawn by tracker.image_export, the same code as `tracker export` and the
window itself. The path is typed or chosen with Browse…; its suffix picks the format.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tracker.gui.forms import FORM_STYLE, add_row, mark, plain_label, set_ok, stack
from tracker.image_export import MAX_PX, MIN_PX, ImageRequest, check_request, size_from_inches
from tracker.model.fuzzydate import DateError, parse_bound
from tracker.timeline.export import FORMATS


def _row(*widgets: QWidget, grow: QWidget | None = None) -> QWidget:
    """Widgets side by side, packed to the left; ``grow`` takes the free width instead
    (the file name, which is long and must be readable)."""
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget, 1 if widget is grow else 0)
    if grow is None:
        layout.addStretch(1)
    return box


class ExportImageDialog(QDialog):
    def __init__(self, view: tuple[dt.date, dt.date], default_dir: Path, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export Image")
        self.setStyleSheet(FORM_STYLE)
        self.view = view
        self.path_edit = QLineEdit(str(default_dir / "timeline.png"))
        self.path_info = plain_label()
        self.browse_button = QPushButton("Browse…")
        self.browse_button.clicked.connect(self._browse)
        self.range_view = QRadioButton(f"Current view ({view[0]:%d %b %Y} – {view[1]:%d %b %Y})")
        self.range_all = QRadioButton("Whole timeline")
        self.range_dates = QRadioButton("From")
        self.range_view.setChecked(True)
        self.from_edit = QLineEdit(view[0].isoformat())
        self.to_edit = QLineEdit(view[1].isoformat())
        self.range_info = plain_label()
        group = QButtonGroup(self)
        for button in (self.range_view, self.range_all, self.range_dates):
            group.addButton(button)
        self.size_pixels = QRadioButton("Pixels")
        self.size_inches = QRadioButton("Inches")
        self.size_pixels.setChecked(True)
        sizes = QButtonGroup(self)
        sizes.addButton(self.size_pixels)
        sizes.addButton(self.size_inches)
        self.width_px = QSpinBox(minimum=MIN_PX, maximum=MAX_PX, value=1600, suffix=" px")
        self.height_px = QSpinBox(minimum=MIN_PX, maximum=MAX_PX, value=900, suffix=" px")
        self.width_in = QDoubleSpinBox(minimum=0.5, maximum=100, value=8, decimals=2, suffix=" in")
        self.height_in = QDoubleSpinBox(minimum=0.5, maximum=100, value=4.5, decimals=2, suffix=" in")
        self.dpi = QSpinBox(minimum=30, maximum=1200, value=100, suffix=" dpi")
        self.size_info = plain_label()
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("Optional title above the timeline")
        self.legend_check = QCheckBox("Legend of types, statuses and links")
        self.legend_check.setChecked(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Export")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        add_row(form, "&File:", self.path_edit,
                stack(_row(self.path_edit, self.browse_button, grow=self.path_edit),
                      self.path_info))
        add_row(form, "&Range:", self.range_view, stack(
            self.range_view, self.range_all,
            _row(self.range_dates, self.from_edit, plain_label("to"), self.to_edit),
            self.range_info))
        add_row(form, "&Size:", self.size_pixels, stack(
            _row(self.size_pixels, self.width_px, plain_label("×"), self.height_px),
            _row(self.size_inches, self.width_in, plain_label("×"), self.height_in),
            _row(plain_label("Resolution:"), self.dpi), self.size_info))
        add_row(form, "&Title:", self.title_edit)
        form.addRow("", self.legend_check)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        for widget in (self.path_edit, self.from_edit, self.to_edit, self.title_edit):
            widget.textChanged.connect(self._validate)
        for box in (self.width_px, self.height_px, self.width_in, self.height_in, self.dpi):
            box.valueChanged.connect(self._validate)
        for button in (self.range_view, self.range_all, self.range_dates, self.size_pixels):
            button.toggled.connect(self._validate)
        self.size_inches.toggled.connect(self._inches_toggled)
        self.resize(620, 380)
        self._validate()

    def _inches_toggled(self, on: bool) -> None:
        if on and self.dpi.value() == 100:
            self.dpi.setValue(300)  # inches mean print: 300 dpi unless the user says otherwise
        self._validate()

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Export Image", self.path_edit.text(),
            "PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)")
        if name:
            self.path_edit.setText(name)

    def _range(self) -> tuple[dt.date | None, dt.date | None]:
        if self.range_all.isChecked():
            return None, None
        if self.range_view.isChecked():
            return self.view
        return (parse_bound(self.from_edit.text()), parse_bound(self.to_edit.text(), end=True))

    def _pixels(self) -> tuple[int, int]:
        if self.size_inches.isChecked():
            return size_from_inches(self.width_in.value(), self.height_in.value(), self.dpi.value())
        return self.width_px.value(), self.height_px.value()

    def request(self) -> ImageRequest:
        """The export the dialog describes; valid only while OK is enabled."""
        first, last = self._range()
        width, height = self._pixels()
        return ImageRequest(Path(self.path_edit.text().strip()).expanduser(), first, last, width,
                            height, self.dpi.value(), self.title_edit.text().strip() or None,
                            self.legend_check.isChecked())

    def problems(self) -> dict[str, str]:
        problems: dict[str, str] = {}
        path = self.path_edit.text().strip()
        if not path:
            problems["path"] = "Choose where to save the image."
        elif "\x00" in path:  # no file system takes it; Python would raise on opening
            problems["path"] = "The file name contains a NUL character (\\x00); remove it."
        elif Path(path).suffix.lower() not in FORMATS:
            problems["path"] = f"The file name must end in {', '.join(FORMATS)}."
        elif not Path(path).expanduser().parent.is_dir():
            problems["path"] = f"The folder {Path(path).parent} does not exist."
        try:
            self._range()
        except DateError as exc:
            problems["range"] = str(exc)
        width, height = self._pixels()
        if not (MIN_PX <= width <= MAX_PX and MIN_PX <= height <= MAX_PX):
            problems["size"] = (f"{width}×{height} px is outside {MIN_PX}–{MAX_PX} px; "
                                "change the size or the resolution.")
        if not problems:
            try:
                check_request(self.request())
            except ValueError as exc:
                problems["range"] = str(exc)
        return problems

    def _validate(self, *_args) -> None:
        problems = self.problems()
        for key, field, info in (("path", self.path_edit, self.path_info),
                                 ("range", self.from_edit, self.range_info),
                                 ("size", self.width_px, self.size_info)):
            message = problems.get(key, "")
            if key == "size" and not message:
                width, height = self._pixels()
                message = f"{width} × {height} pixels"
            mark(field, info, message, "error" if key in problems else "hint")
        dates = self.range_dates.isChecked()
        for widget in (self.from_edit, self.to_edit):
            widget.setEnabled(dates)
        inches = self.size_inches.isChecked()
        for widget in (self.width_in, self.height_in):
            widget.setEnabled(inches)
        for widget in (self.width_px, self.height_px):
            widget.setEnabled(not inches)
        set_ok(self.ok_button, problems)
