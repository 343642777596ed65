"""One candidate per event per article: sentences that report the same event are merged.

News repeats itself: the headline, the lead and a quote further down all report one
meeting ("Talks to resume next week" … "talks between the sides will resume next
week" … "we expect the talks to resume next week, she said"). Each used to become a
candidate. Two candidates are one event when

* they are the same date words in the same sentence ("today's meeting … not going to
  share today"), or
* both are past or both are not (occurred versus planned, announced, postponed …),
  when both clauses name actors they share one, and either their windows are equal and
  (or their first days) are equal and the words around them name the same kind of
  happening (a key below: meet, talks,
  visit, summit, conference, …), or one window lies inside the other ("next week" /
  "next Friday") and their own clauses name the same kind of happening.

The merged candidate keeps the first one's date, title and status (the earliest report
in the text, usually the fullest) and cites every sentence as an excerpt. Candidates
are only merged within one article; matching across articles is another module's job.
"""

from __future__ import annotations

import re

# key → the words that name that kind of happening (stems, matched at word starts)
_KEY_WORDS: dict[str, str] = {
    "meet": r"meet(?:s|ing|ings)?|met|summit\w*",  # a summit is a meeting
    "talk": r"talks|negotiat\w*",
    "visit": r"visit\w*|trip|tour",
    "conference": r"conference\w*|forum|congress",
    "resume": r"resum\w*|reconven\w*",
    "postpone": r"postpon\w*|put\s+off|delay\w*",
    "consult": r"consultation\w*",
    "dinner": r"dinner|lunch|banquet",
    "deadline": r"deadline\w*",
    "election": r"election\w*|elected|vote",
    "ceasefire": r"cease-?fire\w*|truce",
    "deal": r"deal|agreement\w*|accord\w*|treaty",
    "call": r"call|phone|telephone\w*|conversation",
    "interview": r"interview\w*",
    "speech": r"speech\w*|address",
    "briefing": r"briefing\w*",
    "statement": r"statement\w*",
    "arrive": r"arriv\w*|land(?:s|ed)?",
    "depart": r"depart\w*|leav(?:e|es|ing)|left",
    "strike": r"strikes?|attack\w*|shell\w*",
    "launch": r"launch\w*|test\w*",
    "sanction": r"sanction\w*",
}
_KEY_RE = re.compile("|".join(rf"\b(?P<{key}>{words})\b" for key, words in _KEY_WORDS.items()),
                     re.IGNORECASE)
KEY_REACH = 400  # characters of a clause that are read for keys; the work stays bounded


def event_keys(text: str) -> frozenset[str]:
    """The kinds of happening a clause names (one scan of at most KEY_REACH characters)."""
    return frozenset(m.lastgroup for m in _KEY_RE.finditer(text, 0, KEY_REACH) if m.lastgroup)


def _window(c) -> tuple:
    return c.date.earliest, (c.end or c.date).latest


def _nested(a: tuple, b: tuple) -> bool:
    return (a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1])


def _keys(c) -> frozenset[str]:
    return c.keys or c.near_keys


def _repeat(a, b) -> bool:
    """The same date words again in the same sentence, meaning the same day."""
    return a.span == b.span and a.date.words.lower() == b.date.words.lower() and _window(a) == _window(b)


def _same(seed, c) -> bool:
    window = _window(seed)
    if c.inferred_from:
        return False
    if (seed.status == "occurred") != (c.status == "occurred"):
        return False
    ours, theirs = seed.own_actors, c.own_actors  # named in their own clauses
    if ours and theirs and not ours & theirs:
        return False
    if window == _window(c) or window[0] == _window(c)[0]:  # "April 24" and "April 24 to May 4"
        return bool(_keys(seed) & _keys(c))
    return _nested(window, _window(c)) and bool(seed.keys & c.keys)


MAX_MORE = 20  # sentences one event cites from one article; more help nobody
RECENT = 200  # earlier events a nested window is compared with (an article has fewer)


class SameEvents:
    """Merges candidates as they come, in text order, with bounded work per candidate:
    a repeat is looked for in the last few events, an equal window by lookup, a nested
    one among the last RECENT events."""

    def __init__(self) -> None:
        self.events: list = []
        self._members: list[list] = []
        self._by_window: dict[tuple, list[int]] = {}

    def _find(self, c) -> int | None:
        for i in range(len(self.events) - 1, max(-1, len(self.events) - 4), -1):
            if any(_repeat(m, c) for m in self._members[i]):
                return i
        if c.inferred_from:
            return None  # "X came after Y": Y is another event than the one it hangs on
        for i in self._by_window.get(_window(c), ()):
            if _same(self.events[i], c):
                return i
        for i in range(max(0, len(self.events) - RECENT), len(self.events)):
            if _window(self.events[i]) != _window(c) and _same(self.events[i], c):
                return i
        return None

    def add(self, c) -> None:
        i = self._find(c)
        if i is None:
            self._by_window.setdefault(_window(c), []).append(len(self.events))
            self.events.append(c)
            self._members.append([c])
            return
        seed = self.events[i]
        if len(self._members[i]) < 4:
            self._members[i].append(c)
        known = set(seed.spans)
        for a, b, quote in [(c.span[0], c.span[1], c.sentence), *c.more]:
            if (a, b) not in known and len(seed.more) < MAX_MORE:
                seed.more.append((a, b, quote))
                known.add((a, b))
        names = {q.actor for q in seed.actors}
        seed.actors.extend(p for p in c.actors if p.actor not in names)
