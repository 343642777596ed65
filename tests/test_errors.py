"""The global exception hook: a short dialog, a log entry, and the app goes on."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QMessageBox

from tracker import logfile
from tracker.gui import errors


def test_exception_is_logged_and_shown(qtbot, monkeypatch, tmp_path):
    monkeypatch.setattr(logfile, "log_path", lambda: tmp_path / "logs" / "tracker.log")
    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self) or 0)
    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError:
        errors.handle_exception(*sys.exc_info())
    log = (tmp_path / "logs" / "tracker.log").read_text(encoding="utf-8")
    assert "RuntimeError: boom in a slot" in log and "Traceback" in log
    (box,) = shown
    assert box.text() == "RuntimeError: boom in a slot"
    assert "still running" in box.informativeText()
    assert "Traceback" in box.detailedText()


def test_an_unwritable_log_does_not_raise(qtbot, monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setattr(logfile, "log_path", lambda: blocker / "tracker.log")
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    try:
        raise ValueError("second")
    except ValueError:
        errors.handle_exception(*sys.exc_info())


def test_install_sets_the_hook(monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.__excepthook__)
    errors.install()
    assert sys.excepthook is errors.handle_exception
