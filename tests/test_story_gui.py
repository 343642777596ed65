"""The story in the window (issue 19): the "as known on" toolbar, the reports in the
detail pane, source counts in the labels — driven with qtbot on a real database."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from story_eval import FILES

from tracker.article.candidates import find_candidates
from tracker.article.extract import read_article
from tracker.article.story import store_article
from tracker.store import Store
from tracker.store.reports import publication_days, reports_of

D = dt.date
SUMMIT = "seed-second-summit-2019-02"


@pytest.fixture
def story(store: Store) -> Store:
    """The seeded database with the six story reports stored as the CLI stores them."""
    for path in FILES:
        source = read_article(path)
        store_article(store, source, find_candidates(source, store.actors()))
    return store


def _id(store: Store, uid: str) -> int:
    return store.conn.execute("SELECT id FROM events WHERE uid = ?", (uid,)).fetchone()[0]


def _item(win, event_id: int):
    win.as_of.finish_tween()  # the frame of the day itself, not one on the way to it
    return next(i for i in win.canvas.data.items if i.id == event_id)


def test_as_known_on_redraws_the_story_as_it_stood(qtbot, story: Store, window):
    summit = _id(story, SUMMIT)
    control = window.as_of
    assert not control.check.isChecked() and not control.date.isEnabled()
    qtbot.mouseClick(control.check, Qt.MouseButton.LeftButton)  # on: the last report's day
    last = publication_days(story)[-1]  # the sample's public-record note, written later
    assert window.filter.as_of == last
    assert ("asof", f"As known on {last.day} {last:%b %Y}") in window.filter.chips()
    control.date.setDate(QDate(2019, 1, 19))
    assert window.filter.as_of == D(2019, 1, 19)
    window.canvas.refresh()
    item = _item(window, summit)
    assert (item.start_lo, item.start_hi) == (D(2019, 2, 20).toordinal(), D(2019, 2, 28).toordinal())
    assert window.canvas.data.reference_day == D(2019, 1, 19).toordinal()
    known_then = window.model.total
    qtbot.mouseClick(control.next, Qt.MouseButton.LeftButton)  # 20 Jan: the next report
    assert window.filter.as_of == D(2019, 1, 20)
    qtbot.mouseClick(control.next, Qt.MouseButton.LeftButton)  # 5 Feb
    qtbot.mouseClick(control.next, Qt.MouseButton.LeftButton)  # 9 Feb
    assert window.filter.as_of == D(2019, 2, 9)
    window.canvas.refresh()
    item = _item(window, summit)
    assert (item.start_lo, item.hi) == (D(2019, 2, 27).toordinal(), D(2019, 2, 28).toordinal())
    assert window.model.total > known_then  # more events were known by then
    qtbot.mouseClick(control.prev, Qt.MouseButton.LeftButton)
    assert window.filter.as_of == D(2019, 2, 5)
    # the chip removes it, and the control follows
    window.set_filter(window.filter.without("asof"))
    assert not control.check.isChecked() and window.filter.as_of is None


def test_play_steps_through_every_report_day_and_stops(qtbot, story: Store, window):
    control = window.as_of
    control.timer.setInterval(10)
    seen: list[D] = []
    window.canvas.dataChanged.connect(lambda *_: seen.append(window.filter.as_of))
    qtbot.mouseClick(control.play, Qt.MouseButton.LeftButton)
    assert window.filter.as_of == D(2019, 1, 17)  # from the beginning of the story
    qtbot.waitUntil(lambda: not control.play.isChecked(), timeout=20000)
    assert window.filter.as_of == publication_days(story)[-1]
    assert D(2019, 2, 28) in seen  # the summit's last day of reports on the way
    assert {D(2019, 1, 19), D(2019, 2, 9)} <= set(seen)


def test_detail_pane_lists_the_reports_in_publication_order(qtbot, story: Store, window):
    summit = _id(story, SUMMIT)
    window.select_event(summit)
    view = window.detail.reports
    outlets = [view.table.item(r, 1).text() for r in range(view.table.rowCount())]
    assert "Hindustan Times" in outlets and "Kyodo (summary)" in outlets
    days = [view.table.item(r, 0).text() for r in range(view.table.rowCount())]
    assert days == sorted(days, key=lambda d: dt.datetime.strptime(d, "%d %b %Y"))
    said = [view.table.item(r, 2).text() for r in range(view.table.rowCount())]
    assert "“near the end of February”" in said
    sources = len({r.source_id for r in reports_of(story, summit)})
    assert sources >= 5  # the article and at least four of the six story reports
    assert f"from {sources} sources" in view.summary.text()
    assert "27–28 Feb 2019" in view.summary.text()
    # picking a report shows its passage in the article below
    row = outlets.index("Kyodo (summary)")
    view.show_passage(row)
    assert "Kyodo" in window.detail.source_label.text()
    # as known on 9 Feb: the later reports are grey and the pane shows that day's date
    window.as_of.set_day(D(2019, 2, 9))
    assert "by 9 Feb 2019; later ones are grey" in view.summary.text()
    assert view.table.item(row, 1).foreground().color().name() == "#9e9e9e"
    assert window.detail.fields["date"].text().startswith("27")
    window.as_of.set_day(D(2019, 1, 20))
    window.select_event(summit)
    assert window.detail.fields["date"].text().startswith("20–28 Feb 2019")
    assert "overdue" not in window.detail.fields["status"].text()


def test_a_disputed_event_says_who_said_what(qtbot, story: Store, window):
    from tracker.model.entities import Excerpt, Source
    from tracker.model.fuzzydate import FuzzyDate
    from tracker.store.reports import add_report

    summit = _id(story, SUMMIT)
    text = "The summit will now be held on February 25 and 26."
    source_id = story.add_source(Source(None, "", "Rumour", text, outlet="Rumour Mill",
                                        published_at="2019-02-12"))
    add_report(story, summit, Excerpt(source_id, 0, len(text), text, report_start=FuzzyDate(
        D(2019, 2, 25), D(2019, 2, 26), "days", "February 25 and 26"), report_status="planned"))
    window.select_event(summit)
    summary = window.detail.reports.summary.text()
    assert "Disputed:" in summary and "Rumour Mill, 12 Feb 2019 said 25–26 Feb 2019" in summary
    window.canvas.refresh()
    assert window.canvas.data is not None
    window.as_of.set_day(D(2019, 2, 13))
    window.canvas.refresh()
    assert _item(window, summit).title.endswith("— disputed")


def test_labels_can_say_how_many_sources_report_each_event(qtbot, story: Store, window):
    summit = _id(story, SUMMIT)
    window.as_of.act_sources.trigger()
    window.canvas.refresh()
    sources = len({r.source_id for r in reports_of(story, summit)})
    assert sources >= 5 and _item(window, summit).title.endswith(f"· {sources} sources")
    missile = _id(story, "seed-missile-defense-review-2019")
    assert _item(window, missile).title.endswith("· 1 source")
    window.as_of.act_sources.trigger()
    window.canvas.refresh()
    assert "source" not in _item(window, summit).title


def test_a_disputed_event_is_marked_in_the_timeline_and_table(qtbot, story: Store, window):
    from tracker.model.entities import Excerpt, Source
    from tracker.model.fuzzydate import FuzzyDate
    from tracker.store.reports import add_report

    summit = _id(story, SUMMIT)
    text = "The summit is now set for March 3."
    sid = story.add_source(Source(None, "", "Rumour", text, outlet="Rumour Mill",
                                  published_at="2019-02-20"))
    add_report(story, summit, Excerpt(sid, 0, len(text), text, report_status="planned",
                                      report_start=FuzzyDate.exact(D(2019, 3, 3), "March 3")))
    window.canvas.refresh()
    assert _item(window, summit).title.endswith("— disputed")
    row = window.model.row_of(summit)
    assert "— disputed" in window.model.index(row, 1).data()


def test_a_change_of_day_moves_the_windows_in_frames(qtbot, story: Store, window):
    from tracker.gui.as_of import TWEEN_FRAMES

    summit = _id(story, SUMMIT)
    control = window.as_of
    control.set_day(D(2019, 1, 19))
    control.finish_tween()
    start = next(i for i in window.canvas.data.items if i.id == summit)
    assert start.start_lo == D(2019, 2, 20).toordinal()
    frames: list[int] = []
    window.canvas.dataChanged.connect(
        lambda data: frames.extend(i.start_lo for i in data.items if i.id == summit))
    control.set_day(D(2019, 2, 9))
    assert control.tween_timer.isActive()
    qtbot.waitUntil(lambda: not control.tween_timer.isActive(), timeout=5000)
    assert frames[0] == D(2019, 2, 20).toordinal() and frames[-1] == D(2019, 2, 27).toordinal()
    assert frames == sorted(frames) and len(set(frames)) > 2  # moved, not jumped
    assert len(frames) <= TWEEN_FRAMES + 2
