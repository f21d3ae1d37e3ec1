"""One app-wide "journal changed": a write anywhere (another page, a worker, a dialog) is
followed by every view, at once when shown and when next shown otherwise (issue 12, item 5)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reflect.supervision.records import Supervision
from tests.ui.conftest import open_unlocked


def _key(qtbot, window, key: Qt.Key) -> None:
    qtbot.keyClick(QApplication.focusWidget() or window, key,
                   Qt.KeyboardModifier.ControlModifier)


def test_records_saved_elsewhere_show_in_the_journal_list_without_a_restart(
        qtbot, make_window, driver, existing: tuple[Path, str], passphrase: str) -> None:
    folder, _ = existing
    window = open_unlocked(qtbot, make_window, driver, folder, passphrase)
    shell = window.shell
    journal_page = shell.page("Journal")
    _key(qtbot, window, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: shell.current_page_name == "Journal")
    assert journal_page.count_label.text() == "1 entry"

    _key(qtbot, window, Qt.Key.Key_4)  # Supervision: records are saved there, not here
    qtbot.waitUntil(lambda: shell.current_page_name == "Supervision")
    supervision = Supervision(shell.journal)
    person = supervision.add_supervisee("A.B.")
    for _ in range(2):
        supervision.save_record(supervision.start_record(person.id).entry)
    _key(qtbot, window, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: journal_page.count_label.text() == "3 entries", timeout=3000)

    # While the list is shown, a write elsewhere (a worker, a dialog) shows at once.
    with qtbot.waitSignal(shell.journal_changed, timeout=3000):
        shell.journal.add_entry("Written by a worker", "Text.")
    qtbot.waitUntil(lambda: journal_page.count_label.text() == "4 entries", timeout=3000)


def test_home_follows_a_write_while_it_is_shown(qtbot, make_window, driver,
                                                existing: tuple[Path, str],
                                                passphrase: str) -> None:
    folder, _ = existing
    window = open_unlocked(qtbot, make_window, driver, folder, passphrase)
    shell = window.shell
    home = shell.page("Home")
    assert shell.current_page_name == "Home"
    entries = home.counts.numbers["entries"][0]
    assert entries.text() == "1"
    shell.journal.add_entry("Another", "Text.")  # as a worker or a dialog would
    qtbot.waitUntil(lambda: entries.text() == "2", timeout=3000)
    shell.journal.save_draft("journal:new", {"saved_at": "x"})  # typing is no change
    qtbot.wait(50)
    assert shell.journal.change_count == 1


def test_a_lock_stops_the_shell_listening(qtbot, make_window, driver, existing: tuple[Path, str],
                                          passphrase: str) -> None:
    folder, _ = existing
    window = open_unlocked(qtbot, make_window, driver, folder, passphrase)
    journal = window.shell.journal
    window.shell.prepare_to_lock()
    assert journal.vault.changes._listeners == []
