"""The date parser: what people type becomes the window they meant, or a message that helps.

The reference day is the bundled article's publication day, so "last week" and year-less
dates resolve the way a reader of that article would resolve them.
"""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.model.dateparse import (
    MAX_LENGTH,
    DateSpan,
    describe_span,
    format_fuzzy,
    format_span,
    parse_date,
    parse_single,
    span_as_dict,
)
from tracker.model.fuzzydate import DateError, FuzzyDate
from tracker.model.vocab import PRECISIONS

D = dt.date
REF = D(2019, 1, 19)  # a Saturday


ACCEPTED: list[tuple[str, tuple[D, D, str], tuple[D, D, str] | None]] = [
    # ISO
    ("2019-02-27", (D(2019, 2, 27), D(2019, 2, 27), "day"), None),
    ("2019-02", (D(2019, 2, 1), D(2019, 2, 28), "month"), None),
    ("2020-02", (D(2020, 2, 1), D(2020, 2, 29), "month"), None),
    ("2019", (D(2019, 1, 1), D(2019, 12, 31), "year"), None),
    ("0800", (D(800, 1, 1), D(800, 12, 31), "year"), None),
    ("2019-1-8", (D(2019, 1, 8), D(2019, 1, 8), "day"), None),
    ("2019-01-18 08:33", (D(2019, 1, 18), D(2019, 1, 18), "day"), None),
    ("20190118", (D(2019, 1, 18), D(2019, 1, 18), "day"), None),
    ("2019-01-18T08:33:00+05:30", (D(2019, 1, 18), D(2019, 1, 18), "day"), None),
    # days written with words
    ("18 Jan 2019", (D(2019, 1, 18), D(2019, 1, 18), "day"), None),
    ("18 January 2019", (D(2019, 1, 18), D(2019, 1, 18), "day"), None),
    ("January 18, 2019", (D(2019, 1, 18), D(2019, 1, 18), "day"), None),
    ("Jan 18 2019", (D(2019, 1, 18), D(2019, 1, 18), "day"), None),
    ("Friday 18 January 2019", (D(2019, 1, 18), D(2019, 1, 18), "day"), None),
    ("Friday, January 18, 2019", (D(2019, 1, 18), D(2019, 1, 18), "day"), None),
    ("Fri 18 Jan 2019", (D(2019, 1, 18), D(2019, 1, 18), "day"), None),
    ("18th January 2019", (D(2019, 1, 18), D(2019, 1, 18), "day"), None),
    ("the 18th of January 2019", (D(2019, 1, 18), D(2019, 1, 18), "day"), None),
    ("  18   JAN.  2019  ", (D(2019, 1, 18), D(2019, 1, 18), "day"), None),
    ("on 1 Sept 2019", (D(2019, 9, 1), D(2019, 9, 1), "day"), None),
    ("29 February 2020", (D(2020, 2, 29), D(2020, 2, 29), "day"), None),
    # months, years, decades, quarters
    ("January 2019", (D(2019, 1, 1), D(2019, 1, 31), "month"), None),
    ("Jan 2019", (D(2019, 1, 1), D(2019, 1, 31), "month"), None),
    ("in September of 2018", (D(2018, 9, 1), D(2018, 9, 30), "month"), None),
    ("the 2010s", (D(2010, 1, 1), D(2019, 12, 31), "decade"), None),
    ("2010s", (D(2010, 1, 1), D(2019, 12, 31), "decade"), None),
    ("the 1990's", (D(1990, 1, 1), D(1999, 12, 31), "decade"), None),
    ("Q1 2019", (D(2019, 1, 1), D(2019, 3, 31), "quarter"), None),
    ("q4 2018", (D(2018, 10, 1), D(2018, 12, 31), "quarter"), None),
    ("first quarter of 2019", (D(2019, 1, 1), D(2019, 3, 31), "quarter"), None),
    ("the third quarter of 2019", (D(2019, 7, 1), D(2019, 9, 30), "quarter"), None),
    ("2019 Q2", (D(2019, 4, 1), D(2019, 6, 30), "quarter"), None),
    # seasons and parts of a year
    ("spring 2018", (D(2018, 3, 1), D(2018, 5, 31), "season"), None),
    ("summer 2018", (D(2018, 6, 1), D(2018, 8, 31), "season"), None),
    ("autumn 2018", (D(2018, 9, 1), D(2018, 11, 30), "season"), None),
    ("fall of 2018", (D(2018, 9, 1), D(2018, 11, 30), "season"), None),
    ("winter 2018", (D(2018, 12, 1), D(2019, 2, 28), "season"), None),
    ("winter 2019/20", (D(2019, 12, 1), D(2020, 2, 29), "season"), None),
    ("early 2019", (D(2019, 1, 1), D(2019, 4, 30), "season"), None),
    ("mid-2019", (D(2019, 5, 1), D(2019, 8, 31), "season"), None),
    ("late 2019", (D(2019, 9, 1), D(2019, 12, 31), "season"), None),
    ("the end of 2019", (D(2019, 9, 1), D(2019, 12, 31), "season"), None),
    # parts of a month
    ("early February 2019", (D(2019, 2, 1), D(2019, 2, 10), "part_of_month"), None),
    ("beginning of February 2019", (D(2019, 2, 1), D(2019, 2, 10), "part_of_month"), None),
    ("the start of Feb 2019", (D(2019, 2, 1), D(2019, 2, 10), "part_of_month"), None),
    ("mid February 2019", (D(2019, 2, 11), D(2019, 2, 20), "part_of_month"), None),
    ("mid-February 2019", (D(2019, 2, 11), D(2019, 2, 20), "part_of_month"), None),
    ("mid–Feb 2019", (D(2019, 2, 11), D(2019, 2, 20), "part_of_month"), None),
    ("the middle of February 2019", (D(2019, 2, 11), D(2019, 2, 20), "part_of_month"), None),
    ("late February 2019", (D(2019, 2, 20), D(2019, 2, 28), "part_of_month"), None),
    ("late February 2020", (D(2020, 2, 20), D(2020, 2, 29), "part_of_month"), None),
    ("end of February 2019", (D(2019, 2, 20), D(2019, 2, 28), "part_of_month"), None),
    ("the end of February 2019", (D(2019, 2, 20), D(2019, 2, 28), "part_of_month"), None),
    ("near the end of February 2019", (D(2019, 2, 20), D(2019, 2, 28), "part_of_month"), None),
    ("at the end of March 2019", (D(2019, 3, 20), D(2019, 3, 31), "part_of_month"), None),
    # around, week of
    ("around 10 May 2018", (D(2018, 5, 7), D(2018, 5, 13), "days"), None),
    ("about 10 May 2018", (D(2018, 5, 7), D(2018, 5, 13), "days"), None),
    ("c. 10 May 2018", (D(2018, 5, 7), D(2018, 5, 13), "days"), None),
    ("circa 2018-05-10", (D(2018, 5, 7), D(2018, 5, 13), "days"), None),
    ("approximately May 10, 2018", (D(2018, 5, 7), D(2018, 5, 13), "days"), None),
    ("~10 May 2018", (D(2018, 5, 7), D(2018, 5, 13), "days"), None),
    ("around May 2018", (D(2018, 5, 1), D(2018, 5, 31), "month"), None),
    ("week of 14 January 2019", (D(2019, 1, 14), D(2019, 1, 20), "week"), None),
    ("the week of 17 January 2019", (D(2019, 1, 14), D(2019, 1, 20), "week"), None),
    # between: one uncertain window
    ("between 2019-02-27 and 2019-02-28", (D(2019, 2, 27), D(2019, 2, 28), "days"), None),
    ("between 27 and 28 February 2019", (D(2019, 2, 27), D(2019, 2, 28), "days"), None),
    ("between January and March 2019", (D(2019, 1, 1), D(2019, 3, 31), "month"), None),
    ("between 15 Jan 2019 and 15 Feb 2019 (a month)",
     (D(2019, 1, 15), D(2019, 2, 15), "month"), None),
    ("between 1 Jan 2019 and 3 Jan 2019 (part_of_month)",
     (D(2019, 1, 1), D(2019, 1, 3), "part_of_month"), None),
    # ranges: start and end
    ("27–28 Feb 2019", (D(2019, 2, 27), D(2019, 2, 27), "day"),
     (D(2019, 2, 28), D(2019, 2, 28), "day")),
    ("27-28 February 2019", (D(2019, 2, 27), D(2019, 2, 27), "day"),
     (D(2019, 2, 28), D(2019, 2, 28), "day")),
    ("27 — 28 Feb 2019", (D(2019, 2, 27), D(2019, 2, 27), "day"),
     (D(2019, 2, 28), D(2019, 2, 28), "day")),
    ("27 Feb – 2 Mar 2019", (D(2019, 2, 27), D(2019, 2, 27), "day"),
     (D(2019, 3, 2), D(2019, 3, 2), "day")),
    ("Feb 27 - Mar 2, 2019", (D(2019, 2, 27), D(2019, 2, 27), "day"),
     (D(2019, 3, 2), D(2019, 3, 2), "day")),
    ("Feb 27-28, 2019", (D(2019, 2, 27), D(2019, 2, 27), "day"),
     (D(2019, 2, 28), D(2019, 2, 28), "day")),
    ("2019-02-27 to 2019-02-28", (D(2019, 2, 27), D(2019, 2, 27), "day"),
     (D(2019, 2, 28), D(2019, 2, 28), "day")),
    ("2019-02-27 - 2019-03-02", (D(2019, 2, 27), D(2019, 2, 27), "day"),
     (D(2019, 3, 2), D(2019, 3, 2), "day")),
    ("2019-02-27/2019-02-28", (D(2019, 2, 27), D(2019, 2, 27), "day"),
     (D(2019, 2, 28), D(2019, 2, 28), "day")),
    ("from 27 Feb 2019 to 28 Feb 2019", (D(2019, 2, 27), D(2019, 2, 27), "day"),
     (D(2019, 2, 28), D(2019, 2, 28), "day")),
    ("from 27 Feb 2019 until 2 March", (D(2019, 2, 27), D(2019, 2, 27), "day"),
     (D(2019, 3, 2), D(2019, 3, 2), "day")),
    ("27 Dec – 2 Jan 2019", (D(2018, 12, 27), D(2018, 12, 27), "day"),
     (D(2019, 1, 2), D(2019, 1, 2), "day")),
    ("January–March 2019", (D(2019, 1, 1), D(2019, 1, 31), "month"),
     (D(2019, 3, 1), D(2019, 3, 31), "month")),
    ("2018–2019", (D(2018, 1, 1), D(2018, 12, 31), "year"),
     (D(2019, 1, 1), D(2019, 12, 31), "year")),
    ("early–mid February 2019", (D(2019, 2, 1), D(2019, 2, 10), "part_of_month"),
     (D(2019, 2, 11), D(2019, 2, 20), "part_of_month")),
    ("February 2019 to 27 Feb 2019", (D(2019, 2, 1), D(2019, 2, 28), "month"),
     (D(2019, 2, 27), D(2019, 2, 27), "day")),
    # no year: nearest the reference (19 Jan 2019)
    ("18 January", (D(2019, 1, 18), D(2019, 1, 18), "day"), None),
    ("Friday 18 January", (D(2019, 1, 18), D(2019, 1, 18), "day"), None),
    ("February", (D(2019, 2, 1), D(2019, 2, 28), "month"), None),
    ("December", (D(2018, 12, 1), D(2018, 12, 31), "month"), None),
    ("late February", (D(2019, 2, 20), D(2019, 2, 28), "part_of_month"), None),
    ("near the end of February", (D(2019, 2, 20), D(2019, 2, 28), "part_of_month"), None),
    ("winter", (D(2018, 12, 1), D(2019, 2, 28), "season"), None),
    ("Q4", (D(2018, 10, 1), D(2018, 12, 31), "quarter"), None),
    ("29 February", (D(2020, 2, 29), D(2020, 2, 29), "day"), None),
    ("27-28 Feb", (D(2019, 2, 27), D(2019, 2, 27), "day"),
     (D(2019, 2, 28), D(2019, 2, 28), "day")),
    # relative to the reference
    ("today", (REF, REF, "day"), None),
    ("yesterday", (D(2019, 1, 18), D(2019, 1, 18), "day"), None),
    ("Tomorrow", (D(2019, 1, 20), D(2019, 1, 20), "day"), None),
    ("last week", (D(2019, 1, 7), D(2019, 1, 13), "week"), None),
    ("this week", (D(2019, 1, 14), D(2019, 1, 20), "week"), None),
    ("next week", (D(2019, 1, 21), D(2019, 1, 27), "week"), None),
    ("this month", (D(2019, 1, 1), D(2019, 1, 31), "month"), None),
    ("last month", (D(2018, 12, 1), D(2018, 12, 31), "month"), None),
    ("next month", (D(2019, 2, 1), D(2019, 2, 28), "month"), None),
    ("last year", (D(2018, 1, 1), D(2018, 12, 31), "year"), None),
    ("next year", (D(2020, 1, 1), D(2020, 12, 31), "year"), None),
    ("yesterday to tomorrow", (D(2019, 1, 18), D(2019, 1, 18), "day"),
     (D(2019, 1, 20), D(2019, 1, 20), "day")),
]


