"""Sessions, the supervision agreement and differences of opinion through the real window,
by keyboard: a cancelled session is logged with its reason, shows in the history and does not
count; regularity comes from held sessions; an agreement past its review date shows on the
supervisee's page and on Home; a disagreement escalated in one record is at the top of the
next and on Home until it is closed there with how and by whom, and saved."""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from reflect.journal.journal import Journal
from reflect.store.disagreements import RESOLUTION_KEY
from reflect.supervision import disagreements
from reflect.supervision.records import Supervision
from reflect.supervision.sessions import SESSION_KEY
from tests.ui.conftest import open_unlocked

CTRL = Qt.KeyboardModifier.ControlModifier
TODAY = date.today()
SHOTS = os.environ.get("REFLECT_SHOTS")  # a folder to save renders into, for looking at them


def _shot(widget, name: str) -> None:
    if SHOTS:
        from PySide6.QtTest import QTest

        QTest.qWait(300)  # let the layout settle after a form closed
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


@pytest.fixture
def seeded(folder: Path, cheap, passphrase) -> Path:
    """Wren: held sessions every four weeks, the last 10 days ago, and in the last one a
    difference of opinion escalated."""
    journal, _ = Journal.create(folder, passphrase, cheap)
    with journal:
        sup = Supervision(journal)
        wren = sup.add_supervisee("Wren", role="Social worker", schedule="four-weekly")
        for days in (122, 94, 66, 38):
            start = sup.start_record(wren.id, "one_to_one", TODAY - timedelta(days=days))
            sup.save_record(start.entry)
        last = sup.start_record(wren.id, "one_to_one", TODAY - timedelta(days=10))
        last.entry.sections.update(challenge="Whether the threshold for a child protection "
                                             "conference is met for C-1042",
                                   challenge_outcome="Escalated")
        sup.save_record(last.entry)
    return folder


@pytest.fixture
def window(qtbot, make_window, driver, seeded, passphrase):
    return open_unlocked(qtbot, make_window, driver, seeded, passphrase)


def _wren_page(window):
    window.shell.show_page("Supervision")
    page = window.shell.page("Supervision")
    wren = next(p for p in page.people.values() if p.code_name == "Wren")
    page.select_person(wren.id)
    return page, wren


def _press(qtbot, button) -> None:
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)


def _home_followed(window):
    window.shell.show_page("Home")
    home = window.shell.page("Home")
    home.refresh()
    from reflect.ui.home.follow_ups import FollowUpSection
    return next(s for s in home.sections if isinstance(s, FollowUpSection))


def test_a_cancelled_session_is_in_the_history_with_its_reason_and_not_counted(
        qtbot, window):
    page, wren = _wren_page(window)
    view, panel = page.view, page.view.sessions
    assert panel.regularity.text() == (
        "5 held in the last 6 months, every 4.0 weeks on average")
    before = view.status.text()
    assert before.startswith("10 days since the last supervision")

    _press(qtbot, panel.log_button)
    assert panel.log_form.isVisible() and panel.log_status.hasFocus()
    assert panel.log_status.currentText() == "Cancelled" and panel.log_moved_to.isHidden()
    panel.log_date.setFocus()
    panel.log_date.selectAll()
    qtbot.keyClicks(panel.log_date, (TODAY - timedelta(days=3)).strftime("%d/%m/%Y"))
    panel.log_reason.setFocus()
    qtbot.keyClick(panel.log_reason, Qt.Key.Key_Return)  # no reason: refused, nothing written
    assert panel.log_problem.text() == "Say why the session was cancelled."
    qtbot.keyClicks(panel.log_reason, "Wren was called to court")
    qtbot.keyClick(panel.log_reason, Qt.Key.Key_Return)

    panel = page.view.sessions
    qtbot.waitUntil(lambda: panel.regularity.text().endswith("; 1 cancelled"))
    assert panel.regularity.text() == (
        "5 held in the last 6 months, every 4.0 weeks on average; 1 cancelled")
    assert page.view.status.text() == before  # still 10 days since the last supervision
    top = page.view.records.topLevelItem(0)
    assert top.text(1) == "Cancelled session — Wren · Cancelled: Wren was called to court"
    assert page.view.records.topLevelItem(1).text(1).endswith("· session 5")  # held only
    assert page.people_list.currentItem().data(Qt.ItemDataRole.UserRole + 1).startswith(
        "Due in")
    _shot(page, "supervisee-cancelled")
    # Read back from the journal file by a fresh Supervision.
    sup = Supervision(window.journal)
    assert sup.last_supervised()[wren.id] == TODAY - timedelta(days=10)
    [cancelled] = [e for e in sup.records_for(wren.id) if SESSION_KEY in e.sections]
    assert cancelled.sections[SESSION_KEY] == {
        "status": "cancelled", "planned": True, "reason": "Wren was called to court"}


def test_an_agreement_past_its_review_date_shows_on_the_page_and_on_home(qtbot, window):
    page, _wren = _wren_page(window)
    panel = page.view.sessions
    assert panel.contract.text() == "No supervision agreement recorded yet."
    _press(qtbot, panel.contract_button)
    assert panel.agreed_on.hasFocus()
    qtbot.keyClicks(panel.agreed_on, (TODAY - timedelta(days=400)).strftime("%d/%m/%Y"))
    qtbot.keyClick(panel.agreed_on, Qt.Key.Key_Tab)
    qtbot.keyClicks(panel.review_on, (TODAY - timedelta(days=35)).strftime("%d/%m/%Y"))
    qtbot.keyClick(panel.review_on, Qt.Key.Key_Tab)
    qtbot.keyClicks(panel.contract_note, "Four-weekly, 90 minutes, in the quiet room.")
    _press(qtbot, panel.contract_save)
    panel = page.view.sessions
    qtbot.waitUntil(lambda: "overdue" in panel.contract.text())
    assert panel.contract.text().endswith("(35 days)")
    _shot(page, "supervisee-agreement-overdue")
    followed = _home_followed(window)
    assert followed.isVisible()
    assert "Wren | review was due " in "\n".join(followed.texts())
    assert followed.reviews.topLevelItem(0).text(1).endswith("35 days ago")


