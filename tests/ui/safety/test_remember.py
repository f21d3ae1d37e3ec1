"""'Remember on this device': only with a real keyring, only at startup, never as plaintext."""

from __future__ import annotations

from reflect.safety import keychain
from reflect.store.layout import read_envelope


def test_without_a_keyring_the_option_is_disabled_with_the_reason(make_window, existing):
    window = make_window(existing[0])
    view = window.unlock_view
    assert not view.remember_box.isEnabled()
    assert not view.remember_box.isChecked()
    assert "No system keyring" in view.remember_box.toolTip()
    assert view.remember_reason.isVisible()
    assert "No system keyring" in view.remember_reason.text()


def test_a_remembered_key_opens_at_startup_but_not_after_a_lock(qtbot, make_window, driver,
                                                                  existing, passphrase,
                                                                  memory_keyring):
    folder, _ = existing
    journal_id = read_envelope(folder).journal_id
    window = make_window(folder)
    assert window.unlock_view.remember_box.isEnabled()
    driver.unlock(window, passphrase, remember=True)
    driver.wait_unlocked(window)
    stored = memory_keyring.store[(keychain.SERVICE, journal_id)]
    assert bytes.fromhex(stored) == window.journal.vault.data_key
    window.close()

    again = make_window(folder)  # a new start: straight to the shell, nothing typed
    driver.wait_unlocked(again)
    assert again.journal.count_entries() == 1

    again.lock()
    assert again.stack.currentWidget() is again.unlock_view
    assert again.unlock_view.remember_box.isChecked()
    qtbot.wait(300)
    assert again.is_locked  # after a lock the passphrase is asked for

    driver.unlock(again, passphrase, remember=False)  # unticking forgets the key
    driver.wait_unlocked(again)
    assert memory_keyring.store == {}
    again.close()

    third = make_window(folder)
    qtbot.wait(300)
    assert third.is_locked


def test_starting_in_recovery_mode_does_not_use_the_remembered_key(qtbot, make_window, driver,
                                                                   existing, passphrase,
                                                                   memory_keyring):
    folder, recovery_key = existing
    window = make_window(folder)
    driver.unlock(window, passphrase, remember=True)
    driver.wait_unlocked(window)
    window.close()

    again = make_window(folder, recovery=True)
    view = again.unlock_view
    qtbot.waitUntil(lambda: view.remember_box.isChecked(), timeout=5_000)
    assert again.is_locked
    assert view.using_recovery_key
    driver.unlock(again, recovery_key, recovery=True, remember=True)
    driver.wait_unlocked(again)


def test_a_remembered_key_still_reports_a_journal_open_elsewhere(make_window, driver, existing,
                                                                 passphrase, memory_keyring):
    from reflect.journal.journal import Journal

    folder, _ = existing
    window = make_window(folder)
    driver.unlock(window, passphrase, remember=True)
    driver.wait_unlocked(window)
    window.close()

    other = Journal.unlock(folder, passphrase=passphrase)
    try:
        again = make_window(folder)
        assert "already open" in driver.wait_failed(again)
        assert again.is_locked
        assert again.unlock_view.secret_edit.isEnabled()
    finally:
        other.close()


def test_a_keyring_that_does_not_keep_the_key_is_said_in_the_status_bar(make_window, driver,
                                                                        existing, passphrase):
    import keyring

    from tests.safety.test_keychain import ForgetfulKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(ForgetfulKeyring())
    try:
        window = make_window(existing[0])
        driver.unlock(window, passphrase, remember=True)
        driver.wait_unlocked(window)
        assert "could not be kept" in window.statusBar().currentMessage()
        window.lock()
        assert not window.unlock_view.remember_box.isChecked()
    finally:
        keyring.set_keyring(previous)
