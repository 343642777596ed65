"""One date grammar: the editor, CSV import and `tracker parse-date` accept the words
article import understands (phrases written for these tests)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tracker.gui.event_dialog import EventDialog
from tracker.store import Store


def test_the_editor_accepts_news_words(qtbot, store: Store):
    dialog = EventDialog(store, reference=dt.date(2021, 3, 10))
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.date_edit, "late on Monday")
    assert "8 Mar 2021" in dialog.date_info.text()
    assert "date" not in dialog.problems()


def test_csv_import_accepts_news_words(run_tracker, tmp_path: Path):
    db = tmp_path / "a.db"
    sheet = tmp_path / "news.csv"
    sheet.write_text("title,date_text\nZanzibar talks,June last year\n", encoding="utf-8")
    result = run_tracker("import", str(sheet), "--db", str(db))
    assert result.returncode == 0, result.stderr
    year = dt.date.today().year - 1
    listed = run_tracker("list", "--db", str(db)).stdout
    assert "Zanzibar talks" in listed and f"Jun {year}" in listed


def test_parse_date_needs_no_tense_for_article_words(run_tracker):
    for words, day in (("yesterday evening", "2021-03-09"), ("two days ago", "2021-03-08"),
                       ("late on Tuesday", "2021-03-09")):
        result = run_tracker("parse-date", words, "--reference", "2021-03-10", "--json")
        assert result.returncode == 0, result.stderr
        assert f'"earliest": "{day}"' in result.stdout
