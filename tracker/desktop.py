"""`tracker --install-desktop-entry`: put the app in the Linux desktop's menu.

Writes a freedesktop.org desktop entry and the icon into the user's XDG data folder
($XDG_DATA_HOME, else ~/.local/share), where menus, launchers and taskbars look:

    applications/diplomacy-timeline-tracker.desktop   (resources/desktop/, Exec filled in)
    icons/hicolor/scalable/apps/diplomacy-timeline-tracker.svg
    icons/hicolor/256x256/apps/diplomacy-timeline-tracker.png

Exec names this installation's own `tracker` by its full path, so the entry works even
when the command is in a virtual environment that is not on PATH. Installing again
replaces the files; each is written to a temporary name and renamed, never left half
written. Qt-free, like the rest of the command line.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from tracker.bundled import resources_dir

APP_ID = "diplomacy-timeline-tracker"  # the window's desktop file name (launch.py) too
PNG_SIZES = (16, 32, 48, 64, 128, 256)


class DesktopEntryError(Exception):
    pass


def icon_dir() -> Path:
    return resources_dir() / "icons"


def data_home() -> Path:
    """$XDG_DATA_HOME when it is an absolute path (the spec ignores relative ones)."""
    value = os.environ.get("XDG_DATA_HOME", "")
    if value and Path(value).is_absolute():
        return Path(value)
    return Path.home() / ".local" / "share"


def _quote_exec(path: str) -> str:
    """An Exec argument per the Desktop Entry spec: quoted when it holds reserved
    characters, with backslash, quote, backtick and dollar escaped; % doubled."""
    arg = path.replace("%", "%%")
    if not any(ch in arg for ch in " \t\n\"'\\><~|&;$*?#()`"):
        return arg
    for ch in ("\\", '"', "`", "$"):
        arg = arg.replace(ch, "\\" + ch)
    # In a .desktop file a backslash itself is escaped once more (string values).
    return '"' + arg.replace("\\", "\\\\") + '"'


def tracker_command() -> str:
    """This installation's `tracker` script, by absolute path."""
    beside = Path(sys.executable).with_name("tracker")
    if beside.is_file():
        return str(beside)
    script = Path(sys.argv[0])
    if script.name == "tracker" and script.is_file():
        return str(script.resolve())
    return "tracker"  # found on PATH when the entry runs


def entry_text(command: str) -> str:
    """The bundled entry (resources/desktop/, usable as is by packagers, whose Exec is
    the bare command) with Exec naming ``command``."""
    template = resources_dir() / "desktop" / f"{APP_ID}.desktop"
    try:
        lines = template.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DesktopEntryError(f"The bundled desktop entry is missing ({exc.filename}); "
                                "reinstall the app.") from None
    exec_line = f"Exec={_quote_exec(command)}"
    return "\n".join(exec_line if line.startswith("Exec=") else line for line in lines) + "\n"


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")
    part.write_bytes(data)
    os.replace(part, path)


def install_desktop_entry(home: Path | None = None, command: str | None = None) -> list[Path]:
    """Write the entry and the icons; return the files written."""
    if not sys.platform.startswith("linux"):
        raise DesktopEntryError("--install-desktop-entry is for Linux desktops; on this system "
                                "start the app with the tracker command.")
    home = home or data_home()
    svg = icon_dir() / f"{APP_ID}.svg"
    png = icon_dir() / f"{APP_ID}-256.png"
    targets = [
        (home / "applications" / f"{APP_ID}.desktop",
         entry_text(command or tracker_command()).encode("utf-8")),
    ]
    try:
        targets += [
            (home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg", svg.read_bytes()),
            (home / "icons" / "hicolor" / "256x256" / "apps" / f"{APP_ID}.png", png.read_bytes()),
        ]
    except OSError as exc:
        raise DesktopEntryError(f"The bundled icon is missing ({exc.filename}); "
                                "reinstall the app.") from None
    written = []
    for path, data in targets:
        try:
            _write(path, data)
        except OSError as exc:
            raise DesktopEntryError(f"Cannot write {path}: {exc.strerror or exc}.") from None
        written.append(path)
    return written
