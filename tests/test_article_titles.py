"""Titles as short clauses a person would keep (sentences written for these tests)."""

from __future__ import annotations

from tracker.article.candidates import find_candidates
from tracker.model.entities import Source


def _titles(text: str) -> list[str]:
    return [c.title for c in find_candidates(Source(None, "u", "t", text, published_at="2021-03-10"), [])]


def test_the_date_goes_with_its_preposition_and_possessive():
    assert _titles("A donor conference scheduled for 2 March was postponed.") == [
        "Donor conference scheduled was postponed"]
    assert _titles("Oslo hosts Sunday's ministerial meeting on fisheries.") == [
        "Oslo hosts ministerial meeting on fisheries"]


def test_a_speech_frame_gives_the_content_with_the_speaker():
    assert _titles("Ceasefire talks had resumed in Doha, a senior diplomat said on Monday.") == [
        "Senior diplomat said: Ceasefire talks had resumed in Doha"]


def test_a_dateline_and_a_lead_in_are_no_title():
    assert _titles("LIMA, Peru (AP) -- Peruvian envoys signed the border accord on Monday.") == [
        "Peruvian envoys signed the border accord"]
    assert _titles("In a separate development, Chile recalled its ambassador on Monday.") == [
        "Chile recalled its ambassador"]


def test_a_long_title_is_cut_at_a_word_and_never_ends_with_an_ellipsis():
    (title,) = _titles("On Monday the foreign ministers of the seven northern coastal states "
                       "signed a long-awaited framework agreement governing fishing quotas.")
    assert len(title) <= 80 and not title.endswith(("…", "...")) and title.startswith("Foreign ministers")


def test_a_headline_plan_is_future_and_glued_sentences_are_split():
    got = find_candidates(Source(None, "u", "t", "Leaders to sign Arctic accord in May\n"
                                 "The accord was drafted in Oslo.The signing follows talks held in "
                                 "January.\n", published_at="2021-03-10"), [])
    assert [(c.date.words, c.date.earliest.year) for c in got] == [("in May", 2021), ("in January", 2021)]
    assert got[0].status == "planned"
    assert got[1].sentence == "The signing follows talks held in January."


def test_sites_and_venues_are_not_new_actor_names():
    from tracker.article.names import new_names

    text = "The talks at the Grand Fjord Hotel were reported by Nordnews.com on Monday with Jane Roe."
    assert new_names(text, 0, len(text), []) == ["Jane Roe"]


def test_a_relative_clause_takes_its_antecedent():
    assert _titles("The delegates flew home for the funeral of the chief negotiator's father, "
                   "who died on Monday.") == ["Chief negotiator's father died"]


def test_a_long_title_loses_the_roles_before_names_first():
    (title,) = _titles("Chilean foreign minister Ana Torres and Peruvian prime minister Luis Vega will "
                       "sign a maritime boundary protocol in May.")
    assert title == "Ana Torres and Luis Vega will sign a maritime boundary protocol"


def test_an_event_named_after_since_is_its_own_title():
    titles = _titles("Talks have stalled since the collapse of the Geneva round last summer.")
    assert titles == ["Collapse of the Geneva round"]
