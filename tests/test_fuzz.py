"""Fuzzing every importer: whatever the file holds, import_data returns a report or raises
DataFileError (ImportAborted is one) — never any other exception — and a failed import
leaves the database exactly as it was.

Files come from arbitrary bytes and text, from mutations of the golden files in
tests/data/io/ (truncated, bytes flipped, lines dropped or repeated, junk inserted), and
from the golden JSON documents with one value anywhere replaced by arbitrary JSON. Each
example imports into a fresh copy of an empty database, made in a private temp dir.
Examples are derandomized, so a run is repeatable; counts are small to keep it quick.
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import dump
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.io import DataFileError, ImportReport, import_data
from tracker.model.entities import Source
from tracker.store import Store

GOLDEN = Path(__file__).parent / "data" / "io"
NAMES = ("seed.json", "seed.csv", "seed.ics", "seed.timelinejs.json")
SUFFIXES = (".json", ".csv", ".ics", ".timelinejs.json", ".txt", "")
# TRACKER_FUZZ_EXAMPLES=2000 runs a long, randomized hunt instead of the quick repeatable one.
_HUNT = int(os.environ.get("TRACKER_FUZZ_EXAMPLES", 0))
FUZZ = settings(max_examples=_HUNT or 40, derandomize=not _HUNT, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

_TEMPLATE: Path | None = None


def _template() -> Path:
    """An empty, fully migrated database file, made once and copied for every example."""
    global _TEMPLATE
    if _TEMPLATE is None:
        path = Path(tempfile.mkdtemp(prefix="tracker-fuzz-")) / "template.db"
        Store.open(path, seed=False).close()
        _TEMPLATE = path
    return _TEMPLATE


@contextlib.contextmanager
def _fresh_store() -> Iterator[tuple[Store, Path]]:
    with tempfile.TemporaryDirectory(prefix="tracker-fuzz-") as tmp:
        db = Path(tmp) / "tracker.db"
        shutil.copyfile(_template(), db)
        store = Store.open(db, seed=False)
        try:
            yield store, Path(tmp)
        finally:
            store.close()


def _state(store: Store) -> dict:
    return dump(store.conn)


def check_import(data: bytes, suffix: str, on_error: str = "abort", *,
                 importer=import_data) -> ImportReport | None:
    """Import ``data`` as a file named with ``suffix``; only a report or a DataFileError may
    come out, and after a DataFileError the database is as it was."""
    with _fresh_store() as (store, tmp):
        path = tmp / f"data{suffix}"
        path.write_bytes(data)
        before = _state(store)
        try:
            report = importer(store, path, on_error=on_error)
        except DataFileError as exc:
            assert str(exc).strip(), "an error without a message"
            assert _state(store) == before, f"a failed import changed the database: {exc}"
            return None
        assert isinstance(report, ImportReport)
        assert report.summary()
        if on_error == "abort":
            assert not report.rejected, "abort mode returned a report with rejections"
        assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        return report


# -- strategies ---------------------------------------------------------------------------

@st.composite
def mutated(draw, name: str) -> bytes:
    """A golden file with a few random edits: truncation, flipped bytes, lines dropped or
    repeated, junk (text or bytes) inserted."""
    data = bytearray((GOLDEN / name).read_bytes())
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["truncate", "flip", "drop", "repeat", "junk", "bytes"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if op == "truncate":
            del data[at:]
        elif op == "flip" and data:
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif op in ("drop", "repeat"):
            lines = bytes(data).split(b"\n")
            i = draw(st.integers(0, len(lines) - 1))
            lines[i:i + 1] = [] if op == "drop" else [lines[i]] * draw(st.integers(2, 30))
            data = bytearray(b"\n".join(lines))
        elif op == "junk":
            data[at:at] = draw(st.text(max_size=40)).encode("utf-8")
        else:
            data[at:at] = draw(st.binary(max_size=20))
    return bytes(data)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats(allow_nan=True)
    | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                max_size=4),
    max_leaves=10)


def _paths(value, prefix=()) -> list[tuple]:
    """Every place in a JSON document (as key/index paths), containers included."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += _paths(item, (*prefix, i))
    return found


@st.composite
def json_with_odd_values(draw, name: str) -> bytes:
    """The golden JSON with one to three values (anywhere, even whole lists) replaced by
    arbitrary JSON, or a key removed."""
    doc = copy.deepcopy(json.loads((GOLDEN / name).read_text(encoding="utf-8")))
    for _ in range(draw(st.integers(1, 3))):
        places = [p for p in _paths(doc) if p]
        if not places:
            break
        place = draw(st.sampled_from(places))
        parent = doc
        for key in place[:-1]:
            parent = parent[key]
        if draw(st.booleans()) and isinstance(parent, dict):
            del parent[place[-1]]
        else:
            parent[place[-1]] = draw(JSON_VALUES)
    return json.dumps(doc, ensure_ascii=draw(st.booleans())).encode("utf-8")


CSV_HEADER = ("uid,title,start,end,date_text,precision,end_text,status,type,location,actors,"
              "tags,summary,excerpts")
CELL = st.one_of(st.text(max_size=25), st.sampled_from([
    "", "2019-02-27", "0000-00-00", "31 Feb 2019", "99999", "late February 2019", "27–28 Feb 2019",
    "day", "decade", "planned", "Summit", "Kim (host)", "A (nope)", '"q" [T]', "'); DROP TABLE"]))


