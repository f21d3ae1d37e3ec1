"""Coaching sessions as the mentor pack reads them: each preparation with its session date
(the answer, else the record's date), goals, what was agreed and how each agreement was
followed up (done with what changed, carried and where it stands now), newest first."""

from __future__ import annotations

from datetime import date

import pytest

from reflect.coaching.sessions import latest_session, previous_session, sessions
from reflect.store.models import Action
from reflect.supervision.records import FollowUp, Supervision

FEB, MARCH, APRIL, MAY = date(2026, 2, 2), date(2026, 3, 3), date(2026, 4, 1), date(2026, 5, 4)


@pytest.fixture
def sup(new_journal):
    return Supervision(new_journal)


def _prep(sup, written_on, session_on, goals, actions=(), follow_ups=(), carried=()):
    start = sup.start_record(None, "coaching_prep", written_on)
    start.entry.sections.update(goals=goals, after="We agreed to try it for a month.")
    if session_on is not None:
        start.entry.sections["session_on"] = session_on.isoformat()
    copies = [sup.carried_copy(sup.action(a.id)) for a in carried]
    return sup.save_record(start.entry, [*actions, *copies], follow_ups=list(follow_ups))


def test_sessions_newest_first_with_their_agreements_followed_up(sup):
    first = _prep(sup, FEB, date(2026, 2, 9), "Delegating without rescuing.", [
        Action(description="Hand the duty rota to Wren", due_on=MARCH),
        Action(description="Ask for the leadership course")])
    rota, course = first.actions
    second = _prep(sup, MARCH, None, "Holding the line on thresholds.", follow_ups=[
        FollowUp.made(course.id, "done", "Booked on the spring cohort.")], carried=[rota])
    sup.save_record(sup.start_record(None, "my_supervision", APRIL).entry)  # not a session
    sup.save_record(sup.start_record(None, "gibbs", APRIL).entry)

    found = sessions(sup.journal)
    assert [(s.entry_id, s.session_on, s.goals) for s in found] == [
        (second.entry.id, MARCH, "Holding the line on thresholds."),  # no date: the record's
        (first.entry.id, date(2026, 2, 9), "Delegating without rescuing.")]
    assert found[1].after == "We agreed to try it for a month."
    rota_then, course_then = found[1].actions
    assert (course_then.status, course_then.note, course_then.closed_on) == (
        "done", "Booked on the spring cohort.", MARCH)
    assert (rota_then.status, rota_then.now, rota_then.closed_on) == ("carried", "open", MARCH)
    assert rota_then.continued_in == second.entry.title and rota_then.followed_up
    (continued,) = found[0].actions
    assert (continued.description, continued.status, continued.followed_up) == (
        "Hand the duty rota to Wren", "open", False)

    assert latest_session(sup.journal).entry_id == second.entry.id
    assert previous_session(sup.journal, MARCH).entry_id == first.entry.id
    assert previous_session(sup.journal, date(2026, 2, 9)) is None


def test_no_sessions_and_a_trashed_one(sup):
    assert sessions(sup.journal) == () and latest_session(sup.journal) is None
    only = _prep(sup, APRIL, MAY, "Prepare for the panel.")
    assert latest_session(sup.journal).session_on == MAY
    sup.journal.delete_entry(only.entry.id)
    assert latest_session(sup.journal) is None
