"""Actors from the gazetteer, surnames linked to people, clean new names (sentences
written for these tests)."""

from __future__ import annotations

from tracker.article import gazetteer
from tracker.article.candidates import find_candidates
from tracker.article.names import ActorMatcher, new_names
from tracker.model.entities import Actor, Source


def _actors(text: str) -> list[str]:
    return [e.actor for _, _, e in gazetteer.find(text, 0, len(text))]


def test_states_demonyms_capitals_and_bodies_are_actors():
    assert _actors("Chilean and Peruvian envoys met; Lima has said it agrees.") == ["Chile", "Peru", "Peru"]
    assert _actors("The OSCE and the IAEA sent teams to Kenya.") == [
        "OSCE", "International Atomic Energy Agency", "Kenya"]
    assert _actors("Chad met Ivory Coast envoys") == ["Ivory Coast"]  # a first name is no state
    assert _actors("Vietnam and Russia") == ["Vietnam", "Russia"]


def test_a_capital_or_a_state_as_a_place_is_no_actor():
    assert _actors("The envoys met in Nairobi and then talked in the Ethiopian capital.") == []
    assert _actors("Talks in Ecuador ended.") == []
    assert _actors("the capital of Ecuador, Quito") == ["Ecuador"]


def test_a_bare_surname_is_the_person_named_in_full_most_recently():
    matcher = ActorMatcher([Actor(None, "Park Geun-hye", "person"), Actor(None, "Park Chung-hee", "person"),
                            Actor(None, "Angela Merkel", "person")])
    text = "Park Chung-hee met Merkel. Later Park spoke."
    assert [a.name for _, _, a in matcher.find(text)] == ["Park Chung-hee", "Angela Merkel", "Park Chung-hee"]
    assert ActorMatcher(matcher.actors).find("Park spoke first.") == []  # nobody named yet


def test_new_names_are_names_not_titles_months_or_possessives():
    text = ("Foreign Secretary Jane Doe met Oct delegates on Friday's agenda, and later Doe "
            "thanked the Zanzibar Trade Office.")
    assert new_names(text, 0, len(text), []) == ["Jane Doe", "Zanzibar Trade Office"]


def test_candidates_carry_gazetteer_actors_and_no_state_as_new_name():
    text = "Norwegian mediators met Colombian rebels in Havana on Tuesday.\n"
    (c,) = find_candidates(Source(None, "u", "t", text, published_at="2021-03-10"), [])
    assert {p.actor for p in c.actors} == {"Norway", "Colombia"}
    assert c.new_actor_names == [] and c.location == "Havana"


def test_accept_all_stores_gazetteer_actors_with_their_kind(empty_store):
    from tracker.article.accept import accept_all

    text = "Norwegian mediators met NATO officials in Oslo on Tuesday.\n"
    source = Source(None, "u-nato", "t", text, published_at="2021-03-10")
    accept_all(empty_store, source, find_candidates(source, []))
    kinds = {a.name: a.kind for a in empty_store.actors()}
    assert kinds["Norway"] == "state" and kinds["NATO"] == "organisation"


def test_a_location_only_where_the_text_says_it_happened():
    from tracker.article.names import find_place

    def place(t: str) -> str:
        return find_place(t, 0, len(t), set())

    assert place("The OSCE Minsk Group co-chairs met on Monday.") == ""
    assert place("The envoy flew from Washington on Monday.") == ""
    assert place("Talks opened in the Kenyan capital of Nairobi on Monday.") == "Nairobi"
    assert place("The minister paid a visit to Rome on Monday.") == "Rome"


def test_with_several_events_in_a_sentence_each_has_its_own_clauses_actors():
    text = "Kenya tested a new rocket on Monday, and Norway said on Tuesday it would protest.\n"
    got = find_candidates(Source(None, "u", "t", text, published_at="2021-03-10"), [])
    actors = {c.date.words: {p.actor for p in c.actors} for c in got}
    assert actors == {"on Monday": {"Kenya"}, "on Tuesday": {"Norway"}}
