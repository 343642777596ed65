"""Is this candidate a new report of an event already stored? (issue 19)

A summit reported by ten articles should be one event with ten reports, not ten events.
A candidate matches a stored event when the evidence for "same happening" adds up:

* time (most weight): the windows overlap, or lie within a few days of each other — a
  report may disagree with earlier ones ("March or April" against "near the end of
  February"), and that is worth seeing as a dispute, not as a second summit;
* the same actors;
* shared wording beyond the actors' and places' names ("second summit");
* the same kind of event, and the same place.

Each proposal carries its reasons in words ("same actors (Donald Trump, Kim Jong Un),
windows overlap, both summits, 'second summit'") so the person reviewing can judge it.
The stored events come from tracker.store.matchpool (the interval index, then full-text
search); nothing here knows SQL or Qt.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from tracker.article.candidates import Candidate
from tracker.model.entities import Excerpt
from tracker.model.fuzzydate import format_window
from tracker.model.vocab import EVENT_TYPES
from tracker.store import Store
from tracker.store.matchpool import Neighbourhood, PoolEvent, details

SLACK_DAYS = 7  # windows this close may still be the same happening, reported differently
THRESHOLD = 0.55  # score from which a match is proposed (and taken by --accept-all)
SHOWN = 3  # proposals kept per candidate
DETAILED = 12  # best events whose quotes are compared too
WEIGHTS = {"time": 0.35, "actors": 0.25, "words": 0.2, "type": 0.15, "place": 0.1}
UNKNOWN_ACTORS = 0.4  # a report naming nobody ("the two leaders") neither helps nor hurts much
RELATED_TYPES = ({"summit", "meeting", "visit", "negotiation"},
                 {"statement", "announcement", "reaction"}, {"agreement", "negotiation"})
# A word list reads best as words.
_STOP = frozenset("""a an the and or but of in on at to for from by with as is are was were
be been being will would could should may might can has have had do does did that this these those it
its his her their they them he she we our you your i not no than then there here which
who whom whose what when where while after before since until about into over under
again also just only very more most such some any each other both all up out said says
say told according reported report reports year years day days week weeks month months
time monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec last next first early late end us u.s
president leader leaders chairman minister official officials mr""".split())  # noqa: SIM905
_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Match:
    """A stored event the candidate may report, with the score and the reasons."""

    event_id: int
    title: str
    window: str  # the stored event's window, "20–28 Feb 2019"
    score: float
    reasons: tuple[str, ...]
    disagrees: bool  # the windows do not overlap: accepting makes the event disputed

    def explain(self) -> str:
        return ", ".join(self.reasons)


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    """A crude English stem: "announces", "announced" and "announcing" compare equal."""
    for suffix in ("ing", "ed", "es", "s", "e"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _tokens(text: str, drop: frozenset[str] = frozenset()) -> list[str]:
    return [_stem(w) for w in _surface(text, drop)]


def _surface(text: str, drop: frozenset[str] = frozenset()) -> list[str]:
    """The distinctive words of a text as written (lower case), in order."""
    return [w for w in _WORD.findall(text.casefold()) if w not in _STOP and w not in drop]


@lru_cache(maxsize=1 << 16)
def _title_words(title: str) -> frozenset[str]:
    """A stored title's words, compared with every candidate near it (titles repeat)."""
    return frozenset(_tokens(title))


def _name_words(*names: str) -> frozenset[str]:
    return frozenset(w for n in names for w in _WORD.findall(n.casefold()))


def _local(c: Candidate) -> str:
    """The candidate's title and the stretch of its sentence around its date words."""
    return f"{c.title} {_near(c)}"


def _near(c: Candidate) -> str:
    """The stretch of the candidate's sentence around its date words."""
    a = max(0, c.date_span[0] - c.span[0] - 160)
    b = min(len(c.sentence), c.date_span[1] - c.span[0] + 160)
    return c.sentence[a:b]


def _phrases(words: list[str], b: list[str]) -> list[str]:
    """Word pairs of ``words`` (as written) whose stems follow each other in ``b`` too,
    as the person would quote them: ‘second summit’."""
    pairs = set(itertools.pairwise(b))
    seen: list[str] = []
    for x, y in itertools.pairwise(words):
        if (_stem(x), _stem(y)) in pairs and f"{x} {y}" not in seen:
            seen.append(f"{x} {y}")
    return seen


def _window(c: Candidate) -> tuple[int, int]:
    last = max(c.date.latest, (c.end or c.date).latest)
    return c.date.earliest.toordinal(), last.toordinal()


def _type_score(a: str, b: str) -> float:
    if a == b and a != "other":
        return 1.0
    if "other" in (a, b) or any(a in group and b in group for group in RELATED_TYPES):
        return 0.5
    return 0.0


def _plural(kind: str) -> str:
    label = EVENT_TYPES.get(kind, kind).lower()
    return label + ("es" if label.endswith("s") else "s")


