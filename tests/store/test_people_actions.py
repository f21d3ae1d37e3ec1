"""The SQL behind supervisees and actions, on a real SQLCipher journal."""

from datetime import date, timedelta

import pytest
from sqlalchemy import text

from reflect.journal.journal import new_entry
from reflect.store import actions as action_store
from reflect.store import entries as entry_store
from reflect.store import people as people_store
from reflect.store.actions import ActionFilter, ActionStateError
from reflect.store.entries import utc_now
from reflect.store.models import Action, Person
from reflect.store.people import PersonError

TODAY = date(2026, 4, 20)


def person(name: str, **fields) -> Person:
    return Person(code_name=name, created_at=utc_now(), **fields)


def record(session, person_id, happened_on, **fields):
    return entry_store.save(session, new_entry("Supervision", kind="supervision",
                                               person_id=person_id, happened_on=happened_on,
                                               **fields))


def action(session, entry, description, due_on=None, **fields):
    return action_store.add(session, Action(description=description, due_on=due_on, **fields),
                            entry)


def test_people_are_unique_ignoring_case_and_listed_active_first(new_journal):
    with new_journal.vault.session() as s:
        wren = people_store.add(s, person("  Wren  "))
        people_store.add(s, person("kestrel"))
        people_store.add(s, person("Avocet", active=False))
        assert wren.code_name == "Wren"
        with pytest.raises(PersonError, match="already a supervisee called 'kestrel'"):
            people_store.add(s, person("KESTREL"))
    with new_journal.vault.session() as s:
        assert people_store.find_by_code_name(s, "WREN").id == wren.id
        assert [p.code_name for p in people_store.list_people(s)] == ["kestrel", "Wren", "Avocet"]
        assert [p.code_name for p in people_store.list_people(s, include_inactive=False)] == [
            "kestrel", "Wren"]
        kestrel = people_store.find_by_code_name(s, "kestrel")
        kestrel.code_name = "wren"
        with pytest.raises(PersonError):
            people_store.update(s, kestrel)
    with new_journal.vault.session() as s:
        assert people_store.find_by_code_name(s, "kestrel") is not None  # name put back


@pytest.mark.parametrize(("name", "message"), [
    ("", "code name"), ("   ", "code name"), ("x" * 41, "at most 40"), ("Ow\x00l", "control"),
])
def test_bad_code_names(name, message):
    with pytest.raises(PersonError, match=message):
        people_store.clean_code_name(name)


def test_last_supervised_ignores_the_trash_and_reflections(new_journal):
    with new_journal.vault.session() as s:
        wren = people_store.add(s, person("Wren"))
        record(s, wren.id, date(2026, 3, 3))
        late = record(s, wren.id, date(2026, 4, 1))
        entry_store.save(s, new_entry("Note", person_id=wren.id, happened_on=date(2026, 4, 9)))
        entry_store.soft_delete(s, late.id)
    with new_journal.vault.session() as s:
        assert people_store.last_supervised(s) == {wren.id: date(2026, 3, 3)}
        assert people_store.record_counts(s) == {wren.id: 1}


def test_lists_filter_count_and_leave_out_records_in_the_trash(new_journal):
    with new_journal.vault.session() as s:
        wren = people_store.add(s, person("Wren"))
        owl = people_store.add(s, person("Owl"))
        first = record(s, wren.id, date(2026, 3, 3))
        late = action(s, first, "Book the strategy meeting", TODAY - timedelta(days=5))
        action(s, first, "Read the research summary", TODAY + timedelta(days=5))
        undated = action(s, first, "Shadow a duty worker")
        done = action(s, first, "Update the plan", TODAY - timedelta(days=30))
        action_store.close(s, done, "done", TODAY, outcome="Plan now names the lead")
        binned = record(s, owl.id, date(2026, 3, 10))
        action(s, binned, "Gone with its record", TODAY - timedelta(days=9))
        entry_store.soft_delete(s, binned.id)
        standalone = action_store.add(s, Action(description="Own action", person_id=owl.id,
                                                due_on=TODAY - timedelta(days=1)))
    with new_journal.vault.session() as s:
        rows = action_store.rows(s)
        assert [r.description for r in rows] == [
            "Book the strategy meeting", "Own action", "Read the research summary",
            "Shadow a duty worker", "Update the plan"]
        assert rows[0].code_name == "Wren" and rows[0].entry_happened_on == date(2026, 3, 3)
        assert rows[0].is_overdue(TODAY) and rows[0].days_overdue(TODAY) == 5
        assert not rows[2].is_overdue(TODAY) and rows[2].days_overdue(TODAY) == 0
        overdue = action_store.rows(s, ActionFilter(overdue_as_of=TODAY))
        assert [r.id for r in overdue] == [late.id, standalone.id]
        assert [r.id for r in action_store.rows(s, ActionFilter(person_id=owl.id))] == [
            standalone.id]
        assert action_store.count(s, ActionFilter(status=("open", "done"))) == 5
        assert action_store.count(s, ActionFilter(status="done", entry_id=first.id)) == 1
        assert [r.id for r in action_store.rows(s, limit=2, offset=2)][1] == undated.id
        counts = action_store.status_counts(s, TODAY)
        assert (counts.open, counts.done, counts.overdue, counts.total) == (4, 1, 2, 5)
        assert action_store.status_counts(s, TODAY, person_id=wren.id).open == 3
        entry_store.restore(s, binned.id)
        assert action_store.count(s, ActionFilter(person_id=owl.id)) == 2


