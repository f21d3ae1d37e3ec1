"""Unlocking: each failure has its own message, nothing is written, the window stays usable."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer

from reflect.journal.journal import Journal
from reflect.store.envelope import KdfParams
from reflect.store.layout import db_path, keys_path


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (db_path(folder), keys_path(folder))}


def test_a_journal_folder_opens_on_the_unlock_screen(make_window, existing):
    folder, _ = existing
    window = make_window(folder)
    assert window.stack.currentWidget() is window.unlock_view
    assert window.windowTitle() == "Reflect"
    view = window.unlock_view
    assert view.secret_edit.echoMode() == view.secret_edit.EchoMode.Password
    assert view.secret_edit.accessibleName() == "Passphrase"
    assert view.unlock_button.accessibleName() == "Unlock"


def test_wrong_passphrase_says_so_and_changes_nothing(make_window, driver, existing,
                                                      wrong_passphrase, passphrase):
    folder, _ = existing
    before = _snapshot(folder)
    window = make_window(folder)
    driver.unlock(window, wrong_passphrase)
    message = driver.wait_failed(window)
    assert "passphrase is not correct" in message
    assert window.shell is None
    assert _snapshot(folder) == before

    driver.unlock(window, passphrase)  # the app is still usable
    driver.wait_unlocked(window)
    assert window.unlock_view.error.isHidden()
    assert window.journal.count_entries() == 1


def test_a_damaged_key_file_has_its_own_message(make_window, driver, existing, passphrase):
    folder, _ = existing
    keys_path(folder).write_text('{"format": "reflect-keys", "version": 1, "slots": [')
    window = make_window(folder)
    driver.unlock(window, passphrase)
    message = driver.wait_failed(window)
    assert "key file (journal.keys) is damaged or missing" in message
    assert "passphrase is not correct" not in message


def test_a_missing_key_file_has_the_key_file_message(make_window, driver, existing, passphrase):
    folder, _ = existing
    keys_path(folder).unlink()
    window = make_window(folder)
    assert window.stack.currentWidget() is window.unlock_view  # not offered to create anew
    driver.unlock(window, passphrase)
    message = driver.wait_failed(window)
    assert "key file (journal.keys) is damaged or missing" in message
    assert "missing" in message


def test_a_damaged_database_has_its_own_message(make_window, driver, existing, passphrase):
    folder, _ = existing
    with db_path(folder).open("r+b") as db:
        db.write(b"\x5a" * 4096)
    before = _snapshot(folder)
    window = make_window(folder)
    driver.unlock(window, passphrase)
    message = driver.wait_failed(window)
    assert "database (journal.db) is damaged" in message
    assert "passphrase is not correct" not in message
    assert _snapshot(folder) == before


def test_a_journal_open_elsewhere_says_already_open(make_window, driver, existing, passphrase):
    folder, _ = existing
    other = Journal.unlock(folder, passphrase=passphrase)
    try:
        window = make_window(folder)
        driver.unlock(window, passphrase)
        message = driver.wait_failed(window)
        assert "already open" in message
        assert window.shell is None
    finally:
        other.close()
    driver.unlock(window, passphrase)
    driver.wait_unlocked(window)


def test_the_recovery_key_unlocks(make_window, driver, existing):
    folder, recovery_key = existing
    window = make_window(folder)
    driver.unlock(window, "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH", recovery=True)
    assert "recovery key does not open" in driver.wait_failed(window)

    assert window.unlock_view.secret_label.text() == "Recovery key"
    driver.unlock(window, recovery_key.lower().replace("-", " "), recovery=True)
    driver.wait_unlocked(window)
    assert window.journal.count_entries() == 1


def test_inputs_are_disabled_and_the_bar_runs_while_deriving(make_window, driver, existing,
                                                             passphrase):
    folder, _ = existing
    window = make_window(folder)
    view = window.unlock_view
    driver.unlock(window, passphrase)
    assert view.busy.isVisible()
    assert view.busy.bar.maximum() == 0  # indeterminate
    assert not view.secret_edit.isEnabled()
    assert not view.unlock_button.isEnabled()
    assert not view.recovery_toggle.isEnabled()
    driver.wait_unlocked(window)
    assert not view.busy.isVisible()
    assert view.secret_edit.isEnabled()
    assert view.secret_edit.text() == ""


def test_the_window_keeps_responding_during_a_real_key_derivation(qtbot, make_window, driver,
                                                                   tmp_path, passphrase):
    """With the real Argon2id cost the event loop keeps turning while the key is derived."""
    folder = tmp_path / "real-cost"
    Journal.create(folder, passphrase, KdfParams())[0].close()
    window = make_window(folder)
    ticks = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(window.unlock_view.is_busy))
    timer.start()
    driver.unlock(window, passphrase)
    driver.wait_unlocked(window)
    timer.stop()
    assert sum(ticks) >= 3  # the UI thread ran timers while the worker was busy


def test_closing_the_window_mid_unlock_leaves_the_journal_closed(qtbot, make_window, driver,
                                                                 existing, passphrase):
    from reflect.ui.workers import wait_for_workers

    folder, _ = existing
    window = make_window(folder)
    driver.unlock(window, passphrase)
    window.close()  # before the worker's result has been delivered
    assert wait_for_workers(10_000)
    qtbot.wait(50)  # deliver the queued result to the closed window
    assert window.journal is None and window.shell is None
    with Journal.unlock(folder, passphrase=passphrase) as journal:  # not held by anyone
        assert journal.is_open
