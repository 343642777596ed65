"""Generated demo data: many realistic events, quickly, to try and measure the app at scale.

Realistic means it exercises what real data does: fifty years of dates with bursts
(crises crowd a few weeks), every precision of fuzzy date with the words a text would
use, ranges with an end, several actors with roles, links between nearby events, and
excerpts that are exact spans of generated source texts (so provenance checks pass).

Fast means a million events in well under a minute on two cores: rows are built in
plain Python in chunks and written with executemany inside one transaction. The
per-row triggers that keep the R*Tree and the per-day counts are dropped for the
duration of that transaction and the rows written directly, then the triggers are put
back exactly as they were — still inside the transaction, so a failure leaves the
database as it was and every later write goes through the triggers again.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from tracker.model.dateparse import parse_date
from tracker.model.fuzzydate import format_day, format_window
from tracker.store.repo import Store, now_iso, priority

Progress = Callable[[int], None]  # called with the number of events just written

FIRST_DAY = dt.date(1976, 1, 1).toordinal()
LAST_DAY = dt.date(2026, 12, 31).toordinal()
FUTURE_FROM = dt.date(2025, 7, 1).toordinal()  # events after this are mostly not yet
CHUNK = 25_000
# Triggers that fire per inserted event and whose work the bulk path does itself.
BULK_TRIGGERS = ("tracker_events_span_ins", "tracker_day_count_ins", "tracker_events_fts_ins",
                 "tracker_excerpts_fts_ins")

ACTORS: tuple[tuple[str, str, str], ...] = (
    ("United States", "state", "US"), ("North Korea", "state", "KP"),
    ("South Korea", "state", "KR"), ("China", "state", "CN"), ("Japan", "state", "JP"),
    ("Russia", "state", "RU"), ("Türkiye", "state", "TR"), ("India", "state", "IN"),
    ("France", "state", "FR"), ("Germany", "state", "DE"), ("Brazil", "state", "BR"),
    ("Iran", "state", "IR"), ("Donald Trump", "person", "US"),
    ("Kim Jong Un", "person", "KP"), ("Moon Jae-in", "person", "KR"),
    ("Xi Jinping", "person", "CN"), ("Shinzō Abe", "person", "JP"),
    ("Vladimir Putin", "person", "RU"), ("Mike Pompeo", "person", "US"),
    ("Kim Yong Chol", "person", "KP"), ("Angela Merkel", "person", "DE"),
    ("Emmanuel Macron", "person", "FR"), ("Narendra Modi", "person", "IN"),
    ("United Nations", "organisation", ""), ("European Union", "organisation", ""),
    ("ASEAN", "organisation", ""), ("IAEA", "organisation", ""),
    ("António Guterres", "person", ""), ("NATO", "organisation", ""),
    ("African Union", "organisation", ""),
)
PLACES = ("Singapore", "Hanoi", "Panmunjom", "Beijing", "Washington", "Seoul", "Tokyo",
          "Geneva", "Vienna", "New York", "Moscow", "Brussels", "Helsinki", "Bali",
          "Addis Ababa", "Doha", "São Paulo", "Ankara", "New Delhi", "")
TOPICS = ("denuclearisation", "sanctions relief", "trade", "missile tests", "detainees",
          "the armistice", "climate finance", "maritime borders", "energy supplies",
          "humanitarian aid", "the summit venue", "arms control")
# type: (weight, title template, roles of the first and further actors)
TYPES: dict[str, tuple[int, str, tuple[str, str]]] = {
    "summit": (4, "{a} and {b} hold a summit", ("host", "visitor")),
    "meeting": (14, "{a} meets {b}", ("host", "visitor")),
    "negotiation": (8, "{a} and {b} negotiate on {t}", ("participant", "participant")),
    "statement": (18, "{a} statement on {t}", ("speaker", "subject")),
    "announcement": (9, "{a} announces talks with {b}", ("speaker", "subject")),
    "agreement": (3, "{a} and {b} agree on {t}", ("participant", "participant")),
    "release": (2, "{a} releases detainees to {b}", ("initiator", "recipient")),
    "visit": (8, "{a} visits {b}", ("visitor", "host")),
    "policy": (5, "{a} reviews its policy on {t}", ("author", "subject")),
    "sanctions": (6, "{a} imposes sanctions on {b}", ("initiator", "recipient")),
    "military": (6, "{a} reports {t} near {b}", ("initiator", "subject")),
    "reaction": (12, "{a} reacts to {b} on {t}", ("speaker", "subject")),
    "other": (5, "{a} and {b}: {t}", ("participant", "participant")),
}
# precision: weight (share of events, per thousand). Coarse dates are rarer than exact
# ones, as in news: each decade-wide event overlaps every view of its ten years.
PRECISION_WEIGHTS = {"day": 610, "days": 90, "week": 70, "part_of_month": 80, "month": 80,
                     "season": 25, "quarter": 15, "year": 25, "decade": 5}
RANGE_SHARE = 0.12  # of exact-day events: a range of days with an end
LINK_SHARE = 0.06
LINK_KINDS = ("follows", "announces", "fulfils", "postpones", "contradicts")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
SEASONS = ("winter", "spring", "summer", "autumn")  # by (month % 12) // 3


@dataclass(slots=True)
class DemoReport:
    events: int = 0
    sources: int = 0
    excerpts: int = 0
    links: int = 0
    participations: int = 0


def _pool(weights: dict[str, int]) -> list[str]:
    """A list with each key repeated by its weight: one index pick is a weighted choice."""
    return [k for k, w in weights.items() for _ in range(w)]


class _Dates:
    """Windows and words for a day at a precision, cached: there are only so many days,
    and the coarse forms go through the real parser so they mean what the app means."""

    def __init__(self) -> None:
        self._iso: dict[int, str] = {}
        self._parsed: dict[str, tuple[int, int]] = {}

    def iso(self, day: int) -> str:
        text = self._iso.get(day)
        if text is None:
            text = self._iso[day] = dt.date.fromordinal(day).isoformat()
        return text

    def window(self, day: int, precision: str, pick: float) -> tuple[int, int, str]:
        d = dt.date.fromordinal(day)
        if precision == "day":
            return day, day, format_day(d)
        if precision == "days":
            return day - 3, day + 3, f"around {format_day(d)}"
        if precision == "week":
            monday = day - d.weekday()
            return monday, monday + 6, f"week of {format_day(dt.date.fromordinal(monday))}"
        if precision == "part_of_month":
            part = ("early", "mid-", "late")[int(pick * 3)]
            words = f"{part}{'' if part.endswith('-') else ' '}{MONTHS[d.month - 1]} {d.year}"
        elif precision == "month":
            words = f"{MONTHS[d.month - 1]} {d.year}"
        elif precision == "season":
            name = SEASONS[(d.month % 12) // 3]
            year = d.year - 1 if name == "winter" and d.month <= 2 else d.year
            words = f"{name} {year}"
        elif precision == "quarter":
            words = f"Q{(d.month - 1) // 3 + 1} {d.year}"
        elif precision == "year":
            words = str(d.year)
        else:
            words = f"the {d.year // 10 * 10}s"
        window = self._parsed.get(words)
        if window is None:
            start = parse_date(words).start
            window = self._parsed[words] = (start.earliest.toordinal(), start.latest.toordinal())
        return window[0], window[1], words


def _sources(rng: random.Random, count: int) -> list[tuple[str, list[tuple[int, int]]]]:
    """Texts made of report-like sentences, with the (start, end) of each sentence."""
    names = [a[0] for a in ACTORS]
    out = []
    for _ in range(count):
        parts: list[str] = []
        spans: list[tuple[int, int]] = []
        pos = 0
        for _s in range(rng.randint(18, 40)):
            a, b = rng.sample(names, 2)
            place = rng.choice(PLACES) or "the capital"
            sentence = rng.choice((
                f"{a} said on {rng.choice(MONTHS)} {rng.randint(1, 28)} that talks with {b} "
                f"on {rng.choice(TOPICS)} would resume in {place}.",
                f"Officials in {place} confirmed that {a} met {b} to discuss "
                f"{rng.choice(TOPICS)}.",
                f"“We are not in a hurry,” {a} told reporters after the meeting with {b}.",
                f"{a} warned {b} that {rng.choice(TOPICS)} remained the main obstacle.",
                f"The venue will be announced at a later date, a spokesperson for {a} said.",
            ))
            parts.append(sentence)
            spans.append((pos, pos + len(sentence)))
            pos += len(sentence) + 1
        out.append((" ".join(parts), spans))
    return out


def add_demo_data(store: Store, n_events: int, *, seed: int = 1,
                  progress: Progress | None = None) -> DemoReport:
    """Add ``n_events`` generated events (with sources, actors, excerpts and links) to
    the store in one transaction. The same seed gives the same events; uids differ per
    run, so generating twice into one database adds twice."""
    rng = random.Random(seed)
    rnd = rng.random
    run = secrets.token_hex(4)
    report = DemoReport()
    conn = store.conn
    dates = _Dates()
    type_pool = [t for t, (w, _tpl, _roles) in TYPES.items() for _ in range(w)]
    precision_pool = _pool(PRECISION_WEIGHTS)
    n_bursts = max(3, min(120, n_events // 2000))
    bursts = [(rng.randint(FIRST_DAY, LAST_DAY), rng.choice((2, 5, 15, 40)))
              for _ in range(n_bursts)]
    texts = _sources(rng, max(3, min(300, n_events // 40 + 3)))
    stamp = now_iso()
    with store.write():
        marks = ", ".join("?" * len(BULK_TRIGGERS))
        saved = {name: sql for name, sql in conn.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({marks})",
            BULK_TRIGGERS)}
        first_excerpt = (conn.execute("SELECT max(id) FROM excerpts").fetchone()[0] or 0) + 1
        for name in saved:
            conn.execute(f"DROP TRIGGER {name}")
        actor_ids = [store.ensure_actor(*a) for a in ACTORS]
        source_ids = []
        for i, (text, _spans) in enumerate(texts):
            source_ids.append(int(conn.execute(
                """INSERT INTO sources (uid, title, outlet, published_at, kind, text)
                   VALUES (?, ?, 'Demo Wire', ?, 'article', ?)""",
                (f"demo-{run}-s{i}", f"Demo report {i + 1}",
                 dates.iso(rng.randint(FIRST_DAY, LAST_DAY)), text)).lastrowid))
        report.sources = len(source_ids)
        next_id = (conn.execute("SELECT max(id) FROM events").fetchone()[0] or 0) + 1
        first_event = next_id
        day_counts: Counter[int] = Counter()
        last_on_day: dict[int, int] = {}
        done = 0
        while done < n_events:
            size = min(CHUNK, n_events - done)
            events, spans, people, excerpts, links = [], [], [], [], []
            for _ in range(size):
                event_id = next_id
                next_id += 1
                if rnd() < 0.45:
                    centre, sigma = bursts[int(rnd() * n_bursts)]
                    day = min(LAST_DAY, max(FIRST_DAY, int(rng.gauss(centre, sigma))))
                else:
                    day = FIRST_DAY + int(rnd() * (LAST_DAY - FIRST_DAY + 1))
                precision = precision_pool[int(rnd() * len(precision_pool))]
                lo, start_hi, words = dates.window(day, precision, rnd())
                end_lo = end_hi = None
                end_words = None
                hi = start_hi
                if precision == "day" and rnd() < RANGE_SHARE:
                    end_lo = end_hi = hi = lo + 1 + int(rnd() * 10)
                    words = end_words = format_window(dt.date.fromordinal(lo),
                                                      dt.date.fromordinal(hi))
                kind = type_pool[int(rnd() * len(type_pool))]
                _w, template, roles = TYPES[kind]
                n_actors = 1 + int(rnd() * rnd() * 4)
                who = rng.sample(range(len(actor_ids)), n_actors + 1)
                names = [ACTORS[k][0] for k in who]
                title = template.format(a=names[0], b=names[1],
                                        t=TOPICS[int(rnd() * len(TOPICS))])
                if lo >= FUTURE_FROM:
                    status = ("planned", "announced", "speculated")[int(rnd() * 3)]
                else:
                    status = "occurred" if rnd() < 0.9 else ("postponed", "cancelled",
                                                             "speculated")[int(rnd() * 3)]
                place = PLACES[int(rnd() * len(PLACES))]
                weight = priority(kind, status, n_actors)
                events.append((
                    event_id, f"demo-{run}-{event_id}", title, kind, status, dates.iso(lo),
                    dates.iso(start_hi), end_lo and dates.iso(end_lo),
                    end_hi and dates.iso(end_hi), precision, words,
                    "day" if end_lo else None, end_words, place, lo, hi, weight, stamp))
                spans.append((event_id, lo, hi))
                day_counts[lo] += 1
                for k in range(n_actors):
                    people.append((event_id, actor_ids[who[k]], roles[min(k, 1)]))
                s = int(rnd() * len(texts))
                a, b = texts[s][1][int(rnd() * len(texts[s][1]))]
                excerpts.append((event_id, source_ids[s], a, b, texts[s][0][a:b]))
                if rnd() < LINK_SHARE:
                    earlier = last_on_day.get(lo - 1 - int(rnd() * 20))
                    if earlier is not None:
                        links.append((earlier, event_id, LINK_KINDS[int(rnd() * 5)]))
                last_on_day[lo] = event_id
            conn.executemany(
                """INSERT INTO events (id, uid, title, type, status, start_earliest,
                       start_latest, end_earliest, end_latest, precision, date_text,
                       end_precision, end_text, location, day_lo, day_hi, priority,
                       created_at, updated_at)
                   VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?18)""", events)
            conn.executemany("INSERT INTO events_span (id, lo, hi) VALUES (?,?,?)", spans)
            conn.executemany(
                "INSERT INTO event_actors (event_id, actor_id, role) VALUES (?,?,?)", people)
            conn.executemany(
                """INSERT INTO excerpts (event_id, source_id, char_start, char_end, quote)
                   VALUES (?,?,?,?,?)""", excerpts)
            conn.executemany(
                "INSERT OR IGNORE INTO links (from_event, to_event, kind) VALUES (?,?,?)", links)
            report.participations += len(people)
            report.excerpts += len(excerpts)
            report.links += len(links)
            done += size
            if progress is not None:
                progress(size)
        conn.executemany(
            """INSERT INTO events_day_count (day, n) VALUES (?, ?)
               ON CONFLICT (day) DO UPDATE SET n = n + excluded.n""", day_counts.items())
        # The full-text indexes get the new rows in two statements, not a million.
        conn.execute("""INSERT INTO events_fts (rowid, title, summary, location)
                        SELECT id, title, summary, location FROM events WHERE id >= ?""",
                     (first_event,))
        conn.execute("""INSERT INTO excerpts_fts (rowid, quote)
                        SELECT id, quote FROM excerpts WHERE id >= ?""", (first_excerpt,))
        for sql in saved.values():
            conn.execute(sql)
    report.events = n_events
    store._notify("events")
    return report
