"""The development plan: goals linked to the leadership attributes (and, where it fits, a
profile target), milestones with due dates met, moved or missed, evidence from entries and
actions, and the history of every change.

Scottish Leadership Foundation (2003), section 11.3, recommends "personal development plan
with key milestones"; the plan is the leader's own, so nothing here is required beyond a
goal's title and a milestone's words and date. Every change writes a ``plan_event`` first and
works the milestone's state out from its events (:mod:`reflect.coaching.plan_state`), so an
undo is exact and the history is never rewritten.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from reflect.coaching.errors import PlanError
from reflect.coaching.plan_state import ADDED, EDITED, REOPENED, replay
from reflect.coaching.views import MET, MISSED, MOVED, OPEN
from reflect.common.dates import uk_date
from reflect.common.ids import saved_id
from reflect.content.library import load_attributes
from reflect.store import plan as plan_store
from reflect.store.entries import utc_now
from reflect.store.models import Goal, Milestone, PlanEvent, PlanEvidence
from reflect.store.plan import Choice, EvidenceRow, Session

if TYPE_CHECKING:
    from reflect.journal.journal import Journal

__all__ = ["Choice", "EvidenceRow", "PlanError"]

ACTIVE, CLOSED = "active", "closed"
#: Goal events (``milestone_id`` None); milestone events are in plan_state.
CREATED, CLOSED_EVENT, LINKED, UNLINKED = "created", "closed", "linked", "unlinked"
TARGETS = range(1, 6)


@dataclass(frozen=True)
class MilestoneView:
    id: int
    goal_id: int
    text: str
    due_on: date | None
    status: str
    decided_on: date | None = None
    moved_from: date | None = None
    why: str = ""
    can_undo: bool = False

    def is_overdue(self, today: date) -> bool:
        """Still to come (open or moved) and its due date has passed."""
        return self.status in (OPEN, MOVED) and self.due_on is not None and self.due_on < today


@dataclass(frozen=True)
class GoalView:
    id: int
    title: str
    description: str
    attributes: tuple[str, ...]  # attribute ids, in the workbook's order
    target: int | None
    status: str
    created_on: date
    closed_on: date | None
    milestones: tuple[MilestoneView, ...] = ()


@dataclass(frozen=True)
class HistoryLine:
    """One change to a goal, as the history lists it."""

    on: date
    change: str
    milestone: str  # the milestone's words, "" for the goal itself
    text: str  # the sentence shown


# -- checks --------------------------------------------------------------------------------------
def known_attributes() -> tuple[str, ...]:
    return tuple(a.id for a in load_attributes())


def _clean_attributes(attributes: Iterable[str]) -> list[str]:
    """Known ids only, each once, in the workbook's order."""
    known = known_attributes()
    wanted = list(dict.fromkeys(attributes))
    unknown = [a for a in wanted if a not in known]
    if unknown:
        raise PlanError(f"'{unknown[0]}' is not one of the leadership attributes; choose from "
                        f"{', '.join(known)}.")
    return [a for a in known if a in wanted]


def _clean_target(target: int | None) -> int | None:
    if target is None:
        return None
    if isinstance(target, bool) or not isinstance(target, int) or target not in TARGETS:
        raise PlanError(f"A goal's target must be a score from 1 to 5, not {target!r}; "
                        "leave it empty when the goal aims at no score.")
    return target


