"""Retention: when a supervisee's notes are due for review after they leave, and the legal
hold that keeps them.

Notes about staff are personal data: kept no longer than the employer's retention schedule
needs. When a supervisee is marked as left (a date; they become a former supervisee), their
notes get a review date, by default :data:`DEFAULT_YEARS` years after leaving (common for
staff records in UK local authorities; the period is kept in the journal, so it goes with the
journal and its backups, and is changed in Preferences). The date can be set per person.
Home lists the supervisees whose review date has come (:func:`due_for_review`); the review is
the leader's: keep (a new date, or a legal hold) or delete (``reflect.privacy.deletion``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reflect.common.errors import ReflectError
from reflect.journal.journal import Journal
from reflect.store import people as people_store
from reflect.store import ratings as meta_store
from reflect.store.models import Person

DEFAULT_YEARS = 6
MAX_YEARS = 50
#: The meta row holding the journal's retention period, in whole years.
YEARS_KEY = "retention_years"
HOLD_NOTE_MAX = 500


class RetentionError(ReflectError, ValueError):
    """A retention change that cannot be made; the message says why, for the user."""


def retention_years(journal: Journal) -> int:
    """The journal's period from leaving to review (default six years)."""
    with journal.vault.session() as session:
        stored = meta_store.get_meta(session, YEARS_KEY)
    try:
        years = int(stored) if stored is not None else DEFAULT_YEARS
    except ValueError:
        return DEFAULT_YEARS
    return years if 1 <= years <= MAX_YEARS else DEFAULT_YEARS


def set_retention_years(journal: Journal, years: int) -> None:
    """Change the period for supervisees marked as left from now on (dates already set stay:
    they were the leader's decision at the time)."""
    if not 1 <= years <= MAX_YEARS:
        raise RetentionError(f"Give a retention period from 1 to {MAX_YEARS} years.")
    with journal.vault.session() as session:
        if meta_store.get_meta(session, YEARS_KEY) != str(years):
            meta_store.set_meta(session, YEARS_KEY, str(years))


def review_after(left_on: date, years: int = DEFAULT_YEARS) -> date:
    """``years`` after leaving; a 29 February leaving day reviews on 28 February."""
    try:
        return left_on.replace(year=left_on.year + years)
    except ValueError:
        return left_on.replace(year=left_on.year + years, day=28)


def check(left_on: date | None, review_on: date | None, legal_hold: bool,
          hold_note: str) -> str:
    """Refuse values :func:`set_retention` would refuse, before anything is written (the
    supervisee dialog checks first, then saves); returns the hold note tidied."""
    note = " ".join(str(hold_note or "").split())
    if legal_hold and not note:
        raise RetentionError("Say why the notes are on legal hold (the claim, complaint or "
                             "inquiry), so a later review knows when it can end.")
    if len(note) > HOLD_NOTE_MAX:
        raise RetentionError(f"Keep the legal hold note to {HOLD_NOTE_MAX} characters.")
    if left_on is not None and left_on > date.today():
        raise RetentionError("The leaving date is in the future; set it on the day they leave.")
    if review_on is not None and left_on is not None and review_on < left_on:
        raise RetentionError("The review date is before the leaving date.")
    return note


def set_retention(journal: Journal, person_id: int, *, left_on: date | None,
                  review_on: date | None = None, legal_hold: bool = False,
                  hold_note: str = "") -> Person:
    """Record leaving, the review date and the legal hold in one change. A leaving date makes
    them a former supervisee; with no review date given, it is the journal's period after
    leaving. Without a leaving date the review date is only what is given. A hold needs
    its reason (a claim, a complaint, an inquiry) written down."""
    note = check(left_on, review_on, legal_hold, hold_note)
    years = retention_years(journal)
    with journal.vault.session() as session:
        person = people_store.get(session, person_id)
        if person is None:
            raise RetentionError("That supervisee no longer exists.")
        if left_on is not None and review_on is None:
            review_on = review_after(left_on, years)
        person.left_on = left_on
        person.retention_review_on = review_on
        if left_on is not None:
            person.active = False
        person.legal_hold = bool(legal_hold)
        person.legal_hold_note = note if legal_hold else ""
        session.add(person)
        session.flush()
        return person


def mark_left(journal: Journal, person_id: int, left_on: date | None = None) -> Person:
    """"Mark as former": left today (or ``left_on``), reviewed after the journal's period;
    a leaving date already set, with its review date, is kept."""
    with journal.vault.session() as session:
        person = people_store.get(session, person_id)
        if person is None:
            raise RetentionError("That supervisee no longer exists.")
        kept = (person.left_on, person.retention_review_on, person.legal_hold,
                person.legal_hold_note)
    if kept[0] is not None and left_on is None:
        return set_retention(journal, person_id, left_on=kept[0], review_on=kept[1],
                             legal_hold=kept[2], hold_note=kept[3])
    return set_retention(journal, person_id, left_on=left_on or date.today(),
                         legal_hold=kept[2], hold_note=kept[3])


@dataclass(frozen=True)
class ReviewDue:
    """A former supervisee whose notes have reached their review date."""

    person_id: int
    code_name: str
    left_on: date | None
    review_on: date
    legal_hold: bool
    hold_note: str

    def line(self, today: date) -> str:
        """"Left 3 Mar 2019 · review was due 3 Mar 2025" (the hold said when there is one)."""
        from reflect.common.dates import uk_date

        left = f"left {uk_date(self.left_on, short=True)} · " if self.left_on else ""
        when = ("review due today" if self.review_on == today
                else f"review was due {uk_date(self.review_on, short=True)}")
        hold = " · on legal hold" if self.legal_hold else ""
        return f"{left}{when}{hold}"


def due_for_review(journal: Journal, today: date | None = None) -> list[ReviewDue]:
    """Supervisees whose review date has come, the longest overdue first."""
    today = today or date.today()
    with journal.vault.session() as session:
        people = people_store.list_people(session)
    due = [ReviewDue(int(p.id or 0), p.code_name, p.left_on, p.retention_review_on,
                     p.legal_hold, p.legal_hold_note)
           for p in people if p.retention_review_on is not None
           and p.retention_review_on <= today]
    return sorted(due, key=lambda d: (d.review_on, d.code_name.lower()))