@pytest.mark.parametrize(("text", "start", "end"), ACCEPTED, ids=[t for t, _, _ in ACCEPTED])
def test_accepted(text: str, start: tuple[D, D, str], end: tuple[D, D, str] | None) -> None:
    span = parse_date(text, reference=REF)
    assert (span.start.earliest, span.start.latest, span.start.precision) == start
    if end is None:
        assert span.end is None
    else:
        assert span.end is not None
        assert (span.end.earliest, span.end.latest, span.end.precision) == end
    assert span.start.words == text.strip()


def test_table_is_large_enough() -> None:
    assert len(ACCEPTED) >= 60
    assert len(REJECTED) >= 20


REJECTED: list[tuple[str, str]] = [
    ("", "enter a date"),
    ("   ", "enter a date"),
    ("Febtober 2019", "'febtober'"),
    ("next Febtober", "not a date I understand"),
    ("27/02/2019", "Write the month as a word"),
    ("02/27/2019", "or use ISO"),
    ("27.02.2019", "ambiguous"),
    ("27-02-2019", "ambiguous"),
    ("31 Feb 2019", "February 2019 has 28 days"),
    ("31 February", "February never has a day 31"),
    ("29 Feb 2019", "February 2019 has 28 days"),
    ("2019-02-31", "February 2019 has 28 days"),
    ("2019-04-31", "April 2019 has 30 days"),
    ("2019-13-01", "no month 13"),
    ("2019-00", "no month 0"),
    ("0 January 2019", "no day 0"),
    ("0000-00-00", "no year 0"),
    ("0000", "no year 0"),
    ("10000", "out of range"),
    ("18 Jan 12019", "out of range"),
    ("18 Jan 019", "four digits"),
    ("18 Jan 19", "e.g. 2019 or 1919"),
    ("Friday, January 18, 19", "four digits"),
    ("2018-19", "write 2018 to 2019"),
    ("20190231", "February 2019 has 28 days"),
    ("Monday 18 January 2019", "is a Friday, not a Monday"),
    ("2019-02-28 to 2019-02-27", "the end (27 Feb 2019) is before the start (28 Feb 2019)"),
    ("28 - 27 Feb 2019", "the end (27 Feb 2019) is before the start (28 Feb 2019)"),
    ("between 2019-03-01 and 2019-02-01", "is before the first"),
    ("between 1 Jan 2019 and 5 Jan 2019 (fortnightish)", "not a precision"),
    ("the 2015s", "ending in 0"),
    ("winter 2018/20", "two consecutive years"),
    ("week of February 2019", "needs a day"),
    ("winter 9999", "after 9999"),
    ("x" * (MAX_LENGTH + 1), "too long"),
    ("2019\x00", "not a date I understand"),
    ("18 Jan 2019 12 Feb", "not a date I understand"),
]


