"""File → Import… / Export Data…, dropped files, the progress dialog and its Cancel."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import dump
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QProgressDialog

from tracker.store import Store

CSV_HEADER = "title,date_text,status,type\n"


def _csv(tmp_path: Path, rows: list[str], name: str = "events.csv") -> Path:
    path = tmp_path / name
    path.write_text(CSV_HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def test_export_then_import_into_another_window(qtbot, window, tmp_path: Path):
    out = tmp_path / "all.json"
    assert window.transfer.export_to(out) == window.store.count_events()
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "diplomacy-timeline-tracker" and len(data["events"]) == 8
    assert "Exported 8 events" in window.statusBar().currentMessage()

    fresh = Store.open(tmp_path / "fresh.db", seed=False)
    from tracker.gui.main_window import MainWindow

    other = MainWindow(fresh)
    qtbot.addWidget(other)
    (report,) = other.transfer.import_paths([out])
    assert report.added == 8 and other.model.rowCount() == 8
    assert "8 added" in other.transfer.message.text()
    other.close()
    fresh.close()


def test_a_bad_record_stops_the_import_unless_skipping(qtbot, window, tmp_path: Path):
    path = _csv(tmp_path, ["Talks resume,2019-03-01,occurred,meeting",
                           "Bad date,Febtober 2019,occurred,meeting"])
    before = dump(window.store.conn)
    assert window.transfer.import_paths([path]) == []
    assert window.transfer.message.windowTitle() == "Import stopped"
    assert "Febtober" in window.transfer.message.text()
    assert dump(window.store.conn) == before

    window.transfer.act_skip_bad.setChecked(True)
    (report,) = window.transfer.import_paths([path])
    assert report.added == 1 and len(report.rejected) == 1
    assert "1 added" in window.transfer.message.text()
    assert "Febtober" in window.transfer.message.detailedText()
    assert any(window.model.rows[i].title == "Talks resume" for i in range(window.model.rowCount()))


@pytest.mark.parametrize(("content", "message"), [
    (b"", "empty"),
    (b"\x00\x01\x02binary", "binary"),
    (b"{not json", "JSON"),
])
def test_unreadable_files_are_explained(qtbot, window, tmp_path: Path, content, message):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    before = dump(window.store.conn)
    assert window.transfer.import_paths([path]) == []
    assert window.transfer.message.windowTitle() == "Cannot import"
    assert message.lower() in window.transfer.message.text().lower()
    assert "bad.json" in window.transfer.message.text()
    assert dump(window.store.conn) == before


def test_cancel_leaves_the_database_as_it_was(qtbot, window, tmp_path: Path):
    path = _csv(tmp_path, [f"Event {i},2019-03-{i % 28 + 1:02d},occurred,meeting"
                           for i in range(1500)])
    before = dump(window.store.conn)

    def press_cancel() -> None:
        for dialog in window.findChildren(QProgressDialog):
            dialog.cancel()

    QTimer.singleShot(0, press_cancel)
    (report,) = window.transfer.import_paths([path])
    assert report.cancelled
    assert window.transfer.message.windowTitle() == "Import cancelled"
    assert dump(window.store.conn) == before


def test_dropping_a_file_imports_it(qtbot, window, tmp_path: Path):
    path = _csv(tmp_path, ["Dropped event,2019-04-01,planned,summit"], "dropped.csv")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier)
    # Qt delivers drag events only during a real drag session (which offscreen tests
    # cannot start), so the window's handlers are called as Qt would call them.
    enter = QDragEnterEvent(QPoint(50, 50), *args)
    enter.ignore()
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    window.dropEvent(QDropEvent(QPointF(50, 50), *args))
    assert any(e.title == "Dropped event" for e in window.store.list_events())
    assert window.transfer.last_report is not None and window.transfer.last_report.added == 1
