"""Helpers shared by tests (imported as `helpers`; tests/ is on sys.path via conftest)."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

TABLES = ("sources", "events", "actors", "event_actors", "excerpts", "links", "event_tags",
          "events_span", "meta")


def dump(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    """Every row of every app table (with rowids), to compare database states exactly."""
    return {t: sorted(conn.execute(f"SELECT rowid, * FROM {t}").fetchall(), key=repr)
            for t in TABLES}


def unfolded(data: bytes) -> bytes:
    """iCalendar content lines unfolded (RFC 5545 section 3.1): icalendar releases fold
    long lines at different places, which changes no value."""
    return data.replace(b"\r\n ", b"")


def dump_versionless(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    """A dump without the events' version column: undo puts back every row as it was
    except the version, which only ever moves forward (so editors elsewhere notice)."""
    rows = dump(conn)
    cols = [d[0] for d in conn.execute("SELECT rowid, * FROM events LIMIT 0").description]
    at = cols.index("version")
    rows["events"] = sorted((r[:at] + r[at + 1:] for r in rows["events"]), key=repr)
    return rows


@contextlib.contextmanager
def read_only_media(path: Path) -> Iterator[None]:
    """The file and its folder report themselves unwritable, as on a read-only mount
    (root, which runs CI here, ignores file permissions, so chmod would prove nothing;
    on a real read-only mount the app takes the same path)."""
    import tracker.store.db as db

    real = os.access
    unwritable = {path.resolve(), path.parent.resolve()}

    def access(p, mode, **kw) -> bool:
        if mode == os.W_OK and Path(p).resolve() in unwritable:
            return False
        return real(p, mode, **kw)

    with mock.patch.object(db.os, "access", access):
        yield


def run_limited(args: list[str], cwd: Path, limit: int) -> subprocess.CompletedProcess:
    """`tracker ARGS` allowed to write files of at most ``limit`` bytes (RLIMIT_FSIZE): the
    nearest thing to a full disk a test can make without mounting one."""
    import resource
    import signal

    from conftest import tracker_command

    def restrict() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a killed process
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run([*tracker_command(), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, preexec_fn=restrict)
