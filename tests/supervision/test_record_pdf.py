"""A single supervision record as PDF, from a real encrypted journal, read back with pypdf:
section texts, the actions table with outcomes, the supervisee's comments, the agreement
line; sensitive sections left out on request; written 0600, optionally AES-256."""

from __future__ import annotations

import os
import stat
from datetime import date

import pytest
from pypdf import PdfReader

from reflect.store.models import Action
from reflect.supervision.record_export import AGREEMENT, CONFIDENTIAL
from reflect.supervision.record_pdf import export_record_pdf, record_pdf
from reflect.supervision.records import Supervision

MARCH = date(2026, 3, 3)
CHALLENGE = ("I questioned whether the threshold for a strategy discussion was met; Wren "
             "felt the neglect evidence was cumulative. Agreed to escalate to the IRO.")


def words(path, password: str | None = None) -> str:
    reader = PdfReader(str(path))
    if password is not None:
        reader.decrypt(password)
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


@pytest.fixture
def record(new_journal):
    sup = Supervision(new_journal)
    wren = sup.add_supervisee("Wren", role="Social worker")
    start = sup.start_record(wren.id, "one_to_one", happened_on=MARCH)
    start.entry.sections.update(
        agenda="Caseload & the *H. family* (case 4471) <b>not bold</b>",
        experiencing="Two visits.\n\n- a late visit on Tuesday\n- the school meeting",
        challenge=CHALLENGE, challenge_outcome="Escalated", child_file=True, workload=7,
        wellbeing="Tired after two late visits; agreed a flexi day.",
        supervisee_comments="I agree with this record, but the escalation should go to the "
                            "IRO first.", next_session="2026-04-01")
    saved = sup.save_record(start.entry, [
        Action(description="Book the strategy meeting", owner="Wren", due_on=date(2026, 3, 10)),
        Action(description="Read the neglect toolkit", owner="Wren", due_on=date(2026, 3, 24)),
        Action(description="Ask the IRO for a view", owner="Manager",
               due_on=date(2026, 3, 31))])
    first, second, _third = saved.actions
    sup.complete(first.id, "Meeting held on 9 March; police joined and the plan tightened.",
                 on=date(2026, 3, 9))
    sup.drop(second.id, "Replaced by the team training day", on=date(2026, 3, 20))
    return sup.record(saved.entry.id)


def test_the_record_reads_back_whole(record, tmp_path):
    path = export_record_pdf(record, tmp_path / "record.pdf")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    text = words(path)
    assert "One-to-one reflective supervision — Wren" in text
    assert "3 March 2026" in text and "Wren" in text
    assert CHALLENGE in text
    assert "Escalated" in text and "Yes" in text and "7 / 10" in text
    assert "a late visit on Tuesday" in text and "- a late" not in text  # a real list
    assert "Caseload & the H. family (case 4471) <b>not bold</b>" in text  # escaped, literal
    # The actions table: owner, due, status and what changed in practice.
    assert "Book the strategy meeting" in text and "10 March 2026" in text
    assert "Meeting held on 9 March; police joined and the plan tightened." in text
    assert "Dropped: Replaced by the team training day" in text
    assert "Outcome / what changed in practice" in text
    # The supervisee's comments, and lines to sign.
    assert "I agree with this record, but the escalation should go to the IRO first." in text
    assert "Supervisor" in text and "Supervisee (Wren)" in text and "Signed" in text
    assert "Tired after two late visits" in text and "sensitive" in text
    assert AGREEMENT in text and CONFIDENTIAL in text  # the wording the printed record has
    assert "Not recorded." in text  # empty sections say so, rather than vanish
    reader = PdfReader(str(path))
    assert reader.metadata.title == "One-to-one reflective supervision — Wren"
    assert "Agreed way forward" in [o.title for o in reader.outline]


def test_sensitive_sections_can_be_left_out(record, tmp_path):
    path = export_record_pdf(record, tmp_path / "shared.pdf", include_sensitive=False)
    text = words(path)
    assert "Tired after two late visits" not in text and "Wellbeing" not in text
    assert CHALLENGE in text


def test_password_protected_copy(record, tmp_path):
    path = export_record_pdf(record, tmp_path / "locked.pdf", password="kingfisher")
    assert PdfReader(str(path)).is_encrypted
    assert CHALLENGE in words(path, "kingfisher")


def test_a_record_without_a_template_is_refused(record):
    from dataclasses import replace

    with pytest.raises(ValueError, match="template"):
        record_pdf(replace(record, template=None))


def test_a_record_with_hostile_nesting_still_makes_a_pdf(record, tmp_path):
    """The record goes through the same rich text as the mentor pack (issue 10, case 6)."""
    from tests.common.test_markdown_nesting import HOSTILE

    record.entry.sections.update(agenda=HOSTILE["quotes"], experiencing=HOSTILE["list"],
                                 challenge=HOSTILE["table"], wellbeing=HOSTILE["emphasis"])
    text = words(export_record_pdf(record, tmp_path / "record.pdf"))
    for word in ("deepest quote", "item399", "h299", "v299", "core"):
        assert word in text, word
