"""The installed `tracker` command, run in a subprocess from outside the checkout."""

import json
import sqlite3
from pathlib import Path

from tracker.store import SCHEMA_VERSION

KEYS = {"id", "title", "start", "end", "date_text", "precision", "status", "type", "location",
        "actors", "excerpts"}


def test_list_json_on_a_new_database(run_tracker, tmp_path: Path):
    db = tmp_path / "sub" / "t.db"
    assert run_tracker("seed", "--db", str(db)).returncode == 0  # a new file starts empty
    result = run_tracker("list", "--json", "--db", str(db))
    assert result.returncode == 0, result.stderr
    events = json.loads(result.stdout)
    assert db.exists()
    assert len(events) >= 7
    for e in events:
        assert set(e) >= KEYS, e
        assert e["start"] <= e["end"]
        assert all(set(a) == {"name", "role"} for a in e["actors"])
        assert e["excerpts"] and all({"source", "start", "end", "text"} <= set(x) for x in e["excerpts"])
    summit = next(e for e in events if e["date_text"] == "near the end of February")
    assert (summit["start"], summit["end"], summit["status"]) == ("2019-02-20", "2019-02-28", "planned")
    meeting = next(e for e in events if "Kim Yong Chol" in e["title"] and e["type"] == "meeting"
                   and e["start"] == "2019-01-18")
    assert {"name": "Mike Pompeo", "role": "participant"} in meeting["actors"]
    excerpt = meeting["excerpts"][0]
    assert excerpt["source"].startswith("Donald Trump, North Korean leader")
    assert "90-minuted meeting" in excerpt["text"]


def test_list_twice_never_duplicates_and_table_is_readable(run_tracker, seeded_db: Path):
    db = str(seeded_db)
    first = json.loads(run_tracker("list", "--json", "--db", db).stdout)
    seeded = run_tracker("seed", "--db", db)
    assert seeded.returncode == 0 and "Added 0 sources, 0 events, 0 links" in seeded.stdout
    second = json.loads(run_tracker("list", "--json", "--db", db).stdout)
    assert first == second
    table = run_tracker("list", "--db", db)
    assert table.returncode == 0
    assert table.stdout.splitlines()[0].split()[:4] == ["ID", "DATE", "STATUS", "TYPE"]
    assert "20–28 Feb 2019" in table.stdout and "Second Trump–Kim summit" in table.stdout


def test_environment_variable_and_group_option_choose_the_database(run_tracker, tmp_path: Path):
    env_db = tmp_path / "env.db"
    result = run_tracker("info", env={"TRACKER_DB": str(env_db)})
    assert result.returncode == 0, result.stderr
    assert str(env_db) in result.stdout and env_db.exists()
    assert f"schema version: {SCHEMA_VERSION}" in result.stdout
    opt_db = tmp_path / "opt.db"
    assert run_tracker("--db", str(opt_db), "info").returncode == 0
    assert opt_db.exists()


def test_default_database_lives_in_the_user_data_dir(run_tracker, tmp_path: Path):
    data_home = tmp_path / "xdg-data"
    result = run_tracker("info", env={"XDG_DATA_HOME": str(data_home)})
    assert result.returncode == 0, result.stderr
    expected = data_home / "diplomacy-timeline-tracker" / "tracker.db"
    assert expected.exists() and str(expected) in result.stdout


def test_not_a_database_gives_a_clear_error_and_is_untouched(run_tracker, tmp_path: Path):
    notes = tmp_path / "notes.txt"
    notes.write_bytes(b"\x00\x01 binary junk " * 100)
    before = notes.read_bytes()
    result = run_tracker("list", "--db", str(notes))
    assert result.returncode == 1
    assert "not a tracker database" in result.stderr and "Traceback" not in result.stderr
    assert notes.read_bytes() == before
    assert not (tmp_path / "notes.txt-wal").exists()


def test_newer_schema_is_refused(run_tracker, tmp_path: Path):
    db = tmp_path / "t.db"
    assert run_tracker("info", "--db", str(db)).returncode == 0
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    result = run_tracker("list", "--db", str(db))
    assert result.returncode == 1 and "newer version" in result.stderr
    assert "Traceback" not in result.stderr


def test_unwritable_location_is_reported(run_tracker, tmp_path: Path):
    blocker = tmp_path / "afile"
    blocker.write_text("x")
    result = run_tracker("list", "--db", str(blocker / "t.db"))
    assert result.returncode == 1 and "Cannot create the folder" in result.stderr


def test_python_dash_m_works(tmp_path: Path):
    import os
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "tracker", "--version"], cwd=tmp_path,
                            capture_output=True, text=True, env=os.environ.copy())
    assert result.returncode == 0 and "tracker" in result.stdout


def test_source_checkout_finds_its_bundled_data(tmp_path: Path):
    """Run the checkout's code (not the installed copy) from another directory."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    code = ("import tracker, tracker.bundled as b; print(tracker.__file__); "
            "print((b.seed_dir() / 'seed.json').is_file(), (b.resources_dir() / 'sources').is_dir())")
    env = {**os.environ, "PYTHONPATH": str(root)}
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                            text=True, env=env)
    assert result.returncode == 0, result.stderr
    first, second = result.stdout.splitlines()
    assert first.startswith(str(root)) and second == "True True"


def test_list_filters_like_the_window(run_tracker, seeded_db: Path):
    db = str(seeded_db)

    def titles(*args: str) -> list[str]:
        result = run_tracker("list", "--json", "--db", db, *args)
        assert result.returncode == 0, result.stderr
        return [e["title"] for e in json.loads(result.stdout)]

    assert titles("--status", "planned") == ["Second Trump–Kim summit"]
    assert titles("--actor", "Kim Yong Chol", "--from", "2019") == [
        "Trump and Pompeo meet Kim Yong Chol at the White House"]
    assert titles("--search", "danang") == ["Second Trump–Kim summit"]
    assert "Second Trump–Kim summit" in titles("--search", '"second summit"')
    assert titles("--type", "summit", "--to", "2018") == ["Singapore summit: Trump and Kim Jong Un"]
    assert titles("--tag", "detainees") == ["North Korea releases three American detainees"]
    assert titles("--search", "'); DROP TABLE events; --") == []
    assert len(titles()) == 8
    empty = run_tracker("list", "--db", db, "--search", "zzzz")
    assert empty.returncode == 0 and "No events match." in empty.stdout
    bad = run_tracker("list", "--db", db, "--status", "rumoured")
    assert bad.returncode == 2 and "status 'rumoured' is not known" in bad.stderr


def test_export_with_filters_and_lanes(run_tracker, tmp_path: Path, seeded_db: Path):
    out = tmp_path / "lanes.svg"
    result = run_tracker("export", str(out), "--db", str(seeded_db), "--lanes", "actor",
                         "--actor", "Kim Jong Un", "--actor", "Kim Yong Chol")
    assert result.returncode == 0, result.stderr
    svg = out.read_text(encoding="utf-8")
    assert "Kim Yong Chol" in svg and "Singapore summit" in svg
    assert "missile defense review" not in svg  # no Kim among its actors
