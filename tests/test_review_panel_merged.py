"""A candidate that several sentences report, in the review panel (text written for this test)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tracker.article.candidates import find_candidates
from tracker.article.extract import source_from_text
from tracker.gui.review_panel import ReviewPanel
from tracker.store import Store

TEXT = ("Fisheries talks to resume next week\n"
        "Norwegian and Icelandic negotiators will resume their fisheries talks next week, "
        "officials said. The talks resume next week in Reykjavik, a spokesman confirmed.\n")


def test_accept_as_is_stores_every_sentence_of_a_merged_candidate(qtbot, store: Store):
    source = source_from_text(TEXT, "2021-03-10")
    candidates = find_candidates(source, store.actors())
    assert len(candidates) == 1 and len(candidates[0].spans) == 3
    panel = ReviewPanel(store, source, candidates)
    qtbot.addWidget(panel)
    panel.show()
    panel.table.selectRow(0)
    # all three sentences shown as pending and as the current one, plus the date words
    assert len(panel.highlighted_spans()) == 3 + 3 + 1
    qtbot.mouseClick(panel.accept_as_is_button, Qt.MouseButton.LeftButton)
    (event,) = [e for e in store.list_events() if e.title == candidates[0].title]
    quotes = [x.quote for x in store.get_event(event.id).excerpts]
    assert quotes == [TEXT[a:b] for a, b in sorted(candidates[0].spans)]
    assert all(x.valid for x in store.get_event(event.id).excerpts)


def test_accepting_in_the_panel_stores_states_as_states(qtbot, store: Store):
    source = source_from_text("Norwegian mediators met NATO officials in Oslo on Tuesday.\n", "2021-03-10")
    panel = ReviewPanel(store, source, find_candidates(source, store.actors()))
    qtbot.addWidget(panel)
    panel.show()
    panel.table.selectRow(0)
    qtbot.mouseClick(panel.accept_as_is_button, Qt.MouseButton.LeftButton)
    kinds = {a.name: a.kind for a in store.actors()}
    assert kinds["Norway"] == "state" and kinds["NATO"] == "organisation"
