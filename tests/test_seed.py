import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest

from tracker.bundled import resources_dir, seed_dir
from tracker.store import Store
from tracker.store.seed import SeedError, load_seed

D = dt.date


def _by_title(store: Store, fragment: str):
    matches = [e for e in store.list_events() if fragment.lower() in e.title.lower()]
    assert len(matches) == 1, [e.title for e in store.list_events()]
    return matches[0]


def _by_uid(store: Store, uid: str):
    (event,) = [e for e in store.list_events() if e.uid == uid]
    return event


HT = "src-ht-2019-01-19-trump-kim-second-summit"
NOTE = "src-note-public-record-trump-kim-dates"
BUNDLED_SOURCES = len(list((resources_dir() / "sources").glob("*.json")))


def _source(store: Store, uid: str):
    (source,) = [s for s in store.sources() if s.uid == uid]
    return source


def test_bundled_source_and_metadata(store: Store):
    assert {s.uid for s in store.sources()} == {HT, NOTE}
    source = _source(store, HT)
    assert source.outlet == "Hindustan Times"
    assert source.title == "Donald Trump, North Korean leader Kim Jong Un to hold 2nd summit"
    assert source.published_at == "2019-01-19T08:33:00+05:30"
    assert source.updated_at == "2019-01-19T10:20:00+05:30"
    assert "Kim Yong Chol" in source.text


def test_curated_events_have_the_articles_dates(store: Store):
    singapore = _by_title(store, "Singapore summit")
    assert (singapore.start.earliest, singapore.start.latest) == (D(2018, 6, 12), D(2018, 6, 12))
    assert singapore.start.words == "12 June 2018" and singapore.status == "occurred"

    release = _by_title(store, "three American detainees")
    assert (release.start.earliest, release.start.latest) == (D(2018, 5, 1), D(2018, 5, 31))
    assert release.start.precision == "month"
    assert {p.actor for p in release.actors} >= {"Mike Pompeo", "Kim Jong Un"}
    assert release.location == "Pyongyang"

    meeting = _by_title(store, "meet Kim Yong Chol")
    assert meeting.start.earliest == meeting.start.latest == D(2019, 1, 18)
    assert {p.actor for p in meeting.actors} == {"Donald Trump", "Mike Pompeo", "Kim Yong Chol"}

    summit = _by_uid(store, "seed-second-summit-2019-02")
    assert (summit.start.earliest, summit.start.latest) == (D(2019, 2, 20), D(2019, 2, 28))
    assert summit.start.precision == "part_of_month"
    assert summit.start.words == "near the end of February"
    assert summit.status == "planned"
    assert "Danang" in summit.location

    review = _by_title(store, "missile defense review")
    assert review.start.earliest == D(2019, 1, 17)
    assert _by_title(store, "announces a second").start.earliest == D(2019, 1, 18)
    assert _by_title(store, "Lindsey Graham").excerpts


def test_every_event_is_complete_and_every_excerpt_matches(store: Store):
    events = store.list_events()
    assert len(events) >= 7
    for e in events:
        assert e.title and e.status and e.type and e.location and e.actors, e.title
        assert e.excerpts, e.title
        for x in e.excerpts:
            text = store.get_source(x.source_id).text
            assert x.valid and text[x.char_start:x.char_end] == x.quote, e.title


def test_the_meeting_announced_the_february_summit(store: Store):
    meeting = _by_title(store, "meet Kim Yong Chol")
    summit = _by_uid(store, "seed-second-summit-2019-02")
    assert any(k.kind == "announces" and k.from_id == meeting.id and k.to_id == summit.id
               for k in meeting.links)


def test_loading_again_adds_nothing(store: Store, db_path: Path):
    counts = {t: store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("sources", "events", "actors", "excerpts", "links", "event_actors")}
    assert load_seed(store) == {"sources": 0, "events": 0, "links": 0}
    store.close()
    reopened = Store.open(db_path)
    again = {t: reopened.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in counts}
    reopened.close()
    assert again == counts


def test_deleted_seed_event_does_not_come_back_on_restart(store: Store, db_path: Path):
    victim = _by_title(store, "Lindsey Graham")
    store.delete_event(victim.id)
    store.close()
    reopened = Store.open(db_path)
    assert all(e.uid != victim.uid for e in reopened.list_events())
    reopened.close()


def test_corrupted_quote_stops_loading_naming_the_event(tmp_path: Path, empty_store: Store):
    seed = json.loads((seed_dir() / "seed.json").read_text(encoding="utf-8"))
    target = seed["events"][2]
    target["excerpts"][0]["quote"] = target["excerpts"][0]["quote"].replace("a", "o", 1)
    bad = tmp_path / "seed.json"
    bad.write_text(json.dumps(seed), encoding="utf-8")
    with pytest.raises(SeedError, match=re.escape(target["title"]) + ".*does not match"):
        load_seed(empty_store, bad, resources_dir() / "sources")
    for table in ("sources", "events", "actors"):
        assert empty_store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0


