"""Reports over time and the timeline "as known on" a day (issue 19), as SQL.

Every excerpt is a report: its source's publication time and the window, status and
place the report gave. The rules that turn reports into an event's date live in
tracker.model.reports (Qt- and SQL-free); this module fetches the reports, writes a new
one together with the event it updates, and says which events were known on a day.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable

from tracker.model.entities import Event, Excerpt
from tracker.model.fuzzydate import FuzzyDate
from tracker.model.reports import Knowledge, Report, published_by, resolve
from tracker.store.db import StoreError
from tracker.store.repo import EventRow, Store, now_iso, priority
from tracker.store.reportcols import REPORT_SELECT, report_fields
from tracker.timeline.items import TimelineItem

# An event is known on :as_of when one of its reports was published by then (a source
# without a publication date counts as always known: '' sorts first), or when it cites
# no source at all: nothing records when such an event became known, so it stays as it
# is. known_from (migration 0005) is its first report's day, kept by triggers.
KNOWN_SQL = "(e.known_from IS NULL OR e.known_from <= :as_of)"


def _reports(store: Store, where: str, params: tuple) -> dict[int, list[Report]]:
    out: dict[int, list[Report]] = {}
    for r in store.conn.execute(
            f"""SELECT x.id, x.event_id, x.source_id, s.title, s.outlet, s.published_at, x.quote,
                       e.start_earliest, e.start_latest, e.precision, e.date_text, e.status,
                       e.location, {REPORT_SELECT}
                FROM excerpts x JOIN sources s ON s.id = x.source_id
                JOIN events e ON e.id = x.event_id
                WHERE {where} ORDER BY x.id""", params):
        start, end, status, location = report_fields(r[13:23])
        if start is None:  # no report of its own: it said what the event says
            start = FuzzyDate.from_iso(r[7], r[8], r[9], r[10])
            status, location = r[11], r[12]
        out.setdefault(r[1], []).append(Report(
            r[0], r[1], r[2], r[3], r[4], r[5] or "", start, end, status or r[11], location,
            r[6]))
    for reports in out.values():
        reports.sort(key=Report.order)
    return out


def reports_of(store: Store, event_id: int) -> list[Report]:
    """The event's reports in publication order (oldest first)."""
    return _reports(store, "x.event_id = ?", (event_id,)).get(event_id, [])


def reports_for(store: Store, ids: Iterable[int]) -> dict[int, list[Report]]:
    return _reports(store, "x.event_id IN (SELECT value FROM json_each(?))",
                    (json.dumps(list(ids)),))


def knowledge(store: Store, event_id: int, as_of: dt.date | None = None) -> Knowledge | None:
    """What the event's reports (those published by ``as_of``, or all) say."""
    reports = reports_of(store, event_id)
    return resolve(published_by(reports, as_of) if as_of else reports)


def knowledge_for(store: Store, ids: Iterable[int],
                  as_of: dt.date | None = None) -> dict[int, Knowledge]:
    """Knowledge of each event that has reports (by ``as_of`` when given)."""
    out = {}
    for event_id, reports in reports_for(store, ids).items():
        k = resolve(published_by(reports, as_of) if as_of else reports)
        if k is not None:
            out[event_id] = k
    return out


def source_counts(store: Store, ids: Iterable[int]) -> dict[int, int]:
    """How many different sources report each event (events citing none are left out)."""
    return dict(store.conn.execute(
        """SELECT event_id, count(DISTINCT source_id) FROM excerpts
           WHERE event_id IN (SELECT value FROM json_each(?)) GROUP BY event_id""",
        (json.dumps(list(ids)),)).fetchall())


def publication_days(store: Store) -> list[dt.date]:
    """The days on which cited sources were published, in order: the steps of the
    "as known on" control."""
    days = set()
    for (text,) in store.conn.execute(
            """SELECT DISTINCT substr(published_at, 1, 10) FROM sources
               WHERE published_at != '' AND id IN (SELECT source_id FROM excerpts)"""):
        try:
            days.add(dt.date.fromisoformat(text))
        except ValueError:
            continue
    return sorted(days)


