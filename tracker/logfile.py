"""The app's log file: unexpected errors and Python warnings, kept out of the terminal.

Qt-free, so the command line and the window write to the same file (``tracker.log`` in
the user data folder, beside the default database).
"""

from __future__ import annotations

import datetime as dt
import traceback
import warnings
from pathlib import Path
from types import TracebackType


def log_path() -> Path:
    from platformdirs import user_data_path

    from tracker.store.db import APP_NAME

    return user_data_path(APP_NAME, appauthor=False) / "tracker.log"


def append(text: str) -> Path:
    """Add a dated entry; a log that cannot be written is skipped, never raised from."""
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8", errors="backslashreplace") as fh:
            fh.write(f"--- {dt.datetime.now().isoformat(timespec='seconds')}\n{text}")
    except OSError:
        pass
    return path


def write_exception(kind: type[BaseException], value: BaseException,
                    tb: TracebackType | None) -> Path:
    return append("".join(traceback.format_exception(kind, value, tb)))


def _log_warning(message, category, filename, lineno, file=None, line=None) -> None:
    append(warnings.formatwarning(message, category, filename, lineno, line))


def capture_warnings() -> None:
    """Send Python warnings (matplotlib's missing glyphs, libraries' deprecations) to the
    log: a command's output is for its user, and these name source files of ours."""
    warnings.showwarning = _log_warning
