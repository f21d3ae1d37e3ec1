"""Supervision as a first line manager uses it: supervisees, a record with challenge and
three actions, the next session's review, Home, and the record exported for agreement."""

from datetime import date

import pytest

from reflect.journal.journal import Journal
from reflect.store.actions import ActionFilter
from reflect.store.models import Action
from reflect.supervision.record_export import ActionLine, OutlineItem, record_outline, uk_date
from reflect.supervision.records import Supervision, SupervisionError
from tests.conftest import PASSPHRASE

MARCH, APRIL = date(2026, 3, 3), date(2026, 4, 1)
CHALLENGE = ("I questioned whether the threshold for a strategy discussion was met; "
             "Wren felt the neglect evidence was cumulative. Agreed to escalate.")


@pytest.fixture
def sup(new_journal):
    return Supervision(new_journal)


@pytest.fixture
def wren(sup):
    return sup.add_supervisee("Wren", role="Social worker", schedule="monthly")


def first_session(sup, person):
    start = sup.start_record(person.id, "one_to_one", happened_on=MARCH)
    entry = start.entry
    entry.sections.update(
        agenda="Caseload and the H. family", challenge=CHALLENGE,
        challenge_outcome="Escalated", child_file=True, workload=7,
        wellbeing="Tired after two late visits; agreed a flexi day.",
        supervisee_comments="I agree with this record.", next_session="2026-04-01")
    actions = [
        Action(description="Book the strategy meeting", owner="Wren",
               due_on=date(2026, 3, 10)),
        Action(description="Read the neglect toolkit", owner="Wren", due_on=date(2026, 3, 24)),
        Action(description="Ask the IRO for a view", owner="Manager",
               due_on=date(2026, 3, 31)),
    ]
    return sup.save_record(entry, actions, require_complete=True)


# -- supervisees ----------------------------------------------------------------------------


def test_supervisee_crud_and_duplicate_code_names(sup, wren):
    assert (wren.code_name, wren.role, wren.schedule, wren.active) == (
        "Wren", "Social worker", "monthly", True)
    with pytest.raises(SupervisionError, match="already a supervisee called 'Wren'"):
        sup.add_supervisee("  wREN ")
    owl = sup.add_supervisee("Owl", schedule="NQSW", started_on=date(2026, 1, 5))
    assert owl.schedule == "nqsw"
    with pytest.raises(SupervisionError, match="started"):
        sup.add_supervisee("Heron", schedule="nqsw")
    with pytest.raises(SupervisionError, match="not a supervision schedule"):
        sup.add_supervisee("Heron", schedule="daily")
    with pytest.raises(SupervisionError, match="code name"):
        sup.add_supervisee("   ")
    with pytest.raises(SupervisionError, match="at most 40"):
        sup.add_supervisee("A" * 41)
    with pytest.raises(SupervisionError, match="already a supervisee"):
        sup.rename_supervisee(owl.id, "wren")
    assert sup.rename_supervisee(wren.id, "WREN").code_name == "WREN"  # its own name, recased
    assert sup.rename_supervisee(owl.id, "Little Owl").code_name == "Little Owl"
    assert sup.set_schedule(wren.id, "six weekly").schedule == "six-weekly"
    with pytest.raises(SupervisionError, match="started"):
        sup.set_schedule(wren.id, "nqsw")
    assert sup.supervisee(wren.id).schedule == "six-weekly"  # the refused change left nothing
    updated = sup.set_schedule(wren.id, "nqsw", started_on=date(2026, 2, 2))
    assert (updated.schedule, updated.started_on) == ("nqsw", date(2026, 2, 2))
    assert sup.update_supervisee(wren.id, role="Senior practitioner").role == (
        "Senior practitioner")
    sup.add_supervisee("Avocet")
    sup.deactivate(wren.id)
    assert [p.code_name for p in sup.supervisees()] == ["Avocet", "Little Owl", "WREN"]
    assert [p.code_name for p in sup.supervisees(include_inactive=False)] == [
        "Avocet", "Little Owl"]
    assert sup.reactivate(wren.id).active


# -- records and actions ---------------------------------------------------------------------