@pytest.mark.parametrize(("text", "needle"), REJECTED, ids=[t[:40] for t, _ in REJECTED])
def test_rejected_with_a_message_that_names_the_problem(text: str, needle: str) -> None:
    with pytest.raises(DateError) as info:
        parse_date(text, reference=REF)
    message = str(info.value)
    assert needle.lower() in message.lower()
    assert len(message) < 600  # a message for people, not a dump of the input


def test_not_understood_message_quotes_the_text_and_gives_examples() -> None:
    with pytest.raises(DateError) as info:
        parse_date("Febtober 2019")
    message = str(info.value)
    assert message.startswith("'Febtober 2019' is not a date I understand")
    assert "Try: 2019-02-27, 18 Jan 2019" in message and "2019-02-27 to 2019-02-28." in message


def test_control_characters_are_escaped_in_the_message() -> None:
    with pytest.raises(DateError) as info:
        parse_date("1\x00 May")
    assert "\x00" not in str(info.value) and "\\x00" in str(info.value)


def test_huge_input_is_refused_early() -> None:
    with pytest.raises(DateError, match="too long"):
        parse_date("2019 " * 2_000_000)


def test_missing_year_needs_a_leap_year_nearby() -> None:
    with pytest.raises(DateError, match="write the year"):
        parse_date("29 February", reference=D(2022, 6, 1))


