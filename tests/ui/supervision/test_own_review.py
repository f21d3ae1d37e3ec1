"""The leader's own actions followed up, through the real window and keys: New record > My
supervision lists exactly the leader's two open actions (the overdue one marked), not the
supervisee's; one is marked done with what changed, the other carried, the record saved;
reopened it shows both decisions with Undo; the next coaching preparation starts with the
carried continuation, under a "Coach or mentor" line kept in the journal."""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reflect.coaching.coach import coach_name
from reflect.journal.journal import Journal
from reflect.store.models import Action
from reflect.supervision.records import Supervision
from reflect.ui.widgets.feedback import error_colour
from tests.ui.conftest import dark_palette, open_unlocked
from tests.ui.supervision.page_keys import choose_template_and_start

CTRL = Qt.KeyboardModifier.ControlModifier
TODAY = date.today()
COURSE, ROTA = "Ask for the leadership course", "Hand the duty rota to Wren"
CHANGED = "Booked on the spring cohort; my manager agreed the cover."
SHOTS = Path(os.environ.get("REFLECT_SHOTS", "/tmp/i15-ownactions-shots"))


@pytest.fixture
def window(qtbot, make_window, driver, folder: Path, cheap, passphrase):
    """My supervision 40 days ago (an action now 10 days overdue), a coaching preparation
    20 days ago (one due in 20 days), and Kestrel's one-to-one with an action of theirs."""
    journal, _ = Journal.create(folder, passphrase, cheap)
    with journal:
        sup = Supervision(journal)
        own = sup.start_record(None, "my_supervision", TODAY - timedelta(days=40))
        sup.save_record(own.entry, [Action(description=COURSE,
                                           due_on=TODAY - timedelta(days=10))])
        prep = sup.start_record(None, "coaching_prep", TODAY - timedelta(days=20))
        prep.entry.sections["goals"] = "Delegating without rescuing."
        sup.save_record(prep.entry, [Action(description=ROTA,
                                            due_on=TODAY + timedelta(days=20))])
        kestrel = sup.add_supervisee("Kestrel", role="Social worker")
        theirs = sup.start_record(kestrel.id, "one_to_one", TODAY - timedelta(days=30))
        sup.save_record(theirs.entry, [Action(description="Chronology to the school",
                                              owner="Kestrel")])
    return open_unlocked(qtbot, make_window, driver, folder, passphrase)


