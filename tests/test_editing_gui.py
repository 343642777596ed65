"""Editing in the window as a person would: dialogs, keys, menus, undo and redo."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import dump, dump_versionless
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMessageBox

from tracker.gui.main_window import MainWindow
from tracker.store import Store
from tracker.timeline.items import MPL_EPOCH_ORDINAL


@pytest.fixture(autouse=True)
def no_message_boxes(monkeypatch):
    """A message box would block the test; record what it would have said instead."""
    said: list[str] = []
    for name in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name,
                            staticmethod(lambda parent, title, text, *a, **k: said.append(text)))
    return said


def _uid(store: Store, uid: str) -> int:
    return next(e.id for e in store.list_events() if e.uid == uid)


def _fill_hanoi(qtbot, dialog) -> None:
    qtbot.keyClicks(dialog.title_edit, "Hanoi summit")
    _fill_hanoi_rest(qtbot, dialog)


def test_add_event_with_ctrl_n_then_undo_and_redo(qtbot, window: MainWindow, store: Store):
    before = dump(store.conn)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.editor.dialog
    assert dialog is not None and dialog.isVisible()
    _fill_hanoi(qtbot, dialog)
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    (hanoi,) = [e for e in store.list_events() if e.title == "Hanoi summit"]
    assert (hanoi.earliest, hanoi.latest) == (dt.date(2019, 2, 27), dt.date(2019, 2, 28))
    assert [(p.actor, p.role) for p in hanoi.actors] == [
        ("Donald Trump", "participant"), ("Kim Jong Un", "participant")]
    # the views follow at once
    assert window.selected_id == hanoi.id
    assert window.model.row_of(hanoi.id) is not None
    assert hanoi.id in {i.id for i in window.canvas.data.items}
    assert window.editor.act_undo.text() == "&Undo Add 'Hanoi summit'"
    after = dump(store.conn)
    window.editor.act_undo.trigger()
    assert dump(store.conn) == before
    assert window.model.row_of(hanoi.id) is None
    assert window.editor.act_redo.text() == "&Redo Add 'Hanoi summit'"
    window.editor.act_redo.trigger()
    assert dump(store.conn) == after


def test_invalid_dialog_writes_nothing(qtbot, window: MainWindow, store: Store):
    before = dump(store.conn)
    dialog = window.editor.new_event()
    qtbot.keyClicks(dialog.title_edit, "Some meeting")
    dialog.date_edit.clear()
    qtbot.keyClicks(dialog.date_edit, "Febtober 2019")
    assert not dialog.ok_button.isEnabled()
    assert "Febtober" in dialog.date_info.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dump(store.conn) == before


def test_edit_with_enter_and_undo(qtbot, window: MainWindow, store: Store):
    meeting = _uid(store, "seed-white-house-meeting-2019-01-18")
    before = dump_versionless(store.conn)
    window.select_event(meeting)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    dialog = window.editor.dialog
    assert dialog is not None and dialog.title_edit.text() == store.get_event(meeting).title
    dialog.title_edit.selectAll()
    qtbot.keyClicks(dialog.title_edit, "Trump meets Kim Yong Chol")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    edited = store.get_event(meeting)
    assert edited.title == "Trump meets Kim Yong Chol"
    assert edited.excerpts and edited.links  # nothing else lost
    assert window.detail.title.text() == "Trump meets Kim Yong Chol"
    assert window.editor.act_undo.text().startswith("&Undo Edit 'Trump meets Kim Yong Chol'")
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert dump_versionless(store.conn) == before  # all but the version, which moved on


def test_delete_key_and_undo_bring_back_every_row(qtbot, window: MainWindow, store: Store):
    summit = _uid(store, "seed-second-summit-2019-02")
    before = dump(store.conn)
    window.select_event(summit)
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_Delete)
    assert all(e.id != summit for e in store.list_events())
    assert window.detail.title.text() == "No event selected"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert dump(store.conn) == before
    qtbot.keyClick(window, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert all(e.id != summit for e in store.list_events())


def test_link_dialog_links_and_undo_unlinks(qtbot, window: MainWindow, store: Store):
    singapore = _uid(store, "seed-singapore-summit-2018")
    review = _uid(store, "seed-missile-defense-review-2019")
    before = dump(store.conn)
    window.select_event(review)
    dialog = window.editor.link_selected()
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("contradicts"))
    assert not dialog.ok_button.isEnabled()
    choice = next(text for text in dialog.choices if "Singapore" in text)
    dialog.target_edit.setText(choice)
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    links = store.get_event(review).links
    assert any(k.kind == "contradicts" and k.to_id == singapore for k in links)
    assert "contradicts → Singapore summit" in window.detail.fields["links"].text()
    window.editor.act_undo.trigger()
    assert dump(store.conn) == before


def _menu_texts(menu) -> list[str]:
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def test_remove_link_from_edit_menu_and_undo_brings_it_back(qtbot, window: MainWindow,
                                                             store: Store):
    summit = _uid(store, "seed-second-summit-2019-02")
    meeting = _uid(store, "seed-white-house-meeting-2019-01-18")
    before = dump(store.conn)
    window.select_event(summit)
    menu = window.editor.unlink_menu
    # Each wrapper held: before PySide6 6.10 a menu() wrapper dies with its QAction's
    edit_action = window.menuBar().actions()[1]
    edit_actions = edit_action.menu().actions()
    assert menu in [a.menu() for a in edit_actions]
    menu.aboutToShow.emit()
    wanted = "Remove: “Trump and Pompeo meet Kim Yong Chol at the White House” announces this"
    assert "Remove: this follows “Singapore summit: Trump and Kim Jong Un”" in _menu_texts(menu)
    next(a for a in menu.actions() if a.text() == wanted).trigger()
    assert not any(k.from_id == meeting and k.kind == "announces"
                   for k in store.get_event(summit).links)
    assert "Pompeo" not in window.detail.fields["links"].text()
    assert "White House announces a second" in window.detail.fields["links"].text()
    assert window.editor.act_undo.text() == (
        "&Undo Unlink 'Trump and Pompeo meet Kim Yong Chol at the White House' announces "
        "'Second Trump–Kim summit'")
    after = dump(store.conn)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert dump(store.conn) == before
    assert "Pompeo" in window.detail.fields["links"].text()
    window.editor.act_redo.trigger()
    assert dump(store.conn) == after


def test_remove_link_from_the_detail_panes_context_menu(qtbot, window: MainWindow, store: Store):
    summit = _uid(store, "seed-second-summit-2019-02")
    singapore = _uid(store, "seed-singapore-summit-2018")
    window.select_event(summit)
    field = window.detail.fields["links"]
    seen: list[list[str]] = []

    def choose() -> None:
        from PySide6.QtWidgets import QApplication

        popup = QApplication.activePopupWidget()
        seen.append(_menu_texts(popup))
        next(a for a in popup.actions() if "Singapore" in a.text()).trigger()
        popup.close()

    from PySide6.QtCore import QTimer

    QTimer.singleShot(50, choose)
    field.customContextMenuRequested.emit(QPoint(5, 5))
    assert seen and len(seen[0]) == 3
    assert not any(k.to_id == singapore for k in store.get_event(summit).links)
    assert "Singapore" not in field.text()
    window.editor.act_undo.trigger()
    assert any(k.to_id == singapore and k.kind == "follows" for k in store.get_event(summit).links)


def test_remove_link_says_why_when_there_is_nothing_or_it_went_elsewhere(
        window: MainWindow, store: Store, db_path, no_message_boxes):
    menu = window.editor.unlink_menu
    window.editor.fill_unlink_menu(menu, None)
    assert _menu_texts(menu) == ["No event selected"] and not menu.actions()[0].isEnabled()
    window.editor.fill_unlink_menu(menu, _uid(store, "seed-detainee-release-2018-05"))
    assert _menu_texts(menu) == ["This event has no links"]
    summit = _uid(store, "seed-second-summit-2019-02")
    window.select_event(summit)
    menu.aboutToShow.emit()
    other = Store.open(db_path)  # another window removes the link meanwhile
    try:
        link = next(k for k in other.get_event(summit).links if k.kind == "follows")
        other.remove_link(other.link_id(link.from_id, link.to_id, link.kind))
    finally:
        other.close()
    next(a for a in menu.actions() if "Singapore" in a.text()).trigger()
    assert no_message_boxes == ["That link is no longer there: another window or the command "
                                "line removed it."]
    assert window.editor.stack.count() == 0


def _select_in_article(window: MainWindow, phrase: str) -> tuple[int, int]:
    article = window.detail.article
    text = article.toPlainText()
    start = text.index(phrase)
    cursor = article.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len(phrase), QTextCursor.MoveMode.KeepAnchor)
    article.setTextCursor(cursor)
    return start, start + len(phrase)


def test_new_event_from_selected_passage(qtbot, window: MainWindow, store: Store):
    phrase = "“We’ve continued to make progress,” Sanders told reporters later"
    start, end = _select_in_article(window, phrase)
    qtbot.keyClick(window, Qt.Key.Key_N,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.editor.dialog
    assert dialog is not None
    assert dialog.excerpts_list.count() == 1
    qtbot.keyClicks(dialog.title_edit, "Sanders: continued progress")
    if not dialog.ok_button.isEnabled():  # no date in this passage: the user types one
        dialog.date_edit.setText("18 Jan 2019")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    (event,) = [e for e in store.list_events() if e.title == "Sanders: continued progress"]
    (excerpt,) = event.excerpts
    assert (excerpt.char_start, excerpt.char_end, excerpt.quote) == (start, end, phrase)
    assert excerpt.valid


def test_selection_date_is_guessed_from_the_publication_date(qtbot, window: MainWindow):
    _select_in_article(window, "second summit, which will take place near the end of February")
    dialog = window.editor.new_event_from_selection()
    assert "20–28 Feb 2019" in dialog.date_info.text()


def test_add_selection_as_excerpt_and_undo(qtbot, window: MainWindow, store: Store):
    summit = _uid(store, "seed-second-summit-2019-02")
    window.select_event(summit)
    before = dump_versionless(store.conn)
    phrase = "Trump will hold a second summit with North Korean leader Kim Jong Un"
    _select_in_article(window, phrase)
    window.editor.act_add_excerpt.trigger()
    quotes = [x.quote for x in store.get_event(summit).excerpts]
    assert phrase in quotes
    assert window.detail.excerpt_picker.count() == len(quotes)
    window.editor.act_undo.trigger()
    assert dump_versionless(store.conn) == before


def test_double_click_on_empty_timeline_starts_an_event_there(qtbot, window: MainWindow):
    canvas = window.canvas
    day = dt.date(2018, 10, 15)
    x = day.toordinal() - MPL_EPOCH_ORDINAL + 0.5
    px, py = canvas.ax.transData.transform((x, canvas.ax.get_ylim()[1] * 0.95))
    ratio = canvas.device_pixel_ratio
    qtbot.mouseDClick(canvas, Qt.MouseButton.LeftButton,
                      pos=QPoint(int(px / ratio), int(canvas.height() - py / ratio)))
    dialog = window.editor.dialog
    assert dialog is not None
    assert dialog.date_edit.text() == "15 Oct 2018"


HANOI_REPORT = (
    "Trump and Kim end Hanoi summit without a deal\n\n"
    "HANOI — The second summit between Donald Trump and Kim Jong Un ended abruptly on "
    "Thursday, 28 February 2019, after two days of talks in Hanoi that began on 27 February.\n"
)


def test_the_new_user_walkthrough(qtbot, window: MainWindow, store: Store):
    """Add a pasted source, the Hanoi summit citing it, link the planned summit as
    fulfilled by it, then undo everything and redo everything."""
    before = dump(store.conn)
    planned = _uid(store, "seed-second-summit-2019-02")

    source_dialog = window.editor.add_source()
    source_dialog.title_edit.setText("Trump and Kim end Hanoi summit without a deal")
    source_dialog.outlet_edit.setText("Wire report")
    source_dialog.published_edit.setText("2019-02-28 18:00 +07:00")
    source_dialog.text_edit.setPlainText(HANOI_REPORT)
    assert source_dialog.ok_button.isEnabled(), source_dialog.problems()
    qtbot.mouseClick(source_dialog.ok_button, Qt.MouseButton.LeftButton)
    assert window.detail.source is not None and window.detail.source.outlet == "Wire report"
    assert window.detail.source_picker.count() == len(store.sources())

    phrase = "The second summit between Donald Trump and Kim Jong Un ended abruptly"
    _select_in_article(window, phrase)
    dialog = window.editor.new_event_from_selection()
    qtbot.keyClicks(dialog.title_edit, "Hanoi summit")
    _fill_hanoi_rest(qtbot, dialog)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    (hanoi,) = [e for e in store.list_events() if e.title == "Hanoi summit"]
    assert hanoi.excerpts[0].quote == phrase and hanoi.excerpts[0].valid
    assert hanoi.excerpts[0].source_title == "Trump and Kim end Hanoi summit without a deal"

    link = window.editor.link_selected()
    link.kind_combo.setCurrentIndex(link.kind_combo.findData("fulfils"))
    link.target_edit.setText(next(t for t in link.choices if f"[#{planned}]" in t))
    qtbot.mouseClick(link.ok_button, Qt.MouseButton.LeftButton)
    assert any(k.kind == "fulfils" and k.to_id == planned for k in store.get_event(hanoi.id).links)
    assert "fulfils → Second Trump–Kim summit" in window.detail.fields["links"].text()
    after = dump(store.conn)

    for _ in range(3):
        window.editor.act_undo.trigger()
    assert dump(store.conn) == before
    assert window.model.rowCount() == len(before["events"])
    for _ in range(3):
        window.editor.act_redo.trigger()
    assert dump(store.conn) == after


def _fill_hanoi_rest(qtbot, dialog) -> None:
    dialog.date_edit.setText("27–28 Feb 2019")
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData("occurred"))
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("summit"))
    for name in ("Donald Trump", "Kim Jong Un"):
        dialog.actor_name_edit.setText(name)
        qtbot.mouseClick(dialog.add_actor_button, Qt.MouseButton.LeftButton)
    dialog.location_edit.setText("Hanoi")
    assert dialog.ok_button.isEnabled(), dialog.problems()
