"""What the Plan page's list shows for a goal and a milestone: plain text per column, so the
words can be tested without a window."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from reflect.coaching.plan import GoalView, MilestoneView
from reflect.coaching.views import MET, MISSED, MOVED
from reflect.common.dates import uk_date

COLUMNS = ("Goal or milestone", "Attributes", "Target", "Due", "Status")


def goal_row(goal: GoalView, names: Mapping[str, str]) -> list[str]:
    attributes = ", ".join(names.get(a, a) for a in goal.attributes) or "—"
    target = f"{goal.target} of 5" if goal.target is not None else "—"
    status = "Active" if goal.status == "active" else \
        f"Closed {uk_date(goal.closed_on, short=True)}".strip()
    return [goal.title, attributes, target, "", status]


def milestone_status(milestone: MilestoneView, today: date) -> str:
    on = uk_date(milestone.decided_on, short=True)
    if milestone.is_overdue(today):
        days = (today - milestone.due_on).days if milestone.due_on else 0
        return f"Overdue {days} d" + (" (moved)" if milestone.status == MOVED else "")
    if milestone.status == MET:
        return f"Met {on}"
    if milestone.status == MISSED:
        return f"Missed {on}"
    if milestone.status == MOVED:
        return f"Moved from {uk_date(milestone.moved_from, short=True)}"
    return "Open"


def milestone_row(milestone: MilestoneView, today: date) -> list[str]:
    return [milestone.text, "", "", uk_date(milestone.due_on, short=True),
            milestone_status(milestone, today)]