def test_an_escalated_disagreement_is_carried_to_the_next_record_and_home_until_closed(
        qtbot, window):
    followed = _home_followed(window)
    [line] = [t for t in followed.texts() if "C-1042" in t]
    assert line.endswith(f"| Wren | Escalated {(TODAY - timedelta(days=10)).strftime('%-d %b %Y')}")
    _shot(window, "home-followed-up")

    page, _wren = _wren_page(window)
    page.view.new_button.setFocus()
    qtbot.keyClick(page.view.new_button, Qt.Key.Key_Space)
    form = page.form
    panel = form.body.disagreements
    assert panel.isVisible() and panel.title.text() == "Differences of opinion to resolve (1)"
    assert disagreements.escalation_guidance().text in panel.intro.text()
    assert "(Ofsted, Joining the dots (2015), para 117)" in panel.intro.text()
    [row] = panel.rows
    assert "C-1042" in row.what.text() and row.meta.text().startswith("Escalated in the record")
    # At the top: nothing of the record's own sections comes before it.
    assert panel.y() < form.body.boxes["supervisee"].y()

    _press(qtbot, row.resolve_button)
    assert row.how.hasFocus()
    qtbot.keyClicks(row.how, "Escalated to the service manager; conference held")
    qtbot.keyClick(row.how, Qt.Key.Key_Return)  # who is missing: refused
    assert row.problem.text() == "Write who resolved it first."
    qtbot.keyClick(row.how, Qt.Key.Key_Tab)
    assert row.by.hasFocus()
    qtbot.keyClicks(row.by, "Service manager")
    qtbot.keyClick(row.by, Qt.Key.Key_Return)
    qtbot.wait(100)  # the Return that confirmed must not also press Undo
    assert row.undo_button.hasFocus()
    assert row.result.text() == ("Resolved (counts once this record is saved) by Service "
                                 "manager: Escalated to the service manager; conference held")
    _shot(form, "record-disagreement-held")
    assert disagreements.open_disagreements(window.journal)  # not yet: the record is unsaved

    qtbot.keyClick(form.title_edit, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: form.entry_id is not None)
    assert row.result.text().startswith("Resolved by Service manager")
    saved_id = form.entry_id
    followed = _home_followed(window)
    assert not [t for t in followed.texts() if "C-1042" in t]
    # Read back from the journal file by a fresh Supervision.
    journal = window.journal
    sup = Supervision(journal)
    assert disagreements.open_disagreements(journal) == []
    escalated = next(e for e in sup.records_for(_wren.id)
                     if RESOLUTION_KEY in e.sections)
    assert escalated.sections[RESOLUTION_KEY] == {
        "how": "Escalated to the service manager; conference held",
        "by": "Service manager", "on": TODAY.isoformat(), "in_entry": saved_id}


def test_the_record_keeps_its_session_ad_hoc_with_its_duration(qtbot, window):
    page, wren = _wren_page(window)
    page.view.new_button.setFocus()
    qtbot.keyClick(page.view.new_button, Qt.Key.Key_Space)
    form = page.form
    box = form.body.session
    assert box is not None and box.status.currentText() == "Held"
    box.planned.setFocus()
    qtbot.keyClick(box.planned, Qt.Key.Key_Down)
    box.minutes.setFocus()
    box.minutes.selectAll()
    qtbot.keyClicks(box.minutes, "50")
    qtbot.keyClick(form.title_edit, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: form.entry_id is not None)
    entry = Supervision(window.journal).record(form.entry_id).entry
    assert entry.sections[SESSION_KEY] == {"status": "held", "planned": False, "minutes": 50}
    assert Supervision(window.journal).last_supervised()[wren.id] == TODAY


@pytest.mark.parametrize(("steps", "status"), [(1, "moved"), (2, "cancelled")])
def test_a_moved_or_cancelled_session_without_a_reason_is_refused(qtbot, window, steps,
                                                                  status):
    """The quick log insists on a reason; the record's own session row now does too."""
    page, wren = _wren_page(window)
    before = len(Supervision(window.journal).records_for(wren.id))
    page.view.new_button.setFocus()
    qtbot.keyClick(page.view.new_button, Qt.Key.Key_Space)
    form = page.form
    box = form.body.session
    box.status.setFocus()
    for _ in range(steps):
        qtbot.keyClick(box.status, Qt.Key.Key_Down)
    assert box.status.currentData() == status and box.reason.isVisible()
    if status == "moved":
        box.moved_to.set_value(TODAY + timedelta(days=2))
    qtbot.keyClick(form.title_edit, Qt.Key.Key_S, CTRL)
    qtbot.wait(50)
    assert form.entry_id is None  # refused: nothing saved
    assert f"The session at the top of this record is marked {status}: write why in its " \
           "reason box, then save again." in form.error.text()
    assert len(Supervision(window.journal).records_for(wren.id)) == before
    _shot(form, f"record-session-{status}-refused")

    box.reason.setFocus()
    qtbot.keyClicks(box.reason, "Wren was in court")
    qtbot.keyClick(form.title_edit, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: form.entry_id is not None)
    stored = Supervision(window.journal).record(form.entry_id).entry.sections[SESSION_KEY]
    assert stored["status"] == status and stored["reason"] == "Wren was in court"
    assert not form.error.isVisible()
