"""The app's own JSON: lossless, versioned, deterministic (see the README, "Data files").

Written as a stream (one record at a time, in an order that depends only on the data)
so that exporting, importing into an empty database and exporting again gives the same
bytes, and a large database never has to be one Python object.
"""

from __future__ import annotations

import json
import sys
import textwrap
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TextIO

from tracker.io import periodsio
from tracker.io.common import DataFileError, RecordError, lookup, status_of, type_of
from tracker.io.dedup import add_event
from tracker.io.engine import Record
from tracker.model.entities import Event, Excerpt, Participation, Source
from tracker.model.fuzzydate import DateError, FuzzyDate
from tracker.model.vocab import ACTOR_KINDS, ACTOR_ROLES, LINK_KINDS
from tracker.store import bulk
from tracker.store.repo import Store

FORMAT = "diplomacy-timeline-tracker"
VERSION = 1
Tick = Callable[[], None]


# -- export ------------------------------------------------------------------------------

def _fuzzy(f: FuzzyDate | None) -> dict[str, str] | None:
    if f is None:
        return None
    return {"earliest": f.earliest.isoformat(), "latest": f.latest.isoformat(),
            "precision": f.precision, "words": f.words}


def event_record(event: Event, source_uids: dict[int, str]) -> dict[str, Any]:
    return {
        "uid": event.uid, "title": event.title, "summary": event.summary, "type": event.type,
        "status": event.status, "location": event.location, "start": _fuzzy(event.start),
        "end": _fuzzy(event.end),
        "actors": [{"name": p.actor, "role": p.role} for p in event.actors],
        "tags": list(event.tags),
        "excerpts": [{"source": source_uids[x.source_id], "start": x.char_start,
                      "end": x.char_end, "quote": x.quote} for x in event.excerpts],
        "created_at": event.created_at, "updated_at": event.updated_at,
        "version": event.version,
    }


def source_record(s: Source) -> dict[str, Any]:
    return {"uid": s.uid, "title": s.title, "outlet": s.outlet, "url": s.url,
            "author": s.author, "published_at": s.published_at, "updated_at": s.updated_at,
            "kind": s.kind, "text": s.text}


def write_array(out: TextIO, name: str, items: Iterable[Any], tick: Tick, *, last: bool) -> None:
    """``"name": [ ... ]`` laid out exactly as json.dumps(indent=2) would, one item at a time."""
    out.write(f'  "{name}": [')
    empty = True
    for item in items:
        text = json.dumps(item, indent=2, sort_keys=True, ensure_ascii=False)
        out.write(("\n" if empty else ",\n") + textwrap.indent(text, "    "))
        empty = False
        tick()
    out.write("]" if empty else "\n  ]")
    out.write("\n" if last else ",\n")


def export_json(store: Store, out: TextIO, tick: Tick) -> int:
    refs = bulk.source_refs(store)
    uids = {sid: ref.uid for sid, ref in refs.items()}
    written = 0

    def events() -> Iterable[dict[str, Any]]:
        nonlocal written
        for batch in bulk.iter_event_batches(store):
            for event in batch:
                written += 1
                yield event_record(event, uids)

    out.write("{\n" + f'  "format": "{FORMAT}",\n  "version": {VERSION},\n')
    write_array(out, "sources", (source_record(s) for s in bulk.iter_sources(store)), tick,
                last=False)
    write_array(out, "actors", ({"name": a.name, "kind": a.kind, "country": a.country}
                                for a in bulk.all_actors(store)), tick, last=False)
    write_array(out, "events", events(), tick, last=False)
    write_array(out, "links", ({"from": a, "to": b, "kind": k}
                               for a, b, k in bulk.iter_links(store)), tick, last=False)
    write_array(out, "periods", periodsio.json_records(store), lambda: None, last=True)
    out.write("}\n")
    return written


def export_total(store: Store) -> int:
    c = bulk.counts(store)
    return c.sources + c.actors + c.events + c.links


# -- import ------------------------------------------------------------------------------

