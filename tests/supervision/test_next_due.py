"""Next due follows what was agreed: the latest record's "Next session" date; a supervisee
added today is not already overdue, counting from the last session given when adding or
from the day they were added."""

from datetime import UTC, date, datetime, timedelta

from reflect.store import people as people_store
from reflect.store.models import Person
from reflect.supervision.records import Supervision
from reflect.supervision.schedules import due_list, person_status, supervision_status

TODAY = date(2026, 12, 2)


def _person(added: date, **kwargs) -> Person:
    return Person(id=1, code_name="Sam", created_at=datetime(added.year, added.month,
                                                             added.day, 9, tzinfo=UTC), **kwargs)


def test_the_agreed_next_session_is_the_due_date():
    last = date(2026, 11, 3)
    agreed = date(2026, 11, 17)  # sooner than the monthly 3 December
    status = supervision_status("monthly", None, last, TODAY, agreed_next=agreed)
    assert (status.due_on, status.overdue, status.days_overdue) == (agreed, True, 15)
    later = supervision_status("monthly", None, last, TODAY, agreed_next=date(2027, 1, 5))
    assert (later.due_on, later.overdue, later.interval) == (date(2027, 1, 5), False, 30)
    stale = supervision_status("monthly", None, last, TODAY, agreed_next=date(2026, 10, 1))
    assert stale.due_on == date(2026, 12, 3)  # an agreement before the session is not one


def test_added_today_with_a_start_date_months_ago_is_not_overdue():
    person = _person(TODAY, schedule="monthly", started_on=TODAY - timedelta(days=85))
    status = person_status(person, None, TODAY)
    assert (status.due_on, status.overdue, status.days_since) == (date(2027, 1, 2), False, None)
    old = supervision_status("monthly", person.started_on, None, TODAY)  # without added_on
    assert old.overdue  # what the window said before: "Overdue by 54 days"


def test_the_last_session_given_when_adding_counts():
    person = _person(TODAY, schedule="fortnightly", last_supervised_on=TODAY - timedelta(days=20))
    status = person_status(person, None, TODAY)
    assert (status.days_since, status.due_on, status.days_overdue) == (
        20, TODAY - timedelta(days=6), 6)
    recorded = TODAY - timedelta(days=3)  # a session recorded since overtakes it
    assert person_status(person, recorded, TODAY).due_on == recorded + timedelta(days=14)
    # an agreement in a record older than the session given is not used
    older = TODAY - timedelta(days=30)
    assert person_status(person, older, TODAY, agreed_next=TODAY + timedelta(days=40)).due_on \
        == TODAY - timedelta(days=6)


def test_due_list_uses_the_agreed_dates():
    person = _person(date(2026, 1, 5), schedule="monthly")
    [due] = due_list([person], {1: date(2026, 11, 3)}, TODAY, {1: date(2026, 12, 20)})
    assert (due.status.due_on, due.agreed_next, due.status.overdue) == (
        date(2026, 12, 20), date(2026, 12, 20), False)


def test_the_store_reads_the_latest_records_next_session(new_journal):
    sup = Supervision(new_journal)
    sam = sup.add_supervisee("Sam", last_supervised_on=date(2026, 10, 1))
    kit = sup.add_supervisee("Kit")
    first = sup.start_record(sam.id, "one_to_one", date(2026, 11, 3))
    first.entry.sections["next_session"] = "2026-11-17"
    sup.save_record(first.entry)
    assert sup.agreed_next_sessions() == {sam.id: date(2026, 11, 17)}
    second = sup.start_record(sam.id, "one_to_one", date(2026, 11, 17))
    sup.save_record(second.entry)  # agreed nothing: the schedule applies again
    other = sup.start_record(kit.id, "one_to_one", date(2026, 11, 20))
    other.entry.sections["next_session"] = "2026-11-01"  # before the session: not agreed
    sup.save_record(other.entry)
    assert sup.agreed_next_sessions() == {}
    assert sup.supervisee(sam.id).last_supervised_on == date(2026, 10, 1)
    with new_journal.vault.session() as s:
        assert people_store.agreed_next_sessions(s) == {}
    third = sup.start_record(sam.id, "one_to_one", date(2026, 11, 24))
    third.entry.sections["next_session"] = "2026-12-08"
    sup.save_record(third.entry)
    by_name = {d.person.code_name: d for d in sup.home_summary(TODAY).supervisees}
    assert by_name["Sam"].status.due_on == date(2026, 12, 8)
    assert by_name["Kit"].status.due_on == date(2026, 12, 20)
