"""What the mentor pack reads of the plan: the goals as they stood, and the decisions since
the last session (an undone one left out)."""

from __future__ import annotations

from datetime import date, timedelta

from reflect.coaching import plan
from reflect.coaching.pack_view import milestone_changes, plan_goals
from reflect.coaching.views import MET, MISSED, MOVED, OPEN, MilestoneChange
from reflect.common.dates import uk_date

TODAY = date.today()
D0 = TODAY - timedelta(days=60)


def _day(n: int) -> date:
    return D0 + timedelta(days=n)


def _plan(journal):
    entry = journal.add_entry("After the panel", "")
    lead = plan.add_goal(journal, "Lead change", attributes=["partnerships",
                                                             "changing_practice"],
                         target=4, on=_day(0))
    panel = plan.add_goal(journal, "Panel", attributes=["corporate_buy_in"], on=_day(0))
    pilot = plan.add_milestone(journal, lead, "Pilot", _day(10), on=_day(0))
    monthly = plan.add_milestone(journal, lead, "Monthly", _day(20), on=_day(0))
    paper = plan.add_milestone(journal, panel, "Paper", _day(15), on=_day(0))
    plan.mark_met(journal, pilot, on=_day(9))
    plan.move(journal, monthly, _day(50), "Two on leave", on=_day(18))
    plan.mark_missed(journal, paper, "Agenda full", on=_day(30))
    plan.link(journal, panel, entry_id=entry.id, on=_day(31))
    plan.close_goal(journal, panel, on=_day(40))
    return lead, panel, paper


def test_plan_goals_now_and_as_it_stood(new_journal):
    lead, panel, _paper = _plan(new_journal)
    now = plan_goals(new_journal, TODAY)
    assert [(g.goal_id, g.status) for g in now] == [(lead, "active"), (panel, "closed")]
    assert now[0].target == 4 and now[1].evidence == 1
    assert [(m.text, m.status) for m in now[0].milestones] == [("Pilot", MET),
                                                               ("Monthly", MOVED)]
    moved = now[0].milestones[1]
    assert (moved.due_on, moved.moved_from, moved.why, moved.decided_on) == (
        _day(50), _day(20), "Two on leave", _day(18))
    then = plan_goals(new_journal, _day(12))
    assert [(g.goal_id, g.status) for g in then] == [(lead, "active"), (panel, "active")]
    assert [(m.text, m.status) for m in then[0].milestones] == [("Pilot", MET),
                                                                ("Monthly", OPEN)]
    assert plan_goals(new_journal, D0 - timedelta(days=1)) == ()


def test_attributes_are_short_names_in_the_workbook_order(new_journal):
    from reflect.content.library import load_attributes

    names = {a.id: a.short_name for a in load_attributes()}
    lead, *_ = _plan(new_journal)
    goal = next(g for g in plan_goals(new_journal, TODAY) if g.goal_id == lead)
    assert goal.attributes == (names["changing_practice"], names["partnerships"])


def test_milestone_changes_since_the_last_session(new_journal):
    _plan(new_journal)
    later = uk_date(_day(50), short=True)
    assert milestone_changes(new_journal, _day(10), TODAY) == (
        MilestoneChange("Lead change", "Monthly", MOVED, _day(18), f"to {later}: Two on leave"),
        MilestoneChange("Panel", "Paper", MISSED, _day(30), "Agenda full"),
    )
    assert [c.change for c in milestone_changes(new_journal, None, _day(20))] == [MET, MOVED]


def test_an_undone_decision_is_not_reported(new_journal):
    _lead, _panel, paper = _plan(new_journal)
    plan.reopen_goal(new_journal, _panel)
    plan.undo(new_journal, paper, on=_day(35))
    assert [c.milestone for c in milestone_changes(new_journal, _day(10), TODAY)] == [
        "Monthly"]
    # as it stood before the undo, the miss still shows
    assert [c.milestone for c in milestone_changes(new_journal, _day(10), _day(32))] == [
        "Monthly", "Paper"]
