import datetime as dt

import pytest

from tracker.model.fuzzydate import DateError, FuzzyDate, format_window, parse_bound

D = dt.date


def test_exact_day_is_exact_and_reads_naturally():
    f = FuzzyDate.exact(D(2019, 1, 18), "Friday")
    assert f.is_exact and f.days == 1
    assert f.window_text() == "18 Jan 2019"
    assert f.describe() == "18 Jan 2019, exact day"


def test_uncertain_window_keeps_its_words():
    f = FuzzyDate(D(2019, 2, 20), D(2019, 2, 28), "part_of_month", "near the end of February")
    assert not f.is_exact and f.days == 9
    assert f.describe() == "20–28 Feb 2019, part of a month"
    assert f.words == "near the end of February"


@pytest.mark.parametrize(("a", "b", "text"), [
    (D(2018, 5, 1), D(2018, 5, 31), "May 2018"),
    (D(2018, 6, 1), D(2018, 8, 31), "Jun–Aug 2018"),
    (D(2019, 1, 1), D(2019, 12, 31), "2019"),
    (D(2010, 1, 1), D(2019, 12, 31), "2010–2019"),
    (D(2019, 1, 18), D(2019, 1, 19), "18–19 Jan 2019"),
    (D(2019, 1, 30), D(2019, 2, 2), "30 Jan – 2 Feb 2019"),
    (D(2018, 12, 30), D(2019, 1, 2), "30 Dec 2018 – 2 Jan 2019"),
    (D(2018, 11, 1), D(2019, 2, 28), "Nov 2018 – Feb 2019"),
])
def test_format_window(a, b, text):
    assert format_window(a, b) == text


def test_latest_before_earliest_is_refused_with_a_clear_message():
    with pytest.raises(DateError, match="before the earliest"):
        FuzzyDate(D(2019, 2, 1), D(2019, 1, 1), "month")


def test_unknown_precision_lists_the_accepted_ones():
    with pytest.raises(DateError, match="part_of_month"):
        FuzzyDate(D(2019, 2, 1), D(2019, 2, 1), "fortnightish")


def test_from_iso_names_the_bad_text():
    with pytest.raises(DateError, match="'2019-02-31'"):
        FuzzyDate.from_iso("2019-02-31", None, "day")


@pytest.mark.parametrize(("text", "end", "expected"), [
    ("2019", False, D(2019, 1, 1)),
    ("2019", True, D(2019, 12, 31)),
    ("2019-02", True, D(2019, 2, 28)),
    ("2020-02", True, D(2020, 2, 29)),
    ("2019-01-18", False, D(2019, 1, 18)),
])
def test_parse_bound(text, end, expected):
    assert parse_bound(text, end=end) == expected


@pytest.mark.parametrize("bad", ["", "Febtober", "2019-13", "19", "2019-02-30", "0000-00-00"])
def test_parse_bound_rejects_nonsense(bad):
    with pytest.raises(DateError, match="YYYY"):
        parse_bound(bad)
