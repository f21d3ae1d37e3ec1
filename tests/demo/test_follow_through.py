"""The demo journal uses what issue 13 built, read back through the domain API: several cases
in one record, a decision not yet on the child's file, a disagreement escalated and then
resolved, records shared and agreed (one through a returned PDF), a cancelled session, and a
supervision agreement per supervisee with one review overdue."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from reflect.content.toml_source import ContentError
from reflect.demo.builder import record_day
from reflect.demo.content import demo_dir, load_demo
from reflect.store import disagreements as disagreement_store
from reflect.store.actions import ActionFilter
from reflect.supervision import agreement, contracts, disagreements, sessions
from reflect.supervision.agreement import VIA_PDF, VIA_TYPED
from reflect.supervision.case_notes import (
    FILE_ACTION_DAYS,
    file_action_text,
    groups,
    record_notes,
    working_days_after,
)
from reflect.supervision.cases import discussions

TODAY = date(2026, 3, 18)  # the day conftest.py builds the demo for


def _person(sup, name: str):
    return next(p for p in sup.supervisees() if p.code_name == name)


def _record_on(sup, name: str, days_ago: int):
    day = record_day(TODAY, days_ago)
    entry = next(e for e in sup.records_for(_person(sup, name).id) if e.happened_on == day
                 and sessions.session_of(e).held)
    return sup.record(entry.id)


def test_records_discuss_several_cases_each_with_its_case_file_note(sup):
    with_cases = []
    for person in sup.supervisees():
        for entry in sup.records_for(person.id):
            record = sup.record(entry.id)
            notes = record_notes(record.entry.sections, record.template,
                                 record.entry.happened_on, record.actions)
            if len(notes) >= 2:
                with_cases.append((person.code_name, notes))
    assert {name for name, _ in with_cases} >= {"Wren", "Heron", "Osprey"}
    for _name, notes in with_cases:
        assert all(n.parts and n.reference.startswith("C-") for n in notes)
    assert {n.role for _, notes in with_cases for n in notes} == {"Team manager"}
    found = discussions(sup, "c 1187")  # every discussion of a case, by its reference
    assert [d.code_name for d in found] == ["Heron"]
    assert found[0].decision.startswith("Step down to early help")


def test_a_decision_not_yet_on_the_childs_file_is_an_open_action(sup):
    record = _record_on(sup, "Heron", 12)
    group = groups(record.template)[0]
    answers = {b["case_ref"]: b["on_file"] for b in record.entry.sections[group.id]}
    assert answers == {"C-1187": False, "C-5120": True}
    [action] = [a for a in record.actions if a.description == file_action_text("C-1187")]
    assert action.status == "open" and action.owner == "Team manager"
    assert action.due_on == working_days_after(record.entry.happened_on, FILE_ACTION_DAYS)
    assert action.due_on < TODAY  # so it shows among the overdue actions
    assert action.id in {a.id for a in sup.overdue(TODAY)}
    assert not [a for a in sup.actions(ActionFilter(status="open"), limit=None)
                if a.description == file_action_text("C-5120")]


def test_a_disagreement_escalated_then_resolved_in_a_later_record(journal, sup):
    wren = _person(sup, "Wren")
    escalated = _record_on(sup, "Wren", 180)
    resolving = _record_on(sup, "Wren", 52)
    assert escalated.entry.sections["challenge_outcome"] == "Escalated"
    with journal.vault.session() as s:
        rows = {r.entry_id: r for r in disagreement_store.rows(s, wren.id)}
    row = rows[escalated.entry.id]
    assert row.resolution["in_entry"] == resolving.entry.id
    assert row.resolution["on"] == resolving.entry.happened_on.isoformat()
    assert "service manager" in row.resolution["by"]
    assert disagreements.resolved_line(row).startswith("Resolved ")
    # shown at the top of the record that resolved it, and no longer open anywhere
    assert row.entry_id in {r.entry_id for r in
                            disagreements.for_record(journal, wren.id, resolving.entry)}
    still_open = disagreements.open_disagreements(journal)
    assert wren.id not in {r.person_id for r in still_open}
    assert {r.code_name for r in still_open} == {"Osprey", "Kestrel"}  # carried to Home


def test_one_record_awaits_agreement_and_one_was_agreed_from_a_returned_pdf(journal, sup):
    waiting = agreement.awaiting_in(journal, TODAY, agreement.DEFAULT_DAYS)
    heron = _record_on(sup, "Heron", 12)
    assert [w.entry_id for w in waiting] == [heron.entry.id]
    assert waiting[0].agreement.shared_on and waiting[0].agreement.agreed_on is None
    assert waiting[0].days > agreement.DEFAULT_DAYS
    wren = agreement.agreement_of(_record_on(sup, "Wren", 52).entry)
    [comment] = wren.comments
    assert comment.via == VIA_PDF and "my choice, not imposed" in comment.text
    assert wren.agreed_on == comment.on and wren.shared_on < wren.agreed_on <= TODAY
    typed = agreement.agreement_of(_record_on(sup, "Wren", 285).entry)
    assert [c.via for c in typed.comments] == [VIA_TYPED] and typed.agreed_on


def test_a_cancelled_session_with_its_reason_counts_not_as_supervision(sup):
    wren = _person(sup, "Wren")
    entries = sup.records_for(wren.id)
    cancelled = [e for e in entries if sessions.session_of(e).status == sessions.CANCELLED]
    assert len(cancelled) == 1
    assert sessions.history_note(cancelled[0]).startswith("Cancelled: Wren was in court")
    reg = sessions.regularity(entries, TODAY)
    assert reg.cancelled == 1 and reg.held >= 2
    assert sup.last_supervised()[wren.id] == record_day(TODAY, 52)  # held ones only
    held = sessions.session_of(_record_on(sup, "Wren", 52).entry)
    assert held.held and held.minutes == 90


def test_every_supervisee_has_an_agreement_and_one_review_is_overdue(sup):
    for person in sup.supervisees():
        if person.left_on is not None and person.left_on < TODAY - timedelta(days=366):
            continue  # left before the demo's year: no agreement of theirs in it
        assert person.contract_agreed_on and person.contract_review_on and person.contract_note
    due = contracts.reviews_due(sup, TODAY)
    assert [(d.person.code_name, d.days_overdue) for d in due] == [("Heron", 30)]
    assert "review overdue since" in contracts.contract_line(due[0].person, TODAY)


def _broken(tmp_path: Path, name: str, old: str, new: str) -> Path:
    folder = tmp_path / "demo"
    shutil.copytree(demo_dir(), folder)
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


@pytest.mark.parametrize(("old", "new", "message"), [
    ('key = "wren-conference"\n', "", "resolves 'wren-conference' names no earlier record"),
    ('status = "cancelled"\nreason = "Wren was', 'status = "cancelled"\nwhy = "Wren was',
     "unknown key 'why'"),
    ('shared_days = 1\nreturned_days = 6', 'shared_days = 1\nreturned_days = 90',
     "'returned_days' falls after today"),
    ('case_ref = "C-1187"', 'case_ref = "C-1187"\nvoise = "x"', "unknown key 'voise'"),
    ('on_file = false', 'on_file = "no"', "'on_file' has the wrong type"),
])
def test_broken_parts_are_named_with_their_line(tmp_path, old, new, message):
    with pytest.raises(ContentError) as caught:
        load_demo(_broken(tmp_path, "supervision.toml", old, new))
    assert caught.value.path.name == "supervision.toml" and caught.value.line > 0
    assert message in caught.value.message
    if "voise" in new or "why" in new or "on_file" in old:
        lines = caught.value.path.read_text(encoding="utf-8").split("\n")
        assert new.split("\n")[-1].split(" =")[0] in lines[caught.value.line - 1]


def test_a_moved_session_a_day_later_is_taken(tmp_path):
    """The format's moved session (with its new date) loads as well as a cancelled one."""
    folder = _broken(tmp_path, "supervision.toml", 'status = "cancelled"\nreason',
                     'status = "moved"\nmoved_days = 2\nreason')
    [logged] = load_demo(folder).sessions
    assert logged.session.status == "moved" and logged.session.moved_days == 2
    assert logged.days_ago - logged.session.moved_days >= 0
