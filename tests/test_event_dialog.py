"""The event editor driven as a user would: typing, clicking, keys; then what it shows and returns."""

from __future__ import annotations

import datetime as dt
import random
import uuid

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import QApplication, QDialog, QLabel

from tracker.gui.event_dialog import EventDialog
from tracker.gui.forms import WARNING_COLOUR
from tracker.model.dateparse import DateSpan, describe_span, parse_date
from tracker.model.entities import Event, Excerpt, Participation
from tracker.model.fuzzydate import DateError
from tracker.store import Store

D = dt.date
REFERENCE = D(2019, 1, 19)  # the bundled article's publication day
# The actor completer's popup is a window of its own; the offscreen platform cannot raise it
# or let it grab the keyboard, and says so. That is the test platform, not the dialog.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")


def _type(qtbot, widget, text: str) -> None:
    """qtbot.keyClicks, plus characters QTest cannot type (it aborts on non-Latin-1, e.g. "–"):
    those arrive as the key event a keyboard layout or input method would send."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def _dialog(qtbot, store: Store, **kwargs) -> EventDialog:
    dialog = EventDialog(store, reference=kwargs.pop("reference", REFERENCE), **kwargs)
    qtbot.addWidget(dialog)
    return dialog


def _shown(qtbot, dialog: EventDialog) -> EventDialog:
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _pick(combo, key: str) -> None:
    combo.setCurrentIndex(combo.findData(key))


def _uid(store: Store, uid: str) -> Event:
    return next(e for e in store.list_events() if e.uid == uid)


def _retype(qtbot, edit, text: str) -> None:
    """Select all and type over it, as a user would."""
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    _type(qtbot, edit, text)


def _is_error(info: QLabel, field) -> bool:
    return info.property("level") == "error" and field.property("invalid") is True


def _fill_hanoi(qtbot, dialog: EventDialog) -> None:
    qtbot.keyClicks(dialog.title_edit, "Hanoi summit")
    _type(qtbot, dialog.date_edit, "27–28 Feb 2019")
    _pick(dialog.status_combo, "occurred")
    _pick(dialog.type_combo, "summit")
    qtbot.keyClicks(dialog.actor_name_edit, "Donald Trump")
    _pick(dialog.actor_role_combo, "participant")
    qtbot.mouseClick(dialog.add_actor_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.actor_name_edit, "Kim Jong Un")
    qtbot.keyClick(dialog.actor_name_edit, Qt.Key.Key_Return)  # Enter adds the typed actor
    qtbot.keyClicks(dialog.location_edit, "Hanoi")
    qtbot.keyClicks(dialog.tags_edit, "summit, nuclear")


# -- a new event ------------------------------------------------------------------------------
def test_new_dialog_starts_empty_with_ok_disabled_and_neutral_hints(qtbot, store: Store):
    dialog = _dialog(qtbot, store)
    assert dialog.windowTitle() == "New Event"
    assert not dialog.ok_button.isEnabled()
    assert dialog.title_info.text() == "A title is required."
    assert dialog.title_info.property("level") == "hint"  # not shouted at before typing
    assert not dialog.title_edit.property("invalid")
    assert set(dialog.problems()) == {"title", "date"}
    assert dialog.status_combo.currentData() == "occurred"
    assert dialog.type_combo.currentData() == "other"
    assert 480 <= dialog.width() <= 600 and 560 <= dialog.height() <= 720


def test_typing_a_valid_event_gives_it_field_by_field(qtbot, store: Store):
    dialog = _dialog(qtbot, store)
    _fill_hanoi(qtbot, dialog)
    assert dialog.ok_button.isEnabled(), dialog.problems()
    assert [dialog.actors_list.item(i).text() for i in range(dialog.actors_list.count())] == [
        "Donald Trump — Participant", "Kim Jong Un — Participant"]
    event = dialog.result_event()
    assert event.id is None
    assert uuid.UUID(event.uid).version == 4
    assert event.title == "Hanoi summit"
    assert (event.start.earliest, event.start.latest) == (D(2019, 2, 27), D(2019, 2, 27))
    assert event.start.words == "27–28 Feb 2019"
    assert event.end is not None
    assert (event.end.earliest, event.end.latest) == (D(2019, 2, 28), D(2019, 2, 28))
    assert event.status == "occurred"
    assert event.type == "summit"
    assert event.actors == [Participation("Donald Trump", "participant"),
                            Participation("Kim Jong Un", "participant")]
    assert event.location == "Hanoi"
    assert event.tags == ["summit", "nuclear"]
    assert event.summary == ""
    assert event.excerpts == [] and event.links == []
    assert event.version == 1


def test_combos_offer_the_vocabularies_by_label_and_store_keys(qtbot, store: Store):
    from tracker.model.vocab import ACTOR_ROLES, EVENT_TYPES, STATUSES

    dialog = _dialog(qtbot, store)
    for combo, vocab in ((dialog.status_combo, STATUSES), (dialog.type_combo, EVENT_TYPES),
                         (dialog.actor_role_combo, ACTOR_ROLES)):
        assert [combo.itemData(i) for i in range(combo.count())] == list(vocab)
        assert [combo.itemText(i) for i in range(combo.count())] == list(vocab.values())
    assert dialog.type_combo.findData("other") >= 0


def test_date_interpretation_is_shown_live(qtbot, store: Store):
    dialog = _dialog(qtbot, store)
    qtbot.keyClicks(dialog.date_edit, "late February 2019")
    expected = describe_span(parse_date("late February 2019", reference=REFERENCE))
    assert dialog.date_info.text() == expected
    assert expected.startswith("late February 2019 → ") and "Feb 2019, part of a month" in expected
    assert dialog.date_info.property("level") == "ok"
    assert "date" not in dialog.problems()


def test_a_range_fills_the_end_which_waits_disabled_until_the_date_is_single(qtbot, store: Store):
    dialog = _dialog(qtbot, store)
    qtbot.keyClicks(dialog.end_edit, "1 Mar 2019")  # the user's own end, kept aside
    _type(qtbot, dialog.date_edit, "27–28 Feb 2019")
    assert dialog.date_info.text() == describe_span(parse_date("27–28 Feb 2019"))
    assert "28 Feb 2019" in dialog.date_info.text()
    assert not dialog.end_edit.isEnabled()
    assert dialog.end_edit.text() == "28 Feb 2019"
    assert "range in the date field" in dialog.end_info.text()
    _retype(qtbot, dialog.date_edit, "27 Feb 2019")
    assert dialog.end_edit.isEnabled()
    assert dialog.end_edit.text() == "1 Mar 2019"
    qtbot.keyClicks(dialog.title_edit, "Summit")
    event = dialog.result_event()
    assert event.end.earliest == D(2019, 3, 1) and event.end.words == "1 Mar 2019"
    assert dialog.end_info.text() == describe_span(DateSpan(event.end))


# -- invalid fields block OK, each with its message, and fixing them re-enables it -------------
def test_empty_title_blocks_ok_until_one_is_typed(qtbot, store: Store):
    dialog = _dialog(qtbot, store)
    _fill_hanoi(qtbot, dialog)
    _retype(qtbot, dialog.title_edit, "")
    assert not dialog.ok_button.isEnabled()
    assert dialog.title_info.text() == "A title is required."
    assert dialog.title_info.isVisibleTo(dialog)
    assert _is_error(dialog.title_info, dialog.title_edit)
    with pytest.raises(ValueError, match="title is required"):
        dialog.result_event()
    qtbot.keyClicks(dialog.title_edit, "Hanoi summit")
    assert dialog.ok_button.isEnabled()
    assert not dialog.title_edit.property("invalid")
    assert not dialog.title_info.isVisibleTo(dialog)


def test_a_date_that_does_not_parse_says_what_is_accepted(qtbot, store: Store):
    dialog = _dialog(qtbot, store)
    _fill_hanoi(qtbot, dialog)
    _retype(qtbot, dialog.date_edit, "Febtober")
    assert not dialog.ok_button.isEnabled()
    with pytest.raises(DateError) as exc:
        parse_date("Febtober", reference=REFERENCE)
    assert dialog.date_info.text() == str(exc.value)
    assert "Febtober" in dialog.date_info.text() and "27–28 Feb 2019" in dialog.date_info.text()
    assert _is_error(dialog.date_info, dialog.date_edit)
    assert dialog.end_edit.isEnabled()  # the range is gone, so the end is the user's again
    _retype(qtbot, dialog.date_edit, "February 2019")
    assert dialog.ok_button.isEnabled()
    assert not dialog.date_edit.property("invalid")


def test_the_error_message_is_drawn_in_the_warning_colour(qtbot, store: Store):
    dialog = _shown(qtbot, _dialog(qtbot, store))
    qtbot.keyClicks(dialog.date_edit, "Febtober")
    colour = dialog.date_info.palette().color(QPalette.ColorRole.WindowText)
    assert colour.name() == WARNING_COLOUR
    _retype(qtbot, dialog.date_edit, "May 2018")
    assert dialog.date_info.palette().color(QPalette.ColorRole.WindowText).name() != WARNING_COLOUR


def test_an_end_before_the_start_blocks_ok(qtbot, store: Store):
    dialog = _dialog(qtbot, store)
    qtbot.keyClicks(dialog.title_edit, "Talks")
    qtbot.keyClicks(dialog.date_edit, "27 Feb 2019")
    qtbot.keyClicks(dialog.end_edit, "1 Feb 2019")
    assert not dialog.ok_button.isEnabled()
    assert "before the start" in dialog.end_info.text()
    assert "1 Feb 2019" in dialog.end_info.text() and "27 Feb 2019" in dialog.end_info.text()
    assert _is_error(dialog.end_info, dialog.end_edit)
    _retype(qtbot, dialog.end_edit, "1 Mar 2019")
    assert dialog.ok_button.isEnabled()
    assert dialog.result_event().end.earliest == D(2019, 3, 1)


def test_a_range_in_the_end_field_is_refused(qtbot, store: Store):
    dialog = _dialog(qtbot, store)
    qtbot.keyClicks(dialog.title_edit, "Talks")
    qtbot.keyClicks(dialog.date_edit, "27 Feb 2019")
    _type(qtbot, dialog.end_edit, "1–2 Mar 2019")
    assert not dialog.ok_button.isEnabled()
    assert _is_error(dialog.end_info, dialog.end_edit) and dialog.end_info.text()


def test_an_overlong_title_blocks_ok(qtbot, store: Store):
    dialog = _dialog(qtbot, store)
    _fill_hanoi(qtbot, dialog)
    dialog.title_edit.setText("x" * 599)
    qtbot.keyClicks(dialog.title_edit, "y")
    assert not dialog.ok_button.isEnabled()
    assert dialog.title_info.text() == "The title is 600 characters long; keep it to 500 or fewer."
    assert _is_error(dialog.title_info, dialog.title_edit)
    dialog.title_edit.setText("x" * 500)
    assert dialog.ok_button.isEnabled()


def test_an_actor_name_typed_but_not_added_is_ignored(qtbot, store: Store):
    dialog = _dialog(qtbot, store)
    _fill_hanoi(qtbot, dialog)
    qtbot.keyClicks(dialog.actor_name_edit, "Moon Jae-in")
    assert dialog.ok_button.isEnabled()
    assert [p.actor for p in dialog.result_event().actors] == ["Donald Trump", "Kim Jong Un"]


def test_the_dialog_never_raises_whatever_is_typed(qtbot, store: Store):
    dialog = _dialog(qtbot, store)
    odd = ["", " ", "\x00", "–", "27–", "–28 Feb 2019", "32 Feb 2019", "2019-13-01", "0000-00-00",
           "9" * 40, "late", "between and", "28–27 Feb 2019", "<b>x</b>", "😀 2019", "\u202e2019",
           "1 Jan 0001", "31 Dec 9999", "31 Dec 9999 – 1 Jan 10000", "Feb 2019 to", "%s %d {}"]
    rng = random.Random(7)
    alphabet = "0123456789 -–/.,:abcdefJFMADSNOlyrt"
    odd += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 20))) for _ in range(150)]
    for text in odd:
        dialog.date_edit.setText(text)
        dialog.end_edit.setText(text[::-1])
        dialog.title_edit.setText(text)
        if dialog.ok_button.isEnabled():
            assert isinstance(dialog.result_event(), Event)
        else:
            assert dialog.problems()


# -- actors and the completer --------------------------------------------------------------
def test_the_completer_offers_known_actors(qtbot, store: Store):
    dialog = _shown(qtbot, _dialog(qtbot, store))
    dialog.actor_name_edit.setFocus()
    qtbot.keyClicks(dialog.actor_name_edit, "Kim")
    completer = dialog.actor_name_edit.completer()
    model = completer.completionModel()
    offered = {model.index(i, 0).data() for i in range(model.rowCount())}
    assert offered == {"Kim Jong Un", "Kim Yong Chol"}
    assert completer.popup().isVisible()
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Escape)  # closes the popup only
    assert not completer.popup().isVisible()
    assert dialog.isVisible()


def test_same_actor_and_role_twice_is_ignored_and_known_spelling_is_reused(qtbot, store: Store):
    dialog = _dialog(qtbot, store)
    for name, role in (("Kim Jong Un", "host"), ("kim  jong un", "host"), ("Kim Jong Un", "visitor"),
                       ("New Envoy", "envoy")):
        _pick(dialog.actor_role_combo, role)
        qtbot.keyClicks(dialog.actor_name_edit, name)
        qtbot.mouseClick(dialog.add_actor_button, Qt.MouseButton.LeftButton)
        assert dialog.actor_name_edit.text() == ""
    assert [dialog.actors_list.item(i).text() for i in range(dialog.actors_list.count())] == [
        "Kim Jong Un — Host", "Kim Jong Un — Visitor", "New Envoy — Envoy"]
    assert not dialog.add_actor_button.isEnabled()  # nothing typed


# -- editing an existing event ------------------------------------------------------------
@pytest.mark.parametrize("reference", [REFERENCE, None])
def test_every_seeded_event_round_trips_unchanged(qtbot, store: Store, reference):
    for original in store.list_events():
        dialog = _dialog(qtbot, store, event=original, reference=reference)
        assert dialog.windowTitle() == f"Edit Event — {original.title}"
        assert dialog.ok_button.isEnabled(), (original.title, dialog.problems())
        assert dialog.result_event() == original


def test_editing_shows_the_fields_of_the_event(qtbot, store: Store):
    summit = _uid(store, "seed-second-summit-2019-02")
    dialog = _dialog(qtbot, store, event=summit)
    assert dialog.title_edit.text() == summit.title
    assert dialog.date_edit.text() == "near the end of February"  # its words parse to its window
    assert "20–28 Feb 2019" in dialog.date_info.text()
    assert dialog.status_combo.currentData() == "planned"
    assert dialog.type_combo.currentData() == "summit"
    assert dialog.location_edit.text() == summit.location
    assert dialog.summary_edit.toPlainText() == summit.summary
    assert dialog.tags_edit.text() == ", ".join(summit.tags)
    assert dialog.actors_list.count() == len(summit.actors)
    assert dialog.excerpts_list.count() == len(summit.excerpts)
    assert summit.excerpts[0].quote in dialog.excerpts_list.item(0).text()
    assert summit.excerpts[0].source_title in dialog.excerpts_list.item(0).text()


def test_the_sources_words_show_and_survive_other_edits(qtbot, store: Store):
    review = _uid(store, "seed-missile-defense-review-2019")  # "on Thursday", 17 Jan 2019
    dialog = _dialog(qtbot, store, event=review)
    # one grammar (issue 16): the editor reads "on Thursday" as article import does
    assert dialog.date_edit.text() == "on Thursday"
    assert "17 Jan 2019" in dialog.date_info.text()
    _retype(qtbot, dialog.location_edit, "The Pentagon")
    edited = dialog.result_event()
    assert edited.start == review.start and edited.start.words == "on Thursday"
    assert edited.location == "The Pentagon"
    assert (edited.id, edited.uid, edited.created_at, edited.version) == (
        review.id, review.uid, review.created_at, review.version)
    _retype(qtbot, dialog.date_edit, "17 January 2019")
    assert dialog.result_event().start.words == "17 January 2019"


def test_removing_an_actor_and_an_excerpt(qtbot, store: Store):
    singapore = _uid(store, "seed-second-summit-2019-02")  # two actors, two excerpts
    assert len(singapore.actors) == 2 and len(singapore.excerpts) == 2
    dialog = _shown(qtbot, _dialog(qtbot, store, event=singapore))
    assert not dialog.remove_actor_button.isEnabled()
    dialog.actors_list.setCurrentRow(0)
    qtbot.mouseClick(dialog.remove_actor_button, Qt.MouseButton.LeftButton)
    dialog.excerpts_list.setCurrentRow(1)
    dialog.excerpts_list.setFocus()
    qtbot.keyClick(dialog.excerpts_list, Qt.Key.Key_Delete)
    edited = dialog.result_event()
    assert edited.actors == singapore.actors[1:]
    assert edited.excerpts == singapore.excerpts[:1]
    assert dialog.actors_list.count() == 1 and dialog.excerpts_list.count() == 1
    dialog.actors_list.setCurrentRow(0)
    qtbot.keyClick(dialog.actors_list, Qt.Key.Key_Delete)
    assert dialog.result_event().actors == []
    assert dialog.isVisible()  # Del did not close anything


def test_excerpts_given_to_a_new_event_show_their_source(qtbot, store: Store):
    source = store.sources()[0]
    start = source.text.index("Kim Yong Chol")
    quote = source.text[start:start + 13]
    dialog = _dialog(qtbot, store, initial_date_text="18 Jan 2019",
                     excerpts=[Excerpt(source.id, start, start + 13, quote)])
    assert dialog.date_info.text().startswith("18 Jan 2019 →")
    assert dialog.excerpts_list.count() == 1
    assert source.title in dialog.excerpts_list.item(0).text()
    assert f"“{quote}”" in dialog.excerpts_list.item(0).text()
    qtbot.keyClicks(dialog.title_edit, "Meeting")
    assert dialog.result_event().excerpts == [Excerpt(source.id, start, start + 13, quote)]


# -- keys, text safety ------------------------------------------------------------------------
def test_enter_presses_ok_only_when_valid_and_esc_cancels(qtbot, store: Store):
    dialog = _shown(qtbot, _dialog(qtbot, store))
    qtbot.keyClicks(dialog.title_edit, "Hanoi summit")
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return)  # no date yet
    assert dialog.isVisible() and dialog.result() == 0
    qtbot.keyClicks(dialog.date_edit, "27 Feb 2019")
    qtbot.keyClicks(dialog.actor_name_edit, "Donald Trump")
    qtbot.keyClick(dialog.actor_name_edit, Qt.Key.Key_Return)  # adds the actor, keeps the dialog
    assert dialog.isVisible() and dialog.actors_list.count() == 1
    qtbot.keyClick(dialog.location_edit, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Accepted

    other = _shown(qtbot, _dialog(qtbot, store))
    qtbot.keyClick(other.title_edit, Qt.Key.Key_Escape)
    assert not other.isVisible()
    assert other.result() == QDialog.DialogCode.Rejected


def test_html_looking_input_is_kept_and_shown_literally(qtbot, store: Store):
    dialog = _dialog(qtbot, store)
    qtbot.keyClicks(dialog.title_edit, "<b>x</b>")
    qtbot.keyClicks(dialog.date_edit, "<i>y</i>")
    assert "<i>y</i>" in dialog.date_info.text()
    _retype(qtbot, dialog.date_edit, "May 2018")
    qtbot.keyClicks(dialog.actor_name_edit, "<img src=x>")
    qtbot.keyClick(dialog.actor_name_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.location_edit, "<b>Hanoi</b>")
    qtbot.keyClicks(dialog.summary_edit, "<script>alert(1)</script>")
    event = dialog.result_event()
    assert event.title == "<b>x</b>"
    assert event.actors == [Participation("<img src=x>", "participant")]
    assert event.location == "<b>Hanoi</b>"
    assert event.summary == "<script>alert(1)</script>"
    for label in dialog.findChildren(QLabel):
        if label.text() and label.buddy() is None:
            assert label.textFormat() == Qt.TextFormat.PlainText, label.text()

    edit = _dialog(qtbot, store, event=event)
    assert edit.windowTitle() == "Edit Event — <b>x</b>"
    assert edit.result_event().title == "<b>x</b>"


@pytest.mark.qt_no_exception_capture  # the app's own hook is what this test is about
def test_a_bug_in_the_date_parser_is_logged_not_shown_as_unreadable(qtbot, store: Store,
                                                                  monkeypatch, tmp_path):
    """Only a date that is not a date (DateError, the calendar's edge) says "could not be
    read"; a bug in the parser goes to the global hook, which logs its traceback, and
    leaves OK disabled instead of keeping the last good date."""
    import sys

    from PySide6.QtWidgets import QMessageBox

    from tracker import logfile
    from tracker.gui import errors, event_dialog

    monkeypatch.setattr(logfile, "log_path", lambda: tmp_path / "tracker.log")
    monkeypatch.setattr(sys, "excepthook", errors.handle_exception)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or 0)
    dialog = _dialog(qtbot, store)
    _type(qtbot, dialog.title_edit, "Hanoi summit")
    _type(qtbot, dialog.date_edit, "27 Feb 2019")
    assert dialog.ok_button.isEnabled()

    def broken(text: str, reference=None):
        raise KeyError("a bug in the parser")

    monkeypatch.setattr(event_dialog, "parse_date", broken)
    _type(qtbot, dialog.date_edit, "x")
    log = (tmp_path / "tracker.log").read_text(encoding="utf-8")
    assert "KeyError: 'a bug in the parser'" in log and "Traceback" in log
    assert shown and shown[0].startswith("KeyError")
    assert "could not be read" not in dialog.date_info.text()
    assert not dialog.ok_button.isEnabled()
    with pytest.raises(ValueError):
        dialog.result_event()
