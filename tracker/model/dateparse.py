"""Read dates the way people write them, into windows that keep their uncertainty.

Used by the event editor (live interpretation while typing), the CLI (``tracker add
--date``, ``tracker parse-date``) and CSV import, so one grammar serves them all and a
date typed anywhere means the same window everywhere. Hand-written (regexes and
``datetime``) so there is no dependency whose guesses we cannot explain to a user.

Decisions, so that nobody has to reverse-engineer them:

* Numeric dates with slashes or dots (27/02/2019, 2.7.2019) are refused: they mean
  different days in the US and elsewhere. Write the month as a word or use ISO.
* Years are written with four digits (0800, 2019); a one- or two-digit number after a
  month is a day ("Jan 19" is 19 January). Years run from 0001 to 9999.
* Parts of a month (precision ``part_of_month``): early / beginning of / start of = days
  1–10; mid / middle of = 11–20; late = 20–end (as the issue tracker's
  examples read it: "late February 2019 → 20–28 Feb 2019"); end of / the end of / near the end of /
  towards the end of = 20–end (DESIGN.md reads "near the end of February" as 20–28 Feb).
* Seasons are northern-hemisphere meteorological, precision ``season``: spring Mar–May,
  summer Jun–Aug, autumn/fall Sep–Nov, and "winter 2018" is Dec 2018–Feb 2019 (the
  winter that *starts* in 2018; "winter 2018/19" says the same thing explicitly).
* Parts of a year: "early 2019" Jan–Apr, "mid-2019" May–Aug, "late 2019" / "end of
  2019" Sep–Dec. Their precision is ``season``: a window of a few months that is not a
  calendar quarter. "quarter" would claim a fiscal period that was never stated, and
  "year" would overstate the uncertainty. vocab.py is left unchanged.
* "around / about / circa / c. / approximately / roughly / ~" + a day = that day ± 3 days,
  precision ``days``. Around anything coarser ("around May 2018") keeps the window and
  precision of what follows: a month is already uncertain, and widening it by a guess
  would invent precision of another kind. The words keep the "around".
* "week of 14 January 2019" = the Monday..Sunday containing that day, precision ``week``.
* "X to Y", "X – Y", "from X until Y" are a *range*: DateSpan(start=X, end=Y), each with
  its own window. "between X and Y" is a *single uncertain window* X.earliest..Y.latest
  (the event happened once, somewhere in there); its precision is ``days`` when both
  bounds are days, else the coarser of the two. An explicit precision can follow in
  brackets: "between 15 Jan 2019 and 15 Feb 2019 (a month)" — that is how
  :func:`format_fuzzy` writes windows no natural phrase describes.
* In a range or "between", a side without a year borrows the other side's (and a bare
  day borrows its month): "27–28 Feb 2019", "Feb 27 - Mar 2, 2019", "27 Dec – 2 Jan
  2019" (27 Dec 2018). A range is refused only when its end is wholly before its start.
* No year at all ("18 January", "late February", "summer"): the year among the
  reference's year and its neighbours whose window's middle is nearest the reference
  (default today), i.e. within about six months of it.
* Relative words need the reference: today, yesterday, tomorrow, this/last/next week
  (Monday..Sunday, precision ``week``), this/last/next month, this/last/next year.
* ISO timestamps as spreadsheets export them ("2019-01-18 08:33", "2019-01-18T08:33Z")
  are read as the calendar day written; the time and zone are ignored. Compact ISO
  (20190118) is a day too: eight digits cannot be anything else.
* Windows are clipped to 0001-01-01..9999-12-31 only for "around" (a guess may touch
  the edge); anything else that would cross the edge is refused with a DateError.
* In a range both FuzzyDates carry the whole text as ``words``, because the event
  stores one date text and it must be what the user typed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from tracker.model.fuzzydate import MONTH_ABBR, DateError, FuzzyDate
from tracker.model.vocab import PRECISIONS

__all__ = [
    "MAX_LENGTH", "DateSpan", "describe_span", "format_fuzzy", "format_span", "parse_date",
    "parse_fixed", "parse_single", "span_as_dict",
]

MAX_LENGTH = 200
EXAMPLES = (
    "2019-02-27, 18 Jan 2019, January 2019, 2019, summer 2018, late February 2019, "
    "end of February 2019, around 10 May 2018, 27–28 Feb 2019 or 2019-02-27 to 2019-02-28"
)
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

Window = tuple[dt.date, dt.date, str]  # earliest, latest, precision
Maker = Callable[[int], tuple[dt.date, dt.date]]  # a year -> the window in that year


@dataclass(frozen=True)
class DateSpan:
    """What one date text says: a single window, or a range from ``start`` to ``end``."""

    start: FuzzyDate
    end: FuzzyDate | None = None


# --- vocabulary -------------------------------------------------------------------------

_MONTH = (r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
          r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_WEEKDAY = (r"(?P<weekday>mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|"
            r"fri(?:day)?|sat(?:urday)?|sun(?:day)?)")
_YEAR = r"(?P<year>\d{3,})"
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_SEASON_WORDS = {3: "spring", 6: "summer", 9: "autumn", 12: "winter"}
_PART_WORDS = {
    "early": "early", "beginning of": "early", "the beginning of": "early", "start of": "early",
    "the start of": "early", "mid": "mid", "middle of": "mid", "the middle of": "mid",
    "late": "late", "end of": "end", "the end of": "end", "near the end of": "end",
    "towards the end of": "end", "toward the end of": "end",
}
_PART = "(?P<part>" + "|".join(re.escape(k) for k in sorted(_PART_WORDS, key=len, reverse=True)) + ")"
_PART_DAYS = {"early": (1, 10), "mid": (11, 20), "late": (20, 31), "end": (20, 31)}
_PART_YEAR_MONTHS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12), "end": (9, 12)}
_QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_COARSENESS = {p: i for i, p in enumerate(PRECISIONS)}
_PRECISION_WORDS: dict[str, str] = {}
for _key, _label in PRECISIONS.items():
    for _word in (_key, _key.replace("_", " "), _label, re.sub(r"^an? ", "", _label)):
        _PRECISION_WORDS[_word] = _key

# Words the grammar uses, so that the "not understood" message can name the stranger.
_GRAMMAR_WORDS = """
    jan january feb february mar march apr april may jun june jul july aug august sep sept
    september oct october nov november dec december mon monday tue tues tuesday wed wednesday
    thu thur thurs thursday fri friday sat saturday sun sunday spring summer autumn fall winter
    early mid middle late beginning start end near towards toward the of in on at during some
    time sometime around about circa c ca approximately approx roughly week beginning starting
    commencing between and to until till through thru from today yesterday tomorrow last this
    next month year q first second third fourth quarter s t z
