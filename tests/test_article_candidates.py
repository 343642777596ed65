"""Candidate events from the bundled article, and from texts made to be awkward."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.article.candidates import MAX_CANDIDATES, find_candidates
from tracker.article.extract import read_article
from tracker.article.names import ActorMatcher, builtin_actors, new_names
from tracker.article.same_event import MAX_MORE
from tracker.article.sentences import sentence_spans
from tracker.bundled import resources_dir
from tracker.model.entities import Actor, Source
from tracker.store import Store

ARTICLE = resources_dir() / "sources" / "ht-2019-01-19-trump-kim-second-summit.txt"


@pytest.fixture(scope="module")
def bundled():
    source = read_article(ARTICLE)
    return source, find_candidates(source, [*builtin_actors(), Actor(None, "North Korea", "state")])


def _by_words(candidates, words):
    return [c for c in candidates if c.date.words == words]


def test_every_span_is_exact(bundled):
    source, candidates = bundled
    assert candidates
    for c in candidates:
        assert source.text[c.span[0]:c.span[1]] == c.sentence
        if not c.inferred_from:  # an inferred date's words are where it came from
            assert source.text[c.date_span[0]:c.date_span[1]] == c.date.words
        assert c.span[0] <= c.date_span[0] < c.date_span[1] <= c.span[1]
        assert all(source.text[x.char_start:x.char_end] == x.quote for x in c.to_event(1).excerpts)
        assert 0 < len(c.title) <= 80


def test_the_bundled_article_yields_the_four_events_with_their_windows(bundled):
    _, candidates = bundled
    (may,) = _by_words(candidates, "In May")
    assert (may.date.earliest, may.date.latest) == (dt.date(2018, 5, 1), dt.date(2018, 5, 31))
    assert (may.type, may.status, may.location) == ("release", "occurred", "Pyongyang")
    assert {"North Korea", "Mike Pompeo"} <= {p.actor for p in may.actors}

    (summer,) = _by_words(candidates, "last summer")
    assert (summer.date.earliest, summer.date.latest) == (dt.date(2018, 6, 1), dt.date(2018, 8, 31))
    assert (summer.type, summer.location) == ("summit", "Singapore")

    fridays = _by_words(candidates, "Friday")
    assert fridays and all(c.date.earliest == c.date.latest == dt.date(2019, 1, 18) for c in fridays)
    assert fridays[0].status == "occurred"
    assert {"Donald Trump", "Kim Jong Un", "White House"} <= {p.actor for p in fridays[0].actors}

    # Two sentences report the February summit: one candidate cites both.
    ends = _by_words(candidates, "near the end of February") + _by_words(
        candidates, "at the end of February")
    assert len(ends) == 1 and len(ends[0].spans) == 2
    for c in ends:
        assert (c.date.earliest, c.date.latest, c.date.precision) == (
            dt.date(2019, 2, 20), dt.date(2019, 2, 28), "part_of_month")
        assert c.status in ("planned", "announced")
    assert {c.type for c in ends} <= {"summit", "meeting"}
    (thursday,) = _by_words(candidates, "on Thursday")
    assert thursday.date.earliest == dt.date(2019, 1, 17)


def test_the_bundled_articles_meeting_of_18_january_is_proposed_as_inferred(bundled):
    # "The announcements came after a 90-minuted meeting…" has no date words of its own.
    _, candidates = bundled
    (meeting,) = [c for c in candidates if c.sentence.startswith("The announcements came after")]
    assert (meeting.date.earliest, meeting.date.latest) == (dt.date(2019, 1, 18), dt.date(2019, 1, 18))
    assert meeting.inferred_from == "Friday" and "inferred" in meeting.date.words
    assert (meeting.type, meeting.status) == ("meeting", "occurred")
    assert {"Kim Yong Chol", "Mike Pompeo"} <= {p.actor for p in meeting.actors}


def test_the_page_dateline_is_not_an_event(bundled):
    _, candidates = bundled
    assert not [c for c in candidates if "Published" in c.sentence or "Updated:" in c.sentence]


def test_to_event_cites_the_sentence(bundled):
    _, candidates = bundled
    event = candidates[0].to_event(7)
    assert event.id is None and event.title == candidates[0].title
    (x,) = event.excerpts
    assert (x.source_id, x.char_start, x.char_end, x.quote) == (
        7, *candidates[0].span, candidates[0].sentence)


def test_aliases_and_new_names():
    matcher = ActorMatcher([Actor(None, "Kim Jong Un"), Actor(None, "Donald Trump"),
                            Actor(None, "Mike Pompeo"), Actor(None, "Kim Yong Chol")])
    text = ("President Trump met Kim Jong-un and Kim Yong Chol; Pompeo and Stephen Biegun "
            "of the State Department joined, while Chairman Kim smiled.")
    names = [a.name for _, _, a in matcher.find(text)]
    assert names == ["Donald Trump", "Kim Jong Un", "Kim Yong Chol", "Mike Pompeo", "Kim Jong Un"]
    taken = [(x, y) for x, y, _ in matcher.find(text)]
    assert new_names(text, 0, len(text), taken) == ["Stephen Biegun", "State Department"]


def test_statuses_from_tense_and_modality():
    text = ("A third summit will take place in late March. Danang was speculated about in May. "
            "The visit was postponed last week. The leaders met on Friday.")
    got = {c.date.words: c.status for c in find_candidates(
        Source(None, "u", "t", text, published_at="2019-03-01"), [])}
    assert got == {"in late March": "planned", "in May": "speculated", "last week": "postponed",
                   "on Friday": "occurred"}


def test_text_without_dates_gives_an_empty_list():
    source = Source(None, "u", "t", "Talks continue. Nobody said when.", published_at="2019-01-19")
    assert find_candidates(source, []) == []


def test_a_source_without_publication_date_is_refused():
    with pytest.raises(ValueError, match="publication date"):
        find_candidates(Source(None, "u", "t", "They met on Friday."), [])


def test_sentences_keep_exact_spans_across_abbreviations_and_lines():
    text = "Mr. Kim met U.S. officials on Jan. 18.  He left.\nHeadline without stop\n\nEnd!"
    spans = list(sentence_spans(text))
    assert [text[a:b] for a, b in spans] == [
        "Mr. Kim met U.S. officials on Jan. 18.", "He left.", "Headline without stop", "End!"]


@pytest.mark.slow  # reads a 5 MB article
def test_a_5_mb_article_is_read_in_one_linear_pass():
    # No timing assert: the point is that a dense, unpunctuated 5 MB text (the worst
    # case for per-sentence work) completes, with bounded output and exact spans.
    chunk = "officials said in May and on Friday they will meet in late February "
    text = (chunk * (5 * 1024 * 1024 // len(chunk) + 1))[:5 * 1024 * 1024]
    candidates = find_candidates(Source(None, "u", "t", text, published_at="2019-03-01"), [])
    # The same three events over and over: merged, each citing a bounded number of sentences.
    assert 1 <= len(candidates) <= MAX_CANDIDATES
    assert all(len(c.spans) <= 1 + MAX_MORE for c in candidates)
    assert all(text[a:b] == c.sentence for c in candidates[:50] for a, b in c.spans[:1])
    assert all(len(c.sentence) <= 1000 for c in candidates)


def test_accept_all_stores_source_and_events_in_one_go(empty_store: Store):
    from tracker.article.accept import accept_all, stored_source_id

    source = read_article(ARTICLE)
    candidates = find_candidates(source, [])
    source_id, ids = accept_all(empty_store, source, candidates)
    assert len(ids) == len(candidates) == empty_store.count_events()
    assert stored_source_id(empty_store, read_article(ARTICLE)) == source_id  # found again
    for event_id, c in zip(ids, candidates, strict=True):
        stored = empty_store.get_event(event_id).excerpts
        assert all(x.valid for x in stored)  # every sentence that reports the event
        assert sorted((x.char_start, x.char_end) for x in stored) == sorted(c.spans)