def _clean_title(title: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise PlanError("A goal needs a title: say in a few words what you want to develop.")
    return title


def _day(on: date | None) -> date:
    return on or date.today()


def _made(on: date | None) -> datetime:
    """When a row was made: now, or on the day given (a plan written up afterwards)."""
    now = utc_now()
    return now if on is None else datetime.combine(on, now.timetz())


def _goal(session: Session, goal_id: int, *, active: bool = False) -> Goal:
    row = plan_store.goal(session, goal_id)
    if row is None:
        raise PlanError("That goal is no longer in the plan; reload the Plan page.")
    if active and row.status != ACTIVE:
        raise PlanError(f"The goal \"{row.title}\" is closed; reopen it first.")
    return row


def _milestone(session: Session, milestone_id: int) -> tuple[Milestone, Goal]:
    row = plan_store.milestone(session, milestone_id)
    if row is None:
        raise PlanError("That milestone is no longer in the plan; reload the Plan page.")
    return row, _goal(session, row.goal_id, active=True)


def _event(session: Session, goal_id: int, change: str, on: date, *,
           milestone_id: int | None = None, from_due: date | None = None,
           to_due: date | None = None, why: str = "") -> None:
    plan_store.add(session, PlanEvent(goal_id=goal_id, milestone_id=milestone_id,
                                      happened_on=on, change=change, from_due=from_due,
                                      to_due=to_due, why=why, created_at=utc_now()))


def _settle(session: Session, row: Milestone) -> None:
    """Store the state its events add up to."""
    state = replay(plan_store.events(session, milestone_id=saved_id(row)))
    row.due_on, row.status, row.decided_on = state.due_on, state.status, state.decided_on
    row.moved_from, row.why = state.moved_from, state.why
    plan_store.add(session, row)


# -- goals ---------------------------------------------------------------------------------------
def add_goal(journal: Journal, title: str, description: str = "",
             attributes: Iterable[str] = (), target: int | None = None,
             on: date | None = None) -> int:
    """A new active goal; its id."""
    row = Goal(title=_clean_title(title), description=description.strip(),
               attributes=_clean_attributes(attributes), target_score=_clean_target(target),
               created_at=_made(on))
    with journal.vault.session() as session:
        plan_store.add(session, row)
        _event(session, saved_id(row), CREATED, _day(on))
    return saved_id(row)


def edit_goal(journal: Journal, goal_id: int, *, title: str, description: str = "",
              attributes: Iterable[str] = (), target: int | None = None,
              on: date | None = None) -> None:
    title, chosen = _clean_title(title), _clean_attributes(attributes)
    target = _clean_target(target)
    with journal.vault.session() as session:
        row = _goal(session, goal_id)
        row.title, row.description = title, description.strip()
        row.attributes, row.target_score = chosen, target
        plan_store.add(session, row)
        _event(session, goal_id, EDITED, _day(on))


def close_goal(journal: Journal, goal_id: int, on: date | None = None) -> None:
    with journal.vault.session() as session:
        row = _goal(session, goal_id)
        if row.status == CLOSED:
            raise PlanError(f"The goal \"{row.title}\" is already closed.")
        row.status, row.closed_on = CLOSED, _day(on)
        plan_store.add(session, row)
        _event(session, goal_id, CLOSED_EVENT, _day(on))


def reopen_goal(journal: Journal, goal_id: int, on: date | None = None) -> None:
    with journal.vault.session() as session:
        row = _goal(session, goal_id)
        if row.status == ACTIVE:
            raise PlanError(f"The goal \"{row.title}\" is not closed.")
        row.status, row.closed_on = ACTIVE, None
        plan_store.add(session, row)
        _event(session, goal_id, REOPENED, _day(on))


def _views(session: Session, rows: list[Goal]) -> tuple[GoalView, ...]:
    by_goal: dict[int, list[MilestoneView]] = {}
    for m in plan_store.milestones(session, [saved_id(g) for g in rows]):
        by_goal.setdefault(m.goal_id, []).append(MilestoneView(
            saved_id(m), m.goal_id, m.text, m.due_on, m.status, m.decided_on, m.moved_from,
            m.why, m.status != OPEN))
    return tuple(GoalView(saved_id(g), g.title, g.description, tuple(g.attributes),
                          g.target_score, g.status, g.created_at.date(), g.closed_on,
                          tuple(by_goal.get(saved_id(g), ()))) for g in rows)


def goals(journal: Journal) -> tuple[GoalView, ...]:
    """Every goal, active first, with its milestones (soonest due first)."""
    with journal.vault.session() as session:
        return _views(session, plan_store.goals(session))


def goal(journal: Journal, goal_id: int) -> GoalView:
    with journal.vault.session() as session:
        return _views(session, [_goal(session, goal_id)])[0]


# -- milestones ----------------------------------------------------------------------------------
def _clean_text(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise PlanError("A milestone needs a few words saying what will have happened.")
    return text


def add_milestone(journal: Journal, goal_id: int, text: str, due_on: date | None,
                  on: date | None = None) -> int:
    text = _clean_text(text)
    if due_on is None:
        raise PlanError("A milestone needs a due date: when do you mean to have reached it?")
    with journal.vault.session() as session:
        _goal(session, goal_id, active=True)
        row = Milestone(goal_id=goal_id, text=text, due_on=due_on, created_at=_made(on))
        plan_store.add(session, row)
        _event(session, goal_id, ADDED, _day(on), milestone_id=saved_id(row), to_due=due_on)
        _settle(session, row)
    return saved_id(row)


def edit_milestone(journal: Journal, milestone_id: int, text: str,
                   on: date | None = None) -> None:
    """New words for a milestone; its date changes only by moving it, so the history
    shows every move."""
    text = _clean_text(text)
    with journal.vault.session() as session:
        row, goal_row = _milestone(session, milestone_id)
        old, row.text = row.text, text
        plan_store.add(session, row)
        _event(session, saved_id(goal_row), EDITED, _day(on), milestone_id=milestone_id,
               why=old)


def _still_to_come(row: Milestone, doing: str) -> None:
    if row.status not in (OPEN, MOVED):
        raise PlanError(f"\"{row.text}\" was already {row.status}; undo that first to "
                        f"{doing} it.")


def mark_met(journal: Journal, milestone_id: int, on: date | None = None) -> None:
    """Met on ``on`` (today by default; not a day still to come)."""
    day = _day(on)
    if day > date.today():
        raise PlanError(f"A milestone cannot be met on {uk_date(day)}, a day still to come; "
                        "choose today or an earlier day.")
    with journal.vault.session() as session:
        row, goal_row = _milestone(session, milestone_id)
        _still_to_come(row, "mark")
        _event(session, saved_id(goal_row), MET, day, milestone_id=milestone_id,
               from_due=row.due_on)
        _settle(session, row)


def move(journal: Journal, milestone_id: int, to: date | None, why: str,
         on: date | None = None) -> None:
    """To a later date, saying why: a move is part of the plan's story, never silent."""
    why = why.strip()
    with journal.vault.session() as session:
        row, goal_row = _milestone(session, milestone_id)
        _still_to_come(row, "move")
        if to is None:
            raise PlanError("Choose the new due date the milestone moves to.")
        if row.due_on is not None and to <= row.due_on:
            raise PlanError(f"A milestone moves to a later date than {uk_date(row.due_on)}; "
                            f"{uk_date(to)} is not later.")
        if not why:
            raise PlanError("Say why the milestone moves: the reason stays in its history.")
        _event(session, saved_id(goal_row), MOVED, _day(on), milestone_id=milestone_id,
               from_due=row.due_on, to_due=to, why=why)
        _settle(session, row)


def mark_missed(journal: Journal, milestone_id: int, why: str, on: date | None = None) -> None:
    why = why.strip()
    with journal.vault.session() as session:
        row, goal_row = _milestone(session, milestone_id)
        _still_to_come(row, "mark")
        if not why:
            raise PlanError("Say why the milestone was missed: what got in the way?")
        _event(session, saved_id(goal_row), MISSED, _day(on), milestone_id=milestone_id,
               from_due=row.due_on, why=why)
        _settle(session, row)


def undo(journal: Journal, milestone_id: int, on: date | None = None) -> str:
    """Take back the milestone's latest standing decision; what it was (met, moved, missed).
    The decision and its undoing both stay in the history."""
    with journal.vault.session() as session:
        row, goal_row = _milestone(session, milestone_id)
        state = replay(plan_store.events(session, milestone_id=milestone_id))
        if not state.standing:
            raise PlanError(f"\"{row.text}\" has no decision to undo.")
        undone = state.standing[-1]
        _event(session, saved_id(goal_row), REOPENED, _day(on), milestone_id=milestone_id,
               from_due=undone.to_due, to_due=undone.from_due, why=undone.change)
        _settle(session, row)
        return undone.change


# -- evidence ------------------------------------------------------------------------------------
def link(journal: Journal, goal_id: int, *, entry_id: int | None = None,
         action_id: int | None = None, on: date | None = None) -> int:
    """Link an entry or an action to a goal as evidence; linking it twice keeps one link."""
    if (entry_id is None) == (action_id is None):
        raise PlanError("Choose one entry or one action to link as evidence.")
    with journal.vault.session() as session:
        row = _goal(session, goal_id)
        live = {(c.entry_id, c.action_id): c for c in plan_store.choices(session, limit=-1)}
        chosen = live.get((entry_id, action_id))
        if chosen is None:
            raise PlanError("That entry or action is in the trash or no longer exists; choose "
                            "another.")
        found = plan_store.find_evidence(session, goal_id, entry_id=entry_id,
                                         action_id=action_id)
        if found is not None:
            return saved_id(found)
        link_row = PlanEvidence(goal_id=saved_id(row), entry_id=entry_id, action_id=action_id,
                                created_at=utc_now())
        plan_store.add(session, link_row)
        _event(session, goal_id, LINKED, _day(on), why=chosen.label)
        return saved_id(link_row)


def unlink(journal: Journal, evidence_id: int, on: date | None = None) -> None:
    with journal.vault.session() as session:
        row = plan_store.evidence_link(session, evidence_id)
        if row is None:
            return
        label = next((e.label for e in plan_store.live_evidence(session, row.goal_id)
                      if e.id == evidence_id), "")
        plan_store.remove(session, row)
        _event(session, row.goal_id, UNLINKED, _day(on), why=label)


def evidence(journal: Journal, goal_id: int | None = None) -> tuple[EvidenceRow, ...]:
    """The links whose entry or action is not in the trash (of one goal, or all)."""
    with journal.vault.session() as session:
        return tuple(plan_store.live_evidence(session, goal_id))


def choices(journal: Journal) -> tuple[Choice, ...]:
    """Entries and actions that can be linked (none in the trash)."""
    with journal.vault.session() as session:
        return tuple(plan_store.choices(session))


# -- history -------------------------------------------------------------------------------------
def _sentence(event: PlanEvent, milestone: str) -> str:
    why = f": {event.why}" if event.why else ""
    if not milestone:
        return {CREATED: "Goal set", EDITED: "Goal edited", CLOSED_EVENT: "Goal closed",
                REOPENED: "Goal reopened", LINKED: f"Evidence linked{why}",
                UNLINKED: f"Evidence unlinked{why}"}.get(event.change, event.change)
    due = uk_date(event.to_due, short=True)
    return {
        ADDED: f"Milestone added, due {due}",
        EDITED: f"Milestone reworded (was: {event.why})",
        MET: "Met",
        MOVED: f"Moved from {uk_date(event.from_due, short=True)} to {due}{why}",
        MISSED: f"Missed{why}",
        REOPENED: f"Undone: {event.why} taken back",
    }.get(event.change, event.change)


def history(journal: Journal, goal_id: int) -> tuple[HistoryLine, ...]:
    """Every change to the goal and its milestones, in the order made."""
    with journal.vault.session() as session:
        _goal(session, goal_id)
        words = {saved_id(m): m.text for m in plan_store.milestones(session, [goal_id])}
        return tuple(HistoryLine(e.happened_on, e.change, words.get(e.milestone_id or 0, ""),
                                 _sentence(e, words.get(e.milestone_id or 0, "")))
                     for e in plan_store.events(session, goal_id=goal_id))
