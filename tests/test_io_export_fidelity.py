"""What our exports carry comes back, and every calendar program can read them (issue 17,
point 5): a separate end and its precision through .ics and CSV, no control characters,
and .ics files that icalendar and vobject parse."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import icalendar
import pytest
import vobject

from tracker.io import export_data, import_data
from tracker.model.entities import Event
from tracker.model.fuzzydate import FuzzyDate
from tracker.store import Store

D = dt.date
# Every C0 control but TAB, LF and CR (line ends), and DEL; NUL the store refuses itself.
CONTROL = "".join(chr(c) for c in [*range(1, 9), 11, 12, *range(14, 32), 127])


def _fuzzy(f: FuzzyDate | None) -> tuple | None:
    return None if f is None else (f.earliest, f.latest, f.precision, f.words)


@pytest.fixture
def presidencies(empty_store: Store) -> Store:
    empty_store.add_event(Event(None, "washington", "Washington's presidency",
                                FuzzyDate(D(1789, 4, 30), D(1789, 4, 30), "day", ""),
                                FuzzyDate(D(1797, 3, 4), D(1797, 3, 4), "day", "")))
    empty_store.add_event(Event(None, "talks", "Talks, spring to late summer",
                                FuzzyDate(D(2018, 3, 1), D(2018, 5, 31), "season", "spring"),
                                FuzzyDate(D(2018, 8, 21), D(2018, 8, 31), "part_of_month",
                                          "late August"), type="negotiation"))
    empty_store.add_event(Event(None, "hanoi", "Hanoi summit",
                                FuzzyDate(D(2019, 2, 27), D(2019, 2, 27), "day", "27–28 Feb 2019"),
                                FuzzyDate(D(2019, 2, 28), D(2019, 2, 28), "day",
                                          "27–28 Feb 2019"), type="summit"))
    return empty_store


@pytest.mark.parametrize("name", ["out.ics", "out.csv"])
def test_a_separate_end_and_its_precision_come_back(presidencies: Store, tmp_path: Path,
                                                    name: str):
    out = tmp_path / name
    assert export_data(presidencies, out) == 3
    fresh = Store.open(tmp_path / "fresh.db")
    try:
        report = import_data(fresh, out)
        assert (report.added, report.rejected) == (3, [])
        back = {e.uid: (_fuzzy(e.start), _fuzzy(e.end)) for e in fresh.list_events()}
    finally:
        fresh.close()
    assert back == {e.uid: (_fuzzy(e.start), _fuzzy(e.end)) for e in presidencies.list_events()}


def test_control_characters_are_stripped_from_exports(empty_store: Store, tmp_path: Path):
    dirty = f"Talks{CONTROL} resume"
    empty_store.add_event(Event(None, "dirty", dirty,
                                FuzzyDate(D(2019, 3, 1), D(2019, 3, 1), "day", "1\x07 March"),
                                summary=f"line one,\x01 two;\nthree{CONTROL}",
                                location="Ha\x1bnoi", tags=["a\x0cb"]))
    for name in ("o.ics", "o.csv", "o.timelinejs.json"):
        out = tmp_path / name
        export_data(empty_store, out)
        text = out.read_text(encoding="utf-8")
        if name.endswith(".json"):
            text = json.dumps(json.loads(text), ensure_ascii=False)  # the decoded values
        assert not set(text) & set(CONTROL), name
        assert "Talks resume" in text and "Hanoi" in text
    calendar = icalendar.Calendar.from_ical((tmp_path / "o.ics").read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert str(event["summary"]) == "Talks resume"
    other = Store.open(tmp_path / "other.db", seed=False)
    try:
        import_data(other, tmp_path / "o.ics")
        (back,) = other.list_events()
        assert back.summary == "line one, two;\nthree"  # TEXT-escaped, and read back so
    finally:
        other.close()


def test_every_export_is_a_calendar_icalendar_and_vobject_read(store: Store,
                                                              presidencies: Store,
                                                              tmp_path: Path):
    for i, source in enumerate((store, presidencies)):
        out = tmp_path / f"{i}.ics"
        count = export_data(source, out)
        data = out.read_bytes()
        assert b"\r\n" in data and all(len(line) <= 75 for line in data.split(b"\r\n"))
        calendar = icalendar.Calendar.from_ical(data)
        assert len(calendar.walk("VEVENT")) == count
        assert not calendar.errors and all(not v.errors for v in calendar.walk("VEVENT"))
        parsed = vobject.readOne(data.decode("utf-8"), validate=True)
        events = parsed.vevent_list
        assert len(events) == count
        assert all(isinstance(v.dtstart.value, dt.date) and v.summary.value for v in events)
        titles = {e.title for e in source.list_events()}
        assert {v.summary.value for v in events} == titles