def add_report(store: Store, event_id: int, excerpt: Excerpt) -> int:
    """Cite a new report of an event and bring the event's date, status and place up to
    date with all its reports, in one transaction. The excerpt carries what the report
    said (report_start, report_status, report_location); returns the excerpt id."""
    with store.write():
        excerpt_id = insert_report(store, event_id, excerpt)
    store._notify("events")
    return excerpt_id


def insert_report(store: Store, event_id: int, excerpt: Excerpt) -> int:
    """add_report inside the caller's transaction, without telling the views.

    One sentence is one report of an event: when the event already cites this very
    passage (a sentence giving two dates of one happening, "Wednesday and Thursday"),
    that report's window widens to cover both instead of a second report being added.
    """
    if excerpt.report_start is None:
        raise StoreError("A report needs the window it gave.")
    conn = store.conn
    row = conn.execute("SELECT title FROM events WHERE id = ?", (event_id,)).fetchone()
    if row is None:
        raise StoreError(f"There is no event with id {event_id}.")
    same = conn.execute(
        """SELECT id FROM excerpts WHERE event_id = ? AND source_id = ? AND char_start = ?
           AND char_end = ?""",
        (event_id, excerpt.source_id, excerpt.char_start, excerpt.char_end)).fetchone()
    if same is None:
        excerpt_id = store._insert_excerpt(event_id, row[0], excerpt)
    else:
        excerpt_id = int(same[0])
        old = _reports(store, "x.id = ?", (excerpt_id,))[event_id][0]
        new = excerpt.report_start
        if new.words and new.words in old.start.words.split("; "):
            return excerpt_id  # these very words were counted already (imported again)
        new_hi = max(new.latest, (excerpt.report_end or new).latest)
        if new.earliest.toordinal() <= old.hi and old.lo <= new_hi.toordinal():
            # "on June 12 last year": the words narrow each other
            first = max(new.earliest, old.start.earliest)
            last = min(new_hi, dt.date.fromordinal(old.hi))
        else:  # "Wednesday and Thursday": together they span both
            first = min(new.earliest, old.start.earliest)
            last = max(new_hi, dt.date.fromordinal(old.hi))
        span = (first.toordinal(), last.toordinal())
        if span == (old.lo, old.hi):  # nothing new (the same article imported again)
            _apply(store, event_id)
            return excerpt_id
        if span == (new.earliest.toordinal(), new_hi.toordinal()):
            precision, words = new.precision, new.words
        else:
            precision = "day" if first == last else "days"
            words = old.start.words if new.words in old.start.words else \
                f"{old.start.words}; {new.words}"
        conn.execute(
            """UPDATE excerpts SET report_earliest=?, report_latest=?, report_precision=?,
                   report_words=?, report_end_earliest=NULL, report_end_latest=NULL,
                   report_end_precision=NULL, report_end_words=NULL WHERE id=?""",
            (first.isoformat(), last.isoformat(), precision, words, excerpt_id))
    _apply(store, event_id)
    return excerpt_id


def _apply(store: Store, event_id: int) -> None:
    """Write what the reports say into the event row (its date as shown everywhere)."""
    k = knowledge(store, event_id)
    if k is None:
        return
    conn = store.conn
    kind, location, n_actors, *now = conn.execute(
        """SELECT type, location, (SELECT count(*) FROM event_actors WHERE event_id = e.id),
                  start_earliest, start_latest, precision, date_text, end_earliest, end_latest,
                  end_precision, end_text, status
           FROM events e WHERE id = ?""", (event_id,)).fetchone()
    start, end = k.start, k.end
    said = [start.earliest.isoformat(), start.latest.isoformat(), start.precision, start.words,
            end.earliest.isoformat() if end else None, end.latest.isoformat() if end else None,
            end.precision if end else None, end.words if end else None, k.status]
    if said == now and (not k.location or k.location == location):
        return  # the reports say what the event says: no new version
    conn.execute(
        """UPDATE events SET start_earliest=?, start_latest=?, precision=?, date_text=?,
               end_earliest=?, end_latest=?, end_precision=?, end_text=?, status=?, location=?,
               day_lo=?, day_hi=?, priority=?, updated_at=?, version=version + 1 WHERE id=?""",
        (start.earliest.isoformat(), start.latest.isoformat(), start.precision, start.words,
         end.earliest.isoformat() if end else None, end.latest.isoformat() if end else None,
         end.precision if end else None, end.words if end else None, k.status,
         k.location or location, start.earliest.toordinal(),
         max(start.latest, (end or start).latest).toordinal(), priority(kind, k.status, n_actors), now_iso(),
         event_id))


