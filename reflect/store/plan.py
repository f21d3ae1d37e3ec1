"""The development plan's rows: goals, milestones, the events that keep their history, and the
entries and actions linked as evidence.

Everything runs inside the caller's transaction; the rules (what may be moved, what needs a
reason) are in :mod:`reflect.coaching.plan`. Evidence on an entry in the trash, or on an
action whose record is in the trash, is left out of every list and comes back with it;
emptying the trash deletes the link with the row (``ON DELETE CASCADE``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import text
from sqlmodel import Session, col, select

from reflect.store.entries import utc_now
from reflect.store.models import Goal, Milestone, PlanEvent, PlanEvidence

#: The transaction the plan's domain passes back in (it speaks no SQL itself).
__all__ = ["Choice", "EvidenceRow", "Session"]


def _day(value: object) -> date | None:
    """SQLite hands dates back as ISO text in raw queries."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


@dataclass(frozen=True)
class EvidenceRow:
    """One live link: the entry's title or the action's description, and its date."""

    id: int
    goal_id: int
    entry_id: int | None
    action_id: int | None
    label: str
    on: date | None


@dataclass(frozen=True)
class Choice:
    """Something that can be linked as evidence: an entry or an action, as a chooser lists
    it."""

    entry_id: int | None
    action_id: int | None
    label: str
    on: date | None


def add(session: Session, row: Goal | Milestone | PlanEvent | PlanEvidence) -> None:
    """Insert (or update) a row and give it its id."""
    if getattr(row, "created_at", None) is None:
        row.created_at = utc_now()
    session.add(row)
    session.flush()


def goal(session: Session, goal_id: int) -> Goal | None:
    return session.get(Goal, goal_id)


def milestone(session: Session, milestone_id: int) -> Milestone | None:
    return session.get(Milestone, milestone_id)


def goals(session: Session) -> list[Goal]:
    """Active goals first, each group in the order they were made."""
    query = select(Goal).order_by(col(Goal.status) != "active", col(Goal.id))
    return list(session.exec(query))


def milestones(session: Session, goal_ids: Iterable[int] | None = None) -> list[Milestone]:
    """Milestones of the goals (all when None), soonest due first, then as added."""
    query = select(Milestone)
    if goal_ids is not None:
        query = query.where(col(Milestone.goal_id).in_(list(goal_ids)))
    query = query.order_by(col(Milestone.goal_id), col(Milestone.due_on).is_(None),
                           col(Milestone.due_on), col(Milestone.id))
    return list(session.exec(query))


def events(session: Session, *, goal_id: int | None = None,
           milestone_id: int | None = None) -> list[PlanEvent]:
    """The plan's events in the order they were made (of one goal or one milestone)."""
    query = select(PlanEvent)
    if goal_id is not None:
        query = query.where(PlanEvent.goal_id == goal_id)
    if milestone_id is not None:
        query = query.where(PlanEvent.milestone_id == milestone_id)
    return list(session.exec(query.order_by(col(PlanEvent.id))))


def find_evidence(session: Session, goal_id: int, *, entry_id: int | None = None,
                  action_id: int | None = None) -> PlanEvidence | None:
    query = select(PlanEvidence).where(PlanEvidence.goal_id == goal_id)
    if entry_id is not None:
        query = query.where(PlanEvidence.entry_id == entry_id)
    else:
        query = query.where(PlanEvidence.action_id == action_id)
    return session.exec(query).first()


def evidence_link(session: Session, evidence_id: int) -> PlanEvidence | None:
    return session.get(PlanEvidence, evidence_id)


def remove(session: Session, row: PlanEvidence) -> None:
    session.delete(row)
    session.flush()


_LIVE_EVIDENCE = """
SELECT v.id, v.goal_id, v.entry_id, v.action_id,
       COALESCE(e.title, a.description, ''), COALESCE(e.happened_on, a.due_on, ae.happened_on)
FROM plan_evidence v
LEFT JOIN entry e ON e.id = v.entry_id
LEFT JOIN action a ON a.id = v.action_id
LEFT JOIN entry ae ON ae.id = a.entry_id
WHERE (v.entry_id IS NULL OR e.deleted_at IS NULL)
  AND (v.action_id IS NULL OR ae.id IS NULL OR ae.deleted_at IS NULL)
  {where}
ORDER BY v.goal_id, v.id
"""


def live_evidence(session: Session, goal_id: int | None = None) -> list[EvidenceRow]:
    """Links whose entry or action is not in the trash (of one goal, or all)."""
    where, params = ("AND v.goal_id = :goal", {"goal": goal_id}) if goal_id is not None \
        else ("", {})
    rows = session.execute(text(_LIVE_EVIDENCE.format(where=where)), params)
    return [EvidenceRow(r[0], r[1], r[2], r[3], r[4] or "", _day(r[5])) for r in rows]


def choices(session: Session, limit: int = 500) -> list[Choice]:
    """Entries not in the trash (newest first), then actions on live records (newest first),
    up to ``limit`` of each: what a chooser offers to link."""
    entries = session.execute(text(
        "SELECT id, title, happened_on FROM entry WHERE deleted_at IS NULL "
        "ORDER BY happened_on DESC, id DESC LIMIT :n"), {"n": limit})
    found = [Choice(r[0], None, r[1] or "(untitled)", _day(r[2])) for r in entries]
    actions = session.execute(text(
        "SELECT a.id, a.description, COALESCE(a.due_on, e.happened_on) FROM action a "
        "LEFT JOIN entry e ON e.id = a.entry_id "
        "WHERE e.id IS NULL OR e.deleted_at IS NULL ORDER BY a.id DESC LIMIT :n"), {"n": limit})
    found += [Choice(None, r[0], r[1], _day(r[2])) for r in actions]
    return found
