"""Home's team climate reminder: shown when a check-in is due (none yet, or the last 90 days
old or more, on a fixed date), not after a recent one; its button opens the check-in, and a
check-in saved from it takes the reminder away."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reflect.climate import checkins
from reflect.ui.home.climate import ClimateReminder
from reflect.ui.home.page import HomePage

TODAY = date(2026, 10, 1)


PAGES: list[HomePage] = []  # held until the test ends: qtbot holds widgets weakly


def _reminder(qtbot, journal) -> ClimateReminder:
    page = HomePage(journal)  # a section is only ever shown inside Home
    qtbot.addWidget(page)
    PAGES[:] = [page]
    reminder = ClimateReminder(journal, today=lambda: TODAY)
    page.add_section(reminder)
    page.resize(900, 700)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page, timeout=2_000)
    reminder.refresh()
    return reminder


def test_due_with_no_check_in_yet(qtbot, new_journal):
    reminder = _reminder(qtbot, new_journal)
    assert reminder.isVisible()
    assert reminder.text.text().startswith("A quarterly look at the climate you create")


def test_due_when_the_last_is_a_quarter_old_and_not_when_recent(qtbot, new_journal):
    checkins.record(new_journal, {"clarity": (2, 4)}, checked_on=date(2026, 7, 3))  # 90 days
    reminder = _reminder(qtbot, new_journal)
    assert reminder.isVisible()
    assert reminder.text.text() == ("Your last check-in was on 3 July 2026, 90 days ago: time "
                                    "for this quarter's.")
    checkins.record(new_journal, {"clarity": (3, 4)}, checked_on=date(2026, 9, 14))
    reminder.refresh()
    assert not reminder.isVisible()


def test_the_button_opens_the_check_in_and_saving_hides_the_reminder(qtbot, new_journal):
    reminder = _reminder(qtbot, new_journal)
    reminder.button.setFocus()
    qtbot.keyClick(reminder.button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: reminder.dialog is not None and reminder.dialog.isVisible(),
                    timeout=2_000)
    dialog = reminder.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=2_000)
    dialog.now["flexibility"].setFocus()
    qtbot.keyClicks(dialog.now["flexibility"], "2")
    qtbot.keyClick(dialog.now["flexibility"], Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "4")
    reminder.today = date.today
    with qtbot.waitSignal(dialog.saved, timeout=2_000):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert dict(checkins.checkins(new_journal)[0].scores) == {"flexibility": (2, 4)}
    assert not reminder.isVisible()