def test_a_record_with_challenge_and_three_actions_is_saved_and_found(sup, wren, new_journal):
    start = sup.start_record(wren.id, "one_to_one", happened_on=MARCH)
    assert start.entry.id is None and start.to_review == []
    assert start.entry.kind == "supervision" and start.entry.sections["supervisee"] == "Wren"
    assert start.entry.title == "One-to-one reflective supervision — Wren"
    assert new_journal.count_entries() == 0  # nothing written until it is saved

    rec = first_session(sup, wren)
    assert rec.entry.id is not None and rec.person.code_name == "Wren"
    assert [a.description for a in rec.actions] == [
        "Book the strategy meeting", "Read the neglect toolkit", "Ask the IRO for a view"]
    assert {(a.entry_id, a.person_id, a.status) for a in rec.actions} == {
        (rec.entry.id, wren.id, "open")}
    hits = new_journal.search("threshold").hits  # a word from the challenge section
    assert [h.entry_id for h in hits] == [rec.entry.id]
    assert new_journal.search("neglect toolkit").total == 1  # action words are findable
    assert [e.id for e in sup.records_for(wren.id)] == [rec.entry.id]
    assert sup.last_supervised() == {wren.id: MARCH}

    # Edit later: change an action's wording, drop one from the list, keep the rest.
    kept = [rec.actions[0], rec.actions[1]]
    kept[0].description = "Book the strategy meeting for Friday"
    again = sup.save_record(rec.entry, kept)
    assert [a.description for a in again.actions] == [
        "Book the strategy meeting for Friday", "Read the neglect toolkit"]
    assert new_journal.search("IRO").total == 0 and new_journal.search("Friday").total == 1


def test_a_failed_save_writes_nothing(sup, wren, new_journal):
    start = sup.start_record(wren.id, happened_on=MARCH)
    start.entry.sections["challenge"] = CHALLENGE
    with pytest.raises(SupervisionError, match="what the action is"):
        sup.save_record(start.entry, [Action(description="Fine"), Action(description="  ")])
    # The entry is flushed before the actions; the refusal must roll it back as well.
    rec = first_session(sup, wren)
    done = sup.complete(rec.actions[0].id, "Meeting held", on=MARCH)
    later = sup.start_record(wren.id, happened_on=APRIL)
    fresh = Action(description="New")
    with pytest.raises(SupervisionError, match="already done"):
        sup.save_record(later.entry, [fresh, sup.carried_copy(done)])
    assert new_journal.count_entries() == 1
    assert sup.count_actions() == 3
    assert (later.entry.id, fresh.id, fresh.entry_id) == (None, None, None)
    retried = sup.save_record(later.entry, [fresh])  # fixing the list and saving again works
    assert [a.description for a in retried.actions] == ["New"]
    assert new_journal.count_entries() == 2
    with pytest.raises(SupervisionError, match="Still to fill in: Supervisee"):
        sup.save_record(sup.start_record(None).entry, require_complete=True)


