"""Tense and modality decide status and year (sentences written for these tests)."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.article.candidates import find_candidates
from tracker.model.entities import Source

PUBLISHED = "2021-09-15"  # a Wednesday


def _one(sentence: str):
    got = find_candidates(Source(None, "u", "t", sentence, published_at=PUBLISHED), [])
    assert len(got) == 1, [c.date.words for c in got]
    return got[0]


@pytest.mark.parametrize("sentence", [
    "The minister said Rome intends to host the donors' meeting on 3 and 4 May.",
    "Delegates expect the accord to be signed in mid-May, an aide told reporters.",
    "Talks slated to begin in May were welcomed by both sides.",
    "She suggested the conference be held in May.",
    "Drafts will not circulate before the May 31st deadline, he said.",
])
def test_intention_expectation_and_schedules_are_future(sentence):
    c = _one(sentence)
    assert c.date.earliest.year == 2022, c.date
    assert c.status in ("planned", "announced", "speculated")


def test_a_present_tense_visit_later_this_month_is_planned():
    c = _one("In September the foreign minister visits Oslo.")
    assert (c.date.earliest, c.status) == (dt.date(2021, 9, 1), "planned")


def test_postponed_until_a_later_date_reads_the_later_date_as_future():
    c = _one("Organisers decided to postpone the forum until the rains end in mid-May.")
    assert c.date.earliest == dt.date(2022, 5, 11)


def test_cancellation_and_failure_to_hold_are_cancelled():
    assert _one("The row prompted the cancellation of a summit planned for Friday.").status == "cancelled"
    assert _one("They blamed each other for their failure to arrange talks in August.").status == "cancelled"


def test_failing_to_agree_at_a_meeting_does_not_cancel_the_meeting():
    assert _one("The ministers failed to agree on a text at their meeting on Monday.").status == "occurred"


def test_later_on_the_publication_weekday_is_that_day():
    c = _one("The envoys are set to leave Geneva later on Wednesday.")
    assert c.date.earliest == dt.date(2021, 9, 15)


def test_an_infinitive_of_scheduling_is_future_even_after_a_past_verb():
    c = _one("Norway had announced the donor forum, to run from 4 to 6 May, in July.".replace(
        ", in July", ""))
    assert c.date.earliest == dt.date(2022, 5, 4)


def test_a_plan_seen_from_the_past_is_the_nearest_day_and_planned():
    c = _one("The envoy was due to speak on Monday night, his office said.")
    assert (c.date.earliest, c.status) == (dt.date(2021, 9, 13), "planned")
    c = _one("The ministers were to meet in August.")
    assert (c.date.earliest, c.status) == (dt.date(2021, 8, 1), "planned")
