"""A write is one transaction: a process killed in the middle leaves the previous state."""

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from helpers import dump

from tracker.store import Store

KILLER = textwrap.dedent("""
    import datetime as dt, os, signal, sys
    from tracker.model.entities import Event
    from tracker.model.fuzzydate import FuzzyDate
    from tracker.store import Store
    store = Store.open(sys.argv[1])
    with store.db.atomic():
        for i in range(200):
            store._insert_event(Event(None, "", f"half-written {i}", FuzzyDate.exact(dt.date(2020, 1, 1))))
        store.conn.execute("DELETE FROM events WHERE uid LIKE 'seed-%'")
        os.kill(os.getpid(), signal.SIGKILL)
""")


def test_killed_writer_leaves_the_database_as_it_was(db_path: Path):
    Store.open(db_path).close()
    conn = sqlite3.connect(db_path)
    before = dump(conn)
    conn.close()
    result = subprocess.run([sys.executable, "-c", KILLER, str(db_path)], capture_output=True,
                            text=True, timeout=120, env=os.environ.copy())
    assert result.returncode == -signal.SIGKILL, result.stderr
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert dump(conn) == before
    conn.close()
