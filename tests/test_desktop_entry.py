"""The application icon and the Linux desktop entry (`tracker --install-desktop-entry`)."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tracker.desktop import APP_ID, PNG_SIZES, entry_text, icon_dir


def _entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive in desktop entries
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_install_puts_entry_and_icons_into_xdg_data_home(run_tracker, tmp_path: Path):
    home = tmp_path / "xdg-data"
    result = run_tracker("--install-desktop-entry", env={"XDG_DATA_HOME": str(home)})
    assert result.returncode == 0, result.stderr
    desktop = home / "applications" / f"{APP_ID}.desktop"
    svg = home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    png = home / "icons" / "hicolor" / "256x256" / "apps" / f"{APP_ID}.png"
    for path in (desktop, svg, png):
        assert path.is_file() and str(path) in result.stdout
    entry = _entry(desktop)
    assert entry["Type"] == "Application" and entry["Name"] == "Diplomacy Timeline Tracker"
    assert entry["Icon"] == APP_ID == svg.stem == png.stem
    assert entry["Terminal"] == "false"
    exe = Path(entry["Exec"])  # this installation's own command, by its full path
    assert exe.is_absolute() and exe.name == "tracker" and os.access(exe, os.X_OK)
    assert svg.read_bytes() == (icon_dir() / f"{APP_ID}.svg").read_bytes()
    assert not list(home.rglob("*.part"))  # nothing half written
    validator = shutil.which("desktop-file-validate")  # desktop-file-utils, where installed
    if validator:
        checked = subprocess.run([validator, str(desktop)], capture_output=True, text=True)
        assert checked.returncode == 0 and not checked.stdout.strip(), checked.stdout
    # the installed command starts: its help names the option
    assert "--install-desktop-entry" in run_tracker("--help").stdout
    again = run_tracker("--install-desktop-entry", env={"XDG_DATA_HOME": str(home)})
    assert again.returncode == 0 and _entry(desktop)["Exec"] == entry["Exec"]


def test_an_unwritable_data_folder_is_one_clear_line(run_tracker, tmp_path: Path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    result = run_tracker("--install-desktop-entry", env={"XDG_DATA_HOME": str(blocker)})
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Cannot write" in lines[0] and "Traceback" not in result.stderr


def test_the_bundled_entry_is_the_installed_one_but_for_exec():
    bundled = _entry(icon_dir().parent / "desktop" / f"{APP_ID}.desktop")
    assert bundled["Exec"] == "tracker" and bundled["Icon"] == APP_ID
    assert bundled["StartupWMClass"] == "Diplomacy Timeline Tracker"  # the app's name, WM_CLASS


def test_exec_paths_with_spaces_are_quoted_as_the_spec_says():
    entry = entry_text("/home/a b/venv/bin/tracker")
    assert 'Exec="/home/a b/venv/bin/tracker"' in entry
    assert "Exec=/opt/tracker/bin/tracker\n" in entry_text("/opt/tracker/bin/tracker")
    assert "Exec=/opt/100%%/tracker\n" in entry_text("/opt/100%/tracker")


def test_the_pngs_are_renderings_of_the_svg_at_every_size(qtbot, tmp_path: Path):
    from PySide6.QtGui import QImage

    from tracker.gui.icon import png_path, render_pngs

    fresh = render_pngs(tmp_path)
    for size, path in zip(PNG_SIZES, fresh, strict=True):
        shipped = QImage(str(png_path(size))).convertToFormat(QImage.Format.Format_ARGB32)
        rendered = QImage(str(path)).convertToFormat(QImage.Format.Format_ARGB32)
        assert shipped.width() == shipped.height() == size == rendered.width()
        # another Qt may antialias an edge differently; a changed drawing differs widely
        a, b = bytes(shipped.constBits()), bytes(rendered.constBits())
        off = sum(1 for x, y in zip(a, b, strict=True) if abs(x - y) > 24)
        assert off < len(a) * 0.02, f"{png_path(size).name} is stale: python -m tracker.gui.icon"


def test_window_taskbar_and_about_show_the_icon(qtbot, window):
    from PySide6.QtWidgets import QApplication

    qtbot.waitUntil(lambda: not window.windowIcon().isNull())
    assert 256 in [s.width() for s in window.windowIcon().availableSizes()]
    assert not QApplication.windowIcon().isNull()  # taskbar, dialogs
    about = window._about()
    qtbot.waitExposed(about)
    assert not about.iconPixmap().isNull() and about.iconPixmap().width() == 64
    assert str(window.store.path) in about.text()
    about.close()


def test_other_systems_are_told_the_entry_is_for_linux(monkeypatch, tmp_path: Path):
    import tracker.desktop as desktop

    monkeypatch.setattr(desktop.sys, "platform", "darwin")
    with pytest.raises(desktop.DesktopEntryError, match="for Linux desktops"):
        desktop.install_desktop_entry(tmp_path)
    assert not any(tmp_path.iterdir())  # nothing written
