"""Page furniture: the lines of a saved news page that report no event.

A page copied or extracted from the web carries datelines ("March 8, 2019"), bylines
with times ("September 17, 2018 08:46"), "Updated" stamps, photo captions and credits,
copyright lines, paywall and social prompts, and sidebars of related headlines. Each
holds date words, so without this filter each became a candidate ("an event titled
'2018 08'"). Lines are judged one by one, before any candidate is made, and the
text itself is never changed: excerpts still point into the stored source.

What counts, so that a user can predict it:

* a line that holds nothing but dates, clock times, weekdays, time zones and stamp
  labels ("Updated", "Published", "By", "Admin"): "October 16, 2019";
* a line with a clock time ("11:49 am", "23:12 IST") and at most eight other words, or
  a byline ("By Jane Roe, March 3, 2019") with at most five;
* captions and credits (Photograph:, Photo:, (Photo by, Getty Images, AP Photo, File
  photo, Image credit), copyright (©, Copyright, All rights reserved), and prompts
  (subscribe, free articles, log in, sign up, newsletter, read comments, follow …
  social media, listen live, advertisement);
* a sidebar: a heading such as "Related", "Read more", "Relacionados", "More from …",
  "Also read", and after it every short line (under twelve words, no closing full stop)
  or bullet until a line of prose.
"""

from __future__ import annotations

import re

from tracker.article.temporal import find_expressions

_CLOCK = re.compile(r"\b(?:[01]?\d|2[0-3])[:.][0-5]\d(?:[:.][0-5]\d)?\s*(?:[ap]\.?m\.?)?(?!\d)",
                    re.IGNORECASE)
_STAMP_WORDS = re.compile(
    r"\b(?:updated?|published|first|last|posted|modified|on|at|by|admin|date|time|am|pm|"
    r"IST|GMT|UTC|BST|CET|CEST|EST|EDT|PST|PDT|ET|PT|KST|JST|MSK|local|"
    r"mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.IGNORECASE)
_CREDIT = re.compile(
    r"Photograph:|\bPhotos?:|\(Photos?\s+by\b|\bPhoto\s+credit|\bGetty\s+Images\b|\bAP\s+Photo\b|"
    r"\bFile\s+photo\b|\bImage\s+credit|\bphoto\s+provided\b|©|\bCopyright\b|"
    r"\bAll\s+rights\s+reserved\b|\bsubscri(?:be|bed|ption)\b|\bfree\s+articles?\b|\blog\s+in\b|"
    r"\bsign\s+up\b|\bnewsletter\b|\bread\s+comments\b|\bwrite\s+your\s+comment|"
    r"\bsocial\s+media\s+accounts\b|\blisten\s+live\b|\badvertisement\b|\bcookies?\b",
    re.IGNORECASE)
_SIDEBAR = re.compile(
    r"^\W*(?:related(?:\s+(?:stories|articles|news|coverage|content))?|relacionad[oa]s|read\s+more|"
    r"read\s+also|also\s+read|more\s+(?:from|on|stories|news)\b.*|recommended|trending|most\s+read|"
    r"latest\s+news|you\s+may\s+also\s+like|see\s+also|top\s+stories)\W*$", re.IGNORECASE)
MAX_LINE = 600  # a longer line is prose (captions and stamps are shorter)
_BULLET = re.compile(r"^\s*(?:[-–•*·]|\d{1,2}[.)])\s+")
_WORD = re.compile(r"[^\W\d_]{2,}")


def _leftover_words(line: str) -> int:
    """Words left once dates, clock times and stamp words are taken out."""
    pieces, at = [], 0
    for found in find_expressions(line):
        pieces.append(line[at:found.start])
        at = found.end
    rest = _STAMP_WORDS.sub(" ", _CLOCK.sub(" ", " ".join([*pieces, line[at:]])))
    return len(_WORD.findall(rest))


def _is_prose(line: str) -> bool:
    return line.rstrip().endswith((".", ".”", '."', "!", "?")) or len(line.split()) >= 12


def _stamp(line: str) -> bool:
    has_date = bool(find_expressions(line))
    has_clock = bool(_CLOCK.search(line))
    if not (has_date or has_clock):
        return False
    left = _leftover_words(line)
    byline = has_date and re.match(r"\W*By\s", line) is not None and left <= 5
    return left == 0 or (has_clock and left <= 8) or byline


def furniture_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line of ``text`` that is page furniture, in order."""
    out: list[tuple[int, int]] = []
    in_sidebar = False
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped:
            continue
        if _SIDEBAR.match(stripped):
            in_sidebar = True
            out.append((start, end))
            continue
        if in_sidebar and (_BULLET.match(line) or not _is_prose(stripped)):
            out.append((start, end))
            continue
        in_sidebar = False
        if len(stripped) <= MAX_LINE and (_CREDIT.search(stripped) or _stamp(stripped)):
            out.append((start, end))
    return out


class Furniture:
    """Membership test for positions of one text, built once per article."""

    def __init__(self, text: str) -> None:
        self.lines = furniture_lines(text)
        self._i = 0

    def covers(self, position: int) -> bool:
        """True when ``position`` lies on a furniture line. Positions must be asked in
        increasing order (the candidate scan's order), which keeps the test linear."""
        while self._i < len(self.lines) and self.lines[self._i][1] < position:
            self._i += 1
        return self._i < len(self.lines) and self.lines[self._i][0] <= position <= self.lines[self._i][1]
