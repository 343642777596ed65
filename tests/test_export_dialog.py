"""File → Export Image… driven with qtbot; the files it writes are real images."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


@pytest.fixture
def dialog(qtbot, window, tmp_path: Path):
    from PySide6.QtCore import QSettings

    QSettings().setValue("export/dir", str(tmp_path))
    window.act_export_image.trigger()
    dlg = window.editor.dialog
    assert dlg is not None and dlg.windowTitle() == "Export Image"
    assert dlg.path_edit.text() == str(tmp_path / "timeline.png")
    return dlg


def test_ctrl_e_opens_the_dialog(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.dialog is not None
    assert window.editor.dialog.windowTitle() == "Export Image"


def test_export_current_view_as_png(qtbot, window, dialog, tmp_path: Path):
    dialog.width_px.setValue(1000)
    dialog.height_px.setValue(500)
    dialog.title_edit.setText("Trump–Kim diplomacy")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    out = tmp_path / "timeline.png"
    assert _png_size(out) == (1000, 500)
    assert "Exported 8 events" in window.statusBar().currentMessage()


def test_export_range_as_svg_keeps_text(qtbot, dialog, tmp_path: Path):
    dialog.path_edit.setText(str(tmp_path / "jan.svg"))
    dialog.range_dates.setChecked(True)
    dialog.from_edit.setText("2019-01")
    dialog.to_edit.setText("2019-03")
    dialog.legend_check.setChecked(False)
    assert dialog.ok_button.isEnabled(), dialog.problems()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    svg = (tmp_path / "jan.svg").read_text(encoding="utf-8")
    # as text, on one line or wrapped to two
    words = ("US", "missile", "defense", "review", "unveiled")
    assert all(f">{w}" in svg or f" {w}" in svg for w in words)
    assert "Singapore summit" not in svg


def test_inches_default_to_print_resolution(qtbot, dialog, tmp_path: Path):
    dialog.path_edit.setText(str(tmp_path / "print.png"))
    dialog.range_all.setChecked(True)
    dialog.size_inches.setChecked(True)
    assert dialog.dpi.value() == 300
    dialog.width_in.setValue(4)
    dialog.height_in.setValue(2)
    assert "1200 × 600 pixels" in dialog.size_info.text()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert _png_size(tmp_path / "print.png") == (1200, 600)


@pytest.mark.parametrize(("setup", "message"), [
    (lambda d, tmp: d.path_edit.setText(str(tmp / "x.bmp")), "must end in .png, .svg, .pdf"),
    (lambda d, tmp: d.path_edit.setText(str(tmp / "missing" / "x.png")), "does not exist"),
    (lambda d, tmp: (d.range_dates.setChecked(True), d.from_edit.setText("Febtober")),
     "'Febtober' is not a date"),
    (lambda d, tmp: (d.range_dates.setChecked(True), d.from_edit.setText("2019"),
                     d.to_edit.setText("2018")), "before its start"),
    (lambda d, tmp: (d.size_inches.setChecked(True), d.width_in.setValue(90)),
     "outside 100–20000 px"),
])
def test_bad_choices_block_export(dialog, tmp_path: Path, setup, message):
    setup(dialog, tmp_path)
    assert not dialog.ok_button.isEnabled()
    shown = " ".join(label.text() for label in (dialog.path_info, dialog.range_info,
                                                  dialog.size_info))
    assert message in shown
    assert not list(tmp_path.glob("x.*"))


def test_write_failure_is_reported(qtbot, window, monkeypatch, tmp_path: Path):
    from tracker.image_export import ImageRequest

    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda parent, title, text: said.append(text)))
    blocker = tmp_path / "file"
    blocker.write_text("x")
    window._write_image(ImageRequest(blocker / "x.png"))
    assert said and "Cannot write" in said[0]


def test_export_follows_the_windows_time_scale(qtbot, window, tmp_path: Path):
    import re

    from PySide6.QtCore import QSettings

    QSettings().setValue("export/dir", str(tmp_path))
    window.views.scale_actions["sequential"].trigger()
    window.act_export_image.trigger()
    dialog = window.editor.dialog
    dialog.path_edit.setText(str(tmp_path / "seq.svg"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    svg = (tmp_path / "seq.svg").read_text(encoding="utf-8")
    # a sequence's axis is labelled with its events' dates, "12 Jun 2018"
    assert re.search(r">\s*\d{1,2} (Jan|Feb|May|Jun) 201[89]\s*<", svg)
