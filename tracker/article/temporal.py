"""Find temporal expressions in a sentence, with their exact character spans.

One compiled regular expression scans the text once (so a long article costs time in
proportion to its length); each hit is then checked by a few rules the regex cannot say
cheaply, mostly about capitals: "May" is a month only when capitalised and introduced
("In May", "May 2018", "late May"), because "may" is also a modal verb; a season needs a
qualifier or a preposition ("last summer", "in the summer"), because "the fall of
Saigon" and "the Arab Spring" are not dates.

Only the words that carry the date are kept, plus a leading in/on/at/during, so the
words read like the seed's date texts ("In May", "on Thursday", "near the end of
February").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTH = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
         r"Aug(?:ust|\.)?|Sept(?:ember|\.)?|Sep\.?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
         r"(?![^\W\d])")  # a digit may follow: wire copy glues "30May2017"
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[5-9]\d\d|20\d\d)(?![\d%])"
NUM = (r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
       r"a\s+few|several|a\s+couple\s+of)")
UNIT = r"(?:day|week|month|year)s?"
PART = (r"(?:early|mid|late|(?:the\s+)?(?:beginning|start|middle|end)\s+of|"
        r"(?:near|towards?)\s+the\s+end\s+of)")
SEASON = r"(?:spring|summer|autumn|fall|winter)"
QUALIFIER = r"(?:last|this|next|past|coming)"
PREP = r"(?P<prep>(?:in|on|at|during)(?:\s+|(?=(?-i:[A-Z]))))?"  # "onThursday" as wire copy has it
WD_NOTE = r"(?:\s*\((?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?\))?"  # "April 28 (Sat)"
MD = rf"{MONTH}\s*{DAY}(?![\d:]){WD_NOTE}"
DM = rf"{DAY}\s*(?:of\s+)?{MONTH}{WD_NOTE}"
TO = r"\s*(?:to|until|till|through|[-–—])\s*"
YEAR_OF = r"(?:,?\s*(?:of\s+)?(?:1[5-9]\d\d|20\d\d)(?![\d%])|\s+(?:this|last|next)\s+year)"
DASH = r"\s*[-–—]\s*"

_ALTERNATIVES = [
    ("absolute", r"\d{4}-\d\d-\d\d(?!\d)"),
    ("range", rf"(?:from\s+)?(?:{MD}(?:,?\s*{YEAR})?{TO}{MD}|{DM}(?:,?\s*{YEAR})?{TO}{DM})(?:,?\s*{YEAR})?"),
    ("part_of_month", r"(?:by\s+)?(?:the\s+)?(?:beginning|start|middle|end)\s+of\s+(?:this|last|next|the)\s+"
                      r"(?:month|year)|(?:early|mid|late)[\s-]+(?:this|last|next)\s+(?:month|year)"),
    ("absolute", rf"(?:{WEEKDAY},?\s+)?(?:from\s+)?(?:the\s+)?{DAY}(?:(?:{DASH}|\s+(?:to|and)\s+){DAY})?\s*"
                 rf"(?:of\s+)?{MONTH}(?:,?\s*{YEAR})?"),
    ("absolute", rf"(?:{WEEKDAY},?\s+)?{MONTH}\s+{DAY}(?:{DASH}{DAY})?(?![\d:])(?:,?\s+{YEAR})?"),
    ("part_of_month", rf"{PART}[\s-]+{MONTH}(?:,?\s+(?:of\s+)?{YEAR})?"),
    ("part_of_year", rf"(?:early|mid|late|(?:the\s+)?end\s+of)[\s-]+{YEAR}"),
    ("decade", r"(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?:1[5-9]|20)\d0['’]?s(?!\w)"),
    ("decade", r"the\s+['’]\d0s(?!\w)"),
    ("month", rf"(?:(?:last|this|next)\s+)?{MONTH}{YEAR_OF}?"),
    ("season", rf"(?:(?:{QUALIFIER}|early|late|the)\s+)?{SEASON}(?:\s+(?:of\s+)?{YEAR})?(?!\w)"),
    ("relative", r"the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)"),
    ("anchored", r"the\s+(?:following|next|previous|same)\s+day|a\s+day\s+(?:later|earlier)|"
                 r"(?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?:days|weeks|"
                 r"months|years)\s+(?:later|earlier|(?:after|before)\s+that(?:\s+day|\s+date)?)|"
                 r"the\s+(?:previous|preceding)\s+(?:\d{1,2}|two|three|four|five|six|seven|eight|nine|"
                 r"ten|eleven|twelve)\s+days"),
    ("relative", r"(?:earlier|later)\s+(?:this|in\s+the)\s+(?:week|month|year)"),
    ("relative", r"(?:(?:early|late|later|earlier)\s+(?:on\s+)?)?(?:today|yesterday|tomorrow)"
                 r"(?:\s+(?:morning|afternoon|evening|night))?|tonight|last\s+night|overnight|"
                 r"this\s+(?:morning|afternoon|evening)"),
    ("relative", r"(?:(?:in|over|during|for|within)\s+)?the\s+(?:coming|next\s+few|recent|last\s+few|"
                 r"past\s+few)\s+(?:days|weeks|months)|in\s+(?:coming|recent)\s+(?:days|weeks|months)|"
                 r"(?:in|over|during)\s+the\s+(?:last|past)\s+(?:\d{1,2}\s+)?(?:days?|weeks?|months?)|"
                 r"(?:over|at|during)\s+the\s+weekend|(?:this|last|next|past|coming)\s+weekend|"
                 r"all\s+week"),
    ("relative", rf"{NUM}\s+{UNIT}\s+(?:ago|from\s+now)"),
    ("relative", rf"in\s+{NUM}\s+{UNIT}(?:['’]\s+time)?"),
    ("relative", rf"{QUALIFIER}\s+(?:week|month|year)(?!\w)"),
    ("weekday", rf"(?:(?:early|late|later|earlier)\s+(?:on\s+)?)?(?:{QUALIFIER}\s+)?{WEEKDAY}"
                rf"(?:\s+(?:morning|afternoon|evening|night))?"),
    ("quarter", rf"(?:the\s+)?(?:first|second|third|fourth)\s+quarter(?:\s+of)?(?:\s+{YEAR})?"
                rf"|Q[1-4]\s+{YEAR}"),
    ("year", rf"{YEAR}"),
]

_PATTERN = re.compile(
    r"(?<![\w$€£/.-])" + PREP + "(?:"
    + "|".join(f"(?P<c{i}>{pattern})" for i, (_, pattern) in enumerate(_ALTERNATIVES))
    + r")(?![\w/])",
    re.IGNORECASE,
)
_CATEGORY = {f"c{i}": name for i, (name, _) in enumerate(_ALTERNATIVES)}
_MONTH_WORD = re.compile(MONTH, re.IGNORECASE)
_INTRO = re.compile(r"(?:\b(?:since|until|till|by|from|through|of|before|after|last|next|this|"
                    r"early|late|mid|in|on|during)\s+|mid-)$", re.IGNORECASE)
_AMBIGUOUS_MONTHS = {"may", "mar", "march", "jan", "aug", "sep", "oct", "nov", "dec", "june", "july"}


@dataclass(frozen=True, slots=True)
class Found:
    """One expression: ``text[start:end] == words``; ``category`` is the finder's guess."""

    start: int
    end: int
    words: str
    category: str


