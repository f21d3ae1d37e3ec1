"""Home: greeting, today's prompt, recent entries, counts, refresh on show, extra sections."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from reflect.content.library import FIRST_LINE, SENIOR, load_prompt_sets
from reflect.journal.daily_prompt import is_focus_day, prompt_for_day
from reflect.journal.reader_level import set_reader_level
from reflect.profile import ratings as profile_domain
from reflect.ui.home.page import HomePage

NOW = datetime(2026, 3, 5, 9, 30)
HOSTILE = '<img src="/dev/zero"> <b>x</b>'


@pytest.fixture
def journal(new_journal):
    for day, title in ((date(2026, 1, 20), "January review"),
                       (date(2026, 2, 2), "Team meeting"),
                       (date(2026, 2, 27), "Caseload pressure"),
                       (date(2026, 3, 2), "Supervision with Wren"),
                       (date(2026, 3, 3), HOSTILE),
                       (date(2026, 3, 4), "Corporate parenting board")):
        new_journal.add_entry(title, "…", happened_on=day)
    return new_journal


def _home(qtbot, journal, now: datetime = NOW) -> HomePage:
    page = HomePage(journal, clock=lambda: now)
    qtbot.addWidget(page)
    page.resize(1000, 760)
    page.show()
    qtbot.waitExposed(page)
    return page


def test_greeting_recent_entries_and_counts(qtbot, journal):
    page = _home(qtbot, journal)
    assert page.greeting.text() == "Good morning"
    assert page.date_line.text().startswith("Thursday 5 March 2026")
    assert page.recent.titles() == ["Corporate parenting board", HOSTILE,
                                    "Supervision with Wren", "Caseload pressure", "Team meeting"]
    assert page.recent.list.topLevelItem(0).text(2) == "4 Mar 2026"
    assert page.counts.value("entries") == "6 entries"
    assert page.counts.value("month") == "3 this month"
    total = sum(len(s.prompts) for s in page.sets)
    assert page.counts.value("prompts") == f"0 of {total} prompts answered"
    for label in page.findChildren(QLabel):
        assert not label.text() or label.textFormat() == Qt.TextFormat.PlainText


def test_empty_journal_says_what_to_do(qtbot, new_journal):
    page = _home(qtbot, new_journal)
    assert page.recent.list.isHidden()
    assert "Nothing written yet" in page.recent.empty.text()
    assert page.counts.value("entries") == "0 entries"


def test_refreshes_when_shown_again(qtbot, journal):
    page = _home(qtbot, journal)
    page.hide()
    journal.add_entry("Written on the Journal page", "…", happened_on=date(2026, 3, 5))
    page.show()
    qtbot.waitExposed(page)
    assert page.recent.titles()[0] == "Written on the Journal page"
    assert page.counts.value("entries") == "7 entries"
    assert page.counts.value("month") == "4 this month"


def test_clicking_a_recent_entry_asks_to_open_it(qtbot, journal):
    page = _home(qtbot, journal)
    item = page.recent.list.topLevelItem(1)
    rect = page.recent.list.visualItemRect(item)
    with qtbot.waitSignal(page.open_entry_requested, timeout=1000) as signal:
        qtbot.mouseClick(page.recent.list.viewport(), Qt.MouseButton.LeftButton,
                         pos=rect.center())
    assert journal.get_entry(signal.args[0]).title == HOSTILE

    page.recent.list.setFocus()
    page.recent.list.setCurrentItem(page.recent.list.topLevelItem(0))
    with qtbot.waitSignal(page.open_entry_requested, timeout=1000) as signal:
        qtbot.keyClick(page.recent.list, Qt.Key.Key_Return)
    assert journal.get_entry(signal.args[0]).title == "Corporate parenting board"


def test_prompt_for_today_answer_and_another(qtbot, journal):
    page = _home(qtbot, journal)
    card = page.prompt_card
    expected = prompt_for_day(load_prompt_sets().sets, {}, NOW.date(), level=FIRST_LINE)
    assert card.prompt == expected
    assert card.text.text() == expected.text
    assert expected.source in card.source.text()
    assert card.usage.text() == "Not answered yet"
    with qtbot.waitSignal(page.answer_prompt_requested, timeout=1000) as signal:
        qtbot.mouseClick(card.answer_button, Qt.MouseButton.LeftButton)
    assert signal.args == [expected.id]

    qtbot.mouseClick(card.another_button, Qt.MouseButton.LeftButton)
    other = card.prompt
    assert other != expected and card.text.text() == other.text
    with qtbot.waitSignal(page.answer_prompt_requested, timeout=1000) as signal:
        qtbot.mouseClick(card.answer_button, Qt.MouseButton.LeftButton)
    assert signal.args == [other.id]


def test_same_prompt_all_day_and_a_new_one_tomorrow(qtbot, journal):
    first = _home(qtbot, journal).prompt_card.prompt
    later = _home(qtbot, journal, NOW.replace(hour=21)).prompt_card.prompt
    tomorrow = _home(qtbot, journal, NOW.replace(day=6)).prompt_card.prompt
    assert first == later
    assert tomorrow != first


def test_answered_prompt_gives_way_after_refresh(qtbot, journal):
    page = _home(qtbot, journal)
    today = page.prompt_card.prompt
    journal.add_entry("My answer", "…", prompt_id=today.id, happened_on=NOW.date())
    page.refresh()
    assert page.prompt_card.prompt != today
    assert page.counts.value("prompts").startswith("1 of ")


def test_add_section_is_shown_and_refreshed_with_home(qtbot, journal):
    class Overdue(QLabel):
        refreshed = 0

        def refresh(self) -> None:
            self.refreshed += 1
            self.setText(f"Refreshed {self.refreshed} times")

    page = _home(qtbot, journal)
    section = Overdue()
    section.setTextFormat(Qt.TextFormat.PlainText)
    page.add_section(section)
    assert page.sections[-1] is section and section.refreshed == 1  # once it has its place
    qtbot.waitUntil(section.isVisible, timeout=1000)
    page.hide()
    page.show()
    assert section.refreshed == 2


def test_home_in_the_real_window_answers_opens_and_refreshes(qtbot, make_window, driver,
                                                           existing, passphrase):
    window = make_window(existing[0])
    window.resize(1100, 760)
    driver.unlock(window, passphrase)
    driver.wait_unlocked(window)
    shell = window.shell
    home = shell.page("Home")
    assert shell.current_page_name == "Home"
    assert home.recent.titles() == ["First reflection"]

    prompt = home.prompt_card.prompt
    qtbot.mouseClick(home.prompt_card.answer_button, Qt.MouseButton.LeftButton)
    assert shell.current_page_name == "Journal"
    editor = shell.page("Journal").editor
    assert editor.prompt_id == prompt.id
    assert editor.prompt_banner.text_label.text() == prompt.text
    editor.title_edit.setText("My answer to today's prompt")
    qtbot.keyClicks(editor.body_edit, "Some thoughts.")
    assert editor.save()

    shell.show_page("Home")  # shown again: the new entry, the counts and the next prompt
    qtbot.waitUntil(lambda: home.recent.titles()[0] == "My answer to today's prompt",
                    timeout=2000)
    assert home.counts.value("entries") == "2 entries"
    assert home.counts.value("prompts").startswith("1 of ")
    assert home.prompt_card.prompt != prompt

    item = home.recent.list.topLevelItem(1)
    rect = home.recent.list.visualItemRect(item)
    qtbot.mouseClick(home.recent.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert shell.current_page_name == "Journal"
    assert editor.title_edit.text() == "First reflection"


ORDINARY = NOW.replace(day=6)  # NOW is a focus day (every third), the 6th is not


def test_home_follows_the_readers_level(qtbot, journal):
    assert is_focus_day(NOW.date()) and not is_focus_day(ORDINARY.date())
    card = _home(qtbot, journal, ORDINARY).prompt_card
    assert card.prompt.id == "annexb-144"  # first line: case recording, not key messages
    assert FIRST_LINE in card.prompt.audience
    assert card.reason.isHidden()
    set_reader_level(journal, SENIOR)
    card = _home(qtbot, journal, ORDINARY).prompt_card
    assert card.prompt.id == "practice-understanding-03" and SENIOR in card.prompt.audience


def test_a_focus_day_turns_to_the_widest_blind_spot_and_says_so(qtbot, journal):
    rated = NOW.date().replace(day=1)
    profile_domain.rate(journal, {"corporate_buy_in": 4, "values_driven": 4}, rated_on=rated)
    for _ in range(2):
        profile_domain.rate(journal, {"corporate_buy_in": 2, "values_driven": 3},
                            kind="other", rater_group="peer", rated_on=rated)
    page = _home(qtbot, journal)
    card = page.prompt_card
    assert card.prompt.id == "firstline-empowering-02"
    assert "corporate_buy_in" in card.prompt.attributes
    assert card.reason.isVisible()
    assert card.reason.text().startswith("Chosen for ")
    assert "widest gap between your rating and others'" in card.reason.text()
    qtbot.mouseClick(card.another_button, Qt.MouseButton.LeftButton)
    assert card.reason.isHidden()  # "Another prompt" goes back to the ordinary order
    # The day after is an ordinary day again.
    assert _home(qtbot, journal, ORDINARY).prompt_card.prompt.id == "annexb-144"
