"""The stored events a new report might be about, found without scanning (issue 19).

A report of a happening names a window; the same happening, already stored, has a window
that overlaps it or lies close by. So the pool is what the R*Tree interval index returns
for the report's window widened by a few days. Where that is too many (a window of a
year or a decade at a million events) the full-text index narrows it to the events
whose words the report shares, best first. Scoring is not done here: that is
tracker.article.match, which knows no SQL.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from tracker.store.repo import Store

WINDOW_POOL = 4000  # window hits scored one by one; more go through full-text search
FTS_POOL = 300  # events taken, best ranked first, when the window holds too many


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


_COLS = "e.id, e.title, e.type, e.status, e.location, e.day_lo, e.day_hi"


def pool(store: Store, lo: int, hi: int, query: str | None) -> list[PoolEvent]:
    """Events whose window touches days lo..hi, through the R*Tree; when more than
    WINDOW_POOL do, the FTS_POOL best matches of ``query`` (an FTS5 query) among them."""
    conn = store.conn
    window = {"lo": lo, "hi": hi}
    rows = conn.execute(
        f"""SELECT {_COLS} FROM events_span s JOIN events e ON e.id = s.id
            WHERE s.lo <= :hi AND s.hi >= :lo LIMIT {WINDOW_POOL + 1}""", window).fetchall()
    if len(rows) > WINDOW_POOL:
        if not query:
            return []
        rows = conn.execute(
            f"""SELECT {_COLS} FROM events_fts f JOIN events e ON e.id = f.rowid
                WHERE events_fts MATCH :q AND e.day_lo <= :hi AND e.day_hi >= :lo
                ORDER BY f.rank LIMIT {FTS_POOL}""", {**window, "q": query}).fetchall()
    events = {r[0]: PoolEvent(*r) for r in rows}
    if events:
        for event_id, name in conn.execute(
                """SELECT ea.event_id, a.name FROM event_actors ea JOIN actors a ON a.id = ea.actor_id
                   WHERE ea.event_id IN (SELECT value FROM json_each(?)) ORDER BY ea.rowid""",
                (json.dumps(list(events)),)):
            if name not in events[event_id].actors:
                events[event_id].actors.append(name)
    return list(events.values())


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
               WHERE event_id IN (SELECT value FROM json_each(?)) ORDER BY id""", (ids,)):
        parts[event_id].append(quote)
    for event_id, texts in parts.items():
        by_id[event_id].text = " ".join(t for t in texts if t)
