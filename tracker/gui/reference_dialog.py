"""Choose the date against which planned events count as overdue.

Reading a 2019 article, "overdue as of today" flags everything it announced; "as of its
publication" shows what the article itself could know. "Today" is stored as None, not
as a date, so it keeps following the clock after midnight or a restart.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from tracker.gui.forms import FORM_STYLE, mark, plain_label, set_ok, stack
from tracker.model.dateparse import parse_single
from tracker.model.fuzzydate import DateError, format_day


def parse_day(text: str, today: dt.date | None = None) -> dt.date:
    """One exact day in any wording the event editor accepts; a window ("Feb 2019",
    "around 3 March") is refused because overdue needs one cut-off day."""
    fuzzy = parse_single(text, reference=today or dt.date.today())
    if not fuzzy.is_exact:
        raise DateError(f"{fuzzy.window_text()} is not one day; type an exact day, "
                        f"e.g. {format_day(fuzzy.latest)}")
    return fuzzy.earliest


class ReferenceDateDialog(QDialog):
    """Today / the publication date of the source being read / another day."""

    def __init__(self, current: dt.date | None, source_published: dt.date | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Reference Date")
        self.setStyleSheet(FORM_STYLE)
        self.source_published = source_published
        today = dt.date.today()
        self.today_radio = QRadioButton(f"&Today ({format_day(today)}, follows the clock)")
        published = f" ({format_day(source_published)})" if source_published else " (no source open)"
        self.source_radio = QRadioButton(f"&Publication date of the source being read{published}")
        self.source_radio.setEnabled(source_published is not None)
        self.other_radio = QRadioButton("&Another date:")
        self.group = QButtonGroup(self)
        for radio in (self.today_radio, self.source_radio, self.other_radio):
            self.group.addButton(radio)
        self.date_edit = QLineEdit()
        self.date_edit.setPlaceholderText("e.g. 2019-02-28 or 28 Feb 2019")
        self.date_edit.setClearButtonEnabled(True)
        self.date_info = plain_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label("Planned events whose window has passed by this date, with "
                                     "nothing that fulfils them, are flagged as overdue."))
        layout.addWidget(self.today_radio)
        layout.addWidget(self.source_radio)
        layout.addWidget(self.other_radio)
        layout.addWidget(stack(self.date_edit, self.date_info))
        layout.addWidget(self.buttons)
        if current is None:
            self.today_radio.setChecked(True)
        elif current == source_published:
            self.source_radio.setChecked(True)
        else:
            self.other_radio.setChecked(True)
            self.date_edit.setText(current.isoformat())
        # Typing a date means "this one": pick the radio for the person.
        self.date_edit.textEdited.connect(lambda _t: self.other_radio.setChecked(True))
        self.date_edit.textChanged.connect(self._validate)
        self.group.buttonToggled.connect(self._validate)
        self.resize(460, 220)
        self._validate()

    def reference_date(self) -> dt.date | None:
        """The chosen day, None for "today" (valid only while OK is enabled). Not named
        result(): that would hide QDialog.result(), the accepted/rejected code."""
        if self.source_radio.isChecked():
            return self.source_published
        if self.other_radio.isChecked():
            return parse_day(self.date_edit.text())
        return None

    def _validate(self, *_args: object) -> None:
        problems: dict[str, str] = {}
        text = self.date_edit.text().strip()
        if not self.other_radio.isChecked():
            mark(self.date_edit, self.date_info, "", "ok")
        elif not text:
            problems["date"] = "Type a date."
            mark(self.date_edit, self.date_info, problems["date"], "hint")
        else:
            try:
                mark(self.date_edit, self.date_info, format_day(parse_day(text)), "hint")
            except DateError as exc:
                problems["date"] = str(exc)
                mark(self.date_edit, self.date_info, str(exc), "error")
        set_ok(self.ok_button, problems)
