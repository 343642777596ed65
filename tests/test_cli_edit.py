"""Editing from the command line: same checks as the dialog, nothing written on error."""

import json
import sqlite3
from pathlib import Path

import pytest
from helpers import dump


@pytest.fixture
def db(run_tracker, tmp_path: Path) -> str:
    path = tmp_path / "t.db"
    assert run_tracker("seed", "--db", str(path)).returncode == 0  # a new file starts empty
    return str(path)


def _events(run_tracker, db: str) -> list[dict]:
    return json.loads(run_tracker("list", "--json", "--db", db).stdout)


def test_add_edit_link_delete(run_tracker, db: str):
    result = run_tracker("add", "--db", db, "--title", "Hanoi summit", "--date", "27–28 Feb 2019",
                         "--status", "occurred", "--type", "summit", "--actor", "Donald Trump",
                         "--actor", "Kim Jong Un:participant", "--location", "Hanoi",
                         "--summary", "Ended early without a deal.", "--tag", "summit")
    assert result.returncode == 0, result.stderr
    new_id = int(result.stdout.strip())
    (hanoi,) = [e for e in _events(run_tracker, db) if e["id"] == new_id]
    assert (hanoi["start"], hanoi["end"], hanoi["location"]) == ("2019-02-27", "2019-02-28", "Hanoi")
    assert hanoi["actors"] == [{"name": "Donald Trump", "role": "participant"},
                               {"name": "Kim Jong Un", "role": "participant"}]

    edited = run_tracker("edit", str(new_id), "--db", db, "--title", "Hanoi summit (2nd)",
                         "--actor", "Donald Trump:visitor")
    assert edited.returncode == 0, edited.stderr
    (hanoi,) = [e for e in _events(run_tracker, db) if e["id"] == new_id]
    assert hanoi["title"] == "Hanoi summit (2nd)" and hanoi["location"] == "Hanoi"
    assert hanoi["actors"] == [{"name": "Donald Trump", "role": "visitor"}]

    planned = next(e for e in _events(run_tracker, db) if e["date_text"] == "near the end of February")
    linked = run_tracker("link", str(new_id), str(planned["id"]), "--kind", "fulfils", "--db", db)
    assert linked.returncode == 0, linked.stderr
    (hanoi,) = [e for e in _events(run_tracker, db) if e["id"] == new_id]
    assert {"from": new_id, "to": planned["id"], "kind": "fulfils"} in hanoi["links"]

    deleted = run_tracker("delete", str(new_id), "--db", db)
    assert deleted.returncode == 0 and "Hanoi summit (2nd)" in deleted.stdout
    assert all(e["id"] != new_id for e in _events(run_tracker, db))


@pytest.mark.parametrize(("args", "message"), [
    (["--title", "X", "--date", "Febtober 2019"], "'Febtober 2019' is not a date"),
    (["--title", "", "--date", "2019"], "A title is required"),
    (["--date", "2019"], "A title is required"),
    (["--title", "X"], "A date is required"),
    (["--title", "X", "--date", "2019", "--status", "rumoured"],
     "status 'rumoured' is not known; use one of: occurred"),
    (["--title", "X", "--date", "2019", "--type", "party"], "event type 'party' is not known"),
    (["--title", "X", "--date", "2019", "--actor", "Kim:villain"], "role of 'Kim'"),
    (["--title", "X", "--date", "10 Mar 2019", "--end", "1 Mar 2019"], "is before the start"),
    (["--title", "X", "--date", "31 Feb 2019"], "28 days"),
])
def test_bad_values_are_refused_and_nothing_is_written(run_tracker, db: str, args, message):
    conn = sqlite3.connect(db)
    before = dump(conn)
    result = run_tracker("add", "--db", db, *args)
    assert result.returncode == 2, result.stdout
    assert message in result.stderr and "Traceback" not in result.stderr
    assert dump(conn) == before
    conn.close()


def test_missing_events_and_bad_links(run_tracker, db: str):
    assert "no event with id 9999" in run_tracker("delete", "9999", "--db", db).stderr
    assert run_tracker("edit", "9999", "--title", "x", "--db", db).returncode == 1
    bad_kind = run_tracker("link", "1", "2", "--kind", "causes", "--db", db)
    assert bad_kind.returncode == 2 and "link kind 'causes' is not known" in bad_kind.stderr
    itself = run_tracker("link", "1", "1", "--kind", "follows", "--db", db)
    assert itself.returncode == 1 and "itself" in itself.stderr


def test_parse_date_json(run_tracker):
    result = run_tracker("parse-date", "late February 2019", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["earliest"], data["latest"], data["precision"]) == (
        "2019-02-20", "2019-02-28", "part_of_month")
    relative = json.loads(run_tracker("parse-date", "yesterday", "--reference", "2019-01-19",
                                      "--json").stdout)
    assert relative["earliest"] == relative["latest"] == "2019-01-18"
    bad = run_tracker("parse-date", "Febtober", "--json")
    assert bad.returncode == 2 and "Febtober" in bad.stderr
    human = run_tracker("parse-date", "27–28 Feb 2019")
    assert "27" in human.stdout and "28 Feb 2019" in human.stdout


@pytest.mark.parametrize(("text", "tense", "window"), [
    ("In May", "past", ("2018-05-01", "2018-05-31")),
    ("In May", "future", ("2019-05-01", "2019-05-31")),
    ("Friday", "past", ("2019-01-18", "2019-01-18")),
    ("Friday", "future", ("2019-01-25", "2019-01-25")),
    ("last summer", "past", ("2018-06-01", "2018-08-31")),
    ("near the end of February", "future", ("2019-02-20", "2019-02-28")),
])
def test_parse_date_reads_by_tense_like_an_article(run_tracker, text, tense, window):
    result = run_tracker("parse-date", text, "--reference", "2019-01-19", "--tense", tense,
                         "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["earliest"], data["latest"]) == window
