"""Databases are documents: the view is remembered per database; New/Open/Recent."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from tracker.gui import documents
from tracker.gui.main_window import MainWindow
from tracker.model.filters import Filter
from tracker.store import Store


def test_view_filters_lanes_and_selection_survive_a_restart(qtbot, store: Store):
    first = MainWindow(store)
    qtbot.addWidget(first)
    first.show()
    first.set_filter(Filter(actors=("Kim Jong Un",), statuses=("planned", "occurred")))
    first.lanes = "actor"
    summit = next(e.id for e in store.list_events() if e.uid == "seed-second-summit-2019-02")
    first.select_event(summit)
    first.canvas.set_view(17900.0, 18000.0)
    first.close()

    second = MainWindow(store)
    qtbot.addWidget(second)
    second.show()
    assert second.filter == Filter(actors=("Kim Jong Un",), statuses=("planned", "occurred"))
    assert second.lanes == "actor"
    assert second.canvas.view == pytest.approx((17900.0, 18000.0))
    assert second.selected_id == summit
    assert second.model.total == 3
    second.close()


def test_a_damaged_saved_view_is_forgotten(qtbot, store: Store):
    from PySide6.QtCore import QSettings

    QSettings().setValue(documents._key(store), "{not json")
    window = MainWindow(store)
    qtbot.addWidget(window)
    assert window.filter.is_empty
    window.close()


def test_open_another_database_and_recent_list(qtbot, window, tmp_path: Path, monkeypatch):
    other_path = tmp_path / "other.db"
    opened = window.documents.open_path(other_path)
    assert opened is not None and opened.store.path == other_path
    assert not window.isVisible()
    assert opened.model.total == 0  # a new database starts empty (issue 17)
    recent = documents.recent_databases()
    assert recent[0] == other_path.resolve()
    assert Path(window.store.path).resolve() in recent
    assert documents.last_database() == other_path.resolve()
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda parent, title, text: said.append(text)))
    junk = tmp_path / "junk.db"
    junk.write_text("not a database")
    assert opened.documents.open_path(junk) is None
    assert said and "not a tracker database" in said[0]
    assert opened.isVisible()
    opened.close()
    with pytest.raises(Exception, match="closed"):
        opened.store.count_events()  # the window owned its store and closed it


def test_filter_json_round_trip():
    import datetime as dt

    keep = Filter(search='"second summit"', actors=("A", "B"), types=("summit",),
                  statuses=("planned",), tags=("x",), sources=(2,),
                  date_from=dt.date(2019, 1, 1), date_to=dt.date(2019, 3, 1))
    assert documents.filter_from_json(documents.filter_to_json(keep)) == keep


def test_restored_filters_and_search_are_applied_everywhere(qtbot, store: Store):
    first = MainWindow(store)
    qtbot.addWidget(first)
    first.search.set_text("summit")
    first.set_filter(Filter(search="summit", statuses=("planned",)))
    first.close()
    assert not first.poll_timer.isActive() and not first.backups.timer.isActive()
    second = MainWindow(store)
    qtbot.addWidget(second)
    assert second.search.box.text() == "summit"
    assert len(second.views.filter_bar.chip_buttons()) == 1  # the status chip
    assert second.search.hits and second.canvas.highlighted == set(second.search.hits)
    assert second.model.total == 1
    second.close()
