"""The Prompts page filters by who a prompt is written for, with the other filters, by keyboard;
the detail says who each prompt is written for."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reflect.content.library import FIRST_LINE, SENIOR
from reflect.journal.daily_prompt import for_level
from reflect.ui.prompts.page import PromptsPage


@pytest.fixture
def page(qtbot, new_journal) -> PromptsPage:
    page = PromptsPage(new_journal)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitActive(page)
    return page


def _prompts(page):
    return {pid: prompt for pid, (prompt, _set) in page._prompts.items()}


def test_all_levels_by_default_then_first_line_by_keyboard(qtbot, page):
    every = page.visible_prompt_ids()
    assert page.audience_box.currentText() == "All levels"
    assert [page.audience_box.itemText(i) for i in range(4)] == [
        "All levels", "First line leaders", "Middle leaders", "Senior leaders"]

    page.filter_edit.setFocus()
    qtbot.keyClick(page.filter_edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.attribute_box
    qtbot.keyClick(page.attribute_box, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.audience_box
    qtbot.keyClick(page.audience_box, Qt.Key.Key_Down)
    assert page.audience_box.currentData() == FIRST_LINE

    shown = page.visible_prompt_ids()
    prompts = _prompts(page)
    assert 0 < len(shown) < len(every)
    assert all(for_level(prompts[pid], FIRST_LINE) for pid in shown)
    assert "annexb-148" not in shown  # the workforce development plan
    assert {"annexb-145", "firstline-embracing-01", "sfpc2-decisions-04"} <= set(shown)
    assert page.count_label.text() == f"{len(shown)} of {len(every)} prompts match"
    # The tree's current prompt is one that is shown, and the detail says who it is for.
    assert page.current_prompt_id() in shown
    assert "First line" in page.detail.value("Written for")


def test_the_level_combines_with_the_attribute_and_the_words(qtbot, page):
    page.attribute_box.setCurrentIndex(page.attribute_box.findData("corporate_buy_in"))
    page.audience_box.setFocus()
    qtbot.keyClick(page.audience_box, Qt.Key.Key_Down)  # first line
    assert page.visible_prompt_ids() == ["firstline-empowering-02"]
    qtbot.keyClick(page.audience_box, Qt.Key.Key_End)  # senior
    assert page.audience_box.currentData() == SENIOR
    senior = page.visible_prompt_ids()
    assert "firstline-empowering-02" not in senior
    assert {"annexb-158", "sfpc2-corporate-01"} <= set(senior)
    qtbot.keyClicks(page.filter_edit, "elected")
    assert page.visible_prompt_ids() == ["annexb-158", "annexb-159"]
    qtbot.keyClick(page.audience_box, Qt.Key.Key_Home)  # all levels again
    page.attribute_box.setCurrentIndex(0)
    page.filter_edit.clear()
    assert page.count_label.text().endswith("sets")


@pytest.mark.parametrize(("prompt_id", "written_for"), [
    ("annexb-148", "Middle and senior leaders"),
    ("firstline-perspective-02", "First line leaders"),
    ("slf-8.9-01", "Leaders at every level"),
    ("annexb-158", "Senior leaders"),
])
def test_the_detail_says_who_a_prompt_is_written_for(page, prompt_id, written_for):
    page.select_prompt(prompt_id)
    assert page.detail.value("Written for") == written_for
    name, value = page.detail.values["Written for"]
    assert not name.isHidden() and not value.isHidden()


def test_a_set_shows_no_written_for_line(page):
    page.tree.setCurrentItem(page.tree.topLevelItem(0))
    name, value = page.detail.values["Written for"]
    assert value.text() == "" and name.isHidden()
