"""Files from strangers: links open only for http(s) after asking; text stays text."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from tracker.gui.detail import is_web_url
from tracker.model.entities import Event, Excerpt, Source
from tracker.model.fuzzydate import FuzzyDate


@pytest.mark.parametrize(("url", "ok"), [
    ("https://www.hindustantimes.com/world/x.html", True),
    ("http://example.org/a?b=c", True),
    ("javascript:alert(1)", False),
    ("file:///etc/passwd", False),
    ("ftp://example.org/x", False),
    ("", False),
    ("https://", False),
    ("not a url", False),
])
def test_only_web_addresses_count(url, ok):
    assert is_web_url(url) is ok


def _source_event(store, url: str, title: str = "Report") -> int:
    text = "The talks in Hanoi ended early."
    source_id = store.add_source(Source(None, "", title, text, url=url))
    return store.add_event(Event(None, "", "Hanoi talks end", FuzzyDate.exact(dt.date(2019, 2, 28)),
                                 excerpts=[Excerpt(source_id, 4, 19, "talks in Hanoi ")]))


@pytest.mark.parametrize("answer", [QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No])
def test_links_open_only_after_confirmation(qtbot, window, monkeypatch, answer):
    opened: list[str] = []
    asked: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(
        lambda url: opened.append(url.toString()) or True))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda parent, title, text, *a: asked.append(text) or answer))
    event_id = _source_event(window.store, "https://example.org/hanoi")
    window.select_event(event_id)
    assert window.detail.link_button.isEnabled()
    window.detail.link_button.click()
    assert asked and "https://example.org/hanoi" in asked[0]
    assert opened == (["https://example.org/hanoi"] if answer == QMessageBox.StandardButton.Yes
                      else [])


def test_dangerous_links_are_never_opened(qtbot, window, monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(
        lambda url: opened.append(url.toString()) or True))
    event_id = _source_event(window.store, "javascript:alert(document.cookie)")
    window.select_event(event_id)
    assert not window.detail.link_button.isEnabled()
    assert window.detail.open_source_url() is False
    assert opened == []


def test_html_in_source_titles_and_text_is_shown_literally(qtbot, window):
    event_id = _source_event(window.store, "", title="<script>x</script><b>Bold</b>")
    window.select_event(event_id)
    assert "<script>x</script><b>Bold</b>" in window.detail.source_label.text()
    assert window.detail.source_label.textFormat().name == "PlainText"
    assert "<b>Bold</b>" in window.detail.source_picker.currentText()


def test_message_texts_with_markup_are_shown_literally():
    from PySide6.QtGui import QTextDocument

    from tracker.gui.forms import plain

    assert plain("Cannot open /tmp/data.db") == "Cannot open /tmp/data.db"
    shown = plain("Event '<img src=x><b>bold</b>' was changed\nelsewhere")
    doc = QTextDocument()
    doc.setHtml(shown)
    assert doc.toPlainText() == "Event '<img src=x><b>bold</b>' was changed\nelsewhere"


def test_positions_round_trip_with_characters_outside_the_bmp():
    from tracker.gui.detail import _py_pos, _qt_pos

    text = "Leaders 🙂 met 😀😀 in Hanoi 🇻🇳 today"
    for i in range(len(text) + 1):
        q = _qt_pos(text, i)
        assert q == len(text[:i].encode("utf-16-le")) // 2
        assert _py_pos(text, q) == i