def test_relative_words_at_the_edge_of_the_calendar_are_refused_cleanly() -> None:
    with pytest.raises(DateError, match="9999"):
        parse_date("tomorrow", reference=D(9999, 12, 31))
    with pytest.raises(DateError, match="9999"):
        parse_date("next year", reference=D(9999, 5, 1))


def test_words_keep_the_users_text_for_both_ends_of_a_range() -> None:
    span = parse_date("  27–28 Feb 2019 ", reference=REF)
    assert span.start.words == span.end.words == "27–28 Feb 2019"


def test_reference_defaults_to_today() -> None:
    assert parse_date("today").start.earliest == dt.date.today()


def test_a_datetime_reference_is_accepted() -> None:
    assert parse_date("today", reference=dt.datetime(2019, 1, 19, 23, 59)).start.earliest == REF


def test_parse_single_returns_the_window_and_refuses_ranges() -> None:
    assert parse_single("late February 2019") == FuzzyDate(
        D(2019, 2, 20), D(2019, 2, 28), "part_of_month", "late February 2019")
    with pytest.raises(DateError, match="is a range") as info:
        parse_single("27–28 Feb 2019")
    assert "between 27 Feb 2019 and 28 Feb 2019" in str(info.value)


@pytest.mark.parametrize(("f", "text"), [
    (FuzzyDate(D(2019, 1, 18), D(2019, 1, 18), "day"), "18 Jan 2019"),
    (FuzzyDate(D(2019, 2, 1), D(2019, 2, 28), "month"), "February 2019"),
    (FuzzyDate(D(2019, 1, 1), D(2019, 12, 31), "year"), "2019"),
    (FuzzyDate(D(2019, 2, 20), D(2019, 2, 28), "part_of_month"), "late February 2019"),
    (FuzzyDate(D(2019, 2, 1), D(2019, 2, 10), "part_of_month"), "early February 2019"),
    (FuzzyDate(D(2019, 2, 11), D(2019, 2, 20), "part_of_month"), "mid-February 2019"),
    (FuzzyDate(D(2019, 2, 20), D(2019, 2, 28), "part_of_month"), "late February 2019"),  # = "end of"
    (FuzzyDate(D(2019, 2, 5), D(2019, 2, 8), "part_of_month"),
     "between 5 Feb 2019 and 8 Feb 2019 (part of a month)"),
    (FuzzyDate(D(2018, 6, 1), D(2018, 8, 31), "season"), "summer 2018"),
    (FuzzyDate(D(2018, 12, 1), D(2019, 2, 28), "season"), "winter 2018"),
    (FuzzyDate(D(2019, 5, 1), D(2019, 8, 31), "season"), "mid-2019"),
    (FuzzyDate(D(2019, 1, 1), D(2019, 3, 31), "quarter"), "Q1 2019"),
    (FuzzyDate(D(2010, 1, 1), D(2019, 12, 31), "decade"), "the 2010s"),
    (FuzzyDate(D(2019, 1, 14), D(2019, 1, 20), "week"), "week of 14 Jan 2019"),
    (FuzzyDate(D(2018, 5, 7), D(2018, 5, 13), "days"), "around 10 May 2018"),
    (FuzzyDate(D(2019, 1, 18), D(2019, 1, 19), "days"), "between 18 Jan 2019 and 19 Jan 2019"),
    (FuzzyDate(D(800, 3, 1), D(800, 3, 1), "day"), "1 Mar 0800"),
])
def test_format_fuzzy(f: FuzzyDate, text: str) -> None:
    assert format_fuzzy(f) == text