def score(c: Candidate, event: PoolEvent) -> Match:
    """How likely the candidate reports this stored event, and why (pure)."""
    lo, hi = _window(c)
    reasons: list[str] = []
    parts: dict[str, float] = {}
    ours, theirs = format_window(dt.date.fromordinal(lo), dt.date.fromordinal(hi)), \
        format_window(dt.date.fromordinal(event.day_lo), dt.date.fromordinal(event.day_hi))
    disagrees = hi < event.day_lo or event.day_hi < lo
    if not disagrees:
        parts["time"] = 1.0
        if (lo, hi) == (event.day_lo, event.day_hi):
            reasons.append(f"same dates ({ours})")
        elif event.day_lo <= lo and hi <= event.day_hi:
            reasons.append(f"{ours} lies within {theirs}")
        elif lo <= event.day_lo and event.day_hi <= hi:
            reasons.append(f"{theirs} lies within {ours}")
        else:
            reasons.append(f"windows overlap ({ours} and {theirs})")
    else:
        parts["time"] = 0.3
        reasons.append(f"windows disagree ({ours} against {theirs})")
    ours_a = [p.actor for p in c.actors]
    shared = [a for a in ours_a if a.casefold() in {x.casefold() for x in event.actors}]
    if not ours_a or not event.actors:
        parts["actors"] = UNKNOWN_ACTORS
    else:
        parts["actors"] = len(shared) / min(len(ours_a), len(event.actors))
        if shared and len(shared) == min(len(ours_a), len(event.actors)):
            reasons.insert(0, f"same actors ({', '.join(shared)})")
        elif shared:
            reasons.insert(0, f"shares {', '.join(shared)}")
    drop = _name_words(*ours_a, *event.actors, c.location, event.location)
    written = _surface(_local(c), drop)
    mine = [_stem(w) for w in written]
    other = _tokens(f"{event.title} {event.text}", drop)
    common = sorted(set(mine) & set(other), key=mine.index)
    parts["words"] = min(1.0, len(common) / 3)
    kind = _type_score(c.type, event.type)
    parts["type"] = kind
    if kind == 1.0:
        reasons.append(f"both {_plural(c.type)}")
    place_a, place_b = c.location.casefold().strip(), event.location.casefold().strip()
    if place_a and place_b and (place_a in place_b or place_b in place_a):
        parts["place"] = 1.0
        reasons.append(f"same place ({c.location})")
    elif place_a and place_b:
        parts["place"] = -1.0
        reasons.append(f"different places ({c.location}, {event.location})")
    phrases = _phrases(_surface(_near(c), drop), other)  # quoted from the sentence itself
    if phrases:
        reasons.append(", ".join(f"‘{p}’" for p in phrases[:2]))
    elif common:
        shown = [written[mine.index(w)] for w in common[:3]]
        reasons.append("shared words: " + ", ".join(f"‘{w}’" for w in shown))
    total = sum(WEIGHTS[k] * v for k, v in parts.items())
    # Not the same kind of happening (a summit and a policy review on the same day with
    # the same actors), dated differently without being the same kind, or sharing
    # neither an actor nor a word (only a day): no match.
    if kind == 0.0 or (disagrees and kind < 1.0) or not (shared or common):
        total = min(total, THRESHOLD - 0.01)
    return Match(event.id, event.title, theirs, round(total, 3), tuple(reasons), disagrees)


def fts_terms(c: Candidate) -> list[str]:
    """The candidate's distinctive words (stems, searched as prefixes) for when its
    window alone holds too many events to compare. Actors' names are left out: they
    are everywhere, and the actors are compared anyway."""
    return list(dict.fromkeys(_tokens(_local(c), _name_words(*(p.actor for p in c.actors)))))


class Matcher:
    """Finds matches for the candidates of one article (or a batch): the stored events
    near their dates are fetched once and compared cheaply, and only the best few in
    full (their quotes too). Tell it about every event written meanwhile (``written``)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.hood = Neighbourhood(store)

    def written(self, event_id: int) -> None:
        self.hood.refresh(event_id)

    def find(self, c: Candidate, *, limit: int = SHOWN,
             threshold: float = THRESHOLD) -> list[Match]:
        """The stored events this candidate most likely reports, best first (at most
        ``limit``, each scoring at least ``threshold``)."""
        lo, hi = _window(c)
        events = self.hood.near(lo - SLACK_DAYS, hi + SLACK_DAYS, fts_terms(c))
        if not events:
            return []
        ours = {p.actor.casefold() for p in c.actors}
        words = frozenset(_tokens(_local(c)))
        for e in events:
            if e.words is None:
                e.words = _title_words(e.title)

        def rough(e: PoolEvent) -> float:  # time, actors and title words only
            near = 1.0 if e.day_lo <= hi and lo <= e.day_hi else 0.3
            shared = len(ours & {a.casefold() for a in e.actors}) if ours else 0
            return near + shared + min(3, len(words & e.words)) / 3

        chosen = sorted(events, key=rough, reverse=True)[:DETAILED]
        details(self.store, chosen)  # compare the wording of everything said about them
        ranked = sorted((score(c, e) for e in chosen), key=lambda m: (-m.score, m.event_id))
        return [m for m in ranked if m.score >= threshold][:limit]


def find_matches(store: Store, c: Candidate, *, limit: int = SHOWN,
                 threshold: float = THRESHOLD) -> list[Match]:
    """Matches for one candidate (see Matcher for an article's many)."""
    return Matcher(store).find(c, limit=limit, threshold=threshold)


def report_excerpts(c: Candidate, source_id: int, source_title: str = "") -> list[Excerpt]:
    """Every sentence that reports the candidate's event (its headline and body both, say)
    as a report: the window, status and place the article gives."""
    return [Excerpt(source_id, x.char_start, x.char_end, x.quote, source_title=source_title,
                    report_start=c.date, report_end=c.end, report_status=c.status,
                    report_location=c.location) for x in c.excerpts(source_id)]
