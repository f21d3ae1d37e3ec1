"""File > Back up to another folder or drive… (issue 12, item 12): the place is chosen,
remembered and used by Back up now; an unplugged drive, read-only media or a full disk is
named and left without a partial copy; "Backing up…" ends with the backup.

The chooser is a parameter of the menu actions: these tests hand in a function returning a
temporary folder (a native dialog cannot be clicked), and one drives Qt's own dialog by keys.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

from reflect.common.settings import Settings
from reflect.journal.journal import Journal
from reflect.ui.safety.choosers import ask_for_folder
from tests.e2e.test_cli_media import _mount, tmpfs  # noqa: F401 - the fixture
from tests.ui.conftest import PASSPHRASE, open_unlocked
from tests.ui.menus import file_menu


def backups_in(place: Path) -> list[Path]:
    return sorted(p for p in place.iterdir() if p.name.endswith("-manual"))


def wait_message(qtbot, actions, title: str):
    qtbot.waitUntil(lambda: actions.last_message is not None
                    and actions.last_message.windowTitle() == title, timeout=15_000)
    return actions.last_message


@pytest.fixture
def window(qtbot, make_window, driver, existing, folder):
    return open_unlocked(qtbot, make_window, driver, folder, PASSPHRASE, settings=Settings())


def test_a_chosen_folder_is_remembered_and_back_up_now_writes_there(qtbot, window, tmp_path):
    drive = tmp_path / "usb"
    drive.mkdir()
    asked: list[Path | None] = []
    actions = window.journal_actions
    actions.choose_folder = lambda parent, start: asked.append(start) or drive
    file_menu(qtbot, window, Qt.Key.Key_T)  # Back up &to another folder or drive…
    box = wait_message(qtbot, actions, "Backed up")
    [first] = backups_in(drive)
    assert str(first) in box.text()
    assert window.statusBar().currentMessage() == f"Backed up to {first}."
    assert asked == [None]
    assert Settings.load().backup_folder == str(drive)  # remembered across runs
    assert str(drive) in actions.backup_action.statusTip()
    with Journal.unlock(first, passphrase=PASSPHRASE) as copy:
        assert copy.count_entries() == 1

    qtbot.keyClick(box, Qt.Key.Key_Return)  # OK
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=3_000)
    actions.last_message = None
    file_menu(qtbot, window, Qt.Key.Key_B)  # &Back up now: the remembered place, unasked
    wait_message(qtbot, actions, "Backed up")
    assert len(backups_in(drive)) == 2 and asked == [None]
    assert not any(b.name.endswith("-manual") for b in (window.folder / "backups").iterdir())


def test_cancelling_the_chooser_changes_nothing(qtbot, window):
    actions = window.journal_actions
    actions.choose_folder = lambda parent, start: None
    file_menu(qtbot, window, Qt.Key.Key_T)
    qtbot.wait(200)
    assert actions.last_message is None
    assert window.settings.backup_folder == "" and not Settings.path().exists()
    assert "backups/" in actions.backup_action.statusTip()


def test_backing_up_clears_from_the_status_bar_when_the_backup_ends(qtbot, window):
    actions = window.journal_actions
    file_menu(qtbot, window, Qt.Key.Key_B)
    wait_message(qtbot, actions, "Backed up")
    qtbot.wait(100)  # any progress step still queued
    assert not window.statusBar().currentMessage().startswith("Backing up")
    assert window.statusBar().currentMessage().startswith("Backed up to ")


def test_an_unplugged_drive_is_named_and_not_made(qtbot, window, tmp_path):
    gone = tmp_path / "usb" / "Reflect backups"
    window.settings.backup_folder = str(gone)
    actions = window.journal_actions
    file_menu(qtbot, window, Qt.Key.Key_B)
    box = wait_message(qtbot, actions, "Backup failed")
    assert f"The backup folder {gone} is not there (is the drive plugged in?)" in box.text()
    assert "Back up to another folder or drive" in box.text()
    assert not (tmp_path / "usb").exists()
    assert not window.statusBar().currentMessage().startswith("Backing up")
    assert actions.backup_action.isEnabled()  # one may try again


def fill(folder: Path, entries: int) -> None:
    with Journal.unlock(folder, passphrase=PASSPHRASE) as journal:
        for n in range(entries):
            journal.add_entry(f"entry {n}", secrets.token_hex(4000))


def test_read_only_media_are_named_and_nothing_is_left(qtbot, tmpfs, make_window,  # noqa: F811
                                                       driver, existing, folder):
    media = tmpfs()
    if not _mount("-o", "remount,ro", str(media)):
        pytest.skip("remounting read-only is not permitted here")
    window = open_unlocked(qtbot, make_window, driver, folder, PASSPHRASE,
                           settings=Settings(backup_folder=str(media)))
    file_menu(qtbot, window, Qt.Key.Key_B)
    box = wait_message(qtbot, window.journal_actions, "Backup failed")
    assert str(media) in box.text() and "read-only" in box.text()
    assert list(media.iterdir()) == []


def test_a_full_drive_is_named_and_nothing_is_left(qtbot, tmpfs, make_window,  # noqa: F811
                                                   driver, existing, folder):
    fill(folder, 60)  # about 2 MB, more than the drive holds
    drive = tmpfs("1m")
    window = open_unlocked(qtbot, make_window, driver, folder, PASSPHRASE,
                           settings=Settings(backup_folder=str(drive)))
    file_menu(qtbot, window, Qt.Key.Key_B)
    box = wait_message(qtbot, window.journal_actions, "Backup failed")
    assert str(drive) in box.text() and "disk is full" in box.text()
    assert list(drive.iterdir()) == []
    assert window.statusBar().currentMessage() == "The backup failed; nothing was written."


def test_qts_own_folder_dialog_is_driven_by_keys(qtbot, window, tmp_path):
    drive = tmp_path / "stick"
    drive.mkdir()

    def type_the_folder() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QFileDialog)
        edit = dialog.findChild(QLineEdit, "fileNameEdit")
        edit.selectAll()
        qtbot.keyClicks(edit, str(drive))
        qtbot.keyClick(edit, Qt.Key.Key_Return)

    QTimer.singleShot(300, type_the_folder)
    assert ask_for_folder(window, tmp_path, native=False) == drive
