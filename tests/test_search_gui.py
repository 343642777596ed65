"""Search (Ctrl+F) in the window: the table filters, the timeline highlights, Enter
jumps from hit to hit, the article shows the hits."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tracker.store import Store


def _ids(store: Store, *uids: str) -> list[int]:
    by_uid = {e.uid: e.id for e in store.list_events()}
    return [by_uid[u] for u in uids]


def test_search_filters_the_table_and_highlights_the_timeline(qtbot, window, store: Store):
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search.box.hasFocus()
    qtbot.keyClicks(window.search.box, "summit")
    qtbot.waitUntil(lambda: window.model.total < store.count_events(), timeout=2000)
    titles = {window.model.rows[i].title for i in range(window.model.rowCount())}
    assert "Second Trump–Kim summit" in titles
    assert "US missile defense review unveiled" not in titles
    # the timeline still shows everything, with the hits marked
    assert len(window.canvas.data.items) == store.count_events()
    assert window.canvas.highlighted == set(window.search.hits)
    assert window.status_label.text().startswith(
        f"showing {window.model.total} of {store.count_events()} events")


def test_enter_jumps_to_each_hit_and_centres_it(qtbot, window, store: Store):
    window.search.set_text("danang")
    (summit,) = _ids(store, "seed-second-summit-2019-02")
    assert window.search.hits == [summit]
    window.canvas.zoom(20)  # look somewhere else first
    window.canvas.center_on(0)
    window.search.box.setFocus()
    qtbot.keyClick(window.search.box, Qt.Key.Key_Return)
    assert window.selected_id == summit
    event = store.get_event(summit)
    middle = (event.earliest.toordinal() + event.latest.toordinal() + 1) / 2 - 719163
    x0, x1 = window.canvas.view
    assert abs((x0 + x1) / 2 - middle) < (x1 - x0) * 0.05
    # the word is highlighted in the article, beside the cited passage
    text = window.detail.article.toPlainText()
    hits = window.detail.search_hit_ranges()
    assert hits and all(text[a:b].lower() == "danang" for a, b in hits)


def test_enter_cycles_through_several_hits(qtbot, window, store: Store):
    window.search.set_text("Kim Yong Chol")
    assert len(window.search.hits) >= 2
    seen = []
    for _ in range(len(window.search.hits) + 1):
        window.search.next_hit()
        seen.append(window.selected_id)
    assert seen[:-1] == window.search.hits and seen[-1] == window.search.hits[0]


def test_clearing_the_search_shows_everything_again(qtbot, window, store: Store):
    window.search.set_text("detainees")
    assert window.model.total == 1
    window.search.set_text("")
    assert window.model.total == store.count_events()
    assert window.canvas.highlighted == set()
    assert window.detail.search_hit_ranges() == []


def test_typed_operators_never_break_the_search(qtbot, window):
    for text in ['"', "AND", "(", "*", "'); DROP TABLE events; --", "NOT summit"]:
        window.search.set_text(text)
        assert window.model.total >= 0


def test_hits_follow_the_filters(qtbot, window, store: Store):
    from tracker.model.filters import Filter

    window.search.set_text("summit")
    everything = set(window.search.hits)
    window.set_filter(Filter(search="summit", statuses=("planned",)))
    assert set(window.search.hits) < everything
    shown = {window.model.rows[i].id for i in range(window.model.rowCount())}
    assert set(window.search.hits) == shown


def test_the_clear_button_is_set_up_once_the_box_holds_text(qtbot, window, store: Store):
    """Its icon costs the start-up ~16 ms (Qt looks at every image plugin), and an empty
    box never shows it; typed or restored text brings it, and it clears the search."""
    box = window.search.box
    assert not box.isClearButtonEnabled()
    qtbot.keyClicks(box, "summit")
    assert box.isClearButtonEnabled()
    qtbot.waitUntil(lambda: window.model.total < store.count_events(), timeout=2000)
    box.clear()  # what the button does
    window.search.apply()
    assert window.model.total == store.count_events() and box.isClearButtonEnabled()


def test_a_restored_search_has_its_clear_button(qtbot, store: Store):
    from tracker.gui.documents import save_view
    from tracker.gui.main_window import MainWindow

    first = MainWindow(store)
    qtbot.addWidget(first)
    first.search.set_text("summit")
    save_view(first)
    first.close()
    again = MainWindow(store)
    qtbot.addWidget(again)
    assert again.search.box.text() == "summit" and again.search.box.isClearButtonEnabled()
    again.close()
