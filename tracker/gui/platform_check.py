"""Say which system packages are missing before Qt aborts the process without a word.

Qt's xcb platform plugin needs libraries that a bare Debian or Ubuntu lacks; when they
are missing, Qt prints a cryptic line and aborts (not an exception Python can catch).
So on Linux, before creating the QApplication, look for them ourselves.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from functools import cache

# library name (as for ctypes.util.find_library) -> Debian/Ubuntu package
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


# ldconfig's tag for libraries of this process's kind (as ctypes.util picks them)
_ABI_TAGS = {"x86_64-64": "libc6,x86-64", "ppc64-64": "libc6,64bit",
             "sparc64-64": "libc6,64bit", "s390x-64": "libc6,64bit", "ia64-64": "libc6,IA-64"}


def _abi_tag() -> str:
    """ldconfig's tag for libraries this process can load, e.g. "libc6,x86-64"."""
    bits = "-64" if sys.maxsize > 2**32 else "-32"
    return _ABI_TAGS.get(os.uname().machine + bits, "libc6")


@cache
def _loader_libraries() -> frozenset[str] | None:
    """File names of the libraries of this machine's kind that the dynamic loader knows
    (``ldconfig -p``), or None when that cannot be asked or lists nothing (musl, a
    container without a loader cache). ctypes.util.find_library runs ldconfig once per
    library: ten runs, a tenth of a second at every start on a desktop."""
    ldconfig = next((p for p in ("/sbin/ldconfig", "/usr/sbin/ldconfig") if os.path.exists(p)),
                    None) or shutil.which("ldconfig")
    if ldconfig is None:
        return None
    try:
        out = subprocess.run([ldconfig, "-p"], capture_output=True, text=True, timeout=10,
                             env={**os.environ, "LC_ALL": "C", "LANG": "C"}).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    tag = "(" + _abi_tag()
    names = frozenset(parts[0] for parts in (line.split() for line in out.splitlines()[1:])
                      if len(parts) >= 2 and parts[1].startswith(tag))
    return names or None


def library_found(name: str) -> bool:
    """Whether ``lib<name>.so`` can be loaded: from one ldconfig listing, else (no
    ldconfig, or not listed) as ctypes.util.find_library finds it."""
    known = _loader_libraries()
    if known is not None and any(f.startswith(f"lib{name}.so") for f in known):
        return True
    import ctypes.util

    return ctypes.util.find_library(name) is not None


def missing_packages() -> list[str]:
    """Debian package names of the xcb libraries that cannot be found."""
    return [pkg for lib, pkg in XCB_LIBRARIES.items() if not library_found(lib)]


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
