"""The date box as a keyboard user meets it: a whole date typed day first is taken (with or
without leading zeros), Alt+Down opens a calendar and changes nothing until a day is picked, an
empty optional box stays empty, and a date that cannot be is refused with a sentence."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QFormLayout, QLineEdit

from reflect.ui.widgets.dates import date_edit, uk_date_edit
from reflect.ui.widgets.optional_date import OptionalDateEdit

ALT = Qt.KeyboardModifier.AltModifier
TODAY = date.today()
TYPED = [("1/2/2027", date(2027, 2, 1)), ("01/02/2027", date(2027, 2, 1)),
         ("1/12/2026", date(2026, 12, 1))]


def _shown(qtbot, box):
    """The box in a small form with a line after it, so Tab leaves the box as in a page."""
    form = QDialog()
    layout = QFormLayout(form)
    layout.addRow("Date", box)
    layout.addRow("Next", QLineEdit())
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    qtbot.waitActive(form)
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    box.form = form  # keeps the form (and so the box) alive for the test
    return box


def _makers():
    return {"optional": lambda: OptionalDateEdit("Next session", "Not set"),
            "plain": lambda: date_edit("Date of the session"),
            "starting": lambda: uk_date_edit("Target to reach by", date(2026, 1, 31))}


@pytest.mark.parametrize("kind", ["optional", "plain", "starting"])
@pytest.mark.parametrize(("typed", "day"), TYPED)
def test_a_typed_date_is_taken_whole(qtbot, kind, typed, day):
    box = _shown(qtbot, _makers()[kind]())
    seen = []
    box.dateChanged.connect(seen.append)
    qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(box, typed)
    assert box.value() == day  # taken as soon as it is whole: Ctrl+S saves what is shown
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    assert box.value() == day and box.text() == day.strftime("%d/%m/%Y")
    assert box.problem == "" and seen[-1].toPython() == day


def test_tab_into_a_box_and_type_replaces_its_date(qtbot):
    form = QDialog()
    layout = QFormLayout(form)
    first, box = date_edit("From"), date_edit("To")
    layout.addRow("From", first)
    layout.addRow("To", box)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    qtbot.waitActive(form)
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    assert box.hasFocus() and box.selectedText() == box.text()
    qtbot.keyClicks(box, "1/2/2027")
    assert box.value() == date(2027, 2, 1)


def test_alt_down_opens_the_calendar_and_an_empty_box_stays_empty(qtbot):
    box = _shown(qtbot, OptionalDateEdit("Due date"))
    qtbot.keyClick(box, Qt.Key.Key_Down, ALT)
    calendar = box.calendarWidget()
    qtbot.waitUntil(calendar.isVisible)
    assert box.value() is None and box.text() == "" and box.placeholderText() == "No date"
    assert (calendar.yearShown(), calendar.monthShown()) == (TODAY.year, TODAY.month)
    qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Right)
    assert box.value() is None  # moving in the calendar picks nothing
    qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not calendar.isVisible())
    assert box.value() is None and box.hasFocus()

    qtbot.keyClick(box, Qt.Key.Key_F4)
    qtbot.waitUntil(calendar.isVisible)
    view = calendar.focusWidget() or calendar
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not calendar.isVisible())
    assert box.value() == TODAY + timedelta(days=1)
    assert box.text() == (TODAY + timedelta(days=1)).strftime("%d/%m/%Y")


def test_the_calendar_opens_on_the_date_the_box_holds(qtbot):
    box = _shown(qtbot, uk_date_edit("Period from", date(2025, 3, 4)))
    qtbot.keyClick(box, Qt.Key.Key_Down, ALT)
    calendar = box.calendarWidget()
    qtbot.waitUntil(calendar.isVisible)
    assert calendar.selectedDate().toPython() == date(2025, 3, 4)
    assert box.value() == date(2025, 3, 4)


def test_an_impossible_date_is_refused_calmly_and_the_date_kept(qtbot):
    box = _shown(qtbot, uk_date_edit("Target to reach by", date(2027, 1, 5)))
    qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(box, "31/2/2027")
    assert box.value() == date(2027, 1, 5)  # not 28/02, not today
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    assert box.text() == "05/01/2027" and box.value() == date(2027, 1, 5)
    assert box.problem == ("There is no 31 February 2027: February 2027 has 28 days. "
                           "It still says 05/01/2027.")
    assert box.accessibleDescription() == box.problem

    empty = _shown(qtbot, OptionalDateEdit("Next session", "Not set"))
    qtbot.keyClicks(empty, "31/2/2027")
    qtbot.keyClick(empty, Qt.Key.Key_Return)
    assert empty.value() is None and empty.text() == ""
    assert empty.problem.endswith("It is still empty.")


def test_enter_on_a_wrong_date_keeps_the_dialog_open(qtbot):
    dialog = QDialog()
    layout = QFormLayout(dialog)
    box = uk_date_edit("Date of the rating", TODAY)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save)
    buttons.accepted.connect(dialog.accept)
    layout.addRow("Date", box)
    layout.addRow(buttons)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(box, "31/2/2027")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() == 0 and "31 February" in box.problem
    qtbot.keyClicks(box, "1/2/2027")  # the whole text was selected again: typing replaces
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert box.value() == date(2027, 2, 1)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_a_date_beyond_the_limit_is_refused(qtbot):
    box = _shown(qtbot, uk_date_edit("Date of the rating", TODAY))
    box.setMaximumDate(box.date())
    qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    later = TODAY + timedelta(days=3)
    qtbot.keyClicks(box, later.strftime("%-d/%-m/%Y"))
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    assert box.value() == TODAY and "the latest date is today" in box.problem


def test_arrows_step_and_emptying_clears_an_optional_box(qtbot):
    box = _shown(qtbot, OptionalDateEdit("Due date"))
    qtbot.keyClick(box, Qt.Key.Key_Up)
    assert box.value() == TODAY  # the arrows start from today, not from 1900
    qtbot.keyClick(box, Qt.Key.Key_Up)
    assert box.value() == TODAY + timedelta(days=1)
    qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(box, Qt.Key.Key_Backspace)
    assert box.value() is None
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    assert box.value() is None and box.text() == "" and box.problem == ""


def test_a_read_only_box_opens_no_calendar(qtbot):
    box = _shown(qtbot, OptionalDateEdit("Due date"))
    box.setReadOnly(True)
    qtbot.keyClick(box, Qt.Key.Key_Down, ALT)
    QApplication.processEvents()
    assert not box.calendarWidget().isVisible()
