"""A draft brought back after unlocking says so ("Restored your unsaved draft from 14:32") and
offers Discard, which throws it away and shows the saved text again; a draft this version
cannot read is left stored and mentioned calmly, on the Journal and Supervision pages alike."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from reflect.journal.drafts import DRAFT_VERSION, Draft, DraftKind
from reflect.journal.journal import Journal
from reflect.supervision.records import Supervision
from reflect.ui.widgets.draft_restore import restored_text
from tests.ui.conftest import open_unlocked

KEPT_AT = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(minutes=3)


def _press(qtbot, button) -> None:
    """Keyboard first: focus the bar's button and press Enter."""
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Return)
    qtbot.wait(250)  # animateClick releases after 100 ms


def test_the_restored_time_is_local_with_the_date_when_not_today():
    now = datetime(2026, 3, 5, 16, 0).astimezone()
    today = datetime(2026, 3, 5, 14, 32).astimezone()
    earlier = datetime(2026, 3, 3, 9, 5).astimezone()
    assert restored_text(today.astimezone(UTC).isoformat(), now) == (
        "Restored your unsaved draft from 14:32")
    assert restored_text(earlier.isoformat(), now) == (
        "Restored your unsaved draft from 3 March 2026, 09:05")
    assert restored_text("", now) == "Restored your unsaved draft"


@pytest.fixture
def with_entry(folder: Path, cheap, passphrase) -> tuple[Path, int]:
    journal, _ = Journal.create(folder, passphrase, cheap)
    with journal:
        entry = journal.add_entry("Panel day", "What I said to the panel.")
        journal.save_draft(f"journal:entry:{entry.id}", Draft.now(
            DraftKind.JOURNAL, {"title": "Panel day", "body": "Words typed before a crash."},
            entry_id=entry.id, uid=entry.uid, prompt_id=None).to_payload()
            | {"saved_at": KEPT_AT.isoformat()})
    return folder, entry.id


def test_a_restored_journal_draft_says_when_and_discard_brings_back_the_saved_text(
        qtbot, make_window, driver, with_entry, passphrase):
    folder, entry_id = with_entry
    window = open_unlocked(qtbot, make_window, driver, folder, passphrase)
    page = window.shell.page("Journal")
    assert window.shell.current_page_name == "Journal"
    editor = page.editor
    assert editor.body_edit.toPlainText() == "Words typed before a crash."
    assert editor.status_text() == "Draft kept, not saved yet"
    local = KEPT_AT.astimezone().strftime("%H:%M")
    if KEPT_AT.astimezone().date() == date.today():
        assert page.draft_bar.text() == f"Restored your unsaved draft from {local}."
    assert page.draft_bar.discard_button.isVisible()

    _press(qtbot, page.draft_bar.discard_button)
    assert editor.entry_id == entry_id
    assert editor.body_edit.toPlainText() == "What I said to the panel."
    assert editor.status_text() == "Saved"
    assert window.journal.drafts() == {}
    assert page.draft_bar.text() == "Draft discarded."
    assert page.draft_bar.discard_button.isHidden()
    assert window.journal.get_entry(entry_id).body == "What I said to the panel."


def test_discarding_a_new_entry_draft_leaves_a_blank_entry(qtbot, make_window, driver, folder,
                                                          cheap, passphrase):
    journal, _ = Journal.create(folder, passphrase, cheap)
    with journal:
        journal.save_draft("journal:new:abc", {"entry_id": None, "uid": "abc",
                                               "title": "Half a thought", "body": "Fresh."})
    window = open_unlocked(qtbot, make_window, driver, folder, passphrase)
    page = window.shell.page("Journal")
    assert page.editor.title_edit.text() == "Half a thought"
    assert page.draft_bar.text() == "Restored your unsaved draft."  # no time was kept

    _press(qtbot, page.draft_bar.discard_button)
    assert page.editor.entry_id is None and page.editor.title_edit.text() == ""
    assert window.journal.drafts() == {} and window.journal.count_entries() == 0


def test_saving_the_restored_entry_takes_discard_away(qtbot, make_window, driver, with_entry,
                                                     passphrase):
    folder, entry_id = with_entry
    window = open_unlocked(qtbot, make_window, driver, folder, passphrase)
    page = window.shell.page("Journal")
    qtbot.keyClick(page.editor.body_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.journal.get_entry(entry_id).body == "Words typed before a crash."
    assert page.draft_bar.isHidden()


@pytest.fixture
def with_record(folder: Path, cheap, passphrase) -> tuple[Path, int]:
    journal, _ = Journal.create(folder, passphrase, cheap)
    with journal:
        sup = Supervision(journal)
        person = sup.add_supervisee("Kestrel", role="Social worker")
        start = sup.start_record(person.id, "one_to_one", date.today())
        start.entry.title = "Kestrel, saved title"
        record = sup.save_record(start.entry)
        entry = record.entry
        state = {"title": "Kestrel, title typed before a lock",
                 "happened_on": entry.happened_on.isoformat(), "person_id": person.id,
                 "sections": dict(entry.sections), "actions": []}
        journal.save_draft(f"supervision:entry:{entry.id}", Draft.now(
            DraftKind.SUPERVISION, state, entry_id=entry.id, uid=entry.uid,
            template_id="one_to_one", person_id=person.id).to_payload()
            | {"saved_at": KEPT_AT.isoformat()})
    return folder, entry.id


def test_a_restored_record_draft_says_so_and_discard_brings_back_the_saved_record(
        qtbot, make_window, driver, with_record, passphrase):
    folder, entry_id = with_record
    window = open_unlocked(qtbot, make_window, driver, folder, passphrase)
    page = window.shell.page("Supervision")
    assert window.shell.current_page_name == "Supervision"
    assert page.form.entry_id == entry_id
    assert page.form.title_edit.text() == "Kestrel, title typed before a lock"
    assert page.draft_bar.text().startswith("Restored your unsaved draft from ")

    _press(qtbot, page.draft_bar.discard_button)
    assert page.stack.currentWidget() is page.form and page.form.entry_id == entry_id
    assert page.form.title_edit.text() == "Kestrel, saved title"
    assert not page.form.is_dirty
    assert window.journal.drafts() == {}


def test_an_unreadable_record_draft_is_mentioned_calmly_and_kept(qtbot, make_window, driver,
                                                                folder, cheap, passphrase):
    journal, _ = Journal.create(folder, passphrase, cheap)
    future = {"v": DRAFT_VERSION + 1, "uid": "future", "template_id": "one_to_one",
              "state": {"title": "Written by a later version"}}
    with journal:
        journal.save_draft("supervision:new:future", future)
    window = open_unlocked(qtbot, make_window, driver, folder, passphrase)
    page = window.shell.page("Supervision")
    window.shell.show_page("Supervision")
    text = page.draft_bar.text()
    assert text.startswith("One unsaved draft could not be opened and is kept as it was.")
    assert "newer version of Reflect" in text
    assert page.draft_bar.discard_button.isHidden()
    assert page.stack.currentWidget() is page.view
    assert window.journal.drafts() == {"supervision:new:future": future}
