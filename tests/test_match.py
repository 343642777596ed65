"""Matching a candidate to the stored event it reports (issue 19), with candidates made
by hand as a perfect reader would make them, so these tests judge the matcher alone
(tests/test_story.py judges the whole pipeline on real text)."""

from __future__ import annotations

import datetime as dt

from tracker.article.candidates import Candidate
from tracker.article.match import THRESHOLD, find_matches, score
from tracker.article.story import store_article
from tracker.model.entities import Participation, Source
from tracker.model.fuzzydate import FuzzyDate
from tracker.store import Store
from tracker.store.matchpool import PoolEvent
from tracker.store.reports import knowledge

D = dt.date


def cand(sentence: str, words: str, lo: D, hi: D, *, actors=(), kind="summit", status="planned",
         location="", title="") -> Candidate:
    at = sentence.index(words)
    return Candidate(span=(0, len(sentence)), sentence=sentence,
                     date=FuzzyDate(lo, hi, "day" if lo == hi else "days", words),
                     date_span=(at, at + len(words)), title=title or sentence[:60],
                     actors=[Participation(a) for a in actors], location=location,
                     status=status, type=kind)


def seed_id(store: Store, uid: str) -> int:
    return store.conn.execute("SELECT id FROM events WHERE uid = ?", (uid,)).fetchone()[0]


SUMMIT = "seed-second-summit-2019-02"


def test_a_later_report_of_the_summit_matches_it_with_reasons(store: Store):
    c = cand("President Donald Trump will hold a two-day summit with North Korean leader "
             "Kim Jong Un on Feb. 27-28 in Vietnam.", "Feb. 27-28", D(2019, 2, 27), D(2019, 2, 28),
             actors=("Donald Trump", "Kim Jong Un"), location="Vietnam",
             title="Trump will hold a two-day summit with Kim Jong Un")
    matches = find_matches(store, c)
    assert matches and matches[0].event_id == seed_id(store, SUMMIT)
    why = matches[0].explain()
    assert "same actors (Donald Trump, Kim Jong Un)" in why
    assert "27–28 Feb 2019 lies within 20–28 Feb 2019" in why and "both summits" in why
    assert "Vietnam" in why  # the seed's place names Danang, Vietnam as speculated


def test_second_summit_wording_is_quoted(store: Store):
    c = cand("The White House announced on Friday that the second summit would take place "
             "near the end of February.", "near the end of February", D(2019, 2, 20), D(2019, 2, 28),
             actors=("White House",), status="announced",
             title="The second summit would take place")
    m = find_matches(store, c)[0]
    assert m.event_id == seed_id(store, SUMMIT) and "‘second summit’" in m.explain()


def test_a_different_happening_close_in_time_is_not_proposed(store: Store):
    arrival = cand("North Korean leader Kim Jong Un arrived in Vietnam on Tuesday by train, a "
                   "day before his second meeting with Donald Trump.", "on Tuesday",
                   D(2019, 2, 26), D(2019, 2, 26), actors=("Kim Jong Un", "Donald Trump"),
                   kind="visit", status="occurred", location="Vietnam",
                   title="Kim Jong Un arrived in Vietnam by train")
    # the summit as it stood on 26 February: 27–28 Feb, planned
    event = PoolEvent(1, "Second Trump–Kim summit", "summit", "planned", "Hanoi, Vietnam",
                      D(2019, 2, 27).toordinal(), D(2019, 2, 28).toordinal(),
                      ["Donald Trump", "Kim Jong Un"], "")
    m = score(arrival, event)
    assert m.disagrees and m.score < THRESHOLD
    assert "windows disagree (26 Feb 2019 against 27–28 Feb 2019)" in m.explain()


def test_the_same_day_with_the_same_actors_but_another_kind_is_not_proposed(store: Store):
    c = cand("Donald Trump's missile defense review was unveiled on Thursday in Washington.",
             "on Thursday", D(2019, 1, 17), D(2019, 1, 17), actors=("Donald Trump",),
             kind="summit", status="occurred", location="Washington")
    assert all(m.event_id != seed_id(store, "seed-missile-defense-review-2019")
               for m in find_matches(store, c))


def test_a_date_far_from_every_event_matches_nothing(store: Store):
    c = cand("Trump and Kim held a summit on June 30 at Panmunjom.", "June 30",
             D(2019, 6, 30), D(2019, 6, 30), actors=("Donald Trump", "Kim Jong Un"),
             status="occurred", location="Panmunjom")
    assert find_matches(store, c) == []


def test_a_speculative_report_that_disagrees_is_still_the_same_summit(store: Store):
    c = cand("A second summit between Donald Trump and Kim Jong Un could be held in March or "
             "April, with Danang the most likely venue.", "March or April", D(2019, 3, 1),
             D(2019, 4, 30), actors=("Donald Trump", "Kim Jong Un"), status="speculated",
             location="Danang", title="Second summit could be held in March or April")
    m = find_matches(store, c)[0]
    assert m.event_id == seed_id(store, SUMMIT) and m.disagrees
    assert "windows disagree" in m.explain()


def test_store_article_adds_reports_and_new_events_in_one_go(store: Store):
    text = ("Trump and Kim will meet in Hanoi on February 27 and 28. "
            "Kim Jong Un left Pyongyang by train on Saturday.")
    source = Source(None, "", "Hanoi named", text, outlet="Wire", published_at="2019-02-09")
    summit = cand(text[:56], "February 27 and 28", D(2019, 2, 27), D(2019, 2, 28),
                  actors=("Donald Trump", "Kim Jong Un"), location="Hanoi",
                  title="Trump and Kim will meet in Hanoi for their second summit")
    trip_sentence = text[57:]
    trip = cand(trip_sentence, "on Saturday", D(2019, 2, 23), D(2019, 2, 23),
                actors=("Kim Jong Un",), kind="visit", status="occurred", location="Pyongyang")
    trip.span = (57, len(text))
    trip.date_span = (57 + trip_sentence.index("on Saturday"), 57 + trip_sentence.index("on Saturday") + 11)
    before = store.count_events()
    events = []
    store.subscribe(events.append)
    _, decisions = store_article(store, source, [summit, trip])
    assert events == ["sources", "events"]  # the views are told once
    assert decisions[0].match is not None and decisions[0].event_id == seed_id(store, SUMMIT)
    assert decisions[1].match is None and store.count_events() == before + 1
    k = knowledge(store, seed_id(store, SUMMIT))
    assert (k.start.earliest, k.start.latest, k.location) == (D(2019, 2, 27), D(2019, 2, 28), "Hanoi")
    assert knowledge(store, seed_id(store, SUMMIT), D(2019, 2, 8)).start.earliest == D(2019, 2, 20)


def test_importing_the_same_articles_again_changes_nothing(store: Store):
    from helpers import dump
    from story_eval import FILES

    from tracker.article.extract import read_article
    from tracker.article.story import import_story

    first = import_story(store, [read_article(f) for f in FILES])
    assert first.articles == len(FILES) and first.new_events > 0
    before = dump(store.conn)
    again = import_story(store, [read_article(f) for f in FILES])
    assert again.new_events == 0  # every candidate finds the event it made the first time
    assert dump(store.conn) == before
