"""One candidate per event per article (sentences written for these tests)."""

from __future__ import annotations

from tracker.article.candidates import find_candidates
from tracker.model.entities import Source


def _candidates(text: str, published: str = "2022-03-09"):
    return find_candidates(Source(None, "u", "t", text, published_at=published), [])


def test_headline_lead_and_quote_about_one_meeting_give_one_candidate_citing_all():
    text = ("Border talks to restart next week\n"
            "Envoys of the two states will restart their border talks next week, officials said.\n"
            "The talks restart next week, a spokeswoman confirmed on Tuesday.\n")
    got = _candidates(text)
    talks = [c for c in got if c.date.words == "next week"]
    assert len(talks) == 1
    assert len(talks[0].spans) == 3
    event = talks[0].to_event(7)
    assert [text[x.char_start:x.char_end] for x in event.excerpts] == [x.quote for x in event.excerpts]
    assert len(event.excerpts) == 3
    assert any(c.date.words == "on Tuesday" for c in got)  # the confirmation is its own event


def test_a_day_inside_a_week_of_the_same_meeting_is_merged():
    text = ("The ministers hope to meet again next week. They could meet as early as next "
            "Thursday, a diplomat said.\n")
    got = _candidates(text, "2022-03-11")  # a Friday: next Thursday is in next week
    assert len(got) == 1 and len(got[0].spans) == 2


def test_different_happenings_on_one_day_stay_apart():
    text = ("The president held a phone call with the king on Monday. "
            "Separately, the foreign minister gave an interview on Monday.\n")
    got = _candidates(text, "2022-03-08")
    assert len(got) == 2


def test_a_past_event_is_not_merged_into_a_plan_for_the_same_day():
    text = ("The envoys met this morning and will meet again this evening.\n")
    got = _candidates(text)
    assert len(got) == 2
    assert {c.status for c in got} == {"occurred", "planned"}
