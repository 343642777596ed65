"""Calendars as people's calendars write them (issue 17, point 3)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tracker.io import import_data
from tracker.store import Store

REAL = Path(__file__).parent / "data" / "real" / "ics"
D = dt.date
HEAD = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
TAIL = "END:VCALENDAR\r\n"


def _ics(tmp_path: Path, *lines: str, name: str = "c.ics") -> Path:
    path = tmp_path / name
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def _event(uid: str, *props: str) -> list[str]:
    return ["BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20190101T000000Z", *props, "END:VEVENT"]


def _one(store: Store, title: str):
    (event,) = [e for e in store.list_events() if e.title == title]
    return event


def test_an_untitled_event_comes_in_as_untitled(empty_store: Store, tmp_path: Path):
    path = _ics(tmp_path, HEAD.strip(), *_event("a", "DTSTART;VALUE=DATE:20190301"),
                *_event("b", "SUMMARY:Named", "DTSTART;VALUE=DATE:20190302"), TAIL.strip())
    report = import_data(empty_store, path)
    assert (report.added, report.rejected) == (2, [])
    assert _one(empty_store, "(untitled)").start.earliest == D(2019, 3, 1)


def test_duration_and_midnight_ends(empty_store: Store, tmp_path: Path):
    path = _ics(tmp_path, HEAD.strip(),
                *_event("a", "SUMMARY:Three days", "DTSTART;VALUE=DATE:20190301", "DURATION:P3D"),
                *_event("b", "SUMMARY:Ends at midnight", "DTSTART;VALUE=DATE:20190305",
                        "DTEND:20190306T000000"),
                *_event("c", "SUMMARY:Evening", "DTSTART:20190307T200000",
                        "DTEND:20190308T000000"),
                *_event("d", "SUMMARY:Two hours", "DTSTART:20190309T100000Z", "DURATION:PT2H"),
                TAIL.strip())
    assert import_data(empty_store, path).added == 4
    spans = {e.title: (e.earliest, e.latest) for e in empty_store.list_events()}
    assert spans == {"Three days": (D(2019, 3, 1), D(2019, 3, 3)),
                     "Ends at midnight": (D(2019, 3, 5), D(2019, 3, 5)),
                     "Evening": (D(2019, 3, 7), D(2019, 3, 7)),
                     "Two hours": (D(2019, 3, 9), D(2019, 3, 9))}


def test_several_calendars_in_one_file_and_categories_as_tags(empty_store: Store,
                                                              tmp_path: Path):
    one = [HEAD.strip(), *_event("a", "SUMMARY:Summit", "DTSTART;VALUE=DATE:20190227",
                                  "CATEGORIES:Summit,Korea"), TAIL.strip()]
    two = [HEAD.strip(), *_event("b", "SUMMARY:Talks", "DTSTART;VALUE=DATE:20190301",
                                  "CATEGORIES:Work", "CATEGORIES:Travel"), TAIL.strip()]
    report = import_data(empty_store, _ics(tmp_path, *one, *two))
    assert report.added == 2
    summit, talks = _one(empty_store, "Summit"), _one(empty_store, "Talks")
    assert (summit.type, summit.tags) == ("summit", ["Korea"])
    assert (talks.type, sorted(talks.tags)) == ("other", ["Travel", "Work"])


def test_a_series_is_stored_once_and_edited_occurrences_are_counted(empty_store: Store,
                                                                    tmp_path: Path):
    path = _ics(tmp_path, HEAD.strip(),
                # the edited occurrence comes first, as some servers write it
                *_event("weekly", "SUMMARY:Moved standup", "RECURRENCE-ID:20190311T090000",
                        "DTSTART:20190312T090000"),
                *_event("weekly", "SUMMARY:Standup", "DTSTART:20190304T090000",
                        "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=10",
                        "DESCRIPTION:Team call"),
                *_event("lonely", "SUMMARY:Moved elsewhere", "RECURRENCE-ID:20190101",
                        "DTSTART;VALUE=DATE:20190102"),
                TAIL.strip())
    report = import_data(empty_store, path)
    assert report.added == 2 and not report.rejected
    assert report.other == {"occurrence edited in a repeating series (not imported: the "
                            "series is)": 1}
    assert "1 occurrence edited in a repeating series" in report.summary()
    standup = _one(empty_store, "Standup")
    assert standup.start.earliest == D(2019, 3, 4)
    assert standup.summary == ("Repeats every 2 weeks on Monday and Wednesday, 10 times."
                               "\n\nTeam call")
    # an occurrence whose series is not in the file is an event of its own
    assert _one(empty_store, "Moved elsewhere").start.earliest == D(2019, 1, 2)


def test_an_unreadable_part_without_events_does_not_block_the_events(empty_store: Store,
                                                                      tmp_path: Path):
    path = _ics(tmp_path, HEAD.strip(),
                "BEGIN:VFREEBUSY", "UID:fb", "FREEBUSY:nonsense/also", "END:VFREEBUSY",
                *_event("a", "SUMMARY:Kept", "DTSTART;VALUE=DATE:20190301"),
                *_event("b", "SUMMARY:Broken end", "DTSTART;VALUE=DATE:20190302",
                        "DTEND:garbage"),
                TAIL.strip())
    report = import_data(empty_store, path)
    assert (report.added, report.rejected) == (2, [])
    assert report.other == {"part without events could not be read (skipped)": 1,
                            "event whose end could not be read (kept as its start day)": 1}
    assert _one(empty_store, "Broken end").latest == D(2019, 3, 2)


def test_a_broken_start_is_explained_in_words(empty_store: Store, tmp_path: Path):
    path = _ics(tmp_path, HEAD.strip(),
                *_event("a", "SUMMARY:Bad", "DTSTART:INVALID-DATE"), TAIL.strip())
    report = import_data(empty_store, path, on_error="skip")
    (rejection,) = report.rejected
    assert str(rejection) == "event 1 (UID a), DTSTART: 'INVALID-DATE' is not a date or time"


@pytest.mark.parametrize(("name", "count"), [
    ("icalendar-pacific_fiji.ics", 1),  # two DTSTARTs ("'list' object has no attribute 'dt'")
    ("icalendar-multiple_calendar_components.ics", 3),
    ("icalendar-issue_178_custom_component_contains_other.ics", 1),
    ("icaljs-duration_instead_of_dtend.ics", 1),
])
def test_real_calendars_that_used_to_fail(empty_store: Store, name: str, count: int):
    report = import_data(empty_store, REAL / name)
    assert (report.added, report.rejected) == (count, [])
