"""The Plan page through the real window: a goal added in its dialog, a milestone asked in
place, moved with a reason (refused without one or to an earlier day), met, undone; the page
follows changes made elsewhere; the personal review opens as a new record."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reflect.coaching import plan
from reflect.common.dates import uk_date
from reflect.journal.journal import Journal
from reflect.ui.coaching.goal_dialog import GoalDialog

TODAY = date.today()


def _typed(day: date) -> str:
    return day.strftime("%d/%m/%Y")


@pytest.fixture
def seeded(folder: Path, cheap, passphrase) -> Path:
    journal, _ = Journal.create(folder, passphrase, cheap)
    with journal:
        journal.add_entry("After the panel", "It went well.")
        journal.add_entry("Thresholds with health colleagues", "")
    return folder


@pytest.fixture
def window(qtbot, make_window, driver, seeded, passphrase):
    window = make_window(seeded)
    window.resize(1200, 800)
    driver.unlock(window, passphrase)
    driver.wait_unlocked(window)
    return window


@pytest.fixture
def page(qtbot, window):
    qtbot.keyClick(window.shell, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.shell.current_page_name == "Plan", timeout=2_000)
    return window.shell.page("Plan")


def _texts(page) -> list[list[str]]:
    rows = []
    for i in range(page.tree.topLevelItemCount()):
        top = page.tree.topLevelItem(i)
        rows.append([top.text(c) for c in range(5)])
        for j in range(top.childCount()):
            rows.append([top.child(j).text(c) for c in range(5)])
    return rows


def _alt(qtbot, page, key) -> None:
    """Alt+key presses the button after Qt's short animation; wait for the question."""
    qtbot.keyClick(page, key, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page.ask.is_asking, timeout=2_000)


def _add_goal(qtbot, page, title: str, ticks: list[str], target_steps: int) -> GoalDialog:
    qtbot.keyClick(page, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(page.dialog, GoalDialog) and page.dialog.isVisible(),
                    timeout=2_000)
    dialog = page.dialog
    assert isinstance(dialog, GoalDialog)
    qtbot.keyClicks(dialog.title_edit, title)
    for name in ticks:
        dialog.attribute_boxes[name].setFocus()
        qtbot.keyClick(dialog.attribute_boxes[name], Qt.Key.Key_Space)
    dialog.target_combo.setFocus()
    for _ in range(target_steps):
        qtbot.keyClick(dialog.target_combo, Qt.Key.Key_Down)
    dialog.title_edit.setFocus()
    with qtbot.waitSignal(dialog.finished, timeout=2_000):
        qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return)
    _back_to(qtbot, page)
    return dialog


def _back_to(qtbot, page) -> None:
    """After a dialog closes the offscreen platform leaves no window active; a desktop gives
    the focus back to the main window, where the page's Alt keys work."""
    page.window().activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page.window(), timeout=2_000)
    page.tree.setFocus()


