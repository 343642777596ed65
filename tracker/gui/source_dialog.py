"""Add a source: paste an article or open a .txt file, with its title, outlet, URL and date.

Like the event editor it checks as the user types and only returns a Source; the main
window stores it. The text is kept exactly as read (no trimming, non-breaking spaces
kept), because excerpts will point into it by character offset.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from pathlib import Path
from urllib.parse import urlsplit

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tracker.gui.forms import (
    FORM_STYLE,
    add_row,
    mark,
    no_auto_default,
    plain_label,
    set_ok,
    stack,
)
from tracker.model.entities import Source

MAX_FILE_BYTES = 5 * 1024 * 1024  # as tracker.article.extract.MAX_BYTES
DATE_FORMATS = "YYYY-MM-DD or YYYY-MM-DD HH:MM, optionally with an offset like +05:30"
_STAMP = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[ T](?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"\s*(?P<offset>Z|[+-]\d{2}:?\d{2})?)?")

def read_text_file(path: str | Path) -> str:
    """The text of a UTF-8 file, line endings made "\\n"; ValueError says what is wrong."""
    from tracker.article.extract import read_text

    return read_text(path)


def parse_published(text: str) -> str:
    """"2019-01-19 08:33 +05:30" → "2019-01-19T08:33:00+05:30"; a date alone stays a date.
    ValueError says what is accepted."""
    raw = text.strip()
    m = _STAMP.fullmatch(raw)
    if not m:
        raise ValueError(f"{raw!r} is not a publication date; use {DATE_FORMATS} "
                         "(e.g. 2019-01-19 08:33 +05:30).")
    try:
        day = dt.date.fromisoformat(m["date"])
        if m["hour"] is None:
            return day.isoformat()
        tz = None
        if m["offset"]:
            tz = dt.UTC if m["offset"] == "Z" else _offset(m["offset"])
        stamp = dt.datetime(day.year, day.month, day.day, int(m["hour"]), int(m["minute"]),
                            int(m["second"] or 0), tzinfo=tz)
    except ValueError as exc:
        raise ValueError(f"{raw!r} is not a real date and time ({exc}); use {DATE_FORMATS}.") from None
    return stamp.isoformat()


def _offset(text: str) -> dt.timezone:
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:])
    if hours > 23 or minutes > 59:
        raise ValueError(f"the offset {text} is out of range")
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))


def check_url(text: str) -> str:
    """"" or an http(s) URL; ValueError otherwise."""
    url = text.strip()
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c.isspace() for c in url):
        raise ValueError("The URL must start with http:// or https:// and name a site, e.g. "
                         "https://www.hindustantimes.com/…; or leave it empty.")
    return url


class SourceDialog(QDialog):
    """Collect a new source. ``result_source()`` gives it once OK is enabled."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add Source")
        self.setStyleSheet(FORM_STYLE)
        self._uid = str(uuid.uuid4())
        self._loaded_text: str | None = None  # exact text of the opened file, until edited
        self._touched: set[str] = set()
        self._problems: dict[str, str] = {}
        self._file_error = ""

        self.title_edit = QLineEdit()
        self.title_info = plain_label()
        self.outlet_edit = QLineEdit()
        self.outlet_edit.setPlaceholderText("e.g. Hindustan Times")
        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText("optional, https://…")
        self.url_info = plain_label()
        self.published_edit = QLineEdit()
        self.published_edit.setPlaceholderText("e.g. 2019-01-19 08:33 +05:30")
        self.published_info = plain_label()
        self.open_button = QPushButton("Open .txt…")
        self.text_edit = QPlainTextEdit()
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setPlaceholderText("Paste the article's text here, or open a .txt file.")
        self.text_info = plain_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        no_auto_default(self.open_button, self.cancel_button)
        self.ok_button.setDefault(True)

        text_row = QHBoxLayout()
        text_row.setContentsMargins(0, 0, 0, 0)
        text_row.addStretch(1)
        text_row.addWidget(self.open_button)
        text_tools = QWidget()
        text_tools.setLayout(text_row)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        add_row(form, "&Title:", self.title_edit, stack(self.title_edit, self.title_info))
        add_row(form, "O&utlet:", self.outlet_edit)
        add_row(form, "&URL:", self.url_edit, stack(self.url_edit, self.url_info))
        add_row(form, "&Published:", self.published_edit,
                stack(self.published_edit, self.published_info))
        add_row(form, "Te&xt:", self.text_edit, stack(self.text_edit, self.text_info, text_tools))
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(buttons)
        for a, b in ((self.title_edit, self.outlet_edit), (self.outlet_edit, self.url_edit),
                     (self.url_edit, self.published_edit), (self.published_edit, self.text_edit),
                     (self.text_edit, self.open_button), (self.open_button, self.ok_button),
                     (self.ok_button, self.cancel_button)):
            QWidget.setTabOrder(a, b)

        for name, edit in (("title", self.title_edit), ("url", self.url_edit),
                           ("published", self.published_edit)):
            edit.textEdited.connect(lambda _t, n=name: self._touch(n))
            edit.textChanged.connect(self._validate)
        self.text_edit.textChanged.connect(self._text_changed)
        self.open_button.clicked.connect(self.open_file)
        self._validate()
        self.resize(560, 600)

    # -- loading ------------------------------------------------------------------------
    def open_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, "Open a text file", "", "Text files (*.txt);;All files (*)")
        if path:
            self.load_file(path)

    def load_file(self, path: str | Path) -> bool:
        """Fill the text from a file (and the title from its name when empty). On a bad file
        the message shows under the text and nothing else changes; returns success."""
        try:
            text = read_text_file(path)
        except ValueError as exc:
            self._file_error = str(exc)
            self._validate()
            return False
        self._file_error = ""
        self.text_edit.setPlainText(text)
        self._loaded_text = text  # after setPlainText, whose textChanged clears it
        if not self.title_edit.text().strip():
            self.title_edit.setText(" ".join(Path(path).stem.replace("_", " ").split()))
        self._validate()
        return True

    def _text_changed(self) -> None:
        self._loaded_text = None
        self._file_error = ""
        self._touched.add("text")
        self._validate()

    def _touch(self, name: str) -> None:
        self._touched.add(name)
        self._validate()

    def text(self) -> str:
        """The text as it will be stored. QPlainTextEdit.toPlainText would turn non-breaking
        spaces into spaces, so read the raw text (paragraph separators back to newlines)."""
        if self._loaded_text is not None:
            return self._loaded_text
        return self.text_edit.document().toRawText().replace("\u2029", "\n")

    # -- validation -------------------------------------------------------------------------
    def _validate(self, *_args) -> None:
        problems: dict[str, str] = {}
        title = self.title_edit.text().strip()
        if not title:
            problems["title"] = "A title is required."
            mark(self.title_edit, self.title_info, problems["title"],
                 "error" if "title" in self._touched else "hint")
        elif len(title) > 500:
            problems["title"] = f"The title is {len(title)} characters long; keep it to 500 or fewer."
            mark(self.title_edit, self.title_info, problems["title"], "error")
        else:
            mark(self.title_edit, self.title_info, "", "ok")

        try:
            check_url(self.url_edit.text())
            mark(self.url_edit, self.url_info, "", "ok")
        except ValueError as exc:
            problems["url"] = str(exc)
            mark(self.url_edit, self.url_info, problems["url"], "error")

        raw = self.published_edit.text().strip()
        if not raw:
            problems["published"] = f"The publication date is required: {DATE_FORMATS}."
            mark(self.published_edit, self.published_info, problems["published"],
                 "error" if "published" in self._touched else "hint")
        else:
            try:
                mark(self.published_edit, self.published_info, f"Stored as {parse_published(raw)}",
                     "ok")
            except ValueError as exc:
                problems["published"] = str(exc)
                mark(self.published_edit, self.published_info, problems["published"], "error")

        text = self.text()
        if self._file_error:
            problems["text"] = self._file_error
            mark(self.text_edit, self.text_info, self._file_error, "error")
        elif not text.strip():
            problems["text"] = "The source's text is required: paste it or open a .txt file."
            mark(self.text_edit, self.text_info, problems["text"],
                 "error" if "text" in self._touched else "hint")
        elif len(text) > MAX_FILE_BYTES // 4 and len(text.encode("utf-8")) > MAX_FILE_BYTES:
            problems["text"] = "The text is longer than 5 MB; split the source."
            mark(self.text_edit, self.text_info, problems["text"], "error")
        else:
            mark(self.text_edit, self.text_info, f"{len(text):,} characters", "ok")
        self._problems = problems
        set_ok(self.ok_button, problems)

    def problems(self) -> dict[str, str]:
        """Field name → what is wrong with it; empty when OK is enabled."""
        return dict(self._problems)

    def result_source(self) -> Source:
        """The new source (id None, a fresh uid). Raises ValueError while a field is invalid."""
        if self._problems:
            raise ValueError("The source is not valid: " + " ".join(self._problems.values()))
        return Source(id=None, uid=self._uid, title=self.title_edit.text().strip(), text=self.text(),
                      outlet=self.outlet_edit.text().strip(), url=check_url(self.url_edit.text()),
                      published_at=parse_published(self.published_edit.text()), kind="article")
