"""The stored events a new report might be about, found without scanning (issue 19).

A report of a happening names a window; the same happening, already stored, has a window
that overlaps it or lies close by. So the pool is what the R*Tree interval index returns
for the report's window widened by a few days. An article's dates mostly cluster around
its publication, so a Neighbourhood fetches a stretch of days once (with a margin) and
answers the article's other candidates from it. Where a window holds too many events to
compare one by one (a year or a decade at a million events) the full-text index picks
the events whose words the report shares, best first. Scoring is not done here: that is
tracker.article.match, which knows no SQL.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from tracker.store.repo import Store
from tracker.store.viewport import count_in_view

WINDOW_POOL = 8000  # events of a stretch fetched and compared one by one
FTS_POOL = 300  # events taken, best ranked first, when a window holds more
RARE_DOCS = 5000  # a word more events use than this does not single any out
RARE_TERMS = 4  # the rarest words searched
MARGIN_DAYS = 14  # a stretch reaches this far beyond the window asked, for the next ones


@dataclass(slots=True)
class PoolEvent:
    id: int
    title: str
    type: str
    status: str
    location: str
    day_lo: int
    day_hi: int
    actors: list[str] = field(default_factory=list)
    text: str = ""  # summary and cited quotes: filled only for the best few (details())
    words: frozenset[str] | None = None  # the matcher's cache of the title's words


_COLS = "e.id, e.title, e.type, e.status, e.location, e.day_lo, e.day_hi"


def _with_actors(store: Store, rows: list[tuple]) -> dict[int, PoolEvent]:
    events = {r[0]: PoolEvent(*r) for r in rows}
    if events:
        for event_id, name in store.conn.execute(
                """SELECT ea.event_id, a.name FROM event_actors ea JOIN actors a ON a.id = ea.actor_id
                   WHERE ea.event_id IN (SELECT value FROM json_each(?)) ORDER BY ea.rowid""",
                (json.dumps(list(events)),)):
            if name not in events[event_id].actors:
                events[event_id].actors.append(name)
    return events


class Neighbourhood:
    """The stored events near the windows asked so far, fetched once per stretch."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.stretches: list[tuple[int, int]] = []
        self.events: dict[int, PoolEvent] = {}

    def near(self, lo: int, hi: int, words: list[str]) -> list[PoolEvent]:
        """Events whose window touches days lo..hi; when more than WINDOW_POOL do, the
        FTS_POOL best matches of the rarer of ``words`` (lower case) among them."""
        if not any(a <= lo and hi <= b for a, b in self.stretches):
            a, b = lo - MARGIN_DAYS, hi + MARGIN_DAYS
            if count_in_view(self.store, a, b) > WINDOW_POOL:
                a, b = lo, hi
                if count_in_view(self.store, a, b) > WINDOW_POOL:
                    return self._searched(lo, hi, words)
            rows = self.store.conn.execute(
                f"""SELECT {_COLS} FROM events_span s JOIN events e ON e.id = s.id
                    WHERE s.lo <= :hi AND s.hi >= :lo""", {"lo": a, "hi": b}).fetchall()
            fresh = [r for r in rows if r[0] not in self.events]
            self.events.update(_with_actors(self.store, fresh))
            self.stretches.append((a, b))
        return [e for e in self.events.values() if e.day_lo <= hi and e.day_hi >= lo]

    def _searched(self, lo: int, hi: int, words: list[str]) -> list[PoolEvent]:
        """The best FTS_POOL events of days lo..hi sharing the report's rarer words.

        Only words (as prefixes) that few events use are searched: ranking every event
        that says "summit" at a million events costs as much as the scan this avoids,
        and says little. How many events use a word is read from the index's own
        vocabulary (fts5vocab), which costs a lookup, not a count."""
        conn = self.store.conn
        conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.tracker_events_terms "
                     "USING fts5vocab(main, events_fts, row)")
        rare = []
        for word in dict.fromkeys(words):
            docs = conn.execute(
                "SELECT coalesce(sum(doc), 0) FROM temp.tracker_events_terms "
                "WHERE term >= ? AND term < ?", (word, word + "\uffff")).fetchone()[0]
            if 0 < docs <= RARE_DOCS:
                rare.append((docs, word))
        if not rare:
            return []
        query = " OR ".join(f'"{w}"*' for _, w in sorted(rare)[:RARE_TERMS])
        rows = conn.execute(
            f"""SELECT {_COLS} FROM events_fts f JOIN events e ON e.id = f.rowid
                WHERE events_fts MATCH :q AND e.day_lo <= :hi AND e.day_hi >= :lo
                ORDER BY f.rank LIMIT {FTS_POOL}""", {"lo": lo, "hi": hi, "q": query}).fetchall()
        return list(_with_actors(self.store, rows).values())

    def refresh(self, event_id: int) -> None:
        """Take in an event just written (new, or its window changed by a report)."""
        rows = self.store.conn.execute(f"SELECT {_COLS} FROM events e WHERE e.id = ?",
                                       (event_id,)).fetchall()
        self.events.pop(event_id, None)
        if rows and any(a <= rows[0][6] and rows[0][5] <= b for a, b in self.stretches):
            self.events.update(_with_actors(self.store, rows))


def details(store: Store, events: list[PoolEvent]) -> None:
    """Fill ``text`` (summary and the quotes the event cites) for a few events, so the
    wording of a report can be compared with everything said about them."""
    if not events:
        return
    by_id = {e.id: e for e in events}
    ids = json.dumps(list(by_id))
    parts: dict[int, list[str]] = {e.id: [] for e in events}
    for event_id, summary in store.conn.execute(
            "SELECT id, summary FROM events WHERE id IN (SELECT value FROM json_each(?))", (ids,)):
        parts[event_id].append(summary)
    for event_id, quote in store.conn.execute(
            """SELECT event_id, quote FROM excerpts
               WHERE event_id IN (SELECT value FROM json_each(?)) ORDER BY id LIMIT 200""",
            (ids,)):
        parts[event_id].append(quote)
    for event_id, texts in parts.items():
        by_id[event_id].text = " ".join(t for t in texts if t)