def test_open_before_an_entry_means_earlier_records_only(new_journal):
    with new_journal.vault.session() as s:
        wren = people_store.add(s, person("Wren"))
        first = record(s, wren.id, date(2026, 3, 3))
        second = record(s, wren.id, date(2026, 4, 1))
        same_day = record(s, wren.id, date(2026, 4, 1))
        a1 = action(s, first, "From March")
        a2 = action(s, second, "From April")
        action(s, same_day, "From April, later record")
    with new_journal.vault.session() as s:
        assert [r.id for r in action_store.open_before(s, wren.id, second)] == [a1.id]
        assert [r.id for r in action_store.open_before(s, wren.id, same_day)] == [a1.id, a2.id]
        assert len(action_store.open_before(s, wren.id)) == 3


def test_carry_keeps_one_chain_and_reopen_undoes_it(new_journal):
    with new_journal.vault.session() as s:
        wren = people_store.add(s, person("Wren"))
        first = record(s, wren.id, date(2026, 3, 3))
        second = record(s, wren.id, date(2026, 4, 1))
        third = record(s, wren.id, date(2026, 5, 1))
        original = action(s, first, "Observe a visit")
        step = Action(description="Observe a visit", carried_from_id=original.id)
        assert action_store.agree(s, second, step) == {second.id, first.id}
        assert (original.status, original.closed_on) == ("carried", date(2026, 4, 1))
        with pytest.raises(ActionStateError, match="already carried"):
            action_store.agree(s, third, Action(description="again",
                                                carried_from_id=original.id))
        last = Action(description="Observe a visit", carried_from_id=step.id)
        action_store.agree(s, third, last)
    with new_journal.vault.session() as s:
        chain = action_store.chain(s, step.id)
        assert [r.entry_happened_on for r in chain] == [
            date(2026, 3, 3), date(2026, 4, 1), date(2026, 5, 1)]
        assert [r.status for r in chain] == ["carried", "carried", "open"]
        with pytest.raises(ActionStateError, match="reopen that one first"):
            action_store.reopen(s, s.get(Action, original.id))
        assert action_store.reopen(s, s.get(Action, step.id)) == {second.id, third.id}
        assert action_store.successor(s, step.id) is None
        assert s.get(Action, step.id).status == "open"


def test_remove_only_open_actions_and_purge_needs_delete_for_entry(new_journal):
    with new_journal.vault.session() as s:
        wren = people_store.add(s, person("Wren"))
        first = record(s, wren.id, date(2026, 3, 3))
        second = record(s, wren.id, date(2026, 4, 1))
        original = action(s, first, "Observe a visit")
        done = action(s, first, "Read the plan")
        action_store.close(s, done, "done", TODAY, outcome="Read and discussed")
        with pytest.raises(ActionStateError, match="reopen it before removing"):
            action_store.remove(s, done)
        action_store.agree(s, second, Action(description="Observe", carried_from_id=original.id))
        third = record(s, wren.id, date(2026, 5, 1))
        moved = action_store.add(s, Action(description="Read the plan again"), second)
        action_store.agree(s, third, Action(description="Read it", carried_from_id=moved.id))
    with new_journal.vault.session() as s:
        action_store.delete_for_entry(s, first.id)
        entry_store.purge(s, first.id)
        action_store.delete_for_entry(s, third.id)  # the continuation goes: its original
        entry_store.purge(s, third.id)  # is open again rather than "carried" to nowhere
    with new_journal.vault.session() as s:
        remaining = action_store.rows(s)
        assert [(r.description, r.carried_from_id, r.status) for r in remaining] == [
            ("Observe", None, "open"), ("Read the plan again", None, "open")]


def test_the_actions_list_uses_the_indexes_at_thousands(new_journal):
    with new_journal.vault.session() as s:
        people = [people_store.add(s, person(f"P{i}")) for i in range(20)]
        entries = [record(s, p.id, date(2025, 1, 1) + timedelta(days=i))
                   for i, p in enumerate(people * 5)]
        s.execute(text(
            "INSERT INTO action (entry_id, person_id, description, owner, due_on, status, "
            "outcome, reason, created_at) VALUES (:e, :p, :d, '', :due, :st, '', '', :now)"),
            [{"e": e.id, "p": e.person_id, "d": f"Action {n}",
              "due": (date(2025, 1, 1) + timedelta(days=n % 600)).isoformat(),
              "st": "open" if n % 3 else "done", "now": utc_now()}
             for n in range(3000) for e in [entries[n % len(entries)]]])
    with new_journal.vault.session() as s:
        assert action_store.count(s) == 3000
        page = action_store.rows(s, ActionFilter(person_id=people[3].id), limit=50)
        assert len(page) == 50 and {r.code_name for r in page} == {"P3"}
        assert action_store.status_counts(s, TODAY).total == 3000
        where, params = action_store._where(ActionFilter(person_id=people[3].id))
        plan = " ".join(str(r[-1]) for r in s.execute(text(
            "EXPLAIN QUERY PLAN SELECT a.id FROM action a LEFT JOIN entry e "
            f"ON e.id = a.entry_id WHERE {where}"), params))
        assert "ix_action_person_id" in plan
