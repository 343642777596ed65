"""One grammar: words wire copy uses, read the same by parse_date (editor, CSV import,
`tracker parse-date`) and by article import. Sentences and phrases written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.article.candidates import find_candidates
from tracker.model.dateparse import parse_date
from tracker.model.entities import Source
from tracker.model.fuzzydate import DateError

REF = dt.date(2021, 3, 10)  # a Wednesday


def _window(text: str, ref: dt.date = REF, tense: str | None = None) -> tuple[str, str, str]:
    span = parse_date(text, reference=ref, tense=tense)
    return (span.start.earliest.isoformat(), (span.end or span.start).latest.isoformat(),
            span.start.precision)


@pytest.mark.parametrize(("words", "window"), [
    ("two days ago", ("2021-03-08", "2021-03-08", "day")),
    ("yesterday evening", ("2021-03-09", "2021-03-09", "day")),
    ("late on Monday", ("2021-03-08", "2021-03-08", "day")),
    ("later on Wednesday", ("2021-03-10", "2021-03-10", "day")),
    ("last night", ("2021-03-09", "2021-03-09", "day")),
    ("last July", ("2020-07-01", "2020-07-31", "month")),
    ("next July", ("2021-07-01", "2021-07-31", "month")),
    ("in June last year", ("2020-06-01", "2020-06-30", "month")),
    ("January this year", ("2021-01-01", "2021-01-31", "month")),
    ("in the coming days", ("2021-03-11", "2021-03-17", "days")),
    ("in recent days", ("2021-03-03", "2021-03-09", "days")),
    ("in the last week", ("2021-03-03", "2021-03-10", "days")),
    ("over the weekend", ("2021-03-06", "2021-03-07", "days")),
    ("all week", ("2021-03-08", "2021-03-14", "week")),
    ("the end of this month", ("2021-03-20", "2021-03-31", "part_of_month")),
    ("by the end of this year", ("2021-09-01", "2021-12-31", "season")),
    ("early next month", ("2021-04-01", "2021-04-10", "part_of_month")),
    ("onThursday", ("2021-03-04", "2021-03-04", "day")),
    ("4Feb2019", ("2019-02-04", "2019-02-04", "day")),
    ("May 3 (Mon) to May 7 (Fri)", ("2021-05-03", "2021-05-07", "day")),
])
def test_parse_date_reads_news_words_without_a_tense(words, window):
    assert _window(words) == window


def test_a_future_weekend_and_a_past_one():
    assert _window("over the weekend", tense="future")[:2] == ("2021-03-13", "2021-03-14")
    assert _window("last weekend", dt.date(2021, 3, 14))[:2] == ("2021-03-06", "2021-03-07")


def test_last_month_stays_the_calendar_month():
    assert _window("last month") == ("2021-02-01", "2021-02-28", "month")


def test_words_that_need_another_event_are_refused_with_a_message():
    with pytest.raises(DateError, match="counts from another event's date"):
        parse_date("the following day", reference=REF)
    with pytest.raises(DateError, match="not a date I understand"):
        parse_date("Febtober", reference=REF)


@pytest.mark.parametrize(("sentence", "words", "window"), [
    ("The envoy said talks would resume in the coming days.", "the coming days",
     ("2021-03-11", "2021-03-17")),
    ("Rebels shelled the port late on Monday, the army said.", "late on Monday",
     ("2021-03-08", "2021-03-08")),
    ("The minister visited Cairo in June last year.", "in June last year",
     ("2020-06-01", "2020-06-30")),
    ("Delegates have until the end of this month to agree.", "the end of this month",
     ("2021-03-20", "2021-03-31")),
    ("Both leaders spoke by phone onThursday.", "onThursday", ("2021-03-04", "2021-03-04")),
    ("The minister will tour the region from 22 March (Mon) to 26 March (Fri).",
     "from 22 March (Mon) to 26 March (Fri)", ("2021-03-22", "2021-03-26")),
])
def test_article_import_reads_the_same_words(sentence, words, window):
    (c,) = find_candidates(Source(None, "u", "t", sentence, published_at=REF.isoformat()), [])
    assert c.date.words == words
    assert (c.date.earliest.isoformat(), (c.end or c.date).latest.isoformat()) == window
