"""Data protection in the window, driven by keys: leaving typed in Edit supervisee sets the
review date six years on; the legal hold with its reason turns deletion off; deleting takes
the code name typed (a near miss keeps "Delete for good" disabled) and leaves the other
supervisee alone; Home lists what is due and its button shows the supervisee."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reflect.journal.journal import Journal
from reflect.privacy import retention
from reflect.supervision.records import Supervision
from reflect.ui.privacy.delete_dialog import DeleteSuperviseeDialog
from reflect.ui.privacy.review_section import RetentionReviewSection
from reflect.ui.supervision.supervisee_dialog import SuperviseeDialog
from tests.privacy.notes_fixture import MARKER, OTHER, fill
from tests.ui.conftest import open_unlocked


def _journal(folder: Path, cheap, passphrase: str) -> tuple[Journal, int, int]:
    journal, _ = Journal.create(folder, passphrase, cheap)
    plover, wren = fill(journal)
    return journal, plover, wren


def _type_into(qtbot, widget, text: str) -> None:
    widget.setFocus()
    widget.selectAll() if hasattr(widget, "selectAll") else None
    qtbot.keyClicks(widget, text)


def test_leaving_and_the_hold_typed_in_edit_supervisee(qtbot, folder, cheap, passphrase):
    journal, plover, _wren = _journal(folder, cheap, passphrase)
    sup = Supervision(journal)
    dialog = SuperviseeDialog(sup, sup.supervisee(plover))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    box = dialog.retention
    assert box is not None
    _type_into(qtbot, box.left_edit, "03/03/2020")
    qtbot.keyClick(box.left_edit, Qt.Key.Key_Tab)
    assert "3 March 2026, 6 years after leaving" in box.review_hint.text()
    box.hold_box.setFocus()
    qtbot.keyClick(box.hold_box, Qt.Key.Key_Space)
    assert not box.delete_button.isEnabled()
    # A hold without its reason is refused, and nothing is saved.
    qtbot.keyClick(dialog.code_edit, Qt.Key.Key_Return)
    assert "Say why the notes are on legal hold" in dialog.error.text()
    assert sup.supervisee(plover).left_on is None
    _type_into(qtbot, box.hold_note, "Grievance appeal GA-17")
    with qtbot.waitSignal(dialog.saved, timeout=2_000):
        qtbot.keyClick(box.hold_note, Qt.Key.Key_Return)
    person = sup.supervisee(plover)
    assert (person.left_on, person.retention_review_on, person.active, person.legal_hold,
            person.legal_hold_note) == (date(2020, 3, 3), date(2026, 3, 3), False, True,
                                        "Grievance appeal GA-17")
    # The confirmation on a held supervisee says why and cannot be typed into.
    held = DeleteSuperviseeDialog(journal, plover)
    qtbot.addWidget(held)
    held.show()
    assert "legal hold (Grievance appeal GA-17), so they cannot be deleted" in held.blocked.text()
    assert not held.type_edit.isEnabled() and not held.delete_button.isEnabled()
    journal.close()


def test_delete_takes_the_typed_code_name(qtbot, folder, cheap, passphrase):
    journal, plover, wren = _journal(folder, cheap, passphrase)
    journal.vault.backup("manual")
    sup = Supervision(journal)
    dialog = SuperviseeDialog(sup, sup.supervisee(plover))
    qtbot.addWidget(dialog)
    deleted: list[str] = []
    dialog.deleted.connect(deleted.append)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.retention is not None
    dialog.retention.delete_button.setFocus()
    qtbot.keyClick(dialog.retention.delete_button, Qt.Key.Key_Space)
    confirm = dialog.delete_dialog
    assert confirm is not None
    qtbot.waitExposed(confirm)
    assert "4 records, 1 action and 2 drafts about Plover" in confirm.what.text()
    assert "There is no undo" in confirm.no_undo.text()
    assert confirm.backups.text().startswith(
        "Backups made before this deletion still hold copies until they rotate out (1 backup, "
        "the oldest from ")
    assert not confirm.delete_button.isEnabled()
    _type_into(qtbot, confirm.type_edit, "Plove")
    qtbot.keyClick(confirm.type_edit, Qt.Key.Key_Return)  # disabled default: nothing happens
    assert sup.supervisee(plover).code_name == "Plover"
    qtbot.keyClicks(confirm.type_edit, "r")
    assert confirm.delete_button.isEnabled()
    qtbot.keyClick(confirm.type_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: deleted == ["Plover"], timeout=2_000)
    assert not dialog.isVisible()
    assert [p.code_name for p in sup.supervisees()] == ["Wren"]
    assert journal.search(MARKER).total == 0 and journal.search(OTHER).total == 1
    assert wren in {p.id for p in sup.supervisees()}
    journal.close()


def test_home_lists_notes_due_and_opens_the_supervisee(qtbot, make_window, driver, folder,
                                                       cheap, passphrase):
    journal, plover, _wren = _journal(folder, cheap, passphrase)
    retention.set_retention(journal, plover, left_on=date(2018, 4, 2))
    section = RetentionReviewSection(journal, today=lambda: date(2024, 4, 2))
    qtbot.addWidget(section)
    section.refresh()
    assert section.lines == ["Plover | left 2 Apr 2018 · review due today"]
    section.today = lambda: date(2024, 4, 1)
    section.refresh()
    assert section.lines == [] and not section.isVisibleTo(section.parentWidget() or section)
    journal.close()

    window = open_unlocked(qtbot, make_window, driver, folder, passphrase)
    window.shell.show_page("Home")  # the fixture's drafts open Supervision first
    home = window.shell.page("Home")
    shown = next(s for s in home.sections if isinstance(s, RetentionReviewSection))
    assert shown.parentWidget() is not None and shown.isVisible()
    assert shown.lines == ["Plover | left 2 Apr 2018 · review was due 2 Apr 2024"]
    button = shown.buttons[0]
    qtbot.waitUntil(button.isVisible, timeout=2_000)  # a row added to a shown card
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.shell.current_page_name == "Supervision", timeout=2_000)
    page = window.shell.page("Supervision")
    assert page.current_person_key() == plover
    assert "left 2 Apr 2018 · notes due for review 2 Apr 2024" in page.view.status.text()
    assert QApplication.focusWidget() is page.view.edit_button


def test_a_hold_set_while_the_confirmation_was_open_still_refuses(qtbot, folder, cheap,
                                                                  passphrase):
    journal, plover, _wren = _journal(folder, cheap, passphrase)
    confirm = DeleteSuperviseeDialog(journal, plover)
    qtbot.addWidget(confirm)
    confirm.show()
    qtbot.waitExposed(confirm)
    retention.set_retention(journal, plover, left_on=None, legal_hold=True,
                            hold_note="Police inquiry PI-4")
    _type_into(qtbot, confirm.type_edit, "Plover")
    qtbot.keyClick(confirm.type_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Police inquiry PI-4" in confirm.error.text(), timeout=2_000)
    assert "Nothing was deleted." in confirm.error.text() and confirm.isVisible()
    assert journal.search(MARKER).total == 3
    journal.close()