"""
_KNOWN_WORDS = set(_GRAMMAR_WORDS.split()) | {w for words in _PRECISION_WORDS for w in words.split()}


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.ASCII)


_RELATIVE = _rx(r"(?P<day>today|yesterday|tomorrow)|(?P<which>last|this|next) (?P<unit>week|month|year)")
_ISO_DAY = _rx(r"(?:(?P<year>\d{3,})-(?P<m>\d{1,2})-(?P<d>\d{1,2})|(?P<y8>\d{4})(?P<m8>\d\d)(?P<d8>\d\d))"
               r"(?:[t ](?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?: ?(?:z|[+-]\d\d:?\d\d))?)?")
_ISO_MONTH = _rx(r"(?P<year>\d{3,})-(?P<m>\d{1,2})")
_YEAR_ONLY = _rx(_YEAR)
_DECADE = _rx(r"(?:the )?" + _YEAR + "s")
_QUARTER = _rx(r"(?:the )?(?:q(?P<q>[1-4])|(?P<qw>first|second|third|fourth|[1-4]) quarter)"
               r"(?: of)?(?: " + _YEAR + ")?")
_QUARTER_AFTER = _rx(_YEAR + r" ?-? ?q(?P<q>[1-4])")
_WINTER_PAIR = _rx(r"(?:the )?winter(?: of)? " + _YEAR + r" ?[-/] ?(?P<next>\d{2}|\d{4})")
_SEASON = _rx(r"(?:the )?(?P<season>spring|summer|autumn|fall|winter)(?: of)?(?: " + _YEAR + ")?")
_PART_YEAR = _rx(_PART + " " + _YEAR)
_PART_MONTH = _rx(_PART + " " + _MONTH + "(?: (?:of )?" + _YEAR + ")?")
_DAY_MONTH = _rx("(?:" + _WEEKDAY + r" )?(?:the )?(?P<d>\d{1,2}) (?:of )?" + _MONTH + "(?: " + _YEAR + ")?")
_MONTH_DAY = _rx("(?:" + _WEEKDAY + " )?" + _MONTH + r" (?:the )?(?P<d>\d{1,2})(?: " + _YEAR + ")?")
_SHORT_YEAR = _rx("(?:" + _WEEKDAY + r" )?(?:\d{1,2} (?:of )?" + _MONTH.replace("<month>", "<m1>")
                  + "|" + _MONTH + r" \d{1,2}) (?P<yy>\d{2})")
_MONTH_ONLY = _rx(_MONTH + "(?: (?:of )?" + _YEAR + ")?")
_WEEK_OF = _rx(r"(?:the )?week (?:of|beginning|starting|commencing) (?P<rest>.+)")
_AROUND = _rx(r"(?:around|about|circa|ca|c|approximately|approx|roughly|some ?time around) (?P<rest>.+)")
_BETWEEN = _rx(r"between (?P<a>.+?) and (?P<b>.+?)(?: \((?P<prec>[^()]*)\))?")
_PREFIX = _rx(r"(?:on|in|during|at|some ?time in) ")
_SEPARATOR = _rx(r" (?:to|until|till|through|thru) |\s*-\s*")
_ISO_INTERVAL = _rx(r"(?P<a>\d{4}-\d{1,2}(?:-\d{1,2})?) ?/ ?(?P<b>\d{4}-\d{1,2}(?:-\d{1,2})?)")
_HAS_YEAR = _rx(r"\d{3,}")
_ANCHORED = re.compile(r"\b(?:the\s+(?:following|next|previous|preceding|same)\s+day|(?:days?|weeks?|months?|"
                       r"years?)\s+(?:later|earlier|after\s+that|before\s+that)|the\s+(?:previous|preceding)\s+"
                       r"\w+\s+days)\b", re.IGNORECASE)
_HAS_MONTH = _rx(r"\b" + _MONTH + r"\b")
_NUMERIC = _rx(r"(?<!winter )\b\d{1,4} ?[/.] ?\d{1,2}\b|\b\d{1,2}-\d{1,2}-\d{2,4}\b")
_MID = _rx(r"\b(early|mid|late)\s*-\s*(?=(?:" + _MONTH + r"|spring|summer|autumn|fall|winter|\d{3,})\b)")


# --- small exact helpers ----------------------------------------------------------------

def _year(text: str) -> int:
    """A written year, checked: the range is what ``datetime`` and the store can hold."""
    if len(text) > 4 or int(text) > 9999:
        raise DateError(f"year {text[:12]} is out of range; years run from 0001 to 9999")
    value = int(text)
    if value == 0:
        raise DateError("there is no year 0; years run from 0001 to 9999")
    if len(text) < 4:
        raise DateError(f"write the year with four digits (e.g. {value:04d})")
    return value


def _check_year(year: int) -> int:
    if not 1 <= year <= 9999:
        raise DateError("that falls outside the years 0001 to 9999")
    return year


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _month_window(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), _month_end(year, month)


def _months(year: int, first: int, count: int) -> tuple[dt.date, dt.date]:
    """``count`` whole months from ``first`` of ``year``, crossing into the next year if needed."""
    last = first + count - 1
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    if end_year > 9999:
        raise DateError(f"that runs into the year {end_year}, after 9999")
    return dt.date(year, first, 1), _month_end(end_year, end_month)


def _day(year: int, month: int, day: int) -> dt.date:
    if not 1 <= month <= 12:
        raise DateError(f"there is no month {month}; months run from 01 to 12")
    if day < 1:
        raise DateError(f"there is no day {day} in a month")
    last = calendar.monthrange(year, month)[1]
    if day > last:
        raise DateError(f"{MONTH_NAMES[month - 1]} {year:04d} has {last} days")
    return dt.date(year, month, day)


def _shift(day: dt.date, days: int) -> dt.date:
    ordinal = day.toordinal() + days
    if not 1 <= ordinal <= dt.date.max.toordinal():
        raise DateError("that falls outside the years 0001 to 9999")
    return dt.date.fromordinal(ordinal)


def _month_number(word: str) -> int:
    return [m.lower() for m in MONTH_ABBR].index(word[:3]) + 1


def _day_text(day: dt.date) -> str:
    """Like fuzzydate.format_day, but with a four-digit year so that it parses back."""
    return f"{day.day} {MONTH_ABBR[day.month - 1]} {day.year:04d}"


def _week(day: dt.date) -> Window:
    monday = _shift(day, -day.weekday())
    return monday, _shift(monday, 6), "week"


def _in_year(year_text: str | None, make: Maker, ref: dt.date) -> tuple[dt.date, dt.date]:
    """Apply ``make`` to the written year, or, with none written, to the year nearest ``ref``."""
    if year_text is not None:
        return make(_year(year_text))
    best: tuple[int, dt.date, dt.date] | None = None
    first_error: DateError | None = None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        if not 1 <= year <= 9999:
            continue
        try:
            a, b = make(year)
        except DateError as exc:
            first_error = first_error or exc
            continue
        distance = abs((a.toordinal() + b.toordinal()) - 2 * ref.toordinal())
        if best is None or distance < best[0]:
            best = (distance, a, b)
    if best is None:
        reason = f" ({first_error})" if first_error else ""
        raise DateError(f"it fits no year near {_day_text(ref)}{reason}; write the year")
    return best[1], best[2]


# --- the grammar ------------------------------------------------------------------------

def _single(s: str, ref: dt.date) -> Window | None:
    """One window from normalised text; None if no form matches, DateError if a form
    matches but names an impossible date (so the user hears the real reason)."""
    if m := _PREFIX.match(s):
        s = s[m.end():]
    if m := _BETWEEN.fullmatch(s):
        return _between(m, ref)
    if m := _AROUND.fullmatch(s):
        inner = _single(m["rest"], ref)
        if inner is None or inner[2] != "day":
            return inner
        o = inner[0].toordinal()
        return (dt.date.fromordinal(max(1, o - 3)),
                dt.date.fromordinal(min(dt.date.max.toordinal(), o + 3)), "days")
    if m := _WEEK_OF.fullmatch(s):
        inner = _single(m["rest"], ref)
        if inner is None:
            return None
        if inner[2] != "day":
            raise DateError("'week of' needs a day, e.g. week of 14 January 2019")
        return _week(inner[0])
    if m := _RELATIVE.fullmatch(s):
        return _relative(m, ref)
    if m := _ISO_DAY.fullmatch(s):
        d = _day(_year(m["year"] or m["y8"]), int(m["m"] or m["m8"]), int(m["d"] or m["d8"]))
        return d, d, "day"
    if m := _ISO_MONTH.fullmatch(s):
        year, month = _year(m["year"]), int(m["m"])
        if not 1 <= month <= 12:
            hint = f" (for two years write {year:04d} to {year + 1:04d})" if month == (year + 1) % 100 else ""
            raise DateError(f"there is no month {month}; months run from 01 to 12{hint}")
        return (*_month_window(year, month), "month")
    if m := _YEAR_ONLY.fullmatch(s):
        year = _year(m["year"])
        return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
    if m := _DECADE.fullmatch(s):
        year = _year(m["year"])
        if year % 10:
            raise DateError(f"a decade is named by its first year, ending in 0 (e.g. the {year // 10}0s)")
        return dt.date(year, 1, 1), dt.date(year + 9, 12, 31), "decade"
    return _named(s, ref)


def _named(s: str, ref: dt.date) -> Window | None:
    """Forms built from words: quarters, seasons, parts of months and years, days, months."""
    if (m := _QUARTER.fullmatch(s)) or (m := _QUARTER_AFTER.fullmatch(s)):
        q = int(m["q"]) if m["q"] else _QUARTER_WORDS[m["qw"]]
        return (*_in_year(m["year"], lambda y: _months(y, 3 * q - 2, 3), ref), "quarter")
    if m := _WINTER_PAIR.fullmatch(s):
        year, nxt = _year(m["year"]), int(m["next"])
        if nxt not in (year + 1, (year + 1) % 100):
            example = f"winter {year:04d}/{(year + 1) % 100:02d}"
            raise DateError(f"a winter spans two consecutive years, e.g. {example}")
        return (*_months(year, 12, 3), "season")
    if m := _SEASON.fullmatch(s):
        first = _SEASONS[m["season"]]
        return (*_in_year(m["year"], lambda y: _months(y, first, 3), ref), "season")
    if m := _PART_YEAR.fullmatch(s):
        lo, hi = _PART_YEAR_MONTHS[_PART_WORDS[m["part"]]]
        year = _year(m["year"])
        return dt.date(year, lo, 1), _month_end(year, hi), "season"
    if m := _PART_MONTH.fullmatch(s):
        month, (lo, hi) = _month_number(m["month"]), _PART_DAYS[_PART_WORDS[m["part"]]]

        def part(year: int) -> tuple[dt.date, dt.date]:
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, lo), dt.date(year, month, min(hi, last))

        return (*_in_year(m["year"], part, ref), "part_of_month")
    if (m := _DAY_MONTH.fullmatch(s)) or (m := _MONTH_DAY.fullmatch(s)):
        month, day = _month_number(m["month"]), int(m["d"])
        longest = 29 if month == 2 else calendar.monthrange(2001, month)[1]
        if m["year"] is None and not 1 <= day <= longest:  # with a year, _day says "has 28 days"
            raise DateError(f"{MONTH_NAMES[month - 1]} never has a day {day}")
        d, _ = _in_year(m["year"], lambda y: (_day(y, month, day),) * 2, ref)
        if m["weekday"]:
            said = [w[:3].lower() for w in WEEKDAY_NAMES].index(m["weekday"][:3])
            if said != d.weekday():
                raise DateError(f"{_day_text(d)} is a {WEEKDAY_NAMES[d.weekday()]}, "
                                f"not a {WEEKDAY_NAMES[said]}")
        return d, d, "day"
    if m := _SHORT_YEAR.fullmatch(s):
        raise DateError(f"write the year with four digits (e.g. 20{m['yy']} or 19{m['yy']}, not {m['yy']})")
    if m := _MONTH_ONLY.fullmatch(s):
        month = _month_number(m["month"])
        return (*_in_year(m["year"], lambda y: _month_window(y, month), ref), "month")
    return None


def _relative(m: re.Match[str], ref: dt.date) -> Window:
    if m["day"]:
        d = _shift(ref, {"today": 0, "yesterday": -1, "tomorrow": 1}[m["day"]])
        return d, d, "day"
    step = {"last": -1, "this": 0, "next": 1}[m["which"]]
    if m["unit"] == "week":
        return _week(_shift(ref, 7 * step))
    if m["unit"] == "month":
        index = ref.year * 12 + ref.month - 1 + step
        return (*_month_window(_check_year(index // 12), index % 12 + 1), "month")
    year = _check_year(ref.year + step)
    return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"


def _between(m: re.Match[str], ref: dt.date) -> Window | None:
    if "between " in m["a"] or "between " in m["b"]:
        return None  # never nested: keeps the work linear in the length of the text
    pair = _pair(m["a"], m["b"], ref)
    if pair is None:
        return None
    first, second = pair
    if second[1] < first[0]:
        raise DateError(f"the second date ({_window(second)}) is before the first ({_window(first)})")
    if m["prec"] is not None:
        words = " ".join(m["prec"].split())
        if words not in _PRECISION_WORDS:
            raise DateError(f"'{words}' is not a precision; use one of: {', '.join(PRECISIONS)}")
        precision = _PRECISION_WORDS[words]
    else:
        precision = max(first[2], second[2], key=_COARSENESS.__getitem__)
        precision = "days" if precision == "day" else precision
    return first[0], second[1], precision


def _pair(left: str, right: str, ref: dt.date) -> tuple[Window, Window] | None:
    """Both sides of a range; the side that lacks a year borrows the other side's."""
    if _HAS_YEAR.search(right) or not _HAS_YEAR.search(left):
        second = _single(right, ref)
        if second is None and (month := _HAS_MONTH.search(left)) and not _HAS_MONTH.search(right):
            second = _single(f"{month['month']} {right}", ref)  # "Feb 27-28, 2019"
        first = None if second is None else _borrow(left, second, ref, before=True)
    else:
        first = _single(left, ref)
        second = None if first is None else _borrow(right, first, ref, before=False)
    return None if first is None or second is None else (first, second)


