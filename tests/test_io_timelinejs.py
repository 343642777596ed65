"""TimelineJS output checked field by field against the format's documented fields
(timeline.knightlab.com/docs/json-format.html): an object with an "events" list of slides;
each slide has a start_date whose "year" is a number (month 1–12 and day optional), an
optional end_date of the same form, optional text {headline, text} (HTML allowed),
optional group, display_date and unique_id."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tracker.io import export_data
from tracker.store import Store

SLIDE_KEYS = {"start_date", "end_date", "text", "media", "group", "display_date", "background",
              "autolink", "unique_id"}
DATE_KEYS = {"year", "month", "day", "hour", "minute", "second", "millisecond", "display_date",
             "format"}


@pytest.fixture
def doc(store: Store, tmp_path: Path) -> dict:
    out = tmp_path / "t.timelinejs.json"
    export_data(store, out)
    return json.loads(out.read_text(encoding="utf-8"))


def _check_date(d: dict) -> None:
    assert set(d) <= DATE_KEYS and "year" in d
    assert isinstance(d["year"], int)
    if "month" in d:
        assert isinstance(d["month"], int) and 1 <= d["month"] <= 12
    if "day" in d:
        assert "month" in d and isinstance(d["day"], int) and 1 <= d["day"] <= 31


def test_every_slide_has_the_documented_fields(doc: dict, store: Store):
    assert set(doc) <= {"events", "title", "eras", "scale"}
    assert isinstance(doc["events"], list) and len(doc["events"]) == store.count_events()
    assert doc["title"]["text"]["headline"]
    ids = set()
    for s in doc["events"]:
        assert set(s) <= SLIDE_KEYS
        _check_date(s["start_date"])
        if "end_date" in s:
            _check_date(s["end_date"])
        assert isinstance(s["text"]["headline"], str) and s["text"]["headline"]
        assert isinstance(s["text"]["text"], str)
        assert isinstance(s["group"], str) and isinstance(s["display_date"], str)
        ids.add(s["unique_id"])
    assert len(ids) == len(doc["events"])


def _slide(doc: dict, uid: str) -> dict:
    return next(s for s in doc["events"] if s["unique_id"] == uid)


def test_date_parts_follow_the_precision(doc: dict):
    exact = _slide(doc, "seed-white-house-meeting-2019-01-18")
    assert exact["start_date"] == {"year": 2019, "month": 1, "day": 18}
    assert "end_date" not in exact
    month = _slide(doc, "seed-detainee-release-2018-05")
    assert month["start_date"] == {"year": 2018, "month": 5} and "end_date" not in month
    window = _slide(doc, "seed-second-summit-2019-02")
    assert window["start_date"] == {"year": 2019, "month": 2, "day": 20}
    assert window["end_date"] == {"year": 2019, "month": 2, "day": 28}
    assert window["display_date"] == "20–28 Feb 2019 — ‘near the end of February’"
    assert window["group"] == "Summit"


def test_text_is_escaped_html_with_quote_and_credit(doc: dict):
    letter = _slide(doc, "seed-kim-yong-chol-letter-2018")
    assert letter["text"]["headline"] == "Kim Yong Chol delivers Kim Jong Un's letter to Trump"
    review = _slide(doc, "seed-missile-defense-review-2019")
    body = review["text"]["text"]
    assert "<blockquote" in body and "Hindustan Times" in body
    assert "<script" not in body


def test_html_in_titles_and_quotes_is_escaped(empty_store: Store, tmp_path: Path):
    from tracker.model.entities import Event
    from tracker.model.fuzzydate import FuzzyDate

    empty_store.add_event(Event(None, "", "<b>Bold</b> & co", FuzzyDate.exact(
        __import__("datetime").date(2019, 2, 27)), summary="<script>x</script>"))
    out = tmp_path / "t.timelinejs.json"
    export_data(empty_store, out)
    s = json.loads(out.read_text(encoding="utf-8"))["events"][0]
    assert s["text"]["headline"] == "&lt;b&gt;Bold&lt;/b&gt; &amp; co"
    assert "<script>" not in s["text"]["text"] and "&lt;script&gt;" in s["text"]["text"]


# -- files other people made (issue 17, point 4) -----------------------------------------

REAL = Path(__file__).parent / "data" / "real" / "timelinejs"


def test_timelinejs_2_files_come_in(empty_store: Store):
    import datetime as dt

    from tracker.io import import_data

    report = import_data(empty_store, REAL / "houston-timeline2.json")
    assert (report.added, report.rejected) == (18, [])
    (heritage,) = [e for e in empty_store.list_events() if e.title == "A Musical Heritage"]
    assert (heritage.start.earliest, heritage.start.precision) == (dt.date(1963, 8, 9), "day")
    assert "Born in New Jersey" in heritage.summary and "<p>" not in heritage.summary


def test_slides_without_a_headline_are_named_by_their_text(empty_store: Store,
                                                         tmp_path: Path):
    from tracker.io import import_data

    path = tmp_path / "t.json"
    path.write_text(json.dumps({"events": [
        {"start_date": {"year": 1908}, "text": {"text": "<p>Samuel Clemens was born.</p>"}},
        {"start_date": {"year": 1909}},
        {"start_date": {"year": "1910"}, "location": {"name": "Redding"},
         "text": {"headline": "Died"}}]}), encoding="utf-8")
    report = import_data(empty_store, path)
    assert (report.added, report.rejected) == (3, [])
    by_year = {e.start.earliest.year: e for e in empty_store.list_events()}
    assert by_year[1908].title == "Samuel Clemens was born."
    assert by_year[1909].title == "(untitled)"
    assert by_year[1910].location == "Redding"


def test_display_date_says_the_date_and_the_words_and_reads_back(store: Store, tmp_path: Path):
    from tracker.io import import_data

    out = tmp_path / "t.timelinejs.json"
    export_data(store, out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    shown = {s["unique_id"]: s["display_date"] for s in doc["events"]}
    assert "Fri 18 Jan 2019 — ‘Friday’" in shown.values()
    fresh = Store.open(tmp_path / "fresh.db")
    try:
        assert import_data(fresh, out).added == len(doc["events"])
        words = {e.uid: e.start.words for e in fresh.list_events()}
        assert words == {e.uid: e.start.words for e in store.list_events()}
    finally:
        fresh.close()
