"""The leader's own actions are followed up: a new "My supervision" or coaching preparation
reviews the leader's open actions agreed before it (their own supervision, coaching,
reflections, none tied to a record), never a supervisee's or a group's, never its own; and
follow-ups there are written with the record exactly as for a supervisee."""

from __future__ import annotations

from datetime import date

import pytest

from reflect.store import actions as action_store
from reflect.store.actions import FOLLOW_UPS_KEY
from reflect.store.entries import utc_now
from reflect.store.models import Action
from reflect.supervision.follow_ups import follow_ups_of, to_review
from reflect.supervision.records import CARRIED, DONE, OPEN, FollowUp, Supervision

MARCH, APRIL, MAY, JUNE = date(2026, 3, 3), date(2026, 4, 1), date(2026, 5, 4), date(2026, 6, 1)


@pytest.fixture
def sup(new_journal):
    return Supervision(new_journal)


@pytest.fixture
def seeded(sup):
    """My supervision in March (one action, overdue by April), a coaching preparation in
    April (one action), Wren's one-to-one and a group supervision (one action each), and an
    own action tied to no record. Returns the actions by a short name."""
    own = sup.save_record(sup.start_record(None, "my_supervision", MARCH).entry, [
        Action(description="Ask for the leadership course", due_on=date(2026, 3, 20))])
    coaching = sup.start_record(None, "coaching_prep", APRIL)
    coaching.entry.sections["goals"] = "Delegating without rescuing."
    prep = sup.save_record(coaching.entry, [
        Action(description="Hand the duty rota to Wren", due_on=date(2026, 5, 30))])
    wren = sup.add_supervisee("Wren", role="Social worker")
    theirs = sup.save_record(sup.start_record(wren.id, "one_to_one", MARCH).entry, [
        Action(description="Book the strategy meeting", owner="Wren")])
    group = sup.save_record(sup.start_record(None, "group_supervision", MARCH).entry, [
        Action(description="Chronology for case AB")])
    with sup.journal.vault.session() as s:
        loose = action_store.add(s, Action(description="Read the Munro review",
                                           created_at=utc_now()))
    return {"course": own.actions[0], "rota": prep.actions[0], "wren": theirs.actions[0],
            "group": group.actions[0], "loose": loose, "own_record": own, "prep": prep}


def _ids(rows) -> list[int]:
    return [r.id for r in rows]


def test_a_new_my_supervision_reviews_exactly_the_leaders_own_open_actions(sup, seeded):
    start = sup.start_record(None, "my_supervision", MAY)
    # old code: [] (the review ran only when a supervisee was chosen)
    assert _ids(start.to_review) == [seeded["course"].id, seeded["rota"].id,
                                     seeded["loose"].id]  # soonest due first, undated last
    assert start.to_review[0].is_overdue(MAY) and not start.to_review[1].is_overdue(MAY)
    coaching = sup.start_record(None, "coaching_prep", MAY)
    assert _ids(coaching.to_review) == _ids(start.to_review)
    wren = sup.start_record(seeded["wren"].person_id, "one_to_one", MAY)
    assert _ids(wren.to_review) == [seeded["wren"].id]  # and never the leader's own
    assert sup.start_record(None, "gibbs", MAY).to_review == []  # not flagged: no review


def test_only_actions_agreed_before_the_record_are_reviewed(sup, seeded):
    early = sup.start_record(None, "coaching_prep", date(2026, 3, 10))
    assert _ids(early.to_review) == [seeded["course"].id, seeded["loose"].id]  # not April's
    same_day = sup.start_record(None, "my_supervision", APRIL)
    assert seeded["rota"].id in _ids(same_day.to_review)  # same day, agreed earlier
    # A saved record never reviews its own actions, nor those of records after it.
    assert _ids(to_review(sup, seeded["prep"].entry)) == [seeded["course"].id,
                                                          seeded["loose"].id]
    assert _ids(to_review(sup, seeded["own_record"].entry)) == [seeded["loose"].id]


def test_own_follow_ups_are_written_with_the_record_and_the_carry_comes_up_next(sup, seeded):
    course, rota = seeded["course"], seeded["rota"]
    start = sup.start_record(None, "my_supervision", MAY)
    carried = sup.carried_copy(next(r for r in start.to_review if r.id == rota.id),
                               new_due_on=JUNE)
    record = sup.save_record(start.entry, [carried], follow_ups=[
        FollowUp.made(course.id, DONE, "Booked on the spring cohort; my manager agreed.")])
    done = sup.action(course.id)
    assert (done.status, done.outcome, done.closed_on) == (
        DONE, "Booked on the spring cohort; my manager agreed.", MAY)
    assert [v["followed_up"] for v in record.entry.sections[FOLLOW_UPS_KEY]] == [course.id]
    assert (sup.action(rota.id).status, record.actions[0].carried_from_id) == (CARRIED, rota.id)
    assert record.actions[0].person_id is None
    assert [(f.action.id, f.status) for f in follow_ups_of(sup, record.entry)] == [
        (course.id, DONE), (rota.id, CARRIED)]
    # Reopened, the record lists what it decided (to show with Undo), and the loose one.
    assert _ids(to_review(sup, record.entry)) == [course.id, rota.id, seeded["loose"].id]

    nxt = sup.start_record(None, "coaching_prep", JUNE)
    assert [(r.description, r.due_on, r.carried_from_id) for r in nxt.to_review] == [
        ("Hand the duty rota to Wren", JUNE, rota.id), ("Read the Munro review", None, None)]
    assert all(r.status == OPEN for r in nxt.to_review)
