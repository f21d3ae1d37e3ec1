"""How often a supervisee should be supervised, and whether they are overdue.

Pure date maths (no database, no Qt) so Home, the Supervision page and the tests agree.

Schedules, as stored in ``Person.schedule``:

- ``weekly`` (7 days), ``fortnightly`` (14), ``four-weekly`` (28), ``six-weekly`` (42);
- ``monthly``: a *calendar* month (3 March → 3 April; 31 January → 28/29 February). We chose
  the calendar month over 28 days because a manager who books "the first Tuesday-ish of the
  month" would otherwise see false "overdue" warnings every month. Teams that really work in
  four-week cycles pick ``four-weekly``.
- ``nqsw``: newly-qualified social workers (the ASYE year): weekly for the first six weeks
  from ``started_on`` (days 0–41), fortnightly from day 42 until six calendar months after
  ``started_on``, then monthly. It needs a start date.

The interval that applies is the one in force on the day the interval *starts* (the last
supervision, or ``started_on`` before the first one): a session on day 41 is followed a week
later, one on day 42 a fortnight later.

What was agreed wins over the arithmetic: the "Next session" date of the latest record is the
next due date. Someone added without a supervision recorded counts from the last session
given when they were added, or else from the day they were added (not from a start date
months ago, which made a supervisee added today "Overdue by 54 days").
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from reflect.store.models import Person

WEEKLY, FORTNIGHTLY, FOUR_WEEKLY, MONTHLY, SIX_WEEKLY, NQSW = (
    "weekly", "fortnightly", "four-weekly", "monthly", "six-weekly", "nqsw")

#: Every schedule with a label for pickers, in the order a menu shows them.
SCHEDULES: dict[str, str] = {
    WEEKLY: "Weekly",
    FORTNIGHTLY: "Fortnightly",
    FOUR_WEEKLY: "Every four weeks",
    MONTHLY: "Monthly",
    SIX_WEEKLY: "Every six weeks",
    NQSW: "Newly qualified (weekly for 6 weeks, fortnightly to 6 months, then monthly)",
}
DEFAULT_SCHEDULE = MONTHLY

_FIXED_DAYS = {WEEKLY: 7, FORTNIGHTLY: 14, FOUR_WEEKLY: 28, SIX_WEEKLY: 42}
NQSW_WEEKLY_DAYS = 42  # days 0–41 are the first six weeks
NQSW_FORTNIGHTLY_MONTHS = 6

_ALIASES = {
    "week": WEEKLY, "every-week": WEEKLY, "1-weekly": WEEKLY,
    "two-weekly": FORTNIGHTLY, "2-weekly": FORTNIGHTLY, "every-two-weeks": FORTNIGHTLY,
    "4-weekly": FOUR_WEEKLY, "every-four-weeks": FOUR_WEEKLY, "four-weeks": FOUR_WEEKLY,
    "month": MONTHLY, "calendar-monthly": MONTHLY,
    "6-weekly": SIX_WEEKLY, "sixweekly": SIX_WEEKLY, "every-six-weeks": SIX_WEEKLY,
    "newly-qualified": NQSW, "asye": NQSW, "nqsw-asye": NQSW,
}


class ScheduleError(ValueError):
    """A schedule string or date that cannot be used; the message is meant for the user."""


class SupervisionStatus(NamedTuple):
    """Where one supervisee stands. ``days_since`` and ``due_on`` are None when it cannot be
    known (never supervised and no start date)."""

    days_since: int | None
    interval: int
    due_on: date | None
    overdue: bool
    days_overdue: int

    @property
    def never_supervised(self) -> bool:
        return self.days_since is None


def parse_schedule(text: str) -> str:
    """The canonical schedule name for what a person or a file wrote ("Six weekly", "ASYE")."""
    if not isinstance(text, str) or not text.strip():
        raise ScheduleError("Choose how often this person is supervised.")
    key = "-".join(text.strip().lower().replace("_", " ").replace("-", " ").split())
    key = _ALIASES.get(key, key)
    if key not in SCHEDULES:
        raise ScheduleError(
            f"'{text.strip()}' is not a supervision schedule; use one of: "
            f"{', '.join(SCHEDULES)}.")
    return key


def needs_start_date(schedule: str) -> bool:
    return parse_schedule(schedule) == NQSW


def validate(schedule: str, started_on: date | None) -> str:
    """The canonical schedule, checked against the start date it may need."""
    name = parse_schedule(schedule)
    if name == NQSW and started_on is None:
        raise ScheduleError("The newly-qualified schedule needs the date they started.")
    return name


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clamped to the month's end (31 Jan + 1 → 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def nqsw_phase(started_on: date, on_date: date) -> str:
    """Which part of the newly-qualified year ``on_date`` falls in: weekly, fortnightly or
    monthly. Dates before the start count as the first week."""
    if (on_date - started_on).days < NQSW_WEEKLY_DAYS:
        return WEEKLY
    if on_date < add_months(started_on, NQSW_FORTNIGHTLY_MONTHS):
        return FORTNIGHTLY
    return MONTHLY


def next_due(schedule: str, started_on: date | None, from_date: date) -> date:
    """When the next supervision is due, for an interval starting on ``from_date``."""
    name = parse_schedule(schedule)
    if name == NQSW:
        if started_on is None:
            raise ScheduleError("The newly-qualified schedule needs the date they started.")
        name = nqsw_phase(started_on, from_date)
    if name == MONTHLY:
        return add_months(from_date, 1)
    return from_date + timedelta(days=_FIXED_DAYS[name])


def interval_days(schedule: str, started_on: date | None, on_date: date) -> int:
    """Days between supervisions for an interval starting on ``on_date`` (28–31 for monthly)."""
    return (next_due(schedule, started_on, on_date) - on_date).days


def supervision_status(schedule: str, started_on: date | None, last_supervised: date | None,
                       today: date, *, agreed_next: date | None = None,
                       added_on: date | None = None) -> SupervisionStatus:
    """Days since the last supervision against the interval, and how overdue it is.

    The next session agreed in the last one (``agreed_next``, after ``last_supervised``) is
    the due date; otherwise one interval after the last supervision. Never supervised: one
    interval after they were added (``added_on``) or started, whichever is later, so someone
    added today is not already overdue; with neither, nothing is due and nothing is overdue.
    Due today is not overdue. Raises :class:`ScheduleError` for an unknown schedule, or nqsw
    without a start date.
    """
    anchor = last_supervised if last_supervised is not None else max(
        (day for day in (started_on, added_on) if day is not None), default=None)
    if anchor is None:
        # Raises for nqsw, which cannot work without a start date.
        return SupervisionStatus(None, interval_days(schedule, None, today), None, False, 0)
    due_on = next_due(schedule, started_on, anchor)
    interval = (due_on - anchor).days
    if last_supervised is not None and agreed_next is not None and agreed_next > last_supervised:
        due_on = agreed_next
    days_since = (today - last_supervised).days if last_supervised is not None else None
    days_overdue = max(0, (today - due_on).days)
    return SupervisionStatus(days_since, interval, due_on, days_overdue > 0, days_overdue)


def last_session(person: Person, last_recorded: date | None) -> date | None:
    """The later of the last recorded supervision and the one given when they were added."""
    return max((day for day in (last_recorded, person.last_supervised_on) if day is not None),
               default=None)


def person_status(person: Person, last_recorded: date | None, today: date,
                  agreed_next: date | None = None) -> SupervisionStatus:
    """:func:`supervision_status` for a stored supervisee: their last session (recorded, or
    given when added), the next session agreed in their latest record, the day they were
    added."""
    last = last_session(person, last_recorded)
    agreed = agreed_next if last_recorded is not None and last == last_recorded else None
    added = person.created_at.date() if person.created_at is not None else None
    return supervision_status(person.schedule, person.started_on, last, today,
                              agreed_next=agreed, added_on=added)


@dataclass(frozen=True)
class SuperviseeDue:
    """One supervisee against their schedule. ``problem`` says why ``status`` is None (the
    newly-qualified schedule without a start date, or an unknown schedule)."""

    person: Person
    last_supervised: date | None
    status: SupervisionStatus | None
    problem: str = ""
    agreed_next: date | None = None


def due_list(people: Iterable[Person], last_supervised: Mapping[int, date],
             today: date, agreed_next: Mapping[int, date] | None = None) -> list[SuperviseeDue]:
    """Each person's status: most overdue first, then soonest due, then those with none.
    ``last_supervised`` is the last record's date, ``agreed_next`` the next session it agreed,
    per person id."""
    due: list[SuperviseeDue] = []
    for person in people:
        last = last_supervised.get(person.id) if person.id is not None else None
        agreed = (agreed_next or {}).get(person.id) if person.id is not None else None
        try:
            status = person_status(person, last, today, agreed)
        except ScheduleError as exc:
            due.append(SuperviseeDue(person, last, None, str(exc), agreed))
        else:
            due.append(SuperviseeDue(person, last, status, "", agreed))

    def order(d: SuperviseeDue) -> tuple:
        if d.status is None:
            return (2, 0, date.max)
        return (d.status.due_on is None, -d.status.days_overdue, d.status.due_on or date.max)

    return sorted(due, key=order)
