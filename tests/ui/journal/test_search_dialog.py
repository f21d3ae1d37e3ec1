"""Search (Ctrl+F): results as you type, bold matches, hostile text escaped, keyboard to open."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel

from reflect.journal.journal import SearchResult
from reflect.journal.kinds import EntryKind
from reflect.store.queries import HIGHLIGHT_END, HIGHLIGHT_START, SearchHit
from reflect.ui.journal.search_dialog import SearchDialog, count_text, snippet_html
from tests.ui.journal.search import open_dialog, type_query

HOSTILE = '<img src="/dev/zero"> <b>x</b> <a href="file:///etc/passwd">link</a>'


@pytest.fixture
def journal(new_journal):
    new_journal.add_entry("Team meeting", "We talked about caseload pressure and supervision "
                          "quality.", happened_on=date(2026, 2, 3))
    new_journal.add_entry("Reflective supervision with Wren",
                          "Wren challenged the plan; we agreed a way forward.",
                          happened_on=date(2026, 2, 10), kind=EntryKind.SUPERVISION)
    new_journal.add_entry("Budget", "Nothing to do with the word we look for.",
                          happened_on=date(2026, 2, 11))
    return new_journal


@pytest.fixture
def dialog(qtbot, journal):
    return open_dialog(qtbot, journal)


def test_snippet_is_escaped_before_it_is_bolded():
    snippet = f'<img src="/dev/zero"> {HIGHLIGHT_START}plan{HIGHLIGHT_END} & "more"'
    assert snippet_html(snippet) == ('&lt;img src=&quot;/dev/zero&quot;&gt; <b>plan</b> '
                                     '&amp; &quot;more&quot;')


def test_count_wording():
    hit = SearchHit(1, "t", date(2026, 1, 1), "reflection", "s")
    assert count_text(SearchResult([], 0)) == "No entries match"
    assert count_text(SearchResult([hit], 1)) == "1 entry matches"
    assert count_text(SearchResult([hit] * 2, 2)) == "2 entries match"
    assert count_text(SearchResult([hit] * 50, 312)) == "312 entries match · showing the best 50"


def test_results_as_you_type_with_bold_matches(qtbot, dialog):
    type_query(qtbot, dialog, "supervis", 2)
    assert dialog.count_label.text() == "2 entries match"
    titles = [row.title for row in dialog.rows()]
    assert titles[0] == "Reflective supervision with Wren"  # a title match ranks first
    assert set(titles) == {"Reflective supervision with Wren", "Team meeting"}
    team = next(row for row in dialog.rows() if row.title == "Team meeting")
    assert "<b>supervision</b>" in team.snippet_html
    assert team.meta == "Reflection · 3 Feb 2026"
    wren = next(row for row in dialog.rows() if row.title != "Team meeting")
    assert wren.meta == f"{EntryKind.SUPERVISION.label} · 10 Feb 2026"
    assert not dialog.grab().isNull()

    dialog.search_edit.clear()
    qtbot.waitUntil(lambda: dialog.search_result is None and not dialog.rows(), timeout=3000)
    type_query(qtbot, dialog, "zebra", 0)
    assert dialog.count_label.text() == "No entries match"


def test_hostile_title_and_body_are_shown_escaped(qtbot, journal):
    journal.add_entry(HOSTILE, f"hostile {HOSTILE} body", happened_on=date(2026, 2, 12))
    dialog = SearchDialog(journal)
    qtbot.addWidget(dialog)
    dialog.show()
    type_query(qtbot, dialog, "hostile", 1)
    row = dialog.rows()[0]
    assert row.title == HOSTILE  # drawn with drawText: plain text, never parsed
    html = row.snippet_html  # the only rich text, exactly what the delegate paints
    assert "&lt;img" in html and "<img" not in html
    assert "&lt;a href" in html and "<a " not in html
    assert "<b>hostile</b>" in html
    for label in dialog.findChildren(QLabel):  # no label renders text as rich text
        assert label.textFormat() == Qt.TextFormat.PlainText
    dialog.results.setCurrentRow(0)
    assert not dialog.grab().isNull()  # painting the snippet reads no file, keeps us alive


def test_up_down_and_enter_open_the_selected_entry(qtbot, dialog, journal):
    type_query(qtbot, dialog, "supervis", 2)
    assert dialog.results.currentRow() == 0
    qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Down)
    assert dialog.results.currentRow() == 1
    qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Down)  # stays on the last
    assert dialog.results.currentRow() == 1
    qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Up)
    qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Down)
    expected = dialog.rows()[1].entry_id
    assert journal.get_entry(expected).title == "Team meeting"
    assert dialog.rows()[1].title == "Team meeting"
    with qtbot.waitSignal(dialog.open_entry_requested, timeout=1000) as signal:
        qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Return)
    assert signal.args == [expected]
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not dialog.isVisible()


def test_enter_before_the_debounce_searches_first(qtbot, dialog):
    with qtbot.waitSignal(dialog.open_entry_requested, timeout=1000) as signal:
        dialog.search_edit.setText("wren")
        qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Return)
    assert dialog.journal.get_entry(signal.args[0]).title == "Reflective supervision with Wren"


def test_click_opens_a_result(qtbot, dialog):
    type_query(qtbot, dialog, "supervis", 2)
    row = dialog.rows()[1]
    with qtbot.waitSignal(dialog.open_entry_requested, timeout=1000) as signal:
        qtbot.mouseClick(dialog.results.viewport(), Qt.MouseButton.LeftButton,
                         pos=dialog.row_rect(1).center())
    assert signal.args == [row.entry_id]


def test_escape_closes(qtbot, dialog):
    type_query(qtbot, dialog, "wren", 1)
    qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert not dialog.isVisible()


def test_many_matches_show_the_best_fifty(qtbot, new_journal):
    for n in range(60):
        new_journal.add_entry(f"Note {n}", "handover", happened_on=date(2026, 1, 1))
    dialog = SearchDialog(new_journal)
    qtbot.addWidget(dialog)
    dialog.show()
    type_query(qtbot, dialog, "handover", 50)
    assert dialog.count_label.text() == "60 entries match · showing the best 50"
    line = dialog.fontMetrics().height()
    assert all(dialog.row_rect(i).height() >= 2 * line for i in range(3))  # title + snippet


def test_one_letter_waits_for_a_second(qtbot, dialog):
    qtbot.keyClicks(dialog.search_edit, "w")
    qtbot.wait(300)
    assert dialog.search_result is None and not dialog.rows()
    assert dialog.count_label.text() == "Keep typing…"
    type_query(qtbot, dialog, "r", 1)  # "wr" finds Wren
    assert dialog.rows()[0].title == "Reflective supervision with Wren"


# -- through the real window -----------------------------------------------------------------

def _unlocked(make_window, driver, existing, passphrase):
    window = make_window(existing[0])
    window.resize(1100, 760)
    driver.unlock(window, passphrase)
    driver.wait_unlocked(window)
    return window


def test_ctrl_f_opens_search_and_enter_opens_the_entry(qtbot, make_window, driver, existing,
                                                      passphrase):
    window = _unlocked(make_window, driver, existing, passphrase)
    assert window.search_action.isEnabled()
    window.shell.show_page("Prompts")
    qtbot.keyClick(window.shell.nav, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.search_dialog is not None
                    and window.search_dialog.isVisible(), timeout=2000)
    dialog = window.search_dialog
    qtbot.waitUntil(dialog.search_edit.hasFocus, timeout=2000)  # type at once
    qtbot.keyClicks(dialog.search_edit, "went")  # "Supervision went well." in the fixture
    qtbot.waitUntil(lambda: len(dialog.rows()) == 1, timeout=3000)
    entry_id = dialog.rows()[0].entry_id
    qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.search_dialog is None, timeout=2000)
    assert window.shell.current_page_name == "Journal"
    page = window.shell.page("Journal")
    assert page.editor.entry_id == entry_id
    assert page.editor.title_edit.text() == "First reflection"


def test_search_is_off_while_locked_and_the_dialog_goes_with_the_lock(
        qtbot, make_window, driver, existing, passphrase):
    window = _unlocked(make_window, driver, existing, passphrase)
    dialog = window.open_search()
    qtbot.keyClicks(dialog.search_edit, "went")
    qtbot.waitUntil(lambda: len(dialog.rows()) == 1, timeout=3000)
    window.lock()
    assert window.search_dialog is None
    assert not dialog.isVisible()
    assert not window.search_action.isEnabled()
    assert window.open_search() is None


def test_a_common_word_says_more_than_the_cap_and_show_more_goes_on(qtbot, new_journal):
    from datetime import UTC, datetime, timedelta

    from reflect.store import bulk
    from reflect.store.queries import COUNT_CAP

    now = datetime.now(UTC)
    rows = [{"uid": f"u{n:05d}", "title": f"Team note {n}", "body": "The team met again.",
             "happened_on": date(2026, 1, 1) + timedelta(days=n % 300), "created_at": now,
             "updated_at": now} for n in range(COUNT_CAP + 60)]
    with new_journal.vault.session() as session:
        bulk.insert_entries(session, rows)
    dialog = open_dialog(qtbot, new_journal)
    type_query(qtbot, dialog, "team", 50)
    assert dialog.count_label.text() == ("More than 2,000 entries match · showing the most "
                                         "recently written 50")
    assert dialog.more_button.isVisible() and dialog.more_button.text() == "Show 50 more"
    qtbot.mouseClick(dialog.more_button, Qt.MouseButton.LeftButton)
    assert len(dialog.rows()) == 100
    assert dialog.count_label.text().startswith("More than 2,000 entries match")
    assert len({row.entry_id for row in dialog.rows()}) == 100
