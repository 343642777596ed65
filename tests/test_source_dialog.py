"""The add-source dialog: pasted or opened text, checked fields, and the Source it returns."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel

from tracker.gui.source_dialog import SourceDialog, parse_published, read_text_file

ARTICLE = ("Donald Trump, North Korean leader Kim Jong Un to hold 2nd summit\n\n"
           "President Donald Trump will hold a second summit with Kim Jong Un near the end of "
           "February, the White House said on Friday.\n")


@pytest.fixture
def dialog(qtbot) -> SourceDialog:
    d = SourceDialog()
    qtbot.addWidget(d)
    return d


def _paste(dialog: SourceDialog, text: str) -> None:
    QApplication.clipboard().setText(text)
    dialog.text_edit.setFocus()
    dialog.text_edit.paste()


def _fill(qtbot, dialog: SourceDialog) -> None:
    qtbot.keyClicks(dialog.title_edit, "Trump, Kim to hold 2nd summit")
    qtbot.keyClicks(dialog.outlet_edit, "Hindustan Times")
    qtbot.keyClicks(dialog.url_edit, "https://www.hindustantimes.com/world-news/x.html")
    qtbot.keyClicks(dialog.published_edit, "2019-01-19 08:33 +05:30")
    _paste(dialog, ARTICLE)


def _is_error(info: QLabel, field) -> bool:
    return info.property("level") == "error" and field.property("invalid") is True


def test_a_pasted_article_becomes_a_source(qtbot, dialog: SourceDialog):
    assert not dialog.ok_button.isEnabled()
    assert set(dialog.problems()) == {"title", "published", "text"}
    _fill(qtbot, dialog)
    assert dialog.ok_button.isEnabled(), dialog.problems()
    source = dialog.result_source()
    assert source.id is None
    assert uuid.UUID(source.uid).version == 4
    assert source.title == "Trump, Kim to hold 2nd summit"
    assert source.outlet == "Hindustan Times"
    assert source.url == "https://www.hindustantimes.com/world-news/x.html"
    assert source.published_at == "2019-01-19T08:33:00+05:30"
    assert source.text == ARTICLE
    assert source.kind == "article"
    assert dialog.result_source().uid == source.uid  # one dialog, one source


def test_url_is_optional(qtbot, dialog: SourceDialog):
    _fill(qtbot, dialog)
    dialog.url_edit.clear()
    assert dialog.ok_button.isEnabled()
    assert dialog.result_source().url == ""


@pytest.mark.parametrize("url", ["www.hindustantimes.com", "ftp://example.com/a.txt",
                                 "javascript:alert(1)", "https://", "http://exa mple.com"])
def test_a_bad_url_blocks_ok_until_fixed(qtbot, dialog: SourceDialog, url: str):
    _fill(qtbot, dialog)
    dialog.url_edit.selectAll()
    qtbot.keyClicks(dialog.url_edit, url)
    assert not dialog.ok_button.isEnabled()
    assert "http:// or https://" in dialog.url_info.text()
    assert _is_error(dialog.url_info, dialog.url_edit)
    dialog.url_edit.setText("http://example.com/a")
    assert dialog.ok_button.isEnabled()


def test_a_missing_or_unreadable_date_blocks_ok(qtbot, dialog: SourceDialog):
    _fill(qtbot, dialog)
    dialog.published_edit.selectAll()
    qtbot.keyClick(dialog.published_edit, Qt.Key.Key_Backspace)
    assert not dialog.ok_button.isEnabled()
    assert "publication date is required" in dialog.published_info.text()
    assert _is_error(dialog.published_info, dialog.published_edit)
    qtbot.keyClicks(dialog.published_edit, "19/01/2019")
    assert not dialog.ok_button.isEnabled()
    assert "YYYY-MM-DD" in dialog.published_info.text()
    dialog.published_edit.setText("2019-01-19")
    assert dialog.ok_button.isEnabled()
    assert dialog.result_source().published_at == "2019-01-19"


@pytest.mark.parametrize(("text", "iso"), [
    ("2019-01-19", "2019-01-19"),
    ("2019-01-19 08:33", "2019-01-19T08:33:00"),
    ("2019-01-19 08:33 +05:30", "2019-01-19T08:33:00+05:30"),
    ("2019-01-19T08:33+0530", "2019-01-19T08:33:00+05:30"),
    ("2019-01-19 10:20 -04:00", "2019-01-19T10:20:00-04:00"),
    ("2019-01-19 08:33:05Z", "2019-01-19T08:33:05+00:00"),
])
def test_publication_dates_are_stored_as_iso_8601(text: str, iso: str):
    assert parse_published(text) == iso


@pytest.mark.parametrize("text", ["", "19 Jan 2019", "2019-02-30", "2019-01-19 25:00",
                                  "2019-01-19 08:33 +25:00", "2019-01-19 8"])
def test_bad_publication_dates_say_what_is_accepted(text: str):
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_published(text)


# -- files ---------------------------------------------------------------------------------
def _bad_file(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"{kind}.txt"
    if kind == "binary":
        path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    elif kind == "latin1":
        path.write_bytes("Kim Jong Un’s café, Pyongyang".replace("’", "'").encode("latin-1"))
    elif kind == "utf16":
        path.write_text("Kim Jong Un", encoding="utf-16")
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "blank":
        path.write_text(" \n\t\n", encoding="utf-8")
    elif kind == "huge":
        path.write_bytes(b"a" * (5 * 1024 * 1024 + 1))
    elif kind == "folder":
        path.mkdir()
    return path


BAD_FILES = {
    "missing": "There is no file",
    "binary": "binary file",
    "latin1": "encoding is not UTF-8",
    "utf16": "not UTF-8",
    "empty": "is empty",
    "blank": "is empty",
    "huge": "at most 5 MB",
    "folder": "is a folder",
}


@pytest.mark.parametrize(("kind", "message"), BAD_FILES.items())
def test_read_text_file_refuses_bad_files_with_a_clear_message(tmp_path: Path, kind: str, message: str):
    with pytest.raises(ValueError, match=message):
        read_text_file(_bad_file(tmp_path, kind))


@pytest.mark.parametrize(("kind", "message"), BAD_FILES.items())
def test_a_bad_file_shows_its_message_under_the_text(qtbot, dialog: SourceDialog, tmp_path: Path,
                                                     kind: str, message: str):
    assert not dialog.load_file(_bad_file(tmp_path, kind))
    assert message in dialog.text_info.text()
    assert _is_error(dialog.text_info, dialog.text_edit)
    assert not dialog.ok_button.isEnabled()
    assert dialog.title_edit.text() == ""  # nothing else changed


def test_opening_a_file_fills_text_and_title(qtbot, dialog: SourceDialog, tmp_path: Path):
    path = tmp_path / "trump_kim_second_summit.txt"
    raw = "\ufeffKim\u00a0Jong Un said\r\nthat…\r\n"  # BOM, non-breaking space, CRLF
    path.write_bytes(raw.encode("utf-8"))
    assert read_text_file(path) == "Kim\u00a0Jong Un said\nthat…\n"
    assert dialog.load_file(path)
    assert dialog.title_edit.text() == "trump kim second summit"
    dialog.published_edit.setText("2019-01-19")
    assert dialog.ok_button.isEnabled()
    assert dialog.result_source().text == "Kim\u00a0Jong Un said\nthat…\n"  # nbsp survives


def test_opening_a_file_keeps_a_typed_title_and_clears_an_old_file_error(qtbot, dialog: SourceDialog,
                                                                          tmp_path: Path):
    qtbot.keyClicks(dialog.title_edit, "My title")
    dialog.load_file(_bad_file(tmp_path, "binary"))
    good = tmp_path / "article.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    assert dialog.load_file(good)
    assert dialog.title_edit.text() == "My title"
    assert dialog.text_info.property("level") == "ok"
    assert dialog.text_edit.toPlainText() == ARTICLE


def test_typed_text_keeps_non_breaking_spaces(qtbot, dialog: SourceDialog):
    _fill(qtbot, dialog)
    dialog.text_edit.setPlainText("a\u00a0b\nc")
    assert dialog.result_source().text == "a\u00a0b\nc"


def test_html_looking_input_is_kept_and_labels_are_plain_text(qtbot, dialog: SourceDialog):
    _fill(qtbot, dialog)
    dialog.title_edit.setText("<b>x</b>")
    dialog.url_edit.setText("<a href=x>")
    assert "http://" in dialog.url_info.text()
    for label in dialog.findChildren(QLabel):
        if label.text() and label.buddy() is None:
            assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
    dialog.url_edit.clear()
    assert dialog.result_source().title == "<b>x</b>"


def test_esc_cancels_and_enter_accepts_when_valid(qtbot, dialog: SourceDialog):
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.title_edit, "Title")
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    dialog.published_edit.setText("2019-01-19")
    _paste(dialog, ARTICLE)
    qtbot.keyClick(dialog.published_edit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
