"""The rows the supervision self-audit counts from: every supervision record about a
supervisee up to the end of the period (earlier ones anchor the first session's due date),
and the actions agreed in a set of records. Read-only, inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlmodel import Session, col, select

from reflect.store import actions as action_store
from reflect.store.actions import ActionRow
from reflect.store.models import Entry


def supervisee_records(session: Session, up_to: date) -> list[Entry]:
    """Live supervision records with a supervisee dated on or before ``up_to``, held,
    moved or cancelled, oldest first."""
    query = (select(Entry)
             .where(Entry.kind == "supervision", col(Entry.person_id).is_not(None),
                    col(Entry.deleted_at).is_(None), col(Entry.happened_on) <= up_to)
             .order_by(col(Entry.happened_on), col(Entry.id)))
    return list(session.exec(query).all())


def actions_of(session: Session, entry_ids: Iterable[int]) -> list[ActionRow]:
    """The actions agreed in these records (carried, closed or open), in the order agreed."""
    wanted = set(entry_ids)
    if not wanted:
        return []
    found = [r for r in action_store.rows(session) if r.entry_id in wanted]
    return sorted(found, key=lambda r: r.id)
