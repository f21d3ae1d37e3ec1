"""Pages are built when first shown: at 100,000 entries building all of them at unlock ran
more than a second of queries for pages nobody had opened."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reflect.journal.journal import Journal
from reflect.supervision.records import Supervision
from reflect.ui.journal.page import JournalPage
from reflect.ui.supervision.page import SupervisionPage
from tests.ui.conftest import PASSPHRASE, open_unlocked

CTRL = Qt.KeyboardModifier.ControlModifier


def test_a_page_not_shown_is_not_built_until_shown_and_then_works(qtbot, make_window, driver,
                                                                  existing, folder):
    with Journal.unlock(folder, passphrase=PASSPHRASE) as journal:
        Supervision(journal).add_supervisee("Kestrel")
    window = open_unlocked(qtbot, make_window, driver, folder, PASSPHRASE)
    shell = window.shell
    assert shell.current_page_name == "Home"
    assert window.findChildren(SupervisionPage) == []
    assert window.findChildren(JournalPage) == []
    assert shell.page_names[:4] == ["Home", "Journal", "Prompts", "Supervision"]

    qtbot.keyClick(shell.nav, Qt.Key.Key_4, CTRL)  # Ctrl+4: Supervision
    qtbot.waitUntil(lambda: shell.current_page_name == "Supervision", timeout=5_000)
    pages = window.findChildren(SupervisionPage)
    assert len(pages) == 1 and pages[0].isVisible()
    first = pages[0].people_list.item(0)
    assert (first.data(Qt.ItemDataRole.AccessibleTextRole) or first.text()).startswith("Kestrel")
    assert window.findChildren(JournalPage) == []

    qtbot.keyClick(shell.nav, Qt.Key.Key_N, CTRL)  # Ctrl+N builds and shows the Journal page
    qtbot.waitUntil(lambda: shell.current_page_name == "Journal", timeout=5_000)
    journal_page = shell.page("Journal")
    assert journal_page.isVisible() and journal_page.editor.title_edit.hasFocus()
    assert [journal_page.model.summary(0).title] == ["First reflection"]


def test_a_draft_left_at_lock_builds_its_page_at_unlock(qtbot, make_window, driver, existing,
                                                        folder):
    window = open_unlocked(qtbot, make_window, driver, folder, PASSPHRASE)
    qtbot.keyClick(window.shell.nav, Qt.Key.Key_N, CTRL)
    page = window.shell.page("Journal")
    qtbot.keyClicks(page.editor.body_edit, "Words typed before the lock")
    qtbot.keyClick(page.editor.body_edit, Qt.Key.Key_L, CTRL)  # Ctrl+L locks
    qtbot.waitUntil(lambda: window.is_locked, timeout=5_000)
    driver.unlock(window, PASSPHRASE)
    driver.wait_unlocked(window)
    qtbot.waitUntil(lambda: window.shell.current_page_name == "Journal", timeout=5_000)
    editor = window.shell.page("Journal").editor
    assert "Words typed before the lock" in editor.body_edit.toPlainText()
