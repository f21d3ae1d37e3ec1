"""The Actions page through the real window: every action, filtered by supervisee, status and
overdue; done needs what changed in practice, drop needs a reason, both can be undone;
reopen; and "Open record" shows the record in the Supervision page."""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reflect.journal.journal import Journal
from reflect.store.models import Action
from reflect.supervision.records import Supervision
from tests.ui.conftest import dark_palette

TODAY = date.today()


@pytest.fixture
def seeded(folder: Path, cheap, passphrase) -> Path:
    journal, _ = Journal.create(folder, passphrase, cheap)
    with journal:
        sup = Supervision(journal)
        for name, actions in (
            ("Wren", [("Book the strategy meeting with police and health", -12),
                      ("Read the neglect toolkit", 10),
                      ("Share the chronology with the school", -2)]),
            ("Owl", [("Shadow a child protection conference", 20),
                     ("Write up the reflective log for the ASYE portfolio", -30)]),
        ):
            person = sup.add_supervisee(name, role="Social worker")
            start = sup.start_record(person.id, "one_to_one", TODAY - timedelta(days=35))
            record = sup.save_record(start.entry, [
                Action(description=text, owner=name, due_on=TODAY + timedelta(days=days))
                for text, days in actions])
        sup.complete(record.actions[0].id, "Attended; now clearer on thresholds.")
    return folder


@pytest.fixture
def window(qtbot, make_window, driver, seeded, passphrase):
    window = make_window(seeded)
    window.resize(1100, 700)
    driver.unlock(window, passphrase)
    driver.wait_unlocked(window)
    return window


@pytest.fixture
def page(window):
    window.shell.show_page("Actions")
    return window.shell.page("Actions")


def shown(page) -> list[str]:
    return [page.table.topLevelItem(i).text(0) for i in range(page.table.topLevelItemCount())]


def select(page, description: str) -> None:
    page.select_action(next(r.id for r in page.rows.values() if r.description == description))


def test_filters(qtbot, page):
    # Open first, soonest due first; the overdue say so in the status column.
    assert shown(page) == ["Write up the reflective log for the ASYE portfolio",
                           "Book the strategy meeting with police and health",
                           "Share the chronology with the school", "Read the neglect toolkit"]
    assert page.table.topLevelItem(0).text(4) == "Overdue 30 d"
    assert page.count_label.text() == "4 actions"
    page.overdue_box.setChecked(True)
    assert len(shown(page)) == 3
    page.person_combo.setCurrentIndex(page.person_combo.findText("Wren"))
    assert shown(page) == ["Book the strategy meeting with police and health",
                           "Share the chronology with the school"]
    page.overdue_box.setChecked(False)
    page.status_combo.setCurrentIndex(page.status_combo.findData(None))
    assert len(shown(page)) == 3
    page.person_combo.setCurrentIndex(page.person_combo.findText("Owl"))
    page.status_combo.setCurrentIndex(page.status_combo.findData("done"))
    assert shown(page) == ["Shadow a child protection conference"]
    assert page.table.topLevelItem(0).text(5) == "Attended; now clearer on thresholds."


def test_done_needs_an_outcome_and_can_be_undone(qtbot, page):
    select(page, "Share the chronology with the school")
    qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)
    assert page.ask.is_asking
    qtbot.keyClick(page.ask.text_edit, Qt.Key.Key_Return)
    assert "what changed in practice" in page.ask.problem.text()
    qtbot.keyClicks(page.ask.text_edit, "The school now invites us to the attendance panel.")
    qtbot.keyClick(page.ask.text_edit, Qt.Key.Key_Return)
    assert not page.ask.is_asking
    assert "Share the chronology with the school" not in shown(page)  # Open only
    assert page.count_label.text() == "3 actions"
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    assert "Share the chronology with the school" in shown(page)
    assert page.current_action().description == "Share the chronology with the school"


def test_drop_needs_a_reason_and_reopen_undoes_it(qtbot, page):
    select(page, "Read the neglect toolkit")
    page.ask_drop()
    page.ask.confirm()
    assert "why it is dropped" in page.ask.problem.text()
    page.ask.text_edit.setText("Covered by the team's training day instead")
    page.ask.confirm()
    page.status_combo.setCurrentIndex(page.status_combo.findData("dropped"))
    assert shown(page) == ["Read the neglect toolkit"]
    assert page.table.topLevelItem(0).text(5) == "Covered by the team's training day instead"
    action_id = page.current_action().id
    assert page.reopen_button.isEnabled() and not page.done_button.isEnabled()
    assert page.reopen()
    assert shown(page) == []
    reopened = Supervision(page.journal).action(action_id)
    assert (reopened.status, reopened.reason) == ("open", "")


def test_open_record_shows_it_in_the_supervision_page(qtbot, window, page):
    select(page, "Book the strategy meeting with police and health")
    entry_id = page.current_action().entry_id
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    shell = window.shell
    assert shell.current_page_name == "Supervision"
    supervision = shell.page("Supervision")
    assert supervision.form.entry_id == entry_id
    assert supervision.stack.currentWidget() is supervision.form


def test_actions_view_light_and_dark(qtbot, window, page, tmp_path):
    target = Path(os.environ.get("REFLECT_SHOTS_DIR") or tmp_path)
    target.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance()
    previous = app.palette()
    page.status_combo.setCurrentIndex(page.status_combo.findData(None))
    select(page, "Write up the reflective log for the ASYE portfolio")
    page.ask_done()
    page.ask.text_edit.setText("Log written up with the practice educator")
    try:
        for mode in ("light", "dark"):
            app.setPalette(dark_palette() if mode == "dark" else previous)
            for size in ((1100, 700), (900, 600)):
                window.resize(*size)
                qtbot.wait(30)
                assert window.grab().save(str(target / f"actions-{mode}-{size[0]}.png"))
    finally:
        app.setPalette(previous)
