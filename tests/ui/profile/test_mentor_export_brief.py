"""The mentor pack dialog's brief: the coach, role and session date pre-filled from the journal
and saved back, and the development plan's tick, driven with the keyboard (issue 15)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from reflect.coaching import coach
from reflect.common.dates import uk_date
from reflect.profile import mentor_recent
from reflect.ui.profile.mentor_export_dialog import MentorExportDialog

TODAY = date.today()
SESSION = TODAY + timedelta(days=3)


@pytest.fixture
def journal(new_journal):
    coach.set_coach_name(new_journal, "Dr Lee")
    new_journal.add_entry("Preparing for the autumn", "", kind="coaching",
                          template_id="coaching_prep", happened_on=TODAY - timedelta(days=70),
                          sections={"session_on": (TODAY - timedelta(days=60)).isoformat(),
                                    "goals": "An old goal"})
    new_journal.add_entry("Preparing for this week", "", kind="coaching",
                          template_id="coaching_prep", happened_on=TODAY,
                          sections={"session_on": SESSION.isoformat(),
                                    "goals": "Reach the lead member"})
    return new_journal


@pytest.fixture
def dialog(qtbot, journal) -> MentorExportDialog:
    dialog = MentorExportDialog(journal)
    qtbot.addWidget(dialog)
    dialog.resize(1000, 700)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_brief_is_pre_filled_from_the_journal(dialog):
    assert dialog.coach_edit.text() == "Dr Lee"
    assert dialog.session_edit.value() == SESSION  # the latest preparation's session
    assert dialog.role_edit.text() == ""
    options = dialog.options()
    assert (options.coach, options.session_on, options.include_plan) == ("Dr Lee", SESSION, True)
    assert any("coach or mentor Dr Lee" in line and f"session {uk_date(SESSION)}" in line
               for line in dialog.plan_lines())


def test_no_preparation_leaves_the_session_date_empty(qtbot, new_journal):
    dialog = MentorExportDialog(new_journal)
    qtbot.addWidget(dialog)
    assert dialog.session_edit.value() is None and dialog.options().session_on is None
    assert dialog.coach_edit.text() == ""


def test_typed_coach_and_role_are_saved_back_and_printed(qtbot, dialog, journal, tmp_path):
    dialog.coach_edit.setFocus()
    dialog.coach_edit.selectAll()
    qtbot.keyClicks(dialog.coach_edit, "Sam Okafor, regional mentor")
    qtbot.keyClicks(dialog.role_edit, "Team manager")
    dialog.include_plan.setFocus()
    qtbot.keyClick(dialog.include_plan, Qt.Key.Key_Space)  # untick the plan
    assert not dialog.include_plan.isChecked()
    qtbot.waitUntil(lambda: not any(line.startswith("Development plan")
                                    for line in dialog.plan_lines()), timeout=2000)
    path = tmp_path / "pack.pdf"
    with qtbot.waitSignal(dialog.finished_export, timeout=30_000):
        assert dialog.export_to(path)
    assert coach.coach_name(journal) == "Sam Okafor, regional mentor"
    assert mentor_recent.leader_role(journal) == "Team manager"
    first = " ".join(PdfReader(str(path)).pages[0].extract_text().split())
    assert "Coach or mentor Sam Okafor, regional mentor" in first
    assert "Role and context Team manager" in first and "Reach the lead member" in first
    whole = " ".join(p.extract_text() for p in PdfReader(str(path)).pages)
    assert "Development plan" not in whole
    assert mentor_recent.last_export(journal) == TODAY
