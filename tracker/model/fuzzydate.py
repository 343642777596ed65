"""Dates as the text states them: a window (earliest..latest), a precision and the words.

"near the end of February" is stored as 2019-02-20..2019-02-28 with precision
"part_of_month" and the words themselves, never as a fake exact day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tracker.model.vocab import PRECISIONS


class DateError(ValueError):
    """A date that cannot be understood or is inconsistent. The message is for people."""


MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True, slots=True)
class FuzzyDate:
    earliest: dt.date
    latest: dt.date
    precision: str = "day"
    words: str = ""

    def __post_init__(self) -> None:
        if self.precision not in PRECISIONS:
            raise DateError(
                f"precision {self.precision!r} is not known; use one of: {', '.join(PRECISIONS)}"
            )
        if self.latest < self.earliest:
            raise DateError(
                f"the latest date {self.latest.isoformat()} is before the earliest "
                f"{self.earliest.isoformat()}"
            )

    @classmethod
    def exact(cls, day: dt.date, words: str = "") -> FuzzyDate:
        return cls(day, day, "day", words)

    @classmethod
    def from_iso(cls, earliest: str, latest: str | None, precision: str, words: str = "") -> FuzzyDate:
        """Build from stored ISO strings; a bad string raises DateError naming it."""
        return cls(parse_iso_day(earliest), parse_iso_day(latest or earliest), precision, words)

    @property
    def is_exact(self) -> bool:
        return self.earliest == self.latest

    @property
    def days(self) -> int:
        return (self.latest - self.earliest).days + 1

    def window_text(self) -> str:
        """The window in compact human form: "18 Jan 2019", "May 2018", "20–28 Feb 2019"."""
        return format_window(self.earliest, self.latest)

    def describe(self) -> str:
        """Window plus precision, as the editor and detail pane show it."""
        return f"{self.window_text()}, {PRECISIONS[self.precision]}"


def parse_iso_day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        raise DateError(f"{text!r} is not an ISO date (YYYY-MM-DD)") from None


def _month_end(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def format_day(day: dt.date) -> str:
    return f"{day.day} {MONTH_ABBR[day.month - 1]} {day.year}"


def format_window(a: dt.date, b: dt.date) -> str:
    """Shortest faithful text for a window of days."""
    if a == b:
        return format_day(a)
    if a.day == 1 and a.month == 1 and b.month == 12 and b.day == 31:
        return str(a.year) if a.year == b.year else f"{a.year}–{b.year}"
    if a.day == 1 and b == _month_end(b.year, b.month):
        first = f"{MONTH_ABBR[a.month - 1]} {a.year}"
        if (a.year, a.month) == (b.year, b.month):
            return first
        if a.year == b.year:
            return f"{MONTH_ABBR[a.month - 1]}–{MONTH_ABBR[b.month - 1]} {b.year}"
        return f"{first} – {MONTH_ABBR[b.month - 1]} {b.year}"
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}–{b.day} {MONTH_ABBR[a.month - 1]} {a.year}"
    if a.year == b.year:
        return f"{a.day} {MONTH_ABBR[a.month - 1]} – {format_day(b)}"
    return f"{format_day(a)} – {format_day(b)}"


def parse_bound(text: str, *, end: bool = False) -> dt.date:
    """A range bound typed on the command line: YYYY, YYYY-MM or YYYY-MM-DD.

    ``end=True`` gives the last day the text covers ("2019" → 2019-12-31), so that
    --from 2018 --to 2019 includes all of 2019.
    """
    raw = text.strip()
    parts = raw.split("-")
    try:
        if len(parts) == 1 and len(parts[0]) == 4:
            year = int(parts[0])
            return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
        if len(parts) == 2 and len(parts[0]) == 4:
            year, month = int(parts[0]), int(parts[1])
            return _month_end(year, month) if end else dt.date(year, month, 1)
        if len(parts) == 3:
            return dt.date.fromisoformat(raw)
    except ValueError:
        pass
    raise DateError(f"{text!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2019-01-18)")
