"""What went wrong with a database file or the machine, in plain words.

SQLite's errors are sorted into a few kinds a person can act on (busy, full, read-only,
damaged, unreadable), and each gets a sentence that says nothing was changed and what
to do.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

BUSY_TIMEOUT_MS = 5000


class StoreError(Exception):
    """Something about the database that a person must be told about, in plain words."""


# SQLite errors that come from the file or the machine (not from the data being written):
# they stop a whole operation, and the person is told what happened in plain words.
_TROUBLE = {
    "busy": ("SQLITE_BUSY", "SQLITE_LOCKED"),
    "full": ("SQLITE_FULL",),
    "readonly": ("SQLITE_READONLY", "SQLITE_PERM", "SQLITE_AUTH"),
    "damaged": ("SQLITE_CORRUPT", "SQLITE_NOTADB"),
    "io": ("SQLITE_IOERR", "SQLITE_CANTOPEN"),
}


def trouble(exc: BaseException) -> str | None:
    """"busy", "full", "readonly", "damaged" or "io" for an error of the file or the
    machine; None for anything else (a constraint the data broke, a bug)."""
    if not isinstance(exc, sqlite3.Error):
        return None
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    for kind, prefixes in _TROUBLE.items():
        if name.startswith(prefixes):
            return kind
    # Errors raised by Python's sqlite3 module itself carry no SQLite code.
    if "database is locked" in text:
        return "busy"
    if "disk is full" in text:
        return "full"
    if "readonly" in text:
        return "readonly"
    if "malformed" in text or "could not decode" in text or "not a database" in text:
        return "damaged"
    if "disk i/o error" in text or "unable to open database file" in text:
        return "io"
    return None


def explain(exc: sqlite3.Error, path: Path | str | None = None) -> str:
    """A sentence for people about an SQLite error, saying that nothing was changed."""
    where = f"The database {path}" if path else "The database"
    kind = trouble(exc)
    if kind == "io" and path is not None and disk_full(Path(path)):
        kind = "full"  # SQLite often reports a full disk as "disk I/O error"
    if kind == "busy":
        return (f"{where} is busy: another tracker window or command is writing to it and "
                f"did not finish within {BUSY_TIMEOUT_MS // 1000} seconds. Nothing was "
                "changed; try again in a moment.")
    if kind == "full":
        return (f"The disk is full: {where[0].lower()}{where[1:]} could not grow to hold the "
                "change. Nothing was changed; free some disk space and try again.")
    if kind == "readonly":
        return (f"{where} is read-only (the file, its folder or the disk cannot be written). "
                "Nothing was changed; copy it somewhere writable or open another file.")
    if kind == "damaged":
        return (f"{where} is damaged ({exc}). It was left as it is; restore a backup "
                "(File → Restore Backup… or tracker restore BACKUP).")
    if kind == "io":
        return (f"{where} could not be read or written ({exc}). Nothing was changed; check "
                "the disk and try again.")
    return f"{where} reported a problem: {exc}. Nothing was changed."


def read_only_message(path: Path | str, why: str) -> str:
    if why == "full":
        return (f"The disk is full: the database {path} was opened to browse and export "
                "only. Nothing was changed; free some disk space and open it again.")
    return (f"The database {path} is on a read-only disk or is a read-only file: it was "
            "opened to browse and export only. Nothing was changed; copy it somewhere "
            "writable to change it.")


def damaged_message(path: Path | str, finding: str) -> str:
    return (f"The database {path} is damaged ({finding[:200]}). It was left as it is; restore "
            "a backup (File → Restore Backup… or tracker restore BACKUP).")


def disk_full(path: Path) -> bool:
    """Whether the disk holding ``path`` has (next to) no space left."""
    import shutil

    try:
        return shutil.disk_usage(path if path.is_dir() else path.parent).free < 64 * 1024
    except OSError:
        return False