def test_changed_source_text_is_detected(tmp_path: Path, empty_store: Store):
    sources = tmp_path / "sources"
    shutil.copytree(resources_dir() / "sources", sources)
    text_file = next(sources.glob("*.txt"))
    text_file.write_text("Breaking: " + text_file.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(SeedError, match="does not match the text"):
        load_seed(empty_store, seed_dir() / "seed.json", sources)
    assert empty_store.count_events() == 0


def test_the_headline_shows_clean_and_every_offset_stays_exact(store: Store):
    source = _source(store, HT)
    assert "\\" not in source.text  # the capture's escaping backslash is gone
    assert source.text.splitlines()[0] == source.title
    for event in store.list_events():
        for x in event.excerpts:
            text = store.get_source(x.source_id).text
            assert x.valid and text[x.char_start:x.char_end] == x.quote, event.title


def test_date_words_are_only_ever_the_sources_own_words(store: Store):
    for event in store.list_events():
        words = event.start.words
        if words:  # quoted words must be words a cited passage says
            assert any(words in x.quote for x in event.excerpts), (event.title, words)
        else:  # no words: the window is reasoned, and the summary says how
            assert event.start.precision != "day", event.title
    graham = _by_title(store, "Lindsey Graham")
    assert graham.start.words == ""
    assert (graham.start.earliest, graham.start.latest) == (D(2019, 1, 18), D(2019, 1, 19))


def test_an_exact_day_from_elsewhere_cites_where(store: Store):
    """The article says only "last summer": 12 June 2018 comes from the second source,
    the public-record note, which the event cites with its own excerpt."""
    singapore = _by_title(store, "Singapore summit")
    by_source = {store.get_source(x.source_id).uid: x.quote for x in singapore.excerpts}
    assert set(by_source) == {HT, NOTE}
    assert "last summer" in next(x.quote for x in singapore.excerpts
                             if store.get_source(x.source_id).uid == HT)
    assert "12 June 2018" in by_source[NOTE]
    note = _source(store, NOTE)
    assert note.kind == "note" and note.text.count("12 June 2018") == 1
    for event in store.list_events():
        if event.start.precision == "day":
            assert any(event.start.words in x.quote for x in event.excerpts), event.title


def test_a_database_holding_the_older_copy_gets_excerpts_anchored_in_it(store: Store):
    """Databases seeded before the headline was cleaned keep their copy of the article;
    a seed event loaded again into one cites that copy exactly."""
    singapore = _by_title(store, "Singapore summit")
    store.delete_event(singapore.id)
    source = _source(store, HT)
    old_text = source.text.replace("Donald Trump,", "Donald Trump\\,", 1)
    with store.write():
        store.conn.execute("UPDATE excerpts SET char_start = char_start + 1, "
                           "char_end = char_end + 1 WHERE source_id = ? AND char_start > 12",
                           (source.id,))
        store.conn.execute("UPDATE sources SET text = ? WHERE id = ?", (old_text, source.id))
    assert load_seed(store)["events"] == 1
    for event in store.list_events():
        for x in event.excerpts:
            text = store.get_source(x.source_id).text
            assert x.valid and text[x.char_start:x.char_end] == x.quote, event.title


# -- a new database starts empty (issue 17, point 7) -------------------------------------

def _count(path: Path, table: str = "events") -> int:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


def test_a_new_db_file_starts_empty_and_tracker_seed_fills_it(run_tracker, tmp_path: Path):
    db = tmp_path / "new.db"
    result = run_tracker("--db", str(db), "info")
    assert result.returncode == 0, result.stderr
    assert "events: 0" in result.stdout and "sources: 0" in result.stdout
    seeded = run_tracker("--db", str(db), "seed")
    assert seeded.returncode == 0, seeded.stderr
    assert _count(db) >= 7 and _count(db, "sources") == BUNDLED_SOURCES
    again = run_tracker("--db", str(db), "seed")
    assert "Added 0 sources, 0 events, 0 links." in again.stdout


def test_tracker_db_variable_starts_empty_too(run_tracker, tmp_path: Path):
    db = tmp_path / "env.db"
    result = run_tracker("info", env={"TRACKER_DB": str(db)})
    assert result.returncode == 0, result.stderr
    assert "events: 0" in result.stdout


def test_only_the_default_database_is_seeded_on_first_start(run_tracker, tmp_path: Path):
    data = tmp_path / "xdg-data"
    result = run_tracker("info", env={"XDG_DATA_HOME": str(data)}, unset=("TRACKER_DB",))
    assert result.returncode == 0, result.stderr
    default = data / "diplomacy-timeline-tracker" / "tracker.db"
    assert f"database: {default}" in result.stdout
    assert _count(default) >= 7 and _count(default, "sources") == BUNDLED_SOURCES


@pytest.mark.parametrize("sample", [False, True])
def test_file_new_database_starts_empty_unless_the_sample_is_asked_for(qtbot, window, tmp_path,
                                                                        sample: bool):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    from tracker.gui import documents
    from tracker.gui.new_database import NewDatabaseDialog

    target = tmp_path / "story.db"
    seen: list[NewDatabaseDialog] = []

    def fill() -> None:
        dialog = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, NewDatabaseDialog) and w.isVisible()), None)
        if dialog is None:  # not shown yet
            QTimer.singleShot(20, fill)
            return
        seen.append(dialog)
        assert not dialog.sample.isChecked()  # empty is the default
        dialog.path_edit.setText(str(target))
        if sample:
            dialog.sample.click()
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(0, fill)
    window.documents.act_new.trigger()
    assert seen
    (new,) = [w for w in documents._open_windows if w.store.path == target]
    assert (new.store.count_events() > 0) is sample
    assert bool(new.store.sources()) is sample
    new.close()


def test_new_database_dialog_refuses_an_existing_file(qtbot, tmp_path: Path):
    from tracker.gui.new_database import NewDatabaseDialog

    existing = tmp_path / "there.db"
    existing.write_bytes(b"")
    dialog = NewDatabaseDialog(None, tmp_path)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(existing))
    dialog._accept()
    assert "exists already" in dialog.problem.text()
    assert dialog.result() == 0
