"""The first line leader's own templates (issue 17) opened as a user does, from New record on
the Supervision page: every section shown with its title and in the Tab chain; My role's
scales and the enablers' yes/no answered from the keyboard and saved; the report-back of an
action learning set reviewed at the next set and in My supervision."""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reflect.content.templates import load_templates
from reflect.journal.journal import Journal
from reflect.store.models import Action
from reflect.supervision.records import Supervision
from tests.ui.conftest import dark_palette, open_unlocked
from tests.ui.supervision.page_keys import choose_template_and_start

CTRL = Qt.KeyboardModifier.ControlModifier
TODAY = date.today()
REPORT = "Report back on the duty rota trial"
SHOTS = Path(os.environ.get("REFLECT_SHOTS", "/tmp/i17-template-shots"))
NEW = {"my_role": "My role", "action_learning": "Action learning set",
       "incident_learning": "Learning from an incident", "my_supervision": "My supervision"}


@pytest.fixture
def window(qtbot, make_window, driver, folder: Path, cheap, passphrase):
    """An action learning set 30 days ago whose report-back is still open."""
    journal, _ = Journal.create(folder, passphrase, cheap)
    with journal:
        sup = Supervision(journal)
        earlier = sup.start_record(None, "action_learning", TODAY - timedelta(days=30))
        earlier.entry.sections["issue"] = "Handing the duty rota to the team."
        sup.save_record(earlier.entry, [Action(description=REPORT,
                                               due_on=TODAY - timedelta(days=2))])
    return open_unlocked(qtbot, make_window, driver, folder, passphrase)


@pytest.mark.parametrize("template_id", sorted(NEW))
def test_each_template_starts_from_new_record_with_every_section(qtbot, window, template_id):
    template = next(t for t in load_templates().templates if t.id == template_id)
    form = choose_template_and_start(qtbot, window, NEW[template_id])
    body = form.body
    assert [box.section.id for box in body.boxes.values()] == [s.id for s in template.sections]
    chain = body.focus_widgets()
    for section in template.sections:
        box = body.boxes[section.id]
        assert box.title.text() == section.title
        widget = body.field_widget(section.id)
        assert widget is not None and widget in chain, section.id
    _shots(window, form, template_id)


def test_my_role_scales_and_change_are_answered_by_keys_and_saved(qtbot, window):
    form = choose_template_and_start(qtbot, window, "My role")
    now = form.body.field_widget("enabling_now")
    now.setFocus()
    for _ in range(4):
        qtbot.keyClick(now, Qt.Key.Key_Right)
    should = form.body.field_widget("enabling_should")
    should.setFocus()
    qtbot.keyClick(should, Qt.Key.Key_End)  # 10: all of my week
    for _ in range(3):
        qtbot.keyClick(should, Qt.Key.Key_Left)
    change = form.body.field_widget("enabling_change")
    change.setFocus()
    qtbot.keyClicks(change, "Hand the rota to a senior practitioner.")
    assert form.body.fields["enabling_now"].spin.text() == "4 / 10"
    qtbot.keyClick(form.title_edit, Qt.Key.Key_S, CTRL)
    assert form.status_text().startswith("Saved at"), form.error.text()
    saved = Supervision(window.journal).record(form.entry_id).entry.sections
    assert (saved["enabling_now"], saved["enabling_should"]) == (4, 7)
    assert saved["enabling_change"] == "Hand the rota to a senior practitioner."
    assert saved.get("network_now") is None  # not rated, not made up


def test_the_report_back_is_reviewed_at_the_next_set_and_in_my_supervision(qtbot, window):
    form = choose_template_and_start(qtbot, window, "Action learning set")
    # old code (no action_learning template): no such template in New record at all
    assert [r.action.description for r in form.body.review.rows] == [REPORT]
    assert "2 days overdue" in form.body.review.rows[0].meta.text()
    assert "Your own open actions" in form.body.review.intro.text()
    page = window.shell.page("Supervision")
    qtbot.mouseClick(form.back_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.view)
    form = choose_template_and_start(qtbot, window, "My supervision")
    assert [r.action.description for r in form.body.review.rows] == [REPORT]


def test_a_missing_enabler_and_the_ask_are_answered_by_keys_and_saved(qtbot, window):
    form = choose_template_and_start(qtbot, window, "My supervision")
    combo = form.body.field_widget("enabler_autonomy")
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # Not answered > Yes > No
    assert combo.currentText() == "No"
    ask = form.body.field_widget("enabler_ask")
    ask.setFocus()
    qtbot.keyClicks(ask, "Delegated authority to agree section 17 payments.")
    qtbot.keyClick(form.title_edit, Qt.Key.Key_S, CTRL)
    assert form.status_text().startswith("Saved at"), form.error.text()
    saved = Supervision(window.journal).record(form.entry_id).entry.sections
    assert saved["enabler_autonomy"] is False and saved.get("enabler_vision") is None
    assert saved["enabler_ask"] == "Delegated authority to agree section 17 payments."


def _shots(window, form, name: str) -> None:
    """The form as shown and its whole body, light and dark (2x: QT_SCALE_FACTOR=2)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    scale = os.environ.get("QT_SCALE_FACTOR", "1")
    window.resize(1100, 900)
    QApplication.processEvents()
    app = QApplication.instance()
    old = app.palette()
    for mode in ("light", "dark"):
        if mode == "dark":
            app.setPalette(dark_palette())
        QApplication.processEvents()
        form.grab().save(str(SHOTS / f"{name}-{mode}-{scale}x.png"))
        form.body.grab().save(str(SHOTS / f"{name}-body-{mode}-{scale}x.png"))
    app.setPalette(old)
    QApplication.processEvents()
