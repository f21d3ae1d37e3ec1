"""The record form from the keyboard alone: Tab runs through the whole record in reading order
and never leaves it for the sidebar (where the next letter typed would switch page), also
after action rows come and go; a long action description wraps and shows all its words."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from reflect.store.models import Action
from tests.ui.conftest import open_unlocked
from tests.ui.supervision.seed import new_record, seed_kestrel

CTRL = Qt.KeyboardModifier.ControlModifier
TODAY = date.today()
LONG = ("Ask the school's designated safeguarding lead for the attendance figures since "
        "September, the notes of the last two team-around-the-family meetings and the name "
        "of the new family support worker, and share them with the IRO before the review")


@pytest.fixture
def window(qtbot, make_window, driver, folder: Path, cheap, passphrase):
    """Kestrel with one earlier record and one open action, so the review panel shows."""
    seed_kestrel(folder, cheap, passphrase, [Action(
        description="Ask health for the growth charts", owner="Kestrel", due_on=TODAY)])
    return open_unlocked(qtbot, make_window, driver, folder, passphrase)


def _stops(form) -> list[QWidget]:
    """What Tab should visit after the first field, in reading order: each section's
    widgets top to bottom (a row's from left to right), then Export and Save."""
    reachable = [w for w in form.body.focus_widgets()
                 if w.isVisibleTo(form) and w.isEnabled()
                 and w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    first = form.body.first_focus()
    return [*reachable[reachable.index(first):], form.export_button, form.print_button,
            form.save_button]


def _tab_chain(qtbot, form, limit: int = 200) -> list[QWidget]:
    """Press Tab from the first field until Save has the focus; each widget once (a date box
    takes a Tab per part of its date)."""
    form.focus_first_field()
    seen: list[QWidget] = [QApplication.focusWidget()]
    while seen[-1] is not form.save_button and len(seen) < limit:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        assert form.isAncestorOf(widget), f"Tab left the record for {widget.accessibleName()}"
        if widget is not seen[-1]:
            seen.append(widget)
    return seen


def _add_action_by_keyboard(qtbot, form, text: str) -> None:
    editor = form.body.action_editor
    editor.add_button.setFocus()
    qtbot.keyClick(editor.add_button, Qt.Key.Key_Space)
    row = editor.rows[-1]
    assert row.description_edit.hasFocus()
    qtbot.keyClicks(row.description_edit, text)
    qtbot.keyClick(row.description_edit, Qt.Key.Key_Tab)
    assert row.owner_edit.hasFocus()
    qtbot.keyClicks(row.owner_edit, "Kestrel")


def test_tab_from_remove_goes_on_to_add_action_and_a_letter_switches_no_page(qtbot, window):
    form = new_record(window)
    _add_action_by_keyboard(qtbot, form, "Chronology to the school")
    row = form.body.action_editor.rows[0]
    row.remove_button.setFocus()
    qtbot.keyClick(row.remove_button, Qt.Key.Key_Tab)
    add = form.body.action_editor.add_button
    assert QApplication.focusWidget() is add
    qtbot.keyClick(add, Qt.Key.Key_J)  # on the sidebar this letter would pick "Journal"
    assert window.shell.current_page_name == "Supervision"
    qtbot.keyClick(add, Qt.Key.Key_Space)
    assert len(form.body.action_editor.rows) == 2
    assert form.body.action_editor.rows[1].description_edit.hasFocus()


def test_tab_runs_through_the_whole_record_in_reading_order(qtbot, window):
    form = new_record(window)
    editor = form.body.action_editor
    assert not form.body.review.isHidden()  # the review panel's buttons come first
    assert _tab_chain(qtbot, form) == _stops(form)

    _add_action_by_keyboard(qtbot, form, "Chronology to the school")
    _add_action_by_keyboard(qtbot, form, "Growth charts from health")
    chain = _tab_chain(qtbot, form)
    assert chain == _stops(form)
    first, second = editor.rows
    assert chain.index(first.remove_button) + 1 == chain.index(second.description_edit)
    assert chain.index(second.remove_button) + 1 == chain.index(editor.add_button)

    first.description_edit.setFocus()
    qtbot.keyClick(first.description_edit, Qt.Key.Key_Delete, CTRL)  # remove the first
    _add_action_by_keyboard(qtbot, form, "Visit with the interpreter")
    assert len(editor.rows) == 2
    assert _tab_chain(qtbot, form) == _stops(form)
    # And backwards: Shift+Tab from Add action reaches the last row's Remove.
    editor.add_button.setFocus()
    qtbot.keyClick(editor.add_button, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is editor.rows[-1].remove_button
    assert window.shell.current_page_name == "Supervision"


def test_a_long_action_description_wraps_and_tab_still_moves_on(qtbot, window, tmp_path):
    form = new_record(window)
    editor = form.body.action_editor
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    row = editor.rows[0]
    edit = row.description_edit
    one_line = edit.height()
    qtbot.keyClicks(edit, LONG)
    qtbot.waitUntil(lambda: edit.height() > 2 * one_line)
    assert edit.height() >= edit.document().size().height() * edit.fontMetrics().lineSpacing()
    qtbot.waitUntil(lambda: row.height() >= edit.height())  # the row grew with it
    assert edit.verticalScrollBar().maximum() == 0  # every word on screen, nothing scrolled
    assert not edit.verticalScrollBar().isVisible()
    assert edit.horizontalScrollBar().maximum() == 0
    assert row.state()["description"] == LONG
    editor.grab().save(str(tmp_path / "long-action.png"))
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert row.owner_edit.hasFocus() and "\t" not in row.state()["description"]
    qtbot.keyClick(edit, Qt.Key.Key_Return)  # Return adds the next action, never a new line
    assert len(editor.rows) == 2 and row.state()["description"] == LONG
