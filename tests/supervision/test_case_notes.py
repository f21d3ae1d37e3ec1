"""Case blocks in the domain: the case-file note, two working days, the child's-file action
made once and closed by "Yes", and the export's "Case-file notes" read back from the PDF."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader

from reflect.store.models import Action
from reflect.supervision.case_notes import (
    case_key,
    looks_like_full_name,
    record_notes,
    working_days_after,
)
from reflect.supervision.cases import ON_FILE_OUTCOME
from reflect.supervision.record_pdf import export_record_pdf
from reflect.supervision.records import Supervision

FRIDAY = date(2026, 3, 6)


@pytest.mark.parametrize(("day", "after"), [
    (date(2026, 3, 2), date(2026, 3, 4)),  # Monday: Wednesday
    (date(2026, 3, 5), date(2026, 3, 9)),  # Thursday: Monday
    (FRIDAY, date(2026, 3, 10)),  # Friday: Tuesday
    (date(2026, 3, 7), date(2026, 3, 10)),  # Saturday: Tuesday
])
def test_two_working_days_skip_the_weekend(day, after):
    assert working_days_after(day, 2) == after


def test_full_names_are_told_from_references():
    for name in ("Jamie Smith", "about Mary-Jane O'Neil today", "Ali Khan"):
        assert looks_like_full_name(name), name
    for ref in ("JS", "C-1042", "J.S.", "Child J", "case 12", "LA ref 99812", ""):
        assert not looks_like_full_name(ref), ref
    assert case_key("c-14") == case_key("C 14") == "C14"


def _save(sup, person_id, cases, actions=None):
    start = sup.start_record(person_id, "one_to_one", FRIDAY)
    start.entry.sections["cases"] = cases
    start.entry.sections["_case_role"] = "Team manager"
    return sup.save_record(start.entry, cases={"cases": actions or [[] for _ in cases]})


def test_no_on_the_childs_file_adds_one_action_and_yes_closes_it(new_journal):
    sup = Supervision(new_journal)
    kestrel = sup.add_supervisee("Kestrel")
    record = _save(sup, kestrel.id, [{"case_ref": "C-9", "on_file": False}])
    (action,) = record.actions
    assert action.description == "Record the decision on C-9 on the child's file"
    assert (action.status, action.due_on, action.owner, action.person_id) == (
        "open", date(2026, 3, 10), "Team manager", kestrel.id)
    block = record.entry.sections["cases"][0]
    assert block["_file_action"] == action.id and block["_action_ids"] == [action.id]

    # Saved again (as the form does: the block's rows include the action): still one.
    entry = record.entry
    kept = Action(id=action.id, description=action.description, owner=action.owner,
                  due_on=action.due_on, created_at=action.created_at)
    again = sup.save_record(entry, cases={"cases": [[kept]]})
    assert [a.id for a in again.actions] == [action.id]

    again.entry.sections["cases"][0]["on_file"] = True
    kept = Action(id=action.id, description=action.description, owner=action.owner,
                  due_on=action.due_on, created_at=action.created_at)
    closed = sup.save_record(again.entry, cases={"cases": [[kept]]})
    (action,) = closed.actions
    assert action.status == "done" and action.outcome == ON_FILE_OUTCOME


def test_the_export_has_each_case_and_its_case_file_note(new_journal, tmp_path):
    sup = Supervision(new_journal)
    kestrel = sup.add_supervisee("Kestrel")
    record = _save(sup, kestrel.id, [
        {"case_ref": "C-1042", "decision": "Step down to early help.",
         "rationale": "Attendance is up.", "drift": False, "on_file": True},
        {"case_ref": "JS", "decision": "Keep the plan.", "on_file": False}],
        [[Action(description="Book the TAF meeting", owner="Kestrel", due_on=date(2026, 3, 20))],
         []])
    notes = record_notes(record.entry.sections, record.template, FRIDAY, record.actions)
    assert [n.reference for n in notes] == ["C-1042", "JS"]
    assert notes[0].parts == (("Decision", "Step down to early help."),
                              ("Rationale", "Attendance is up."))
    assert [a.description for a in notes[1].actions] == [
        "Record the decision on JS on the child's file"]

    markdown = sup.record_markdown(record.entry.id)
    assert "## Case discussed: C-1042" in markdown and "## Case-file notes" in markdown
    assert "**Drift or delay:** No" in markdown
    path = export_record_pdf(sup.record(record.entry.id), tmp_path / "record.pdf")
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)
    assert "Case discussed: C-1042" in text and "Case discussed: JS" in text
    notes_at = text.index("Case-file notes")
    tail = text[notes_at:]
    assert "Supervision decision, 6 March 2026 Case: C-1042" in tail
    assert "recorded by: Team manager" in tail
    assert "Decision: Step down to early help. Rationale: Attendance is up." in tail
    assert "- Book the TAF meeting. Owner: Kestrel. Due: 20 March 2026." in tail
    assert "Record the decision on JS on the child's file. Owner: Team manager. Due: 10 March " \
           "2026." in tail
    # The record's own way forward lists neither case's actions: they are under their case.
    way_forward = text[text.index("Agreed way forward"):notes_at]
    assert "No actions agreed" in way_forward and "Book the TAF meeting" not in way_forward


def test_a_save_that_knows_no_case_blocks_keeps_their_actions(new_journal):
    """The CLI, the demo or an older caller saves with the record's own actions only."""
    sup = Supervision(new_journal)
    kestrel = sup.add_supervisee("Kestrel")
    agreed = Action(description="Ask the school for attendance", owner="Kestrel")
    record = _save(sup, kestrel.id, [{"case_ref": "C-9", "on_file": False}], [[agreed]])
    ids = sorted(a.id for a in record.actions)
    assert len(ids) == 2  # the block's own action and the child's-file one
    own = Action(description="Book the team day", owner="Me")
    again = sup.save_record(record.entry, [own])
    assert sorted(a.id for a in again.actions if a.id in ids) == ids
    assert {a.description for a in again.actions} == {
        "Ask the school for attendance", "Book the team day",
        "Record the decision on C-9 on the child's file"}
