"""Load the curated seed (db/seed.json and the sources under resources/) into a store.

Loading is idempotent: sources, events and actors are matched by uid or name, links by
their ends and kind, so loading again adds nothing. Every excerpt is checked against the
source text at its offsets before anything is written; a mismatch stops the load with a
message naming the event, and the database is left as it was.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tracker.bundled import resources_dir, seed_dir
from tracker.model.entities import Event, Excerpt, Participation, Source
from tracker.model.fuzzydate import DateError, FuzzyDate
from tracker.store.db import StoreError
from tracker.store.repo import Store

SEED_VERSION = "1"


class SeedError(StoreError):
    pass


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SeedError(f"Cannot read bundled data {path}: {exc}") from None


def read_source(meta_path: Path) -> Source:
    meta = _read_json(meta_path)
    text_path = meta_path.parent / meta["file"]
    try:
        text = text_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SeedError(f"Cannot read bundled source {text_path}: {exc}") from None
    return Source(None, meta["uid"], meta["title"], text, meta.get("outlet", ""),
                  meta.get("url", ""), meta.get("author", ""), meta.get("published_at", ""),
                  meta.get("updated_at", ""), meta.get("kind", "article"))


def _fuzzy(data: dict[str, str] | None, title: str) -> FuzzyDate | None:
    if not data:
        return None
    try:
        return FuzzyDate.from_iso(data["earliest"], data.get("latest"),
                                  data.get("precision", "day"), data.get("words", ""))
    except (KeyError, DateError) as exc:
        raise SeedError(f"Seed event {title!r}: bad date: {exc}") from None


def _anchor(text: str, excerpt: dict[str, Any], title: str) -> tuple[int, int]:
    """The quote's offsets in ``text``, the copy of the source the database holds.

    A database seeded by an older version keeps its copy of a bundled source (its events
    cite that copy), and the bundled copy may since have been cleaned (a stray backslash
    removed from the headline shifts every later offset by one). The quote is then found
    in the stored copy, where it must occur exactly once.
    """
    start, end, quote = excerpt["start"], excerpt["end"], excerpt["quote"]
    if text[start:end] == quote:
        return start, end
    found = text.find(quote)
    if found < 0 or text.find(quote, found + 1) >= 0:
        raise SeedError(f"Seed event {title!r}: the database's copy of its source does not "
                        f"hold the quote {quote[:60]!r} exactly once; nothing was loaded.")
    return found, found + len(quote)


def load_seed(store: Store, seed_path: Path | None = None,
              sources_path: Path | None = None) -> dict[str, int]:
    """Load the seed in one transaction; return counts of what was added."""
    seed_path = seed_path or seed_dir() / "seed.json"
    sources_path = sources_path or resources_dir() / "sources"
    seed = _read_json(seed_path)
    if seed.get("format") != "tracker-seed":
        raise SeedError(f"{seed_path} is not a tracker seed file.")
    sources = [read_source(sources_path / name) for name in seed["sources"]]
    by_uid = {s.uid: s for s in sources}
    added = {"sources": 0, "events": 0, "links": 0}
    conn = store.conn
    with store.write():
        source_ids: dict[str, int] = {}
        stored: dict[str, str] = {}  # the text a database already holds, by source uid
        for source in sources:
            row = conn.execute("SELECT id, text FROM sources WHERE uid = ?",
                               (source.uid,)).fetchone()
            if row:
                source_ids[source.uid] = row[0]
                stored[source.uid] = row[1]
            else:
                source_ids[source.uid] = store._insert_source(source)
                added["sources"] += 1
        for actor in seed.get("actors", []):
            store.ensure_actor(actor["name"], actor.get("kind", "person"), actor.get("country", ""))
        event_ids: dict[str, int] = {}
        for data in seed["events"]:
            title = data.get("title", "?")
            excerpts = []
            for x in data.get("excerpts", []):
                source = by_uid.get(x["source"])
                if source is None:
                    raise SeedError(f"Seed event {title!r} cites unknown source {x['source']!r}.")
                if source.text[x["start"]:x["end"]] != x["quote"]:
                    raise SeedError(
                        f"Seed event {title!r}: the excerpt at {x['start']}–{x['end']} does not "
                        f"match the text of {source.title!r}; expected {x['quote'][:60]!r}, "
                        f"found {source.text[x['start']:x['end']][:60]!r}.")
                start, end = _anchor(stored.get(source.uid, source.text), x, title)
                excerpts.append(Excerpt(source_ids[source.uid], start, end, x["quote"]))
            row = conn.execute("SELECT id FROM events WHERE uid = ?", (data["uid"],)).fetchone()
            if row:
                event_ids[data["uid"]] = row[0]
                continue
            event = Event(
                id=None, uid=data["uid"], title=title, start=_fuzzy(data["start"], title),
                end=_fuzzy(data.get("end"), title), status=data.get("status", "occurred"),
                type=data.get("type", "other"), summary=data.get("summary", ""),
                location=data.get("location", ""),
                actors=[Participation(a["name"], a.get("role", "participant"))
                        for a in data.get("actors", [])],
                excerpts=excerpts, tags=list(data.get("tags", [])))
            event_ids[data["uid"]] = store._insert_event(event)
            added["events"] += 1
        for link in seed.get("links", []):
            try:
                a, b = event_ids[link["from"]], event_ids[link["to"]]
            except KeyError as exc:
                raise SeedError(f"Seed link names unknown event {exc.args[0]!r}.") from None
            cur = conn.execute(
                "INSERT OR IGNORE INTO links (from_event, to_event, kind) VALUES (?,?,?)",
                (a, b, link["kind"]))
            added["links"] += cur.rowcount
        store.set_meta("seed_version", SEED_VERSION)
    store._notify("events")
    return added
