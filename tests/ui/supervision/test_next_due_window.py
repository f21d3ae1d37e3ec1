"""Next due in the window: adding a supervisee asks for their last session (or not yet), so
one added today is not "Overdue by 54 days"; the "Next session" typed in a record becomes
the next due date in the list, the supervisee's view and on Home."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from reflect.common.dates import uk_date
from reflect.journal.journal import Journal
from reflect.ui.home.supervision import SupervisionSection
from reflect.ui.supervision.supervisee_view import STATUS_ROLE
from tests.ui.conftest import open_unlocked

CTRL = Qt.KeyboardModifier.ControlModifier
TODAY = date.today()


@pytest.fixture
def window(qtbot, make_window, driver, folder: Path, cheap, passphrase):
    journal, _ = Journal.create(folder, passphrase, cheap)
    journal.close()
    return open_unlocked(qtbot, make_window, driver, folder, passphrase)


def _typed(day: date) -> str:
    return f"{day.day}/{day.month}/{day.year}"


def _add(qtbot, page, name: str, *, started: date | None, last: date | None):
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    qtbot.waitExposed(dialog)
    assert dialog.last_edit.value() is None and dialog.last_edit.placeholderText() == "Not yet"
    qtbot.keyClicks(dialog.code_edit, name)
    for box, day in ((dialog.started_edit, started), (dialog.last_edit, last)):
        if day is not None:
            box.setFocus()
            qtbot.keyClicks(box, _typed(day))
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def _status(page, name: str) -> str:
    for row in range(page.people_list.count()):
        item = page.people_list.item(row)
        if item.text() == name:
            return item.data(STATUS_ROLE)
    raise AssertionError(name)


def _home(window) -> list[str]:
    window.shell.show_page("Home")
    return window.shell.page("Home").findChild(SupervisionSection).texts()


def test_added_today_is_due_not_overdue_and_the_last_session_counts(qtbot, window):
    window.shell.show_page("Supervision")
    page = window.shell.page("Supervision")
    _add(qtbot, page, "Sam", started=TODAY - timedelta(days=85), last=None)
    assert _status(page, "Sam").startswith("Due in")  # not "Overdue by 54 days"
    _add(qtbot, page, "Kit", started=None, last=TODAY - timedelta(days=40))
    assert _status(page, "Kit").startswith("Overdue by")
    assert "40 days since the last supervision" in page.view.status.text()
    lines = _home(window)
    sam = next(line for line in lines if line.startswith("Sam |"))
    assert "No supervision recorded yet" in sam and "| Due in" in sam


def test_the_agreed_next_session_is_next_due_everywhere(qtbot, window):
    window.shell.show_page("Supervision")
    page = window.shell.page("Supervision")
    _add(qtbot, page, "Sam", started=None, last=None)
    assert page.new_record("one_to_one")
    form = page.form
    agreed = TODAY + timedelta(days=10)  # sooner than the monthly default
    box = form.body.fields["next_session"].edit
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    qtbot.keyClicks(box, _typed(agreed))
    qtbot.keyClick(box, Qt.Key.Key_S, CTRL)
    assert form.status_text().startswith("Saved"), form.error.text()
    page.show_records()
    assert _status(page, "Sam") == "Due in 10 days"
    assert f"next due {uk_date(agreed, short=True)}" in page.view.status.text()
    assert "Last supervision today" in page.view.status.text()
    sam = next(line for line in _home(window) if line.startswith("Sam |"))
    assert sam.endswith("| Due in 10 days") and "Last supervision today" in sam
