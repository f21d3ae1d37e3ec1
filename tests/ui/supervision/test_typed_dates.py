"""Dates typed into the record form as a manager does: the "Next session" answer and an
action's due date, typed day first and saved with Ctrl+S while the focus is still in the box;
Alt+Down on an empty "Next session" opens the calendar and leaves it empty."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from reflect.journal.journal import Journal
from reflect.supervision.records import Supervision
from tests.ui.conftest import open_unlocked
from tests.ui.supervision.seed import new_record

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def window(qtbot, make_window, driver, folder: Path, cheap, passphrase):
    journal, _ = Journal.create(folder, passphrase, cheap)
    with journal:
        Supervision(journal).add_supervisee("Kestrel", role="Social worker")
    return open_unlocked(qtbot, make_window, driver, folder, passphrase)


def _focus(qtbot, box) -> None:
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)


@pytest.mark.parametrize(("typed", "day"), [("1/2/2027", date(2027, 2, 1)),
                                            ("01/02/2027", date(2027, 2, 1)),
                                            ("1/12/2026", date(2026, 12, 1))])
def test_a_typed_next_session_is_saved(qtbot, window, typed, day):
    form = new_record(window)
    box = form.body.fields["next_session"].edit
    _focus(qtbot, box)
    qtbot.keyClicks(box, typed)
    qtbot.keyClick(box, Qt.Key.Key_S, CTRL)
    assert form.status_text().startswith("Saved"), form.error.text()
    record = Supervision(window.journal).record(form.entry_id)
    assert record.entry.sections["next_session"] == day.isoformat()


def test_alt_down_on_next_session_opens_a_calendar_and_keeps_it_empty(qtbot, window):
    form = new_record(window)
    box = form.body.fields["next_session"].edit
    _focus(qtbot, box)
    qtbot.keyClick(box, Qt.Key.Key_Down, ALT)
    calendar = box.calendarWidget()
    qtbot.waitUntil(calendar.isVisible)
    assert box.value() is None and form.form_state()["sections"]["next_session"] is None
    qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not calendar.isVisible())
    assert form.form_state()["sections"]["next_session"] is None


def test_a_wrong_next_session_is_refused_and_not_saved(qtbot, window):
    form = new_record(window)
    box = form.body.fields["next_session"].edit
    _focus(qtbot, box)
    qtbot.keyClicks(box, "31/2/2027")
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    assert box.text() == "" and "There is no 31 February 2027" in box.problem
    assert form.form_state()["sections"]["next_session"] is None


def test_a_typed_due_date_is_saved_with_the_action(qtbot, window):
    form = new_record(window)
    editor = form.body.action_editor
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    row = editor.rows[-1]
    qtbot.keyClicks(row.description_edit, "Visit with the interpreter")
    _focus(qtbot, row.due_edit)
    qtbot.keyClick(row.due_edit, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(row.due_edit, "1/2/2027")
    qtbot.keyClick(row.due_edit, Qt.Key.Key_S, CTRL)
    assert form.status_text().startswith("Saved"), form.error.text()
    actions = Supervision(window.journal).record(form.entry_id).actions
    assert [(a.description, a.due_on) for a in actions] == [
        ("Visit with the interpreter", date(2027, 2, 1))]
