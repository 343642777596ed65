"""The resolver's rules, one by one, and the labelled set held to its threshold."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tracker.article.evaluate import evaluate, load, main
from tracker.article.resolve import resolve_expression, resolve_span
from tracker.article.temporal import find_expressions
from tracker.article.tense import tense_at
from tracker.model.fuzzydate import DateError

# The labelled set lives beside the tests (not in the installed package).
DEFAULT_FILE = Path(__file__).resolve().parent / "data" / "temporal" / "labelled.jsonl"
REF = dt.date(2019, 1, 19)  # the bundled article's Saturday


def window(text: str, tense: str | None = None, ref: dt.date = REF) -> tuple[str, str, str]:
    f = resolve_expression(text, ref, tense)
    assert f.words == text
    return f.earliest.isoformat(), f.latest.isoformat(), f.precision


@pytest.mark.parametrize(("text", "tense", "expected"), [
    ("In May", "past", ("2018-05-01", "2018-05-31", "month")),
    ("In May", "future", ("2019-05-01", "2019-05-31", "month")),
    ("in January", "past", ("2019-01-01", "2019-01-31", "month")),  # the current month
    ("late February", "past", ("2018-02-20", "2018-02-28", "part_of_month")),
    ("near the end of February", "future", ("2019-02-20", "2019-02-28", "part_of_month")),
    ("early March", "future", ("2019-03-01", "2019-03-10", "part_of_month")),
    ("mid-February", "future", ("2019-02-11", "2019-02-20", "part_of_month")),
    ("18 January", "past", ("2019-01-18", "2019-01-18", "day")),
    ("18 January", "future", ("2020-01-18", "2020-01-18", "day")),
])
def test_year_less_forms_follow_the_tense(text, tense, expected):
    assert window(text, tense) == expected


@pytest.mark.parametrize(("text", "tense", "day"), [
    ("Friday", "past", "2019-01-18"),  # "the White House announced Friday"
    ("on Friday", "future", "2019-01-25"),  # "will meet on Friday"
    ("on Saturday", "present", "2019-01-19"),  # the publication day itself
    ("on Saturday", "past", "2019-01-19"),  # news reports the same day by name
    ("on Saturday", "future", "2019-01-26"),
    ("on Monday", "present", "2019-01-21"),  # the nearer one: 2 days ahead, not 5 back
    ("last Saturday", None, "2019-01-12"),
    ("next Saturday", None, "2019-01-26"),
    ("this Wednesday", None, "2019-01-16"),
    ("on Thursday evening", "past", "2019-01-17"),
])
def test_weekdays(text, tense, day):
    assert window(text, tense) == (day, day, "day")


@pytest.mark.parametrize(("text", "tense", "expected"), [
    ("last summer", None, ("2018-06-01", "2018-08-31", "season")),
    ("last summer", "future", ("2018-06-01", "2018-08-31", "season")),  # the words decide
    ("next spring", None, ("2019-03-01", "2019-05-31", "season")),
    ("this winter", None, ("2018-12-01", "2019-02-28", "season")),  # the one we are in
    ("last winter", None, ("2017-12-01", "2018-02-28", "season")),
    ("in the autumn", "future", ("2019-09-01", "2019-11-30", "season")),
    ("in the autumn", "past", ("2018-09-01", "2018-11-30", "season")),
])
def test_seasons(text, tense, expected):
    assert window(text, tense) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("yesterday", ("2019-01-18", "2019-01-18", "day")),
    ("today", ("2019-01-19", "2019-01-19", "day")),
    ("the day after tomorrow", ("2019-01-21", "2019-01-21", "day")),
    ("last week", ("2019-01-07", "2019-01-13", "week")),
    ("next month", ("2019-02-01", "2019-02-28", "month")),
    ("two days ago", ("2019-01-17", "2019-01-17", "day")),
    ("in two weeks", ("2019-01-28", "2019-02-03", "week")),  # the week of 2 February
    ("three months ago", ("2018-10-01", "2018-10-31", "month")),
    ("in 3 days", ("2019-01-22", "2019-01-22", "day")),
    ("a few days ago", ("2019-01-15", "2019-01-17", "days")),
    ("earlier this month", ("2019-01-01", "2019-01-18", "part_of_month")),
    ("later this month", ("2019-01-20", "2019-01-31", "part_of_month")),
    ("earlier this week", ("2019-01-14", "2019-01-18", "days")),
])
def test_relative_phrases(text, expected):
    assert window(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("in 2017", ("2017-01-01", "2017-12-31", "year")),
    ("the 1990s", ("1990-01-01", "1999-12-31", "decade")),
    ("the late 1990s", ("1997-01-01", "1999-12-31", "decade")),
    ("the '60s", ("1960-01-01", "1969-12-31", "decade")),
    ("on 12 June 2018", ("2018-06-12", "2018-06-12", "day")),
    ("February 27-28, 2019", ("2019-02-27", "2019-02-28", "days")),
])
def test_years_decades_and_absolute_dates(text, expected):
    assert window(text, "past") == expected


def test_a_range_keeps_both_ends_for_the_event():
    start, end = resolve_span("27–28 February", REF, "future")
    assert (start.earliest, end.latest) == (dt.date(2019, 2, 27), dt.date(2019, 2, 28))


def test_nonsense_and_unknown_tense_are_refused_with_a_message():
    with pytest.raises(DateError):
        resolve_expression("the blue moon", REF, "past")
    with pytest.raises(DateError, match="tense"):
        resolve_expression("Friday", REF, "pluperfect")


def test_tense_is_read_from_the_clause_of_the_date_not_the_sentence():
    s = ("Trump and Kim will hold their second meeting at the end of February, "
         "the White House announced Friday.")
    feb, fri = s.index("at the end"), s.index("Friday")
    assert tense_at(s, feb, feb + 22) == "future"
    assert tense_at(s, fri, fri + 6) == "past"
    s2 = "Drills will be scaled back from mid-March."  # a passive participle is not past
    assert tense_at(s2, s2.index("mid"), len(s2) - 1) == "future"


@pytest.mark.parametrize(("sentence", "words"), [
    ("Theresa May said the vote may happen.", []),  # a name and a modal, not the month
    ("Protesters plan to march on the capital.", []),
    ("The Arab Spring changed the region.", []),
    ("Costs rose by $2019 and 2019 people came.", ["2019"]),
    ("In May, the North freed three detainees.", ["In May"]),
    ("They were sworn in earlier this week.", ["earlier this week"]),
])
def test_the_finder_skips_words_that_only_look_like_dates(sentence, words):
    assert [f.words for f in find_expressions(sentence)] == words


def test_labelled_set_meets_the_threshold():
    items = load(DEFAULT_FILE)
    assert len(items) >= 150
    assert {i["category"] for i in items} >= {"absolute", "bare_month", "weekday", "season",
                                              "part_of_month", "relative", "year", "decade"}
    report = evaluate(items)
    assert report.accuracy >= 0.95, "\n".join(report.failures)
    for name, tally in report.by_category.items():
        assert tally.total >= 10, name


def test_evaluate_script_exits_non_zero_below_the_threshold(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"sentence": "They met in May.", "expression": "in May", "reference": '
                   '"2019-01-19", "tense": "past", "earliest": "2017-05-01", "latest": '
                   '"2017-05-31", "precision": "month", "category": "bare_month"}\n')
    assert main(["--file", str(bad)]) == 1
    assert "BELOW" in capsys.readouterr().out
    assert main(["--file", str(DEFAULT_FILE)]) == 0