def _borrow(text: str, other: Window, ref: dt.date, *, before: bool) -> Window | None:
    if _HAS_YEAR.search(text):
        return _single(text, ref)
    year, month = other[0].year, other[0].month
    if not _HAS_MONTH.search(text) and other[2] in ("day", "days", "week", "part_of_month", "month"):
        got = _single(f"{text} {MONTH_NAMES[month - 1].lower()} {year:04d}", ref)
        if got is not None:
            return got
    got = _single(f"{text} {year:04d}", ref)
    if got is None:
        return _single(text, ref)
    # "27 Dec – 2 Jan 2019": the start belongs to the year before.
    if before and got[0] > other[0] and year > 1:
        return _single(f"{text} {year - 1:04d}", ref) or got
    if not before and got[1] < other[0] and year < 9999:
        return _single(f"{text} {year + 1:04d}", ref) or got
    return got


def _range(s: str, ref: dt.date) -> tuple[Window, Window] | None:
    """Try each separator in turn; the first split whose sides both parse wins."""
    s = s[5:] if s.startswith("from ") else s
    if m := _ISO_INTERVAL.fullmatch(s):
        splits = [(m["a"], m["b"])]
    else:
        splits = [(s[:m.start()].strip(), s[m.end():].strip()) for m in _SEPARATOR.finditer(s)]
    error: DateError | None = None
    for left, right in splits:
        if not left or not right:
            continue
        try:
            pair = _pair(left, right, ref)
        except DateError as exc:
            error = error or exc
            continue
        if pair is not None:
            start, end = pair
            if end[1] < start[0]:
                raise DateError(f"the end ({_window(end)}) is before the start ({_window(start)})")
            return pair
    if error:
        raise error
    return None


