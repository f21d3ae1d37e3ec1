"""Dates as people type them: day first, with or without leading zeros, and a calm sentence
(never another date) for what is not a date."""

from datetime import date

import pytest

from reflect.common.dates import NotADate, read_typed_date, typed_date_if_complete


@pytest.mark.parametrize(("typed", "day"), [
    ("1/2/2027", date(2027, 2, 1)), ("01/02/2027", date(2027, 2, 1)),
    ("1/12/2026", date(2026, 12, 1)), (" 3.11.2026 ", date(2026, 11, 3)),
    ("3-11-26", date(2026, 11, 3)), ("2027-02-01", date(2027, 2, 1)),
    ("29/2/2028", date(2028, 2, 29)),
])
def test_typed_dates_are_read_day_first(typed, day):
    assert read_typed_date(typed) == day


@pytest.mark.parametrize(("typed", "says"), [
    ("31/2/2027", "There is no 31 February 2027: February 2027 has 28 days."),
    ("29/2/2027", "There is no 29 February 2027: February 2027 has 28 days."),
    ("1/13/2027", "There is no month 13"),
    ("next tuesday", "“next tuesday” is not a date: type day/month/year"),
    ("0/1/2027", "“0/1/2027” is not a date"),
])
def test_what_is_not_a_date_is_said_plainly(typed, says):
    with pytest.raises(NotADate) as refused:
        read_typed_date(typed)
    assert str(refused.value).startswith(says)


def test_a_half_typed_date_is_not_taken_yet():
    assert [typed_date_if_complete(t) for t in ("1", "1/1", "1/12/", "1/12/2", "1/12/202",
                                                "1/12/26", "31/2/2027")] == [None] * 7
    assert typed_date_if_complete("1/12/2026") == date(2026, 12, 1)