DISPUTED_MARK = " — disputed"


def as_known_items(store: Store, items: list[TimelineItem], as_of: dt.date) -> list[TimelineItem]:
    """The timeline's items with the window and status their reports gave by ``as_of``
    (items without reports stay as they are); a disputed one says so in its label."""
    known = knowledge_for(store, [i.id for i in items], as_of)
    out = []
    for item in items:
        k = known.get(item.id)
        if k is None:
            out.append(item)
            continue
        end = k.end
        out.append(item._replace(
            status=k.status, precision=k.start.precision,
            start_lo=k.start.earliest.toordinal(), start_hi=k.start.latest.toordinal(),
            end_lo=end.earliest.toordinal() if end else None,
            end_hi=end.latest.toordinal() if end else None,
            title=item.title + (DISPUTED_MARK if k.disputed else "")))
    return out


def mark_sources(store: Store, items: list[TimelineItem]) -> list[TimelineItem]:
    """Labels that say how many sources report each event: "· 1 source", "· 3 sources"."""
    counts = source_counts(store, [i.id for i in items])
    return [i._replace(title=f"{i.title} · {n} source{'s' if n != 1 else ''}")
            if (n := counts.get(i.id)) else i for i in items]


def as_known_rows(store: Store, rows: list[EventRow], as_of: dt.date) -> list[EventRow]:
    """Event table rows (repo.EventRow) with the date and status known on ``as_of``."""
    known = knowledge_for(store, [r.id for r in rows], as_of)
    for row in rows:
        k = known.get(row.id)
        if k is not None:
            row.start, row.status = k.start, k.status
            row.day_lo = k.start.earliest.toordinal()
            row.day_hi = max(k.start.latest, (k.end or k.start).latest).toordinal()
            if k.disputed:
                row.title += DISPUTED_MARK
    return rows


def events_as_known(store: Store, events: list[Event], as_of: dt.date) -> list[Event]:
    """Whole events (model.Event) with the date, status and place known on ``as_of``."""
    known = knowledge_for(store, [e.id for e in events], as_of)
    for event in events:
        k = known.get(event.id)
        if k is not None:
            event.start, event.end, event.status = k.start, k.end, k.status
            event.location = k.location or event.location
    return events


def disputed_ids(store: Store, ids: list[int], as_of: dt.date | None = None) -> set[int]:
    """The events among ``ids`` whose reports (by ``as_of``) cannot all be true."""
    return {i for i, k in knowledge_for(store, ids, as_of).items() if k.disputed}


def _with_several_reports(store: Store, ids: list[int]) -> list[int]:
    """The events among ``ids`` citing more than one passage: only those can disagree
    (one indexed count per event, so a view of a thousand costs milliseconds)."""
    return [r[0] for r in store.conn.execute(
        """SELECT event_id FROM excerpts WHERE event_id IN (SELECT value FROM json_each(?))
           GROUP BY event_id HAVING count(*) > 1""", (json.dumps(ids),))]


def mark_disputed(store: Store, items: list[TimelineItem]) -> list[TimelineItem]:
    """Labels of events whose reports cannot all be true end with " — disputed"."""
    several = _with_several_reports(store, [i.id for i in items])
    if not several:
        return items
    disputed = disputed_ids(store, several)
    return [i._replace(title=i.title + DISPUTED_MARK) if i.id in disputed else i for i in items]


def mark_disputed_rows(store: Store, rows: list[EventRow]) -> list[EventRow]:
    """The same for event table rows (repo.EventRow)."""
    several = _with_several_reports(store, [r.id for r in rows])
    disputed = disputed_ids(store, several) if several else set()
    for row in rows:
        if row.id in disputed:
            row.title += DISPUTED_MARK
    return rows