def _window(w: Window) -> str:
    return FuzzyDate(w[0], w[1], w[2]).window_text()


_MONTH_WORDS = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
                r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)")
_GLUED_DAY = re.compile(r"(?<![\w])(\d{1,2})(" + _MONTH_WORDS + r")(?![a-z])\.?")
_GLUED_YEAR = re.compile(r"\b(" + _MONTH_WORDS + r")\.?(\d{4})(?!\d)")
_GLUED_PREP = re.compile(r"\b(on|in|at|by|since|until|from)(?=(?:" + _MONTH_WORDS
                         + r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)")


def unglue(text: str) -> str:
    """Spaces where wire copy lost them: "onThursday" → "on Thursday", "30May2017" →
    "30 May 2017". Case-sensitive on purpose: only a capital starts a glued word."""
    s = _GLUED_PREP.sub(r"\1 ", text)
    s = _GLUED_DAY.sub(r"\1 \2", s)
    return _GLUED_YEAR.sub(r"\1 \2", s)


def _normalise(text: str) -> str:
    """Lower case, one spelling per thing: dashes, "mid-February", "18th", "Jan.", commas,
    glued words, a weekday in brackets after a day ("April 28 (Sat)")."""
    s = unglue(text).lower()
    s = re.sub(r"\((?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\)", " ", s)
    s = s.replace("\u2010", "-").replace("\u2011", "-").replace("~", " around ")
    s = re.sub("[\u2012\u2013\u2014\u2015\u2212]", " - ", s)
    s = re.sub(r"(?<=[a-z])\.|,", " ", s)
    s = re.sub(r"(?<=\d)['\u2019]s\b", "s", s)
    s = re.sub(r"\b(\d{1,2})(?:st|nd|rd|th)\b", r"\1", s)
    s = re.sub(r"^((?:from )?\d{1,2}) and (\d{1,2} [a-z])", r"\1 - \2", s)  # "14 and 15 May"
    s = " ".join(s.split())
    return _MID.sub(r"\1 ", s)


