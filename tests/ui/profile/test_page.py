"""The Profile page: rate through the real form, see the radar and the table change, add a
target and others' ratings, see a blind spot named; the prompts one click from an axis."""

from __future__ import annotations

import html
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from reflect.profile import ratings as profile_domain
from reflect.profile.ratings import CLEARLY_MEANS
from reflect.ui.profile.page import COLUMNS, ProfilePage
from reflect.ui.profile.rating_dialog import NOT_OBSERVED, RatingDialog
from reflect.ui.widgets.dates import to_qdate

IDS = ["values_driven", "child_centred_decisions", "changing_practice", "partnerships",
       "corporate_buy_in"]
TODAY = date.today()
HOSTILE = '<img src="/dev/zero"> <b>bold</b>'


@pytest.fixture
def page(qtbot, new_journal) -> ProfilePage:
    page = ProfilePage(new_journal)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitExposed(page)
    return page


def _open_form(qtbot, page: ProfilePage) -> RatingDialog:
    qtbot.mouseClick(page.rate_button, Qt.MouseButton.LeftButton)
    dialog = page.rating_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def _type_scores(qtbot, dialog: RatingDialog, scores: list[int | str]) -> None:
    """Focus each attribute's choice and press its digit, as a keyboard user would."""
    for attribute_id, score in zip(IDS, scores, strict=True):
        choice = dialog.cards[attribute_id].choice
        choice.buttons[0].setFocus()
        qtbot.keyClick(choice.buttons[0], str(score))


def _rate(qtbot, page, scores, *, kind="self", day=TODAY, group=None) -> None:
    dialog = _open_form(qtbot, page)
    dialog.set_kind(kind)
    dialog.date_edit.setDate(to_qdate(day))
    if group:
        dialog.rater_box.setCurrentText(group)
    _type_scores(qtbot, dialog, scores)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.error.text()


def test_an_empty_profile_says_what_to_do(page):
    assert page.radar.chart.visible_series() == []
    assert page.table_text("values_driven", "Now") == "–"
    assert page.history.isHidden() and "No self-ratings yet" in page.history_empty.text()
    assert page.clearly.text() == CLEARLY_MEANS


def test_rating_through_the_form_updates_radar_table_and_history(qtbot, page, new_journal):
    dialog = _open_form(qtbot, page)
    card = dialog.cards["values_driven"]
    assert card.attribute.question.startswith("How much are you living out")
    texts = [label.text() for label in card.findChildren(QLabel)]
    assert "A rating of 5 might sound like:" in texts
    assert any("live out and honour my values every day" in t for t in texts)
    assert not card.choice.buttons[NOT_OBSERVED].isVisible()  # only others may not observe
    dialog.date_edit.setDate(to_qdate(TODAY - timedelta(days=182)))
    _type_scores(qtbot, dialog, [3, 3, 2, 3, 2])
    assert card.choice.value() == 3
    dialog.set_note("values_driven", "Squeezed by caseload pressure")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert page.radar.chart.series_values("self") == (3, 3, 2, 3, 2)
    assert page.table_text("values_driven", "Now") == "3"

    _rate(qtbot, page, [4, 4, 3, 4, 2])
    chart = page.radar.chart
    assert chart.series_values("self") == (4, 4, 3, 4, 2)
    assert chart.series_values("previous") == (3, 3, 2, 3, 2)
    assert page.table_text("values_driven", "Now") == "4"
    assert page.table_text("values_driven", "Previous") == "3"
    assert page.table_text("values_driven", "Change") == "+1"
    assert page.table_text("corporate_buy_in", "Change") == "0"
    assert page.history.rowCount() == 2 and page.history.isVisible()
    assert page.history.item(0, 1).text() == "4" and page.history.item(1, 1).text() == "3"
    stored = profile_domain.ratings(new_journal, kind="self", attribute_id="values_driven")
    assert [v.note for v in stored] == ["Squeezed by caseload pressure", ""]


