"""Lock on demand and when idle: drafts flushed first, journal closed, decrypted views gone."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from reflect.common.settings import Settings
from reflect.journal.journal import Journal
from reflect.ui.shell import PAGES, Shell


def _open(make_window, driver, folder, passphrase, **kwargs):
    window = make_window(folder, **kwargs)
    driver.unlock(window, passphrase)
    driver.wait_unlocked(window)
    return window


def test_the_shell_has_the_seven_sections(make_window, driver, existing, passphrase):
    window = _open(make_window, driver, existing[0], passphrase)
    shell = window.shell
    assert shell.page_names == ["Home", "Journal", "Prompts", "Supervision", "Actions",
                                "Profile", "Plan"]
    assert shell.current_page_name == "Home"
    home_text = " ".join(label.text() for label in shell.page("Home").findChildren(QLabel))
    assert "1 entry" in home_text
    shell.nav.setCurrentRow(3)
    assert shell.current_page_name == "Supervision"
    shell.show_page("Profile")
    assert shell.stack.currentWidget() is shell.page("Profile")


def test_ctrl_l_locks_closes_the_journal_and_destroys_the_shell(qtbot, make_window, driver,
                                                                existing, passphrase):
    window = _open(make_window, driver, existing[0], passphrase)
    journal, shell = window.journal, window.shell
    pages = [shell.page(name) for name in shell.page_names]
    window.activateWindow()
    qtbot.waitActive(window)
    with qtbot.waitSignal(window.locked, timeout=5_000):
        qtbot.keyClick(window.shell.nav, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)

    assert not journal.vault.is_open
    assert window.journal is None and window.shell is None
    assert window.stack.currentWidget() is window.unlock_view
    assert window.unlock_view.secret_edit.text() == ""
    assert not window.lock_action.isEnabled()
    qtbot.waitUntil(lambda: not shiboken6.isValid(shell), timeout=5_000)
    assert not any(shiboken6.isValid(page) for page in pages)
    assert window.findChildren(Shell) == []

    # Unlocking again asks for the passphrase and builds a fresh shell.
    driver.unlock(window, passphrase)
    driver.wait_unlocked(window)
    assert window.shell is not shell


class DraftPage(QWidget):
    """A page with unsaved typing that it flushes when asked, as real editors will."""

    def __init__(self, journal: Journal) -> None:
        super().__init__()
        self.journal = journal
        self.typed = "half a thought about Tuesday's supervision"

    def about_to_lock(self) -> None:
        self.journal.save_draft("draft-page", {"body": self.typed})


def test_pages_save_drafts_before_the_journal_closes(qtbot, make_window, driver, existing,
                                                     passphrase):
    pages = [*PAGES, ("Draft", DraftPage)]
    window = _open(make_window, driver, existing[0], passphrase, pages=pages)
    seen = []
    window.shell.about_to_lock.connect(lambda: seen.append(window.journal.is_open))
    assert window.lock()
    assert seen == [True]  # the signal came while the journal was still open
    assert not window.lock()  # already locked: nothing to do

    with Journal.unlock(existing[0], passphrase=passphrase) as journal:
        assert journal.drafts()["draft-page"] == {"body": DraftPage(journal).typed}


def test_a_failing_page_hook_does_not_stop_the_lock(make_window, driver, existing, passphrase):
    class Broken(QWidget):
        def about_to_lock(self) -> None:
            raise RuntimeError("boom")

    window = _open(make_window, driver, existing[0], passphrase,
                   pages=[("Broken", lambda _journal: Broken())])
    journal = window.journal
    assert window.lock()
    assert not journal.is_open


def test_idle_timeout_locks(qtbot, make_window, driver, existing, passphrase):
    window = _open(make_window, driver, existing[0], passphrase)
    journal = window.journal
    window.set_auto_lock_ms(150)
    qtbot.waitUntil(lambda: window.is_locked, timeout=5_000)
    assert not journal.is_open
    assert window.stack.currentWidget() is window.unlock_view
    assert "without activity" in window.statusBar().currentMessage()


def test_activity_postpones_the_idle_lock(qtbot, make_window, driver, existing, passphrase):
    window = _open(make_window, driver, existing[0], passphrase)
    window.set_auto_lock_ms(600)
    for _ in range(12):  # 1.2 s of typing, twice the timeout
        qtbot.keyClick(window.shell.nav, Qt.Key.Key_Down)
        qtbot.wait(100)
        assert not window.is_locked
    qtbot.waitUntil(lambda: window.is_locked, timeout=5_000)


def test_auto_lock_follows_settings_and_zero_means_never(make_window, driver, existing,
                                                        passphrase):
    window = make_window(existing[0])
    assert window.idle.timeout_ms == 10 * 60_000  # the default, 10 minutes
    window.close()

    window = _open(make_window, driver, existing[0], passphrase,
                   settings=Settings(auto_lock_minutes=0))
    assert window.idle.timeout_ms == 0
    assert not window.idle.is_running


def test_preferences_change_and_save_the_auto_lock_delay(qtbot, make_window, driver, existing,
                                                         passphrase):
    settings = Settings()
    window = _open(make_window, driver, existing[0], passphrase, settings=settings)
    assert window.idle.is_running
    window.preferences_action.trigger()
    dialog = window.preferences_dialog
    qtbot.waitExposed(dialog)
    dialog.auto_lock.setValue(3)
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    assert settings.auto_lock_minutes == 3
    assert Settings.load().auto_lock_minutes == 3
    assert window.idle.timeout_ms == 3 * 60_000
    assert window.idle.is_running


def test_quit_closes_the_journal(qtbot, make_window, driver, existing, passphrase):
    window = _open(make_window, driver, existing[0], passphrase)
    journal = window.journal
    window.quit_action.trigger()
    assert not window.isVisible()
    assert not journal.is_open
    QApplication.processEvents()


def test_sleep_locks_unless_switched_off(qtbot, make_window, driver, existing, passphrase):
    folder, _recovery = existing
    window = make_window(folder)
    driver.unlock(window, passphrase)
    driver.wait_unlocked(window)
    app = QApplication.instance()
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationSuspended)
    assert window.is_locked
    window.settings.lock_on_sleep = False
    driver.unlock(window, passphrase)
    driver.wait_unlocked(window)
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationSuspended)
    assert not window.is_locked
    window.sleep_watch.prepare_for_sleep(True)  # what logind sends over D-Bus
    assert not window.is_locked
    window.settings.lock_on_sleep = True
    window.sleep_watch.prepare_for_sleep(False)  # waking up: nothing to do
    assert not window.is_locked
    window.sleep_watch.screen_locked()
    assert window.is_locked
