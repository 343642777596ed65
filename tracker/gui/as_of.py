"""The toolbar's "As known on" control: the timeline as it could be drawn on a past day.

A check box turns it on, a date field picks the day, ◀ and ▶ step to the previous or
next day a cited source was published, and Play steps through them all, one frame per
day, so the story visibly firms up ("late Feb, planned, venue to be announced" becomes
"27–28 Feb, Hanoi" and then "occurred"; a change of day moves each window to its new
place in a few frames). The day is part of the window's filter
(Filter.as_of), so the timeline, the table, the chips and image export all follow it;
the detail pane greys the reports that were not published yet.

View → Show Source Counts makes every label say how many sources report its event.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import QDate, QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QToolBar, QToolButton, QWidget

from tracker.model.filters import Filter
from tracker.store.reports import publication_days
from tracker.timeline.items import TimelineData, TimelineItem

PLAY_MS = 1200  # one step of the story per this many milliseconds
TWEEN_FRAMES = 8  # a change of day moves the windows to their new places in this many frames
TWEEN_MS = 35
TWEEN_MAX_ITEMS = 400  # a busier view jumps (each frame is a fetch and a layout)


def _lerp(a: int, b: int, t: float) -> int:
    return round(a + (b - a) * t)


def tween(old: dict[int, TimelineItem], items: list[TimelineItem], t: float) -> list[TimelineItem]:
    """The items part of the way (``t`` from 0 to 1) from where ``old`` drew them: the
    story firming up is seen as windows narrowing and moving, not as a jump. Events new
    on this day appear at once; status and label change at the end."""
    out = []
    for item in items:
        was = old.get(item.id)
        if was is None or t >= 1:
            out.append(item)
            continue
        end_lo = item.end_lo if item.end_lo is not None else item.start_hi
        end_hi = item.end_hi if item.end_hi is not None else item.start_hi
        was_lo = was.end_lo if was.end_lo is not None else was.start_hi
        was_hi = was.end_hi if was.end_hi is not None else was.start_hi
        start_lo = _lerp(was.start_lo, item.start_lo, t)
        start_hi = max(start_lo, _lerp(was.start_hi, item.start_hi, t))
        moving_end = item.end_lo is not None or was.end_lo is not None
        out.append(item._replace(
            start_lo=start_lo, start_hi=start_hi,
            end_lo=max(start_lo, _lerp(was_lo, end_lo, t)) if moving_end else None,
            end_hi=max(start_hi, _lerp(was_hi, end_hi, t)) if moving_end else None,
            status=was.status if t < 1 else item.status, title=was.title))
    return out


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class AsOfControl(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.widget = QWidget()
        self.widget.setObjectName("as-of")
        self.check = QCheckBox("As known on")
        self.check.setToolTip("Show the timeline as the reports published by this day told it")
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMM yyyy")
        self.date.setDate(_qdate(dt.date.today()))
        self.date.setEnabled(False)
        self.prev = QToolButton()
        self.prev.setText("◀")
        self.prev.setToolTip("The previous day a cited source was published")
        self.next = QToolButton()
        self.next.setText("▶")
        self.next.setToolTip("The next day a cited source was published")
        self.play = QToolButton()
        self.play.setText("Play")
        self.play.setCheckable(True)
        self.play.setToolTip("Step through every day a cited source was published")
        layout = QHBoxLayout(self.widget)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(2)
        for w in (self.check, self.date, self.prev, self.next, self.play):
            layout.addWidget(w)
        self.toolbar = QToolBar("As Known On", window)  # a row of its own: always in sight
        self.toolbar.setObjectName("as-of-toolbar")
        self.toolbar.addWidget(self.widget)
        self.timer = QTimer(self)
        self.timer.setInterval(PLAY_MS)
        self.timer.timeout.connect(self._tick)
        self._from: dict[int, TimelineItem] = {}  # where the last frame drew each event
        self._t = 1.0
        self.tween_timer = QTimer(self)
        self.tween_timer.setInterval(TWEEN_MS)
        self.tween_timer.timeout.connect(self._tween_step)
        self.check.toggled.connect(self._toggled)
        self.date.dateChanged.connect(lambda d: self._apply(_pydate(d)) if self.check.isChecked() else None)
        self.prev.clicked.connect(lambda: self.step(-1))
        self.next.clicked.connect(lambda: self.step(1))
        self.play.toggled.connect(self._play)
        self.act_sources = QAction("Show Source &Counts", window)
        self.act_sources.setCheckable(True)
        self.act_sources.setStatusTip("Say in each label how many sources report the event")
        self.act_sources.toggled.connect(lambda _on: window.canvas.refresh())

    # -- the day ----------------------------------------------------------------------
    @property
    def day(self) -> dt.date | None:
        return self.window.filter.as_of

    def set_day(self, day: dt.date | None) -> None:
        """Show the timeline as known on ``day`` (None: as known now)."""
        self._sync(day)
        self._apply(day)

    def _apply(self, day: dt.date | None) -> None:
        if day != self.window.filter.as_of:
            data = self.window.canvas.data
            if not data.bins and len(data.items) <= TWEEN_MAX_ITEMS:
                self._from = {i.id: i for i in data.items}
                self._t = 0.0
            self.window.set_filter(replace(self.window.filter, as_of=day))
            if self._from:
                self.tween_timer.start()

    # -- the change of day, drawn as movement ------------------------------------------
    def shape(self, data: TimelineData) -> TimelineData:
        """The window's fetched data, part of the way from the last day's frame while a
        change of day is being drawn (MainWindow._fetch passes every fetch through)."""
        if self._from and self._t < 1:
            data.items = tween(self._from, data.items, self._t)
        return data

    def _tween_step(self) -> None:
        if self.window.canvas.closed:  # the window (and its store) went away
            self.tween_timer.stop()
            return
        self._t = min(1.0, self._t + 1 / TWEEN_FRAMES)
        if self._t >= 1:
            self.finish_tween()
        else:
            self.window.canvas.refresh()

    def finish_tween(self) -> None:
        """Draw the day's frame now (the end of the movement)."""
        was_moving = bool(self._from)
        self.tween_timer.stop()
        self._from = {}
        self._t = 1.0
        if was_moving:
            self.window.canvas.refresh()

    def filter_changed(self, keep: Filter) -> None:
        """Follow the filter (its chip may have been removed); no echo back."""
        self._sync(keep.as_of)
        w = self.window
        # "Overdue" is judged on that day, as it would have been then.
        w.model.reference_day = w.detail.reference_day = (
            keep.as_of.toordinal() if keep.as_of else w.reference_day())
        w.detail.reports.as_of = keep.as_of
        w.detail.reports.show_event(w.detail.current_event)

    def as_known(self, event):
        """The event as its reports published by the chosen day gave it (as it is when
        the control is off), for the detail pane."""
        if self.day is None or event is None:
            return event
        from tracker.store.reports import events_as_known

        return events_as_known(self.window.store, [event], self.day)[0]

    def _sync(self, day: dt.date | None) -> None:
        for w in (self.check, self.date):
            w.blockSignals(True)
        self.check.setChecked(day is not None)
        self.date.setEnabled(day is not None)
        if day is not None:
            self.date.setDate(_qdate(day))
        for w in (self.check, self.date):
            w.blockSignals(False)
        if day is None and self.play.isChecked():
            self.play.setChecked(False)

    def _toggled(self, on: bool) -> None:
        if not on:
            self.set_day(None)
            return
        days = publication_days(self.window.store)
        self.set_day(days[-1] if days else _pydate(self.date.date()))

    def step(self, direction: int) -> bool:
        """To the previous (-1) or next (+1) publication day; False when there is none."""
        days = publication_days(self.window.store)
        current = self.day
        if current is None:
            target = days[0] if direction > 0 and days else (days[-1] if days else None)
        elif direction > 0:
            target = next((d for d in days if d > current), None)
        else:
            target = next((d for d in reversed(days) if d < current), None)
        if target is None:
            return False
        self.set_day(target)
        return True

    # -- playing --------------------------------------------------------------------
    def _play(self, on: bool) -> None:
        if not on:
            self.timer.stop()
            return
        days = publication_days(self.window.store)
        if not days:
            self.play.setChecked(False)
            self.window.statusBar().showMessage("No cited source has a publication date.", 5000)
            return
        if self.day is None or self.day >= days[-1]:
            self.set_day(days[0])  # from the beginning of the story
        self.timer.start()

    def _tick(self) -> None:
        if self.window.canvas.closed:
            self.timer.stop()
            return
        if not self.step(1):
            self.play.setChecked(False)  # the end of the story
