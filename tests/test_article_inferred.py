"""Dates taken from the event a sentence hangs on, marked as inferred (sentences
written for these tests)."""

from __future__ import annotations

import datetime as dt

from tracker.article.candidates import find_candidates
from tracker.model.entities import Source


def _candidates(text: str, published: str = "2021-11-06"):
    return find_candidates(Source(None, "u", "t", text, published_at=published), [])


def test_an_event_that_came_before_an_announcement_takes_its_day():
    text = ("The two governments announced on Thursday that the border would reopen.\n"
            "The announcement came after a long meeting between the interior ministers in Riga.\n")
    got = _candidates(text)
    meeting = next(c for c in got if c.sentence.startswith("The announcement came"))
    assert meeting.date.earliest == meeting.date.latest == dt.date(2021, 11, 4)
    assert meeting.inferred_from == "on Thursday"
    assert meeting.date.words == "inferred from “on Thursday”"
    assert meeting.type == "meeting" and "meeting" in meeting.title.lower()
    assert len(got) == 2  # not merged into the announcement it hangs on


def test_what_happened_during_a_visit_takes_the_visits_window():
    text = ("The prime minister began a visit to Lisbon on Monday.\n"
            "During the visit, she signed a fisheries accord with her host.\n")
    got = _candidates(text)
    accord = next(c for c in got if c.sentence.startswith("During"))
    assert accord.date.earliest == dt.date(2021, 11, 1)
    assert accord.inferred_from == "on Monday"


def test_the_following_day_counts_from_the_event_before():
    text = ("The envoys landed in Nairobi on 2 November. Talks opened the following day.\n")
    got = _candidates(text)
    talks = next(c for c in got if "following day" in c.date.words)
    assert talks.date.earliest == dt.date(2021, 11, 3)
    assert talks.inferred_from == "on 2 November"


def test_nothing_is_proposed_when_there_is_nothing_to_hang_on():
    assert _candidates("Talks opened the following day.\nThe statement came after a meeting.\n") == []


def test_counted_from_that_day_in_years_and_the_previous_days():
    text = ("The treaty was signed on 4 November 2019. Barely two years after that day, the "
            "parties met again. They had negotiated for the previous 10 days.\n")
    got = {c.date.words.split(" (")[0]: c for c in _candidates(text)}
    assert got["two years after that day"].date.earliest == dt.date(2021, 11, 4)
    assert got["two years after that day"].inferred_from == "on 4 November 2019"
    previous = got["the previous 10 days"]  # counted back from the latest day: the meeting
    assert (previous.date.earliest, previous.date.latest) == (dt.date(2021, 10, 25), dt.date(2021, 11, 3))


def test_during_a_two_day_visit_is_within_its_two_days():
    text = ("The prime minister left on Monday for a two-day official visit to Lisbon.\n"
            "During the visit, she will open a trade fair with her host.\n")
    fair = next(c for c in _candidates(text) if c.sentence.startswith("During"))
    assert (fair.date.earliest, fair.date.latest) == (dt.date(2021, 11, 1), dt.date(2021, 11, 2))
    assert fair.status == "planned"
