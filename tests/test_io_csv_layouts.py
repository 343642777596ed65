"""CSV files that other tools write (issue 17, point 1): layouts recognised by their
headers, --map, slash dates whose order a column's values settle, and the window's
preview with an editable mapping. Files under tests/data/real are real (PROVENANCE.tsv);
the calendar export below is written here in the shape Outlook and Google Calendar use."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers import dump

from tracker.io import CsvOptions, DataFileError, import_data
from tracker.store import Store

REAL = Path(__file__).parent / "data" / "real" / "csv"
D = dt.date


def _write(tmp_path: Path, text: str, name: str = "in.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _by_title(store: Store, title: str):
    (event,) = [e for e in store.list_events() if e.title == title]
    return event


def test_timelinejs_sheet_template(empty_store: Store):
    report = import_data(empty_store, REAL / "tljs-my-own-timeline.csv")
    assert (report.added, report.rejected) == (10, [])
    assert report.other == {"row holding the timeline's title (not an event)": 1}
    ada = _by_title(empty_store, "Ada Lovelace")
    assert (ada.start.earliest, ada.start.latest, ada.start.precision) == (
        D(1815, 12, 10), D(1815, 12, 10), "day")
    assert ada.end is not None and ada.end.latest == D(1852, 11, 27)
    assert "<" not in ada.summary and "Daughter of Lord Byron" in ada.summary


def test_label_hdate_hdate_end_keeps_start_and_end_apart(empty_store: Store):
    report = import_data(empty_store, REAL / "historicaldate-us_presidents.csv")
    assert (report.added, report.present, report.rejected) == (46, 0, [])
    washington = _by_title(empty_store, "Washington")
    assert (washington.start.earliest, washington.start.latest) == (D(1789, 4, 30),) * 2
    assert (washington.end.earliest, washington.end.latest) == (D(1797, 3, 4),) * 2
    assert washington.summary == "George Washington (1)"
    # Two Harrisons, two Clevelands, two Johnsons: same title, other dates, all kept.
    assert sum(e.title == "Harrison" for e in empty_store.list_events()) == 2


def test_calendar_export_with_slash_dates_and_midnight_ends(empty_store: Store,
                                                            tmp_path: Path):
    path = _write(tmp_path, (
        "Subject,Start Date,Start Time,End Date,End Time,All day event,Description,"
        "Location,Categories\n"
        "Board meeting,1/3/2019,10:00 AM,1/3/2019,11:00 AM,False,Quarterly,Room 4,Work\n"
        "Offsite,12/30/2019,12:00:00 AM,1/1/2020,12:00:00 AM,True,,Lake house,Work;Team\n"
        ",2/4/2019,,2/4/2019,,True,Called in sick,,\n"))
    report = import_data(empty_store, path)
    assert (report.added, report.rejected) == (3, [])
    board = _by_title(empty_store, "Board meeting")  # 12/30/2019 settled month-first
    assert (board.start.earliest, board.end) == (D(2019, 1, 3), None)
    assert (board.location, board.summary, board.tags) == ("Room 4", "Quarterly", ["Work"])
    offsite = _by_title(empty_store, "Offsite")  # ends at midnight: 30 and 31 Dec
    assert (offsite.earliest, offsite.latest) == (D(2019, 12, 30), D(2019, 12, 31))
    assert sorted(offsite.tags) == ["Team", "Work"]
    assert _by_title(empty_store, "Called in sick").start.earliest == D(2019, 2, 4)


def test_date_description_takes_the_title_from_the_text(empty_store: Store, tmp_path: Path):
    path = _write(tmp_path, "date,description\n2019-02-27,Trump and Kim meet in Hanoi.\n"
                            "2019-02-28,\n")
    report = import_data(empty_store, path)
    assert report.added == 2
    assert {e.title for e in empty_store.list_events()} == {"Trump and Kim meet in Hanoi.",
                                                            "(untitled)"}


def test_title_start_date_end_date(empty_store: Store, tmp_path: Path):
    path = _write(tmp_path, "title,start_date,end_date\nHanoi summit,2019-02-27,2019-02-28\n")
    assert import_data(empty_store, path).added == 1
    hanoi = _by_title(empty_store, "Hanoi summit")
    assert (hanoi.earliest, hanoi.latest) == (D(2019, 2, 27), D(2019, 2, 28))


def test_slash_dates_the_column_cannot_settle_need_an_order(empty_store: Store,
                                                            tmp_path: Path):
    path = _write(tmp_path, "title,date\nTalks,1/2/2009\nSame day,3/3/2009\n")
    with pytest.raises(DataFileError, match=r"line 2, start: '1/2/2009' could be day first .*"
                                            r"--date-order"):
        import_data(empty_store, path)
    report = import_data(empty_store, path, csv_options=CsvOptions(date_order="dmy"))
    assert report.added == 2
    assert _by_title(empty_store, "Talks").start.earliest == D(2009, 2, 1)


def test_one_settling_value_orders_the_whole_column(empty_store: Store, tmp_path: Path):
    path = _write(tmp_path, "title,date\nTalks,1/2/2009\nChristmas,25/12/2009\n")
    import_data(empty_store, path, csv_options=CsvOptions(date_order="mdy"))  # column wins
    assert _by_title(empty_store, "Talks").start.earliest == D(2009, 2, 1)


def test_a_column_with_both_orders_is_refused(empty_store: Store, tmp_path: Path):
    path = _write(tmp_path, "title,date\nA,25/12/2009\nB,12/25/2009\n")
    before = dump(empty_store.conn)
    with pytest.raises(DataFileError, match="column 'date' holds both day-first"):
        import_data(empty_store, path)
    assert dump(empty_store.conn) == before


def test_cli_map_and_date_order(run_tracker, tmp_path: Path):
    db = tmp_path / "t.db"
    path = _write(tmp_path, "Quand,Quoi,Note\n3/4/2019,Sommet,Reporté\n")
    refused = run_tracker("import", str(path), "--db", str(db))
    assert refused.returncode == 1 and "missing required columns" in refused.stderr
    assert "Traceback" not in refused.stderr
    bad = run_tracker("import", str(path), "--db", str(db), "--map", "Quand=when")
    assert bad.returncode == 1 and "'when' is not a field" in bad.stderr
    ok = run_tracker("import", str(path), "--db", str(db), "--map",
                     "Quand=start, Quoi=title, Note=summary", "--date-order", "dmy")
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith("1 added")
    listed = run_tracker("list", "--db", str(db), "--json")
    assert '"start": "2019-04-03"' in listed.stdout and "Sommet" in listed.stdout


def test_window_previews_and_lets_the_mapping_be_changed(qtbot, window, tmp_path: Path):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QDialogButtonBox

    path = _write(tmp_path, "Quand,Quoi,Note\n2019-04-03,Sommet,Reporté\n")
    before = dump(window.store.conn)
    seen = []

    def answer(accept: bool) -> None:
        dialog = window.transfer.preview
        seen.append((dialog.table.item(1, 1).text(), dialog.problem.text()))
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert not ok.isEnabled()  # no date, no title yet: nothing can be imported
        if accept:
            dialog.set_field("Quand", "start")
            dialog.set_field("Quoi", "title")
            assert ok.isEnabled()
            ok.click()
        else:
            dialog.reject()

    QTimer.singleShot(0, lambda: answer(False))
    assert window.transfer.import_paths([path]) == []
    assert dump(window.store.conn) == before  # cancelled: nothing written
    QTimer.singleShot(0, lambda: answer(True))
    (report,) = window.transfer.import_paths([path])
    assert report.added == 1
    assert seen[0] == ("Sommet", "Choose the column that holds a date and a title or a "
                                 "description.")
    assert _by_title(window.store, "Sommet").start.earliest == D(2019, 4, 3)
