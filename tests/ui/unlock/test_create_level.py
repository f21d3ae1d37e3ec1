"""First run: one quiet choice of role under the passphrase, first line unless changed, kept
in the new journal; Preferences changes it later, and Home follows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reflect.content.library import FIRST_LINE, MIDDLE, SENIOR
from reflect.journal.journal import Journal
from reflect.journal.reader_level import LEVEL_LABELS, reader_level
from tests.ui.conftest import open_unlocked


def _create(qtbot, window, passphrase, *, level_keys=()) -> None:
    """Type the passphrase twice, Tab to the role, press ``level_keys``, then Enter; confirm
    the recovery key."""
    page = window.create_view.passphrase_page
    qtbot.keyClicks(page.passphrase_edit, passphrase)
    qtbot.keyClick(page.passphrase_edit, Qt.Key.Key_Return)  # on to the repeat field
    qtbot.keyClicks(page.repeat_edit, passphrase)
    qtbot.keyClick(page.repeat_edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.level_box
    for key in level_keys:
        qtbot.keyClick(page.level_box, key)
    qtbot.keyClick(page.level_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.create_view.showing_recovery_key, timeout=10_000)
    recovery = window.create_view.recovery_page
    recovery.saved_box.setChecked(True)
    qtbot.keyClick(recovery.continue_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.shell is not None, timeout=10_000)


def test_the_role_defaults_to_first_line(qtbot, make_window, folder, passphrase):
    window = make_window(folder)
    page = window.create_view.passphrase_page
    assert page.level_box.currentText() == LEVEL_LABELS[FIRST_LINE]
    assert [page.level_box.itemText(i) for i in range(3)] == [
        "Team manager or practice supervisor (first line)",
        "Service or group manager (middle)", "Head of service or director (senior)"]
    assert page.level_label.buddy() is page.level_box
    _create(qtbot, window, passphrase)
    assert reader_level(window.journal) == FIRST_LINE
    window.close()
    qtbot.waitUntil(lambda: window.journal is None, timeout=10_000)  # after any backup
    with Journal.unlock(folder, passphrase=passphrase) as journal:
        assert reader_level(journal) == FIRST_LINE


def test_a_role_chosen_by_keyboard_is_kept_and_home_follows_it(qtbot, make_window, folder,
                                                               passphrase):
    window = make_window(folder)
    _create(qtbot, window, passphrase, level_keys=(Qt.Key.Key_Down, Qt.Key.Key_Down))
    assert reader_level(window.journal) == SENIOR
    home = window.shell.page("Home")
    assert SENIOR in home.prompt_card.prompt.audience
    window.close()
    qtbot.waitUntil(lambda: window.journal is None, timeout=10_000)  # after any backup
    with Journal.unlock(folder, passphrase=passphrase) as journal:
        assert reader_level(journal) == SENIOR


def test_preferences_change_the_role_and_home_follows(qtbot, make_window, driver, existing,
                                                      passphrase):
    window = open_unlocked(qtbot, make_window, driver, existing[0], passphrase)
    dialog = window.open_preferences()
    box = dialog.level_box
    assert box is not None and box.currentData() == FIRST_LINE
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Down)  # first line -> middle
    assert box.currentData() == MIDDLE
    qtbot.keyClick(box, Qt.Key.Key_Return)  # the dialog's default button: OK
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    assert reader_level(window.journal) == MIDDLE
    home = window.shell.page("Home")
    qtbot.waitUntil(lambda: MIDDLE in home.prompt_card.prompt.audience, timeout=2000)

    dialog = window.open_preferences()  # opens with the level kept
    assert dialog.level_box.currentData() == MIDDLE
    qtbot.keyClick(dialog.level_box, Qt.Key.Key_Up)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # cancelled: nothing changes
    assert reader_level(window.journal) == MIDDLE


def test_preferences_while_locked_leave_the_role_out(qtbot, make_window, existing):
    window = make_window(existing[0])
    dialog = window.open_preferences()
    assert dialog.level_box is None and dialog.reader_level is None
    dialog.reject()