def test_describe_span_is_the_live_interpretation() -> None:
    assert (describe_span(parse_date("late February 2019"))
            == "late February 2019 → 20–28 Feb 2019, part of a month")
    assert (describe_span(parse_date("near the end of February", reference=REF))
            == "near the end of February → 20–28 Feb 2019, part of a month")
    assert (describe_span(parse_date("27–28 Feb 2019"))
            == "27–28 Feb 2019 → from 27 Feb 2019 (exact day) to 28 Feb 2019 (exact day)")
    assert describe_span(DateSpan(FuzzyDate.exact(D(2019, 1, 18)))) == "18 Jan 2019, exact day"


def test_span_as_dict_is_plain_json_data() -> None:
    assert span_as_dict(parse_date("27–28 Feb 2019")) == {
        "words": "27–28 Feb 2019",
        "start": {"earliest": "2019-02-27", "latest": "2019-02-27", "precision": "day"},
        "end": {"earliest": "2019-02-28", "latest": "2019-02-28", "precision": "day"},
        "canonical": "27 Feb 2019 to 28 Feb 2019",
        "description": "27–28 Feb 2019 → from 27 Feb 2019 (exact day) to 28 Feb 2019 (exact day)",
    }


# --- properties -------------------------------------------------------------------------

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_TOKENS = [
    "18", "27", "31", "0", "2019", "2020", "0000", "9999", "10000", "jan", "February", "sept",
    "Friday", "mon", "early", "mid-", "late", "end of", "the", "of", "summer", "winter", "Q1",
    "first quarter", "around", "~", "c.", "week of", "between", "and", "to", "-", "–", "from",
    "today", "last", "next", "week", "month", "year", "2019-02-27", "2019-02", "2019-02-31",
    "(a month)", "2010s", ",", "/", "th",
]
date_like = st.lists(st.sampled_from(_TOKENS), min_size=1, max_size=7).map(" ".join)
any_text = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(max_codepoint=0x3F), max_size=300),  # digits, '-', '/', controls
    st.text(min_size=190, max_size=260),
    date_like,
)
references = st.dates(min_value=D(1, 1, 1), max_value=D(9999, 12, 31))


