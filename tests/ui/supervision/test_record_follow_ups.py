"""Follow-ups in a new record through the real window: marking an earlier action done or
dropped counts only when the record is saved; leaving the record asks first; discarding it
changes nothing in the journal file; a lock keeps them in the draft; after the save they are
linked to the record and Undo reopens the action there and then."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reflect.journal.journal import Journal
from reflect.store.actions import FOLLOW_UPS_KEY
from reflect.store.models import Action
from reflect.supervision.records import Supervision
from tests.ui.conftest import open_unlocked
from tests.ui.supervision.seed import new_record, seed_kestrel

CTRL = Qt.KeyboardModifier.ControlModifier
TODAY = date.today()
OUTCOME = "The plan now names the growth charts; health sent them on day 4."


@pytest.fixture
def seeded(folder: Path, cheap, passphrase) -> Path:
    """Kestrel's record of 30 days ago with two open actions."""
    return seed_kestrel(folder, cheap, passphrase, [
        Action(description="Ask health for the growth charts", owner="Kestrel"),
        Action(description="Chronology to the school", owner="Kestrel")])


@pytest.fixture
def window(qtbot, make_window, driver, seeded, passphrase):
    return open_unlocked(qtbot, make_window, driver, seeded, passphrase)


def _new_record(window):
    form = new_record(window)
    return window.shell.page("Supervision"), form


def _done_by_keyboard(qtbot, row, outcome: str) -> None:
    row.done_button.setFocus()
    qtbot.keyClick(row.done_button, Qt.Key.Key_Space)
    qtbot.keyClicks(row.ask.text_edit, outcome)
    qtbot.keyClick(row.ask.text_edit, Qt.Key.Key_Return)


def _drop_by_keyboard(qtbot, row, reason: str) -> None:
    row.drop_button.setFocus()
    qtbot.keyClick(row.drop_button, Qt.Key.Key_Space)
    qtbot.keyClicks(row.ask.text_edit, reason)
    qtbot.keyClick(row.ask.text_edit, Qt.Key.Key_Return)


def _statuses(folder: Path, passphrase: str) -> dict[str, str]:
    """Each action's status, read from the journal file itself."""
    with Journal.unlock(folder, passphrase=passphrase) as journal:
        return {a.description: a.status for a in Supervision(journal).actions()}


def test_leaving_asks_and_discarding_changes_nothing_in_the_file(qtbot, window, seeded,
                                                                 passphrase, tmp_path):
    page, form = _new_record(window)
    charts, _school = form.body.review.rows
    _done_by_keyboard(qtbot, charts, OUTCOME)
    assert charts.state == "done" and "counts once this record is saved" in charts.result.text()
    assert form.status_text().lower().endswith("not saved yet")
    assert Supervision(window.journal).action(charts.action.id).status == "open"

    qtbot.mouseClick(form.back_button, Qt.MouseButton.LeftButton)  # leave: asked first
    question = form.leave_question
    assert question.isVisible()
    assert "The follow-up made in it (done or dropped) counts only once" in (
        question.question.text())
    assert page.stack.currentWidget() is form and question.save_button.hasFocus()
    form.grab().save(str(tmp_path / "leave-question.png"))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)  # keep editing
    assert not question.isVisible() and page.stack.currentWidget() is form
    assert charts.state == "done"

    window.shell.new_record()  # Ctrl+Shift+N from anywhere asks the same
    assert question.isVisible() and form.entry_id is None and charts.state == "done"
    question.discard_button.setFocus()
    qtbot.keyClick(question.discard_button, Qt.Key.Key_Return)  # Enter presses Discard
    qtbot.waitUntil(lambda: not question.isVisible())
    fresh = form.body.review.rows  # the new record it was going to
    assert [r.state for r in fresh] == ["pending", "pending"] and form.entry_id is None
    assert not any(k.startswith("supervision:") for k in window.journal.drafts())
    window.lock()
    assert _statuses(seeded, passphrase) == {"Ask health for the growth charts": "open",
                                             "Chronology to the school": "open"}


def test_held_follow_ups_survive_a_lock_and_are_saved_with_the_record(qtbot, window, driver,
                                                                      seeded, passphrase):
    page, form = _new_record(window)
    qtbot.keyClicks(form.body.fields["challenge"].edit, "No disagreement this time.")
    charts, school = form.body.review.rows
    _done_by_keyboard(qtbot, charts, OUTCOME)
    _drop_by_keyboard(qtbot, school, "The school closed the referral")
    window.lock()  # not saved: nothing counts, the draft keeps the follow-ups
    assert _statuses(seeded, passphrase) == {"Ask health for the growth charts": "open",
                                             "Chronology to the school": "open"}

    driver.unlock(window, passphrase)
    driver.wait_unlocked(window)
    page = window.shell.page("Supervision")
    form = page.form
    assert page.stack.currentWidget() is form and form.entry_id is None
    charts, school = form.body.review.rows
    assert (charts.state, school.state) == ("done", "dropped")
    assert "counts once this record is saved" in school.result.text()

    qtbot.mouseClick(form.back_button, Qt.MouseButton.LeftButton)
    assert form.leave_question.isVisible()
    qtbot.keyClick(form.leave_question.save_button, Qt.Key.Key_Return)  # Save record
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.view)
    sup = Supervision(window.journal)
    record_id = sup.records_for(charts.action.person_id)[0].id
    done, dropped = sup.action(charts.action.id), sup.action(school.action.id)
    assert (done.status, done.outcome, done.closed_on) == ("done", OUTCOME, TODAY)
    assert (dropped.status, dropped.reason) == ("dropped", "The school closed the referral")
    links = sup.record(record_id).entry.sections[FOLLOW_UPS_KEY]
    assert {v["followed_up"] for v in links} == {charts.action.id, school.action.id}


def test_after_the_save_undo_reopens_the_action_at_once(qtbot, window):
    _page, form = _new_record(window)
    qtbot.keyClicks(form.body.fields["challenge"].edit, "None.")
    charts, _ = form.body.review.rows
    _done_by_keyboard(qtbot, charts, OUTCOME)
    qtbot.keyClick(form.title_edit, Qt.Key.Key_S, CTRL)
    assert form.status_text().startswith("Saved at"), form.error.text()
    sup = Supervision(window.journal)
    assert sup.action(charts.action.id).status == "done"
    assert "counts once" not in charts.result.text()
    qtbot.mouseClick(charts.undo_button, Qt.MouseButton.LeftButton)
    assert charts.state == "pending" and sup.action(charts.action.id).status == "open"
    assert FOLLOW_UPS_KEY not in sup.record(form.entry_id).entry.sections
    _done_by_keyboard(qtbot, charts, "Sent on day 4")  # a saved record: written at once
    assert sup.action(charts.action.id).status == "done"
    assert form.status_text().startswith("Saved at")
