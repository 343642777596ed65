"""Say which system packages are missing before Qt aborts the process without a word.

Qt's xcb platform plugin needs libraries that a bare Debian or Ubuntu lacks; when they
are missing, Qt prints a cryptic line and aborts (not an exception Python can catch).
So on Linux, before creating the QApplication, look for them ourselves.
"""

from __future__ import annotations

import ctypes.util
import os
import sys

# library name for ctypes.util.find_library -> Debian/Ubuntu package
XCB_LIBRARIES: dict[str, str] = {
    "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1",
    "xcb-image": "libxcb-image0",
    "xcb-render-util": "libxcb-render-util0",
    "xcb-xinerama": "libxcb-xinerama0",
    "xcb-randr": "libxcb-randr0",
    "xcb-shape": "libxcb-shape0",
    "xcb-xkb": "libxcb-xkb1",
    "xkbcommon-x11": "libxkbcommon-x11-0",
    "xcb-cursor": "libxcb-cursor0",
}


def _platform_name() -> str:
    explicit = os.environ.get("QT_QPA_PLATFORM", "")
    if explicit:
        return explicit.split(":")[0]
    if os.environ.get("WAYLAND_DISPLAY") and not os.environ.get("DISPLAY"):
        return "wayland"
    return "xcb"


def missing_packages() -> list[str]:
    """Debian package names of the xcb libraries that cannot be found."""
    return [pkg for lib, pkg in XCB_LIBRARIES.items() if ctypes.util.find_library(lib) is None]


def display_problem() -> str | None:
    """A message for people when the window cannot possibly open, else None."""
    if not sys.platform.startswith("linux"):
        return None
    platform = _platform_name()
    if platform != "xcb":
        return None
    if not os.environ.get("DISPLAY"):
        return ("tracker: no display found (DISPLAY is not set), so the window cannot open.\n"
                "Run it in a desktop session, or use the command line: tracker --help")
    missing = missing_packages()
    if missing:
        return ("tracker: the window cannot open because Qt's X11 (xcb) plugin needs system "
                "libraries that are missing.\nInstall them, for example on Debian or Ubuntu:\n"
                f"  sudo apt-get install {' '.join(missing)}\n"
                "The command line works without them: tracker --help")
    return None
