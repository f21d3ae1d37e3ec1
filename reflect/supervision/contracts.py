"""A supervisee's supervision agreement (contract): when it was agreed, when it is to be
reviewed, and a short note or the contract's text. A review date passed is shown on the
supervisee's page and on Home until the agreement is reviewed (a new review date).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reflect.common.dates import uk_date
from reflect.store import people as people_store
from reflect.store.models import Person
from reflect.supervision.records import Supervision, SupervisionError

NOTE_MAX = 20_000


@dataclass(frozen=True)
class ReviewDue:
    """An active supervisee whose agreement's review date has come."""

    person: Person
    review_on: date
    days_overdue: int


def set_contract(sup: Supervision, person_id: int, agreed_on: date | None,
                 review_on: date | None, note: str = "") -> Person:
    """Record (or change) the agreement; a review date comes after the day it was agreed."""
    text = str(note or "").strip()
    if len(text) > NOTE_MAX:
        raise SupervisionError("That agreement text is too long.")
    if agreed_on is not None and review_on is not None and review_on <= agreed_on:
        raise SupervisionError("The review date comes after the day it was agreed.")
    if review_on is not None and agreed_on is None:
        raise SupervisionError("Give the day the agreement was made as well.")
    with sup.journal.vault.session() as s:
        person = people_store.get(s, person_id)
        if person is None:
            raise SupervisionError("That supervisee no longer exists.")
        person.contract_agreed_on, person.contract_review_on = agreed_on, review_on
        person.contract_note = text
        return people_store.update(s, person)


def is_review_overdue(person: Person, today: date) -> bool:
    return person.contract_review_on is not None and person.contract_review_on < today


def contract_line(person: Person, today: date) -> str:
    """"Supervision agreement: agreed 6 Jan 2026 · review by 6 Jul 2026", or overdue."""
    if person.contract_agreed_on is None:
        return "No supervision agreement recorded yet."
    text = f"Supervision agreement: agreed {uk_date(person.contract_agreed_on, short=True)}"
    review = person.contract_review_on
    if review is None:
        return text + " · no review date"
    if is_review_overdue(person, today):
        days = (today - review).days
        return (text + f" · review overdue since {uk_date(review, short=True)} "
                       f"({days} day{'s' if days != 1 else ''})")
    return text + f" · review by {uk_date(review, short=True)}"


def reviews_due(sup: Supervision, today: date | None = None) -> list[ReviewDue]:
    """Active supervisees whose agreement is overdue for review, most overdue first."""
    today = today or date.today()
    due = [ReviewDue(p, p.contract_review_on, (today - p.contract_review_on).days)
           for p in sup.supervisees(include_inactive=False)
           if p.contract_review_on is not None and is_review_overdue(p, today)]
    return sorted(due, key=lambda d: -d.days_overdue)
