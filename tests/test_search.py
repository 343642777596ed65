"""Full-text search and filters in the store: phrases, prefixes, hostile typing."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.model.filters import Filter
from tracker.store import Store
from tracker.store.search import count_matching, matching_ids, sources_matching


def _titles(store: Store, f: Filter) -> set[str]:
    return {store.get_event(i).title for i in matching_ids(store, f)}


def test_prefix_search_matches_titles_summaries_and_excerpts(store: Store):
    assert "Second Trump–Kim summit" in _titles(store, Filter(search="summ"))
    # "Danang" is only in an excerpt and the summary of the planned summit
    assert _titles(store, Filter(search="danang")) == {"Second Trump–Kim summit"}
    # "90-minuted" is only in the meeting's excerpt
    assert _titles(store, Filter(search="minuted")) == {
        "Trump and Pompeo meet Kim Yong Chol at the White House"}


def test_phrase_search_keeps_word_order(store: Store):
    hits = _titles(store, Filter(search='"second summit"'))
    assert "Second Trump–Kim summit" in hits
    assert _titles(store, Filter(search='"summit second"')) == set()


def test_actor_names_are_searched(store: Store):
    assert "North Korea releases three American detainees" in _titles(
        store, Filter(search="Pompeo"))


@pytest.mark.parametrize("typed", [
    '"', "'", "AND", "NOT", "OR summit", "summit -", "(", ")", "*", "^", "title:",
    "'); DROP TABLE events; --", '" OR 1=1 --', "NEAR(a b)", "\x00", "%", "_", "🙂",
    "a" * 500,  # the longest search there is (a longer one is refused with a message)
])
def test_anything_a_user_types_is_safe(store: Store, typed: str):
    before = store.count_events()
    ids = matching_ids(store, Filter(search=typed))
    assert isinstance(ids, list)
    assert count_matching(store, Filter(search=typed)) == len(ids)
    assert store.count_events() == before


def test_filters_combine(store: Store):
    f = Filter(actors=("Kim Jong Un",))
    assert _titles(store, f) == {"North Korea releases three American detainees",
                                 "Singapore summit: Trump and Kim Jong Un",
                                 "Second Trump–Kim summit"}
    assert _titles(store, Filter(actors=("Kim Jong Un",), statuses=("planned",))) == {
        "Second Trump–Kim summit"}
    assert _titles(store, Filter(types=("summit", "meeting"), date_from=dt.date(2019, 1, 1))) == {
        "Trump and Pompeo meet Kim Yong Chol at the White House", "Second Trump–Kim summit"}
    assert _titles(store, Filter(tags=("detainees",))) == {
        "North Korea releases three American detainees"}
    source_id = store.sources()[0].id
    assert count_matching(store, Filter(sources=(source_id,))) == store.count_events()
    assert count_matching(store, Filter(date_to=dt.date(2018, 5, 31))) == 1
    # the May 2018 window (1–31 May) starts before 15 May
    assert count_matching(store, Filter(date_to=dt.date(2018, 5, 15))) == 1


def test_search_follows_edits(store: Store):
    event = store.get_event(matching_ids(store, Filter(search="Graham"))[0])
    event.title = "Senator welcomes Hanoi plan"
    store.update_event(event)
    assert _titles(store, Filter(search="hanoi")) == {"Senator welcomes Hanoi plan"}
    store.delete_event(event.id)
    assert matching_ids(store, Filter(search="hanoi")) == []


def test_sources_matching(store: Store):
    assert sources_matching(store, "Danang") == [store.sources()[0].id]
    assert sources_matching(store, "Febtober") == []
    assert sources_matching(store, "***") == []


def test_bulk_demo_data_is_searchable(empty_store: Store):
    from tracker.store.demo import add_demo_data

    add_demo_data(empty_store, 300, seed=7)
    by_fts = set(matching_ids(empty_store, Filter(search="sanctions")))
    by_scan = {r[0] for r in empty_store.conn.execute(
        "SELECT id FROM events WHERE title LIKE '%sanctions%' OR summary LIKE '%sanctions%'")}
    assert by_scan and by_scan <= by_fts
    quote_hits = {r[0] for r in empty_store.conn.execute(
        "SELECT event_id FROM excerpts WHERE quote LIKE '%sanctions%'")}
    assert quote_hits <= by_fts


@pytest.mark.parametrize("typed", ["_", "%", "\\"])
def test_like_wildcards_are_literal(store: Store, typed: str):
    assert matching_ids(store, Filter(search=typed)) == []
