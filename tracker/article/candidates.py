"""Candidate events: one per event an article reports, tied to the exact spans of the
sentences that report it.

A sentence can report several events at different times ("will hold their second
meeting at the end of February, the White House announced Friday, ... since the
summit in Singapore last summer"), so a candidate is first made per temporal expression
(or, for a sentence without one, per event it hangs on: inferred.py), with title, type,
status and place from the expression's own clause; then candidates that report the same
event are merged (same_event.py). Page furniture is skipped (furniture.py). Nothing here
writes anywhere: the review panel or ``tracker import-article --accept-all`` decide.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import deque
from dataclasses import dataclass, field

from tracker.article import gazetteer
from tracker.article.furniture import Furniture
from tracker.article.inferred import during, follows, inferred_date, shifted
from tracker.article.names import ActorMatcher, find_place, new_names
from tracker.article.resolve import resolve_span
from tracker.article.same_event import SameEvents, event_keys
from tracker.article.sentences import sentence_spans
from tracker.article.temporal import find_expressions
from tracker.article.tense import Analysis, announces, status_for
from tracker.article.titles import propose_title, shorten
from tracker.model.entities import Actor, Event, Excerpt, Participation, Source
from tracker.model.fuzzydate import DateError, FuzzyDate

MAX_CANDIDATES = 2000  # more cannot be reviewed by a person
RAW_LIMIT = 4  # dated expressions read per candidate allowed, before merging
LOCAL_REACH = 160  # characters either side of a date that its clause may lend it
_METADATA = re.compile(r"^\W*(?:\w+\s+)?(?:updated|first published|published|posted|"
                       r"last (?:updated|modified))\s*:", re.IGNORECASE)
_SPEAKER_AFTER = re.compile(r"^\W{0,3}(?:\w+\W+){0,2}?(?:announced|said|says|told|stated|wrote|added|"
                            r"confirmed|declared)\b")
TYPE_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("summit", r"summit"),
    ("release", r"releas\w*|freed|detainees?|prisoners?|hostages?"),
    ("sanctions", r"sanction\w*|embargo"),
    ("military", r"missile\s+(?:test|launch)\w*|launch(?:ed|es)?|fired|strikes?|drills?|"
                 r"exercises?|troops|nuclear\s+test"),
    ("agreement", r"agreements?|accords?|treaty|signed|deal\s+was"),
    ("negotiation", r"negotiat\w*|talks"),
    ("meeting", r"meeting|met|meets?|meet\b"),
    ("visit", r"visit\w*|trip|travell?ed"),
    ("policy", r"review|policy|strategy|doctrine"),
    ("announcement", r"announc\w*|unveil\w*"),
    ("statement", r"statement|said|says|told|declared"),
    ("reaction", r"welcomed|condemned|criticis\w*|criticiz\w*|praised|reacted"),
)
_TYPE_RES = tuple((name, re.compile(rf"\b(?:{rx})\b", re.IGNORECASE)) for name, rx in TYPE_KEYWORDS)


@dataclass(slots=True)
class Candidate:
    """A proposed event; spans are code-point offsets into the source text."""

    span: tuple[int, int]
    sentence: str
    date: FuzzyDate
    date_span: tuple[int, int]
    title: str
    actors: list[Participation] = field(default_factory=list)
    new_actor_names: list[str] = field(default_factory=list)
    location: str = ""
    status: str = "occurred"
    type: str = "other"
    end: FuzzyDate | None = None
    tense: str = "past"
    more: list[tuple[int, int, str]] = field(default_factory=list)  # other sentences reporting it
    keys: frozenset[str] = frozenset()  # what happened in its clause, as same_event compares it
    near_keys: frozenset[str] = frozenset()  # … and in the words around it
    own_actors: frozenset[str] = frozenset()  # actors named in its own clause
    inferred_from: str = ""  # the words the date was taken from, when not its own

    @property
    def spans(self) -> list[tuple[int, int]]:
        """Every sentence that reports the event, its own first."""
        return [self.span, *[(a, b) for a, b, _ in self.more]]

    def excerpts(self, source_id: int) -> list[Excerpt]:
        """One excerpt per sentence that reports the event, in text order."""
        quotes = sorted({(self.span[0], self.span[1], self.sentence), *self.more})
        return [Excerpt(source_id, a, b, quote) for a, b, quote in quotes]

    def to_event(self, source_id: int) -> Event:
        """The event as proposed, citing every sentence that reports it; unsaved (id None)."""
        return Event(
            id=None, uid="", title=self.title, start=self.date, end=self.end, status=self.status,
            type=self.type, location=self.location,
            actors=[Participation(p.actor, p.role) for p in self.actors],
            excerpts=self.excerpts(source_id))

    def as_dict(self) -> dict[str, object]:
        def window(f: FuzzyDate | None) -> dict[str, str] | None:
            if f is None:
                return None
            return {"earliest": f.earliest.isoformat(), "latest": f.latest.isoformat(),
                    "precision": f.precision, "words": f.words}

        return {"span": list(self.span), "sentence": self.sentence, "date": window(self.date),
                "end": window(self.end), "date_span": list(self.date_span), "title": self.title,
                "actors": [{"name": p.actor, "role": p.role} for p in self.actors],
                "new_actor_names": self.new_actor_names, "location": self.location,
                "status": self.status, "type": self.type, "tense": self.tense,
                "excerpts": [list(span) for span in sorted(self.spans)],
                "inferred_from": self.inferred_from}


def reference_date(source: Source) -> dt.date:
    """The publication day as the article states it (its own time zone's calendar day)."""
    try:
        return dt.date.fromisoformat(source.published_at.strip()[:10])
    except ValueError:
        raise ValueError(
            f"The source {source.title!r} has no publication date (got "
            f"{source.published_at!r}); dates like “Friday” or “In May” need one.") from None


def guess_type(*texts: str) -> str:
    """The first vocabulary type whose keywords occur, searching the texts in order."""
    for text in texts:
        for name, rx in _TYPE_RES:
            if rx.search(text):
                return name
    return "other"


def _actors(matcher: ActorMatcher, text: str, a: int, b: int) -> tuple[list[tuple[int, Participation]],
                                                                         list[tuple[int, int]], set[str]]:
    """(position, participation) of every actor named in text[a:b], first mention each,
    with the spans taken and the persons' names as written."""
    found: dict[str, tuple[int, Participation]] = {}
    taken: list[tuple[int, int]] = []
    persons: set[str] = set()
    for x, y, actor in matcher.find(text, a, b):
        taken.append((x, y))
        if actor.kind == "person":
            persons.add(text[x:y])
        role = "speaker" if _SPEAKER_AFTER.match(text[y:min(b, y + 40)]) else "participant"
        found.setdefault(actor.name, (x, Participation(actor.name, role)))
    for x, y, entry in gazetteer.find(text, a, b):  # states, capitals, demonyms, bodies
        if any(x < q and p < y for p, q in taken):
            continue
        taken.append((x, y))
        role = "speaker" if _SPEAKER_AFTER.match(text[y:min(b, y + 40)]) else "participant"
        found.setdefault(entry.actor, (x, Participation(entry.actor, role)))
    return sorted(found.values(), key=lambda item: item[0]), taken, persons


def _own_actors(shared: _Shared, lo: int, hi: int) -> list[Participation]:
    """The actors named in sentence[lo:hi], a date's own clause."""
    return [p for x, p in shared.actors if lo <= x - shared.span[0] < hi]


def _clause_actors(shared: _Shared, lo: int, hi: int) -> list[Participation]:
    """The actors of a date's own clause when a sentence reports several events ("North
    Korea fired a missile on Monday, and China said on Tuesday it objected": Tuesday's
    event is China's), else the sentence's."""
    everyone = [p for _, p in shared.actors]
    if shared.dates < 2:
        return everyone
    return _own_actors(shared, lo, hi) or everyone


def find_candidates(source: Source, known_actors: list[Actor],
                    limit: int = MAX_CANDIDATES) -> list[Candidate]:
    """Every event the source dates, one candidate each, in text order, at most
    ``limit`` (callers say so when a list comes back full).

    An empty list means the text names no date this resolver understands; it is not
    an error. ValueError when the source has no publication date.
    """
    text = source.text
    reference = reference_date(source)
    matcher = ActorMatcher(list(known_actors))
    furniture = Furniture(text)
    events = SameEvents()
    seen: dict[str, str] = {}  # surname → full name, for new names
    earlier: deque[Candidate] = deque(maxlen=50)  # what later sentences may hang on
    all_found = find_expressions(text)  # one pass; shared out to sentences below
    k = made = 0
    for s_start, s_end in sentence_spans(text):
        while k < len(all_found) and all_found[k].start < s_start:
            k += 1
        found = []
        while k < len(all_found) and all_found[k].end <= s_end:
            found.append(all_found[k])
            k += 1
        if not found and not earlier:
            continue
        sentence = text[s_start:s_end]
        if _METADATA.match(sentence) or furniture.covers(s_start):
            continue  # "Updated: Jan 19, 2019 10:20 IST" dates the page, not an event
        if found:
            day = next((c for c in reversed(earlier) if c.date.precision == "day"), None)
            new = _sentence_candidates(text, s_start, s_end, found, reference, matcher, day, seen)
        else:
            new = _inferred_candidates(text, s_start, s_end, list(earlier), reference, matcher, seen)
        for c in new:
            earlier.append(c)
            events.add(c)
        made += len(new)
        if len(events.events) >= limit or made >= RAW_LIMIT * limit:
            break  # bounded work: a text that repeats itself is not read to its end
    return events.events[:limit]


class _Shared:
    """What all candidates of one sentence share, computed once per sentence."""

    def __init__(self, text: str, s_start: int, s_end: int, matcher: ActorMatcher, dates: int,
                 seen: dict[str, str]) -> None:
        self.span = (s_start, s_end)
        self.analysis = Analysis(text[s_start:s_end])
        self.actors, taken, self.persons = _actors(matcher, text, s_start, s_end)
        self.dates = dates
        self.names = new_names(text, s_start, s_end, taken, seen)
        sentence = self.analysis.sentence
        self.place = find_place(sentence, 0, len(sentence), self.persons) if dates == 1 else ""
        self.announced = announces(sentence)


def _candidate(shared: _Shared, reference: dt.date, lo: int, hi: int, start: FuzzyDate,
               end: FuzzyDate | None, tense: str) -> Candidate:
    """One candidate of a sentence, its title, actors, place and status read from the
    clause around sentence[lo:hi] (the date words, or the words that tie it to another)."""
    analysis, (s_start, s_end) = shared.analysis, shared.span
    sentence = analysis.sentence
    a, b = analysis.clause_of(lo)
    clause = (max(a, lo - LOCAL_REACH), min(b, hi + LOCAL_REACH))  # bounded work per date
    local_type = guess_type(sentence[clause[0]:clause[1]])
    local_sentence = sentence[max(0, lo - LOCAL_REACH):hi + LOCAL_REACH]
    in_future = start.earliest > reference or (tense == "present" and (end or start).latest > reference)
    return Candidate(
        span=(s_start, s_end), sentence=sentence, date=start, end=end,
        date_span=(s_start + lo, s_start + hi),
        title=propose_title(sentence, lo, hi, analysis.clauses),
        actors=[Participation(p.actor, p.role) for p in _clause_actors(shared, a, b)],
        new_actor_names=list(shared.names),
        location=find_place(sentence, clause[0], clause[1], shared.persons) or shared.place,
        status=status_for(sentence, clause, tense, in_future, shared.announced),
        type=local_type if local_type != "other" else guess_type(sentence), tense=tense,
        keys=event_keys(sentence[a:b]), near_keys=event_keys(local_sentence),
        own_actors=frozenset(p.actor for p in _own_actors(shared, a, b)))


def _sentence_candidates(text: str, s_start: int, s_end: int, found: list, reference: dt.date,
                         matcher: ActorMatcher, day: Candidate | None,
                         seen: dict[str, str]) -> list[Candidate]:
    """The candidates of one sentence with date words; ``day`` is the latest earlier
    candidate dated to the day, for "the following day" and the like."""
    shared = _Shared(text, s_start, s_end, matcher, len(found), seen)
    analysis = shared.analysis
    out: list[Candidate] = []
    for expr in found:
        lo, hi = expr.start - s_start, expr.end - s_start
        tense = analysis.tense_at(lo, hi)
        if expr.category == "anchored":
            start = shifted(expr.words, day.date) if day is not None else None
            if start is None:
                continue  # nothing to count from: better no event than a guessed day
            end, inferred = None, day.date.words
        else:
            try:
                start, end = resolve_span(expr.words, reference, tense)
            except (DateError, ValueError, OverflowError):
                continue
            inferred = ""
        c = _candidate(shared, reference, lo, hi, start, end, tense)
        c.inferred_from = inferred
        out.append(c)
    return out


def _inferred_candidates(text: str, s_start: int, s_end: int, earlier: list[Candidate],
                         reference: dt.date, matcher: ActorMatcher,
                         seen: dict[str, str]) -> list[Candidate]:
    """A candidate for a sentence without date words that hangs on an earlier event."""
    sentence = text[s_start:s_end]
    tie = follows(sentence, earlier)
    inside = tie is None
    tie = tie or during(sentence, earlier)
    if tie is None:
        return []
    anchor, (lo, hi), what = tie
    shared = _Shared(text, s_start, s_end, matcher, 1, seen)
    tense = shared.analysis.tense_at(lo, hi)
    c = _candidate(shared, reference, lo, hi, inferred_date(anchor, within=inside), None, tense)
    c.inferred_from = anchor.date.words
    c.title = shorten(what)
    c.keys = event_keys(what)
    c.type = guess_type(what, sentence)
    return [c]
