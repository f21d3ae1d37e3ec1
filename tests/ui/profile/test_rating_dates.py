"""The rating dialog's dates typed day first: the date of a rating and a target's "reach it
by", saved as typed; a date after today is refused with a sentence, the dialog left open."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from reflect.profile import ratings as profile_domain
from reflect.ui.profile.page import ProfilePage

IDS = ["values_driven", "child_centred_decisions", "changing_practice", "partnerships",
       "corporate_buy_in"]
CTRL = Qt.KeyboardModifier.ControlModifier
TODAY = date.today()


@pytest.fixture
def dialog(qtbot, new_journal):
    page = ProfilePage(new_journal)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitExposed(page)
    qtbot.mouseClick(page.rate_button, Qt.MouseButton.LeftButton)
    dialog = page.rating_dialog
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    return dialog


def _type_date(qtbot, box, text: str) -> None:
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    qtbot.keyClick(box, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Tab)


def _scores(qtbot, dialog) -> None:
    for attribute_id in IDS:
        button = dialog.cards[attribute_id].choice.buttons[0]
        button.setFocus()
        qtbot.keyClick(button, "3")


def test_a_typed_rating_date_is_stored(qtbot, dialog, new_journal):
    earlier = TODAY - timedelta(days=40)
    _type_date(qtbot, dialog.date_edit, f"{earlier.day}/{earlier.month}/{earlier.year}")
    _scores(qtbot, dialog)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.error.text()
    stored = profile_domain.ratings(new_journal, kind="self")
    assert {value.rated_on for value in stored} == {earlier}


def test_a_typed_target_date_is_stored(qtbot, dialog, new_journal):
    dialog.set_kind("target")
    _type_date(qtbot, dialog.target_by_edit, "01/02/2027")
    _scores(qtbot, dialog)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.error.text()
    stored = profile_domain.ratings(new_journal, kind="target")
    assert {value.target_by for value in stored} == {date(2027, 2, 1)}


def test_a_rating_date_after_today_is_refused_calmly(qtbot, dialog):
    later = TODAY + timedelta(days=5)
    _type_date(qtbot, dialog.date_edit, later.strftime("%d/%m/%Y"))
    assert dialog.date_edit.value() == TODAY
    assert "the latest date is today" in dialog.date_edit.problem