@st.composite
def csv_rows(draw) -> bytes:
    columns = CSV_HEADER.split(",")
    if draw(st.booleans()):
        columns = draw(st.permutations(columns))[:draw(st.integers(1, len(columns)))]
    lines = [",".join(columns)]
    for _ in range(draw(st.integers(0, 6))):
        cells = [draw(CELL) for _ in columns]
        lines.append(",".join('"' + c.replace('"', '""') + '"' for c in cells))
    return "\r\n".join(lines).encode("utf-8")


@st.composite
def ics_events(draw) -> bytes:
    """A calendar whose VEVENT properties hold arbitrary values."""
    props = ["SUMMARY", "DTSTART", "DTSTART;VALUE=DATE", "DTEND", "DTEND;VALUE=DATE", "UID",
             "CATEGORIES", "STATUS", "DESCRIPTION", "LOCATION", "X-TRACKER-STATUS",
             "X-TRACKER-TYPE", "X-TRACKER-PRECISION", "X-TRACKER-DATE-TEXT", "X-TRACKER-ACTORS",
             "X-TRACKER-TAGS", "X-TRACKER-SUMMARY", "RRULE", "BEGIN", "END"]
    value = st.one_of(st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\r\n"),
                                      max_size=25),
                      st.sampled_from(["20190227", "20190227T100000Z", "00000000", "20190231",
                                       "99999999", "TENTATIVE", "Summit", "day", "VEVENT"]))
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0"]
    for _ in range(draw(st.integers(0, 4))):
        lines.append("BEGIN:VEVENT")
        for _ in range(draw(st.integers(0, 8))):
            lines.append(f"{draw(st.sampled_from(props))}:{draw(value)}")
        lines.append("END:VEVENT")
    if draw(st.booleans()):
        lines.append("END:VCALENDAR")
    return "\r\n".join(lines).encode("utf-8")


# -- the properties -----------------------------------------------------------------------

@FUZZ
@given(data=st.binary(max_size=400), suffix=st.sampled_from(SUFFIXES))
def test_arbitrary_bytes(data: bytes, suffix: str):
    check_import(data, suffix)


@FUZZ
@given(text=st.text(max_size=300), prefix=st.sampled_from(["", "{", "[", "BEGIN:VCALENDAR\r\n",
                                                           CSV_HEADER + "\r\n"]),
       suffix=st.sampled_from(SUFFIXES))
def test_arbitrary_text(text: str, prefix: str, suffix: str):
    check_import((prefix + text).encode("utf-8"), suffix)


@pytest.mark.parametrize("name", NAMES)
@FUZZ
@given(data=st.data(), on_error=st.sampled_from(["abort", "skip"]))
def test_mutated_golden_files(name: str, data, on_error: str):
    suffix = ".timelinejs.json" if name.endswith(".timelinejs.json") else Path(name).suffix
    check_import(data.draw(mutated(name)), suffix, on_error)


@pytest.mark.parametrize("name", ["seed.json", "seed.timelinejs.json"])
@FUZZ
@given(data=st.data(), on_error=st.sampled_from(["abort", "skip"]))
def test_golden_json_with_odd_values(name: str, data, on_error: str):
    check_import(data.draw(json_with_odd_values(name)), ".json", on_error)


@FUZZ
@given(data=csv_rows(), on_error=st.sampled_from(["abort", "skip"]))
def test_csv_with_arbitrary_cells(data: bytes, on_error: str):
    check_import(data, ".csv", on_error)


@FUZZ
@given(data=ics_events(), on_error=st.sampled_from(["abort", "skip"]))
def test_icalendar_with_arbitrary_properties(data: bytes, on_error: str):
    check_import(data, ".ics", on_error)


def test_the_golden_files_import_whole():
    """The harness itself: every golden file imports, so mutations start from good input."""
    for name in NAMES:
        suffix = ".timelinejs.json" if name.endswith(".timelinejs.json") else Path(name).suffix
        report = check_import((GOLDEN / name).read_bytes(), suffix)
        assert report is not None and report.added >= 5 and not report.rejected, name


def test_the_harness_notices_a_stray_exception(monkeypatch):
    """An importer raising anything but DataFileError fails the property."""
    import tracker.io.csvfmt

    def broken(path, text, options=None):
        raise KeyError("boom")

    monkeypatch.setattr(tracker.io.csvfmt, "records", broken)
    with pytest.raises(KeyError):
        check_import((GOLDEN / "seed.csv").read_bytes(), ".csv")


def test_the_harness_notices_a_half_written_failure():
    """A DataFileError after rows were written (outside the transaction) fails the property."""

    def leaky(store, path, **kwargs):
        store.add_source(Source(None, "", "Leaked", "text written before the error"))
        return import_data(store, path, **kwargs)

    with pytest.raises(AssertionError, match="changed the database"):
        check_import(b"", ".csv", importer=leaky)


@pytest.mark.parametrize("text", [True, 3, ["<p>x</p>"], {"a": 1}])
def test_found_by_fuzzing_a_timelinejs_text_that_is_not_text(text):
    """Was a TypeError: a slide's "text.text" that is not a string is no summary."""
    slide = {"start_date": {"year": 2019}, "text": {"headline": "Hanoi summit", "text": text}}
    report = check_import(json.dumps({"events": [slide]}).encode(), ".timelinejs.json")
    assert report is not None and report.added == 1
