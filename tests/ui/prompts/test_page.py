"""The Prompts page: every shipped set, sources, usage, filters, broken files, Answer this."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from reflect.common import paths
from reflect.ui.prompts.page import PROMPT_ROLE, PromptsPage


@pytest.fixture
def page(qtbot, new_journal) -> PromptsPage:
    page = PromptsPage(new_journal)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def _prompts_under(item) -> list[str]:
    found = []
    for i in range(item.childCount()):
        child = item.child(i)
        pid = child.data(0, PROMPT_ROLE)
        found.extend([pid] if pid else _prompts_under(child))
    return found


def _set_items(page: PromptsPage) -> dict[str, object]:
    tree = page.tree
    return {tree.topLevelItem(i).text(0): tree.topLevelItem(i)
            for i in range(tree.topLevelItemCount())}


def test_lists_the_five_shipped_sets_and_all_26_annex_b_prompts(page):
    sets = _set_items(page)
    assert len(sets) == 5
    assert page.errors.isHidden()
    annex = next(item for name, item in sets.items() if name.startswith("Ofsted"))
    ids = _prompts_under(annex)
    assert ids == [f"annexb-{n}" for n in range(134, 160)]
    assert any(name.startswith("SFPC self-reflection workbook") for name in sets)
    total = sum(len(_prompts_under(item)) for item in sets.values())
    assert page.count_label.text() == f"{total} prompts in 5 sets"
    # the workbook keeps its grouping by attribute
    workbook = next(item for name, item in sets.items() if name.startswith("SFPC"))
    assert workbook.child(0).text(0) == "Leadership and change that is driven by values"


def test_detail_shows_source_document_attributes_and_adapted(page):
    page.select_prompt("annexb-140")
    detail = page.detail
    assert detail.value("Source") == "Annex B, paragraph 140"
    assert "Joining the dots" in detail.value("Document")
    assert detail.values["Adapted"][1].isHidden()
    assert detail.values["Source wording"][1].isHidden()
    assert detail.value("Relates to") == "Practice & culture"
    assert detail.value("In your journal") == "Not answered yet"
    assert detail.text.textFormat() == Qt.TextFormat.PlainText

    page.select_prompt("firstline-empowering-02")
    assert not detail.values["Adapted"][1].isHidden()
    assert "Adapted from the source" in detail.value("Adapted")
    assert detail.value("Source wording").startswith("“Extend their perceptions of where")
    assert detail.value("Relates to") == "Partnerships · Corporate buy-in"
    for label in page.findChildren(QLabel):  # no rich text anywhere on the page
        assert not label.text() or label.textFormat() == Qt.TextFormat.PlainText


def test_usage_counts_after_answering(qtbot, page, new_journal):
    item = page._items["annexb-140"]
    assert item.text(1) == ""
    new_journal.add_entry("First go", "…", prompt_id="annexb-140", happened_on=date(2026, 1, 9))
    new_journal.add_entry("Again", "…", prompt_id="annexb-140", happened_on=date(2026, 3, 5))
    page.hide()
    page.show()  # coming back to the page re-reads usage
    qtbot.waitExposed(page)
    assert item.text(1) == "2×"
    assert item.toolTip(1) == "Answered 2 times, last on 5 March 2026"
    page.select_prompt("annexb-140")
    assert page.detail.value("In your journal") == "Answered 2 times, last on 5 March 2026"


def test_answer_this_button_enter_and_double_click_emit_the_prompt_id(qtbot, page):
    page.select_prompt("sfpc2-values-02")
    with qtbot.waitSignal(page.answer_prompt_requested, timeout=1000) as signal:
        qtbot.mouseClick(page.detail.answer_button, Qt.MouseButton.LeftButton)
    assert signal.args == ["sfpc2-values-02"]

    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_Down)
    expected = page.current_prompt_id()
    with qtbot.waitSignal(page.answer_prompt_requested, timeout=1000) as signal:
        qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    assert signal.args == [expected]

    item = page._items["annexb-150"]
    page.tree.scrollToItem(item)
    rect = page.tree.visualItemRect(item)
    with qtbot.waitSignal(page.answer_prompt_requested, timeout=1000) as signal:
        # a real double-click starts with a press; Qt's item views need it
        qtbot.mouseClick(page.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(page.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == ["annexb-150"]


def test_enter_on_a_set_folds_it_instead_of_answering(qtbot, page):
    top = page.tree.topLevelItem(0)
    page.tree.setCurrentItem(top)
    with qtbot.assertNotEmitted(page.answer_prompt_requested):
        qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    assert not top.isExpanded()
    assert page.detail.answer_button.isHidden()
    assert page.detail.value("Document")


def test_filter_by_words_and_by_attribute(qtbot, page):
    qtbot.keyClicks(page.filter_edit, "Politicians")  # matches the group heading, any case
    shown = page.visible_prompt_ids()
    assert shown == ["sfpc2-corporate-01", "sfpc2-corporate-02"]
    assert page.count_label.text() == f"{len(shown)} of {len(page._items)} prompts match"
    assert page.current_prompt_id() in shown

    page.filter_edit.clear()
    index = page.attribute_box.findData("corporate_buy_in")
    page.attribute_box.setCurrentIndex(index)
    shown = page.visible_prompt_ids()
    assert shown
    assert all("corporate_buy_in" in page._prompts[pid][0].attributes for pid in shown)
    assert {"annexb-158", "sfpc2-corporate-01"} <= set(shown)
    for name, item in _set_items(page).items():  # a set with nothing to show is hidden
        assert item.isHidden() == (not _visible_under(item)), name

    qtbot.keyClicks(page.filter_edit, "zzzz nothing")
    assert page.visible_prompt_ids() == []
    assert page.count_label.text() == "No prompts match"


def _visible_under(item) -> bool:
    return any(not item.child(i).isHidden() for i in range(item.childCount()))


def test_a_broken_user_file_is_named_and_the_other_sets_still_show(qtbot, new_journal):
    folder = paths.user_content_dir() / "prompts"
    folder.mkdir(parents=True)
    broken = folder / "my_questions.toml"
    broken.write_text('[set]\nid = "mine"\nname = "Mine\n', encoding="utf-8")
    page = PromptsPage(new_journal)
    qtbot.addWidget(page)
    page.show()
    assert not page.errors.isHidden()
    text = page.errors.text()
    assert str(broken) in text and "line 3" in text
    assert len(_set_items(page)) == 5
    assert "annexb-134" in page._items


def test_hostile_user_set_is_shown_as_plain_text(qtbot, new_journal):
    folder = paths.user_content_dir() / "prompts"
    folder.mkdir(parents=True)
    (folder / "zz_hostile.toml").write_text(
        '[set]\nid = "hostile"\nname = "<img src=\'/dev/zero\'> set"\ndocument = "<b>doc</b>"\n'
        'source_short = "x"\nadapted = false\n\n[[prompts]]\nid = "hostile-1"\n'
        'text = "<img src=\'/dev/zero\'> Why?"\nsource = "<a href=\'x\'>p1</a>"\n'
        'attributes = ["values_driven"]\n', encoding="utf-8")
    page = PromptsPage(new_journal)
    qtbot.addWidget(page)
    page.show()
    assert page.errors.isHidden(), page.errors.text()
    page.select_prompt("hostile-1")
    assert page.detail.text.text() == "<img src='/dev/zero'> Why?"
    assert page.detail.value("Source") == "<a href='x'>p1</a>"
    assert not page.grab().isNull()


def test_answer_this_in_the_real_window_opens_the_editor_with_the_prompt(
        qtbot, make_window, driver, existing, passphrase):
    window = make_window(existing[0])
    window.resize(1100, 760)
    driver.unlock(window, passphrase)
    driver.wait_unlocked(window)
    shell = window.shell
    shell.show_page("Prompts")
    page = shell.page("Prompts")
    page.select_prompt("annexb-140")
    qtbot.mouseClick(page.detail.answer_button, Qt.MouseButton.LeftButton)
    assert shell.current_page_name == "Journal"
    editor = shell.page("Journal").editor
    assert editor.prompt_id == "annexb-140"
    assert editor.entry_id is None  # a new entry
    banner = editor.prompt_banner
    assert not banner.isHidden()
    assert banner.text_label.text() == page._prompts["annexb-140"][0].text
    assert "Annex B, paragraph 140" in banner.source_label.text()

    # Write the answer, save it, come back: the prompt's usage has moved on.
    qtbot.keyClicks(editor.body_edit, "Clearer supervision records, audited monthly.")
    assert editor.save()
    shell.show_page("Prompts")
    qtbot.waitUntil(lambda: page._items["annexb-140"].text(1).startswith("1×"), timeout=2000)
    page.select_prompt("annexb-140")
    assert page.detail.value("In your journal").startswith("Answered once, last on ")

