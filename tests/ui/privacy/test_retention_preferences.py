"""The retention period is kept in the journal and changed in Preferences with the keys; a
supervisee marked as left afterwards is reviewed that many years on."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from reflect.privacy import retention
from reflect.supervision.records import Supervision
from tests.ui.conftest import open_unlocked


def test_preferences_change_the_retention_period(qtbot, make_window, driver, existing,
                                                 passphrase):
    window = open_unlocked(qtbot, make_window, driver, existing[0], passphrase)
    dialog = window.open_preferences()
    spin = dialog.retention
    assert spin is not None and spin.value() == 6
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_Down)  # 6 -> 5 years
    qtbot.keyClick(spin, Qt.Key.Key_Return)  # the dialog's default button: OK
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    journal = window.journal
    assert retention.retention_years(journal) == 5
    owl = Supervision(journal).add_supervisee("Owl")
    assert retention.set_retention(journal, owl.id, left_on=date(2021, 6, 30)
                                   ).retention_review_on == date(2026, 6, 30)


def test_preferences_while_locked_leave_the_period_out(qtbot, make_window, existing):
    window = make_window(existing[0])
    dialog = window.open_preferences()
    assert dialog.retention is None and dialog.retention_years is None
    dialog.reject()
