"""The detail pane: the selected event's fields and its source, excerpt highlighted.

Every string shown here comes from a source, an import or a user, so everything is set
as plain text (never interpreted as HTML).
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QTextCharFormat, QTextCursor

# Dialog classes (QMessageBox, QFileDialog, ...) are imported where they are used: each
# costs the start-up time to set up, and the window needs none of them to open.
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from tracker.gui.forms import plain
from tracker.gui.reports_view import ReportsView
from tracker.gui.scroll import viewport_of
from tracker.model.entities import Event, Source
from tracker.model.vocab import ACTOR_ROLES, EVENT_TYPES, LINK_KINDS, STATUSES
from tracker.store import Store
from tracker.store.repo import DUE_STATUSES, is_overdue


def _plain_label(word_wrap: bool = True) -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(word_wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _published(source: Source) -> str:
    try:
        stamp = dt.datetime.fromisoformat(source.published_at)
    except ValueError:
        return source.published_at
    if len(source.published_at.strip()) == 10:  # a day without a time: no "00:00"
        return stamp.strftime("%-d %b %Y")
    return stamp.strftime("%-d %b %Y, %H:%M") + (f" {stamp.strftime('%z')}" if stamp.tzinfo else "")


class DetailPane(QWidget):
    def __init__(self, store: Store, parent=None) -> None:
        super().__init__(parent)
        self.store = store
        self.current_event: Event | None = None
        self.reference_day = dt.date.today().toordinal()  # "overdue" is measured to this
        self._excerpt_selection: QTextEdit.ExtraSelection | None = None
        self._search_selections: list[QTextEdit.ExtraSelection] = []
        self._search_terms: list[str] = []
        self.source: Source | None = None
        self.title = _plain_label()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.fields: dict[str, QLabel] = {}
        # A grid, not a QFormLayout: the form layout gave wrapped values the height of
        # another width, and their second lines were drawn over the next field.
        form = QGridLayout()
        form.setColumnStretch(1, 1)
        form.setHorizontalSpacing(10)
        self.field_names: dict[str, QLabel] = {}
        for row, (key, label) in enumerate((
                ("date", "Date"), ("status", "Status"), ("type", "Type"), ("actors", "Actors"),
                ("location", "Location"), ("tags", "Tags"), ("links", "Links"),
                ("summary", "Summary"))):
            self.fields[key] = _plain_label()
            name = self.field_names[key] = _plain_label(word_wrap=False)
            name.setText(label + ":")
            form.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            form.addWidget(self.fields[key], row, 1, Qt.AlignmentFlag.AlignTop)
        self.excerpt_picker = QComboBox()
        self.excerpt_picker.setToolTip("The passages this event cites; pick one to show it")
        self.excerpt_picker.currentIndexChanged.connect(self._show_excerpt)
        self.source_picker = QComboBox()
        self.source_picker.setToolTip("Read any stored source; select a passage to cite it")
        self.source_picker.activated.connect(self._pick_source)
        self.source_label = _plain_label()
        self.link_button = QPushButton("Open Source Page…")
        self.link_button.clicked.connect(self.open_source_url)
        self.link_button.setEnabled(False)
        self.source_label.setStyleSheet("color: palette(placeholder-text);")
        self.article = ArticleView()
        self.article.setReadOnly(True)
        self.article.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.article.setObjectName("article")
        # Fields on top (scrolling when the pane is short), the article below; the user
        # can move the split between them.
        fields = FitHeight()
        top = QVBoxLayout(fields)
        top.setContentsMargins(6, 6, 6, 6)
        top.addWidget(self.title)
        top.addLayout(form)
        self.reports = ReportsView(store, self)  # who said what, and when (issue 19)
        top.addWidget(self.reports)
        top.addStretch(1)
        self.fields_box = fields
        self.fields_scroll = scroll = QScrollArea()
        scroll.setWidget(fields)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        # The article's header is two rows (which passage; which source, its page), so
        # the text itself gets the height.
        reader = QWidget()
        bottom = QVBoxLayout(reader)
        bottom.setContentsMargins(6, 0, 6, 6)
        bottom.setSpacing(4)
        bottom.addWidget(self.excerpt_picker)
        source_row = QHBoxLayout()
        source_row.addWidget(self.source_picker, 1)
        source_row.addWidget(self.link_button)
        bottom.addLayout(source_row)
        bottom.addWidget(self.source_label)
        bottom.addWidget(self.article, 1)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.setObjectName("detail-split")
        self.split.setChildrenCollapsible(False)
        self.split.addWidget(scroll)
        self.split.addWidget(reader)
        # The article takes two thirds of the pane and of any change in its height (the
        # fields scroll); the window remembers where the person puts the split.
        self.split.setStretchFactor(0, 1)
        self.split.setStretchFactor(1, 2)
        self.split.setSizes([150, 300])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.split)
        self.reload_sources()
        self.show_event(None)

    def reload_sources(self) -> None:
        """Refill the source picker (after a source was added or removed)."""
        current = self.source.id if self.source else None
        self.source_picker.blockSignals(True)
        self.source_picker.clear()
        for source_id, title, outlet in self.store.source_titles():
            self.source_picker.addItem(f"{title} — {outlet or 'no outlet'}", source_id)
        self.source_picker.blockSignals(False)
        self._sync_source_picker(current)

    def _sync_source_picker(self, source_id: int | None) -> None:
        index = self.source_picker.findData(source_id) if source_id is not None else -1
        self.source_picker.blockSignals(True)
        self.source_picker.setCurrentIndex(index)
        self.source_picker.blockSignals(False)

    def _pick_source(self, index: int) -> None:
        source_id = self.source_picker.itemData(index)
        if source_id is not None:
            self.show_source(int(source_id))

    def show_source(self, source_id: int) -> None:
        """Show a whole source, highlighting this event's excerpts in it if it has any."""
        if self.current_event is not None:
            for i, x in enumerate(self.current_event.excerpts):
                if x.source_id == source_id:
                    self.excerpt_picker.setCurrentIndex(i)
                    self._show_excerpt(i)
                    return
        self._load_source(source_id)
        self._excerpt_selection = None
        self._apply_highlights()

    def _load_source(self, source_id: int) -> None:
        if self.source is not None and self.source.id == source_id:
            return
        self.source = self.store.get_source(source_id)
        self.article.setPlainText(self.source.text)
        self._excerpt_selection = None
        self._apply_highlights()
        self.source_label.setText(
            f"{self.source.title} — {self.source.outlet or 'unknown outlet'}, "
            f"published {_published(self.source)}")
        self._sync_source_picker(source_id)
        self._update_link()

    def _update_link(self) -> None:
        url = self.source.url if self.source else ""
        ok = is_web_url(url)
        self.link_button.setEnabled(ok)
        self.link_button.setToolTip(
            url if ok else ("This source has no web address." if not url else
                            "Only http and https addresses are opened."))

    def open_source_url(self) -> bool:
        """Open the source's page in the browser, after asking (addresses come from
        strangers' files too)."""
        from PySide6.QtWidgets import QMessageBox

        url = self.source.url if self.source else ""
        if not is_web_url(url):
            return False
        answer = QMessageBox.question(self, "Open Source Page", plain(describe_url(url)))
        if answer != QMessageBox.StandardButton.Yes:
            return False
        return QDesktopServices.openUrl(QUrl(url))

    def selected_span(self) -> tuple[Source, int, int, str] | None:
        """The passage selected in the article: (source, start, end, text) in code points."""
        cursor = self.article.textCursor()
        if self.source is None or not cursor.hasSelection():
            return None
        text = self.source.text
        start = _py_pos(text, cursor.selectionStart())
        end = _py_pos(text, cursor.selectionEnd())
        # Trim surrounding whitespace: a passage starts and ends with words.
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            return None
        return self.source, start, end, text[start:end]

    def show_event(self, event: Event | None) -> None:
        self.current_event = event
        self.reports.show_event(event)
        if event is None:
            self.title.setText("No event selected")
            for label in self.fields.values():
                label.setText("")
            self.fields_box.fit()
            self.excerpt_picker.clear()
            self.excerpt_picker.setEnabled(False)
            self._excerpt_selection = None
            self._search_selections = []
            self.article.setPlainText("Select an event on the timeline or in the table to see "
                                      "the passage of its source that reports it.")
            self.source = None
            self._update_link()
            self.source_label.setText("")
            self._sync_source_picker(None)
            return
        self.title.setText(event.title)
        words = f' — "{event.start.words}"' if event.start.words else ""
        date = event.start.describe() + words
        if event.end:
            date += f"; ends {event.end.describe()}"
        self.fields["date"].setText(date)
        status = STATUSES.get(event.status, event.status)
        fulfilled = any(k.kind == "fulfils" and k.to_id == event.id for k in event.links)
        if is_overdue(event.status, event.latest.toordinal(), fulfilled, self.reference_day):
            reference = dt.date.fromordinal(self.reference_day)
            status += (f" — overdue: its window ended {event.latest:%d %b %Y}, before "
                       f"{reference:%d %b %Y}, and no event fulfils it")
        elif event.status in DUE_STATUSES and fulfilled:
            status += " — fulfilled"
        self.fields["status"].setText(status)
        self.fields["type"].setText(EVENT_TYPES.get(event.type, event.type))
        self.fields["actors"].setText(", ".join(
            f"{p.actor} ({ACTOR_ROLES.get(p.role, p.role).lower()})" for p in event.actors) or "—")
        self.fields["location"].setText(event.location or "—")
        self.fields["tags"].setText(", ".join(event.tags) or "—")
        self.fields["links"].setText("\n".join(
            (f"{LINK_KINDS.get(k.kind, k.kind)} → {k.other_title}" if k.from_id == event.id
             else f"{k.other_title} {LINK_KINDS.get(k.kind, k.kind)} this")
            for k in event.links) or "—")
        self.fields["summary"].setText(event.summary or "—")
        self.fields_box.fit()
        self.excerpt_picker.blockSignals(True)
        self.excerpt_picker.clear()
        for n, x in enumerate(event.excerpts, 1):
            mark = "" if x.valid else "  ⚠ no longer matches the source"
            self.excerpt_picker.addItem(
                f"Excerpt {n} of {len(event.excerpts)} — {x.source_title}{mark}")
        self.excerpt_picker.blockSignals(False)
        self.excerpt_picker.setEnabled(bool(event.excerpts))
        if event.excerpts:
            self.excerpt_picker.setCurrentIndex(0)
            self._show_excerpt(0)
        else:
            self.source = None
            self._update_link()
            self.source_label.setText("This event cites no source yet.")
            self._excerpt_selection = None
            self._search_selections = []
            self.article.setPlainText("")

    def current_excerpt_range(self) -> tuple[int, int] | None:
        """Character range of the cited passage highlighted in the article."""
        if self._excerpt_selection is None:
            return None
        cursor = self._excerpt_selection.cursor
        return cursor.selectionStart(), cursor.selectionEnd()

    def set_search_terms(self, terms: list[str]) -> None:
        """Highlight these words and phrases wherever they occur in the article."""
        self._search_terms = terms
        self._apply_highlights()

    def search_hit_ranges(self) -> list[tuple[int, int]]:
        return [(s.cursor.selectionStart(), s.cursor.selectionEnd())
                for s in self._search_selections]

    def _apply_highlights(self) -> None:
        self._search_selections = []
        if self.source is not None and self._search_terms:
            fmt = QTextCharFormat()
            fmt.setBackground(QColor("#80deea"))
            fmt.setForeground(QColor("#000000"))
            lowered = self.source.text.lower()
            taken: list[tuple[int, int]] = []
            for term in self._search_terms:  # longest first: a phrase beats its words
                start = lowered.find(term.lower())
                while start >= 0 and len(self._search_selections) < MAX_SEARCH_MARKS:
                    end = start + len(term)
                    if not any(a < end and start < b for a, b in taken):
                        taken.append((start, end))
                        selection = QTextEdit.ExtraSelection()
                        selection.format = fmt
                        selection.cursor = self._cursor(start, end)
                        self._search_selections.append(selection)
                    start = lowered.find(term.lower(), end)
        marks = list(self._search_selections)
        if self._excerpt_selection is not None:
            marks.append(self._excerpt_selection)  # drawn last: the passage stays clear
        self.article.setExtraSelections(marks)

    def _cursor(self, start: int, end: int) -> QTextCursor:
        assert self.source is not None
        cursor = QTextCursor(self.article.document())
        cursor.setPosition(_qt_pos(self.source.text, start))
        cursor.setPosition(_qt_pos(self.source.text, end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _show_excerpt(self, index: int) -> None:
        if self.current_event is None or not (0 <= index < len(self.current_event.excerpts)):
            return
        excerpt = self.current_event.excerpts[index]
        self._load_source(excerpt.source_id)
        assert self.source is not None
        fmt = QTextCharFormat()
        highlight = QColor("#ffd54f") if excerpt.valid else QColor("#ef9a9a")
        fmt.setBackground(highlight)
        fmt.setForeground(QColor("#000000"))
        selection = QTextEdit.ExtraSelection()
        selection.format = fmt
        selection.cursor = self._cursor(excerpt.char_start, excerpt.char_end)
        self._excerpt_selection = selection
        self._apply_highlights()
        # Put the caret at the excerpt and scroll it into the middle of the pane.
        caret = QTextCursor(self.article.document())
        caret.setPosition(_qt_pos(self.source.text, excerpt.char_start))
        self.article.setTextCursor(caret)
        self.article.reveal_cursor()


class FitHeight(QWidget):
    """The fields' box inside their scroll area. QScrollArea sizes its widget by the
    minimum size hint, which ignores word wrap: wrapped values then got less height than
    their lines and were drawn over the next field. This box asks for the height its
    layout needs at its current width, so rows never overlap and the area scrolls."""

    def fit(self) -> None:
        layout = self.layout()
        need = layout.heightForWidth(self.width()) if layout is not None else -1
        if need > 0 and need != self.minimumHeight():
            self.setMinimumHeight(need)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit()


class ArticleView(QPlainTextEdit):
    """The source text. Keeps the cited passage in view even when it is shown before the
    pane has its final size (at start-up), by centring again on the first resizes."""

    def __init__(self) -> None:
        super().__init__()
        self._pending_reveal = False

    def reveal_cursor(self) -> None:
        self.centerCursor()
        self._pending_reveal = not self.isVisible() or viewport_of(self).height() < 50

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._pending_reveal and viewport_of(self).height() >= 50:
            self.centerCursor()
            self._pending_reveal = not self.isVisible()


MAX_SEARCH_MARKS = 2000  # enough for any article; a 5 MB text must not freeze the pane


def describe_url(url: str) -> str:
    """The question before opening a stranger's address: the site by itself, in ASCII
    (an internationalised name as punycode), and the address with every character that is
    not plain ASCII percent-encoded, so a name before an "@" or a right-to-left override
    cannot pass one site off as another."""
    parsed = QUrl(url.strip(), QUrl.ParsingMode.StrictMode)
    host = bytes(QUrl.toAce(parsed.host())).decode("ascii", "replace") or parsed.host()
    shown = bytes(parsed.toEncoded()).decode("ascii", "replace")
    text = f"Open a page of the site {host} in your web browser?\n\nFull address: {shown}"
    if parsed.userInfo():
        text += (f"\n\nCareful: the address starts with {parsed.userInfo()!r} and an \"@\"; "
                 f"the site it opens is {host}, not that name.")
    return text


def is_web_url(url: str) -> bool:
    parsed = QUrl(url.strip(), QUrl.ParsingMode.StrictMode)
    return parsed.isValid() and parsed.scheme() in ("http", "https") and bool(parsed.host())


@functools.lru_cache(maxsize=8)
def _astral(text: str) -> tuple[int, ...]:
    """Offsets of the characters outside the BMP, which count twice in Qt (UTF-16); found
    once per text, so converting a position costs a binary search, not a scan."""
    return tuple(i for i, ch in enumerate(text) if ord(ch) > 0xFFFF)


def _qt_pos(text: str, index: int) -> int:
    """Python code-point offset -> Qt (UTF-16) position."""
    return index + bisect.bisect_left(_astral(text), index)


def _py_pos(text: str, qt_index: int) -> int:
    """Qt (UTF-16) position -> Python code-point offset, the inverse of _qt_pos."""
    astral = _astral(text)
    lo, hi = 0, min(len(text), qt_index)
    while lo < hi:  # the first offset whose Qt position reaches qt_index
        mid = (lo + hi) // 2
        if mid + bisect.bisect_left(astral, mid) < qt_index:
            lo = mid + 1
        else:
            hi = mid
    return lo