def load(path: Path, text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataFileError(f"{path}: line {exc.lineno}, column {exc.colno}: not valid JSON "
                            f"({exc.msg}).") from None
    except RecursionError:
        raise DataFileError(f"{path}: the JSON is nested too deeply to read.") from None
    except ValueError:  # Python's limit on the digits of an integer
        raise DataFileError(f"{path}: a number in it is too long to read (more than "
                            f"{sys.get_int_max_str_digits():,} digits).") from None


def _text(d: dict[str, Any], key: str, *, required: bool = False, name: str | None = None) -> str:
    value = d.get(key)
    if value is None or value == "":
        if required:
            raise RecordError(name or key, "is missing")
        return ""
    if not isinstance(value, str):
        raise RecordError(name or key, f"must be text, not {type(value).__name__}")
    return value


def _list(d: dict[str, Any], key: str) -> list[Any]:
    value = d.get(key) or []
    if not isinstance(value, list):
        raise RecordError(key, "must be a list")
    return value


def _obj(value: Any, name: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise RecordError(name, f"must be an object, not {type(value).__name__}")
    return value


def _date(value: Any, name: str) -> FuzzyDate | None:
    if value is None:
        return None
    d = _obj(value, name)
    try:
        return FuzzyDate.from_iso(_text(d, "earliest", required=True, name=f"{name}.earliest"),
                                  _text(d, "latest", name=f"{name}.latest") or None,
                                  _text(d, "precision", name=f"{name}.precision") or "day",
                                  _text(d, "words", name=f"{name}.words"))
    except DateError as exc:
        raise RecordError(name, str(exc)) from None


class _Importer:
    """Per-file state: source texts are fetched once, not once per excerpt."""

    def __init__(self) -> None:
        self.texts: dict[str, tuple[int, str]] = {}

    def source(self, writer: bulk.ImportWriter, report: Any, raw: Any) -> str | None:
        d = _obj(raw, "source")
        uid = _text(d, "uid", required=True)
        if writer.source_id(uid) is not None:
            return None  # sources are matched by uid; an existing one is kept as it is
        source = Source(None, uid, _text(d, "title", required=True), _text(d, "text", required=True),
                        _text(d, "outlet"), _text(d, "url"), _text(d, "author"),
                        _text(d, "published_at"), _text(d, "updated_at"), _text(d, "kind") or "article")
        writer.add_source(source)
        return "source"

    def actor(self, writer: bulk.ImportWriter, report: Any, raw: Any) -> None:
        d = _obj(raw, "actor")
        kind = lookup(ACTOR_KINDS, _text(d, "kind") or "person", "actor kind", "kind")
        writer.ensure_actor(_text(d, "name", required=True), kind, _text(d, "country"))

    def _excerpt(self, writer: bulk.ImportWriter, raw: Any, name: str) -> Excerpt:
        d = _obj(raw, name)
        uid = _text(d, "source", required=True, name=f"{name}.source")
        if uid not in self.texts:
            sid = writer.source_id(uid)
            if sid is None:
                raise RecordError(f"{name}.source", f"source {uid!r} is neither in the file nor "
                                                    "in the database")
            self.texts[uid] = (sid, writer.source_text(sid))
        sid, text = self.texts[uid]
        start, end, quote = d.get("start"), d.get("end"), _text(d, "quote", name=f"{name}.quote")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            raise RecordError(name, f"start {start!r} and end {end!r} must be character offsets "
                                    f"within the source text (0–{len(text)})")
        if text[start:end] != quote:
            raise RecordError(f"{name}.quote", f"does not match the source text at {start}–{end} "
                                               f"(found {text[start:end][:60]!r})")
        return Excerpt(sid, start, end, quote)

    def event(self, writer: bulk.ImportWriter, report: Any, raw: Any) -> str:
        d = _obj(raw, "event")
        start = _date(d.get("start"), "start")
        if start is None:
            raise RecordError("start", "is missing")
        actors = []
        for i, a in enumerate(_list(d, "actors")):
            a = _obj(a, f"actors[{i}]")
            name = _text(a, "name", required=True, name=f"actors[{i}].name")
            role = lookup(ACTOR_ROLES, _text(a, "role") or "participant", f"role of {name!r}",
                          f"actors[{i}].role")
            actors.append(Participation(name, role))
        tags = _list(d, "tags")
        if not all(isinstance(t, str) for t in tags):
            raise RecordError("tags", "must be a list of texts")
        version = d.get("version", 1)
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise RecordError("version", "must be a whole number from 1")
        event = Event(
            None, _text(d, "uid", required=True), _text(d, "title", required=True), start,
            _date(d.get("end"), "end"), status=status_of(_text(d, "status")),
            type=type_of(_text(d, "type")), summary=_text(d, "summary"),
            location=_text(d, "location"), actors=actors, tags=list(tags),
            excerpts=[self._excerpt(writer, x, f"excerpts[{i}]")
                      for i, x in enumerate(_list(d, "excerpts"))],
            created_at=_text(d, "created_at"), updated_at=_text(d, "updated_at"), version=version)
        return add_event(writer, report, event, foreign=False)

    def link(self, writer: bulk.ImportWriter, report: Any, raw: Any) -> str | None:
        d = _obj(raw, "link")
        ids = []
        for end in ("from", "to"):
            uid = _text(d, end, required=True)
            event_id = writer.event_id(uid)
            if event_id is None:
                raise RecordError(end, f"event {uid!r} is neither in the file nor in the database")
            ids.append(event_id)
        kind = lookup(LINK_KINDS, _text(d, "kind", required=True), "link kind", "kind")
        if ids[0] == ids[1]:
            raise RecordError("to", "an event cannot be linked to itself")
        return "link" if writer.add_link(ids[0], ids[1], kind) else None


def _period(writer: bulk.ImportWriter, report: Any, raw: Any) -> str | None:
    return periodsio.from_json(raw, writer, report)


def records(path: Path, doc: Any) -> list[Record]:
    """The file's records in the order they must be written (sources before excerpts…)."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise DataFileError(f'{path}: this JSON is not a tracker export (it needs '
                            f'"format": "{FORMAT}"), nor a TimelineJS file (an object with an '
                            f'"events" list).')
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DataFileError(f'{path}: "version" must be a whole number; this app reads version '
                            f"{VERSION}.")
    if version > VERSION:
        raise DataFileError(f"{path} was written by a newer version of the tracker (format "
                            f"version {version}; this version reads {VERSION}). Update the app.")
    imp = _Importer()
    out: list[Record] = []
    for key, noun, fn in (("sources", "source", imp.source), ("actors", "actor", imp.actor),
                          ("events", "event", imp.event), ("links", "link", imp.link),
                          ("periods", "period", _period)):
        items = doc.get(key, [])
        if not isinstance(items, list):
            raise DataFileError(f'{path}: "{key}" must be a list of records, not '
                                f"{type(items).__name__}.")
        for i, raw in enumerate(items, 1):
            out.append(Record(f"{noun} {i}", lambda w, r, fn=fn, raw=raw: fn(w, r, raw)))
    return out
