"""Supervision intervals: pure date maths, including the newly-qualified year's boundaries."""

from datetime import date, timedelta

import pytest

from reflect.store.models import Person
from reflect.supervision import schedules
from reflect.supervision.schedules import (
    ScheduleError,
    SupervisionStatus,
    add_months,
    due_list,
    interval_days,
    next_due,
    parse_schedule,
    supervision_status,
)

START = date(2026, 1, 5)  # a Monday


@pytest.mark.parametrize(("text", "expected"), [
    ("weekly", "weekly"), ("Fortnightly", "fortnightly"), (" Six weekly ", "six-weekly"),
    ("six_weekly", "six-weekly"), ("6-weekly", "six-weekly"), ("Monthly", "monthly"),
    ("4 weekly", "four-weekly"), ("NQSW", "nqsw"), ("ASYE", "nqsw"),
    ("newly qualified", "nqsw"),
])
def test_schedule_names_are_forgiving(text, expected):
    assert parse_schedule(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "daily", "every so often", None])
def test_unknown_schedules_say_what_is_allowed(text):
    with pytest.raises(ScheduleError) as caught:
        parse_schedule(text)
    if text and text.strip():
        assert "fortnightly" in str(caught.value) and text.strip() in str(caught.value)


def test_fixed_intervals():
    day = date(2026, 3, 3)
    assert interval_days("weekly", None, day) == 7
    assert interval_days("fortnightly", None, day) == 14
    assert interval_days("four-weekly", None, day) == 28
    assert interval_days("six-weekly", None, day) == 42


def test_monthly_is_a_calendar_month_clamped_to_the_month_end():
    assert next_due("monthly", None, date(2026, 3, 3)) == date(2026, 4, 3)
    assert interval_days("monthly", None, date(2026, 3, 3)) == 31
    assert interval_days("monthly", None, date(2026, 2, 3)) == 28
    assert next_due("monthly", None, date(2026, 1, 31)) == date(2026, 2, 28)
    assert next_due("monthly", None, date(2028, 1, 31)) == date(2028, 2, 29)
    assert next_due("monthly", None, date(2026, 12, 15)) == date(2027, 1, 15)
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)


def test_nqsw_weekly_for_six_weeks_then_fortnightly():
    assert interval_days("nqsw", START, START) == 7
    assert interval_days("nqsw", START, START + timedelta(days=41)) == 7  # last day of week 6
    assert interval_days("nqsw", START, START + timedelta(days=42)) == 14  # week 7 begins
    assert interval_days("nqsw", START, START - timedelta(days=3)) == 7  # before the start


def test_nqsw_fortnightly_until_six_months_then_monthly():
    six_months = date(2026, 7, 5)
    assert interval_days("nqsw", START, six_months - timedelta(days=1)) == 14
    assert interval_days("nqsw", START, six_months) == 31  # 5 July → 5 August
    assert next_due("nqsw", START, date(2026, 9, 10)) == date(2026, 10, 10)
    # A start at a month's end: six months after 31 August is 28 February.
    late_start = date(2026, 8, 31)
    assert interval_days("nqsw", late_start, date(2027, 2, 27)) == 14
    assert interval_days("nqsw", late_start, date(2027, 2, 28)) == 28  # to 28 March


def test_nqsw_needs_a_start_date():
    with pytest.raises(ScheduleError, match="start"):
        interval_days("nqsw", None, START)
    with pytest.raises(ScheduleError, match="start"):
        schedules.validate("nqsw", None)
    assert schedules.validate("Six weekly", None) == "six-weekly"
    with pytest.raises(ScheduleError, match="start"):
        supervision_status("nqsw", None, None, START)


def test_status_on_time_due_today_and_overdue():
    last = date(2026, 3, 3)
    on_time = supervision_status("monthly", None, last, date(2026, 3, 20))
    assert on_time == SupervisionStatus(17, 31, date(2026, 4, 3), False, 0)
    due_today = supervision_status("monthly", None, last, date(2026, 4, 3))
    assert (due_today.overdue, due_today.days_overdue, due_today.days_since) == (False, 0, 31)
    late = supervision_status("monthly", None, last, date(2026, 4, 10))
    assert (late.overdue, late.days_overdue, late.days_since, late.interval) == (True, 7, 38, 31)
    days_since, interval, due_on, overdue, days_overdue = late  # unpacks as a tuple
    assert (days_since, interval, due_on, overdue, days_overdue) == (
        38, 31, date(2026, 4, 3), True, 7)


def test_status_follows_the_nqsw_phase_of_the_last_session():
    week_six = START + timedelta(days=41)
    status = supervision_status("nqsw", START, week_six, week_six + timedelta(days=9))
    assert (status.interval, status.days_overdue) == (7, 2)
    week_seven = START + timedelta(days=42)
    status = supervision_status("nqsw", START, week_seven, week_seven + timedelta(days=9))
    assert (status.interval, status.overdue) == (14, False)


def test_never_supervised():
    status = supervision_status("nqsw", START, None, START + timedelta(days=10))
    assert status.never_supervised and status.days_since is None
    assert (status.due_on, status.overdue, status.days_overdue) == (
        START + timedelta(days=7), True, 3)
    unknown = supervision_status("monthly", None, None, START)
    assert (unknown.due_on, unknown.overdue, unknown.days_overdue) == (None, False, 0)
    assert unknown.interval == 31  # a January month


def test_due_list_puts_the_most_overdue_first():
    today = date(2026, 4, 20)

    def person(pid, name, schedule="monthly", started_on=None):
        return Person(id=pid, code_name=name, schedule=schedule, started_on=started_on,
                      created_at=None)

    people = [person(1, "Wren"), person(2, "Kestrel", "weekly"), person(3, "Heron"),
              person(4, "Owl", "nqsw"), person(5, "Finch")]
    last = {1: date(2026, 4, 10), 2: date(2026, 4, 1), 3: date(2026, 3, 1)}
    order = due_list(people, last, today)
    assert [d.person.code_name for d in order] == ["Heron", "Kestrel", "Wren", "Finch", "Owl"]
    assert order[0].status.days_overdue == 19 and order[1].status.days_overdue == 12
    assert order[3].status.never_supervised and order[3].status.due_on is None
    assert order[4].status is None and "start" in order[4].problem
