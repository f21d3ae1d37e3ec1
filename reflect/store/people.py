"""Supervisees (``person`` rows): the SQL behind the Supervision page and Home.

Everything runs inside the caller's transaction. Code names are kept tidy and unique
ignoring case here, as the table's own invariant (the column's UNIQUE is case-sensitive);
schedules are checked by the domain (``reflect.supervision.records``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from datetime import date

from sqlalchemy import func, text
from sqlmodel import Session, col, select

from reflect.common.errors import ReflectError
from reflect.store.entries import utc_now
from reflect.store.models import Entry, Person
from reflect.store.queries import _as_date

CODE_NAME_MAX = 40
#: Where a record keeps its session: held, moved or cancelled (``reflect.supervision.sessions``).
SESSION_KEY = "_session"
#: Only a held session is supervision: a record without a session note was held.
_HELD = f"coalesce(json_extract(sections, '$.{SESSION_KEY}.status'), 'held') = 'held'"


class PersonError(ReflectError, ValueError):
    """A code name that cannot be used; the message is for the user."""


def clean_code_name(text: str) -> str:
    """Trim and collapse spaces; refuse empty, over-long or control characters.

    Real names are not detected (any rule would misfire on code names such as "Amber
    Fox"); the form shows a hint instead."""
    name = " ".join(str(text or "").split())
    if not name:
        raise PersonError("Give the supervisee a code name.")
    if len(name) > CODE_NAME_MAX:
        raise PersonError(f"A code name can be at most {CODE_NAME_MAX} characters.")
    if any(unicodedata.category(c).startswith("C") for c in name):
        raise PersonError("A code name cannot contain control characters.")
    return name


def check_unique(session: Session, code_name: str, person_id: int | None = None) -> None:
    other = find_by_code_name(session, code_name)
    if other is not None and other.id != person_id:
        raise PersonError(f"There is already a supervisee called '{other.code_name}'.")


def add(session: Session, person: Person) -> Person:
    """Insert a supervisee with a clean, unused code name."""
    person.code_name = clean_code_name(person.code_name)
    check_unique(session, person.code_name)
    if person.created_at is None:
        person.created_at = utc_now()
    session.add(person)
    session.flush()
    return person


def get(session: Session, person_id: int | None) -> Person | None:
    """The person, or None (also for a record without a supervisee)."""
    return session.get(Person, person_id) if person_id is not None else None


def find_by_code_name(session: Session, code_name: str) -> Person | None:
    """Case-insensitive: "kestrel" and "Kestrel" are the same supervisee."""
    return session.exec(
        select(Person).where(func.lower(Person.code_name) == code_name.lower())
    ).first()


def list_people(session: Session, include_inactive: bool = True) -> list[Person]:
    """Active supervisees first, then by code name regardless of case."""
    query = select(Person)
    if not include_inactive:
        query = query.where(col(Person.active).is_(True))
    query = query.order_by(col(Person.active).desc(), func.lower(Person.code_name),
                           col(Person.id))
    return list(session.exec(query).all())


def rename(session: Session, person: Person, code_name: str) -> Person:
    """Give a supervisee a new code name; it is checked before it is set, so a refused
    name never reaches the session."""
    name = clean_code_name(code_name)
    with session.no_autoflush:
        check_unique(session, name, person.id)
    person.code_name = name
    return person


def update(session: Session, person: Person) -> Person:
    """Write changed fields of a person (prefer :func:`rename` for the code name). A bad or
    taken code name raises PersonError and is put back as stored, as long as nothing was
    flushed since it was set."""
    with session.no_autoflush:  # check before the new name reaches the database
        person = session.merge(person)
        try:
            person.code_name = clean_code_name(person.code_name)
            check_unique(session, person.code_name, person.id)
        except PersonError:
            session.expire(person, ["code_name"])
            raise
    session.flush()
    return person


def last_supervised(session: Session) -> dict[int, date]:
    """Latest ``happened_on`` of a non-deleted supervision record of a held session (not a
    cancelled or moved one), per supervisee."""
    rows = session.execute(text(
        "SELECT person_id, max(happened_on) FROM entry "
        "WHERE kind = 'supervision' AND deleted_at IS NULL AND person_id IS NOT NULL "
        f"AND {_HELD} GROUP BY person_id"
    ))
    return {int(r[0]): _as_date(r[1]) for r in rows}


def agreed_next_sessions(session: Session) -> dict[int, date]:
    """The "Next session" date agreed in each supervisee's latest record, where it has one
    after that record's own date (an earlier record's agreement is overtaken by the later
    session). A session moved since is due on its new date; a cancelled one agrees nothing."""
    rows = session.execute(text(
        "SELECT person_id, happened_on, CASE WHEN "
        f"json_extract(sections, '$.{SESSION_KEY}.status') = 'moved' "
        f"THEN json_extract(sections, '$.{SESSION_KEY}.moved_to') "
        "ELSE json_extract(sections, '$.next_session') END FROM entry "
        "WHERE kind = 'supervision' AND deleted_at IS NULL AND person_id IS NOT NULL "
        f"AND ({_HELD} OR json_extract(sections, '$.{SESSION_KEY}.status') = 'moved') "
        "ORDER BY person_id, happened_on, id"
    ))
    latest: dict[int, tuple[date, object]] = {}
    for person_id, happened_on, agreed in rows:
        latest[int(person_id)] = (_as_date(happened_on), agreed)
    agreed_on: dict[int, date] = {}
    for person_id, (happened_on, agreed) in latest.items():
        try:
            day = date.fromisoformat(str(agreed)[:10]) if agreed else None
        except ValueError:
            day = None
        if day is not None and day > happened_on:
            agreed_on[person_id] = day
    return agreed_on


def record_numbers(session: Session, entry_ids: Iterable[int]) -> dict[int, int]:
    """Each of these supervision records' place among its supervisee's records from the same
    template, by date (1 for the first); records without a supervisee, and of sessions moved
    or cancelled (not held, so not numbered), are left out."""
    wanted = sorted({int(i) for i in entry_ids})
    if not wanted:
        return {}
    marks = ", ".join(f":id{n}" for n in range(len(wanted)))
    rows = session.execute(text(
        "SELECT id, n FROM (SELECT id, row_number() OVER (PARTITION BY person_id, template_id "
        "ORDER BY happened_on, id) AS n FROM entry WHERE kind = 'supervision' "
        f"AND deleted_at IS NULL AND person_id IS NOT NULL AND {_HELD}) "
        f"WHERE id IN ({marks})"
    ), {f"id{n}": value for n, value in enumerate(wanted)})
    return {int(r[0]): int(r[1]) for r in rows}


def record_counts(session: Session) -> dict[int, int]:
    """Non-deleted supervision records per supervisee."""
    rows = session.execute(text(
        "SELECT person_id, count(*) FROM entry "
        "WHERE kind = 'supervision' AND deleted_at IS NULL AND person_id IS NOT NULL "
        "GROUP BY person_id"
    ))
    return {int(r[0]): int(r[1]) for r in rows}


def own_records(session: Session, limit: int = 100) -> list[Entry]:
    """Records made from a template with no supervisee (the leader's own supervision, a
    Gibbs reflection), not in the trash, newest first."""
    query = (select(Entry)
             .where(col(Entry.template_id).is_not(None), col(Entry.person_id).is_(None),
                    col(Entry.deleted_at).is_(None))
             .order_by(col(Entry.happened_on).desc(), col(Entry.id).desc()).limit(limit))
    return list(session.exec(query).all())
