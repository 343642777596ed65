"""Filters and full-text search as SQL: one WHERE clause over events ``e`` that the
timeline, the table, `tracker list` and image export all use, so they always agree.

Within one kind the values are alternatives (actor Trump OR Kim); different kinds must
all hold (actor … AND type … AND status …). Search text matches an event's title,
summary and location, the excerpts it cites, and its actors' names (FTS5, with every
word a prefix and quoted phrases kept whole; see tracker.model.filters.fts_query).
"""

from __future__ import annotations

import json
import sqlite3
import time

from tracker.model.filters import Filter, fts_query, search_problem
from tracker.store.db import StoreError
from tracker.store.repo import Store


def where(f: Filter | None) -> tuple[str, dict[str, object]]:
    """(" AND …" conditions on ``e``, parameters); ("", {}) when nothing is filtered."""
    if f is None or f.is_empty:
        return "", {}
    conds: list[str] = []
    params: dict[str, object] = {}
    problem = search_problem(f.search)
    if problem:  # the window and the command line check first; never a raw SQLite error
        raise StoreError(problem)
    query = fts_query(f.search) if f.search.strip() else None
    if f.search.strip():
        params["q"] = query or '""'  # nothing searchable matches nothing
        typed = f.search.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params["like"] = f"%{typed}%"
        conds.append(
            """e.id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH :q
                UNION SELECT x.event_id FROM excerpts x
                      WHERE x.id IN (SELECT rowid FROM excerpts_fts WHERE excerpts_fts MATCH :q)
                UNION SELECT ea.event_id FROM event_actors ea JOIN actors a ON a.id = ea.actor_id
                      WHERE a.name LIKE :like ESCAPE '\\')""")
    for kind, values, sql in (
            ("actors", f.actors, """EXISTS (SELECT 1 FROM event_actors ea
                JOIN actors a ON a.id = ea.actor_id WHERE ea.event_id = e.id
                AND a.name IN (SELECT value FROM json_each(:actors)))"""),
            ("types", f.types, "e.type IN (SELECT value FROM json_each(:types))"),
            ("statuses", f.statuses, "e.status IN (SELECT value FROM json_each(:statuses))"),
            ("tags", f.tags, """EXISTS (SELECT 1 FROM event_tags t WHERE t.event_id = e.id
                AND t.tag IN (SELECT value FROM json_each(:tags)))"""),
            ("sources", f.sources, """EXISTS (SELECT 1 FROM excerpts x WHERE x.event_id = e.id
                AND x.source_id IN (SELECT value FROM json_each(:sources)))""")):
        if values:
            params[kind] = json.dumps(list(values))
            conds.append(sql)
    if f.date_from:
        params["date_from"] = f.date_from.toordinal()
        conds.append("e.day_hi >= :date_from")
    if f.date_to:
        params["date_to"] = f.date_to.toordinal()
        conds.append("e.day_lo <= :date_to")
    if f.as_of:
        from tracker.store.reports import KNOWN_SQL

        params["as_of"] = f.as_of.isoformat()
        conds.append(KNOWN_SQL)
    return "".join(f" AND {c}" for c in conds), params


def matching_ids(store: Store, f: Filter | None, limit: int | None = None) -> list[int]:
    """Ids of the events the filter keeps, in date order."""
    clause, params = where(f)
    sql = f"SELECT e.id FROM events e WHERE 1 = 1{clause} ORDER BY e.day_lo, e.day_hi, e.id"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [r[0] for r in store.conn.execute(sql, params)]


def keeps(store: Store, f: Filter | None, event_id: int) -> bool:
    """Whether the filter keeps this one event (one indexed lookup)."""
    clause, params = where(f)
    return store.conn.execute(f"SELECT 1 FROM events e WHERE e.id = :event_id{clause}",
                              {**params, "event_id": event_id}).fetchone() is not None


def count_matching(store: Store, f: Filter | None) -> int:
    clause, params = where(f)
    if not clause:
        return store.count_events()
    return store.conn.execute(f"SELECT count(*) FROM events e WHERE 1 = 1{clause}",
                              params).fetchone()[0]


def finishes_within(store: Store, f: Filter, seconds: float) -> bool:
    """Whether counting what ``f`` keeps takes less than ``seconds`` (SQLite is told to
    stop once the time is up). The window asks before it searches, so a search that
    would hold it for long (a one-letter word over a million events) is refused with
    a message instead of freezing it."""
    deadline = time.monotonic() + seconds
    store.conn.set_progress_handler(lambda: time.monotonic() > deadline, 1000)
    try:
        count_matching(store, f)
    except sqlite3.OperationalError as exc:
        if "interrupted" not in str(exc):
            raise
        return False
    finally:
        store.conn.set_progress_handler(None, 0)
    return True


def sources_matching(store: Store, text: str) -> list[int]:
    """Sources whose title or text contain the search, for highlighting in the article."""
    query = fts_query(text)
    if not query:
        return []
    return [r[0] for r in store.conn.execute(
        "SELECT rowid FROM sources_fts WHERE sources_fts MATCH ? ORDER BY rank", (query,))]


def known_values(store: Store) -> dict[str, list]:
    """What the filter pickers offer: actor names, tags and sources (id, title)."""
    conn = store.conn
    return {
        "actors": [r[0] for r in conn.execute(
            "SELECT name FROM actors ORDER BY name COLLATE NOCASE")],
        "tags": [r[0] for r in conn.execute(
            "SELECT DISTINCT tag FROM event_tags ORDER BY tag COLLATE NOCASE")],
        "sources": [(r[0], r[1]) for r in conn.execute(
            "SELECT id, title FROM sources ORDER BY title COLLATE NOCASE")],
    }