def test_target_and_others_name_a_blind_spot_and_a_hidden_strength(qtbot, page):
    _rate(qtbot, page, [4, 4, 3, 4, 2])
    _rate(qtbot, page, [5, 5, 4, 4, 3], kind="target")
    assert page.table_text("values_driven", "Target") == "5"
    assert page.table_text("values_driven", "To target") == "+1"
    assert page.table_text("partnerships", "To target") == "0"
    # two raters well below the leader on partnerships, above on corporate buy-in
    _rate(qtbot, page, [4, 4, 3, 2, 3], kind="other", group="Line manager")
    dialog = _open_form(qtbot, page)
    dialog.set_kind("other")
    dialog.rater_box.setCurrentText("peer")
    _type_scores(qtbot, dialog, [4, 4, 3, 2, "n"])
    assert dialog.cards["corporate_buy_in"].choice.value() == NOT_OBSERVED
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert page.table_text("partnerships", "Others (n)") == "2 (2)"
    assert page.table_text("partnerships", "Self − others") == "+2"
    assert page.table_text("partnerships", "Finding") == "Blind spot"
    assert page.table_text("corporate_buy_in", "Others (n)") == "3 (1)"
    assert page.table_text("corporate_buy_in", "Finding") == ""  # one rater is not "clearly"
    assert page.table_text("values_driven", "Finding") == ""
    assert "Blind spot: Partnerships. You rate yourself 4; others' 2 ratings average 2." \
        in page.findings.text()
    assert page.radar.chart.series_values("others") == (4, 4, 3, 2, 3)
    assert "Blind spot" in page.radar.chart.axis_summary(3)

    _rate(qtbot, page, [4, 4, 3, 2, 4], kind="other", group="team member")
    assert page.table_text("corporate_buy_in", "Finding") == "Hidden strength"
    assert "Hidden strength: Corporate buy-in" in page.findings.text()


