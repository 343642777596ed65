import datetime as dt

import pytest

from tracker.model.filters import Filter, fts_query, search_terms


def test_empty_filter_and_chips():
    assert Filter().is_empty
    f = Filter(search="summit", actors=("Kim Jong Un",), types=("summit",),
               statuses=("planned",), tags=("nuclear",), sources=(3,),
               date_from=dt.date(2019, 1, 1), source_titles={3: "HT"})
    assert not f.is_empty
    assert [label for _, label in f.chips()] == [
        "Search: summit", "Actor: Kim Jong Un", "Type: Summit", "Status: Planned",
        "Tag: nuclear", "Source: HT", "From 1 Jan 2019"]
    g = f
    for key, _ in f.chips():
        g = g.without(key)
    assert g.is_empty


def test_adding_is_idempotent():
    f = Filter().adding("actor", "Kim Jong Un").adding("actor", "Kim Jong Un")
    assert f.actors == ("Kim Jong Un",)


@pytest.mark.parametrize(("typed", "query"), [
    ("summit", '"summit"*'),
    ("second summit", '"second"* "summit"*'),
    ('"second summit" Hanoi', '"second summit" "Hanoi"*'),
    ("Kim AND NOT Trump", '"Kim"* "AND"* "NOT"* "Trump"*'),
    ('-"x" OR (y*) ^z title:w', '"x" "OR"* "y"* "z"* "title"* "w"*'),
    ("'); DROP TABLE events; --", '"DROP"* "TABLE"* "events"*'),
    ('unbalanced "quote', '"unbalanced"* "quote"*'),
    ("", None),
    ("***", None),
    ("Kim Jong-un", '"Kim"* "Jong"* "un"*'),
])
def test_fts_query_is_always_safe(typed, query):
    assert fts_query(typed) == query


def test_search_terms_longest_first():
    assert search_terms('"second summit" Kim') == ["second summit", "Kim"]