def test_add_a_goal_a_milestone_move_it_meet_it_and_undo(qtbot, window, page):
    assert page.empty_hint.isVisible()
    _add_goal(qtbot, page, "Lead the move to group supervision", ["changing_practice"], 4)
    qtbot.waitUntil(lambda: len(_texts(page)) == 1, timeout=2_000)
    [row] = _texts(page)
    assert row[0] == "Lead the move to group supervision"
    assert row[2] == "4 of 5" and row[4] == "Active" and row[1]
    assert not page.empty_hint.isVisible()

    # A milestone, asked in place: the date typed day first, the words, Return.
    due = TODAY + timedelta(days=14)
    _alt(qtbot, page, Qt.Key.Key_M)
    assert page.ask.date_label.text() == "Due date"
    qtbot.keyClicks(page.ask.date_edit, _typed(due))
    qtbot.keyClicks(page.ask.text_edit, "Pilot with the duty team")
    qtbot.keyClick(page.ask.text_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(_texts(page)) == 2, timeout=2_000)
    assert _texts(page)[1] == ["Pilot with the duty team", "", "",
                               uk_date(due, short=True), "Open"]
    assert page.current_milestone().text == "Pilot with the duty team"

    # Move: refused without a reason, refused to an earlier day, then taken.
    _alt(qtbot, page, Qt.Key.Key_V)
    later = due + timedelta(days=21)
    qtbot.keyClicks(page.ask.date_edit, _typed(later))
    qtbot.keyClick(page.ask.text_edit, Qt.Key.Key_Return)
    assert page.ask.is_asking and "Say why" in page.ask.problem.text()
    page.ask.date_edit.clear()
    qtbot.keyClicks(page.ask.date_edit, _typed(due - timedelta(days=1)))
    qtbot.keyClicks(page.ask.text_edit, "Two of the team on leave")
    qtbot.keyClick(page.ask.text_edit, Qt.Key.Key_Return)
    assert page.ask.is_asking and "is not later" in page.ask.problem.text()
    page.ask.date_edit.clear()
    qtbot.keyClicks(page.ask.date_edit, _typed(later))
    qtbot.keyClick(page.ask.text_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not page.ask.is_asking, timeout=2_000)
    assert _texts(page)[1][3:] == [uk_date(later, short=True),
                                   f"Moved from {uk_date(due, short=True)}"]
    assert page.history_list.item(0).text().endswith(
        f"Moved from {uk_date(due, short=True)} to {uk_date(later, short=True)}: "
        "Two of the team on leave")

    # Met (today, as offered), then undone back to moved.
    qtbot.mouseClick(page.met_button, Qt.MouseButton.LeftButton)
    assert page.ask.is_asking and page.ask.date_edit.value() == TODAY
    qtbot.mouseClick(page.ask.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _texts(page)[1][4].startswith("Met"), timeout=2_000)
    assert not page.met_button.isEnabled() and page.undo_button.isEnabled()
    qtbot.keyClick(page, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: _texts(page)[1][4].startswith("Moved"), timeout=2_000)
    assert page.met_button.isEnabled()
    [goal] = plan.goals(window.journal)
    assert (goal.target, goal.attributes) == (4, ("changing_practice",))
    assert goal.milestones[0].due_on == later


def test_missed_and_overdue_close_and_link_evidence(qtbot, window, page):
    goal_id = plan.add_goal(window.journal, "Present to the corporate parenting panel",
                            attributes=["corporate_buy_in"])
    plan.add_milestone(window.journal, goal_id, "Draft the paper", TODAY - timedelta(days=5))
    plan.add_milestone(window.journal, goal_id, "Meet the lead member",
                       TODAY - timedelta(days=2))
    qtbot.waitUntil(lambda: len(_texts(page)) == 3, timeout=2_000)  # journal_changed
    assert _texts(page)[1][4] == "Overdue 5 d"
    page.select(("milestone", plan.goal(window.journal, goal_id).milestones[1].id))
    _alt(qtbot, page, Qt.Key.Key_I)
    qtbot.keyClick(page.ask.text_edit, Qt.Key.Key_Return)
    assert "Say why" in page.ask.problem.text()
    qtbot.keyClicks(page.ask.text_edit, "Diary clash with the inspection")
    qtbot.keyClick(page.ask.text_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _texts(page)[2][4].startswith("Missed"), timeout=2_000)

    # Evidence: type to find, Enter links.
    page.select(("goal", goal_id))
    qtbot.keyClick(page, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=2_000)
    chooser = page.dialog
    qtbot.keyClicks(chooser.filter_edit, "panel")
    with qtbot.waitSignal(chooser.finished, timeout=2_000):
        qtbot.keyClick(chooser.filter_edit, Qt.Key.Key_Return)
    _back_to(qtbot, page)
    qtbot.waitUntil(lambda: page.evidence_list.item(0).text().startswith(
        "Entry: After the panel"), timeout=2_000)

    # Trashing the entry elsewhere: the page follows, the goal stays.
    entry_id = next(e.id for e in window.journal.list_entries() if e.title == "After the panel")
    window.journal.delete_entry(entry_id)
    qtbot.waitUntil(lambda: "No evidence" in page.evidence_list.item(0).text(), timeout=2_000)

    qtbot.keyClick(page, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: _texts(page)[0][4].startswith("Closed"), timeout=2_000)
    assert not page.add_milestone_button.isEnabled()
    assert page.close_button.text() == "&Reopen goal"


def test_start_with_a_personal_review_opens_that_record(qtbot, window, page):
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.shell.current_page_name == "Supervision", timeout=2_000)
    supervision = window.shell.page("Supervision")
    qtbot.waitUntil(lambda: supervision.stack.currentWidget() is supervision.form,
                    timeout=2_000)
    assert supervision.form.template.id == "personal_review"