def _quote(words: str) -> str:
    return f"'{words}'" if words.isprintable() else repr(words)


def _not_understood(words: str, s: str) -> str:
    if _NUMERIC.search(s):
        return (f"{_quote(words)} is ambiguous: numeric dates like 27/02/2019 mean different days "
                f"in different countries. Write the month as a word (27 Feb 2019) or use ISO "
                f"(2019-02-27).")
    unknown = [w for w in dict.fromkeys(re.findall(r"[a-z]+", s)) if w not in _KNOWN_WORDS]
    hint = ""
    if unknown:
        hint = f" (I don't know the word{'s' if len(unknown) > 1 else ''} " + ", ".join(
            f"'{w[:20]}'" for w in unknown[:3]) + ")"
    return f"{_quote(words)} is not a date I understand{hint}. Try: {EXAMPLES}."


# --- public API -------------------------------------------------------------------------

def parse_date(text: str, *, reference: dt.date | None = None, tense: str | None = None) -> DateSpan:
    """Read ``text`` as a single window or a range; DateError (for people) otherwise.

    ``reference`` resolves relative words and missing years (default: today). Words
    the calendar grammar below does not hold ("two days ago", "last July", "yesterday
    evening", "late on Tuesday", "in the coming days") are read by the same rules the
    article importer uses (tracker.model.relative), with ``tense`` deciding year-less
    words as in an article (none: the nearest year), so that every place a date is
    typed or imported accepts the same words.
    """
    try:
        return parse_fixed(text, reference=reference)
    except DateError as exc:
        if not isinstance(text, str) or not text.strip() or len(text.strip()) > MAX_LENGTH:
            raise
        from tracker.model.relative import resolve_span

        ref = reference.date() if isinstance(reference, dt.datetime) else reference
        try:
            start, end = resolve_span(text.strip(), ref or dt.date.today(), tense)
        except (DateError, ValueError, OverflowError):
            if _ANCHORED.search(text):
                raise DateError(f"{_quote(text.strip())} counts from another event's date, which a date "
                                f"field does not know; write the day itself (e.g. 19 Jan 2019).") from None
            raise exc from None
        return DateSpan(start, end)