def test_the_form_refuses_what_it_cannot_store(qtbot, page, new_journal):
    dialog = _open_form(qtbot, page)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "at least one rating" in dialog.error.text()
    dialog.set_note("partnerships", "Health partners on board")
    dialog.set_score("values_driven", 4)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "Partnerships" in dialog.error.text()
    dialog.set_kind("other")
    dialog.rater_box.setCurrentText("  ")
    dialog.set_note("partnerships", "")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "rater group" in dialog.error.text()
    assert profile_domain.ratings(new_journal) == []
    dialog.rater_box.setCurrentText("peer")
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    note = dialog.cards["partnerships"].note
    note.setFocus()
    qtbot.keyClick(note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    assert page.table_text("values_driven", "Others (n)") == "4 (1)"


def test_the_target_form_asks_by_when_and_shows_the_current_target(qtbot, page, new_journal):
    profile_domain.rate(new_journal, {"values_driven": 4}, kind="target",
                        target_by=date(2027, 3, 1))
    page.refresh()
    dialog = _open_form(qtbot, page)
    assert dialog.target_by_edit.isHidden() and dialog.rater_box.isHidden()
    dialog.set_kind("target")
    assert dialog.target_by_edit.isVisible() and dialog.rater_box.isHidden()
    assert dialog.cards["values_driven"].last.text() == \
        "Your current target: 4, by 1 March 2027"
    assert dialog.date_edit.displayFormat() == "dd/MM/yyyy"
    dialog.set_kind("other")
    assert dialog.rater_box.isVisible()
    assert dialog.rater_box.itemText(0) == "line manager"


def test_user_text_is_shown_as_plain_text(qtbot, page, new_journal):
    profile_domain.rate(new_journal, {"values_driven": 3}, notes={"values_driven": HOSTILE})
    for days in range(3):  # three returns: the group is shown with its name
        profile_domain.rate(new_journal, {"values_driven": 2, "partnerships": 2}, kind="other",
                            rater_group=HOSTILE, rated_on=TODAY - timedelta(days=days))
    profile_domain.set_leader_name(new_journal, HOSTILE)
    page.refresh()
    tip = page.table.item(0, 0).toolTip()
    assert HOSTILE not in tip and html.escape(HOSTILE) in tip  # escaped: Qt renders tooltips
    assert html.escape(HOSTILE) in page.table.item(0, COLUMNS.index("Others (n)")).toolTip()
    assert page.name_edit.text() == " ".join(HOSTILE.split())
    for label in page.findChildren(QLabel):
        assert not label.text() or label.textFormat() == Qt.TextFormat.PlainText


def test_the_leader_name_is_kept_for_exports(qtbot, page, new_journal):
    page.name_edit.setFocus()
    qtbot.keyClicks(page.name_edit, "Sam  Okafor")
    qtbot.keyClick(page.name_edit, Qt.Key.Key_Return)
    assert profile_domain.leader_name(new_journal) == "Sam Okafor"


def test_narrow_windows_put_the_table_under_the_radar(qtbot, page, new_journal):
    profile_domain.rate(new_journal, dict.fromkeys(IDS, 3))
    page.refresh()
    page.resize(1400, 800)
    qtbot.wait(10)
    assert page.table.geometry().left() > page.radar.geometry().right()
    page.resize(640, 600)
    qtbot.wait(10)
    assert page.table.geometry().top() > page.radar.geometry().bottom()
    assert page.table.width() <= page.scroll_area.viewport().width()


def test_an_axis_name_opens_the_workbook_questions_and_answer_this_asks_for_one(qtbot, page):
    chart = page.radar.chart
    rect = chart.label_rects()[3]
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    dialog = page.prompts_dialog
    assert dialog is not None and dialog.isVisible()
    ids = dialog.prompt_ids()
    assert ids and all(i.startswith("sfpc2-") for i in ids)
    dialog.list.setCurrentRow(1)
    with qtbot.waitSignal(page.answer_prompt_requested, timeout=1000) as signal:
        qtbot.mouseClick(dialog.answer_button, Qt.MouseButton.LeftButton)
    assert signal.args == [ids[1]]
    assert not dialog.isVisible()


def test_in_the_window_answer_this_opens_a_new_journal_entry(qtbot, make_window, driver,
                                                             existing, passphrase):
    folder, _key = existing
    window = make_window(folder)
    driver.unlock(window, passphrase)
    driver.wait_unlocked(window)
    shell = window.shell
    shell.show_page("Profile")
    page = shell.page("Profile")
    assert isinstance(page, ProfilePage)
    dialog = page.show_prompts("values_driven")
    prompt_id = dialog.prompt_ids()[0]
    dialog.answer_button.click()
    assert shell.current_page_name == "Journal"
    assert shell.page("Journal").editor.prompt_id == prompt_id

    shell.show_page("Profile")
    form = page.open_rating_form()
    window.lock()
    assert not form.isVisible()


def test_ratings_typed_before_a_lock_come_back(qtbot, make_window, driver, existing,
                                               passphrase):
    from reflect.ui.profile.rating_dialog import DRAFT_KEY

    folder, _recovery = existing
    window = make_window(folder)
    driver.unlock(window, passphrase)
    driver.wait_unlocked(window)
    window.shell.show_page("Profile")
    dialog = window.shell.page("Profile").open_rating_form()
    dialog.set_score("partnerships", 3)
    dialog.set_note("partnerships", "Health colleagues still bypass us")
    window.lock()  # before any save or autosave
    assert not dialog.isVisible()
    driver.unlock(window, passphrase)
    driver.wait_unlocked(window)
    assert DRAFT_KEY in window.journal.drafts()
    window.shell.show_page("Profile")
    page = window.shell.page("Profile")
    qtbot.waitUntil(lambda: page.rating_dialog is not None and page.rating_dialog.isVisible(),
                    timeout=5_000)
    restored = page.rating_dialog
    assert restored.cards["partnerships"].choice.value() == 3
    assert "bypass" in restored.cards["partnerships"].note.toPlainText()
    assert restored.save()
    assert DRAFT_KEY not in window.journal.drafts()


def test_the_footnote_explains_the_words_shown_above_it(qtbot, page, new_journal):
    profile_domain.rate(new_journal, dict.fromkeys(IDS, 4))
    for group in ("peer", "line manager"):
        profile_domain.rate(new_journal, {"values_driven": 2, "partnerships": 5}, kind="other",
                            rater_group=group)
    page.refresh()
    shown = " ".join([page.findings.text(), *COLUMNS,
                      *(page.table_text(a, "Finding") for a in IDS)]).lower()
    footnote = page.clearly.text().lower()
    assert "clearly" not in footnote and "clearly" not in shown
    for term in ("blind spot", "hidden strength"):
        assert term in shown and term in footnote
