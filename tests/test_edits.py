import datetime as dt

import pytest
from helpers import dump, dump_versionless

from tracker.model.entities import Event, Excerpt, Participation
from tracker.model.fuzzydate import FuzzyDate
from tracker.store import Store, StoreError
from tracker.store.edits import ConflictError


def _hanoi(store: Store) -> Event:
    return Event(None, "", "Hanoi summit", FuzzyDate.exact(dt.date(2019, 2, 27), "27 Feb 2019"),
                 end=FuzzyDate.exact(dt.date(2019, 2, 28), "28 Feb 2019"), type="summit",
                 actors=[Participation("Donald Trump"), Participation("Nguyen Phu Trong", "host")],
                 location="Hanoi", tags=["summit"])


def _seed_id(store: Store, uid: str) -> int:
    return next(e.id for e in store.list_events() if e.uid == uid)


def test_delete_then_restore_gives_back_every_row(store: Store):
    before = dump(store.conn)
    summit = _seed_id(store, "seed-second-summit-2019-02")
    snap = store.delete_event(summit)
    assert dump(store.conn) != before
    store.restore_event(snap)
    assert dump(store.conn) == before


def test_add_then_delete_removes_the_actors_it_created(store: Store):
    before = dump(store.conn)
    event_id = store.add_event(_hanoi(store))
    assert any(a.name == "Nguyen Phu Trong" for a in store.actors())
    snap = store.delete_event(event_id)
    assert dump(store.conn) == before
    store.restore_event(snap)  # redo brings back the same rows, same id
    assert store.get_event(event_id).title == "Hanoi summit"
    assert any(a.name == "Nguyen Phu Trong" for a in store.actors())


def test_update_bumps_version_and_replace_undoes_it_exactly(store: Store):
    meeting_id = _seed_id(store, "seed-white-house-meeting-2019-01-18")
    before = dump_versionless(store.conn)
    snap = store.snapshot_event(meeting_id)
    event = store.get_event(meeting_id)
    event.title = "Trump meets Kim Yong Chol"
    event.actors = [Participation("Donald Trump", "host"), Participation("Stephen Biegun", "participant")]
    event.status = "occurred"
    store.update_event(event, expected_version=event.version)
    changed = store.get_event(meeting_id)
    assert changed.title == "Trump meets Kim Yong Chol" and changed.version == event.version + 1
    assert [p.actor for p in changed.actors] == ["Donald Trump", "Stephen Biegun"]
    assert changed.excerpts and changed.links  # children kept
    after = dump(store.conn)
    # Undo puts back every row as it was, except the version, which only moves forward
    # (an editor elsewhere holding the changed event must still see it moved).
    assert store.replace_event(snap) == event.version + 2
    assert dump_versionless(store.conn) == before
    store.replace_event(store.snapshot_event(meeting_id))  # replace with itself: no change
    assert dump_versionless(store.conn) == before
    assert after != dump(store.conn)


def test_stale_edit_is_refused(store: Store):
    meeting_id = _seed_id(store, "seed-white-house-meeting-2019-01-18")
    first = store.get_event(meeting_id)
    second = store.get_event(meeting_id)
    first.title = "Edited in window one"
    store.update_event(first, expected_version=first.version)
    second.title = "Edited in window two"
    with pytest.raises(ConflictError, match="changed elsewhere"):
        store.update_event(second, expected_version=second.version)
    assert store.get_event(meeting_id).title == "Edited in window one"


def test_invalid_update_writes_nothing(store: Store):
    meeting_id = _seed_id(store, "seed-white-house-meeting-2019-01-18")
    before = dump(store.conn)
    event = store.get_event(meeting_id)
    event.excerpts.append(Excerpt(event.excerpts[0].source_id, 0, 5, "wrong"))
    with pytest.raises(StoreError, match="does not match"):
        store.update_event(event)
    assert dump(store.conn) == before


def test_link_add_remove_restore(store: Store):
    a = _seed_id(store, "seed-singapore-summit-2018")
    b = _seed_id(store, "seed-second-summit-2019-02")
    before = dump(store.conn)
    link_id = store.add_link(a, b, "contradicts")
    assert store.add_link(a, b, "contradicts") == link_id  # idempotent
    row = store.link_row(link_id)
    store.remove_link(link_id)
    assert dump(store.conn) == before
    store.restore_link(row)
    assert store.link_row(link_id) == row


def test_excerpt_and_source_edits(store: Store):
    from tracker.model.entities import Source

    source_id = store.add_source(Source(None, "", "Hanoi report", "The summit in Hanoi ended early.",
                                        outlet="Wire", published_at="2019-02-28T18:00:00+07:00"))
    summit = _seed_id(store, "seed-second-summit-2019-02")
    excerpt_id = store.add_excerpt(summit, Excerpt(source_id, 4, 20, "summit in Hanoi "))
    assert any(x.id == excerpt_id for x in store.get_event(summit).excerpts)
    with pytest.raises(StoreError, match="cited by 1"):
        store.delete_source(source_id)
    store.conn.execute("DELETE FROM excerpts WHERE id = ?", (excerpt_id,))
    row = store.source_row(source_id)
    store.delete_source(source_id)
    store.restore_source(row)
    assert store.get_source(source_id).title == "Hanoi report"
