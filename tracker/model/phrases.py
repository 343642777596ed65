"""News phrases the calendar grammar lacks, read against a reference day.

Wire copy dates things by the reader's calendar, not the calendar's: "late on Tuesday",
"yesterday evening", "last night", "over the weekend", "in the coming days", "last
July", "in June last year", "the end of this month". Each rule below returns a window
or None (not this rule's words); tracker.model.relative tries them before its own.

Conventions, so that gold sets can be written against them:

* A part of a day ("yesterday evening", "Tuesday night") is that day; "late/early
  (on) Tuesday" too. "later/earlier (on) Friday" in an article of a Friday is that
  Friday. "last night" is the day before; "overnight" the day before and the day itself.
* A weekend is a Saturday and its Sunday, precision "days": in the past ("over the
  weekend" in a past sentence, "last weekend") the latest one that has begun by the
  reference; in the future ("this/next weekend", a future sentence) the first whose
  Sunday is on or after it.
* "in the coming days" / "in the next few days" = the 7 days after the reference;
  weeks 28 days, months 3 calendar months (precision days, month, season). "in recent
  days" / "in the last few days" = the 7 days before; "in the last/past week" = the
  reference and the 7 days before it; "in the past N days" likewise N days.
  "all week" is the reference's Monday–Sunday week.
* "last July" = the latest July before the reference's month; "next July" the first
  after it; "this July" the reference year's. "June last year", "February this year"
  and "March next year" name the year outright.
* "(by) the beginning / middle / end of this / last / next month, year" and "early /
  mid / late this month, year" are the calendar grammar's parts of that month or year
  (early 1–10, mid 11–20, late and end 20–end; year: Jan–Apr, May–Aug, Sep–Dec);
  "the end of the year" is this year's.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable

from tracker.model.fuzzydate import FuzzyDate

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|" \
         r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_DAY_PART = re.compile(
    r"^(?:(?P<lead>early|late|later|earlier)\s+(?:on\s+)?)?(?P<core>yesterday|today|tomorrow|"
    r"(?:(?:last|this|next|coming|past)\s+)?(?:" + "|".join(WEEKDAYS) + r"))"
    r"(?:\s+(?P<part>morning|afternoon|evening|night))?$")
_NIGHT = re.compile(r"^(?P<w>last\s+night|overnight)$")
_WEEKEND = re.compile(r"^(?:(?P<q>last|this|next|past|coming)|(?:over|at|during)\s+the)\s+weekend$")
_SPREAD = re.compile(r"^(?:(?:in|over|during|for|within)\s+)?(?:the\s+)?(?P<q>coming|next\s+few|next|"
                     r"recent|last\s+few|past\s+few|last|past)\s+(?P<n>\d{1,2}\s+)?(?P<unit>day|week|month)s?$")
_ALL_WEEK = re.compile(r"^(?:all|the\s+whole)\s+week$")
_QUALIFIED_MONTH = re.compile(r"^(?P<q>last|this|next)\s+" + _MONTH + "$")
_MONTH_OF_YEAR = re.compile("^" + _MONTH + r"\s+(?:of\s+)?(?P<q>last|this|next)\s+year$")
_PART_OF_UNIT = re.compile(
    r"^(?:by\s+)?(?:(?:the\s+)?(?P<part>beginning|start|middle|end)\s+of|(?P<lead>early|mid|late)[\s-]*)"
    r"\s*(?:the\s+)?(?P<q>this|last|next|the)?\s*(?P<unit>month|year)$")

Rule = Callable[[re.Match[str], dt.date, str | None, str], FuzzyDate | None]


def _weekday_day(core: str, ref: dt.date, tense: str | None) -> dt.date:
    parts = core.split()
    wanted = WEEKDAYS.index(parts[-1])
    back = (ref.weekday() - wanted) % 7
    ahead = (wanted - ref.weekday()) % 7 or 7
    q = parts[0] if len(parts) == 2 else None
    if q in ("last", "past"):
        return ref - dt.timedelta(days=back or 7)
    if q in ("next", "coming"):
        return ref + dt.timedelta(days=ahead)
    if q == "this":
        return ref + dt.timedelta(days=wanted - ref.weekday())
    if tense == "future":
        return ref + dt.timedelta(days=ahead)
    return ref - dt.timedelta(days=back)


def _day_part(m: re.Match[str], ref: dt.date, tense: str | None, words: str) -> FuzzyDate | None:
    core = m["core"]
    if not (m["lead"] or m["part"]):
        return None  # a bare day word or weekday: the resolver's own rules
    offsets = {"yesterday": -1, "today": 0, "tomorrow": 1}
    if core in offsets:
        day = ref + dt.timedelta(days=offsets[core])
    elif m["lead"] in ("later", "earlier") and core == WEEKDAYS[ref.weekday()]:
        day = ref
    else:
        day = _weekday_day(core, ref, tense)
    return FuzzyDate(day, day, "day", words)


def _night(m: re.Match[str], ref: dt.date, tense: str | None, words: str) -> FuzzyDate:
    before = ref - dt.timedelta(days=1)
    if m["w"].startswith("last"):
        return FuzzyDate(before, before, "day", words)
    return FuzzyDate(before, ref, "days", words)


def _weekend(m: re.Match[str], ref: dt.date, tense: str | None, words: str) -> FuzzyDate:
    q = m["q"]
    past = q in ("last", "past") or (q is None and tense != "future")
    if past:
        saturday = ref - dt.timedelta(days=(ref.weekday() - 5) % 7)
        if q in ("last", "past") and saturday + dt.timedelta(days=1) >= ref:
            saturday -= dt.timedelta(days=7)  # "last weekend" on a weekend: the one before
    else:
        saturday = ref + dt.timedelta(days=(5 - ref.weekday()) % 7)
        if ref.weekday() == 6:
            saturday = ref - dt.timedelta(days=1)
        if q == "next" and ref.weekday() >= 5:
            saturday += dt.timedelta(days=7)
    return FuzzyDate(saturday, saturday + dt.timedelta(days=1), "days", words)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _spread(m: re.Match[str], ref: dt.date, tense: str | None, words: str) -> FuzzyDate | None:
    q, unit = " ".join(m["q"].split()), m["unit"]
    n = int(m["n"]) if m["n"] else None
    ahead = q in ("coming", "next few") or (q == "next" and n is not None)
    if q in ("last", "past") and not re.search(r"\bthe\b", m.group(0)):
        return None  # "last month" is the calendar month before: the calendar grammar's
    if q in ("last", "past") and n is None and not words.lower().rstrip().endswith("s"):
        n = 1  # "in the last week": the week up to and including today
    elif q in ("last", "past") and n is None:
        return None  # "last weeks" is no phrase
    if q == "next" and n is None:
        return None  # "next week" belongs to the calendar grammar
    count = n or {"day": 7, "week": 4, "month": 3}[unit]
    span = dt.timedelta(days=count * {"day": 1, "week": 7}.get(unit, 0))
    if ahead:
        first = ref + dt.timedelta(days=1)
        last = _add_months(ref, count) if unit == "month" else ref + span
        precision = {"day": "days", "week": "month", "month": "season"}[unit]
        return FuzzyDate(first, last, precision, words)
    if q in ("recent", "last few", "past few"):
        return FuzzyDate(ref - span, ref - dt.timedelta(days=1), "days" if unit == "day" else "month", words)
    first = _add_months(ref, -count) if unit == "month" else ref - span
    return FuzzyDate(first, ref, "days" if unit != "month" else "month", words)


def _all_week(m: re.Match[str], ref: dt.date, tense: str | None, words: str) -> FuzzyDate:
    monday = ref - dt.timedelta(days=ref.weekday())
    return FuzzyDate(monday, monday + dt.timedelta(days=6), "week", words)


def _month_number(word: str) -> int:
    return [m[:3] for m in MONTHS].index(word[:3]) + 1


def _month(year: int, month: int, words: str) -> FuzzyDate:
    return FuzzyDate(dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]),
                     "month", words)


def _qualified_month(m: re.Match[str], ref: dt.date, tense: str | None, words: str) -> FuzzyDate:
    month, q = _month_number(m["month"]), m["q"]
    if q == "this":
        year = ref.year
    elif q == "last":
        year = ref.year if month < ref.month else ref.year - 1
    else:
        year = ref.year if month > ref.month else ref.year + 1
    return _month(year, month, words)


def _month_of_year(m: re.Match[str], ref: dt.date, tense: str | None, words: str) -> FuzzyDate:
    return _month(ref.year + {"last": -1, "this": 0, "next": 1}[m["q"]], _month_number(m["month"]), words)


def _part_of_unit(m: re.Match[str], ref: dt.date, tense: str | None, words: str) -> FuzzyDate:
    part = {"beginning": "early", "start": "early", "middle": "mid", "end": "end"}.get(
        m["part"] or "", m["lead"] or "")
    step = {"last": -1, "next": 1}.get(m["q"] or "", 0)
    if m["unit"] == "month":
        anchor = _add_months(ref.replace(day=1), step)
        last = calendar.monthrange(anchor.year, anchor.month)[1]
        lo, hi = {"early": (1, 10), "mid": (11, 20), "late": (20, last), "end": (20, last)}[part]
        return FuzzyDate(anchor.replace(day=lo), anchor.replace(day=hi), "part_of_month", words)
    year = ref.year + step
    lo, hi = {"early": (1, 4), "mid": (5, 8), "late": (9, 12), "end": (9, 12)}[part]
    return FuzzyDate(dt.date(year, lo, 1), dt.date(year, hi, calendar.monthrange(year, hi)[1]),
                     "season", words)


RULES: tuple[tuple[re.Pattern[str], Rule], ...] = (
    (_DAY_PART, _day_part), (_NIGHT, _night), (_WEEKEND, _weekend), (_SPREAD, _spread),
    (_ALL_WEEK, _all_week), (_QUALIFIED_MONTH, _qualified_month), (_MONTH_OF_YEAR, _month_of_year),
    (_PART_OF_UNIT, _part_of_unit),
)


def read_phrase(s: str, ref: dt.date, tense: str | None, words: str) -> FuzzyDate | None:
    """The window of a normalised phrase (lower case, single spaces), or None."""
    for pattern, rule in RULES:
        if (m := pattern.match(s)) and (got := rule(m, ref, tense, words)) is not None:
            return got
    return None
