"""A record in the trash does not exist, so its decisions do not count: moving it to the
trash reopens the earlier actions it closed (done, dropped or carried), restoring it closes
them again (unless they were decided elsewhere meanwhile), and emptying the trash leaves them
open. Each is read back from the journal file, reopened."""

from datetime import date

import pytest

from reflect.journal.journal import Journal
from reflect.store.actions import FOLLOW_UPS_KEY
from reflect.store.models import Action
from reflect.supervision.follow_ups import follow_ups_of
from reflect.supervision.records import CARRIED, DONE, DROPPED, OPEN, FollowUp, Supervision
from tests.conftest import PASSPHRASE

MARCH, APRIL, MAY = date(2026, 3, 3), date(2026, 4, 1), date(2026, 5, 6)
OUTCOME = "Meeting held; the plan was tightened."


@pytest.fixture
def sup(new_journal):
    return Supervision(new_journal)


@pytest.fixture
def april(sup):
    """Wren's March record with three open actions, all three decided in April's record
    (done, dropped, carried); returns (march actions, april record id)."""
    wren = sup.add_supervisee("Wren")
    march = sup.start_record(wren.id, "one_to_one", happened_on=MARCH)
    actions = sup.save_record(march.entry, [
        Action(description="Book the strategy meeting", owner="Wren"),
        Action(description="Ask the IRO for a view", owner="Manager"),
        Action(description="Chronology to the school", owner="Wren")]).actions
    book, iro, chron = actions
    start = sup.start_record(wren.id, "one_to_one", happened_on=APRIL)
    start.entry.sections.update(challenge="None.")
    record = sup.save_record(start.entry, [sup.carried_copy(chron, MAY)], follow_ups=[
        FollowUp.made(book.id, DONE, OUTCOME),
        FollowUp.made(iro.id, DROPPED, "The IRO changed")])
    return actions, record.entry.id


def _reopened(journal: Journal) -> Supervision:
    folder = journal.folder
    journal.close()
    return Supervision(Journal.unlock(folder, passphrase=PASSPHRASE))


def _states(sup: Supervision, actions) -> list[tuple]:
    rows = [sup.action(a.id) for a in actions]
    return [(r.status, r.outcome, r.reason, r.closed_on) for r in rows]


def test_follow_ups_of_lists_what_the_record_decided(sup, april):
    (book, iro, chron), record_id = april
    found = follow_ups_of(sup, record_id)
    assert [(f.action.id, f.status, f.note) for f in found] == [
        (book.id, DONE, OUTCOME), (iro.id, DROPPED, "The IRO changed"), (chron.id, CARRIED, "")]
    assert found[2].due_on == MAY and found[2].continuation_id is not None
    assert follow_ups_of(sup.journal, sup.record(record_id).entry) == found
    assert follow_ups_of(sup, sup.records_for(book.person_id)[-1].id) == []  # March's


def test_the_trash_reopens_them_and_restoring_closes_them_again(sup, april):
    (book, iro, chron), record_id = april
    sup.journal.delete_entry(record_id)
    sup = _reopened(sup.journal)
    assert _states(sup, (book, iro, chron)) == [(OPEN, "", "", None)] * 3
    assert [r.id for r in sup.open_actions_for(book.person_id)] == [book.id, iro.id, chron.id]
    assert FOLLOW_UPS_KEY not in sup.journal.get_entry(record_id).sections
    assert follow_ups_of(sup, record_id) == []
    assert not sup.journal.search("tightened").hits  # the March record's copy forgot it too

    sup.journal.restore_entry(record_id)
    sup = _reopened(sup.journal)
    assert _states(sup, (book, iro, chron)) == [
        (DONE, OUTCOME, "", APRIL), (DROPPED, "", "The IRO changed", APRIL),
        (CARRIED, "", "", APRIL)]
    assert [f.status for f in follow_ups_of(sup, record_id)] == [DONE, DROPPED, CARRIED]
    continuation = sup.record(record_id).actions[0]
    assert continuation.carried_from_id == chron.id and continuation.status == OPEN
    assert [r.id for r in sup.action_chain(chron.id)] == [chron.id, continuation.id]
    sup.journal.close()


def test_decided_elsewhere_meanwhile_stands_when_the_record_comes_back(sup, april):
    (book, iro, chron), record_id = april
    sup.journal.delete_entry(record_id)
    may = sup.start_record(book.person_id, "one_to_one", happened_on=MAY)
    may.entry.sections.update(challenge="None.")
    sup.save_record(may.entry, [sup.carried_copy(sup.action(chron.id))], follow_ups=[
        FollowUp.made(book.id, DROPPED, "Not needed after all")])
    sup.journal.restore_entry(record_id)
    sup = _reopened(sup.journal)
    assert _states(sup, (book, iro, chron)) == [
        (DROPPED, "", "Not needed after all", MAY), (DROPPED, "", "The IRO changed", APRIL),
        (CARRIED, "", "", MAY)]
    assert [(f.action.id, f.status) for f in follow_ups_of(sup, record_id)] == [
        (iro.id, DROPPED)]
    assert sup.record(record_id).actions[0].carried_from_id is None  # kept, not linked
    assert len(sup.action_chain(chron.id)) == 2
    sup.journal.close()


def test_emptying_the_trash_leaves_them_open(sup, april):
    (book, iro, chron), record_id = april
    sup.journal.delete_entry(record_id)
    assert sup.journal.empty_trash() == 1
    sup = _reopened(sup.journal)
    assert _states(sup, (book, iro, chron)) == [(OPEN, "", "", None)] * 3
    assert sup.count_actions() == 3
    sup.journal.close()
