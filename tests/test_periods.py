"""Periods (issue 17, point 6): named spans stored by migration 0004, edited in the window
and with `tracker period`, drawn as labelled bands behind the events, kept in the JSON
format and exchanged with TimelineJS eras."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from matplotlib.figure import Figure

from tracker.io import export_data, import_data
from tracker.model.period import Period
from tracker.store import Store, StoreError
from tracker.store.migrations import MIGRATION_NAMES
from tracker.store.periods import add_period, delete_period, list_periods, update_period
from tracker.timeline.geometry import ordinal_to_x
from tracker.timeline.periodbands import PeriodBands, name_rows
from tracker.timeline.theme import LIGHT

D = dt.date
REAL = Path(__file__).parent / "data" / "real" / "timelinejs"


def _two(store: Store) -> None:
    add_period(store, Period(None, "", "Singapore process", D(2018, 3, 8), D(2018, 6, 12),
                             "invitation to summit"))
    add_period(store, Period(None, "", "Hanoi preparations", D(2019, 1, 18), D(2019, 2, 28)))


def test_migration_0004_adds_periods_to_an_old_database(db_path: Path):
    from sqlite_utils import Database

    from tracker.store.migrations import migrations

    assert MIGRATION_NAMES[3] == "0004_periods"
    old = Database(db_path)
    migrations.apply(old, stop_before="0004_periods")
    old.conn.execute("PRAGMA user_version = 3")
    old.conn.commit()
    old.close()
    store = Store.open(db_path)
    try:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] >= 4
        _two(store)
        assert [p.name for p in list_periods(store)] == ["Singapore process",
                                                         "Hanoi preparations"]
    finally:
        store.close()
    conn = sqlite3.connect(db_path)
    with pytest.raises(sqlite3.IntegrityError):  # the schema itself keeps the order
        conn.execute("INSERT INTO periods (uid, name, first_day, last_day) "
                     "VALUES ('x', 'Backwards', '2019-02-01', '2019-01-01')")
    conn.close()


def test_edit_and_delete_with_clear_refusals(empty_store: Store):
    _two(empty_store)
    heard = []
    empty_store.subscribe(heard.append)
    first = list_periods(empty_store)[0]
    first.name, first.last = "Singapore summit process", D(2018, 6, 13)
    update_period(empty_store, first)
    assert list_periods(empty_store)[0].name == "Singapore summit process"
    with pytest.raises(StoreError, match="needs a name"):
        add_period(empty_store, Period(None, "", "  ", D(2019, 1, 1), D(2019, 1, 2)))
    delete_period(empty_store, first.id)
    assert [p.name for p in list_periods(empty_store)] == ["Hanoi preparations"]
    assert heard == ["periods", "periods"]
    with pytest.raises(ValueError, match=r"ends .* before it starts"):
        Period(None, "", "Backwards", D(2019, 2, 1), D(2019, 1, 1))


def test_cli_period_add_list_delete(run_tracker, tmp_path: Path):
    db = str(tmp_path / "t.db")
    added = run_tracker("period", "add", "Singapore process", "March 2018", "12 Jun 2018",
                        "--db", db, "--note", "invitation to summit")
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == "Added period 1: Singapore process (1 Mar – 12 Jun 2018)"
    listed = json.loads(run_tracker("period", "list", "--json", "--db", db).stdout)
    assert listed[0]["first"] == "2018-03-01" and listed[0]["note"] == "invitation to summit"
    bad = run_tracker("period", "add", "X", "Febtober", "2019", "--db", db)
    assert bad.returncode == 2 and "FROM" in bad.stderr and "Traceback" not in bad.stderr
    backwards = run_tracker("period", "add", "X", "2019", "2018", "--db", db)
    assert backwards.returncode == 2 and "is before" in backwards.stderr
    missing = run_tracker("period", "delete", "Nope", "--db", db)
    assert missing.returncode == 1 and "There is no period 'Nope'" in missing.stderr
    gone = run_tracker("period", "delete", "Singapore process", "--db", db)
    assert gone.returncode == 0 and "No periods." in run_tracker("period", "list", "--db",
                                                                 db).stdout


def test_bands_lie_behind_the_events_with_their_names_in_rows():
    fig = Figure(figsize=(8, 3), dpi=100)
    ax = fig.add_axes((0, 0, 1, 1))
    periods = [Period(1, "a", "Singapore process", D(2018, 3, 8), D(2018, 6, 12)),
               Period(2, "b", "Summit week", D(2018, 6, 8), D(2018, 6, 14)),
               Period(3, "c", "Hanoi preparations", D(2019, 1, 18), D(2019, 2, 28))]
    assert name_rows(periods) == [0, 1, 0]
    ax.set_xlim(ordinal_to_x(D(2018, 5, 1).toordinal()), ordinal_to_x(D(2019, 3, 1).toordinal()))
    bands = PeriodBands(ax, LIGHT)
    bands.show(periods)
    paths = bands.bands.get_paths()
    assert len(paths) == 3 and bands.bands.get_zorder() < 0.5  # under the grid and marks
    x0 = paths[0].vertices[:, 0].min()
    assert x0 == ordinal_to_x(D(2018, 3, 8).toordinal())
    names = [t.get_text() for t in bands.names]
    assert names == ["Singapore process", "Summit week", "Hanoi preparations"]
    # the first band starts before the view: its name sits at the view's left edge
    assert bands.names[0].get_position()[0] > ax.get_xlim()[0] > x0
    assert bands.names[0].get_position()[1] > bands.names[1].get_position()[1]  # row 2 lower
    ax.set_xlim(ordinal_to_x(D(2019, 1, 1).toordinal()), ordinal_to_x(D(2019, 3, 1).toordinal()))
    assert [t.get_visible() for t in bands.names] == [False, False, True]


def test_periods_travel_in_json_and_as_timelinejs_eras(store: Store, tmp_path: Path):
    _two(store)
    for name in ("all.json", "all.timelinejs.json"):
        out = tmp_path / name
        export_data(store, out)
        fresh = Store.open(tmp_path / f"{name}.db")
        try:
            report = import_data(fresh, out)
            assert report.other.get("period") == 2, report.summary()
            got = [(p.name, p.first, p.last, p.note) for p in list_periods(fresh)]
            assert import_data(fresh, out).other.get("period") is None  # not twice
        finally:
            fresh.close()
        assert got == [(p.name, p.first, p.last, p.note) for p in list_periods(store)]
    eras = json.loads((tmp_path / "all.timelinejs.json").read_text(encoding="utf-8"))["eras"]
    assert eras[0] == {"start_date": {"year": 2018, "month": 3, "day": 8},
                       "end_date": {"year": 2018, "month": 6, "day": 12},
                       "text": {"headline": "Singapore process", "text": "invitation to summit"}}


def test_timelinejs_eras_from_a_real_file_become_periods(empty_store: Store):
    report = import_data(empty_store, REAL / "eras.json")
    assert report.added == 20 and not report.rejected
    periods = list_periods(empty_store)
    assert report.other["period"] == len(periods) >= 2
    era = next(p for p in periods if p.name == "Era Test 650-700")
    assert (era.first, era.last) == (D(650, 1, 1), D(700, 12, 31))


def test_window_adds_edits_and_deletes_periods_and_draws_them(qtbot, window):
    from tracker.gui.periods import PeriodsDialog

    window.periods.act.trigger()
    dialog = window.periods.dialog
    assert isinstance(dialog, PeriodsDialog)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.name, "Hanoi preparations")
    qtbot.keyClicks(dialog.first, "18 Jan 2019")
    qtbot.keyClicks(dialog.last, "Febtober")
    dialog.btn_save.click()
    assert "Febtober" in dialog.problem.text() and list_periods(window.store) == []
    dialog.last.clear()
    qtbot.keyClicks(dialog.last, "end of February 2019")
    dialog.btn_save.click()
    (period,) = list_periods(window.store)
    assert (period.first, period.last) == (D(2019, 1, 18), D(2019, 2, 28))
    assert [t.get_text() for t in window.periods.bands.names] == ["Hanoi preparations"]
    assert dialog.table.rowCount() == 1
    dialog.name.setText("Road to Hanoi")
    dialog.btn_save.click()
    assert [p.name for p in list_periods(window.store)] == ["Road to Hanoi"]
    assert window.periods.bands.names[0].get_text() == "Road to Hanoi"
    dialog.btn_delete.click()
    assert list_periods(window.store) == [] and window.periods.bands.names == []


def test_image_export_draws_the_bands(run_tracker, seeded_db: Path, tmp_path: Path):
    db = str(seeded_db)
    assert run_tracker("period", "add", "Hanoi preparations", "18 Jan 2019", "28 Feb 2019",
                       "--db", db).returncode == 0
    out = tmp_path / "t.svg"
    result = run_tracker("export", str(out), "--db", db)
    assert result.returncode == 0, result.stderr
    assert "Hanoi preparations" in out.read_text(encoding="utf-8")
