"""Bad files and bad records: a clear message naming the file, the line or record and the
field; abort versus skip; cancel. In every failing case the database is left exactly as
it was (compared row by row with helpers.dump)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import dump

from tracker.io import DataFileError, ImportAborted, export_data, import_data
from tracker.io.common import Cancelled
from tracker.store import Store

GOOD_CSV = "title,date_text\nA new event,27 Feb 2019\n"

# name, content (str is written as UTF-8, bytes as they are), parts of the expected message
BAD_FILES = [
    ("empty.json", "", ["empty.json", "is empty"]),
    ("blank.csv", "  \n\n", ["blank.csv", "is empty"]),
    ("binary.csv", b"title,date_text\n\x00\x01\x02", ["binary.csv", "binary file"]),
    ("latin1.csv", "title,date_text\nCaf\u00e9 talks,27 Feb 2019\n".encode("latin-1"),
     ["latin1.csv", "line 2", "not UTF-8"]),
    ("broken.json", '{"format": "diplomacy-timeline-tracker",\n  "version": 1,\n  "events": [}',
     ["broken.json", "line 3", "not valid JSON"]),
    ("list.json", "[1, 2, 3]", ["list.json", "not a tracker export", "TimelineJS"]),
    ("newer.json", '{"format": "diplomacy-timeline-tracker", "version": 99}',
     ["newer.json", "newer version", "99"]),
    ("shape.json", '{"format": "diplomacy-timeline-tracker", "version": 1, "events": {}}',
     ["shape.json", '"events" must be a list']),
    ("tl.timelinejs.json", '{"events": 3}', ["tl.timelinejs.json", '"events" list']),
    ("nocols.csv", "colour,size\nx,2019\n", ["nocols.csv", "line 1", "missing required columns",
                                             "a date", "a title", "--map"]),
    ("quote.csv", 'title,date_text\n"A" b,2019\n', ["quote.csv", "line 2", "not valid CSV"]),
    ("plain.ics", "hello\r\n", ["plain.ics", "not an iCalendar file"]),
    ("broken.ics", "BEGIN:VCALENDAR\r\nTHIS IS NOT ICAL\r\n", ["broken.ics", "not a valid iCalendar"]),
    ("what.xyz", "some text", ["what.xyz", "Cannot tell the format"]),
]

BAD_RECORDS = [
    ("d.csv", "title,date_text\nGood,27 Feb 2019\nBad,Febtober 2019\n",
     ["line 3", "date_text", "'Febtober 2019'"]),
    ("t.csv", "title,date_text,precision\nX,27 Feb 2019,fortnight\n",
     ["line 2", "precision", "'fortnight'"]),
    ("s.csv", "title,date_text,status\nX,27 Feb 2019,happened\n", ["line 2", "status", "happened"]),
    ("r.csv", "title,date_text,actors\nX,27 Feb 2019,Kim (boss)\n", ["line 2", "actors", "boss"]),
    ("w.csv", "title,date_text\nX,27 Feb 2019,extra\n", ["line 2", "row", "3 fields"]),
    ("e.json", json.dumps({"format": "diplomacy-timeline-tracker", "version": 1,
                           "events": [{"uid": "u1", "title": "T",
                                       "start": {"earliest": "2019-02-30"}}]}),
     ["event 1", "start", "2019-02-30"]),
    ("x.json", json.dumps({"format": "diplomacy-timeline-tracker", "version": 1, "events": [
        {"uid": "u1", "title": "T", "start": {"earliest": "2019-02-03"},
         "excerpts": [{"source": "src-ht-2019-01-19-trump-kim-second-summit", "start": 0,
                       "end": 5, "quote": "Wrong"}]}]}),
     ["event 1", "excerpts[0].quote", "does not match"]),
    ("l.json", json.dumps({"format": "diplomacy-timeline-tracker", "version": 1,
                           "links": [{"from": "nope", "to": "seed-singapore-summit-2018",
                                      "kind": "follows"}]}), ["link 1", "from", "'nope'"]),
    ("m.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nSUMMARY:X\r\n"
              "DTSTART;VALUE=DATE:2019xx\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
     ["event 1 (UID a)", "DTSTART", "not a date"]),
    ("n.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:b\r\n"
              "SUMMARY:No date\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
     ["event 1 (UID b)", "DTSTART", "missing"]),
    ("y.timelinejs.json", json.dumps({"events": [{"start_date": {"year": "MMXIX"},
                                                  "text": {"headline": "X"}}]}),
     ["event 1", "start_date.year", "MMXIX"]),
    ("h.timelinejs.json", json.dumps({"events": [{"text": {"headline": "No date"}}]}),
     ["event 1", "start_date", "missing"]),
]


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize(("name", "content", "expected"), BAD_FILES, ids=[c[0] for c in BAD_FILES])
def test_bad_file_gives_a_clear_message_and_changes_nothing(store: Store, tmp_path: Path,
                                                            name, content, expected):
    path = _write(tmp_path, name, content)
    before = dump(store.conn)
    with pytest.raises(DataFileError) as info:
        import_data(store, path, on_error="skip")
    for part in expected:
        assert part in str(info.value)
    assert dump(store.conn) == before


@pytest.mark.parametrize(("name", "content", "expected"), BAD_RECORDS,
                         ids=[c[0] for c in BAD_RECORDS])
def test_bad_record_aborts_with_its_place_and_field(store: Store, tmp_path: Path,
                                                    name, content, expected):
    path = _write(tmp_path, name, content)
    before = dump(store.conn)
    with pytest.raises(ImportAborted) as info:
        import_data(store, path)
    for part in [name, *expected]:
        assert part in str(info.value)
    assert "Nothing was imported" in str(info.value)
    assert dump(store.conn) == before


@pytest.mark.parametrize(("name", "content", "expected"), BAD_RECORDS,
                         ids=[c[0] for c in BAD_RECORDS])
def test_skip_lists_the_rejected_record(store: Store, tmp_path: Path, name, content, expected):
    report = import_data(store, _write(tmp_path, name, content), on_error="skip")
    assert len(report.rejected) == 1
    for part in expected:
        assert part in str(report.rejected[0])
    assert str(report.rejected[0]) in report.summary()


def test_abort_lands_nothing_and_skip_lands_only_the_valid(store: Store, tmp_path: Path):
    path = _write(tmp_path, "mixed.csv", "title,date_text\nOne,27 Feb 2019\nBad,Febtober\n"
                                         "Two,late February 2019\n")
    before = dump(store.conn)
    with pytest.raises(ImportAborted):
        import_data(store, path, on_error="abort")
    assert dump(store.conn) == before
    report = import_data(store, path, on_error="skip")
    assert (report.added, report.present, len(report.rejected)) == (2, 0, 1)
    assert report.summary().startswith("2 added, 0 matched existing events (skipped), 1 rejected: "
                                       "line 3, date_text: 'Febtober'")
    titles = {e.title for e in store.list_events()}
    assert {"One", "Two"} <= titles and "Bad" not in titles


def test_a_file_over_200_mb_is_refused_before_reading(store: Store, tmp_path: Path):
    path = tmp_path / "huge.csv"
    with path.open("wb") as f:
        f.truncate(201 * 2**20)  # sparse: instant, and never read
    with pytest.raises(DataFileError, match=r"huge\.csv is 201 MB; files over 200 MB"):
        import_data(store, path)


@pytest.mark.parametrize("stop_at", [0, 1])
def test_cancelling_an_import_leaves_the_database_as_it_was(store: Store, tmp_path: Path,
                                                             stop_at: int):
    rows = "".join(f"Event {i},{1 + i % 28} Feb 2019\n" for i in range(250))
    path = _write(tmp_path, "many.csv", "title,date_text\n" + rows)
    before = dump(store.conn)
    calls = []

    def progress(done: int, total: int) -> bool:
        calls.append(done)
        return len(calls) <= stop_at

    report = import_data(store, path, progress=progress)
    assert report.cancelled and report.added == 0
    assert report.summary() == "Import cancelled; nothing was changed."
    assert dump(store.conn) == before


def test_cancelling_an_export_leaves_no_file(store: Store, tmp_path: Path):
    out = tmp_path / "x.json"
    with pytest.raises(Cancelled):
        export_data(store, out, progress=lambda done, total: done == 0)
    assert not out.exists()
    assert not list(tmp_path.glob("*.part"))


def test_unknown_export_suffix(store: Store, tmp_path: Path):
    with pytest.raises(DataFileError, match=r"x\.txt"):
        export_data(store, tmp_path / "x.txt")


def test_good_csv_still_imports(store: Store, tmp_path: Path):
    assert import_data(store, _write(tmp_path, "ok.csv", GOOD_CSV)).added == 1