def _month_ok(words: str, before: str, prep: str | None, category: str) -> bool:
    """Months must be capitalised; the short ones that are also words need an introduction."""
    m = _MONTH_WORD.search(words)
    if m is None:
        return True
    if not m.group(0)[0].isupper():
        return False
    bare = category == "month" and not re.search(r"\d|\byear\b|^(?:last|this|next)\s", words, re.IGNORECASE)
    if bare and m.group(0).lower().rstrip(".") in _AMBIGUOUS_MONTHS:
        return bool(prep) or bool(_INTRO.search(before))
    return True


def _season_ok(words: str, prep: str | None) -> bool:
    lowered = words.lower()
    if re.search(r"\d", lowered) or prep:
        return True
    return bool(re.match(r"(?:last|this|next|past|coming|early|late)\s", lowered))


def _weekday_ok(words: str) -> bool:
    m = re.search(WEEKDAY, words, re.IGNORECASE)
    return m is not None and m.group(0)[0].isupper()


def find_expressions(text: str, start: int = 0, end: int | None = None) -> list[Found]:
    """Every temporal expression in ``text[start:end]``, left to right, never overlapping."""
    end = len(text) if end is None else end
    out: list[Found] = []
    for m in _PATTERN.finditer(text, start, end):
        category = _CATEGORY[m.lastgroup or ""]
        words = m.group(0)
        before = text[max(start, m.start() - 12):m.start()]
        prep = m.group("prep")
        if not _month_ok(words, before, prep, category):
            continue
        if category == "season" and not _season_ok(words, prep):
            continue
        if category == "weekday" and not _weekday_ok(words):
            continue
        if category == "year" and not prep and re.search(r"[$€£#]\s*$|\bNo\.\s*$", before):
            continue
        start_at = m.start()
        if prep and category == "relative":  # "sworn in earlier this week": "in" is no preposition of it
            start_at += len(prep)
            words = words[len(prep):]
        out.append(Found(start_at, m.end(), words, category))
    return out
