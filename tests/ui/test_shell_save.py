"""Ctrl+S saves the page's open entry or record wherever the focus is, the sidebar included
(issue 12, item 3): the page's own Ctrl+S reached only the widgets inside the page."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reflect.journal.journal import Journal
from reflect.supervision.records import Supervision
from tests.ui.conftest import PASSPHRASE, open_unlocked

CTRL = Qt.KeyboardModifier.ControlModifier


def click_nav(qtbot, window, name: str) -> None:
    """Click a section in the sidebar, as the user does; the sidebar then has the focus."""
    nav = window.shell.nav
    item = nav.findItems(name, Qt.MatchFlag.MatchExactly)[0]
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton,
                     pos=nav.visualItemRect(item).center())
    assert nav.hasFocus() and window.shell.current_page_name == name


def test_ctrl_s_on_the_sidebar_saves_the_journal_entry(qtbot, make_window, driver, existing,
                                                       folder):
    window = open_unlocked(qtbot, make_window, driver, folder, PASSPHRASE)
    qtbot.keyClick(window.shell.nav, Qt.Key.Key_N, CTRL)
    page = window.shell.page("Journal")
    qtbot.keyClicks(page.editor.title_edit, "Saved from the sidebar")
    qtbot.keyClicks(page.editor.body_edit, "Typed in the editor, saved with the focus elsewhere.")
    assert page.editor.entry_id is None
    click_nav(qtbot, window, "Journal")
    qtbot.keyClick(window.shell.nav, Qt.Key.Key_2, CTRL)
    qtbot.keyClick(window.shell.nav, Qt.Key.Key_S, CTRL)
    assert page.editor.entry_id is not None
    entry = window.journal.get_entry(page.editor.entry_id)
    assert entry is not None and entry.title == "Saved from the sidebar"


def test_ctrl_s_in_the_editor_still_saves_once(qtbot, make_window, driver, existing, folder):
    window = open_unlocked(qtbot, make_window, driver, folder, PASSPHRASE)
    qtbot.keyClick(window.shell.nav, Qt.Key.Key_N, CTRL)
    page = window.shell.page("Journal")
    qtbot.keyClicks(page.editor.body_edit, "Saved from inside the editor.")
    qtbot.keyClick(page.editor.body_edit, Qt.Key.Key_S, CTRL)
    assert page.editor.entry_id is not None
    assert window.journal.count_entries() == 2


def test_ctrl_s_on_the_sidebar_saves_the_open_record(qtbot, make_window, driver, existing,
                                                     folder):
    with Journal.unlock(folder, passphrase=PASSPHRASE) as journal:
        person = Supervision(journal).add_supervisee("Kestrel")
    window = open_unlocked(qtbot, make_window, driver, folder, PASSPHRASE)
    window.shell.page("Supervision").select_person(person.id)
    qtbot.keyClick(window.shell.nav, Qt.Key.Key_N, CTRL | Qt.KeyboardModifier.ShiftModifier)
    form = window.shell.page("Supervision").form
    qtbot.keyClicks(form.title_edit, "A record saved from the sidebar")
    assert form.status_text().lower().endswith("not saved yet")
    click_nav(qtbot, window, "Supervision")
    qtbot.keyClick(window.shell.nav, Qt.Key.Key_S, CTRL)
    assert form.status_text().startswith("Saved at"), form.error.text()
    assert form.entry_id is not None


def test_ctrl_s_where_nothing_is_open_says_so(qtbot, make_window, driver, existing, folder):
    window = open_unlocked(qtbot, make_window, driver, folder, PASSPHRASE)
    click_nav(qtbot, window, "Prompts")
    qtbot.keyClick(window.shell.nav, Qt.Key.Key_S, CTRL)
    assert window.statusBar().currentMessage() == "Nothing to save on the Prompts page."
    assert window.journal.count_entries() == 1
