"""Safety of what the app accepts (issue 14): the first and last days draw and export,
searches stay small and quick, imports take time linear in the file."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tracker.model.entities import Event
from tracker.model.fuzzydate import FuzzyDate
from tracker.store import Store


def _event(title: str = "Hanoi summit") -> Event:
    return Event(None, "", title, FuzzyDate.exact(dt.date(2019, 2, 27)))


# -- 5. the first and last days the app accepts draw and export ---------------------------

@pytest.mark.parametrize("days", [("0001-01-01", "0001-01-01"), ("9999-12-31", "9999-12-31"),
                                  ("9999-12-20", "9999-12-31")])
def test_ics_round_trips_the_last_days(empty_store: Store, tmp_path: Path, days):
    from tracker.io import export_data, import_data

    first, last = (dt.date.fromisoformat(d) for d in days)
    event = Event(None, "", "Far away", FuzzyDate(first, last, "day" if first == last else "days"))
    empty_store.add_event(event)
    path = tmp_path / "far.ics"
    assert export_data(empty_store, path) == 1
    other = Store.open(tmp_path / "other.db", seed=False)
    assert import_data(other, path).added == 1
    back = other.list_events()[0]
    assert (back.earliest, back.latest) == (first, last)
    other.close()


def test_views_stay_within_the_years_matplotlib_can_draw():
    from tracker.timeline.geometry import ordinal_to_x
    from tracker.timeline.layout import clamp_view, fit_days

    first, last = ordinal_to_x(1), ordinal_to_x(dt.date.max.toordinal())
    v0, v1 = fit_days(1, dt.date(2019, 1, 1).toordinal())
    assert v0 >= first and v1 > v0
    v0, v1 = fit_days(dt.date(2019, 1, 1).toordinal(), dt.date.max.toordinal())
    assert v1 <= last
    assert clamp_view(first - 10_000.0, last + 10_000.0) == (first, last)


def test_the_window_draws_events_on_the_first_and_last_days(qtbot, store: Store):
    from tracker.gui.main_window import MainWindow

    for day in (dt.date(1, 1, 1), dt.date(100, 1, 1), dt.date.max):
        store.add_event(Event(None, "", f"Day {day}", FuzzyDate.exact(day)))
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    window.canvas.fit_all()
    window.canvas.draw()
    for _ in range(3):
        window.canvas.zoom(0.25)  # out, past both ends
        window.canvas.draw()
    from tracker.timeline.geometry import ordinal_to_x

    for shift, check in ((1e6, lambda v: v[0] >= ordinal_to_x(1)),
                         (-1e6, lambda v: v[1] <= ordinal_to_x(dt.date.max.toordinal()))):
        for _ in range(5):
            window.canvas.pan_pixels(shift)  # past either end: the view stops there
            window.canvas.draw()
            assert check(window.canvas.view)
    window.close()


# -- 9. and 6. searches stay small ----------------------------------------------------------

def test_a_huge_paste_in_the_search_box_is_cut_and_searched_calmly(qtbot, window):
    from PySide6.QtWidgets import QApplication

    from tracker.model.filters import MAX_SEARCH_CHARS

    QApplication.clipboard().setText("北京会谈" * 5000)
    window.search.box.setFocus()
    window.search.box.paste()
    assert len(window.search.box.text()) == MAX_SEARCH_CHARS
    window.search.apply()  # no error dialog: a plain search with no hits
    assert window.model.rowCount() == 0
    window.search.set_text(" ".join(f"w{i}" for i in range(20)))
    assert "20 different words" in window.statusBar().currentMessage()
    assert window.filter.search == "北京会谈" * (MAX_SEARCH_CHARS // 4)  # the last search stands


def test_a_repeated_word_is_searched_once():
    from tracker.model.filters import fts_query, search_problem

    assert fts_query(" ".join(["a"] * 200)) == '"a"*'
    assert search_problem(" ".join(["a"] * 200)) is None


def test_a_search_that_would_hold_the_window_is_refused(qtbot, window, monkeypatch):
    import tracker.gui.search as search
    from tracker.store.demo import add_demo_data

    # Enough rows that counting takes more than the 1,000 SQLite steps between two looks
    # at the clock (the sample alone is counted in fewer).
    add_demo_data(window.store, 300)
    window.search.set_text("summit")
    assert window.filter.search == "summit"
    monkeypatch.setattr(search, "SEARCH_SECONDS", -1.0)  # every search is too slow now
    window.search.set_text("Kim")
    assert "would take more than" in window.statusBar().currentMessage()
    assert window.filter.search == "summit"  # the last search stands
    assert window.store.conn.execute("SELECT count(*) FROM events").fetchone()[0] == 308


# -- 6. imports in time linear in the file -----------------------------------------------------

def test_the_duplicate_check_asks_the_database_once_per_date_window(empty_store: Store,
                                                                    tmp_path: Path):
    from tracker.io import import_data

    rows = "".join(f"Meeting {i},27 Feb 2019\r\n" for i in range(2000))
    rows += "MEETING 7,27 Feb 2019\r\nmeeting 8,27 Feb 2019\r\n"  # the same, in other case
    path = tmp_path / "same-day.csv"
    path.write_text("title,date_text\r\n" + rows, encoding="utf-8")
    asked: list[str] = []
    empty_store.conn.set_trace_callback(asked.append)
    report = import_data(empty_store, path)
    empty_store.conn.set_trace_callback(None)
    # Records of one file are never merged with each other (issue 17)
    assert (report.added, report.present) == (2002, 0)
    assert sum("FROM events WHERE day_lo = ? AND day_hi = ?" in q for q in asked) <= 1
    asked.clear()
    empty_store.conn.set_trace_callback(asked.append)
    again = import_data(empty_store, path)  # a second import finds them all in the database
    empty_store.conn.set_trace_callback(None)
    assert (again.added, again.present) == (0, 2002)
    assert sum("FROM events WHERE day_lo = ? AND day_hi = ?" in q for q in asked) <= 1


def test_a_rejected_record_leaves_nothing_behind_in_the_duplicate_check(empty_store: Store,
                                                                        tmp_path: Path):
    from tracker.io import import_data

    path = tmp_path / "x.csv"
    path.write_text("title,date_text,status\r\nTalks,27 Feb 2019,nonsense\r\n"
                    "Talks,27 Feb 2019,\r\n", encoding="utf-8")
    report = import_data(empty_store, path, on_error="skip")
    assert (report.added, report.present, len(report.rejected)) == (1, 0, 1)


def test_the_apps_own_slide_parts_are_dropped_in_one_pass():
    from tracker.io.timelinejs import _drop_ours

    assert _drop_ours('a<p class="tracker-meta">x</p>b<blockquote class="tracker-quote">q'
                      '</blockquote>c') == "abc"
    unclosed = 'a<p class="tracker-meta">x b ' + '<p class="tracker-x">' * 3
    assert _drop_ours(unclosed) == unclosed
    assert _drop_ours('<p class="tracker-a">1</p><p class="other">2</p>') == '<p class="other">2</p>'


def test_cancel_is_heard_before_a_big_file_is_parsed(empty_store: Store, tmp_path: Path):
    from tracker.io import import_data

    path = tmp_path / "x.json"
    path.write_text(json.dumps({"format": "diplomacy-timeline-tracker", "version": 1,
                                "events": []}), encoding="utf-8")
    calls: list[tuple[int, int]] = []

    def cancel(done: int, total: int) -> bool:
        calls.append((done, total))
        return False  # the person pressed Cancel at once

    report = import_data(empty_store, path, progress=cancel)
    assert report.cancelled and calls == [(0, 0)]
    assert empty_store.count_events() == 0
