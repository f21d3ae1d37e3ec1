"""The plan's tables on a real SQLCipher journal: evidence and the trash, the unique link."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from reflect.coaching import plan
from reflect.store import plan as plan_store
from reflect.store.entries import utc_now
from reflect.store.models import Action, PlanEvidence


def test_evidence_on_a_trashed_entry_is_not_listed_and_comes_back(new_journal):
    entry = new_journal.add_entry("After the panel", "It went well.")
    goal_id = plan.add_goal(new_journal, "Present to panel", attributes=["corporate_buy_in"])
    plan.link(new_journal, goal_id, entry_id=entry.id)
    assert [e.label for e in plan.evidence(new_journal, goal_id)] == ["After the panel"]
    new_journal.delete_entry(entry.id)
    assert plan.evidence(new_journal, goal_id) == ()
    assert plan.goal(new_journal, goal_id).title == "Present to panel"
    new_journal.restore_entry(entry.id)
    assert [e.label for e in plan.evidence(new_journal, goal_id)] == ["After the panel"]


def test_emptying_the_trash_deletes_the_link_and_keeps_the_goal(new_journal):
    entry = new_journal.add_entry("Audit notes", "")
    with new_journal.vault.session() as session:
        action = Action(entry_id=entry.id, description="Re-audit in March",
                        created_at=utc_now())
        session.add(action)
        session.flush()
        action_id = action.id
    goal_id = plan.add_goal(new_journal, "Better records")
    plan.link(new_journal, goal_id, entry_id=entry.id)
    plan.link(new_journal, goal_id, action_id=action_id)
    assert len(plan.evidence(new_journal, goal_id)) == 2
    new_journal.delete_entry(entry.id)
    assert plan.evidence(new_journal, goal_id) == ()  # the action's record is in the trash
    assert new_journal.empty_trash() == 1
    with new_journal.vault.session() as session:
        assert list(session.exec(select(PlanEvidence))) == []
        conn = session.connection().connection.driver_connection
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert plan.goal(new_journal, goal_id).title == "Better records"


def test_one_link_per_goal_and_target(new_journal):
    entry = new_journal.add_entry("Thresholds", "")
    goal_id = plan.add_goal(new_journal, "Partnerships")
    first = plan.link(new_journal, goal_id, entry_id=entry.id)
    assert plan.link(new_journal, goal_id, entry_id=entry.id) == first
    with pytest.raises(IntegrityError), new_journal.vault.session() as session:
        plan_store.add(session, PlanEvidence(goal_id=goal_id, entry_id=entry.id,
                                             created_at=utc_now()))


def test_the_plan_survives_closing_and_unlocking(new_journal, journal_dir):
    from reflect.journal.journal import Journal
    from tests.conftest import PASSPHRASE

    goal_id = plan.add_goal(new_journal, "Lead change", attributes=["changing_practice"],
                            target=4)
    plan.add_milestone(new_journal, goal_id, "Group supervision monthly", date(2026, 5, 1))
    new_journal.close()
    with Journal.unlock(journal_dir, passphrase=PASSPHRASE) as journal:
        (goal,) = plan.goals(journal)
        assert (goal.title, goal.attributes, goal.target) == (
            "Lead change", ("changing_practice",), 4)
        assert [m.text for m in goal.milestones] == ["Group supervision monthly"]