@FAST
@given(text=any_text, reference=references)
def test_any_text_parses_or_raises_date_error(text: str, reference: D) -> None:
    try:
        span = parse_date(text, reference=reference)
    except DateError as exc:
        assert str(exc)
        return
    assert isinstance(span, DateSpan)


@FAST
@given(text=date_like, reference=st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31)))
def test_windows_are_ordered_and_ranges_do_not_end_before_they_start(text: str, reference: D) -> None:
    try:
        span = parse_date(text, reference=reference)
    except DateError:
        return
    assert span.start.earliest <= span.start.latest
    assert span.start.precision in PRECISIONS
    if span.end is not None:
        assert span.end.earliest <= span.end.latest
        assert span.end.latest >= span.start.earliest
    describe_span(span)  # (d) never raises
    again = parse_date(format_span(span), reference=D(1, 1, 1))  # canonical text needs no reference
    assert again.start == FuzzyDate(span.start.earliest, span.start.latest, span.start.precision,
                                    again.start.words)
    assert (again.end is None) == (span.end is None)
    if span.end is not None:
        assert (again.end.earliest, again.end.latest, again.end.precision) == (
            span.end.earliest, span.end.latest, span.end.precision)


def _month_end(year: int, month: int) -> D:
    return D(year, month, calendar.monthrange(year, month)[1])


