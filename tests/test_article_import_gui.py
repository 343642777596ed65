"""File → Import Article… in the window: review, accept, undo."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from helpers import dump
from PySide6.QtWidgets import QInputDialog, QMessageBox

from tracker.bundled import resources_dir
from tracker.store import Store

ARTICLE = resources_dir() / "sources" / "ht-2019-01-19-trump-kim-second-summit.txt"


def test_import_the_bundled_article_and_accept_one(qtbot, empty_store: Store):
    from tracker.gui.main_window import MainWindow

    window = MainWindow(empty_store)
    qtbot.addWidget(window)
    window.show()
    before = dump(empty_store.conn)
    panel = window.articles.import_path(ARTICLE)
    assert panel is not None and panel.isVisible()
    assert dump(empty_store.conn) == before  # nothing stored until accepted
    windows = {(c.date.earliest, c.date.latest) for c in panel.candidates}
    assert (dt.date(2019, 2, 20), dt.date(2019, 2, 28)) in windows
    assert (dt.date(2018, 5, 1), dt.date(2018, 5, 31)) in windows
    row = next(i for i, c in enumerate(panel.candidates)
               if (c.date.earliest, c.date.latest) == (dt.date(2019, 2, 20), dt.date(2019, 2, 28)))
    panel.table.selectRow(row)
    assert panel.accept_current_as_is()
    events = empty_store.list_events()
    assert len(events) == 1 and events[0].excerpts and events[0].excerpts[0].valid
    assert window.model.total == 1  # the window followed
    window.editor.act_undo.trigger()
    assert empty_store.count_events() == 0
    window.close()


def test_a_text_without_a_date_asks_for_one(qtbot, window, tmp_path: Path, monkeypatch):
    article = tmp_path / "pasted.txt"
    article.write_text("Envoys met in Geneva on Tuesday and agreed to meet again next month.\n",
                       encoding="utf-8")
    asked: list[str] = []
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(
        lambda parent, title, label, *a, **k: asked.append(label) or ("2019-03-07", True)))
    panel = window.articles.import_path(article)
    assert asked and panel is not None
    found = {(c.date.words, c.date.earliest, c.status) for c in panel.candidates}
    assert found == {("on Tuesday", dt.date(2019, 3, 5), "occurred"),
                     ("next month", dt.date(2019, 4, 1), "planned")}
    panel.close()


def test_a_binary_file_is_refused_clearly(qtbot, window, tmp_path: Path, monkeypatch):
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda parent, title, text: said.append(text)))
    junk = tmp_path / "junk.txt"
    junk.write_bytes(b"\x00\x01\x02" * 100)
    assert window.articles.import_path(junk) is None
    assert said and "junk.txt" in said[0]
