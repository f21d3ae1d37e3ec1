"""Differences of opinion recorded in supervision records, and how each was resolved: the
SQL behind carrying an open or escalated one into the next record and onto Home.

A record's disagreement is its ``challenge_outcome`` answer ("Open", "Escalated" or
"Resolved"); once it is closed in a later record, the resolution is kept in the earlier
record's sections under :data:`RESOLUTION_KEY` (how, by whom, on which day, in which
record). Everything runs inside the caller's transaction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import text
from sqlmodel import Session

from reflect.store import entries as entry_store
from reflect.store.models import Entry
from reflect.store.queries import _as_date

OUTCOME_SECTION = "challenge_outcome"
WHAT_SECTION = "challenge"
OPEN_OUTCOMES = ("Open", "Escalated")
RESOLUTION_KEY = "_resolution"


@dataclass(frozen=True)
class DisagreementRow:
    """One record's open or escalated difference of opinion, and its resolution if any."""

    entry_id: int
    person_id: int | None
    code_name: str
    happened_on: date
    outcome: str  # "Open" or "Escalated"
    what: str  # the record's challenge section, "" when not written
    resolution: dict | None  # {"how", "by", "on", "in_entry"} once closed


def rows(session: Session, person_id: int | None = None) -> list[DisagreementRow]:
    """Every record whose difference of opinion was left open or escalated, oldest first."""
    where = "AND e.person_id = :person_id " if person_id is not None else ""
    found = session.execute(text(
        "SELECT e.id, e.person_id, coalesce(p.code_name, ''), e.happened_on, "
        f"json_extract(e.sections, '$.{OUTCOME_SECTION}'), "
        f"json_extract(e.sections, '$.{WHAT_SECTION}'), "
        f"json_extract(e.sections, '$.{RESOLUTION_KEY}') "
        "FROM entry e LEFT JOIN person p ON p.id = e.person_id "
        "WHERE e.kind = 'supervision' AND e.deleted_at IS NULL "
        f"AND json_extract(e.sections, '$.{OUTCOME_SECTION}') IN ('Open', 'Escalated') "
        # "+": sort the few open ones; ordering by the date index would read every record.
        f"{where}ORDER BY +e.happened_on, e.id"), {"person_id": person_id})
    out = []
    for entry_id, pid, name, day, outcome, what, resolution in found:
        try:
            closed = json.loads(resolution) if resolution else None
        except ValueError:
            closed = None
        out.append(DisagreementRow(int(entry_id), pid, str(name), _as_date(day), str(outcome),
                                   what if isinstance(what, str) else "",
                                   closed if isinstance(closed, dict) else None))
    return out


def resolve(session: Session, entry: Entry, how: str, by: str, on: date,
            in_entry: int | None) -> None:
    """Close ``entry``'s difference of opinion: how it was resolved and by whom."""
    sections = dict(entry.sections or {})
    sections[RESOLUTION_KEY] = {"how": how, "by": by, "on": on.isoformat(),
                                "in_entry": in_entry}
    entry.sections = sections
    entry_store.save(session, entry)


def reopen(session: Session, entry: Entry) -> None:
    """Undo a resolution: the difference of opinion is open again."""
    sections = {k: v for k, v in (entry.sections or {}).items() if k != RESOLUTION_KEY}
    entry.sections = sections
    entry_store.save(session, entry)
