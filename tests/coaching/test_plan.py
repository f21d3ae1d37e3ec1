"""The development plan's rules, on a real journal: goals, milestones met, moved, missed and
undone, evidence, and the history in order."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from reflect.coaching import plan
from reflect.coaching.errors import PlanError
from reflect.coaching.views import MET, MISSED, MOVED, OPEN
from reflect.common.dates import uk_date

TODAY = date.today()
D1 = TODAY - timedelta(days=30)


def _rows(journal):
    with journal.vault.session() as session:
        conn = session.connection().connection.driver_connection
        return [conn.execute(f"SELECT * FROM {t}").fetchall()
                for t in ("goal", "milestone", "plan_event", "plan_evidence")]


def test_a_goal_keeps_its_attributes_in_the_workbook_order_and_its_target(new_journal):
    goal_id = plan.add_goal(new_journal, "  Lead   change ", "Own it",
                            ["partnerships", "changing_practice", "partnerships"], 4)
    goal = plan.goal(new_journal, goal_id)
    assert (goal.title, goal.description, goal.target, goal.status) == (
        "Lead change", "Own it", 4, "active")
    assert goal.attributes == ("changing_practice", "partnerships")
    plan.edit_goal(new_journal, goal_id, title="Lead change together", attributes=[],
                   target=None)
    goal = plan.goal(new_journal, goal_id)
    assert (goal.title, goal.attributes, goal.target) == ("Lead change together", (), None)


@pytest.mark.parametrize(("kwargs", "words"), [
    ({"title": " "}, "needs a title"),
    ({"title": "Goal", "attributes": ["charisma"]}, "'charisma' is not one of"),
    ({"title": "Goal", "target": 6}, "from 1 to 5"),
    ({"title": "Goal", "target": 0}, "from 1 to 5"),
])
def test_bad_goals_are_refused_and_nothing_is_written(new_journal, kwargs, words):
    before = _rows(new_journal)
    with pytest.raises(PlanError, match=words) as caught:
        plan.add_goal(new_journal, **kwargs)
    assert caught.value.exit_code == 1
    assert _rows(new_journal) == before


def test_a_milestone_met_moved_missed_and_undone(new_journal):
    goal_id = plan.add_goal(new_journal, "Present to panel", attributes=["corporate_buy_in"])
    first = plan.add_milestone(new_journal, goal_id, "Draft the paper", D1)
    second = plan.add_milestone(new_journal, goal_id, "Present", TODAY + timedelta(days=10))
    third = plan.add_milestone(new_journal, goal_id, "Meet the lead member", D1)
    plan.mark_met(new_journal, first, on=D1 + timedelta(days=1))
    plan.move(new_journal, second, TODAY + timedelta(days=40), "The panel moved")
    plan.mark_missed(new_journal, third, "Diary clash")
    states = {m.id: m for m in plan.goal(new_journal, goal_id).milestones}
    assert (states[first].status, states[first].decided_on) == (MET, D1 + timedelta(days=1))
    assert (states[second].status, states[second].due_on, states[second].moved_from,
            states[second].why) == (MOVED, TODAY + timedelta(days=40),
                                    TODAY + timedelta(days=10), "The panel moved")
    assert (states[third].status, states[third].why) == (MISSED, "Diary clash")
    assert plan.undo(new_journal, second) == MOVED
    again = {m.id: m for m in plan.goal(new_journal, goal_id).milestones}[second]
    assert (again.status, again.due_on, again.moved_from, again.can_undo) == (
        OPEN, TODAY + timedelta(days=10), None, False)
    with pytest.raises(PlanError, match="no decision to undo"):
        plan.undo(new_journal, second)


def test_a_moved_milestone_can_be_met_and_undo_goes_back_one_step(new_journal):
    goal_id = plan.add_goal(new_journal, "Group supervision")
    m = plan.add_milestone(new_journal, goal_id, "Pilot", D1)
    plan.move(new_journal, m, D1 + timedelta(days=14), "Two on leave")
    plan.mark_met(new_journal, m)
    assert plan.undo(new_journal, m) == MET
    row = plan.goal(new_journal, goal_id).milestones[0]
    assert (row.status, row.due_on) == (MOVED, D1 + timedelta(days=14))


@pytest.mark.parametrize(("to", "why", "words"), [
    (-1, "Because", "later date than"),
    (0, "Because", "later date than"),
    (5, "  ", "Say why"),
    (None, "Because", "Choose the new due date"),
])
def test_a_move_must_be_later_and_say_why(new_journal, to, why, words):
    goal_id = plan.add_goal(new_journal, "Goal")
    m = plan.add_milestone(new_journal, goal_id, "Step", D1)
    before = _rows(new_journal)
    with pytest.raises(PlanError, match=words):
        plan.move(new_journal, m, None if to is None else D1 + timedelta(days=to), why)
    assert _rows(new_journal) == before


def test_refusals_for_decided_missed_and_met_in_future(new_journal):
    goal_id = plan.add_goal(new_journal, "Goal")
    m = plan.add_milestone(new_journal, goal_id, "Step", D1)
    with pytest.raises(PlanError, match="Say why the milestone was missed"):
        plan.mark_missed(new_journal, m, "")
    with pytest.raises(PlanError, match="a day still to come"):
        plan.mark_met(new_journal, m, on=TODAY + timedelta(days=1))
    plan.mark_met(new_journal, m)
    with pytest.raises(PlanError, match="already met; undo that first"):
        plan.move(new_journal, m, TODAY + timedelta(days=9), "Late")
    with pytest.raises(PlanError, match="needs a due date"):
        plan.add_milestone(new_journal, goal_id, "Another", None)


def test_a_closed_goal_takes_no_milestones_until_reopened(new_journal):
    goal_id = plan.add_goal(new_journal, "Goal")
    active = plan.add_goal(new_journal, "Second")
    plan.close_goal(new_journal, goal_id, on=D1)
    assert [g.id for g in plan.goals(new_journal)] == [active, goal_id]  # active first
    assert plan.goal(new_journal, goal_id).closed_on == D1
    with pytest.raises(PlanError, match="is closed; reopen it first"):
        plan.add_milestone(new_journal, goal_id, "Step", TODAY)
    plan.reopen_goal(new_journal, goal_id)
    assert plan.goal(new_journal, goal_id).status == "active"
    plan.add_milestone(new_journal, goal_id, "Step", TODAY)


def test_the_history_of_a_goal_in_order(new_journal):
    entry = new_journal.add_entry("After the panel", "")
    goal_id = plan.add_goal(new_journal, "Panel", on=D1)
    m = plan.add_milestone(new_journal, goal_id, "Present", D1 + timedelta(days=7), on=D1)
    plan.move(new_journal, m, D1 + timedelta(days=21), "Agenda full", on=D1 + timedelta(days=5))
    plan.mark_met(new_journal, m, on=D1 + timedelta(days=20))
    plan.undo(new_journal, m, on=D1 + timedelta(days=21))
    plan.link(new_journal, goal_id, entry_id=entry.id, on=D1 + timedelta(days=21))
    plan.close_goal(new_journal, goal_id, on=D1 + timedelta(days=22))
    lines = [(h.milestone, h.text) for h in plan.history(new_journal, goal_id)]
    due = uk_date(D1 + timedelta(days=7), short=True)
    later = uk_date(D1 + timedelta(days=21), short=True)
    assert lines == [
        ("", "Goal set"),
        ("Present", f"Milestone added, due {due}"),
        ("Present", f"Moved from {due} to {later}: Agenda full"),
        ("Present", "Met"),
        ("Present", "Undone: met taken back"),
        ("", "Evidence linked: After the panel"),
        ("", "Goal closed"),
    ]


def test_linking_a_trashed_entry_is_refused(new_journal):
    entry = new_journal.add_entry("Gone", "")
    goal_id = plan.add_goal(new_journal, "Goal")
    new_journal.delete_entry(entry.id)
    assert all(c.entry_id != entry.id for c in plan.choices(new_journal))
    with pytest.raises(PlanError, match="in the trash"):
        plan.link(new_journal, goal_id, entry_id=entry.id)
    with pytest.raises(PlanError, match="Choose one entry or one action"):
        plan.link(new_journal, goal_id)


def test_unlink_removes_the_link_and_says_so(new_journal):
    entry = new_journal.add_entry("Thresholds", "")
    goal_id = plan.add_goal(new_journal, "Goal")
    link_id = plan.link(new_journal, goal_id, entry_id=entry.id)
    plan.unlink(new_journal, link_id)
    assert plan.evidence(new_journal, goal_id) == ()
    assert plan.history(new_journal, goal_id)[-1].text == "Evidence unlinked: Thresholds"
