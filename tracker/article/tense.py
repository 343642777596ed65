"""Tense and modality near a temporal expression: a small heuristic, explained.

The tense that decides "In May" or "Friday" is the verb's nearest the words, not the
sentence's: in "Trump and Kim will hold their second meeting at the end of February,
the White House announced Friday" the February clause is future and the Friday clause
past. So the sentence is cut into clauses (at punctuation and subordinating words),
tense markers are found with their positions, and the marker nearest the expression
in its own clause wins; with none there, the nearest in the sentence other than a
reporting verb ("he said" dates the saying, not the deadline he spoke of); with none
at all, past (what news mostly reports). A clause "until …" with no verb of its own
after a verb of deferring ("postponed the talks until Ramadan ends in mid-May") is
future.

Markers: future = will, shall, 'll, would, going to, is/are due|set|scheduled|expected|
slated|poised to (and the same without "is": "talks slated to begin"), plans to, planned,
upcoming, (to) be held, to run, to take place, is to + verb, intends/hopes/aims to,
expects, anticipates, and in a headline a bare infinitive ("Leaders to sign accord in
May"); was/were due|set|scheduled|expected to and was/were to + verb are
a plan seen from the past, read as the present (the nearest such day: "was due to speak
on Wednesday night" is this week's Wednesday) with status planned; past = was,
were, had, did, has/have (the present perfect reports the past), lower-case words in
-ed, and a list of irregular past forms; present = is, are, am, says and a few
scheduling verbs in -s ("opens", "meets").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import pairwise

_FUTURE = re.compile(
    r"\b(?:will|shall|won[’']t|would|going\s+to|(?:is|are)\s+(?:due|set|scheduled|expected|slated|"
    r"poised|planned|planning|going|likely)\s+to|(?:is|are)\s+(?:expected|scheduled|planned|set|due|"
    r"slated)\b|(?:scheduled|slated|set|planned|due)\s+for|plan(?:s|ned|ning)?\s+to|planned|upcoming|"
    r"to\s+be\s+held|be\s+held|to\s+(?:run|take\s+place)|(?:is|are)\s+to\s+[a-z]+|"
    r"(?<!was\s)(?<!were\s)(?:scheduled|slated|due|poised|expected)\s+to\s+[a-z]+|"
    r"(?<!was\s)(?<!were\s)set\s+to\s+(?:be|take|begin|start|hold|meet|visit|resume|leave|arrive|"
    r"open|sign|return|travel|attend|host|run|speak|end|go|come)|intends?\s+to|intention\s+to|"
    r"hopes?\s+to|aims?\s+to|expects?\b|anticipates?\b|(?:could|might|may|should)\s+(?:not\s+)?"
    r"(?:be|take|come|happen|hold|meet|visit|begin|start|resume|follow|see|go|travel|sign|return|"
    r"join|open|leave|arrive))\b|[’']ll\b", re.IGNORECASE)
# The future seen from the past ("was due to speak on Wednesday night", "were to meet in
# May"): a plan whose day may already be behind the reader, so the nearest such day.
_FUTURE_IN_PAST = re.compile(
    r"\b(?:was|were)\s+(?:(?:due|set|scheduled|expected|slated|poised|planned|planning|going|likely)"
    r"\s+to|to\s+[a-z]+)\b", re.IGNORECASE)
# Words that report speech: they date the saying, not what was said, so a date in
# another clause takes the tense of the sentence's other verbs when it has any.
_REPORT = re.compile(r"\b(?:said|says|told|tells|added|adds|according)\b", re.IGNORECASE)
_DEFER = re.compile(r"\b(?:postpon\w*|delay\w*|put\s+off|defer\w*|adjourn\w*|suspend\w*|wait\w*)\b",
                    re.IGNORECASE)
# A participle after "be"/"been" is passive voice, not past tense: "will be scaled back".
_PASSIVE = re.compile(r"\b(?:be|been|being)\s+(?:[a-z]+ly\s+)?$", re.IGNORECASE)
_IRREGULAR = (
    "met|said|told|held|went|came|made|took|gave|left|began|spoke|wrote|sent|saw|brought|"
    "found|knew|thought|became|got|led|won|lost|fell|rose|flew|ran|sat|stood|paid|meant|"
    "kept|felt|heard|sought|fought|struck|broke|chose|drew|drove|grew|hid|rode|shook|"
    "stole|swore|threw|tore|wore|withdrew|undertook|overtook|forgave|froze|bore|bought|"
    "caught|taught|dealt|built|spent|lent|sank|rang|sang|swam|began|did")
_PAST = re.compile(r"\b(?:[Ww]as|[Ww]ere|[Hh]ad|[Hh]as|[Hh]ave|[a-z]{2,}ed|" + _IRREGULAR + r")\b")
_NOT_PAST = frozenset({"need", "speed", "seed", "feed", "bed", "red", "hundred", "indeed", "shed",
                       "embed", "proceed", "exceed", "succeed", "breed", "deed", "weed", "creed",
                       "greed", "heed", "steed", "bleed", "reed", "naked", "wicked", "sacred",
                       "kindred", "bred", "shred"})
_PRESENT = re.compile(r"\b(?:is|are|am|says|tells|opens|begins|meets|starts|ends|arrives|visits|"
                      r"holds|hosts|travels|returns)\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(
    r"[,;:()“”\"—]|\.\s|\b(?:that|which|who|whom|since|after|before|when|while|because|"
    r"although|though|despite|but|whereas|until)\b", re.IGNORECASE)
_SPECULATED = re.compile(r"\b(?:speculat\w*|rumou?r\w*|reportedly|could|might|may|possibl[ey]|"
                         r"mooted|touted|floated|considering|unconfirmed)\b")
_ANNOUNCED = re.compile(r"\b(?:announc\w*|confirm\w*|unveil\w*|declared|revealed)\b", re.IGNORECASE)
_POSTPONED = re.compile(r"\b(?:postpone\w*|delayed|put\s+off|pushed\s+back|rescheduled)\b",
                        re.IGNORECASE)
_CANCELLED = re.compile(r"\b(?:cancell?(?:ed|ation)|cancels?|called\s+off|scrapped|abandoned|"
                        r"fail(?:ed|ure|s)?\s+to\s+(?:arrange|hold|organi[sz]e|convene|schedule|"
                        r"take\s+place|happen|materiali[sz]e|go\s+ahead|meet)|collapsed)\b", re.IGNORECASE)

Clause = tuple[int, int]
# A headline (a line without a closing stop) says plans with a bare infinitive: "Trump to
# meet Kim in February", "Leaders to sign accord on Friday".
_HEADLINE_PLAN = re.compile(r"\bto\s+(?:meet|visit|hold|host|sign|attend|travel|resume|begin|start|"
                            r"open|launch|hold|talk|tour|discuss|vote|decide|announce|return|end)\b")


def clauses(sentence: str) -> list[Clause]:
    """(start, end) of each clause, relative to ``sentence``; together they cover it.
    A piece with no word in it (", " before "which") joins the clause after it."""
    cuts = [0]
    for m in _CLAUSE_BREAK.finditer(sentence):
        if not re.search(r"\w", sentence[cuts[-1]:m.start()]):
            continue
        cuts.append(m.start())
    if len(cuts) > 1 and not re.search(r"\w", sentence[cuts[-1]:]):
        cuts.pop()
    cuts.append(len(sentence))
    return [(a, b) for a, b in pairwise(cuts) if b > a]


def first_verb_end(text: str) -> int:
    """Where the first verb-like marker ends (0 when there is none): titles are cut
    only after it, so the subject and its verb survive shortening."""
    ends = [m.end() for rx in (_FUTURE, _PAST, _PRESENT) if (m := rx.search(text))]
    return min(ends, default=0)


def clause_of(sentence: str, start: int) -> Clause:
    return Analysis(sentence).clause_of(start)


Marker = tuple[int, int, str]  # start, end, tense


def _markers(text: str) -> list[Marker]:
    """Tense markers of the whole text, sorted; a past or present word inside a future
    phrase ("is expected to") belongs to the phrase."""
    future = [(m.start(), m.end(), "future") for m in _FUTURE.finditer(text)]
    future += [(m.start(), m.end(), "present") for m in _FUTURE_IN_PAST.finditer(text)]
    if not re.search(r"[.!?][\"”’')\]]*\s*$", text):
        future += [(m.start(), m.end(), "future") for m in _HEADLINE_PLAN.finditer(text)]
    future.sort()
    starts = [f[0] for f in future]
    out = list(future)
    for pattern, tense in ((_PAST, "past"), (_PRESENT, "present")):
        for m in pattern.finditer(text):
            i = bisect_right(starts, m.start()) - 1
            if i >= 0 and m.start() < future[i][1]:
                continue
            if tense == "past" and (m.group(0).lower() in _NOT_PAST
                                    or _PASSIVE.search(text, max(0, m.start() - 24), m.start())):
                continue
            out.append((m.start(), m.end(), tense))
    out.sort()
    return out


class Analysis:
    """One sentence's clauses and tense markers, computed once: a sentence with many
    dates then costs one scan, not one per date (the import stays linear)."""

    def __init__(self, sentence: str) -> None:
        self.sentence = sentence
        self.clauses = clauses(sentence)
        self._clause_starts = [a for a, _ in self.clauses]
        self.markers = _markers(sentence)
        self._marker_starts = [m[0] for m in self.markers]
        reports = {m.start() for m in _REPORT.finditer(sentence)}
        core = [m for m in self.markers if m[0] not in reports]
        self._core = core if core else self.markers

    def clause_of(self, start: int) -> Clause:
        i = bisect_right(self._clause_starts, start) - 1
        return self.clauses[i] if i >= 0 else (0, len(self.sentence))

    def _nearest(self, start: int, end: int, lo: int, hi: int, core: bool = False) -> str | None:
        """The marker in [lo, hi) nearest the expression; before it wins a tie. With
        ``core``, reporting verbs count only when the sentence has no other marker."""
        markers = self._core if core else self.markers
        starts = [m[0] for m in markers] if core else self._marker_starts
        i = bisect_right(starts, start) - 1
        while i >= 0 and markers[i][1] > start:  # overlaps the expression
            i -= 1
        j = bisect_right(starts, end - 1)
        before = markers[i] if i >= 0 and markers[i][0] >= lo else None
        after = markers[j] if j < len(markers) and markers[j][1] <= hi else None
        if before and (after is None or start - before[1] <= after[0] - end):
            return before[2]
        return after[2] if after else None

    def tense_at(self, start: int, end: int) -> str:
        """The tense governing the expression at sentence[start:end]."""
        a, b = self.clause_of(start)
        found = self._nearest(start, end, a, b)
        if found is None and re.match(r"\W*(?:until|till)\b", self.sentence[a:b], re.IGNORECASE) \
                and _DEFER.search(self.sentence, 0, a):
            return "future"  # "postponed the talks until the holiday ends in mid-May"
        found = found or self._nearest(start, end, 0, len(self.sentence), core=True)
        return found or "past"


def tense_at(sentence: str, start: int, end: int) -> str:
    """The tense governing the expression at sentence[start:end]."""
    return Analysis(sentence).tense_at(start, end)


def announces(sentence: str) -> bool:
    return bool(_ANNOUNCED.search(sentence))


def status_for(sentence: str, clause: Clause, tense: str, in_future: bool,
               announced: bool | None = None) -> str:
    """Status from tense and modality in the expression's clause (and the words that
    introduce it, as in "speculated that …"): cancellation, postponement and speculation
    win over tense; a future thing the sentence says was announced is "announced", else
    "planned"."""
    local = sentence[max(0, clause[0] - 30):clause[1]]
    if _CANCELLED.search(local):
        return "cancelled"
    if _POSTPONED.search(local):
        return "postponed"
    if _SPECULATED.search(local):
        return "speculated"
    if tense == "future" or in_future or _FUTURE_IN_PAST.search(local):
        if announced is None:
            announced = announces(sentence)
        return "announced" if announced else "planned"
    return "occurred"
