"""Starting the window: a clear word when the display or the database is unusable."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tracker.gui import platform_check


def test_missing_xcb_libraries_are_named_with_their_packages(monkeypatch):
    monkeypatch.setattr(platform_check.sys, "platform", "linux")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(platform_check, "library_found",
                        lambda name: name not in {"xcb-cursor", "xcb-icccm"})
    message = platform_check.display_problem()
    assert message and "sudo apt-get install" in message
    assert "libxcb-cursor0" in message and "libxcb-icccm4" in message
    assert "libxcb-randr0" not in message


def test_no_problem_when_everything_is_there(monkeypatch):
    monkeypatch.setattr(platform_check.sys, "platform", "linux")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(platform_check, "library_found", lambda name: True)
    assert platform_check.display_problem() is None
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.delenv("DISPLAY")
    assert platform_check.display_problem() is None


def test_libraries_are_looked_up_in_one_loader_listing(monkeypatch):
    import ctypes.util

    assert platform_check.library_found("c")  # libc.so.6, in every listing
    assert not platform_check.library_found("surely-no-such-library-xyz")
    if platform_check._loader_libraries() is not None:  # ldconfig answered: no more runs
        monkeypatch.setattr(ctypes.util, "find_library", lambda name: pytest.fail(name))
        assert platform_check.library_found("c")


def test_only_libraries_of_this_machines_kind_count(monkeypatch):
    import subprocess
    from types import SimpleNamespace

    monkeypatch.setattr(platform_check, "_abi_tag", lambda: "libc6,x86-64")  # an x86-64 box

    listing = ("3 libs found in cache `/etc/ld.so.cache'\n"
               "\tlibxcb-cursor.so.0 (libc6) => /usr/lib/i386-linux-gnu/libxcb-cursor.so.0\n"
               "\tlibc.so.6 (libc6,x86-64, OS ABI: Linux 3.2.0) => /lib/x86_64-linux-gnu/libc.so.6\n")
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: SimpleNamespace(stdout=listing))
    platform_check._loader_libraries.cache_clear()
    try:
        assert platform_check._loader_libraries() == frozenset({"libc.so.6"})
        monkeypatch.setattr(subprocess, "run", lambda *a, **k: SimpleNamespace(stdout=""))
        platform_check._loader_libraries.cache_clear()
        assert platform_check._loader_libraries() is None  # nothing listed: ask find_library
    finally:
        platform_check._loader_libraries.cache_clear()


def test_the_command_says_when_there_is_no_display(run_tracker, tmp_path: Path):
    result = run_tracker(env={"TRACKER_DB": str(tmp_path / "t.db")},
                         unset=("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))
    assert result.returncode == 3
    assert "no display found" in result.stderr and "Traceback" not in result.stderr


def test_unopenable_database_shows_a_dialog_and_exits(qtbot, monkeypatch, tmp_path: Path):
    from PySide6.QtWidgets import QMessageBox

    from tracker.gui import launch as launch_module

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "critical",
                        staticmethod(lambda parent, title, text: shown.append((title, text))))
    bad = tmp_path / "photo.db"
    bad.write_bytes(b"\xff\xd8\xff\xe0 not a database" * 10)
    before = bad.read_bytes()
    assert launch_module.launch(bad) == 1
    assert shown and shown[0][0] == "Cannot open database"
    assert "not a tracker database" in shown[0][1]
    assert bad.read_bytes() == before


@pytest.fixture(autouse=True)
def _offscreen_again():
    yield
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