def test_own_actions_are_reviewed_decided_saved_and_carried_to_coaching(qtbot, window):
    form = choose_template_and_start(qtbot, window, "My supervision")
    rows = form.body.review.rows
    # old code: no rows at all (the review ran only for a chosen supervisee)
    assert [r.action.description for r in rows] == [COURSE, ROTA]
    course, rota = rows
    assert "10 days overdue" in course.meta.text() and "in My supervision" in course.meta.text()
    assert course.meta.palette().color(course.meta.foregroundRole()) == error_colour(
        course.palette())
    assert "overdue" not in rota.meta.text()
    assert "Your own open actions" in form.body.review.intro.text()
    _shots(window, form, "my_supervision_review")

    course.done_button.setFocus()
    qtbot.keyClick(course.done_button, Qt.Key.Key_Space)
    qtbot.keyClicks(course.ask.text_edit, CHANGED)
    qtbot.keyClick(course.ask.text_edit, Qt.Key.Key_Return)
    assert course.state == "done" and "counts once this record is saved" in course.result.text()
    rota.carry_button.setFocus()
    qtbot.keyClick(rota.carry_button, Qt.Key.Key_Space)
    rota.ask.confirm_button.setFocus()
    qtbot.keyClick(rota.ask.confirm_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: rota.state == "carried")
    assert [a["description"] for a in form.body.action_editor.action_states()] == [ROTA]
    qtbot.keyClick(form.title_edit, Qt.Key.Key_S, CTRL)
    assert form.status_text().startswith("Saved at"), form.error.text()
    record_id = form.entry_id
    sup = Supervision(window.journal)
    done = sup.action(course.action.id)
    assert (done.status, done.outcome, done.closed_on) == ("done", CHANGED, TODAY)
    assert sup.action(rota.action.id).status == "carried"
    (continuation,) = sup.record(record_id).actions
    assert (continuation.carried_from_id, continuation.person_id) == (rota.action.id, None)

    page = window.shell.page("Supervision")
    qtbot.mouseClick(form.back_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.view)
    assert window.shell.open_entry(record_id)  # reopened: the decisions, with Undo
    course, rota = form.body.review.rows
    assert (course.state, rota.state) == ("done", "carried")
    assert course.result.text() == f"Done. What changed: {CHANGED}"
    assert course.undo_button.isVisible() and rota.undo_button.isVisible()
    assert not course.done_button.isVisible()

    qtbot.mouseClick(form.back_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.view)
    form = choose_template_and_start(qtbot, window, "Coaching session preparation")
    (carried,) = form.body.review.rows
    assert (carried.action.id, carried.action.description) == (continuation.id, ROTA)
    assert carried.action.carried_from_id == rota.action.id
    assert f"agreed {TODAY:%-d %b %Y}" in carried.meta.text()
    coach = form.body.coach
    assert coach is not None and coach.edit in form.body.focus_widgets()
    coach.edit.setFocus()
    qtbot.keyClicks(coach.edit, "Dr  Lee, regional programme")
    qtbot.keyClick(coach.edit, Qt.Key.Key_Tab)  # leaving the field keeps it
    assert coach_name(window.journal) == "Dr Lee, regional programme"
    assert coach.edit.text() == "Dr Lee, regional programme"  # shown as kept
    assert QApplication.focusWidget() is not coach.edit
    _shots(window, form, "coaching_prep_review")


def test_the_supervisees_review_never_lists_the_leaders_own(qtbot, window):
    form = choose_template_and_start(qtbot, window, "One-to-one reflective supervision",
                                     person="Kestrel")
    assert [r.action.description for r in form.body.review.rows] == [
        "Chronology to the school"]
    assert "Open actions from earlier sessions" in form.body.review.intro.text()
    assert form.body.coach is None


def _shots(window, form, name: str) -> None:
    """The form light and dark, to look at (2x: run with QT_SCALE_FACTOR=2)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    scale = os.environ.get("QT_SCALE_FACTOR", "1")
    window.resize(1100, 900)
    QApplication.processEvents()
    form.grab().save(str(SHOTS / f"{name}-light-{scale}x.png"))
    app = QApplication.instance()
    old = app.palette()
    app.setPalette(dark_palette())
    QApplication.processEvents()
    form.grab().save(str(SHOTS / f"{name}-dark-{scale}x.png"))
    app.setPalette(old)
    QApplication.processEvents()


def test_an_own_follow_up_is_held_in_the_draft_over_a_lock(qtbot, window, driver, folder,
                                                            passphrase):
    form = choose_template_and_start(qtbot, window, "My supervision")
    course = form.body.review.rows[0]
    course.done_button.setFocus()
    qtbot.keyClick(course.done_button, Qt.Key.Key_Space)
    qtbot.keyClicks(course.ask.text_edit, CHANGED)
    qtbot.keyClick(course.ask.text_edit, Qt.Key.Key_Return)
    window.lock()  # not saved: the file still has it open, the draft holds the decision
    with Journal.unlock(folder, passphrase=passphrase) as journal:
        assert Supervision(journal).action(course.action.id).status == "open"
    driver.unlock(window, passphrase)
    driver.wait_unlocked(window)
    form = window.shell.page("Supervision").form
    course, rota = form.body.review.rows
    assert (course.state, rota.state) == ("done", "pending")
    assert "counts once this record is saved" in course.result.text()