def parse_fixed(text: str, *, reference: dt.date | None = None) -> DateSpan:
    """The calendar grammar alone (the module docstring's forms), without the relative
    rules: those call it for the absolute forms they reduce to."""
    if not isinstance(text, str):
        raise DateError(f"a date must be text, not {type(text).__name__}")
    words = text.strip()
    if len(words) > MAX_LENGTH:
        raise DateError(f"That is too long for a date ({len(words)} characters; at most "
                        f"{MAX_LENGTH}). Try: {EXAMPLES}.")
    if not words:
        raise DateError(f"Please enter a date. Try: {EXAMPLES}.")
    if isinstance(reference, dt.datetime):
        reference = reference.date()
    ref = reference or dt.date.today()
    s = _normalise(words)
    first_error: DateError | None = None
    try:
        try:
            single = _single(s, ref)
        except DateError as exc:
            single, first_error = None, exc
        if single is not None:
            return DateSpan(FuzzyDate(*single, words))
        try:
            pair = _range(s, ref)
        except DateError as exc:
            pair, first_error = None, first_error or exc
        if pair is not None:
            return DateSpan(FuzzyDate(*pair[0], words), FuzzyDate(*pair[1], words))
    except (OverflowError, ValueError) as exc:  # date arithmetic at the edges of 0001..9999
        first_error = first_error or DateError(f"that falls outside the years 0001 to 9999 ({exc})")
    if first_error is not None and not _NUMERIC.search(s):
        raise DateError(f"{_quote(words)}: {first_error}.")
    raise DateError(_not_understood(words, s))


