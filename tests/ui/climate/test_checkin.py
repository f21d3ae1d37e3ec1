"""A team climate check-in recorded, corrected and charted from the keyboard, end to end: the
Profile page's section opens the dialog, Tab goes row by row through now and ideal, arrows
and digits choose, Enter saves; the chart, the widest gap and its prompt follow what is stored.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reflect.climate import checkins
from reflect.content.climate import climate_content
from reflect.ui.climate.checkin_dialog import ClimateDialog
from reflect.ui.climate.section import ClimateSection

ALL = {"clarity": (2, 5), "standards": (3, 4), "rewards": (3, 3), "responsibility": (4, 5),
       "flexibility": (2, 3), "team_commitment": (4, 4)}


def _section(qtbot, journal) -> ClimateSection:
    section = ClimateSection(journal)
    qtbot.addWidget(section)
    section.resize(860, 900)
    section.show()
    qtbot.waitExposed(section)
    section.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is section, timeout=2_000)
    return section


def _dialog(qtbot, section: ClimateSection) -> ClimateDialog:
    qtbot.waitUntil(lambda: section.dialog is not None and section.dialog.isVisible(),
                    timeout=2_000)
    dialog = section.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=2_000)
    return dialog


def _focused():
    return QApplication.focusWidget()


def _type(qtbot, key) -> None:
    widget = _focused()
    assert widget is not None
    if isinstance(key, str):
        qtbot.keyClicks(widget, key)
    else:
        qtbot.keyClick(widget, key)


def test_a_check_in_recorded_from_the_keyboard_is_stored_and_charted(qtbot, new_journal):
    section = _section(qtbot, new_journal)
    assert "No check-ins yet" in section.empty.text() and not section.chart.isVisibleTo(section)
    section.check_in_button.setFocus()
    qtbot.keyClick(section.check_in_button, Qt.Key.Key_Space)
    dialog = _dialog(qtbot, section)
    dialog.date_edit.setFocus()
    _type(qtbot, Qt.Key.Key_Tab)
    assert _focused() is dialog.now["clarity"]
    _type(qtbot, Qt.Key.Key_Right)
    _type(qtbot, Qt.Key.Key_Right)  # 1, then 2
    _type(qtbot, Qt.Key.Key_Tab)
    assert _focused() is dialog.ideal["clarity"]
    _type(qtbot, "5")
    _type(qtbot, Qt.Key.Key_Tab)
    assert _focused() is dialog.now["standards"]
    _type(qtbot, "3")
    _type(qtbot, Qt.Key.Key_Tab)
    _type(qtbot, Qt.Key.Key_End)
    _type(qtbot, Qt.Key.Key_Left)  # 5, then 4
    with qtbot.waitSignal(dialog.saved, timeout=2_000):
        _type(qtbot, Qt.Key.Key_Return)
    (stored,) = checkins.checkins(new_journal)
    assert dict(stored.scores) == {"clarity": (2, 5), "standards": (3, 4)}
    assert stored.perspective == "create" and stored.checked_on == date.today()
    assert section.latest.text().endswith("Widest gap: Clarity, now 2 and ideal 5 (+3).")
    assert section.prompt.text() == ("Worth asking yourself: "
                                     + climate_content().dimension("clarity").prompt)
    assert section.chart.row_text(0) == "Clarity: now 2, ideal 5, gap +3 (the widest)"
    assert section.chart.row_text(1) == "Standards: now 3, ideal 4, gap +1"
    assert section.chart.row_text(2) == "Rewards: not rated"


def test_a_half_rated_dimension_is_refused_and_nothing_is_written(qtbot, new_journal):
    section = _section(qtbot, new_journal)
    section.open_check_in()
    dialog = _dialog(qtbot, section)
    dialog.now["rewards"].setFocus()
    _type(qtbot, "4")
    _type(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert "Rewards has no ideal score" in dialog.error.text()
    assert checkins.checkins(new_journal) == ()
    _type(qtbot, "0")  # cleared: skipped
    assert dialog.now["rewards"].value() is None


def test_a_past_check_in_is_corrected_from_the_list(qtbot, new_journal):
    checkin_id = checkins.record(new_journal, ALL, checked_on=date(2026, 3, 2), note="First")
    section = _section(qtbot, new_journal)
    assert section.list_texts() == ["2 March 2026 | Clarity (+3) | – | First"]
    section.list.setFocus()
    _type(qtbot, Qt.Key.Key_Return)
    dialog = _dialog(qtbot, section)
    assert dialog.windowTitle() == "Correct a climate check-in"
    assert dialog.now["clarity"].value() == 2 and dialog.ideal["clarity"].value() == 5
    dialog.now["clarity"].setFocus()
    _type(qtbot, "4")
    dialog.note_edit.setFocus()
    dialog.note_edit.selectAll()
    _type(qtbot, "Clarity was better than I said")
    with qtbot.waitSignal(dialog.saved, timeout=2_000):
        qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    found = checkins.checkin(new_journal, checkin_id)
    assert found is not None and found.scores["clarity"] == (4, 5)
    assert found.note == "Clarity was better than I said"
    assert found.checked_on == date(2026, 3, 2) and found.perspective == "create"
    # four gaps of +1 now: the first in the report's order is named
    assert section.chart.row_text(0) == "Clarity: now 4, ideal 5, gap +1 (the widest)"
    assert section.latest.text().endswith("Widest gap: Clarity, now 4 and ideal 5 (+1).")


def test_delete_and_undo_with_ctrl_z(qtbot, new_journal):
    checkins.record(new_journal, ALL, checked_on=date(2026, 3, 2))
    section = _section(qtbot, new_journal)
    qtbot.mouseClick(section.delete_button, Qt.MouseButton.LeftButton)
    assert checkins.checkins(new_journal) == ()
    assert "was deleted" in section.undo_bar.label.text()
    section.list.setFocus()
    qtbot.keyClick(section.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(checkins.checkins(new_journal)) == 1
    assert section.list_texts()[0].startswith("2 March 2026")


def test_the_trend_shows_across_check_ins_and_team_responses_from_three(qtbot, new_journal):
    for day, clarity, flexibility in ((date(2026, 1, 5), 2, 4), (date(2026, 4, 6), 3, 3),
                                      (date(2026, 7, 6), 4, 2)):
        latest = checkins.record(new_journal, {**ALL, "clarity": (clarity, 5),
                                               "flexibility": (flexibility, 5)}, checked_on=day)
    section = _section(qtbot, new_journal)
    assert section.trend.isVisibleTo(section)
    assert [section.trend.cell_text(0, c) for c in range(1, 5)] == ["2 / 5", "3 / 5", "4 / 5",
                                                                   "↑ +2"]
    assert section.trend.cell_text(4, 4) == "↓ −2"
    for _ in range(2):
        checkins.add_response(new_journal, latest, {"clarity": (3, 4)})
    section.refresh()
    assert section.team.text() == "2 team responses: fewer than three responses: not shown " \
                                  "as a group."
    assert "team now" not in section.chart.accessibleDescription()
    section.list.setCurrentItem(section.list.topLevelItem(0))
    section.open_response()
    dialog = _dialog(qtbot, section)
    dialog.now["clarity"].setFocus()
    _type(qtbot, "2")
    _type(qtbot, Qt.Key.Key_Tab)
    _type(qtbot, "5")
    with qtbot.waitSignal(dialog.saved, timeout=2_000):
        _type(qtbot, Qt.Key.Key_Return)
    assert section.team.text() == "3 team responses, averaged."
    assert "team now 2.7, ideal 4.3" in section.chart.row_text(0)


def test_an_experience_check_in_is_shown_under_its_perspective(qtbot, new_journal):
    section = _section(qtbot, new_journal)
    section.open_check_in()
    dialog = _dialog(qtbot, section)
    dialog.perspective_buttons["experience"].setFocus()
    qtbot.keyClick(dialog.perspective_buttons["experience"], Qt.Key.Key_Space)
    dialog.now["clarity"].setFocus()
    _type(qtbot, "1")
    _type(qtbot, Qt.Key.Key_Tab)
    _type(qtbot, "4")
    with qtbot.waitSignal(dialog.saved, timeout=2_000):
        _type(qtbot, Qt.Key.Key_Return)
    (stored,) = checkins.checkins(new_journal)
    assert stored.perspective == "experience"
    assert section.perspective() == "experience"
    assert section.list_texts()[0].split(" | ")[1] == "Clarity (+3)"
