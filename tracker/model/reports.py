"""Reports over time: what each source said about an event, and what follows from them.

An event is followed through many reports, each dated by its source's publication and
each giving its own window, status and place ("near the end of February, venue to be
announced" on 19 Jan; "27 and 28 February in Hanoi" on 9 Feb). The event as known on a
day is rebuilt from the reports published by then, by rules simple enough to state in
the README and the detail pane:

* A firmer kind of report outranks a vaguer one: what happened (occurred) outranks
  plans and announcements, which outrank speculation. Only the reports of the firmest
  kind present count; a plan that is later postponed or cancelled counts from that
  report on.
* Their windows are intersected: the event's date is the narrowest window all of them
  allow. When two of them cannot both be true (their windows do not overlap) the event
  is *disputed* and shows what the latest of them said.
* Status and place come from the latest report that counts (a place only from one that
  names one).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tracker.model.fuzzydate import FuzzyDate, format_day, format_window

FIRMNESS = {"speculated": 0, "announced": 1, "planned": 1, "postponed": 1, "cancelled": 1,
            "occurred": 2}
RESETS = frozenset({"postponed", "cancelled"})  # earlier plans of the same rank are void


@dataclass(frozen=True, slots=True)
class Report:
    """One excerpt seen as a report: its source, when that was published, what it said."""

    excerpt_id: int | None
    event_id: int | None
    source_id: int
    source_title: str
    outlet: str
    published_at: str  # ISO 8601 as the source states it; "" when unknown
    start: FuzzyDate
    end: FuzzyDate | None
    status: str
    location: str
    quote: str

    @property
    def published(self) -> dt.date | None:
        """The publication day as the source's own calendar gives it."""
        try:
            return dt.date.fromisoformat(self.published_at.strip()[:10])
        except ValueError:
            return None

    @property
    def lo(self) -> int:
        return self.start.earliest.toordinal()

    @property
    def hi(self) -> int:
        return max(self.start.latest, (self.end or self.start).latest).toordinal()

    def window_text(self) -> str:
        return format_window(self.start.earliest, (self.end or self.start).latest)

    def credit(self) -> str:
        """"Hindustan Times, 19 Jan 2019" — who said it and when."""
        day = self.published
        who = self.outlet or self.source_title
        return f"{who}, {format_day(day)}" if day else f"{who} (date unknown)"

    def order(self) -> tuple[dt.date, int]:
        return self.published or dt.date.min, self.excerpt_id or 0


@dataclass(frozen=True, slots=True)
class Knowledge:
    """An event as its reports describe it (as of some day, or now)."""

    start: FuzzyDate
    end: FuzzyDate | None
    status: str
    location: str
    disputed: bool
    reports: tuple[Report, ...]  # every report considered, in publication order
    counted: tuple[Report, ...]  # the ones the window and status come from

    @property
    def sources(self) -> int:
        return len({r.source_id for r in self.reports})

    def disagreements(self) -> list[tuple[Report, Report]]:
        """Pairs of counted reports whose windows cannot both be true."""
        out: list[tuple[Report, Report]] = []
        if not self.disputed:
            return out
        for i, a in enumerate(self.counted):
            for b in self.counted[i + 1:]:
                if a.hi < b.lo or b.hi < a.lo:
                    out.append((a, b))
        return out


def published_by(reports: list[Report], day: dt.date) -> list[Report]:
    """The reports someone could have read on ``day``. A source with no publication date
    counts as known on every day: nothing says when it appeared."""
    return [r for r in reports if r.published is None or r.published <= day]


def resolve(reports: list[Report]) -> Knowledge | None:
    """What the reports together say, or None when there are none."""
    if not reports:
        return None
    ordered = sorted(reports, key=Report.order)
    top = max(FIRMNESS.get(r.status, 1) for r in ordered)
    counted = [r for r in ordered if FIRMNESS.get(r.status, 1) == top]
    resets = [i for i, r in enumerate(counted) if r.status in RESETS]
    if resets:
        counted = counted[resets[-1]:]
    latest = counted[-1]
    # A single day inside a range another report gives ("Thursday" within "27–28
    # February") dates a part of the event, such as the day it ended, not all of it.
    ranges = [r for r in counted if r.hi > r.lo and (r.end is not None or r.start.precision == "days")]
    narrowing = [r for r in counted
                 if not (r.lo == r.hi and any(q.lo <= r.lo <= q.hi for q in ranges))] or counted
    lo, hi = max(r.lo for r in narrowing), min(r.hi for r in narrowing)
    disputed = lo > hi
    if disputed:
        start, end = latest.start, latest.end
    else:
        exact = [r for r in narrowing if (r.lo, r.hi) == (lo, hi)]
        if exact:
            start, end = exact[-1].start, exact[-1].end
        else:
            narrowest = min(narrowing, key=lambda r: (r.hi - r.lo, -r.order()[0].toordinal()))
            a, b = dt.date.fromordinal(lo), dt.date.fromordinal(hi)
            start = FuzzyDate(a, b, "day" if a == b else "days", narrowest.start.words)
            end = None
    location = next((r.location for r in reversed(counted) if r.location.strip()), "")
    return Knowledge(start, end, latest.status, location, disputed, tuple(ordered),
                     tuple(counted))
