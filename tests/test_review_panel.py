"""The review panel, driven as a user would: accept, edit then accept, merge, reject."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import dump
from PySide6.QtCore import Qt

from tracker.article.candidates import find_candidates
from tracker.article.extract import source_from_text
from tracker.gui.review_panel import DECISION, ReviewPanel
from tracker.store import Store

TEXT = ("Envoys prepare Hanoi meeting\n"
        "Kim Jong Un and Donald Trump will meet in Hanoi in late February, the White House "
        "announced Friday. The two leaders first met in Singapore last summer. "
        "Talks continue without any date.")


@pytest.fixture
def panel(qtbot, store: Store):
    source = source_from_text(TEXT, "2019-01-19T08:33:00+05:30", outlet="Test Wire")
    candidates = find_candidates(source, store.actors())
    widget = ReviewPanel(store, source, candidates)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _select(panel: ReviewPanel, words: str) -> int:
    row = next(i for i, c in enumerate(panel.candidates) if c.date.words == words)
    panel.table.selectRow(row)
    return row


def _added(before: dict, after: dict) -> dict[str, int]:
    """How many rows each table gained; fails if any earlier row changed or vanished."""
    out = {}
    for table, rows in before.items():
        assert set(rows) <= set(after[table]), table
        out[table] = len(after[table]) - len(rows)
    return {t: n for t, n in out.items() if n}


def test_opening_the_panel_stores_nothing_and_highlights_every_sentence(qtbot, store: Store):
    before = dump(store.conn)
    source = source_from_text(TEXT, "2019-01-19")
    candidates = find_candidates(source, store.actors())
    panel = ReviewPanel(store, source, candidates)
    qtbot.addWidget(panel)
    assert [c.date.words for c in candidates] == ["in late February", "Friday", "last summer"]
    assert panel.table.rowCount() == 3
    assert panel.table.item(0, 0).text() == "20–28 Feb 2019"
    sentences = {c.span for c in candidates}
    # every pending sentence, plus the current sentence and its date words emphasised
    assert len(panel.highlighted_spans()) == len(sentences) + 2
    assert panel.highlighted_spans()[-1] == candidates[0].date_span
    assert dump(store.conn) == before


def test_accept_as_is_stores_the_source_then_the_event(qtbot, panel: ReviewPanel, store: Store):
    before = dump(store.conn)
    row = _select(panel, "last summer")
    with qtbot.waitSignal(panel.changed):
        qtbot.mouseClick(panel.accept_as_is_button, Qt.MouseButton.LeftButton)
    after = dump(store.conn)
    # the sentence names nobody, so no actor rows
    assert _added(before, after) == {"sources": 1, "events": 1, "excerpts": 1, "events_span": 1}
    event = store.get_event(panel.event_ids[row])
    c = panel.candidates[row]
    assert (event.title, event.start.earliest, event.start.latest, event.start.words) == (
        c.title, dt.date(2018, 6, 1), dt.date(2018, 8, 31), "last summer")
    assert event.location == "Singapore"
    (x,) = event.excerpts
    assert x.valid and x.quote == c.sentence and x.source_id == panel.source_id
    assert panel.decisions[row] == "accepted"
    assert panel.table.item(row, DECISION).text() == "Accepted"
    assert not panel.accept_as_is_button.isEnabled() or panel.current_row() != row
    # a second acceptance reuses the stored source
    _select(panel, "Friday")
    panel.accept_current_as_is()
    assert _added(before, dump(store.conn))["sources"] == 1
    # and both writes undo back to exactly the database we started with
    while panel.undo_stack.canUndo():
        panel.undo_stack.undo()
    assert dump(store.conn) == before


def test_edit_then_accept(qtbot, panel: ReviewPanel, store: Store):
    row = _select(panel, "in late February")
    dialog = panel.accept_current()
    assert dialog is panel.dialog and dialog.windowTitle() == "New Event from Article"
    assert dialog.title_edit.text() == panel.candidates[row].title
    assert dialog.location_edit.text() == "Hanoi"
    dialog.title_edit.clear()
    qtbot.keyClicks(dialog.title_edit, "Hanoi summit")
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData("planned"))
    count = store.count_events()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert store.count_events() == count + 1
    event = store.get_event(panel.event_ids[row])
    assert (event.title, event.status) == ("Hanoi summit", "planned")
    assert (event.start.earliest, event.start.latest) == (dt.date(2019, 2, 20), dt.date(2019, 2, 28))
    assert {"Kim Jong Un", "Donald Trump"} <= {p.actor for p in event.actors}
    assert event.excerpts[0].valid


def test_cancelling_the_editor_stores_nothing(qtbot, panel: ReviewPanel, store: Store):
    before = dump(store.conn)
    _select(panel, "in late February")
    dialog = panel.accept_current()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dump(store.conn) == before
    assert panel.decisions[0] == "pending"


def test_merge_adds_the_sentence_to_an_existing_event(qtbot, panel: ReviewPanel, store: Store):
    singapore = next(e for e in store.list_events() if e.uid == "seed-singapore-summit-2018")
    before = dump(store.conn)
    row = _select(panel, "last summer")
    picker = panel.merge_current()
    # the first stored event whose window overlaps Jun–Aug 2018 is offered first
    assert picker.event_id() is not None
    for i in range(picker.list.count()):
        if picker.list.item(i).data(Qt.ItemDataRole.UserRole) == singapore.id:
            picker.list.setCurrentRow(i)
    qtbot.mouseClick(picker.ok_button, Qt.MouseButton.LeftButton)
    assert _added(before, dump(store.conn)) == {"sources": 1, "excerpts": 1}
    quotes = [x.quote for x in store.get_event(singapore.id).excerpts]
    assert quotes[-1] == panel.candidates[row].sentence
    assert len(quotes) == len(singapore.excerpts) + 1
    assert panel.decisions[row] == "merged"


def test_reject_stores_nothing_and_drops_the_highlight(qtbot, panel: ReviewPanel, store: Store):
    before = dump(store.conn)
    shown = len(panel.highlighted_spans())
    row = _select(panel, "last summer")
    qtbot.mouseClick(panel.reject_button, Qt.MouseButton.LeftButton)
    assert panel.decisions[row] == "rejected"
    assert dump(store.conn) == before
    assert len(panel.highlighted_spans()) == shown - 1  # its sentence is no longer pending
    panel.table.selectRow(row)
    assert not panel.reject_button.isEnabled()


def test_an_article_without_dates_says_so(qtbot, store: Store):
    source = source_from_text("Talks continue. Nobody knows when.", "2019-01-19")
    panel = ReviewPanel(store, source, [])
    qtbot.addWidget(panel)
    assert "No dated events" in panel.message.text()
    assert not panel.accept_button.isEnabled()


def test_the_bundled_article_is_recognised_as_stored(qtbot, store: Store):
    from tracker.article.extract import read_article
    from tracker.bundled import resources_dir

    source = read_article(resources_dir() / "sources" / "ht-2019-01-19-trump-kim-second-summit.txt")
    panel = ReviewPanel(store, source, find_candidates(source, store.actors()))
    qtbot.addWidget(panel)
    assert panel.source_id == store.sources()[0].id
    sources = len(store.sources())
    panel.accept_current_as_is()
    assert len(store.sources()) == sources
