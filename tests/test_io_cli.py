"""`tracker export-data` and `tracker import` through the installed command."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.mark.slow  # a `tracker export` and a `tracker import` per format
@pytest.mark.parametrize("name", ["out.json", "out.csv", "out.ics", "out.timelinejs.json"])
def test_export_then_import_each_format(run_tracker, tmp_path: Path, name: str):
    db, other = tmp_path / "a.db", tmp_path / "b.db"
    out = tmp_path / name
    assert run_tracker("seed", "--db", str(db)).returncode == 0
    result = run_tracker("export-data", str(out), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "Wrote" in result.stdout and "8 events" in result.stdout and out.stat().st_size > 0
    result = run_tracker("import", str(out), "--db", str(other))
    assert result.returncode == 0, result.stderr
    # `other` is a new file, so it started empty: everything comes in
    assert result.stdout.strip().startswith("8 added, 0 matched existing events (skipped), 0 "
                                            "rejected"), result.stdout
    again = run_tracker("import", str(out), "--db", str(other))
    assert again.stdout.startswith("0 added, 8 matched existing events (skipped): “"), again.stdout


def test_import_bad_file_exit_1_message_no_traceback(run_tracker, tmp_path: Path):
    db = tmp_path / "a.db"
    bad = tmp_path / "bad.csv"
    bad.write_text("title,date_text\nZanzibar talks,27 Feb 2019\nTwo,Febtober 2019\n", encoding="utf-8")
    result = run_tracker("import", str(bad), "--db", str(db))
    assert result.returncode == 1
    assert "bad.csv: line 3, date_text: 'Febtober 2019'" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert "Zanzibar" not in run_tracker("list", "--db", str(db)).stdout

    result = run_tracker("import", str(bad), "--db", str(db), "--on-error", "skip")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("1 added, 0 matched existing events (skipped), 1 rejected: line 3")


def test_binary_file_and_usage_errors(run_tracker, tmp_path: Path):
    db = tmp_path / "a.db"
    blob = tmp_path / "blob.json"
    blob.write_bytes(b"\x00\x01\x02binary")
    result = run_tracker("import", str(blob), "--db", str(db))
    assert result.returncode == 1 and "binary file" in result.stderr
    assert "Traceback" not in result.stderr
    assert run_tracker("import", str(tmp_path / "missing.csv"), "--db", str(db)).returncode == 2
    result = run_tracker("export-data", str(tmp_path / "x.txt"), "--db", str(db))
    assert result.returncode == 2 and "x.txt" in result.stderr