def test_next_session_reviews_open_actions(sup, wren, new_journal):
    first = first_session(sup, wren)
    book, read, ask = first.actions
    nxt = sup.start_record(wren.id, "one_to_one", happened_on=APRIL)
    assert [r.description for r in nxt.to_review] == [
        "Book the strategy meeting", "Read the neglect toolkit", "Ask the IRO for a view"]
    assert nxt.to_review[0].entry_happened_on == MARCH and nxt.to_review[0].code_name == "Wren"

    with pytest.raises(SupervisionError, match="what changed in practice"):
        sup.complete(book.id, "  ")
    done = sup.complete(book.id, "Strategy meeting held; the plan now names a lead "
                                 "professional", on=APRIL)
    assert (done.status, done.closed_on) == ("done", APRIL)
    with pytest.raises(SupervisionError, match="already done"):
        sup.drop(book.id, "no")
    with pytest.raises(SupervisionError, match="why it is dropped"):
        sup.drop(ask.id, "")
    dropped = sup.drop(ask.id, "The IRO had already given a view at the review", on=APRIL)
    assert (dropped.status, dropped.reason) == ("dropped", dropped.reason)

    carried = sup.carried_copy(nxt.to_review[1], new_due_on=date(2026, 4, 20))
    nxt.entry.sections["previous_actions"] = "Two of three closed; toolkit carried."
    second = sup.save_record(nxt.entry, [carried, Action(description="Plan a joint visit",
                                                         owner="Manager")])
    assert [a.description for a in second.actions] == [
        "Read the neglect toolkit", "Plan a joint visit"]
    old = sup.action(read.id)
    assert (old.status, old.closed_on) == ("carried", APRIL)  # when it was reviewed
    assert [r.status for r in sup.action_chain(read.id)] == ["carried", "open"]
    assert [r.entry_id for r in sup.action_chain(second.actions[0].id)] == [
        first.entry.id, second.entry.id]
    assert second.actions[0].due_on == date(2026, 4, 20)

    # The outcome is written into the first record's search copy.
    assert [h.entry_id for h in new_journal.search("lead professional").hits] == [
        first.entry.id]
    later = sup.start_record(wren.id, happened_on=date(2026, 5, 1))
    assert [r.description for r in later.to_review] == [
        "Read the neglect toolkit", "Plan a joint visit"]
    assert [r.description for r in sup.open_actions_for(wren.id, second.entry.id)] == []
    assert len(sup.open_actions_for(wren.id)) == 2

    # Closed history cannot be edited away; the open continuation can be undone.
    with pytest.raises(SupervisionError, match="reopen it before removing"):
        sup.save_record(first.entry, [first.actions[1]])
    assert sup.reopen(book.id).outcome == ""
    assert sup.reopen(read.id).status == "open"
    assert [a.description for a in sup.record(second.entry.id).actions] == [
        "Plan a joint visit"]


def test_carry_forward_into_a_saved_record_and_delete(sup, wren):
    first = first_session(sup, wren)
    second = sup.save_record(sup.start_record(wren.id, happened_on=APRIL).entry)
    moved = sup.carry_forward(first.actions[2].id, second.entry.id)
    assert (moved.entry_id, moved.carried_from_id, moved.due_on) == (
        second.entry.id, first.actions[2].id, date(2026, 3, 31))  # date kept unless given
    with pytest.raises(SupervisionError, match="already carried"):
        sup.carry_forward(first.actions[2].id, second.entry.id)
    with pytest.raises(SupervisionError, match="its own record"):
        sup.carry_forward(first.actions[0].id, first.entry.id)
    with pytest.raises(SupervisionError, match="Save the new record"):
        sup.carry_forward(first.actions[0].id, 999)
    added = sup.add_action(second.entry.id, "Shadow a child protection conference", "Wren")
    updated = sup.update_action(added.id, due_on=date(2026, 4, 30), owner="Wren and manager")
    assert (updated.description, updated.due_on) == (added.description, date(2026, 4, 30))
    sup.delete_action(moved.id)  # agreed by mistake: the original is open again
    assert sup.action(first.actions[2].id).status == "open"
    assert [a.description for a in sup.record(second.entry.id).actions] == [
        "Shadow a child protection conference"]


def test_overdue_actions_and_home(sup, wren, new_journal):
    owl = sup.add_supervisee("Owl", schedule="nqsw", started_on=date(2026, 3, 2))
    sup.add_supervisee("Finch", schedule="fortnightly")
    quiet = sup.add_supervisee("Avocet")
    sup.deactivate(quiet.id)
    first = first_session(sup, wren)
    sup.complete(first.actions[0].id, "Held on 9 March", on=date(2026, 3, 9))
    owl_start = sup.start_record(owl.id, happened_on=date(2026, 3, 30))
    sup.save_record(owl_start.entry, [Action(description="Reflective log", due_on=APRIL)])
    binned = sup.save_record(sup.start_record(owl.id, happened_on=date(2026, 4, 6)).entry)
    new_journal.delete_entry(binned.entry.id)  # the trash does not count as supervision

    today = date(2026, 4, 8)
    overdue = sup.overdue(today)
    assert [(r.description, r.days_overdue(today)) for r in overdue] == [
        ("Read the neglect toolkit", 15), ("Ask the IRO for a view", 8), ("Reflective log", 7)]
    assert [r.description for r in sup.overdue(today, person_id=owl.id)] == ["Reflective log"]
    assert sup.count_actions(ActionFilter(status="open", person_id=wren.id)) == 2

    home = sup.home_summary(today)
    assert [r.id for r in home.overdue_actions] == [r.id for r in overdue]
    assert (home.counts.open, home.counts.done, home.counts.overdue) == (3, 1, 3)
    by_name = {d.person.code_name: d for d in home.supervisees}
    assert set(by_name) == {"Wren", "Owl", "Finch"}  # inactive ones are not on Home
    wren_due = by_name["Wren"].status
    # Due on the next session the record agreed (1 April), not a month after 3 March.
    assert (wren_due.days_since, wren_due.interval, wren_due.due_on, wren_due.overdue) == (
        36, 31, APRIL, True)
    assert (by_name["Wren"].agreed_next, wren_due.days_overdue) == (APRIL, 7)
    owl_due = by_name["Owl"]
    assert owl_due.last_supervised == date(2026, 3, 30)  # not the record in the trash
    assert (owl_due.status.interval, owl_due.status.days_overdue) == (7, 2)  # NQSW week 5
    assert by_name["Finch"].status.never_supervised
    assert [d.person.code_name for d in home.supervisees] == ["Wren", "Owl", "Finch"]


