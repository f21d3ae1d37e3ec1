"""A milestone's state, worked out from its history: the events are the truth, the state is
what they add up to on a given day.

Decisions (met, moved, missed) stack up; "reopened" (undo) takes the latest standing one off.
So the same function answers "where is it now" (for the page and the stored row) and "where
was it on the day of the coaching session" (for the mentor pack).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from reflect.coaching.views import MET, MISSED, MOVED, OPEN

#: A milestone's events: added, its words edited, a decision, or the last decision undone.
ADDED, EDITED, REOPENED = "added", "edited", "reopened"
DECISIONS = (MET, MOVED, MISSED)


@dataclass(frozen=True)
class Decision:
    """One met, moved or missed that stands (has not been undone)."""

    change: str
    on: date
    from_due: date | None
    to_due: date | None
    why: str
    event_id: int | None = None


@dataclass(frozen=True)
class MilestoneState:
    due_on: date | None
    status: str
    decided_on: date | None = None
    moved_from: date | None = None
    why: str = ""
    standing: tuple[Decision, ...] = ()  # oldest first


class EventLike(Protocol):
    """What replay reads of an event (a ``PlanEvent`` row has these)."""

    id: int | None
    change: str
    happened_on: date
    from_due: date | None
    to_due: date | None
    why: str


def replay(events: Iterable[EventLike], as_of: date | None = None) -> MilestoneState:
    """The state after ``events`` (in the order made), counting only those on or before
    ``as_of`` when given."""
    due: date | None = None
    stack: list[Decision] = []
    for event in events:
        if as_of is not None and event.happened_on > as_of:
            continue
        if event.change == ADDED:
            due = event.to_due
        elif event.change in DECISIONS:
            stack.append(Decision(event.change, event.happened_on, event.from_due,
                                  event.to_due, event.why, event.id))
        elif event.change == REOPENED and stack:
            stack.pop()
    return state_of(due, stack)


def state_of(first_due: date | None, stack: list[Decision]) -> MilestoneState:
    moves = [d for d in stack if d.change == MOVED]
    due = moves[-1].to_due if moves else first_due
    moved_from = moves[-1].from_due if moves else None
    if not stack:
        return MilestoneState(due, OPEN)
    top = stack[-1]
    return MilestoneState(due, top.change, top.on, moved_from, top.why, tuple(stack))