def parse_single(text: str, *, reference: dt.date | None = None) -> FuzzyDate:
    """Like :func:`parse_date` but for a field that holds one date (the end-date field)."""
    span = parse_date(text, reference=reference)
    if span.end is not None:
        raise DateError(
            f"{_quote(span.start.words)} is a range ({span.start.window_text()} to "
            f"{span.end.window_text()}); this field takes one date, e.g. "
            f"{_day_text(span.end.earliest)}. For an uncertain window write "
            f"'between {_day_text(span.start.earliest)} and {_day_text(span.end.latest)}'.")
    return span.start


def format_fuzzy(f: FuzzyDate) -> str:
    """Canonical text for a window: parses back to the same earliest, latest and precision.

    Natural words when the window is exactly what they mean, otherwise
    "between <day> and <day>" with the precision in brackets unless it is "days".
    """
    a, b, p = f.earliest, f.latest, f.precision
    text = _canonical(a, b, p)
    if text is None:
        text = f"between {_day_text(a)} and {_day_text(b)}"
        if p != "days":
            text += f" ({PRECISIONS[p]})"
    return text


def _canonical(a: dt.date, b: dt.date, p: str) -> str | None:
    span = (b - a).days
    month_text = f"{MONTH_NAMES[a.month - 1]} {a.year:04d}"
    whole_months = a.day == 1 and b == _month_end(b.year, b.month)
    months = (b.year - a.year) * 12 + b.month - a.month + 1
    if p == "day" and span == 0:
        return _day_text(a)
    if p == "days" and span == 6:
        return f"around {_day_text(_shift(a, 3))}"
    if p == "week" and span == 6 and a.weekday() == 0:
        return f"week of {_day_text(a)}"
    if p == "part_of_month" and (a.year, a.month) == (b.year, b.month):
        last = _month_end(a.year, a.month).day
        parts = {(1, 10): "early ", (11, 20): "mid-", (20, last): "late "}
        part = parts.get((a.day, b.day))
        return f"{part}{month_text}" if part else None
    if p == "month" and whole_months and months == 1:
        return month_text
    if p == "season" and whole_months and a.month in _SEASON_WORDS and months == 3:
        return f"{_SEASON_WORDS[a.month]} {a.year:04d}"
    if p == "season" and whole_months and a.year == b.year:
        part = {(1, 4): "early ", (5, 8): "mid-", (9, 12): "late "}.get((a.month, b.month))
        return f"{part}{a.year:04d}" if part else None
    if p == "quarter" and whole_months and months == 3 and a.month % 3 == 1:
        return f"Q{a.month // 3 + 1} {a.year:04d}"
    if p == "year" and whole_months and a.month == 1 and months == 12:
        return f"{a.year:04d}"
    if p == "decade" and whole_months and a.month == 1 and months == 120 and a.year % 10 == 0:
        return f"the {a.year:04d}s"
    return None


def format_span(span: DateSpan) -> str:
    """Canonical text for a whole span: a range reads "<start> to <end>"."""
    if span.end is None:
        return format_fuzzy(span.start)
    return f"{format_fuzzy(span.start)} to {format_fuzzy(span.end)}"


def describe_span(span: DateSpan) -> str:
    """The live interpretation under the date field: the words, then what they mean."""
    start = span.start
    if span.end is None:
        meaning = start.describe()
    else:
        end = span.end
        meaning = (f"from {start.window_text()} ({PRECISIONS[start.precision]}) "
                   f"to {end.window_text()} ({PRECISIONS[end.precision]})")
    return f"{start.words} → {meaning}" if start.words else meaning


def span_as_dict(span: DateSpan) -> dict[str, object]:
    """Plain data for ``tracker parse-date --json`` and for tests of importers."""

    def one(f: FuzzyDate | None) -> dict[str, str] | None:
        if f is None:
            return None
        return {"earliest": f.earliest.isoformat(), "latest": f.latest.isoformat(),
                "precision": f.precision}

    return {"words": span.start.words, "start": one(span.start), "end": one(span.end),
            "canonical": format_span(span), "description": describe_span(span)}
