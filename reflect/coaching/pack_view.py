"""What the mentor pack shows of the development plan: the goals table and the milestones
decided since the last session.

Both are worked out from the plan's events (:mod:`reflect.coaching.plan_state`), so a pack
made for an earlier session shows the plan as it stood then, and a decision later undone
is not reported as made.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING

from reflect.coaching.plan_state import ADDED, replay
from reflect.coaching.views import MET, MISSED, MOVED, MilestoneChange, PlanGoal, PlanMilestone
from reflect.common.dates import uk_date
from reflect.common.ids import saved_id
from reflect.content.library import load_attributes
from reflect.store import plan as plan_store
from reflect.store.models import PlanEvent

if TYPE_CHECKING:
    from reflect.journal.journal import Journal

_GOAL_STATUS = {"created": "active", "reopened": "active", "closed": "closed"}


def _short_names(ids: list[str]) -> tuple[str, ...]:
    """Short names in the workbook's order; an id the attributes no longer have is kept."""
    names = {a.id: a.short_name or a.name for a in load_attributes()}
    order = list(names)
    ranked = sorted(ids, key=lambda i: order.index(i) if i in names else len(order))
    return tuple(names.get(i, i) for i in ranked)


def plan_goals(journal: Journal, as_of: date) -> tuple[PlanGoal, ...]:
    """The plan's goals as they stood on ``as_of``, active first."""
    with journal.vault.session() as session:
        goals = plan_store.goals(session)
        events = plan_store.events(session)
        words = {saved_id(m): m.text for m in plan_store.milestones(session)}
        evidence = plan_store.live_evidence(session)
    goal_events: dict[int, list[PlanEvent]] = defaultdict(list)
    milestone_events: dict[int, list[PlanEvent]] = defaultdict(list)
    for event in events:
        if event.milestone_id is None:
            goal_events[event.goal_id].append(event)
        else:
            milestone_events[event.milestone_id].append(event)
    evidence_count: dict[int, int] = defaultdict(int)
    for row in evidence:
        evidence_count[row.goal_id] += 1
    found: list[PlanGoal] = []
    for goal in goals:
        goal_id = saved_id(goal)
        status = None
        for event in goal_events[goal_id]:
            if event.happened_on <= as_of and event.change in _GOAL_STATUS:
                status = _GOAL_STATUS[event.change]
        if status is None:  # not set yet on that day
            continue
        milestones = []
        for milestone_id, its in milestone_events.items():
            if its[0].goal_id != goal_id or not any(
                    e.change == ADDED and e.happened_on <= as_of for e in its):
                continue
            state = replay(its, as_of)
            milestones.append(PlanMilestone(words.get(milestone_id, ""), state.due_on,
                                            state.status, state.decided_on, state.moved_from,
                                            state.why))
        milestones.sort(key=lambda m: (m.due_on is None, m.due_on or as_of))
        found.append(PlanGoal(goal_id, goal.title, _short_names(list(goal.attributes)),
                              goal.target_score, status, tuple(milestones),
                              evidence_count[goal_id]))
    return tuple(sorted(found, key=lambda g: g.status != "active"))


def _detail(change: str, to_due: date | None, why: str) -> str:
    if change == MOVED:
        return f"to {uk_date(to_due, short=True)}" + (f": {why}" if why else "")
    return why if change == MISSED else ""


def milestone_changes(journal: Journal, since: date | None,
                      until: date) -> tuple[MilestoneChange, ...]:
    """Milestones met, moved or missed after ``since`` (all when None) up to ``until``; a
    decision undone by ``until`` is left out."""
    with journal.vault.session() as session:
        titles = {saved_id(g): g.title for g in plan_store.goals(session)}
        words = {saved_id(m): m.text for m in plan_store.milestones(session)}
        events = plan_store.events(session)
    by_milestone: dict[int, list[PlanEvent]] = defaultdict(list)
    for event in events:
        if event.milestone_id is not None:
            by_milestone[event.milestone_id].append(event)
    changes: list[MilestoneChange] = []
    for milestone_id, its in by_milestone.items():
        state = replay(its, until)
        for decision in state.standing:
            if decision.change in (MET, MOVED, MISSED) and (since is None or decision.on > since):
                changes.append(MilestoneChange(
                    titles.get(its[0].goal_id, ""), words.get(milestone_id, ""),
                    decision.change, decision.on,
                    _detail(decision.change, decision.to_due, decision.why)))
    return tuple(sorted(changes, key=lambda c: (c.on, c.goal, c.milestone)))
