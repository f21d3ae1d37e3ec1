"""First run: a usable, confirmed passphrase, then a recovery key that really opens the journal."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from reflect.journal.journal import Journal
from reflect.store.layout import derive_data_key

RECOVERY_KEY = re.compile(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){7}")


def test_create_button_waits_for_a_usable_matching_passphrase(qtbot, make_window, folder,
                                                               passphrase):
    window = make_window(folder)
    assert window.stack.currentWidget() is window.create_view
    page = window.create_view.passphrase_page
    assert not page.create_button.isEnabled()

    qtbot.keyClicks(page.passphrase_edit, "short")
    qtbot.keyClicks(page.repeat_edit, "short")
    assert not page.create_button.isEnabled()
    assert "at least 10 characters" in page.strength_label.text()
    assert page.meter.value() == 0

    page.passphrase_edit.clear()
    page.repeat_edit.clear()
    qtbot.keyClicks(page.passphrase_edit, "aaaaaaaaaaaaaa")
    qtbot.keyClicks(page.repeat_edit, "aaaaaaaaaaaaaa")
    assert "too easy to guess" in page.strength_label.text()
    assert not page.create_button.isEnabled()

    page.passphrase_edit.clear()
    page.repeat_edit.clear()
    qtbot.keyClicks(page.passphrase_edit, passphrase)
    qtbot.keyClicks(page.repeat_edit, passphrase[:-1])
    assert "do not match" in page.match_label.text()
    assert not page.create_button.isEnabled()
    assert page.meter.value() >= 2

    qtbot.keyClicks(page.repeat_edit, passphrase[-1])
    assert page.match_label.text() == "The passphrases match."
    assert page.create_button.isEnabled()
    assert not folder.exists()  # nothing is written before the user asks


def test_create_shows_a_recovery_key_that_opens_the_journal(qtbot, make_window, folder,
                                                             passphrase):
    window = make_window(folder)
    page = window.create_view.passphrase_page
    qtbot.keyClicks(page.passphrase_edit, passphrase)
    qtbot.keyClicks(page.repeat_edit, passphrase)
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)

    # Busy at once, before the worker has reported: the window is not waiting on Argon2id.
    assert page.busy.isVisible()
    assert not page.passphrase_edit.isEnabled()
    assert not page.create_button.isEnabled()

    qtbot.waitUntil(lambda: window.create_view.showing_recovery_key, timeout=10_000)
    recovery = window.create_view.recovery_page
    key = recovery.recovery_key
    assert RECOVERY_KEY.fullmatch(key)
    assert page.passphrase_edit.text() == ""  # the passphrase does not linger in the form
    assert derive_data_key(folder, recovery_key=key) == window.journal.vault.data_key

    # The key is shown once: no shell (and no Lock, no idle timer) until it is saved.
    assert window.shell is None
    assert not window.lock_action.isEnabled()
    assert not recovery.continue_button.isEnabled()
    # A click goes to whatever widget is on top at that point: wait until that is the button
    # (on a busy machine the busy view can still be fading out of the way).
    button = recovery.copy_button

    def on_top() -> bool:
        centre = window.mapFromGlobal(button.mapToGlobal(button.rect().center()))
        return window.childAt(centre) is button

    qtbot.waitUntil(on_top, timeout=10_000)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: recovery.copied_label.text().startswith("Copied"), timeout=10_000)
    # The offscreen clipboard delivers asynchronously now and then: wait, do not race it.
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == key, timeout=10_000)
    recovery.saved_box.setChecked(True)
    assert recovery.continue_button.isEnabled()
    qtbot.mouseClick(recovery.continue_button, Qt.MouseButton.LeftButton)

    assert window.shell is not None
    assert window.stack.currentWidget() is window.shell
    assert window.lock_action.isEnabled()
    assert recovery.recovery_key == ""
    window.close()

    with Journal.unlock(folder, recovery_key=key) as journal:
        assert journal.count_entries() == 0
    with Journal.unlock(folder, passphrase=passphrase) as journal:
        assert journal.is_open


def test_a_folder_that_cannot_be_made_says_so_and_the_form_stays_usable(
        qtbot, make_window, tmp_path, passphrase):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    window = make_window(blocker / "journal")
    page = window.create_view.passphrase_page
    qtbot.keyClicks(page.passphrase_edit, passphrase)
    qtbot.keyClicks(page.repeat_edit, passphrase)
    qtbot.keyClick(page.repeat_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not page.error.isHidden(), timeout=10_000)
    assert "journal folder cannot be used" in page.error.text()
    assert page.passphrase_edit.isEnabled()
    assert page.create_button.isEnabled()
    assert window.journal is None


def test_the_meter_refuses_common_patterns_and_shows_the_estimators_advice(qtbot, make_window,
                                                                           folder):
    window = make_window(folder)
    page = window.create_view.passphrase_page
    for weak in ("1234567890", "P@ssw0rd2024"):
        page.passphrase_edit.clear()
        page.repeat_edit.clear()
        qtbot.keyClicks(page.passphrase_edit, weak)
        qtbot.keyClicks(page.repeat_edit, weak)
        assert not page.create_button.isEnabled()
        assert page.meter.value() <= 1
        assert "too easy to guess" in page.strength_label.text()
        assert page.advice_label.isVisibleTo(page)
        assert "common" in page.advice_label.text()  # zxcvbn's warning
        assert "Add another word" in page.advice_label.text()  # and its suggestion

    page.passphrase_edit.clear()
    page.repeat_edit.clear()
    qtbot.keyClicks(page.passphrase_edit, "harbour lantern copper meadow")
    qtbot.keyClicks(page.repeat_edit, "harbour lantern copper meadow")
    assert page.create_button.isEnabled()
    assert page.strength_label.text() == "Very strong."
    assert page.meter.value() == 4
    assert not page.advice_label.isVisibleTo(page)
