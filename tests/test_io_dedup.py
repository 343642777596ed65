"""Duplicates on import (issue 17, point 2): records of one file are never merged with each
other; an incoming record matches an event that was there before the import by its uid,
or, only when it has no id at all, by title and dates; the summary names every match."""

from __future__ import annotations

import json
from pathlib import Path

from tracker.io import import_data
from tracker.store import Store


def _ics(*events: str) -> str:
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + "".join(
        events) + "END:VCALENDAR\r\n"


def _vevent(uid: str, title: str, day: str) -> str:
    return (f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20190101T000000Z\r\nSUMMARY:{title}\r\n"
            f"DTSTART;VALUE=DATE:{day}\r\nEND:VEVENT\r\n")


def test_rows_of_one_csv_with_the_same_title_and_day_all_come_in(empty_store: Store,
                                                                 tmp_path: Path):
    path = tmp_path / "votes.csv"
    path.write_text("title,date_text,summary\n" + "".join(
        f"Resolution on disarmament,12 Dec 1983,vote {i}\n" for i in range(6)), encoding="utf-8")
    report = import_data(empty_store, path)
    assert (report.added, report.present) == (6, 0)
    assert empty_store.count_events() == 6


def test_calendar_events_with_distinct_uids_are_distinct(empty_store: Store, tmp_path: Path):
    path = tmp_path / "ten.ics"
    path.write_text(_ics(*(_vevent(f"uid-{i}@example.org", "Standup", "20190301")
                           for i in range(10))), encoding="utf-8")
    report = import_data(empty_store, path)
    assert (report.added, report.present) == (10, 0)
    again = import_data(empty_store, path)  # now each matches its own event by uid
    assert (again.added, again.present) == (0, 10)
    assert "10 matched existing events (skipped): “Standup” (1 Mar 2019, same id)" in \
        again.summary()
    assert "and 5 more" in again.summary()


def test_a_repeated_uid_in_one_calendar_is_not_a_merge(empty_store: Store, tmp_path: Path):
    path = tmp_path / "twice.ics"
    path.write_text(_ics(_vevent("same@x", "Talks", "20190301"),
                         _vevent("same@x", "Talks, day two", "20190302")), encoding="utf-8")
    report = import_data(empty_store, path)
    assert report.added == 2 and not report.rejected
    assert sorted(e.title for e in empty_store.list_events()) == ["Talks", "Talks, day two"]


def test_id_less_rows_match_existing_events_by_title_and_dates(store: Store, tmp_path: Path):
    path = tmp_path / "mine.csv"
    path.write_text("title,start,end\n"
                    "Singapore summit: Trump and Kim Jong Un,2018-06-12,2018-06-12\n"
                    "A new event,2019-03-01,2019-03-01\n", encoding="utf-8")
    before = store.count_events()
    report = import_data(store, path)
    assert (report.added, report.present) == (1, 1)
    assert report.matched == ["“Singapore summit: Trump and Kim Jong Un” (12 Jun 2018, "
                              "same title and dates)"]
    assert "1 matched existing events (skipped): “Singapore summit" in report.summary()
    assert store.count_events() == before + 1


def test_a_record_with_an_id_is_not_matched_by_title(store: Store, tmp_path: Path):
    """A calendar event with its own UID is another event than ours, even on the same day
    with the same title: only its UID could say it is the same one."""
    path = tmp_path / "other.ics"
    path.write_text(_ics(_vevent("someone-else@x", "Singapore summit: Trump and Kim Jong Un",
                                 "20180612")), encoding="utf-8")
    assert import_data(store, path).added == 1


def test_our_json_with_a_uid_twice_rejects_the_second(empty_store: Store, tmp_path: Path):
    event = {"uid": "u1", "title": "T", "start": {"earliest": "2019-02-03"}}
    path = tmp_path / "dup.json"
    path.write_text(json.dumps({"format": "diplomacy-timeline-tracker", "version": 1,
                                "events": [event, {**event, "title": "T2"}]}), encoding="utf-8")
    report = import_data(empty_store, path, on_error="skip")
    assert report.added == 1
    assert [str(r) for r in report.rejected] == [
        "event 2, uid: 'u1' is used by an earlier event of the same file"]
