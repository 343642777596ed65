"""Reading database files without touching them, checking them for damage, and
knowing when they cannot be written."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from tracker.store.errors import disk_full, trouble


def file_uri(path: Path, **params: str) -> str:
    """An SQLite URI for ``path``: the name is percent-encoded, since SQLite decodes
    %HH in URIs and ends the name at "?" or "#" (a file "other%2Edb" is not "other.db")."""
    from urllib.parse import quote, urlencode

    query = f"?{urlencode(params)}" if params else ""
    return f"file:{quote(str(Path(path).absolute()), safe='/')}{query}"


def open_untouched(path: Path) -> sqlite3.Connection:
    """Open a database file for reading without writing anything beside it.

    A file with no -wal beside it is opened immutable: SQLite then creates no -wal or
    -shm file (which a read-only open of a WAL-mode file otherwise leaves behind) and
    reads it even on read-only media. A file with a -wal must be read through it."""
    wal = Path(f"{path}-wal")
    params = {"mode": "ro"} if wal.exists() and wal.stat().st_size else {"immutable": "1"}
    return sqlite3.connect(file_uri(path, **params), uri=True)


def quick_check(conn: sqlite3.Connection, schema: str = "main") -> str | None:
    """SQLite's quick_check (b-tree structure, page and record formats; not index
    contents, which is what makes it fast): None when sound, else its first finding."""
    try:
        rows = conn.execute(f"PRAGMA {schema}.quick_check(1)").fetchall()
    except sqlite3.Error as exc:
        return str(exc)
    found = str(rows[0][0]) if rows else "no answer"
    if found == "ok":
        return None
    found = found.replace(f"*** in database {schema} ***", "")
    return " ".join(found.split())[:200]


def check_live_file(path: Path, started: Callable[[sqlite3.Connection], None]) -> str | None:
    """quick_check a database that is open elsewhere in this process, on a connection of
    its own (for a background thread; ``started`` gets the connection so that it can be
    interrupted). None when sound or interrupted."""
    try:
        conn = sqlite3.connect(file_uri(path, mode="ro"), uri=True, check_same_thread=False)
    except sqlite3.Error:
        return None
    try:
        started(conn)
        rows = conn.execute("PRAGMA quick_check(1)").fetchall()
    except sqlite3.Error as exc:
        return str(exc) if trouble(exc) == "damaged" else None
    finally:
        conn.close()
    found = str(rows[0][0]) if rows else "ok"
    return None if found == "ok" else " ".join(found.replace("*** in database main ***", "").split())


def _writable(path: Path) -> bool:
    """Whether the file and its folder (where SQLite keeps its -wal and -shm files) can
    be written: not on read-only media, not read-only files."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _cannot_write(path: Path) -> str | None:
    """"full" or "readonly" when that is why a database could not be opened for writing."""
    if disk_full(path):
        return "full"
    if not _writable(path):
        return "readonly"
    return None


def _remove_new(path: Path) -> None:
    """Remove what a failed attempt to create a database left (the file did not exist
    before, so whatever is there now is a half-made database of ours)."""
    for name in (str(path), *(f"{path}{side}" for side in ("-wal", "-shm", "-journal"))):
        with contextlib.suppress(OSError):
            Path(name).unlink(missing_ok=True)
