"""Export and import round trips for every data format, and golden files of the seed.

Golden files live in tests/data/io/. They are exported from the seeded database with
its timestamps pinned, so they depend on neither the clock nor today's date. To
regenerate them deliberately: TRACKER_REGENERATE_GOLDEN=1 pytest tests/test_io_roundtrip.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from helpers import unfolded

from tracker.io import export_data, import_data
from tracker.store import Store

GOLDEN = Path(__file__).parent / "data" / "io"
NAMES = ("seed.json", "seed.csv", "seed.ics", "seed.timelinejs.json")
FIXED = "2019-01-19T05:00:00+00:00"


@pytest.fixture
def fixed_store(store: Store) -> Store:
    """The seeded database with created_at/updated_at pinned, so exports are reproducible."""
    with store.db.atomic():
        store.conn.execute("UPDATE events SET created_at = ?, updated_at = ?", (FIXED, FIXED))
    return store


@pytest.mark.parametrize("name", NAMES)
def test_golden_file(fixed_store: Store, tmp_path: Path, name: str):
    out = tmp_path / name
    assert export_data(fixed_store, out) == 8
    golden = GOLDEN / name
    if os.environ.get("TRACKER_REGENERATE_GOLDEN"):
        golden.write_bytes(out.read_bytes())
    assert unfolded(out.read_bytes()) == unfolded(golden.read_bytes()), (
        f"{name} differs from {golden}")


def test_own_json_round_trips_byte_for_byte(store: Store, tmp_path: Path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    export_data(store, first)
    other = Store.open(tmp_path / "other.db", seed=False)
    try:
        report = import_data(other, first)
        assert (report.added, report.present, report.rejected) == (8, 0, [])
        assert report.other == {"source": len(store.sources()), "link": 6}
        export_data(other, second)
        assert second.read_bytes() == first.read_bytes()
        again = import_data(other, first)
        assert (again.added, again.present) == (0, 8)
    finally:
        other.close()


def test_json_carries_everything(store: Store, tmp_path: Path):
    out = tmp_path / "all.json"
    export_data(store, out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert (doc["format"], doc["version"]) == ("diplomacy-timeline-tracker", 1)
    assert list(doc) == ["format", "version", "sources", "actors", "events", "links", "periods"]
    summit = next(e for e in doc["events"] if e["uid"] == "seed-second-summit-2019-02")
    assert summit["start"] == {"earliest": "2019-02-20", "latest": "2019-02-28",
                               "precision": "part_of_month", "words": "near the end of February"}
    text = doc["sources"][0]["text"]
    for x in summit["excerpts"]:
        assert text[x["start"]:x["end"]] == x["quote"]
    assert {"from": "seed-white-house-meeting-2019-01-18", "to": "seed-second-summit-2019-02",
            "kind": "announces"} in doc["links"]
    assert {"name": "Kim Jong Un", "kind": "person", "country": "North Korea"} in doc["actors"]


def _fields(store: Store) -> dict[str, tuple]:
    return {e.uid: (e.title, e.earliest, e.latest, e.start.words) for e in store.list_events()}


@pytest.mark.parametrize("name", ["x.csv", "x.ics", "x.timelinejs.json"])
def test_foreign_format_round_trip(store: Store, tmp_path: Path, name: str):
    out = tmp_path / name
    export_data(store, out)
    other = Store.open(tmp_path / "other.db", seed=False)
    try:
        first = import_data(other, out)
        assert (first.added, first.present, first.rejected) == (8, 0, [])
        second = import_data(other, out)
        assert (second.added, second.present, second.rejected) == (0, 8, [])
        assert _fields(other) == _fields(store)  # title, whole window and words survive
        if name != "x.timelinejs.json":  # TimelineJS has no place for these
            before = {e.uid: e for e in store.list_events()}
            for e in other.list_events():
                b = before[e.uid]
                assert (e.status, e.type, e.location, e.summary, e.tags) == \
                       (b.status, b.type, b.location, b.summary, b.tags)
                assert [(p.actor, p.role) for p in e.actors] == [(p.actor, p.role) for p in b.actors]
                assert (e.start, e.end) == (b.start, b.end)
    finally:
        other.close()


def test_csv_reattaches_excerpts_when_the_source_is_there(store: Store, tmp_path: Path):
    out = tmp_path / "x.csv"
    export_data(store, out)
    rows = out.read_text(encoding="utf-8").replace("seed-", "copy-")
    out.write_text(rows, encoding="utf-8")
    before = {e.uid: e for e in store.list_events()}
    report = import_data(store, out)
    assert report.added == 8
    for e in store.list_events():
        if e.uid.startswith("copy-"):
            original = before["seed-" + e.uid.removeprefix("copy-")]
            assert [(x.char_start, x.char_end) for x in e.excerpts] == \
                   [(x.char_start, x.char_end) for x in original.excerpts]
            assert all(x.valid for x in e.excerpts)


def test_foreign_files_match_duplicates_by_title_and_dates(store: Store, tmp_path: Path):
    csv_file = tmp_path / "sheet.csv"
    csv_file.write_text("title,date_text\nWhite House meeting: Kim Yong Chol and Trump,"
                        "18 January 2019\nSomething new,27 Feb 2019\n", encoding="utf-8")
    before = store.count_events()
    report = import_data(store, csv_file)
    titles = {e.title for e in store.list_events()}
    assert "Something new" in titles
    assert report.added + report.present == 2
    assert store.count_events() == before + report.added
    assert import_data(store, csv_file).present == 2


def test_import_notifies_once_after_commit(store: Store, tmp_path: Path):
    out = tmp_path / "x.json"
    export_data(store, out)
    other = Store.open(tmp_path / "other.db", seed=False)
    seen: list[str] = []
    other.subscribe(seen.append)
    try:
        import_data(other, out)
    finally:
        other.close()
    assert seen == ["events"]


def test_export_and_import_report_progress(store: Store, tmp_path: Path):
    calls: list[tuple[int, int]] = []
    out = tmp_path / "x.json"
    export_data(store, out, progress=lambda d, t: calls.append((d, t)) or True)
    assert calls[0][0] == 0 and calls[-1][0] == calls[-1][1] > 0
    calls.clear()
    other = Store.open(tmp_path / "o.db", seed=False)
    try:
        import_data(other, out, progress=lambda d, t: calls.append((d, t)) or True)
    finally:
        other.close()
    assert calls[-1][0] == calls[-1][1] > 0


def test_files_from_other_tools(empty_store: Store, tmp_path: Path):
    ics = tmp_path / "google.ics"
    ics.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google//EN\r\nBEGIN:VEVENT\r\n"
                   "UID:abc@google.com\r\nSUMMARY:Hanoi summit\r\nCATEGORIES:Summit\r\n"
                   "DTSTART:20190227T090000Z\r\nDTEND:20190228T170000Z\r\nSTATUS:TENTATIVE\r\n"
                   "DESCRIPTION:Second meeting\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    tl = tmp_path / "web.timelinejs.json"
    tl.write_text(json.dumps({"events": [
        {"start_date": {"year": "1989", "month": "11"}, "text": {"headline": "Wall <i>falls</i>",
         "text": "<p>Berlin &amp; beyond</p>"}, "group": "Cold War"}]}), encoding="utf-8")
    assert import_data(empty_store, ics).added == 1
    assert import_data(empty_store, tl).added == 1
    hanoi, wall = sorted(empty_store.list_events(), key=lambda e: e.title)
    assert (hanoi.uid, hanoi.type, hanoi.status, hanoi.summary) == \
           ("abc@google.com", "summit", "planned", "Second meeting")
    assert (hanoi.earliest.isoformat(), hanoi.latest.isoformat()) == ("2019-02-27", "2019-02-28")
    assert (wall.title, wall.summary, wall.type, wall.tags) == \
           ("Wall falls", "Berlin & beyond", "other", ["Cold War"])
    assert (wall.start.precision, wall.earliest.isoformat(), wall.latest.isoformat()) == \
           ("month", "1989-11-01", "1989-11-30")
