"""What the mentor pack shows of the development plan: the goals table and the milestones
decided since the last session."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from reflect.coaching.views import MilestoneChange, PlanGoal

if TYPE_CHECKING:
    from reflect.journal.journal import Journal


def plan_goals(journal: Journal, as_of: date) -> tuple[PlanGoal, ...]:
    """The plan's goals as they stood on ``as_of``, active first."""
    return ()


def milestone_changes(journal: Journal, since: date | None,
                      until: date) -> tuple[MilestoneChange, ...]:
    """Milestones met, moved or missed after ``since`` (all when None) up to ``until``."""
    return ()