def test_records_survive_a_reopen_of_the_journal(sup, wren, new_journal, journal_dir):
    first = first_session(sup, wren)
    new_journal.close()
    with Journal.unlock(journal_dir, passphrase=PASSPHRASE) as reopened:
        again = Supervision(reopened).record(first.entry.id)
        assert again.entry.sections["challenge"] == CHALLENGE
        assert [a.owner for a in again.actions] == ["Wren", "Wren", "Manager"]


# -- the record as a document ----------------------------------------------------------------


def test_markdown_export_for_the_supervisee_to_agree(sup, wren):
    first = first_session(sup, wren)
    sup.complete(first.actions[0].id, "Meeting held; plan updated", on=date(2026, 3, 9))
    sup.drop(first.actions[2].id, "Covered at the review", on=APRIL)
    text = sup.record_markdown(first.entry.id)
    assert text.startswith("# One-to-one reflective supervision — Wren\n")
    assert "**Date:** 3 March 2026" in text and "**Supervisee:** Wren" in text
    for heading in ("## Agenda agreed", "## Challenge and differences of opinion",
                    "## Agreed way forward", "## Wellbeing", "## Supervisee's comments"):
        assert heading in text
    assert CHALLENGE in text and "I agree with this record." in text
    assert "| Action | Owner | Due | Status | Outcome |" in text
    assert ("| Book the strategy meeting | Wren | 10 March 2026 | Done | "
            "Meeting held; plan updated |") in text
    assert "| Dropped | Dropped: Covered at the review |" in text
    assert "| Read the neglect toolkit | Wren | 24 March 2026 | Open | — |" in text
    assert "Yes" in text and "7 / 10" in text and "Escalated" in text
    assert "1 April 2026" in text  # the next session date
    assert "_Not recorded._" in text  # empty sections stay visible
    private = sup.record_markdown(first.entry.id, include_sensitive=False)
    assert "Wellbeing" not in private and "flexi day" not in private
    assert "## Challenge and differences of opinion" in private


def test_outline_for_other_renderers(sup, wren):
    rec = first_session(sup, wren)
    outline = record_outline(rec.entry, rec.template, rec.person, rec.actions)
    assert all(isinstance(item, OutlineItem) for item in outline)
    assert outline[:3] == [("Date", "meta", "3 March 2026"), ("Supervisee", "meta", "Wren"),
                           ("Record", "meta", "One-to-one reflective supervision")]
    kinds = {heading: (kind, value) for heading, kind, value in outline}
    assert kinds["Decision recorded on the child's file"] == ("yesno", "Yes")
    assert kinds["Workload"] == ("scale", "7 / 10")
    assert kinds["Challenge: where it stands"] == ("choice", "Escalated")
    kind, lines = kinds["Agreed way forward"]
    assert kind == "actions" and lines[2] == ActionLine(
        "Ask the IRO for a view", "Manager", "31 March 2026", "Open", "")
    assert "way_forward" not in {h for h, _, _ in outline}  # the search copy is not a section
    assert "Wellbeing" not in {h for h, _, _ in record_outline(
        rec.entry, rec.template, rec.person, rec.actions, include_sensitive=False)}
    assert uk_date(date(2026, 3, 3)) == "3 March 2026" and uk_date("2026-12-25") == (
        "25 December 2026")
