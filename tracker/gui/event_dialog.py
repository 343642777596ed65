"""The event editor: a form that checks every field as the user types and only returns values.

The dialog never writes to the store; the main window turns ``result_event()`` into an
undoable command. The date field shows how the words will be read while they are typed,
so "late February 2019" is seen to become 20–28 Feb 2019 before anything is saved.

Every string shown comes from a user or a source, so labels are plain text and list
items carry no tooltips (Qt would render a tooltip that looks like HTML as HTML).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable
from dataclasses import replace
from itertools import pairwise

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
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
from tracker.model.dateparse import DateSpan, describe_span, format_fuzzy, parse_date, parse_single
from tracker.model.entities import Event, Excerpt, Participation
from tracker.model.fuzzydate import DateError, FuzzyDate
from tracker.model.vocab import ACTOR_ROLES, EVENT_TYPES, STATUSES
from tracker.store import Store, StoreError

MAX_TITLE = 500
DATE_EXAMPLES = 'e.g. "27 Feb 2019", "late February 2019" or "27–28 Feb 2019"'


def _safe(call, fallback: str) -> str:
    """A date's description, or ``fallback`` where describing it runs off the calendar
    (a window touching year 1 or 9999). Anything else is a bug: it reaches the global
    hook (tracker.gui.errors), which logs it, instead of being hidden here."""
    try:
        return call()
    except (ValueError, OverflowError):  # DateError is a ValueError
        return fallback


def _same_window(a: FuzzyDate | None, b: FuzzyDate | None) -> bool:
    if a is None or b is None:
        return a is b
    return (a.earliest, a.latest) == (b.earliest, b.latest)


class _KeyFilter(QObject):
    """Calls ``handler(key)`` on key presses of the watched widget; consumes the key when the
    handler returns True."""

    def __init__(self, handler, parent: QObject) -> None:
        super().__init__(parent)
        self._handler = handler

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            return bool(self._handler(event.key()))
        return False


class EventDialog(QDialog):
    """Create or edit an event. When editing, excerpts passed in are added to the event's own.

    Dates: the date field takes one date or a range ("27–28 Feb 2019"). A range fills the end
    field, which is then disabled with an explanation (one source of truth: the words typed).
    Otherwise the end field is optional and takes a single date. A date field left as it was
    opened returns the event's original FuzzyDate, so words such as "last summer" survive an
    edit of another field even when they do not parse to the stored window.
    """

    def __init__(self, store: Store, *, event: Event | None = None, initial_date_text: str = "",
                 excerpts: Iterable[Excerpt] = (), reference: dt.date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.original = event
        self.reference = reference
        self._new_uid = str(uuid.uuid4())
        self._actors: list[Participation] = list(event.actors) if event else []
        self._excerpts: list[Excerpt] = [*(event.excerpts if event else ()), *excerpts]
        self._source_titles: dict[int, str] = {}
        self._touched: set[str] = set()
        self._problems: dict[str, str] = {}
        self._start: FuzzyDate | None = None
        self._end: FuzzyDate | None = None
        self._range_mode = False
        self._user_end_text = ""
        self.setWindowTitle(f"Edit Event — {event.title}" if event else "New Event")
        self.setStyleSheet(FORM_STYLE)
        self._build()
        self._fill(initial_date_text)
        self.resize(520, 640)

    # -- construction ----------------------------------------------------------------
    def _build(self) -> None:
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("What happened, e.g. Hanoi summit")
        self.title_info = plain_label()
        self.date_edit = QLineEdit()
        self.date_edit.setPlaceholderText(DATE_EXAMPLES)
        self.date_info = plain_label()
        self.end_edit = QLineEdit()
        self.end_edit.setPlaceholderText("optional, a single date")
        self.end_info = plain_label()
        self.status_combo = QComboBox()
        for key, label in STATUSES.items():
            self.status_combo.addItem(label, key)
        self.type_combo = QComboBox()
        for key, label in EVENT_TYPES.items():
            self.type_combo.addItem(label, key)

        self.actor_name_edit = QLineEdit()
        self.actor_name_edit.setPlaceholderText("Actor name (new names are fine)")
        self._actor_names = [a.name for a in _safe_list(self.store.actors)]
        completer = QCompleter(QStringListModel(self._actor_names, self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.actor_name_edit.setCompleter(completer)
        self.actor_role_combo = QComboBox()
        for key, label in ACTOR_ROLES.items():
            self.actor_role_combo.addItem(label, key)
        self.add_actor_button = QPushButton("Add")
        self.actors_list = QListWidget()
        self.actors_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.actors_list.setMaximumHeight(110)
        self.remove_actor_button = QPushButton("Remove actor")

        self.location_edit = QLineEdit()
        self.summary_edit = QPlainTextEdit()
        self.summary_edit.setTabChangesFocus(True)
        self.tags_edit = QLineEdit()
        self.tags_edit.setPlaceholderText("comma-separated, e.g. summit, nuclear")
        self.excerpts_list = QListWidget()
        self.excerpts_list.setWordWrap(True)
        self.excerpts_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.excerpts_list.setMaximumHeight(120)
        self.excerpts_info = plain_label("This event cites no source yet: select a passage in a "
                                         "source to cite it.")
        self.excerpts_info._tracker_level = "hint"
        self.excerpts_info.setProperty("level", "hint")
        self.remove_excerpt_button = QPushButton("Remove excerpt")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        no_auto_default(self.add_actor_button, self.remove_actor_button,
                        self.remove_excerpt_button, self.cancel_button)
        self.ok_button.setDefault(True)

        actor_row = QHBoxLayout()
        actor_row.setContentsMargins(0, 0, 0, 0)
        actor_row.addWidget(self.actor_name_edit, 1)
        actor_row.addWidget(self.actor_role_combo)
        actor_row.addWidget(self.add_actor_button)
        actor_entry = QWidget()
        actor_entry.setLayout(actor_row)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        add_row(form, "&Title:", self.title_edit, stack(self.title_edit, self.title_info))
        add_row(form, "&Date:", self.date_edit, stack(self.date_edit, self.date_info))
        add_row(form, "&Ends:", self.end_edit, stack(self.end_edit, self.end_info))
        add_row(form, "&Status:", self.status_combo)
        add_row(form, "T&ype:", self.type_combo)
        add_row(form, "&Actors:", self.actor_name_edit,
                stack(actor_entry, self.actors_list, self.remove_actor_button))
        add_row(form, "&Location:", self.location_edit)
        add_row(form, "Su&mmary:", self.summary_edit)
        add_row(form, "Ta&gs:", self.tags_edit)
        add_row(form, "E&xcerpts:", self.excerpts_list,
                stack(self.excerpts_list, self.excerpts_info, self.remove_excerpt_button))
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(buttons)

        order = [self.title_edit, self.date_edit, self.end_edit, self.status_combo, self.type_combo,
                 self.actor_name_edit, self.actor_role_combo, self.add_actor_button,
                 self.actors_list, self.remove_actor_button, self.location_edit, self.summary_edit,
                 self.tags_edit, self.excerpts_list, self.remove_excerpt_button, self.ok_button,
                 self.cancel_button]
        for a, b in pairwise(order):
            QWidget.setTabOrder(a, b)

        for name, edit in (("title", self.title_edit), ("date", self.date_edit),
                           ("end", self.end_edit)):
            edit.textEdited.connect(lambda _text, n=name: self._touch(n))
            edit.textChanged.connect(self._validate)
        self.actor_name_edit.textChanged.connect(
            lambda text: self.add_actor_button.setEnabled(bool(text.strip())))
        self.add_actor_button.clicked.connect(self.add_actor)
        self.remove_actor_button.clicked.connect(self.remove_selected_actors)
        self.remove_excerpt_button.clicked.connect(self.remove_selected_excerpts)
        self.actors_list.itemSelectionChanged.connect(self._update_remove_buttons)
        self.excerpts_list.itemSelectionChanged.connect(self._update_remove_buttons)
        self.actor_name_edit.installEventFilter(_KeyFilter(self._actor_name_key, self))
        self.actors_list.installEventFilter(_KeyFilter(self._list_key(self.remove_selected_actors), self))
        self.excerpts_list.installEventFilter(
            _KeyFilter(self._list_key(self.remove_selected_excerpts), self))

    def _fill(self, initial_date_text: str) -> None:
        event = self.original
        self._initial_date_text = initial_date_text
        self._initial_end_text = ""
        if event is not None:
            self._initial_date_text, self._initial_end_text = self._date_texts(event)
            self.title_edit.setText(event.title)
            _select(self.status_combo, event.status)
            _select(self.type_combo, event.type)
            self.location_edit.setText(event.location)
            self.summary_edit.setPlainText(event.summary)
            self.tags_edit.setText(", ".join(event.tags))
        else:
            _select(self.type_combo, "other")  # the model's default; a guess would mislead
        self._user_end_text = self._initial_end_text
        self.end_edit.setText(self._initial_end_text)
        self.date_edit.setText(self._initial_date_text)
        self.add_actor_button.setEnabled(False)
        self.title_edit.setFocus()
        self._refresh_actors()
        self._refresh_excerpts()
        self._validate()

    def _date_texts(self, event: Event) -> tuple[str, str]:
        """The texts that show the event's dates: its own words when they parse to the same
        window, else the canonical form."""
        words = event.start.words.strip()
        if words:
            span = self._try_parse(words)
            if span is not None and _same_window(span.start, event.start):
                if span.end is None:
                    return words, self._single_text(event.end)
                if _same_window(span.end, event.end):
                    return words, ""
            if span is None and event.id is None:
                # A proposal read from a source ("on Thursday", resolved by the article
                # reader with the sentence's tense): show the source's words; left as
                # they are, they keep the proposed window (see _check_start).
                return words, self._single_text(event.end)
        start_text = _safe(lambda: format_fuzzy(event.start), event.start.window_text())
        return start_text, self._single_text(event.end)

    def _single_text(self, date: FuzzyDate | None) -> str:
        if date is None:
            return ""
        words = date.words.strip()
        if words:
            try:
                if _same_window(parse_single(words, reference=self.reference), date):
                    return words
            except (ValueError, OverflowError):  # words that no longer read as a date
                pass
        return _safe(lambda: format_fuzzy(date), date.window_text())

    def _try_parse(self, text: str) -> DateSpan | None:
        try:
            return parse_date(text, reference=self.reference)
        except (ValueError, OverflowError):  # not a date (DateError is a ValueError)
            return None

    # -- validation ------------------------------------------------------------------
    def _validate(self, *_args) -> None:
        """Recompute every field's state. Input never makes it raise; a bug may, and then
        goes to the global hook (logged, shown as an error), so until this run has
        finished the form counts as unchecked: OK must not stay enabled for a date that
        was never read."""
        self._start, self._problems = None, {"check": "The form is being checked."}
        set_ok(self.ok_button, self._problems)
        problems: dict[str, str] = {}
        title = self.title_edit.text().strip()
        if not title:
            problems["title"] = "A title is required."
            level = "error" if "title" in self._touched else "hint"
            mark(self.title_edit, self.title_info, problems["title"], level)
        elif len(title) > MAX_TITLE:
            problems["title"] = (f"The title is {len(title)} characters long; "
                                 f"keep it to {MAX_TITLE} or fewer.")
            mark(self.title_edit, self.title_info, problems["title"], "error")
        elif "\x00" in title:
            problems["title"] = ("The title contains a NUL character (\\x00), which is not "
                                 "text (it often comes with text pasted from a binary file); "
                                 "remove it.")
            mark(self.title_edit, self.title_info, problems["title"], "error")
        else:
            mark(self.title_edit, self.title_info, "", "ok")

        start, range_end, message = self._check_start()
        if start is None:
            problems["date"] = message
            empty = not self.date_edit.text().strip() and "date" not in self._touched
            mark(self.date_edit, self.date_info, message, "hint" if empty else "error")
        else:
            mark(self.date_edit, self.date_info, message, "ok")
        self._set_range_mode(range_end)

        end: FuzzyDate | None = range_end
        if not self._range_mode:
            end, end_message = self._check_end()
            if end is None and end_message:
                problems["end"] = end_message
                mark(self.end_edit, self.end_info, end_message, "error")
            elif end is not None and start is not None and end.latest < start.earliest:
                problems["end"] = (
                    f"The end ({end.window_text()}) is before the start ({start.window_text()}); "
                    "give an end on or after the start, or leave it empty.")
                mark(self.end_edit, self.end_info, problems["end"], "error")
            elif end is None:
                mark(self.end_edit, self.end_info, "", "ok")
            else:
                mark(self.end_edit, self.end_info, end_message, "ok")
        self._start, self._end = start, end
        self._problems = problems
        set_ok(self.ok_button, problems)

    def _check_start(self) -> tuple[FuzzyDate | None, FuzzyDate | None, str]:
        """(start, end given by a range, message to show under the field)."""
        text = self.date_edit.text().strip()
        event = self.original
        if event is not None and text == self._initial_date_text.strip():
            range_end = event.end if not self._initial_end_text and event.end else None
            span = DateSpan(event.start, range_end)
            return event.start, range_end, _safe(lambda: describe_span(span), event.start.describe())
        if not text:
            return None, None, f"A date is required, {DATE_EXAMPLES}."
        try:
            span = parse_date(text, reference=self.reference)
        except DateError as exc:
            return None, None, str(exc)
        except (ValueError, OverflowError):  # the calendar's edge, reached by arithmetic
            return None, None, f"This date could not be read; try {DATE_EXAMPLES}."
        start = replace(span.start, words=text)
        # Both ends of a range carry the words, as parse_date gives them.
        range_end = replace(span.end, words=text) if span.end is not None else None
        return start, range_end, _safe(lambda: describe_span(span), start.describe())

    def _check_end(self) -> tuple[FuzzyDate | None, str]:
        """(end, message); (None, "") when empty, (None, error) when not a date."""
        text = self.end_edit.text().strip()
        event = self.original
        if event is not None and event.end is not None and self._initial_end_text \
                and text == self._initial_end_text.strip():
            end = event.end
        elif not text:
            return None, ""
        else:
            try:
                end = replace(parse_single(text, reference=self.reference), words=text)
            except DateError as exc:
                return None, str(exc)
            except (ValueError, OverflowError):  # the calendar's edge, reached by arithmetic
                return None, 'This end date could not be read; try e.g. "28 Feb 2019".'
        return end, _safe(lambda: describe_span(DateSpan(end, None)), end.describe())

    def _set_range_mode(self, range_end: FuzzyDate | None) -> None:
        """A range in the date field owns the end: show it there, disabled, and say why."""
        if range_end is not None:
            if not self._range_mode:
                self._user_end_text = self.end_edit.text()
                self._range_mode = True
                self.end_edit.setEnabled(False)
            shown = _safe(lambda: format_fuzzy(range_end), range_end.window_text())
            if self.end_edit.text() != shown:
                self._set_end_text(shown)
            mark(self.end_edit, self.end_info,
                 "Set by the range in the date field; type a single date there to set "
                 "the end here.", "hint")
        elif self._range_mode:
            self._range_mode = False
            self.end_edit.setEnabled(True)
            self._set_end_text(self._user_end_text)

    def _set_end_text(self, text: str) -> None:
        self.end_edit.blockSignals(True)  # no echo into _validate, which is running
        try:
            self.end_edit.setText(text)
        finally:
            self.end_edit.blockSignals(False)

    def _touch(self, name: str) -> None:
        self._touched.add(name)
        self._validate()

    def problems(self) -> dict[str, str]:
        """Field name → what is wrong with it; empty when OK is enabled."""
        return dict(self._problems)

    # -- actors and excerpts ---------------------------------------------------------------
    def add_actor(self) -> None:
        name = " ".join(self.actor_name_edit.text().split())
        if not name:
            return
        # Reuse a known actor's spelling, so "kim jong un" does not create a second actor.
        name = next((n for n in self._actor_names if n.casefold() == name.casefold()), name)
        role = self.actor_role_combo.currentData()
        if not any(p.actor == name and p.role == role for p in self._actors):
            self._actors.append(Participation(name, role))
            self._refresh_actors()
        self.actor_name_edit.clear()
        self.actor_name_edit.setFocus()

    def remove_selected_actors(self) -> None:
        rows = {self.actors_list.row(item) for item in self.actors_list.selectedItems()}
        self._actors = [p for i, p in enumerate(self._actors) if i not in rows]
        self._refresh_actors()

    def remove_selected_excerpts(self) -> None:
        rows = {self.excerpts_list.row(item) for item in self.excerpts_list.selectedItems()}
        self._excerpts = [x for i, x in enumerate(self._excerpts) if i not in rows]
        self._refresh_excerpts()

    def _refresh_actors(self) -> None:
        self.actors_list.clear()
        for p in self._actors:
            self.actors_list.addItem(QListWidgetItem(f"{p.actor} — {ACTOR_ROLES.get(p.role, p.role)}"))
        self._update_remove_buttons()

    def _refresh_excerpts(self) -> None:
        self.excerpts_list.clear()
        for x in self._excerpts:
            quote = x.quote if len(x.quote) <= 300 else x.quote[:299] + "…"
            mark_text = "" if x.valid else "  ⚠ no longer matches the source"
            self.excerpts_list.addItem(QListWidgetItem(f"{self._source_title(x)}: “{quote}”{mark_text}"))
        self.excerpts_list.setVisible(bool(self._excerpts))
        self.excerpts_info.setVisible(not self._excerpts)
        self._update_remove_buttons()

    def _source_title(self, x: Excerpt) -> str:
        if x.source_title:
            return x.source_title
        if x.source_id not in self._source_titles:
            try:
                self._source_titles[x.source_id] = self.store.get_source(x.source_id).title
            except StoreError:  # removed meanwhile: the excerpt still shows
                self._source_titles[x.source_id] = f"Source {x.source_id}"
        return self._source_titles[x.source_id]

    def _update_remove_buttons(self) -> None:
        self.remove_actor_button.setEnabled(bool(self.actors_list.selectedItems()))
        self.remove_excerpt_button.setEnabled(bool(self.excerpts_list.selectedItems()))

    def _actor_name_key(self, key: int) -> bool:
        """Enter in the actor name adds the actor instead of pressing OK."""
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.actor_name_edit.text().strip():
            self.add_actor()
            return True
        return False

    @staticmethod
    def _list_key(remove):
        def handler(key: int) -> bool:
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                remove()
                return True
            return False
        return handler

    # -- result ----------------------------------------------------------------------
    # Set by whoever opened the dialog: saves the result, True when it was saved.
    save: Callable[[], bool] | None = None

    def accept(self) -> None:
        """OK closes the dialog only once the change is saved: a save that fails (the
        database busy, the disk full or read-only) keeps it open with what was typed."""
        if self.save is not None and not self.save():
            return
        super().accept()

    def result_event(self) -> Event:
        """The event as entered. Only meaningful while OK is enabled; raises ValueError
        naming the problems otherwise."""
        if self._problems or self._start is None:
            raise ValueError("The event is not valid: " + " ".join(self._problems.values()))
        event = self.original
        tags = dict.fromkeys(t.strip() for t in self.tags_edit.text().split(",") if t.strip())
        return Event(
            id=event.id if event else None,
            uid=event.uid if event else self._new_uid,
            title=self.title_edit.text().strip(),
            start=self._start,
            end=self._end,
            status=self.status_combo.currentData(),
            type=self.type_combo.currentData(),
            summary=self.summary_edit.toPlainText().strip(),
            location=self.location_edit.text().strip(),
            actors=[Participation(p.actor, p.role) for p in self._actors],
            excerpts=list(self._excerpts),
            tags=list(tags),
            links=list(event.links) if event else [],
            created_at=event.created_at if event else "",
            updated_at=event.updated_at if event else "",
            version=event.version if event else 1,
        )


def _select(combo: QComboBox, key: str) -> None:
    """Select the item stored as ``key``; an unknown key is added so editing keeps it."""
    index = combo.findData(key)
    if index < 0:
        combo.addItem(key, key)
        index = combo.count() - 1
    combo.setCurrentIndex(index)


def _safe_list(call) -> list:
    """The actor names for the completer; the dialog opens without them if the store
    cannot give them (a convenience, not the edit)."""
    try:
        return list(call())
    except StoreError:
        return []
