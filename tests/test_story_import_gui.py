"""Several articles at once in the window (issue 19): files, a folder, a drop; an
undated file asked about once; a cancel that stores nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers import dump
from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QInputDialog
from story_eval import FILES

from tracker.article.story import import_story
from tracker.store.reports import reports_of

SUMMIT = "seed-second-summit-2019-02"


def _summit_reports(store) -> int:
    event_id = store.conn.execute("SELECT id FROM events WHERE uid = ?", (SUMMIT,)).fetchone()[0]
    return len(reports_of(store, event_id))


def _copy_story(folder: Path) -> list[Path]:
    folder.mkdir()
    out = []
    for f in FILES:
        for suffix in (".txt", ".json"):
            shutil.copy(f.with_suffix(suffix), folder / f.with_suffix(suffix).name)
        out.append(folder / f.name)
    return out


def test_a_folder_of_articles_becomes_reports_of_the_story(qtbot, window, tmp_path: Path):
    _copy_story(tmp_path / "story")
    before = _summit_reports(window.store)
    sources_before = len(window.store.sources())  # the sample's article and note
    report = window.story_import.import_paths([tmp_path / "story"])
    assert report is not None and report.articles == len(FILES)
    assert report.reports > 0 and report.new_events > 0
    assert _summit_reports(window.store) > before + 2
    assert window.story_import.message.text().startswith(f"Imported {len(FILES)} articles:")
    assert len(window.store.sources()) == sources_before + len(FILES)
    assert window.model.total == window.store.count_events()  # the views were told


def test_dropped_files_are_imported_as_a_story(qtbot, window, tmp_path: Path):
    files = _copy_story(tmp_path / "story")[:3]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in files])
    window.dropEvent(QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime,
                                Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    assert window.story_import.report.articles == 3


def test_an_undated_file_is_asked_about_once(qtbot, window, tmp_path: Path, monkeypatch):
    files = _copy_story(tmp_path / "story")[:2]
    undated = tmp_path / "undated.txt"
    undated.write_text("Talks in Hanoi\nDonald Trump and Kim Jong Un met in Hanoi on Wednesday.",
                       encoding="utf-8")
    asked: list[str] = []

    def answer(parent, title, label, *args, **kwargs):
        asked.append(label)
        return "2019-02-28", True

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(answer))
    report = window.story_import.import_paths([*files, undated])
    assert len(asked) == 1 and "undated.txt" in asked[0]
    assert report.articles == 3
    undated_source = next(s for s in window.store.sources() if s.text.startswith("Talks in Hanoi"))
    assert undated_source.published_at.startswith("2019-02-28")


def test_cancel_leaves_the_database_as_it_was(qtbot, window, tmp_path: Path):
    files = _copy_story(tmp_path / "story")
    before = dump(window.store.conn)

    def cancel() -> None:
        dialog = window.story_import.progress_dialog
        if dialog is not None:
            dialog.cancel()

    # cancel as soon as the dialog exists (it is made before the first article)
    window.story_import.progress_dialog = None
    timer = QTimer()
    timer.timeout.connect(cancel)
    timer.start(1)
    result = window.story_import.import_paths(files)
    timer.stop()
    assert result is None
    assert window.story_import.message.windowTitle() == "Import cancelled"
    assert dump(window.store.conn) == before


def test_import_story_rolls_back_when_cancelled_half_way(store, tmp_path: Path):
    from tracker.article.extract import read_article
    from tracker.article.story import Cancelled

    before = dump(store.conn)
    sources = [read_article(f) for f in FILES]
    calls = []

    def progress(done: int, total: int) -> bool:
        calls.append(done)
        return done < 3  # three articles stored, then cancelled

    try:
        import_story(store, sources, progress=progress)
    except Cancelled:
        pass
    else:
        raise AssertionError("not cancelled")
    assert calls == [0, 1, 2, 3] and dump(store.conn) == before


def test_nothing_to_import_says_so(qtbot, window, tmp_path: Path):
    (tmp_path / "empty").mkdir()
    assert window.story_import.import_paths([tmp_path / "empty"]) is None
    assert window.story_import.message.windowTitle() == "Nothing to import"
