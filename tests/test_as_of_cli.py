"""`--as-of` for `tracker list` and `tracker export`, `tracker reports` and
`tracker export-series` (issue 19), through the installed command."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest
from conftest import tracker_command
from story_eval import FILES


@pytest.fixture(scope="module")
def story_db(tmp_path_factory) -> Path:
    """The story imported once for this module's tests, which only read it."""
    db = tmp_path_factory.mktemp("story") / "story.db"
    seeded = subprocess.run([*tracker_command(), "seed", "--db", str(db)], capture_output=True,
                            text=True, timeout=300)
    assert seeded.returncode == 0, seeded.stderr
    result = subprocess.run([*tracker_command(), "import-article", *map(str, FILES),
                             "--accept-all", "--db", str(db)], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    return db


def _summit(rows: list[dict]) -> dict:
    return next(r for r in rows if r["uid"] == "seed-second-summit-2019-02")


def test_list_as_of_shows_only_what_was_reported_by_then(run_tracker, story_db: Path):
    def listed(day: str) -> list[dict]:
        result = run_tracker("list", "--as-of", day, "--json", "--db", str(story_db))
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    early, late = listed("2019-01-19"), listed("2019-02-10")
    assert (_summit(early)["start"], _summit(early)["end"]) == ("2019-02-20", "2019-02-28")
    assert (_summit(late)["start"], _summit(late)["end"]) == ("2019-02-27", "2019-02-28")
    assert len(_summit(early)["reports"]) < len(_summit(late)["reports"])
    assert all(r["published_at"][:10] <= "2019-02-10" for r in _summit(late)["reports"])
    assert not any(r["uid"] == "seed-second-summit-2019-02" for r in listed("2019-01-10"))
    assert len(listed("2019-01-10")) < len(early) < len(late)
    table = run_tracker("list", "--as-of", "2019-01-19", "--db", str(story_db)).stdout
    assert "20–28 Feb 2019" in table and "27–28 Feb 2019" not in table


def test_reports_lists_who_said_what_and_when(run_tracker, story_db: Path):
    rows = json.loads(run_tracker("list", "--json", "--db", str(story_db)).stdout)
    summit = _summit(rows)["id"]
    out = run_tracker("reports", str(summit), "--db", str(story_db)).stdout
    lines = out.splitlines()
    assert lines[0].startswith("27–28 Feb 2019, planned")
    assert "Hindustan Times, 19 Jan 2019: 20–28 Feb 2019 “near the end of February”" in out
    assert out.index("Hindustan Times") < out.index("Associated Press") < out.index("Kyodo")
    early = run_tracker("reports", str(summit), "--as-of", "2019-01-19", "--db", str(story_db))
    assert early.stdout.startswith("20–28 Feb 2019, planned")
    missing = run_tracker("reports", "9999", "--db", str(story_db))
    assert missing.returncode != 0 and "no event with id 9999" in missing.stderr


def test_export_as_of_and_a_series_of_images(run_tracker, story_db: Path, tmp_path: Path):
    out = tmp_path / "feb.png"
    result = run_tracker("export", str(out), "--as-of", "2019-02-06", "--sources",
                         "--db", str(story_db))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    folder = tmp_path / "series"
    result = run_tracker("export-series", str(folder), "--db", str(story_db))
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in folder.iterdir())
    # one image per day a cited source appeared: 17 Jan … 28 Feb 2019 (seven days), and
    # the day the sample's public-record note was written, which dates three seed events
    assert names[0] == "001-2019-01-17.png" and names[-2] == "007-2019-02-28.png"
    assert names[-1] == "008-2026-12-03.png" and len(names) == 8
    counts = [int(line.rsplit("(", 1)[1].split()[0]) for line in result.stdout.splitlines()]
    assert counts == sorted(counts) and counts[0] < counts[-1]  # the story grows
    weekly = run_tracker("export-series", str(tmp_path / "weekly"), "--every", "7d",
                         "--from", "2019-01-17", "--to", "2019-02-28", "--format", "svg",
                         "--db", str(story_db))
    assert weekly.returncode == 0, weekly.stderr
    assert len(list((tmp_path / "weekly").glob("*.svg"))) == 7


@pytest.mark.parametrize("args, message", [
    (("list", "--as-of", "yesterday"), "--as-of"),
    (("export", "x.png", "--as-of", "2019-13-40"), "--as-of"),
    (("export-series", "out", "--every", "fortnightly"), "--every"),
    (("export-series", "out", "--from", "2019-03-01", "--to", "2019-01-01"), "--to"),
])
def test_bad_dates_get_one_line_and_a_nonzero_exit(run_tracker, story_db: Path, args, message):
    result = run_tracker(*args, "--db", str(story_db))
    assert result.returncode != 0
    assert message in result.stderr and "Traceback" not in result.stderr


def test_list_marks_a_disputed_event(run_tracker, tmp_path: Path):
    from tracker.model.entities import Excerpt, Source
    from tracker.model.fuzzydate import FuzzyDate
    from tracker.store import Store
    from tracker.store.reports import add_report

    db = tmp_path / "d.db"
    store = Store.open(db, seed=True)
    summit = store.conn.execute(
        "SELECT id FROM events WHERE uid = 'seed-second-summit-2019-02'").fetchone()[0]
    text = "The summit is now set for March 3."
    sid = store.add_source(Source(None, "", "Rumour", text, outlet="Rumour Mill",
                                  published_at="2019-01-25"))
    add_report(store, summit, Excerpt(sid, 0, len(text), text, report_status="planned",
                                      report_start=FuzzyDate.exact(dt.date(2019, 3, 3), "March 3")))
    store.close()
    now = run_tracker("list", "--db", str(db)).stdout
    assert "Second Trump–Kim summit — disputed" in now and "3 Mar 2019" in now
    before = run_tracker("list", "--as-of", "2019-01-20", "--db", str(db)).stdout
    assert "— disputed" not in before and "20–28 Feb 2019" in before
    out = run_tracker("reports", str(summit), "--db", str(db)).stdout
    assert "DISPUTED" in out and "disagree: Hindustan Times, 19 Jan 2019 (20–28 Feb 2019) and " \
        "Rumour Mill, 25 Jan 2019 (3 Mar 2019)" in out
