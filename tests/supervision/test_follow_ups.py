"""Follow-ups belong to the record they are made in: done or dropped in a new record counts
only when that record is saved (in its transaction, on its date, linked to it), a refused
save leaves every earlier action as it was, and undoing a follow-up takes it out again."""

from datetime import date

import pytest

from reflect.store.actions import FOLLOW_UPS_KEY
from reflect.store.models import Action
from reflect.supervision.records import (
    DONE,
    DROPPED,
    OPEN,
    FollowUp,
    Supervision,
    SupervisionError,
)

MARCH, APRIL = date(2026, 3, 3), date(2026, 4, 1)


@pytest.fixture
def sup(new_journal):
    return Supervision(new_journal)


@pytest.fixture
def earlier(sup):
    """Wren's March record with two open actions; returns them."""
    wren = sup.add_supervisee("Wren", role="Social worker")
    start = sup.start_record(wren.id, "one_to_one", happened_on=MARCH)
    record = sup.save_record(start.entry, [
        Action(description="Book the strategy meeting", owner="Wren"),
        Action(description="Ask the IRO for a view", owner="Manager")])
    return record.actions


def _april(sup, person_id):
    start = sup.start_record(person_id, "one_to_one", happened_on=APRIL)
    start.entry.sections.update(challenge="None this time.")
    return start


def test_follow_ups_are_written_with_the_record_on_its_date_and_linked(sup, earlier):
    book, iro = earlier
    start = _april(sup, book.person_id)
    assert [a.id for a in start.to_review] == [book.id, iro.id]
    record = sup.save_record(start.entry, follow_ups=[
        FollowUp.made(book.id, DONE, "Meeting held; the plan was tightened."),
        FollowUp.made(iro.id, DROPPED, "Asked in the wrong forum")])
    done, dropped = sup.action(book.id), sup.action(iro.id)
    assert (done.status, done.outcome, done.closed_on) == (
        DONE, "Meeting held; the plan was tightened.", APRIL)
    assert (dropped.status, dropped.reason, dropped.closed_on) == (
        DROPPED, "Asked in the wrong forum", APRIL)
    links = sup.record(record.entry.id).entry.sections[FOLLOW_UPS_KEY]
    assert [(v["followed_up"], v["status"]) for v in links] == [(book.id, DONE),
                                                               (iro.id, DROPPED)]
    assert record.entry.id in {h.entry_id for h in sup.journal.search("tightened").hits}


def test_a_refused_record_leaves_its_follow_ups_uncounted(sup, earlier):
    book, iro = earlier
    sup.complete(iro.id, "Closed on the Actions page meanwhile")
    start = _april(sup, book.person_id)
    with pytest.raises(SupervisionError, match="already done"):
        sup.save_record(start.entry, follow_ups=[FollowUp.made(book.id, DONE, "Held"),
                                                 FollowUp.made(iro.id, DROPPED, "Not needed")])
    assert sup.action(book.id).status == OPEN  # one transaction: the first did not count
    assert [e.happened_on for e in sup.records_for(book.person_id)] == [MARCH]


def test_a_follow_up_needs_its_words(sup, earlier):
    with pytest.raises(SupervisionError, match="what changed in practice"):
        FollowUp.made(earlier[0].id, DONE, "  ")
    with pytest.raises(SupervisionError, match="why it is dropped"):
        FollowUp.made(earlier[0].id, DROPPED, "")


def test_in_a_saved_record_a_follow_up_is_linked_and_undo_unlinks_it(sup, earlier):
    book, iro = earlier
    record = sup.save_record(_april(sup, book.person_id).entry)
    sup.complete_in(record.entry.id, FollowUp.made(book.id, DONE, "Held on day 6"))
    assert sup.action(book.id).closed_on == APRIL
    assert [v["followed_up"] for v in
            sup.record(record.entry.id).entry.sections[FOLLOW_UPS_KEY]] == [book.id]
    sup.reopen(book.id)
    assert sup.action(book.id).status == OPEN
    assert FOLLOW_UPS_KEY not in sup.record(record.entry.id).entry.sections
    with pytest.raises(SupervisionError, match="later record"):
        sup.complete_in(iro.entry_id, FollowUp.made(iro.id, DONE, "Its own record"))
