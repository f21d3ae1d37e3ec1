"""File menu: Back up now, Check, Restore…, Security…, and the automatic backup on unlock."""

from reflect.journal.journal import Journal
from reflect.store.backups import list_backups
from tests.ui.conftest import PASSPHRASE


def unlocked_window(make_window, driver, folder, **kwargs):
    window = make_window(folder, **kwargs)
    driver.unlock(window, PASSPHRASE)
    driver.wait_unlocked(window)
    return window


def test_unlock_takes_an_automatic_backup(qtbot, make_window, driver, existing, folder):
    unlocked_window(make_window, driver, folder)
    qtbot.waitUntil(lambda: any(b.is_automatic for b in list_backups(folder)), timeout=10_000)


def test_back_up_now_and_check(qtbot, make_window, driver, existing, folder):
    window = unlocked_window(make_window, driver, folder)
    actions = window.journal_actions
    assert actions.backup_action.isEnabled()
    actions.backup_action.trigger()
    qtbot.waitUntil(lambda: any(b.label == "manual" for b in list_backups(folder)),
                    timeout=10_000)
    qtbot.waitUntil(lambda: actions.last_message is not None
                    and "encrypted copy" in actions.last_message.text(), timeout=10_000)
    actions.check_action.trigger()
    qtbot.waitUntil(lambda: "sound" in actions.last_message.text(), timeout=10_000)
    window.lock()
    assert not actions.backup_action.isEnabled()
    assert actions.restore_action.isEnabled()  # a damaged journal is restored while locked


def test_restore_through_the_window_keeps_the_replaced_journal(qtbot, make_window, driver,
                                                               existing, folder):
    window = unlocked_window(make_window, driver, folder)
    made = window.journal.vault.backup("manual")
    window.journal.add_entry("Written after the backup", "will be set aside")
    dialog = window.journal_actions.open_restore()
    assert dialog.list.count() >= 1
    dialog.list.setCurrentRow(next(i for i in range(dialog.list.count())
                                    if dialog.list.item(i).data(256) == str(made)))
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    assert dialog.restore_button.isEnabled()
    dialog.restore_button.click()
    assert window.is_locked
    qtbot.waitUntil(lambda: window.journal_actions.last_message is not None
                    and "restored" in window.journal_actions.last_message.text(),
                    timeout=10_000)
    with Journal.unlock(folder, passphrase=PASSPHRASE) as journal:
        assert journal.search("after the backup").total == 0
    assert any(b.label == "before-restore" for b in list_backups(folder))


def test_security_dialog_opens_from_the_menu(make_window, driver, existing, folder):
    window = unlocked_window(make_window, driver, folder)
    dialog = window.journal_actions.open_security()
    assert dialog is not None and dialog.isVisible()
    window.lock()
    assert not dialog.isVisible()  # locking closes every dialog


def test_a_lost_wal_is_explained_and_opening_as_it_is_is_a_choice(
        qtbot, make_window, driver, existing, folder):
    import os
    import signal
    import subprocess
    import sys

    from PySide6.QtWidgets import QMessageBox

    from tests.store.test_damage import WRITER

    child = subprocess.Popen([sys.executable, "-c", WRITER, str(folder), PASSPHRASE],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "saved"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    (folder / "journal.db-wal").unlink()
    window = make_window(folder)
    driver.unlock(window, PASSPHRASE)
    message = driver.wait_failed(window)
    assert "recent changes" in message
    qtbot.waitUntil(lambda: getattr(window, "wal_question", None) is not None, timeout=5_000)
    window.wal_question.button(QMessageBox.StandardButton.Open).click()
    driver.wait_unlocked(window)


def damaged_with_a_backup(folder):
    """A journal with a damaged page and one good (automatic, so none is due) backup."""
    from tests.store.test_damage import damage_a_middle_page

    with Journal.unlock(folder, passphrase=PASSPHRASE) as journal:
        for n in range(40):
            journal.add_entry(f"bulk {n}", "words " * 300)
        made = journal.vault.backup("auto")
    damage_a_middle_page(folder / "journal.db")
    return made


def test_a_failed_check_offers_the_newest_backup_as_a_button_that_restores_it(
        qtbot, make_window, driver, existing, folder):
    from reflect.ui.safety.restore_dialog import restore_offer

    made = damaged_with_a_backup(folder)
    window = unlocked_window(make_window, driver, folder, pages=[])  # pages would read it
    actions = window.journal_actions
    actions.check_action.trigger()
    qtbot.waitUntil(lambda: actions.restore_offer is not None, timeout=10_000)
    backup = next(b for b in list_backups(folder) if b.path == made)
    button = actions.restore_offer
    assert button.text() == restore_offer(backup)
    assert button.text().startswith(f"Restore the backup of {backup.made_at.day} ")
    text = actions.last_message.text()
    assert "check failed" in text and "reflect --journal" not in text
    button.click()
    qtbot.waitUntil(lambda: actions.restore_dialog is not None
                    and actions.restore_dialog.isVisible(), timeout=5_000)
    dialog = actions.restore_dialog
    assert dialog.chosen == made
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    dialog.restore_button.click()
    assert window.is_locked
    qtbot.waitUntil(lambda: "restored" in actions.last_message.text(), timeout=10_000)
    with Journal.unlock(folder, passphrase=PASSPHRASE) as journal:
        assert journal.count_entries() == 41


def test_a_failed_check_without_a_backup_offers_no_button(qtbot, make_window, driver,
                                                          existing, folder):
    from tests.store.test_damage import damage_a_middle_page

    with Journal.unlock(folder, passphrase=PASSPHRASE) as journal:
        for n in range(40):
            journal.add_entry(f"bulk {n}", "words " * 300)
    damage_a_middle_page(folder / "journal.db")
    window = unlocked_window(make_window, driver, folder, pages=[])
    actions = window.journal_actions
    qtbot.waitUntil(lambda: "automatic backup failed" in window.statusBar().currentMessage(),
                    timeout=10_000)  # a copy of a damaged journal fails and leaves nothing
    actions.check_action.trigger()
    qtbot.waitUntil(lambda: actions.last_message is not None
                    and "problems" in actions.last_message.windowTitle(), timeout=10_000)
    assert actions.restore_offer is None
    assert "There is no backup" in actions.last_message.text()


def test_the_offer_names_the_day_uk_style_and_the_year_only_when_it_is_not_this_one():
    from datetime import date, datetime
    from pathlib import Path

    from reflect.safety.maintenance import BackupInfo
    from reflect.ui.safety.restore_dialog import restore_offer

    backup = BackupInfo(Path("b"), datetime(2025, 11, 3, 14, 5), "auto")
    assert restore_offer(backup, today=date(2025, 12, 1)) == "Restore the backup of 3 November"
    assert restore_offer(backup, today=date(2026, 1, 2)) == (
        "Restore the backup of 3 November 2025")
