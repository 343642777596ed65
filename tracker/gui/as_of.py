"""The toolbar's "As known on" control: the timeline as it could be drawn on a past day.

A check box turns it on, a date field picks the day, ◀ and ▶ step to the previous or
next day a cited source was published, and Play steps through them all, one frame per
day, so the story visibly firms up ("late Feb, planned, venue to be announced" becomes
"27–28 Feb, Hanoi" and then "occurred"). The day is part of the window's filter
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

PLAY_MS = 1200  # one step of the story per this many milliseconds


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
            self.window.set_filter(replace(self.window.filter, as_of=day))

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
        if not self.step(1):
            self.play.setChecked(False)  # the end of the story
