"""iCalendar files keep their text whatever icalendar version wrote or reads them.

tests/data/ics-versions/ holds one event exported by this app under icalendar 7.0.0 (the
lowest version allowed) and 7.3.2 (the highest the suite has passed on), and under 5.0.0
and 6.3.2, which earlier releases of the app allowed; CI reads all of them under the
newest and the lowest allowed versions (the two legs of .ci/run), and whichever version is
installed must write the same content lines (folding may differ). The event's title, summary, tags,
actors and location hold line breaks, commas, semicolons and a backslash: the characters
RFC 5545 TEXT escapes (section 3.3.11).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import unfolded

from tracker.io import export_data, import_data
from tracker.store import Store

VERSIONS = Path(__file__).parent / "data" / "ics-versions"
SUMMARY = "First line, with a comma;\nsecond line; semicolon\nthird \\ backslash"
TITLE = "Talks in Oslo; day one, morning"


def _only_event(store: Store):
    (event,) = store.list_events()
    return event


@pytest.mark.parametrize("path", sorted(VERSIONS.glob("*.ics")), ids=lambda p: p.stem)
def test_files_written_by_every_icalendar_version_read_back_unchanged(empty_store: Store,
                                                                      path: Path):
    report = import_data(empty_store, path)
    assert (report.added, report.rejected) == (1, [])
    event = _only_event(empty_store)
    assert event.title == TITLE
    assert event.summary == SUMMARY
    assert event.location == "Oslo, Norway"
    assert sorted(event.tags) == ["nuclear, talks", "second summit"]
    assert [(a.actor, a.role) for a in event.actors] == [("Kim Jong Un", "participant"),
                                                       ("Lee, Jane", "envoy")]
    assert (event.status, event.type, event.start.words) == ("planned", "meeting",
                                                            "27–28 Feb 2019")


def test_every_icalendar_version_writes_the_same_content(empty_store: Store, tmp_path: Path):
    golden = sorted(VERSIONS.glob("*.ics"))
    import_data(empty_store, golden[0])
    with empty_store.db.atomic():
        empty_store.conn.execute("UPDATE events SET created_at = ?, updated_at = ?",
                                 ("2019-01-19T05:00:00+00:00",) * 2)
    out = tmp_path / "again.ics"
    export_data(empty_store, out)
    for path in golden:
        assert unfolded(out.read_bytes()) == unfolded(path.read_bytes()), path.name


def test_line_breaks_commas_and_semicolons_survive_the_command_line(run_tracker,
                                                                     tmp_path: Path):
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    Store.open(first, seed=False).close()
    Store.open(second, seed=False).close()
    added = run_tracker("add", "--db", str(first), "--title", TITLE, "--date", "27–28 Feb 2019",
                        "--summary", SUMMARY, "--tag", "nuclear, talks", "--location",
                        "Oslo, Norway", "--actor", "Lee, Jane:envoy")
    assert added.returncode == 0, added.stderr
    out = tmp_path / "events.ics"
    exported = run_tracker("export-data", "--db", str(first), str(out))
    assert exported.returncode == 0, exported.stderr
    assert exported.stderr == ""
    assert "\\n" in out.read_text(encoding="utf-8")  # escaped, not a raw line break
    imported = run_tracker("import", "--db", str(second), str(out))
    assert imported.returncode == 0, imported.stderr
    a, b = Store.open(first, seed=False), Store.open(second, seed=False)
    try:
        x, y = _only_event(a), _only_event(b)
        assert (y.title, y.summary, y.tags, y.location) == (x.title, x.summary, x.tags,
                                                            x.location)
        assert [(p.actor, p.role) for p in y.actors] == [(p.actor, p.role) for p in x.actors]
    finally:
        a.close()
        b.close()
