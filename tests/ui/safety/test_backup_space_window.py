"""Backups at scale in the window (issue 18): the restore dialog says how many backups there
are, their total size and the free space on their disk; the backup budget is set in
Preferences, saved, and applied by Back up now; Check the journal shows a progress dialog
naming the part that runs."""

from __future__ import annotations

import json
import secrets

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu

from reflect.common.settings import Settings
from reflect.store.backup_space import human_size
from reflect.store.backups import list_backups
from reflect.store.check import PARTS
from tests.ui.conftest import PASSPHRASE, open_unlocked
from tests.ui.menus import file_menu


def _window(qtbot, make_window, driver, folder, entries: int = 0):
    if entries:
        from reflect.journal.journal import Journal

        with Journal.unlock(folder, passphrase=PASSPHRASE) as journal:
            for n in range(entries):
                journal.add_entry(f"entry {n}", secrets.token_hex(4000))
    return open_unlocked(qtbot, make_window, driver, folder, PASSPHRASE, settings=Settings())


def test_the_restore_dialog_shows_the_backups_total_size(qtbot, make_window, driver, existing,
                                                         folder):
    window = _window(qtbot, make_window, driver, folder)
    qtbot.waitUntil(lambda: len(list_backups(folder)) == 1, timeout=10_000)  # the automatic
    window.journal.vault.backup("manual")
    dialog = window.journal_actions.open_restore()
    space = window.journal_actions.backup_space()
    text = dialog.space_label.text()
    assert "2 backups" in text and f"{human_size(space.total)} in all" in text
    assert "free on that disk" in text and "budget" in text
    assert dialog.space_label.isVisible()


def test_the_budget_is_set_in_preferences_saved_and_applied(qtbot, make_window, driver,
                                                            existing, folder):
    window = _window(qtbot, make_window, driver, folder, entries=150)  # over 1 MB
    qtbot.waitUntil(lambda: len(list_backups(folder)) == 1, timeout=15_000)
    dialog = window.open_preferences()
    assert "Now: 1 backup" in dialog.backup_space_label.text()
    box = dialog.backup_budget
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(box, "1")
    qtbot.keyClick(box, Qt.Key.Key_Return)  # the dialog's default button: OK
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3_000)
    assert json.loads(Settings.path().read_text())["backup_budget_mb"] == 1
    assert window.settings.backup_budget_mb == 1
    file_menu(qtbot, window, Qt.Key.Key_B)  # Back up now, into the journal's backups/
    actions = window.journal_actions
    qtbot.waitUntil(lambda: actions.last_message is not None
                    and actions.last_message.windowTitle() == "Backup failed", timeout=15_000)
    assert "cannot hold even one backup" in actions.last_message.text()
    assert len(list_backups(folder)) == 1  # nothing written
    assert Settings.load().backup_budget_mb == 1  # kept for the next start


def test_check_shows_progress_with_the_part_name(qtbot, make_window, driver, existing, folder):
    window = _window(qtbot, make_window, driver, folder, entries=40)
    actions = window.journal_actions
    labels: list[str] = []
    actions.check_progressed.connect(lambda part, _pct: labels.append(
        actions.check_dialog.labelText() if actions.check_dialog is not None else ""))
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3_000)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F,
                   Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=3_000)
    menu = QApplication.activePopupWidget()
    qtbot.keyClick(menu, Qt.Key.Key_C)  # "&Check the journal" (Se&curity shares the letter)
    assert menu.activeAction() is actions.check_action
    qtbot.keyClick(menu, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: actions.check_dialog is not None, timeout=3_000)
    dialog = actions.check_dialog
    assert dialog.windowTitle() == "Checking the journal" and dialog.isVisible()
    qtbot.waitUntil(lambda: actions.last_message is not None
                    and "sound" in actions.last_message.text(), timeout=20_000)
    shown = [label for label in labels if label]
    assert set(shown) <= set(PARTS) and PARTS[0] in shown and PARTS[-1] in shown
    assert actions.check_dialog is None  # closed once the check reported
    QApplication.processEvents()
