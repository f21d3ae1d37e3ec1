"""The mentor pack dialog: what is ticked at first, the plan updating live, the export running
off the UI thread with progress, and the PDF read back (with and without a password)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from reflect.content.library import load_attributes
from reflect.profile import ratings as profile_domain
from reflect.ui.profile.mentor_export_dialog import MentorExportDialog
from reflect.ui.profile.page import ProfilePage

TODAY = date.today()
SHARED = "Modelling curiosity in the team huddle"
PRIVATE = "Notes to self on the restructure"
SENSITIVE = "Wellbeing after a hard week"
SUPERVISION = "Supervision with Wren"
PASSWORD = "kestrel orchard"


@pytest.fixture
def journal(new_journal):
    ids = [a.id for a in load_attributes()]
    profile_domain.rate(new_journal, dict(zip(ids, [4, 4, 3, 4, 2], strict=True)),
                        notes={ids[0]: "I said no to the rota change"})
    profile_domain.rate(new_journal, dict(zip(ids, [2, 3, 3, 2, 3], strict=True)),
                        kind="other", rater_group="peer")
    new_journal.add_entry(SHARED, "We tried **asking first**.\n\n- one\n- two",
                          share_with_mentor=True, happened_on=TODAY - timedelta(days=3))
    new_journal.add_entry(PRIVATE, "Not for anyone else.", happened_on=TODAY - timedelta(days=4))
    new_journal.add_entry(SENSITIVE, "Tired and low.", sensitive=True, share_with_mentor=True,
                          happened_on=TODAY - timedelta(days=5))
    new_journal.add_entry(SUPERVISION, "Case detail", kind="supervision",
                          happened_on=TODAY - timedelta(days=6))
    return new_journal


@pytest.fixture
def dialog(qtbot, journal) -> MentorExportDialog:
    dialog = MentorExportDialog(journal)
    qtbot.addWidget(dialog)
    dialog.resize(1000, 700)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _titles(dialog: MentorExportDialog, checked: bool) -> list[str]:
    state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
    items = [dialog.entry_list.item(i) for i in range(dialog.entry_list.count())]
    return [i.text() for i in items if i.checkState() == state]


def _export(qtbot, dialog: MentorExportDialog, path: Path) -> None:
    progress: list[tuple[int, int]] = []
    dialog.relay.progressed.connect(lambda done, total, _m: progress.append((done, total)))
    with qtbot.waitSignal(dialog.finished_export, timeout=30_000):
        assert dialog.export_to(path)
        assert dialog.busy and not dialog.save_button.isEnabled()
    assert progress and progress[-1][0] == progress[-1][1]


def _text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def test_shared_entries_are_ticked_and_sensitive_ones_are_not(dialog):
    ticked, unticked = _titles(dialog, True), _titles(dialog, False)
    assert len(ticked) == 1 and SHARED in ticked[0]
    assert any(SENSITIVE in t and "Marked sensitive" in t for t in unticked)
    assert any(SUPERVISION in t and "Supervision record" in t for t in unticked)
    assert any(PRIVATE in t for t in unticked)
    assert dialog.entry_count.text() == "1 of 4 ticked"
    assert "AES-256" in dialog.password_note.text()


def test_the_plan_follows_the_ticks(qtbot, dialog, journal):
    lines = dialog.plan_lines()
    assert lines[0].startswith("Brief (page 1): Leadership development: mentor pack")
    assert any(SHARED in line for line in lines)
    assert not any(PRIVATE in line for line in lines)
    private = next(c.entry_id for c in dialog.candidates if c.title == PRIVATE)
    dialog.set_ticked(private, True)
    qtbot.waitUntil(lambda: any(PRIVATE in line for line in dialog.plan_lines()), timeout=2000)
    sensitive = next(c.entry_id for c in dialog.candidates if c.title == SENSITIVE)
    dialog.set_ticked(sensitive, True)
    qtbot.waitUntil(lambda: any(SENSITIVE in line and "sensitive entry, ticked by you" in line
                                for line in dialog.plan_lines()), timeout=2000)
    dialog.include_profile.setChecked(False)
    qtbot.waitUntil(lambda: not any(line.startswith("Leadership profile")
                                    for line in dialog.plan_lines()), timeout=2000)
    dialog.tick_defaults()
    assert len(_titles(dialog, True)) == 1
    # a period that leaves the shared entry out keeps nothing ticked from outside it
    dialog.from_edit.setDate(dialog.to_edit.date().addDays(-1))
    assert _titles(dialog, True) == []
    assert dialog.entry_count.text() == "0 of 0 ticked"


def test_export_without_a_password(qtbot, dialog, tmp_path):
    dialog.name_edit.setText("Sam Okafor")
    path = tmp_path / "pack.pdf"
    _export(qtbot, dialog, path)
    result = dialog.export_result
    assert result is not None and result.path == path and not result.encrypted
    assert dialog.status.text() == (f"Saved {result.pages} pages to {path}. It is not "
                                    "encrypted: anyone who can read the file can read the "
                                    "mentor pack.")
    assert dialog.plan_lines()[-1].startswith("Not encrypted: anyone who can read the file")
    assert dialog.save_button.isEnabled() and dialog.progress.isHidden()
    reader = PdfReader(path)
    assert not reader.is_encrypted and len(reader.pages) == result.pages
    text = _text(reader)
    for attribute in load_attributes():
        assert attribute.name in " ".join(text.split())
    assert SHARED in text and "Sam Okafor" in text
    for title in (PRIVATE, SENSITIVE, SUPERVISION):
        assert title not in text
    assert profile_domain.leader_name(dialog.journal) == "Sam Okafor"


def test_export_with_a_password(qtbot, dialog, tmp_path):
    dialog.password_edit.setText(PASSWORD)
    dialog.repeat_edit.setText(PASSWORD[:-1])
    dialog.refresh_plan()
    assert "not the same" in dialog.status.text() and not dialog.save_button.isEnabled()
    assert not dialog.export_to(tmp_path / "refused.pdf")
    dialog.repeat_edit.setText(PASSWORD)
    dialog.refresh_plan()
    assert dialog.save_button.isEnabled()
    assert dialog.plan_lines()[-1] == "Encrypted with AES-256"
    path = tmp_path / "locked.pdf"
    _export(qtbot, dialog, path)
    assert dialog.export_result.encrypted and "encrypted with AES-256" in dialog.status.text()
    assert "not encrypted" not in dialog.status.text().lower()
    data = path.read_bytes()
    assert SHARED.encode() not in data and b"Partnerships" not in data
    reader = PdfReader(path)
    assert reader.is_encrypted
    assert not reader.decrypt("wrong password")
    assert reader.decrypt(PASSWORD)
    text = _text(reader)
    assert SHARED in text and "Partnerships" in text and PRIVATE not in text


def test_a_failed_export_says_why_in_plain_text(qtbot, dialog, tmp_path):
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    with qtbot.waitSignal(dialog.finished_export, timeout=30_000):
        dialog.export_to(blocker / "pack.pdf")
    assert dialog.export_result is None and not dialog.error.isHidden()
    assert dialog.error.text().startswith("The mentor pack could not be saved.")
    assert dialog.save_button.isEnabled()
    shown = [label for label in dialog.findChildren(QLabel) if label.text()
             and label.text() in (dialog.status.text(), *dialog.error.text().split("\n"))]
    assert shown and all(label.textFormat() == Qt.TextFormat.PlainText for label in shown)


def test_the_profile_page_opens_the_dialog_with_the_leaders_name(qtbot, journal):
    profile_domain.set_leader_name(journal, "Sam Okafor")
    page = ProfilePage(journal)
    qtbot.addWidget(page)
    page.show()
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    dialog = page.export_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.name_edit.text() == "Sam Okafor"
    assert any(SHARED in t for t in _titles(dialog, True))
