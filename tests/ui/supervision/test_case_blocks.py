"""Cases discussed, from the keyboard: two case blocks typed into, Tab through both in
reading order, saved and reopened with their actions; the draft keeps them over a lock;
"On the child's file: No" adds one action, once; the case-file note is copied; Ctrl+F finds
the record by its case reference."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from reflect.journal.journal import Journal
from reflect.store.actions import ActionFilter
from reflect.supervision.case_notes import working_days_after
from reflect.supervision.cases import discussions
from reflect.supervision.records import Supervision
from reflect.ui.journal.search_dialog import SearchDialog
from reflect.ui.supervision.record_fields import YesNoField
from tests.ui.conftest import open_unlocked

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SHOTS = Path("/tmp/i13-cases-shots")


@pytest.fixture
def window(qtbot, make_window, driver, folder: Path, cheap, passphrase):
    journal, _ = Journal.create(folder, passphrase, cheap)
    with journal:
        Supervision(journal).add_supervisee("Kestrel", role="Social worker")
    return open_unlocked(qtbot, make_window, driver, folder, passphrase)


def _new_record(window):
    window.shell.show_page("Supervision")
    page = window.shell.page("Supervision")
    assert page.new_record("one_to_one")
    return page.form


def _cases(form):
    (group,) = form.body.case_groups
    return group


def _focused() -> QWidget:
    return QApplication.focusWidget()


def _type_case(qtbot, form, ref: str, decision: str, action: str, on_file: str) -> None:
    """Add a case with the shortcut and fill it by typing and Tab alone."""
    qtbot.keyClick(_focused(), Qt.Key.Key_C, CTRL_SHIFT)
    block = _cases(form).blocks[-1]
    assert _focused() is block.fields["case_ref"].edit
    qtbot.keyClicks(_focused(), ref)
    for field_id in ("update", "voice", "risks_strengths", "drift", "drift_why", "decision"):
        qtbot.keyClick(_focused(), Qt.Key.Key_Tab)
        assert _focused() is block.fields[field_id].focus_widget(), field_id
    qtbot.keyClicks(_focused(), decision)
    qtbot.keyClick(_focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(_focused(), f"Because {ref} needs it.")  # the rationale
    qtbot.keyClick(_focused(), Qt.Key.Key_Tab)
    editor = block.action_editor
    assert _focused() is editor.add_button
    qtbot.keyClick(_focused(), Qt.Key.Key_Space)
    row = editor.rows[-1]
    assert _focused() is row.description_edit
    qtbot.keyClicks(_focused(), action)
    qtbot.keyClick(_focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(_focused(), "Kestrel")
    on_file_combo = block.fields["on_file"].focus_widget()
    on_file_combo.setFocus()
    qtbot.keyClicks(on_file_combo, on_file)  # a combo picks the item by its first letters


def test_two_cases_typed_tabbed_saved_and_reopened(qtbot, window):
    form = _new_record(window)
    form.focus_first_field()
    _type_case(qtbot, form, "C-1042", "Step down to early help.", "Book the TAF meeting", "Yes")
    _type_case(qtbot, form, "JS", "Keep the child protection plan.", "Chase the health visit",
               "Yes")
    first, second = _cases(form).blocks
    assert first.fields["case_ref"].value() == "C-1042" and second.fields["case_ref"].value() \
        == "JS"
    assert isinstance(first.fields["on_file"], YesNoField)
    assert first.fields["on_file"].value() is True
    # Tab through the whole record in reading order: the first case's stops, then the second's.
    chain = form.body.focus_widgets()
    assert chain.index(first.remove_button) < chain.index(first.fields["decision"].edit) \
        < chain.index(first.action_editor.add_button) < chain.index(second.copy_button)
    first.fields["on_file"].focus_widget().setFocus()
    qtbot.keyClick(_focused(), Qt.Key.Key_Tab)
    assert _focused() is second.copy_button
    SHOTS.mkdir(exist_ok=True)
    form.grab().save(str(SHOTS / "two-cases.png"))

    qtbot.keyClick(form.title_edit, Qt.Key.Key_S, CTRL)
    assert form.status_text().startswith("Saved at"), form.error.text()
    entry_id = form.entry_id
    sup = Supervision(window.journal)
    stored = sup.record(entry_id)
    cases = stored.entry.sections["cases"]
    assert [c["case_ref"] for c in cases] == ["C-1042", "JS"]
    assert [c["_case"] for c in cases] == ["C1042", "JS"]
    by_id = {a.id: a.description for a in stored.actions}
    assert [by_id[i] for i in cases[0]["_action_ids"]] == ["Book the TAF meeting"]
    assert [by_id[i] for i in cases[1]["_action_ids"]] == ["Chase the health visit"]
    assert form.body.action_editor.rows == []  # the record's own list holds neither
    assert not form.is_dirty

    other = window.shell.page("Supervision").form
    assert other.open_record(entry_id)
    first, second = _cases(other).blocks
    assert first.fields["decision"].value() == "Step down to early help."
    assert [r.state()["description"] for r in second.action_editor.rows] == [
        "Chase the health visit"]
    assert second.action_editor.rows[0].state()["id"] is not None
    assert not other.is_dirty
    assert other.save()  # saving again keeps the same actions, not copies
    assert len(sup.record(entry_id).actions) == 2


def test_remove_a_case_and_undo(qtbot, window):
    form = _new_record(window)
    form.focus_first_field()
    _type_case(qtbot, form, "C-7", "Hold.", "Ring the school", "Yes")
    group = _cases(form)
    block = group.blocks[0]
    block.remove_button.setFocus()
    qtbot.keyClick(block.remove_button, Qt.Key.Key_Space)
    assert group.blocks == [] and _focused() is group.undo_button
    assert "C-7" in group.removed_label.text()
    qtbot.keyClick(group.undo_button, Qt.Key.Key_Space)
    (back,) = group.blocks
    assert back.fields["case_ref"].value() == "C-7"
    assert back.action_editor.rows[0].state()["description"] == "Ring the school"


def test_the_draft_keeps_the_cases_over_a_lock(qtbot, window, driver, passphrase):
    form = _new_record(window)
    form.focus_first_field()
    _type_case(qtbot, form, "C-11", "Strategy discussion.", "Call the police", "No")
    window.lock()
    driver.unlock(window, passphrase)
    driver.wait_unlocked(window)
    form = window.shell.page("Supervision").form
    (block,) = _cases(form).blocks
    assert block.fields["case_ref"].value() == "C-11"
    assert block.fields["on_file"].value() is False
    assert block.action_editor.rows[0].state()["description"] == "Call the police"
    assert form.status_text() == "Draft kept, not saved yet"


def test_not_on_the_childs_file_adds_one_action_and_yes_closes_it(qtbot, window):
    form = _new_record(window)
    form.focus_first_field()
    _type_case(qtbot, form, "C-22", "Section 47 enquiry.", "Convene the strategy meeting", "No")
    assert form.save(), form.error.text()
    sup = Supervision(window.journal)
    rows = sup.actions(ActionFilter(entry_id=form.entry_id))
    wanted = "Record the decision on C-22 on the child's file"
    (filed,) = [r for r in rows if r.description == wanted]
    day = form._day()
    assert filed.status == "open" and filed.due_on == working_days_after(day, 2)
    assert filed.owner == "Supervisor" and filed.code_name == "Kestrel"
    block = _cases(form).blocks[0]
    assert wanted in [r.state()["description"] for r in block.action_editor.rows]

    qtbot.keyClicks(block.fields["rationale"].edit, " Checked again.")
    assert form.save()  # saving again: still one
    assert [r.description for r in sup.actions(ActionFilter(entry_id=form.entry_id))].count(
        wanted) == 1

    block = _cases(form).blocks[0]
    combo = block.fields["on_file"].focus_widget()
    combo.setFocus()
    qtbot.keyClicks(combo, "Yes")
    assert form.save()
    (filed,) = [r for r in sup.actions(ActionFilter(entry_id=form.entry_id))
                if r.description == wanted]
    assert filed.status == "done" and "on the child's file" in filed.outcome


def test_copy_gives_the_case_file_note(qtbot, window):
    form = _new_record(window)
    form.focus_first_field()
    _type_case(qtbot, form, "C-1042", "Step down to early help.", "Book the TAF meeting", "Yes")
    group = _cases(form)
    group.role_field.edit.selectAll()
    qtbot.keyClicks(group.role_field.edit, "Team manager")
    block = group.blocks[0]
    block.copy_button.setFocus()
    qtbot.keyClick(block.copy_button, Qt.Key.Key_Space)
    text = QGuiApplication.clipboard().text()
    due = block.action_editor.rows[0].state()["due_on"]
    from reflect.common.dates import uk_date
    assert text == (f"Supervision decision, {uk_date(form._day())}\n"
                    "Case: C-1042\n"
                    "Discussed in supervision; recorded by: Team manager\n"
                    "Decision: Step down to early help.\n"
                    "Rationale: Because C-1042 needs it.\n"
                    "Actions:\n"
                    f"- Book the TAF meeting. Owner: Kestrel. Due: {uk_date(due)}.\n")
    assert "copied" in group.status.text()


def test_a_full_name_is_warned_about_not_refused(qtbot, window):
    form = _new_record(window)
    form.focus_first_field()
    qtbot.keyClick(_focused(), Qt.Key.Key_C, CTRL_SHIFT)
    field = _cases(form).blocks[0].fields["case_ref"]
    qtbot.keyClicks(field.edit, "Jamie Smith")
    assert field.warning.isVisibleTo(form) and "never a child's name" in field.warning.text()
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, "JS")
    assert not field.warning.isVisibleTo(form) and field.value() == "JS"


def test_search_and_the_case_list_find_every_discussion(qtbot, window):
    sup = Supervision(window.journal)
    kestrel = sup.supervisees()[0]
    for day, decision in ((date(2026, 2, 2), "Assess."), (date(2026, 3, 2), "Step down.")):
        start = sup.start_record(kestrel.id, "one_to_one", day)
        start.entry.sections["cases"] = [{"case_ref": "C-1042", "decision": decision},
                                         {"case_ref": "C-77", "decision": "Other."}]
        sup.save_record(start.entry)
    found = discussions(sup, "c 1042")
    assert [(d.happened_on, d.decision) for d in found] == [
        (date(2026, 3, 2), "Step down."), (date(2026, 2, 2), "Assess.")]
    dialog = SearchDialog(window.journal)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.search_edit, "C-1042")
    qtbot.waitUntil(lambda: dialog.search_result is not None and len(dialog.rows()) == 2,
                    timeout=3000)
