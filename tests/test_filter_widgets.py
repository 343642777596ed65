"""Filter chips, the Filter menu's choosers, Arrange Lanes, the legend and the reference
date dialog, driven the way a person uses them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from tracker.gui.filter_bar import FilterBar, shown_text
from tracker.gui.filter_dialogs import ChoiceDialog, DateRangeDialog
from tracker.gui.filter_menu import FilterMenu
from tracker.gui.lanes_dialog import LanesDialog
from tracker.gui.legend import Legend
from tracker.gui.reference_dialog import ReferenceDateDialog
from tracker.model.entities import Source
from tracker.model.filters import Filter, arrange
from tracker.timeline.theme import DARK, LIGHT

HTML_NAME = "<b>Kim</b> & <i>Co</i>"


# --- FilterBar -------------------------------------------------------------------------

@pytest.fixture
def bar(qtbot) -> Iterator[FilterBar]:
    """In a shown window, as the main window holds it: hiding and showing is then real."""
    window = QWidget()
    qtbot.addWidget(window)
    widget = FilterBar(window)
    QVBoxLayout(window).addWidget(widget)
    window.show()
    assert widget.isHidden()  # nothing filtered yet
    yield widget  # the window stays referenced (alive) until the test ends


def test_each_filter_value_is_a_chip_and_removing_one_emits_the_rest(qtbot, bar):
    f = Filter(actors=("Kim Jong Un", "Donald Trump"), statuses=("planned",),
               date_from=dt.date(2019, 1, 1))
    bar.set_filter(f)
    assert bar.isVisible()
    texts = [shown_text(b) for b in bar.chip_buttons()]
    assert texts == ["Actor: Kim Jong Un ✕", "Actor: Donald Trump ✕", "Status: Planned ✕",
                     "From 1 Jan 2019 ✕"]
    assert all(b.toolTip() == "Remove this filter" for b in bar.chip_buttons())
    with qtbot.waitSignal(bar.filterChanged) as signal:
        qtbot.mouseClick(bar.chip_buttons()[0], Qt.MouseButton.LeftButton)
    assert signal.args[0] == Filter(actors=("Donald Trump",), statuses=("planned",),
                                    date_from=dt.date(2019, 1, 1))
    assert [shown_text(b) for b in bar.chip_buttons()] == texts[1:]


def test_clear_all_appears_for_two_chips_and_keeps_the_search(qtbot, bar):
    bar.set_filter(Filter(types=("summit",)))
    assert bar.clear_button.isHidden()
    bar.set_filter(Filter(search="summit", types=("summit",), tags=("letter",)))
    assert not bar.clear_button.isHidden()
    with qtbot.waitSignal(bar.filterChanged) as signal:
        bar.clear_button.click()
    assert signal.args[0] == Filter(search="summit")
    assert bar.chip_buttons() == [] and bar.isHidden()


def test_search_is_not_a_chip(bar):
    bar.set_filter(Filter(search="Hanoi"))
    assert bar.chip_buttons() == [] and bar.isHidden()
    bar.set_filter(Filter(search="Hanoi", tags=("summit",)))
    assert [shown_text(b) for b in bar.chip_buttons()] == ["Tag: summit ✕"]


def test_set_filter_does_not_echo(qtbot, bar):
    with qtbot.assertNotEmitted(bar.filterChanged):
        bar.set_filter(Filter(actors=("Kim Jong Un",)))
        bar.set_filter(Filter())


def test_chips_show_html_and_ampersands_literally(bar):
    f = Filter(actors=(HTML_NAME,), sources=(7,), source_titles={7: "<script>x</script>"})
    bar.set_filter(f)
    texts = [shown_text(b) for b in bar.chip_buttons()]
    assert texts == [f"Actor: {HTML_NAME} ✕", "Source: <script>x</script> ✕"]
    assert "&&" in bar.chip_buttons()[0].text()  # "&" is not eaten as a mnemonic


# --- FilterMenu and its choosers ---------------------------------------------------------

@pytest.fixture
def host(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _menu(store, host, f: Filter) -> tuple[FilterMenu, list[Filter]]:
    state = [f]
    menu = FilterMenu(store, lambda: state[-1], host)
    menu.filterChanged.connect(state.append)
    return menu, state


def _item(dialog: ChoiceDialog, label: str):
    return next(i for i in dialog.items() if i.text() == label)


def test_actor_chooser_prechecks_narrows_and_emits(qtbot, store, host):
    menu, _state = _menu(store, host, Filter(search="x", actors=("Kim Jong Un",)))
    menu.actor_action.trigger()
    dialog = menu.dialog
    assert isinstance(dialog, ChoiceDialog) and dialog.isVisible()
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    assert dialog.checked() == ["Kim Jong Un"]
    qtbot.keyClicks(dialog.search_edit, "trump")
    assert dialog.visible_labels() == ["Donald Trump"]
    _item(dialog, "Donald Trump").setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(menu.filterChanged) as signal:
        dialog.ok_button.click()
    assert signal.args[0] == Filter(search="x", actors=("Donald Trump", "Kim Jong Un"))
    assert menu.dialog is None


def test_type_chooser_shows_labels_and_stores_keys(qtbot, store, host):
    menu, state = _menu(store, host, Filter())
    menu.type_action.trigger()
    dialog = menu.dialog
    assert "Release of detainees" in dialog.visible_labels()
    _item(dialog, "Release of detainees").setCheckState(Qt.CheckState.Checked)
    dialog.ok_button.click()
    assert state[-1] == Filter(types=("release",))


def test_cancel_and_unchanged_ok_emit_nothing(qtbot, store, host):
    menu, _state = _menu(store, host, Filter(statuses=("planned",)))
    with qtbot.assertNotEmitted(menu.filterChanged):
        menu.status_action.trigger()
        menu.dialog.reject()
        menu.status_action.trigger()
        assert menu.dialog.checked() == ["planned"]
        menu.dialog.accept()


def test_source_chooser_stores_ids_with_titles_shown_literally(qtbot, store, host):
    source_id = store.add_source(Source(None, "", "<b>Bold</b> & co", "Some text."))
    menu, state = _menu(store, host, Filter())
    menu.source_action.trigger()
    dialog = menu.dialog
    _item(dialog, "<b>Bold</b> & co").setCheckState(Qt.CheckState.Checked)
    dialog.ok_button.click()
    assert state[-1].sources == (source_id,)
    assert dict(state[-1].chips())[f"source:{source_id}"] == "Source: <b>Bold</b> & co"


def test_html_actor_names_are_listed_literally(qtbot, store, host):
    store.ensure_actor(HTML_NAME)
    menu, state = _menu(store, host, Filter())
    menu.actor_action.trigger()
    qtbot.keyClicks(menu.dialog.search_edit, "<b>")
    assert menu.dialog.visible_labels() == [HTML_NAME]
    menu.dialog.set_checked([HTML_NAME])
    menu.dialog.accept()
    assert state[-1].actors == (HTML_NAME,)


def test_an_active_value_missing_from_the_store_stays_removable(qtbot, store, host):
    menu, state = _menu(store, host, Filter(tags=("gone",)))
    menu.tag_action.trigger()
    assert menu.dialog.checked() == ["gone"]
    menu.dialog.set_checked([])
    menu.dialog.accept()
    assert state[-1] == Filter()


def test_date_range_bad_input_blocks_ok_with_the_message(qtbot, store, host):
    menu, state = _menu(store, host, Filter(date_to=dt.date(2019, 12, 31)))
    menu.date_action.trigger()
    dialog = menu.dialog
    assert isinstance(dialog, DateRangeDialog)
    assert dialog.to_edit.text() == "2019-12-31"
    qtbot.keyClicks(dialog.from_edit, "Feb 2019")
    assert not dialog.ok_button.isEnabled()
    assert "is not a date; use YYYY, YYYY-MM or YYYY-MM-DD" in dialog.from_info.text()
    dialog.from_edit.setText("2019-02")
    dialog.to_edit.setText("2018")
    assert not dialog.ok_button.isEnabled() and "after" in dialog.to_info.text()
    dialog.to_edit.setText("")
    assert dialog.ok_button.isEnabled() and dialog.to_info.text() == "open"
    dialog.ok_button.click()
    assert state[-1] == Filter(date_from=dt.date(2019, 2, 1))


def test_clear_filters_keeps_search(qtbot, store, host):
    menu, state = _menu(store, host, Filter(search="summit", actors=("Kim Jong Un",)))
    assert menu.clear_action.shortcut().toString() == "Ctrl+Shift+L"
    menu.clear_action.trigger()
    assert state[-1] == Filter(search="summit")
    with qtbot.assertNotEmitted(menu.filterChanged):
        menu.clear_action.trigger()


# --- Lanes -------------------------------------------------------------------------------

LANES = [("trump", "Donald Trump"), ("kim", "Kim Jong Un"), ("pompeo", "Mike Pompeo")]


def test_arrange_puts_ordered_keys_first():
    assert arrange(LANES, ["pompeo", "gone", "trump"]) == [
        ("pompeo", "Mike Pompeo"), ("trump", "Donald Trump"), ("kim", "Kim Jong Un")]
    assert arrange(LANES, []) == LANES


def test_lanes_dialog_moves_and_collapses(qtbot):
    dialog = LanesDialog(LANES, ["kim", "elsewhere"], {"pompeo", "hidden"})
    qtbot.addWidget(dialog)
    assert [i.text() for i in dialog.items()] == ["Kim Jong Un", "Donald Trump", "Mike Pompeo"]
    assert not dialog.up_button.isEnabled()
    dialog.list_widget.setCurrentRow(2)
    assert not dialog.down_button.isEnabled()
    dialog.up_button.click()
    assert dialog.result_order() == ["kim", "pompeo", "trump", "elsewhere"]
    dialog.list_widget.setCurrentRow(0)
    dialog.down_button.click()
    assert dialog.result_order()[:3] == ["pompeo", "kim", "trump"]
    assert dialog.result_collapsed() == {"pompeo", "hidden"}
    dialog.items()[0].setCheckState(Qt.CheckState.Checked)
    dialog.items()[2].setCheckState(Qt.CheckState.Unchecked)
    assert dialog.result_collapsed() == {"trump", "hidden"}
    dialog.reset_button.click()
    assert dialog.result_order()[:3] == ["trump", "kim", "pompeo"]
    assert dialog.result_collapsed() == {"hidden"}


def test_lane_labels_are_plain_text(qtbot):
    dialog = LanesDialog([(HTML_NAME, HTML_NAME)], [], set())
    qtbot.addWidget(dialog)
    assert dialog.items()[0].text() == HTML_NAME


# --- Legend ------------------------------------------------------------------------------

def test_legend_shows_only_what_is_present(qtbot):
    legend = Legend(LIGHT)
    qtbot.addWidget(legend)
    assert {e.kind for e in legend.entries()} == {"type", "status", "uncertain", "link"}
    legend.set_present({"visit", "summit"}, {"planned"}, {"announces"}, uncertain=False)
    assert [(e.kind, e.label) for e in legend.entries()] == [
        ("type", "Summit"), ("type", "Visit"), ("status", "Planned"), ("link", "announces")]
    legend.set_present(set(), set(), set())
    assert [e.kind for e in legend.entries()] == ["uncertain"]
    assert legend.sizeHint().height() > 0


def test_legend_wraps_to_its_width(qtbot):
    legend = Legend(LIGHT)
    qtbot.addWidget(legend)
    one_line = legend.sizeHint().height()
    assert legend.heightForWidth(legend.sizeHint().width()) == one_line
    assert legend.heightForWidth(200) > 2 * one_line


def test_legend_paints_theme_colours_and_repaints_on_set_theme(qtbot):
    legend = Legend(LIGHT)
    qtbot.addWidget(legend)
    legend.set_present({"summit"}, set(), set(), uncertain=False)
    legend.resize(legend.sizeHint())
    legend.show()
    qtbot.waitExposed(legend)

    def dot_colour() -> str:
        (_entry, rect), = legend.swatch_rects()
        image = legend.grab().toImage()
        ratio = image.devicePixelRatio()
        c = rect.center()
        return QColor(image.pixel(int(c.x() * ratio), int(c.y() * ratio))).name().upper()

    assert dot_colour() == LIGHT.type_color("summit").upper()
    legend.set_theme(DARK)
    assert dot_colour() == DARK.type_color("summit").upper()


# --- Reference date -----------------------------------------------------------------------

def test_reference_today_by_default_and_source_disabled_without_one(qtbot):
    dialog = ReferenceDateDialog(None, None)
    qtbot.addWidget(dialog)
    assert dialog.today_radio.isChecked() and not dialog.source_radio.isEnabled()
    assert dialog.ok_button.isEnabled() and dialog.reference_date() is None


def test_reference_publication_date(qtbot):
    published = dt.date(2019, 1, 19)
    dialog = ReferenceDateDialog(None, published)
    qtbot.addWidget(dialog)
    assert "19 Jan 2019" in dialog.source_radio.text()
    dialog.source_radio.click()
    assert dialog.reference_date() == published
    again = ReferenceDateDialog(published, published)
    qtbot.addWidget(again)
    assert again.source_radio.isChecked()


def test_reference_other_date_must_be_one_day(qtbot):
    dialog = ReferenceDateDialog(dt.date(2019, 3, 1), dt.date(2019, 1, 19))
    qtbot.addWidget(dialog)
    assert dialog.other_radio.isChecked() and dialog.date_edit.text() == "2019-03-01"
    dialog.date_edit.clear()
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.date_edit, "Feb 2019")
    assert not dialog.ok_button.isEnabled()
    assert "is not one day" in dialog.date_info.text()
    dialog.date_edit.setText("blah")
    assert "not a date I understand" in dialog.date_info.text()
    dialog.date_edit.setText("28 February 2019")
    assert dialog.ok_button.isEnabled() and dialog.date_info.text() == "28 Feb 2019"
    dialog.ok_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.reference_date() == dt.date(2019, 2, 28)


def test_typing_a_date_picks_another_date(qtbot):
    dialog = ReferenceDateDialog(None, None)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.date_edit, "xyz")
    assert dialog.other_radio.isChecked() and not dialog.ok_button.isEnabled()
    dialog.today_radio.click()
    assert dialog.ok_button.isEnabled() and dialog.date_info.isHidden()


def test_chooser_keyboard_narrow_then_step_into_the_list(qtbot, store, host):
    menu, _state = _menu(store, host, Filter())
    menu.status_action.trigger()
    dialog = menu.dialog
    qtbot.keyClicks(dialog.search_edit, "pl")
    assert dialog.visible_labels() == ["Planned"]
    qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Down)
    assert dialog.list_widget.currentItem().text() == "Planned"
    qtbot.keyClick(dialog.list_widget, Qt.Key.Key_Space)
    assert dialog.checked() == ["planned"]


def test_removing_a_chip_by_keyboard_keeps_focus_in_the_row(qtbot, bar):
    bar.set_filter(Filter(tags=("a", "b", "c")))
    qtbot.waitExposed(bar)
    bar.chip_buttons()[1].setFocus()
    qtbot.keyClick(bar.chip_buttons()[1], Qt.Key.Key_Space)
    assert [shown_text(b) for b in bar.chip_buttons()] == ["Tag: a ✕", "Tag: c ✕"]
    assert bar.focusWidget() is bar.chip_buttons()[1]
