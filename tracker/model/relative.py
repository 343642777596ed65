"""Resolve one temporal expression against a publication date and the sentence's tense.

The words of a news article mean nothing without its date: "In May" in an article of
19 January 2019 is May 2018 when the sentence is in the past tense and May 2019 when it
is in the future. tracker.model.dateparse already reads every absolute form the editor
accepts, so it is reused for them (one grammar everywhere); dateparser computes counted
offsets ("two days ago", "in three weeks") against RELATIVE_BASE; the rules neither
has (tense, weekdays, seasons, "earlier this month") are written here.

Rules, so that the labelled set can be checked against them:

* A form without a year (bare month, part of a month, "18 January", a season, a
  quarter) takes, among the reference's year and its neighbours: in the past tense the
  latest window that starts on or before the reference; in the future the earliest
  that ends on or after it; otherwise (present, unknown) the one whose middle is
  nearest the reference (the editor's rule).
* A bare weekday: past → the latest such day on or before the reference (news says
  "announced Friday" of the publication day too); future → the next one strictly after
  it; present → the reference itself if it is that weekday, else the nearer one.
  "last Friday" is strictly before, "next Friday" strictly after, "this Friday" is the
  one in the reference's Monday–Sunday week.
* Seasons are meteorological (summer = June–August). "last summer" is the latest summer
  that ended before the reference, "next summer" the first that starts after it, "this
  summer" the one containing the reference, else the one starting in its year.
* "N days ago" is a day; "N weeks ago"/"in N weeks" the Monday–Sunday week of the day
  that far away; months and years likewise their calendar month and year.
* "earlier this month" is the 1st up to the day before the reference (part of month);
  "later this month" the day after it to the month's end; weeks give "days", years
  "year".
* Decades: "the 1990s" 1990–1999; "the early/mid/late 1990s" 1990–1993, 1994–1996,
  1997–1999; "the '90s" the latest such decade that started before the reference.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Callable
from typing import Any, TypeVar

from tracker.model.dateparse import DateSpan, parse_fixed, unglue
from tracker.model.fuzzydate import DateError, FuzzyDate
from tracker.model.phrases import read_phrase

__all__ = ["TENSES", "resolve_expression", "resolve_span"]

TENSES = ("past", "present", "future")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_DAY_WORDS = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0,
              "this evening": 0, "earlier today": 0, "later today": 0, "yesterday": -1,
              "tomorrow": 1, "the day before yesterday": -2, "the day after tomorrow": 2}
_PREFIX = re.compile(r"^(?:in|on|at|during)\s+")
_WEEKDAY = re.compile(r"^(?:(?P<q>last|this|next|coming|past)\s+)?(?P<wd>" + "|".join(WEEKDAYS)
                      + r")(?:\s+(?:morning|afternoon|evening|night))?$")
_SEASON = re.compile(r"^(?:(?P<q>last|this|next|past|coming|early|late|the)\s+)?"
                     r"(?P<s>spring|summer|autumn|fall|winter)$")
_WITHIN = re.compile(r"^(?P<which>earlier|later)\s+(?:this|in\s+the)\s+(?P<unit>week|month|year)$")
_COUNTED = re.compile(r"^(?:in\s+)?(?P<n>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|"
                      r"nine|ten|eleven|twelve)\s+(?P<unit>day|week|month|year)s?"
                      r"(?:\s+(?P<dir>ago|from\s+now)|['’]?\s+time)?$")
_FEW = re.compile(r"^(?:in\s+)?(?:a\s+few|several|a\s+couple\s+of)\s+(?P<unit>day|week|month|year)s?"
                  r"(?:\s+(?P<dir>ago|from\s+now))?$")
_QUALIFIED_UNIT = re.compile(r"^(?P<q>last|this|next|past|coming)\s+(?P<unit>week|month|year)$")
_DECADE = re.compile(r"^(?:the\s+)?(?:(?P<part>early|mid|late)[\s-]+)?(?:(?P<century>\d\d)|['’])"
                     r"(?P<tens>\d)0['’]?s$")
_HAS_YEAR = re.compile(r"\b\d{4}\b")


def _norm(text: str) -> str:
    """Lower case, single spaces; words glued as wire copy glues them ("onThursday",
    "30May2017") and weekday notes in brackets ("April 28 (Sat)") are undone."""
    s = unglue(text).lower().replace("\u2013", "-").replace("\u2014", "-")
    s = re.sub(r"\((?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\)", " ", s)
    return " ".join(s.split()).strip(" .,;:")


def _day(d: dt.date, words: str) -> FuzzyDate:
    return FuzzyDate(d, d, "day", words)


def _month_window(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(day: dt.date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def _weekday(m: re.Match[str], ref: dt.date, tense: str | None, words: str) -> FuzzyDate:
    wanted = WEEKDAYS.index(m["wd"])
    back = (ref.weekday() - wanted) % 7  # 0..6 days back to the latest such day
    ahead = (wanted - ref.weekday()) % 7 or 7  # 1..7 days ahead to the next one
    q = m["q"]
    if q in ("last", "past"):
        delta = -(back or 7)
    elif q in ("next", "coming"):
        delta = ahead
    elif q == "this":
        delta = wanted - ref.weekday()
    elif tense == "future":
        delta = ahead
    elif tense == "present":
        delta = 0 if back == 0 else (-back if back <= ahead else ahead)
    else:
        delta = -back
    return _day(ref + dt.timedelta(days=delta), words)


def _season_window(season: str, year: int) -> tuple[dt.date, dt.date]:
    first = SEASONS[season]
    last_year, last_month = _shift_month(dt.date(year, first, 1), 2)
    return dt.date(year, first, 1), _month_window(last_year, last_month)[1]


def _season(m: re.Match[str], ref: dt.date, tense: str | None, words: str) -> FuzzyDate:
    season, q = m["s"], m["q"]
    windows = [_season_window(season, y) for y in range(ref.year - 2, ref.year + 2)]
    if q in ("last", "past"):
        a, b = max(w for w in windows if w[1] < ref)
    elif q in ("next", "coming"):
        a, b = min(w for w in windows if w[0] > ref)
    elif q == "this":
        a, b = next((w for w in windows if w[0] <= ref <= w[1]), _season_window(season, ref.year))
    else:
        a, b = _by_tense(lambda y: _season_window(season, y), ref, tense)
    return FuzzyDate(a, b, "season", words)


# A window (earliest, latest, ...): what _by_tense's ``make`` returns and it passes on.
_Window = TypeVar("_Window", bound=tuple[Any, ...])


def _by_tense(make: Callable[[int], _Window], ref: dt.date, tense: str | None) -> _Window:
    """The result of ``make(year)`` the tense points to (see the module docstring);
    ``make`` returns (earliest, latest, ...)."""
    windows: list[_Window] = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            windows.append(make(year))
        except (DateError, ValueError):
            continue  # 29 February in a common year
    if not windows:
        raise DateError("that date fits no year near the publication date")
    if tense == "past":
        before = [w for w in windows if w[0] <= ref]
        if before:
            return max(before, key=lambda w: w[0])
    if tense == "future":
        after = [w for w in windows if w[1] >= ref]
        if after:
            return min(after, key=lambda w: w[0])
    return min(windows, key=lambda w: abs(w[0].toordinal() + w[1].toordinal() - 2 * ref.toordinal()))


def _within(m: re.Match[str], ref: dt.date, words: str) -> FuzzyDate:
    unit, earlier = m["unit"], m["which"] == "earlier"
    if unit == "week":
        first, last, precision = *_week_of(ref), "days"
    elif unit == "month":
        first, last, precision = *_month_window(ref.year, ref.month), "part_of_month"
    else:
        first, last, precision = dt.date(ref.year, 1, 1), dt.date(ref.year, 12, 31), "year"
    if earlier:
        return FuzzyDate(first, max(first, ref - dt.timedelta(days=1)), precision, words)
    return FuzzyDate(min(last, ref + dt.timedelta(days=1)), last, precision, words)


def _unit_window(anchor: dt.date, unit: str, words: str) -> FuzzyDate:
    if unit == "day":
        return _day(anchor, words)
    if unit == "week":
        return FuzzyDate(*_week_of(anchor), "week", words)
    if unit == "month":
        return FuzzyDate(*_month_window(anchor.year, anchor.month), "month", words)
    return FuzzyDate(dt.date(anchor.year, 1, 1), dt.date(anchor.year, 12, 31), "year", words)


@functools.lru_cache(maxsize=4096)
def _dateparser_anchor(phrase: str, ref: dt.date, prefer: str) -> dt.date | None:
    """The day dateparser computes for a counted offset, read against the reference."""
    from dateparser.date import DateDataParser  # type: ignore[import-untyped]

    base = dt.datetime(ref.year, ref.month, ref.day, 12, 0)
    parser = DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": base, "PREFER_DATES_FROM": prefer, "RETURN_AS_TIMEZONE_AWARE": False})
    data = parser.get_date_data(phrase)
    return data.date_obj.date() if data and data.date_obj else None


def _counted(m: re.Match[str], text: str, ref: dt.date, tense: str | None, words: str) -> FuzzyDate:
    unit = m["unit"]
    n_text = m["n"]
    n = int(n_text) if n_text.isdigit() else NUMBERS[n_text]
    future = text.startswith("in ") or (m["dir"] or "").startswith("from")
    phrase = f"in {n} {unit}s" if future else f"{n} {unit}s ago"
    anchor = _dateparser_anchor(phrase, ref, "future" if future else "past")
    if anchor is None:  # dateparser could not: count ourselves
        anchor = _offset(ref, unit, n if future else -n)
    return _unit_window(anchor, unit, words)


def _few(m: re.Match[str], text: str, ref: dt.date, words: str) -> FuzzyDate:
    """"a few days ago" is 2–4 days back: a window of days, never one invented day;
    "a few weeks/months/years" span the units 2 to 4 away."""
    sign = 1 if text.startswith("in ") or (m["dir"] or "").startswith("from") else -1
    unit = m["unit"]
    if unit == "day":
        a, b = ref + dt.timedelta(days=2 * sign), ref + dt.timedelta(days=4 * sign)
        return FuzzyDate(min(a, b), max(a, b), "days", words)
    near, far = (_unit_window(_offset(ref, unit, sign * n), unit, words) for n in (2, 4))
    precision = {"week": "month", "month": "season", "year": "decade"}[unit]
    return FuzzyDate(min(near.earliest, far.earliest), max(near.latest, far.latest), precision, words)


def _offset(ref: dt.date, unit: str, n: int) -> dt.date:
    if unit in ("day", "week"):
        return ref + dt.timedelta(days=n * (7 if unit == "week" else 1))
    y, mo = _shift_month(ref, n * (12 if unit == "year" else 1))
    return dt.date(y, mo, min(ref.day, calendar.monthrange(y, mo)[1]))


def _decade(m: re.Match[str], ref: dt.date, words: str) -> FuzzyDate:
    tens = int(m["tens"])
    if m["century"]:
        start = int(m["century"]) * 100 + tens * 10
    else:
        start = max(c * 100 + tens * 10 for c in (ref.year // 100 - 1, ref.year // 100)
                    if c * 100 + tens * 10 <= ref.year)
    lo, hi = {"early": (0, 3), "mid": (4, 6), "late": (7, 9), None: (0, 9)}[m["part"]]
    return FuzzyDate(dt.date(start + lo, 1, 1), dt.date(start + hi, 12, 31), "decade", words)


def _fuzzy(span: DateSpan, words: str) -> tuple[FuzzyDate, FuzzyDate | None]:
    start = FuzzyDate(span.start.earliest, span.start.latest, span.start.precision, words)
    end = None if span.end is None else FuzzyDate(span.end.earliest, span.end.latest,
                                                  span.end.precision, words)
    return start, end


def resolve_span(text: str, reference: dt.date, tense: str | None = None
                 ) -> tuple[FuzzyDate, FuzzyDate | None]:
    """(start, end) of the expression; end is set only for ranges ("27–28 February").
    DateError when the words are not a date this resolver understands."""
    if tense is not None and tense not in TENSES:
        raise DateError(f"tense {tense!r} is not known; use one of: {', '.join(TENSES)}")
    if isinstance(reference, dt.datetime):
        reference = reference.date()
    return _resolve(text.strip(), reference, tense)


@functools.lru_cache(maxsize=8192)
def _resolve(words: str, reference: dt.date, tense: str | None) -> tuple[FuzzyDate, FuzzyDate | None]:
    """Pure, so cached: an article repeats its few date words many times."""
    s = _norm(words)
    phrase = (read_phrase(s, reference, tense, words)
              or read_phrase(_PREFIX.sub("", s), reference, tense, words))
    if phrase is not None:
        return phrase, None
    if s in _DAY_WORDS:
        return _day(reference + dt.timedelta(days=_DAY_WORDS[s]), words), None
    s = _PREFIX.sub("", s)
    for pattern, rule in ((_WEEKDAY, _weekday), (_SEASON, _season)):
        if m := pattern.match(s):
            return rule(m, reference, tense, words), None
    if m := _WITHIN.match(s):
        return _within(m, reference, words), None
    if (m := _COUNTED.match(s)) and (m["dir"] or words.lower().startswith("in ") or "time" in s):
        return _counted(m, _norm(words), reference, tense, words), None
    if m := _FEW.match(s):
        return _few(m, _norm(words), reference, words), None
    if m := _QUALIFIED_UNIT.match(s):
        q = {"past": "last", "coming": "next"}.get(m["q"], m["q"])
        return _fuzzy(parse_fixed(f"{q} {m['unit']}", reference=reference), words)
    if m := _DECADE.match(s):
        return _decade(m, reference, words), None
    if not _HAS_YEAR.search(s) and tense in ("past", "future"):
        def make(year: int) -> tuple[dt.date, dt.date, DateSpan]:
            span = parse_fixed(f"{s} {year}", reference=reference)
            return span.start.earliest, (span.end or span.start).latest, span

        try:
            chosen = _by_tense(make, reference, tense)
        except DateError:
            pass  # not a year-less form; the editor's grammar has the last word below
        else:
            return _fuzzy(chosen[2], words)
    return _fuzzy(parse_fixed(s, reference=reference), words)


def resolve_expression(text: str, reference: dt.date, tense: str | None = None) -> FuzzyDate:
    """One window for the expression (a range becomes its whole extent, precision "days"
    or the coarser end's), for ``tracker parse-date --tense`` and the labelled set."""
    start, end = resolve_span(text, reference, tense)
    if end is None:
        return start
    precision = start.precision if start.precision == end.precision else "days"
    if precision == "day":
        precision = "days"
    return FuzzyDate(start.earliest, end.latest, precision, start.words)
