"""The development plan as other features read it: plain, frozen values.

The mentor pack lays these out and the plan's own domain builds them, so they sit here, below
both, and neither side imports the other for its types.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

#: A milestone's states: still to come, met, moved to a later date (with why), missed.
OPEN, MET, MOVED, MISSED = "open", "met", "moved", "missed"
MILESTONE_STATES = (OPEN, MET, MOVED, MISSED)


@dataclass(frozen=True)
class PlanMilestone:
    text: str
    due_on: date | None
    status: str  # one of MILESTONE_STATES
    decided_on: date | None = None  # when it was met, moved or missed
    moved_from: date | None = None  # the due date before the latest move
    why: str = ""  # why it was moved or missed


@dataclass(frozen=True)
class PlanGoal:
    goal_id: int
    title: str
    attributes: tuple[str, ...]  # attribute short names, in the workbook's order
    target: int | None  # the profile target (1–5) the goal aims at, if any
    status: str  # "active" or "closed"
    milestones: tuple[PlanMilestone, ...] = ()
    evidence: int = 0  # entries and actions linked as evidence


@dataclass(frozen=True)
class MilestoneChange:
    """A milestone met, moved or missed on ``on``: the "since last session" lines."""

    goal: str
    milestone: str
    change: str  # MET, MOVED or MISSED
    on: date
    detail: str = ""  # "to 3 Mar 2027: the panel moved" for a move; why, for a miss
