"""Dates a sentence does not state but takes from the event it hangs on.

"The announcements came after a 90-minute meeting…" has no date words, yet a reader
knows the meeting's day: the day the announcement was made, reported a sentence
earlier. Such dates are inferred, and marked so: the candidate's ``inferred_from``
names the words it was read from and its date words say "inferred from …", so nothing
inferred passes as stated. When no earlier event fits, nothing is proposed.

Three patterns, each tied to a candidate found earlier in the same article:

* "The <noun> came after / followed <an event>": the event took place on the day of
  the latest earlier candidate whose sentence names the noun ("announcements" →
  "announced Friday").
* "During / At … of / On the margins of <the visit, forum, summit …>, <what happened>":
  the window of the latest earlier candidate (among the last eight) naming that kind
  of happening; a day that began "a two-day visit" lends both days.
* "the following day", "the next day", "the previous day", "a day later", "three days
  earlier", "two years after that day", "the previous 13 days": counted from the latest
  earlier candidate dated to the day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import replace

from tracker.article.same_event import event_keys
from tracker.model.fuzzydate import FuzzyDate

_FOLLOWS = re.compile(
    r"^\W*(?:The|This|That|These|Those|Its|Their)\s+(?P<subj>[a-z]{4,})\s+(?:came|come|comes|"
    r"followed|follows|were\s+made|was\s+made)\s+(?:after|following|on\s+the\s+heels\s+of)\s+"
    r"(?P<what>(?:an?|the|their|his|her)\s+[^,;:.]{3,200})")
# Only a definite event ("During the visit", "At the … of the Forum") refers back; "During
# a week or two" introduces something new.
_DURING = re.compile(
    r"^\W*(?P<ctx>(?:During|At|On\s+the\s+(?:margins|sidelines)\s+of|In\s+the\s+course\s+of)\s+"
    r"(?:the|his|her|their|its|this|that)\s+[^,]{2,90}?),\s*(?P<rest>\S.*)", re.DOTALL)
_COUNT = r"\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_ANCHORED = re.compile(
    r"^(?:on\s+)?(?:the\s+(?P<rel>following|next|previous|same)\s+day|a\s+day\s+(?P<dir1>later|"
    r"earlier|after|before)|(?P<n>" + _COUNT + r")\s+(?P<unit>days|weeks|months|years)\s+(?P<dir>later|"
    r"earlier|after\s+that(?:\s+day|\s+date)?|before\s+that(?:\s+day|\s+date)?)|the\s+(?:previous|"
    r"preceding)\s+(?P<back>" + _COUNT + r")\s+days)$", re.IGNORECASE)
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
            "ten": 10, "eleven": 11, "twelve": 12}
RECENT = 8


def inferred_words(anchor_words: str) -> str:
    return f"inferred from “{anchor_words}”"


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word.lower()]


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def shifted(words: str, anchor: FuzzyDate) -> FuzzyDate | None:
    """The day "the following day", "two years after that day" (and the like) names,
    counted from ``anchor``; "the previous 13 days" is the 13 days before it."""
    m = _ANCHORED.match(" ".join(words.split()))
    if m is None or anchor.precision != "day":
        return None
    note = f"{words} ({inferred_words(anchor.words)})"
    if m["back"]:
        first = anchor.earliest - dt.timedelta(days=_count(m["back"]))
        return FuzzyDate(first, anchor.earliest - dt.timedelta(days=1), "days", note)
    if m["rel"]:
        day = anchor.earliest + dt.timedelta(days={"following": 1, "next": 1, "previous": -1,
                                                   "same": 0}[m["rel"].lower()])
    elif m["dir1"]:
        day = anchor.earliest + dt.timedelta(days=1 if m["dir1"].lower() in ("later", "after") else -1)
    else:
        n = _count(m["n"])
        sign = 1 if m["dir"].lower().startswith(("later", "after")) else -1
        unit = m["unit"].lower()
        if unit in ("months", "years"):
            day = _add_months(anchor.earliest, sign * n * (12 if unit == "years" else 1))
        else:
            day = anchor.earliest + dt.timedelta(days=sign * n * (7 if unit == "weeks" else 1))
    return FuzzyDate(day, day, "day", note)


def follows(sentence: str, earlier: list) -> tuple[object, tuple[int, int], str] | None:
    """(anchor, span of the tying words in the sentence, the event's words) for "The
    <noun> came after <an event>", or None."""
    m = _FOLLOWS.match(sentence)
    if m is None:
        return None
    stem = m["subj"].lower()[:6]
    latest = next((c for c in reversed(earlier) if stem in c.sentence.lower()), None)
    if latest is None:
        return None
    # In "… will meet in February, the White House announced Friday" the announcement
    # is the date nearest the noun's stem, not the sentence's last date.
    at = latest.span[0] + latest.sentence.lower().index(stem)
    anchor = min((c for c in earlier if c.span == latest.span),
                 key=lambda c: min(abs(c.date_span[0] - at), abs(c.date_span[1] - at)))
    return anchor, (m.start("subj"), m.start("what")), m["what"]


def during(sentence: str, earlier: list) -> tuple[object, tuple[int, int], str] | None:
    """(anchor, span of "During his visit", the rest) for a sentence set inside an
    earlier event, or None."""
    m = _DURING.match(sentence)
    if m is None:
        return None
    keys = event_keys(m["ctx"])
    if not keys:
        return None
    anchor = next((c for c in reversed(earlier[-RECENT:]) if keys & (c.keys | c.near_keys)), None)
    if anchor is None:
        return None
    return anchor, (m.start("ctx"), m.end("ctx")), m["rest"]


_LASTING = re.compile(r"\b(?P<n>two|three|four|five|six|seven|\d)[- ]day\s+(?:official\s+|state\s+|"
                      r"working\s+)?(?:visit|trip|tour|summit|talks|conference|meeting|session)",
                      re.IGNORECASE)


def inferred_date(anchor, within: bool = False) -> FuzzyDate:
    """The anchor's window, its words replaced by where it came from. ``within`` (a
    sentence set "during" the anchor): a day that began "a two-day visit" lends the
    visit's two days, not only its first."""
    date = replace(anchor.date, words=inferred_words(anchor.date.words))
    lasting = _LASTING.search(anchor.sentence) if within and date.precision == "day" else None
    if lasting is None:
        return date
    days = _count(lasting["n"])
    return FuzzyDate(date.earliest, date.earliest + dt.timedelta(days=days - 1), "days", date.words)
