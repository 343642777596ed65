"""Guess the date a passage speaks of, read against its source's publication date.

Used when a person turns a selected passage into an event: the guess is a starting
point they confirm or correct. Returns text the date parser accepts, keeping the
passage's own words where the parser understands them.
"""

from __future__ import annotations

import datetime as dt
import re

from tracker.model.dateparse import parse_date
from tracker.model.fuzzydate import DateError, format_day

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_FUTURE = re.compile(r"\b(will|shall|to be|next|coming|upcoming|planned)\b", re.IGNORECASE)
_WORD = re.compile(r"[\w'’–-]+")


def _weekday(text: str, reference: dt.date) -> str | None:
    match = re.search(r"\b(" + "|".join(WEEKDAYS) + r")\b", text, re.IGNORECASE)
    if not match:
        return None
    wanted = WEEKDAYS.index(match.group(1).lower())
    future = bool(_FUTURE.search(text))
    delta = (wanted - reference.weekday()) % 7 if future else -((reference.weekday() - wanted) % 7)
    if future and delta == 0:
        delta = 7
    return format_day(reference + dt.timedelta(days=delta))


def _season_window(season: str, year: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, SEASON_START[season], 1)
    end_month = start.month + 3
    end = dt.date(year + (end_month > 12), (end_month - 1) % 12 + 1, 1) - dt.timedelta(days=1)
    return start, end


def _season(text: str, reference: dt.date) -> str | None:
    """"last summer" is the latest summer that ended before the reference date; "next"
    the first that starts after it; "this" the one of the reference's year."""
    match = re.search(r"\b(last|this|next)\s+(spring|summer|autumn|fall|winter)\b", text,
                      re.IGNORECASE)
    if not match:
        return None
    which, season = match.group(1).lower(), match.group(2).lower()
    years = range(reference.year - 2, reference.year + 2)
    if which == "last":
        year = max(y for y in years if _season_window(season, y)[1] < reference)
    elif which == "next":
        year = min(y for y in years if _season_window(season, y)[0] > reference)
    else:
        year = reference.year
    return f"{season} {year}"


def guess_date_text(passage: str, reference: dt.date) -> str:
    """The best date text for ``passage``; "" when nothing in it looks like a date."""
    found = _season(passage, reference)
    if found:
        return found
    words = _WORD.findall(passage)
    best = ""
    for size in range(min(6, len(words)), 0, -1):
        for i in range(len(words) - size + 1):
            candidate = " ".join(words[i:i + size])
            if not re.search(r"\d|[A-Za-z]{3,}", candidate):
                continue
            try:
                parse_date(candidate, reference=reference)
            except DateError:
                continue
            if len(candidate) > len(best):
                best = candidate
        if best:
            return best
    return _weekday(passage, reference) or ""
