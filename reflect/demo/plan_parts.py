"""The demo's development plan (``resources/demo/plan.toml``), replayed through the plan's
own domain calls on the days they happened, so the Plan page and the mentor pack show a
plan lived in: milestones met, moved with why, missed with why, open and overdue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from reflect.coaching import plan
from reflect.coaching.views import MET, MILESTONE_STATES, MISSED, MOVED
from reflect.content.library import load_attributes
from reflect.demo.toml_data import MAX_DAYS_AGO, TomlFile, TomlTable

if TYPE_CHECKING:
    from reflect.journal.journal import Journal

PLAN_FILE = "plan.toml"
GOAL_KEYS = ("title", "description", "attributes", "target", "days_ago", "evidence",
             "closed_days_ago", "milestones")
MILESTONE_KEYS = ("text", "due_days", "added_days_ago", "fate", "decided_days_ago",
                  "moved_to_days", "why")


@dataclass(frozen=True)
class DemoMilestone:
    text: str
    due_days: int
    added_days_ago: int
    fate: str
    decided_days_ago: int | None
    moved_to_days: int | None
    why: str


@dataclass(frozen=True)
class DemoGoal:
    title: str
    description: str
    attributes: tuple[str, ...]
    target: int | None
    days_ago: int
    evidence: tuple[str, ...]
    closed_days_ago: int | None
    milestones: tuple[DemoMilestone, ...]


def _milestone(t: TomlTable, goal_days: int) -> DemoMilestone:
    fate = t.get("fate", str, "open")
    if fate not in MILESTONE_STATES:
        t.fail("fate", f"'fate' must be one of {', '.join(MILESTONE_STATES)}")
    decided = t.days("decided_days_ago", None)
    moved_to = t.days("moved_to_days", None, -MAX_DAYS_AGO, MAX_DAYS_AGO)
    why = t.get("why", str, "")
    if fate != "open" and decided is None:
        t.fail("fate", f"a milestone {fate} needs decided_days_ago")
    if fate == MOVED and moved_to is None:
        t.fail("fate", "a moved milestone needs moved_to_days")
    if fate in (MOVED, MISSED) and not why:
        t.fail("fate", f"a milestone {fate} needs why")
    return DemoMilestone(t.get("text", str), t.days("due_days", ..., -MAX_DAYS_AGO,
                                                    MAX_DAYS_AGO),
                         t.days("added_days_ago", goal_days), fate, decided, moved_to, why)


def load_plan(path: Path) -> tuple[DemoGoal, ...]:
    """The goals in ``path``; raises ContentError naming the line of a mistake."""
    if not path.exists():
        return ()
    file = TomlFile(path)
    known = {a.id for a in load_attributes()}
    goals = []
    for i, raw in enumerate(file.data.get("goals", [])):
        span = file.span("goals", i)
        t = TomlTable(file, raw, span, f"goal {i + 1}", GOAL_KEYS)
        attributes = t.strings("attributes")
        if unknown := [a for a in attributes if a not in known]:
            t.fail("attributes", f"unknown attribute '{unknown[0]}'")
        target = t.days("target", None, 1, 5)
        days = t.days("days_ago")
        milestones = tuple(
            _milestone(TomlTable(file, m, file.span("goals.milestones", j, span),
                                 f"goal {i + 1}, milestone {j + 1}", MILESTONE_KEYS), days)
            for j, m in enumerate(raw.get("milestones", [])))
        goals.append(DemoGoal(t.get("title", str), t.get("description", str, ""), attributes,
                              target, days, t.strings("evidence"),
                              t.days("closed_days_ago", None), milestones))
    return tuple(goals)


def add_plan(journal: Journal, today: date, directory: Path) -> None:
    """Replay the demo plan; evidence is found by the reflection's title."""
    titles = {e.title: (e.id, e.happened_on) for e in journal.list_entries(limit=10_000)}

    def ago(days: int) -> date:
        return today - timedelta(days=days)

    for goal in load_plan(directory / PLAN_FILE):
        goal_id = plan.add_goal(journal, goal.title, goal.description, goal.attributes,
                                goal.target, on=ago(goal.days_ago))
        for m in goal.milestones:
            milestone_id = plan.add_milestone(journal, goal_id, m.text,
                                              today + timedelta(days=m.due_days),
                                              on=ago(m.added_days_ago))
            if m.decided_days_ago is None:
                continue
            on = ago(m.decided_days_ago)
            if m.fate == MET:
                plan.mark_met(journal, milestone_id, on=on)
            elif m.fate == MOVED and m.moved_to_days is not None:
                plan.move(journal, milestone_id, today + timedelta(days=m.moved_to_days),
                          m.why, on=on)
            elif m.fate == MISSED:
                plan.mark_missed(journal, milestone_id, m.why, on=on)
        for title in goal.evidence:
            if title not in titles:
                raise LookupError(f"demo plan: no reflection titled {title!r}")
            entry_id, written = titles[title]
            plan.link(journal, goal_id, entry_id=entry_id,
                      on=max(written, ago(goal.days_ago)))
        if goal.closed_days_ago is not None:
            plan.close_goal(journal, goal_id, on=ago(goal.closed_days_ago))
