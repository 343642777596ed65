"""Durability: a writer killed with SIGKILL at random moments never loses a change it was
told had been committed, and never leaves a damaged database.

A "zygote" process imports the app once and forks one writer per round (so more than a
hundred kills fit in a few seconds). Each writer opens the store itself and commits
adds, edits and deletes in a loop, writing one line per change right after the commit
returns. The test kills it after a random 20–200 ms, then checks the file against what
the writer reported. The seed is fixed, so a failure replays the same schedule.
"""

from __future__ import annotations

import os
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from tracker.store import Store

SEED = 20190227
STARTS = 3  # writer processes started (zygotes)
KILLS_PER_START = 40  # writers forked and killed by each
LIFETIME_MS = (20, 200)

ZYGOTE = textwrap.dedent("""
    import datetime as dt, os, random, sys
    from tracker.model.entities import Event, Participation
    from tracker.model.fuzzydate import FuzzyDate
    from tracker.store import Store

    def say(text):
        os.write(1, (text + "\\n").encode())  # unbuffered: nothing waits in a buffer

    def write_forever(db, seed):
        rng = random.Random(seed)
        say(f"start {os.getpid()}")
        store = Store.open(db, seed=False)
        alive = [(e.id, e.uid) for e in store.list_events()]
        n = 0
        while True:
            r = rng.random()
            if not alive or r < (0.6 if len(alive) < 40 else 0.3):
                uid = f"w{seed}-{n}"
                n += 1
                day = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(2000))
                event = Event(None, uid, f"t-{uid}", FuzzyDate.exact(day),
                              summary="s" * rng.randrange(3000), tags=[f"tag{rng.randrange(5)}"],
                              actors=[Participation(f"Actor {rng.randrange(5)}", "participant")])
                alive.append((store.add_event(event), uid))
                say(f"add {uid} 1 t-{uid}")
            elif r < 0.85:
                event_id, uid = rng.choice(alive)
                event = store.get_event(event_id)
                event.title = f"t-{uid}-{n}"
                n += 1
                store.update_event(event, expected_version=event.version)
                say(f"edit {uid} {event.version + 1} {event.title}")
            else:
                event_id, uid = alive.pop(rng.randrange(len(alive)))
                store.delete_event(event_id)
                say(f"del {uid}")

    say("ready")
    for line in sys.stdin:
        pid = os.fork()
        if pid == 0:
            try:
                write_forever(sys.argv[1], int(line))
            finally:
                os._exit(1)  # only reached if the writer failed; its traceback is on stderr
        _, status = os.waitpid(pid, 0)
        say(f"dead {pid} {status}")
""")

State = dict[str, tuple[int, str]]  # uid -> (version, title)


def _state(db_path: Path) -> State:
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {uid: (version, title) for uid, version, title in
                conn.execute("SELECT uid, version, title FROM events")}
    finally:
        conn.close()


def _expected(before: State, reports: list[str]) -> State:
    state = dict(before)
    for line in reports:
        kind, uid, *rest = line.split(" ")
        if kind == "del":
            assert uid in state, f"the writer deleted {uid}, which was not there: {line}"
            del state[uid]
        else:
            state[uid] = (int(rest[0]), rest[1])
    return state


def _check(before: State, reports: list[str], after: State) -> None:
    """``after`` is what the reports say, plus at most one change that was committed but
    not yet reported when the kill came (an add, an edit one version on, or a delete)."""
    expected = _expected(before, reports)
    diff = {uid: (expected.get(uid), after.get(uid))
            for uid in expected.keys() | after.keys() if expected.get(uid) != after.get(uid)}
    assert len(diff) <= 1, f"changes reported as committed are missing or wrong: {diff}"
    for uid, (want, got) in diff.items():
        if want is None:  # an add in flight
            assert got is not None and got[0] == 1, (uid, want, got)
        elif got is not None:  # an edit in flight
            assert got[0] == want[0] + 1, f"{uid}: reported {want}, found {got}"
        # else: a delete in flight


class _Lines:
    """The zygote's stdout, line by line, with a timeout (a hang fails instead of hanging)."""

    def __init__(self, stream) -> None:
        self.queue: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._pump, args=(stream,), daemon=True).start()

    def _pump(self, stream) -> None:
        for line in stream:
            self.queue.put(line)
        self.queue.put("")

    def next(self) -> str:
        line = self.queue.get(timeout=60)
        assert line.endswith("\n"), f"the writer's output stopped: {line!r}"
        return line.rstrip("\n")


@pytest.mark.slow  # kills writer processes again and again (about 20 s)
def test_writers_killed_at_random_moments_lose_nothing_they_reported(tmp_path: Path):
    db_path = tmp_path / "kill.db"
    Store.open(db_path, seed=False).close()
    rng = random.Random(SEED)
    kills = reported_total = killed_after_a_commit = 0
    state = _state(db_path)
    for start in range(STARTS):
        with (tmp_path / f"zygote-{start}.err").open("w+") as err:
            zygote = subprocess.Popen([sys.executable, "-c", ZYGOTE, str(db_path)],
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err,
                                      text=True, env=os.environ.copy())
            try:
                lines = _Lines(zygote.stdout)
                assert lines.next() == "ready"
                for _ in range(KILLS_PER_START):
                    zygote.stdin.write(f"{rng.randrange(10**9)}\n")
                    zygote.stdin.flush()
                    kind, pid = lines.next().split(" ")
                    assert kind == "start"
                    time.sleep(rng.uniform(*LIFETIME_MS) / 1000)
                    os.kill(int(pid), signal.SIGKILL)
                    reports = []
                    while not (line := lines.next()).startswith("dead "):
                        reports.append(line)
                    status = int(line.split(" ")[2])
                    err.seek(0)
                    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, \
                        f"the writer failed by itself:\n{err.read()}"
                    kills += 1
                    reported_total += len(reports)
                    killed_after_a_commit += bool(reports)

                    after = _state(db_path)  # integrity_check is "ok" (asserted inside)
                    _check(state, reports, after)
                    Store.open(db_path, seed=False).close()  # and the app can still open it
                    state = after
            finally:
                zygote.stdin.close()
                zygote.wait(timeout=30)
    assert kills >= 100
    # The kills really came in the middle of work, not only while a writer was starting.
    assert killed_after_a_commit >= 80, killed_after_a_commit
    assert reported_total >= 1000, reported_total


def test_the_check_catches_a_lost_change():
    """The comparison above fails when a reported change is not in the file."""
    before = {"a": (1, "t-a"), "e": (1, "t-e")}
    reports = ["add b 1 t-b", "edit a 2 t-a-1", "del a", "add c 1 t-c", "edit e 2 t-e-2"]
    done = {"b": (1, "t-b"), "c": (1, "t-c"), "e": (2, "t-e-2")}
    _check(before, reports, done)
    _check(before, reports, {**done, "c": (2, "t-c-9")})  # an edit in flight
    _check(before, reports, {**done, "d": (1, "t-d")})  # an add in flight
    _check(before, reports, {k: v for k, v in done.items() if k != "c"})  # a delete in flight
    for lost in ({**done, "e": (1, "t-e")},  # the reported edit is gone
                 {**done, "a": (2, "t-a-1")},  # the reported delete did not happen
                 {**done, "e": (2, "t-e-other")},  # the edit landed with other data
                 {"c": (1, "t-c"), "e": (2, "t-e-2"), "d": (1, "t-d")}):  # lost + in flight
        try:
            _check(before, reports, lost)
        except AssertionError:
            continue
        raise AssertionError(f"a lost change went unnoticed: {lost}")
