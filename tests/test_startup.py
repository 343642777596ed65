"""What the start-up of the window does and leaves out (tracker.gui.launch): mechanisms
only; benchmarks/run.py measures the time."""

from __future__ import annotations

import gc


def test_the_collector_comes_on_after_the_first_paint(qtbot):
    from PySide6.QtWidgets import QWidget

    from tracker.gui.collector import OnAfterFirstPaint

    widget = QWidget()
    qtbot.addWidget(widget)
    gc.disable()
    try:
        hook = OnAfterFirstPaint(widget)
        assert not gc.isenabled()
        widget.show()
        qtbot.waitUntil(lambda: hook.finished, timeout=2000)  # well before FALLBACK_MS
        assert gc.isenabled() and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.enable()


def test_a_failed_launch_leaves_the_collector_on(qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    from tracker.gui import launch as launch_module

    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda *args: None))
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database" * 100)
    assert gc.isenabled()
    assert launch_module.launch(bad) == 1
    assert gc.isenabled()