years = st.integers(1, 9999)


@st.composite
def fuzzy_dates(draw: st.DrawFn) -> FuzzyDate:
    """Windows of every kind the app stores, natural ones and arbitrary ones."""
    kind = draw(st.sampled_from(
        ["day", "days", "week", "part", "month", "season", "part_year", "quarter", "year",
         "decade", "arbitrary"]))
    if kind in ("day", "days", "week", "arbitrary"):
        a = draw(st.dates(min_value=D(1, 1, 1), max_value=D(9999, 12, 1)))
        if kind == "day":
            return FuzzyDate(a, a, "day")
        if kind == "days":
            return FuzzyDate(a, a + dt.timedelta(days=draw(st.integers(0, 20))), "days")
        if kind == "week":
            monday = a - dt.timedelta(days=a.weekday())  # 1 Jan 0001 is a Monday
            return FuzzyDate(monday, monday + dt.timedelta(days=6), "week")
        b = D.fromordinal(min(D.max.toordinal(), a.toordinal() + draw(st.integers(0, 800))))
        return FuzzyDate(a, b, draw(st.sampled_from(list(PRECISIONS))))
    year, month = draw(years), draw(st.integers(1, 12))
    if kind == "part":
        last = _month_end(year, month).day
        lo, hi = draw(st.sampled_from([(1, 10), (11, 20), (21, last), (20, last)]))
        return FuzzyDate(D(year, month, lo), D(year, month, hi), "part_of_month")
    if kind == "month":
        return FuzzyDate(D(year, month, 1), _month_end(year, month), "month")
    if kind == "season":
        first = draw(st.sampled_from([3, 6, 9, 12] if year < 9999 else [3, 6, 9]))
        end_year, end_month = (year + 1, 2) if first == 12 else (year, first + 2)
        return FuzzyDate(D(year, first, 1), _month_end(end_year, end_month), "season")
    if kind == "part_year":
        lo, hi = draw(st.sampled_from([(1, 4), (5, 8), (9, 12)]))
        return FuzzyDate(D(year, lo, 1), _month_end(year, hi), "season")
    if kind == "quarter":
        q = draw(st.integers(1, 4))
        return FuzzyDate(D(year, 3 * q - 2, 1), _month_end(year, 3 * q), "quarter")
    if kind == "year":
        return FuzzyDate(D(year, 1, 1), D(year, 12, 31), "year")
    start = draw(st.integers(1, 999)) * 10
    return FuzzyDate(D(start, 1, 1), D(start + 9, 12, 31), "decade")


@settings(max_examples=300, deadline=None)
@given(f=fuzzy_dates(), reference=references)
def test_format_fuzzy_round_trips(f: FuzzyDate, reference: D) -> None:
    text = format_fuzzy(f)
    span = parse_date(text, reference=reference)
    assert span.end is None, text
    assert (span.start.earliest, span.start.latest, span.start.precision) == (
        f.earliest, f.latest, f.precision), text
    assert parse_single(text, reference=reference).precision == f.precision


@FAST
@given(start=fuzzy_dates(), end=fuzzy_dates(), words=st.text(max_size=50))
def test_describe_span_never_raises(start: FuzzyDate, end: FuzzyDate, words: str) -> None:
    start = FuzzyDate(start.earliest, start.latest, start.precision, words)
    assert describe_span(DateSpan(start))
    assert describe_span(DateSpan(start, end))
