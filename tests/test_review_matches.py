"""The review panel proposes the stored event a candidate reports (issue 19): shown with
its reasons in words; the user adds it as a report, makes a new event, or picks another."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import dump_versionless
from PySide6.QtCore import Qt

from tracker.article.candidates import find_candidates
from tracker.article.extract import source_from_text
from tracker.gui.review_panel import COLUMNS, ReviewPanel
from tracker.store import Store
from tracker.store.reports import reports_of

TEXT = ("Summit date set\n"
        "Donald Trump and Kim Jong Un will hold their second summit on February 27 and 28 in "
        "Hanoi, the White House said on Friday. The two leaders first met in Singapore last summer.")


@pytest.fixture
def panel(qtbot, store: Store):
    source = source_from_text(TEXT, "2019-02-09T09:00:00+05:30", outlet="Test Wire")
    widget = ReviewPanel(store, source, find_candidates(source, store.actors()))
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _summit(store: Store) -> int:
    return store.conn.execute(
        "SELECT id FROM events WHERE uid = 'seed-second-summit-2019-02'").fetchone()[0]


def _row_reporting(panel: ReviewPanel, event_id: int) -> int:
    return next(r for r, found in enumerate(panel.matches) if found and found[0].event_id == event_id)


def test_the_match_is_shown_with_its_reasons(qtbot, panel: ReviewPanel, store: Store):
    row = _row_reporting(panel, _summit(store))
    panel.table.selectRow(row)
    assert panel.table.item(row, COLUMNS.index("Match")).text().endswith("Second Trump–Kim summit")
    words = panel.match_label.text()
    assert words.startswith("Reports “Second Trump–Kim summit” (20–28 Feb 2019): ")
    assert "same actors (Donald Trump, Kim Jong Un)" in words and "both summits" in words
    assert panel.report_button.isEnabled()


def test_add_as_report_redates_the_event_and_undoes_exactly(qtbot, panel: ReviewPanel, store: Store):
    summit = _summit(store)
    before = dump_versionless(store.conn)
    row = _row_reporting(panel, summit)
    panel.table.selectRow(row)
    with qtbot.waitSignal(panel.changed):
        qtbot.mouseClick(panel.report_button, Qt.MouseButton.LeftButton)
    event = store.get_event(summit)
    # the reader dates "February 27 and 28" from 27 Feb (to 28 Feb when it reads the range)
    assert event.start.earliest == dt.date(2019, 2, 27) and event.latest <= dt.date(2019, 2, 28)
    assert event.location == "Hanoi"
    assert [r.outlet for r in reports_of(store, summit)][-1] == "Test Wire"
    assert panel.decisions[row] == "merged" and panel.event_ids[row] == summit
    while panel.undo_stack.canUndo():
        panel.undo_stack.undo()
    assert dump_versionless(store.conn) == before  # versions only move forward (issue 14)


def test_make_a_new_event_instead(qtbot, panel: ReviewPanel, store: Store):
    summit = _summit(store)
    row = _row_reporting(panel, summit)
    panel.table.selectRow(row)
    count = store.count_events()
    assert panel.accept_current_as_is()
    assert store.count_events() == count + 1 and panel.event_ids[row] != summit
    assert len(reports_of(store, summit)) == 2  # the seed's two passages, nothing added


def test_pick_another_match(qtbot, panel: ReviewPanel, store: Store):
    summit = _summit(store)
    row = _row_reporting(panel, summit)
    panel.table.selectRow(row)
    picker = panel.merge_current()
    first = picker.list.item(0)
    assert first.text().startswith("★ ") and first.data(Qt.ItemDataRole.UserRole) == summit
    assert "same actors" in first.toolTip()
    other = store.conn.execute(
        "SELECT id FROM events WHERE uid = 'seed-white-house-meeting-2019-01-18'").fetchone()[0]
    cited = len(reports_of(store, other))
    for i in range(picker.list.count()):
        if picker.list.item(i).data(Qt.ItemDataRole.UserRole) == other:
            picker.list.setCurrentRow(i)
            break
    qtbot.mouseClick(picker.ok_button, Qt.MouseButton.LeftButton)
    assert panel.event_ids[row] == other
    assert len(reports_of(store, other)) == cited + 1  # the seed's passages and this one


def test_a_candidate_without_a_match_says_so(qtbot, store: Store):
    source = source_from_text("Far away\nThey will meet again on 4 July 2031 in Oslo.",
                              "2030-01-01", outlet="Test Wire")
    panel = ReviewPanel(store, source, find_candidates(source, store.actors()))
    qtbot.addWidget(panel)
    panel.table.selectRow(0)
    assert panel.table.item(0, COLUMNS.index("Match")).text() == "new event"
    assert panel.match_label.text().startswith("No stored event matches")
    assert not panel.report_button.isEnabled()


def test_an_edited_acceptance_keeps_what_the_article_said(qtbot, panel: ReviewPanel, store: Store):
    row = _row_reporting(panel, _summit(store))
    panel.table.selectRow(row)
    said = panel.candidates[row].date
    dialog = panel.accept_current()
    dialog.date_edit.setText("March 2019")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    event_id = panel.event_ids[row]
    assert store.get_event(event_id).start.earliest == dt.date(2019, 3, 1)  # the user's date
    (report,) = reports_of(store, event_id)
    assert (report.start.earliest, report.start.words) == (said.earliest, said.words)
