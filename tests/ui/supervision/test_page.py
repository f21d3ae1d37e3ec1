"""Supervision through the real window and a real SQLCipher journal: add a supervisee, record
a one-to-one session with challenge and three actions, review them in the next session
(done with an outcome, carried forward, a drop undone), see it all on Home, and find the
record again by a word from its challenge section."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from reflect.content.templates import CASE_NOTES_HINT
from reflect.journal.journal import Journal
from reflect.supervision.records import CODE_NAME_HINT, ActionFilter, Supervision
from reflect.ui.home.supervision import SupervisionSection
from reflect.ui.widgets.dates import to_qdate
from tests.ui.conftest import open_unlocked

CTRL = Qt.KeyboardModifier.ControlModifier
TODAY = date.today()
FIRST = TODAY - timedelta(days=40)
CHALLENGE = ("I questioned whether the threshold for a strategy discussion was met; Wren "
             "felt the neglect evidence was cumulative. We agreed to escalate to the IRO.")
ACTIONS = (("Book the strategy meeting with police and health", "Wren", FIRST + timedelta(7)),
           ("Read the neglect toolkit before the review", "Wren", FIRST + timedelta(30)),
           ("Ask the IRO for a view on the plan", "Manager", TODAY - timedelta(days=5)))


@pytest.fixture
def journal_folder(folder: Path, cheap, passphrase) -> Path:
    journal, _ = Journal.create(folder, passphrase, cheap)
    journal.close()
    return folder


def open_window(qtbot, make_window, driver, folder, passphrase):
    return open_unlocked(qtbot, make_window, driver, folder, passphrase)


def supervision_page(window):
    window.shell.show_page("Supervision")
    return window.shell.page("Supervision")


def add_supervisee(qtbot, page, code_name: str, role: str, schedule: str = "monthly"):
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog.isVisible() and dialog.code_hint.text() == CODE_NAME_HINT
    qtbot.keyClicks(dialog.code_edit, code_name)
    qtbot.keyClicks(dialog.role_edit, role)
    dialog.schedule_combo.setCurrentIndex(dialog.schedule_combo.findData(schedule))
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert page.current_person().code_name == code_name


def type_into(qtbot, form, section_id: str, text: str) -> None:
    qtbot.keyClicks(form.body.fields[section_id].edit, text)


def add_action(qtbot, form, description: str, owner: str, due: date) -> None:
    editor = form.body.action_editor
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    row = editor.rows[-1]
    assert row.description_edit.hasFocus()
    qtbot.keyClicks(row.description_edit, description)
    qtbot.keyClick(row.description_edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(row.owner_edit, owner)
    row.due_edit.set_value(due)


def record_first_session(qtbot, page) -> int:
    """The one-to-one record of 40 days ago with challenge and three actions; its id."""
    page.view.template_combo.setCurrentIndex(page.view.template_combo.findData("one_to_one"))
    qtbot.mouseClick(page.view.new_button, Qt.MouseButton.LeftButton)
    form = page.form
    assert page.stack.currentWidget() is form and form.body.review.isHidden()
    assert form.form_state()["sections"]["supervisee"] == "Wren"
    form.date_edit.setDate(to_qdate(FIRST))
    type_into(qtbot, form, "agenda", "Caseload; the H. family (case 4471)")
    type_into(qtbot, form, "challenge", CHALLENGE)
    form.body.fields["challenge_outcome"].set_value("Escalated")
    form.body.fields["child_file"].set_value(True)
    form.body.fields["workload"].spin.setValue(7)
    type_into(qtbot, form, "wellbeing", "Tired after two late visits; agreed a flexi day.")
    type_into(qtbot, form, "supervisee_comments", "I agree with this record.")
    for description, owner, due in ACTIONS:
        add_action(qtbot, form, description, owner, due)
    assert form.status_text().lower().endswith("not saved yet")
    qtbot.keyClick(form.title_edit, Qt.Key.Key_S, CTRL)
    assert form.status_text().startswith("Saved at"), form.error.text()
    return form.entry_id


def test_the_supervision_cycle_through_the_window(qtbot, make_window, driver, journal_folder,
                                                  passphrase):
    window = open_window(qtbot, make_window, driver, journal_folder, passphrase)
    names = window.shell.page_names
    assert names.index("Actions") == names.index("Supervision") + 1
    page = supervision_page(window)
    add_supervisee(qtbot, page, "Wren", "Social worker")
    first_id = record_first_session(qtbot, page)
    form = page.form
    boxes = form.body.boxes
    assert any(w.text() == CASE_NOTES_HINT for w in boxes["challenge"].findChildren(
        type(form.status_label)))
    assert [r.state()["description"] for r in form.body.action_editor.rows] == [
        a[0] for a in ACTIONS]

    # Home: overdue actions, and Wren overdue against a monthly interval.
    window.shell.show_page("Home")
    section = next(s for s in window.shell.page("Home").sections
                   if isinstance(s, SupervisionSection))
    lines = section.texts()
    assert lines[0].startswith("3 overdue actions")
    assert any(line.startswith("Book the strategy meeting") and "| Wren |" in line
               for line in lines)
    wren = next(line for line in lines if line.startswith("Wren |"))
    assert "40 days since the last supervision" in wren and "days (monthly)" in wren
    assert "Overdue by" in wren

    # The next session: the three actions are there to review.
    page = supervision_page(window)
    qtbot.mouseClick(page.form.back_button, Qt.MouseButton.LeftButton)
    assert page.stack.currentWidget() is page.view
    qtbot.mouseClick(page.view.new_button, Qt.MouseButton.LeftButton)
    review = form.body.review
    assert not review.isHidden() and len(review.rows) == 3
    done_row, carry_row, drop_row = review.rows
    qtbot.mouseClick(done_row.done_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(done_row.ask.text_edit, Qt.Key.Key_Return)  # an outcome is required
    assert "what changed in practice" in done_row.ask.problem.text()
    qtbot.keyClicks(done_row.ask.text_edit, "Meeting held on day 6; the plan was tightened.")
    qtbot.keyClick(done_row.ask.text_edit, Qt.Key.Key_Return)
    assert done_row.state == "done" and done_row.undo_button.isVisibleTo(done_row)

    qtbot.mouseClick(carry_row.carry_button, Qt.MouseButton.LeftButton)
    carry_row.ask.date_edit.set_value(TODAY + timedelta(days=14))
    qtbot.mouseClick(carry_row.ask.confirm_button, Qt.MouseButton.LeftButton)
    editor = form.body.action_editor
    assert [r.state()["carried_from_id"] for r in editor.rows] == [carry_row.action.id]
    qtbot.mouseClick(carry_row.undo_button, Qt.MouseButton.LeftButton)  # undo, then again
    assert editor.rows == [] and carry_row.state == "pending"
    qtbot.mouseClick(carry_row.carry_button, Qt.MouseButton.LeftButton)
    carry_row.ask.date_edit.set_value(TODAY + timedelta(days=14))
    qtbot.mouseClick(carry_row.ask.confirm_button, Qt.MouseButton.LeftButton)

    qtbot.mouseClick(drop_row.drop_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(drop_row.ask.text_edit, "Asked in the wrong forum")
    qtbot.keyClick(drop_row.ask.text_edit, Qt.Key.Key_Return)
    sup = Supervision(window.journal)
    # Follow-ups belong to the record: held until it is saved, so nothing is written yet.
    assert drop_row.state == "dropped" and sup.action(drop_row.action.id).status == "open"
    assert sup.action(done_row.action.id).status == "open"
    qtbot.mouseClick(drop_row.undo_button, Qt.MouseButton.LeftButton)
    assert drop_row.state == "pending" and sup.action(drop_row.action.id).status == "open"

    type_into(qtbot, form, "challenge", "No disagreement this time.")
    qtbot.keyClick(form.title_edit, Qt.Key.Key_S, CTRL)
    assert form.status_text().startswith("Saved at"), form.error.text()
    second_id = form.entry_id
    first = {a.description: a for a in sup.record(first_id).actions}
    assert first[ACTIONS[0][0]].status == "done"
    assert first[ACTIONS[0][0]].outcome.startswith("Meeting held on day 6")
    assert first[ACTIONS[1][0]].status == "carried"
    assert first[ACTIONS[2][0]].status == "open"
    (carried,) = sup.record(second_id).actions
    assert (carried.description, carried.due_on, carried.status) == (
        ACTIONS[1][0], TODAY + timedelta(days=14), "open")

    # Home again: one overdue action left, Wren supervised today.
    window.shell.show_page("Home")
    lines = section.texts()
    assert lines[0].startswith("1 overdue action ·")
    assert any(line.startswith("Ask the IRO") and "5 days overdue" in line for line in lines)
    wren = next(line for line in lines if line.startswith("Wren |"))
    assert "Last supervision today" in wren and "| Due in" in wren

    # Find the first record by a word from its challenge, and open it from search.
    assert [h.entry_id for h in window.journal.search("threshold").hits] == [first_id]
    dialog = window.open_search()
    qtbot.keyClicks(dialog.search_edit, "threshold")
    qtbot.waitUntil(lambda: len(dialog.rows()) == 1)
    qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.shell.current_page_name == "Supervision")
    page = window.shell.page("Supervision")
    assert page.stack.currentWidget() is page.form and page.form.entry_id == first_id
    assert page.form.body.fields["challenge"].value() == CHALLENGE
    # The review panel of an old record shows what was open before it: nothing.
    assert page.form.body.review.isHidden()


def test_record_draft_survives_a_lock(qtbot, make_window, driver, journal_folder, passphrase):
    window = open_window(qtbot, make_window, driver, journal_folder, passphrase)
    page = supervision_page(window)
    add_supervisee(qtbot, page, "Heron", "Senior practitioner")
    qtbot.mouseClick(page.view.new_button, Qt.MouseButton.LeftButton)
    form = page.form
    type_into(qtbot, form, "challenge", "We disagreed about the timing of the visit.")
    add_action(qtbot, form, "Visit before Friday", "Heron", TODAY + timedelta(days=3))
    window.lock()  # nothing saved: the draft keeps it

    driver.unlock(window, passphrase)
    driver.wait_unlocked(window)
    assert window.shell.current_page_name == "Supervision"
    page = window.shell.page("Supervision")
    form = page.form
    assert page.stack.currentWidget() is form and form.entry_id is None
    assert form.body.fields["challenge"].value() == "We disagreed about the timing of the visit."
    assert form.body.action_editor.action_states()[0]["description"] == "Visit before Friday"
    assert form.status_text() == "Draft kept, not saved yet"
    assert form.save() and form.status_text().startswith("Saved at")
    assert not any(k.startswith("supervision:") for k in window.journal.drafts())
    sup = Supervision(window.journal)
    assert [a.description for a in sup.actions(ActionFilter(entry_id=form.entry_id))] == [
        "Visit before Friday"]


def test_required_supervisee_refuses_the_save_and_keeps_the_words(
        qtbot, make_window, driver, journal_folder, passphrase):
    window = open_window(qtbot, make_window, driver, journal_folder, passphrase)
    page = supervision_page(window)
    assert page.current_person() is None  # "My own records" when nobody is added yet
    qtbot.mouseClick(page.view.new_button, Qt.MouseButton.LeftButton)
    form = page.form
    type_into(qtbot, form, "agenda", "Team pressures")
    qtbot.keyClick(form.title_edit, Qt.Key.Key_S, CTRL)
    assert "Still to fill in: Supervisee." in form.error.text()
    assert form.body.fields["agenda"].value() == "Team pressures"
    assert any(k.startswith("supervision:new:") for k in window.journal.drafts())


def test_supervisee_code_name_clash_stays_in_the_dialog(qtbot, make_window, driver,
                                                        journal_folder, passphrase):
    window = open_window(qtbot, make_window, driver, journal_folder, passphrase)
    page = supervision_page(window)
    add_supervisee(qtbot, page, "Wren", "Social worker")
    dialog = page.edit_supervisee(None)
    qtbot.keyClicks(dialog.code_edit, "wren")
    dialog.accept()
    assert dialog.isVisible() and "already a supervisee called 'Wren'" in dialog.error.text()
    dialog.code_edit.setText("Owl")
    dialog.schedule_combo.setCurrentIndex(dialog.schedule_combo.findData("nqsw"))
    dialog.accept()
    assert "needs the date they started" in dialog.error.text()
    dialog.started_edit.set_value(TODAY - timedelta(days=10))
    dialog.accept()
    assert not dialog.isVisible()
    assert page.current_person().code_name == "Owl"
    assert "every 7 days (newly qualified)" in page.view.status.text()
