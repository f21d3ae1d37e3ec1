"""Preferences saved from the window keep what a dialog remembered since the window opened
(the window's own copy of the settings is older than the file)."""

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from reflect.common.settings import Settings
from tests.ui.conftest import open_unlocked


def test_saving_preferences_keeps_the_mentor_pack_folder_and_backup_place(
        qtbot, make_window, driver, existing, passphrase, tmp_path):
    window = open_unlocked(qtbot, make_window, driver, existing[0], passphrase)
    # Remembered by the mentor-pack dialog and the backup chooser while the window is open.
    Settings.remember(mentor_pack_folder=str(tmp_path / "packs"),
                      backup_folder=str(tmp_path / "usb"))
    dialog = window.open_preferences()
    dialog.auto_lock.setValue(25)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    saved = json.loads(Settings.path().read_text())
    assert saved["auto_lock_minutes"] == 25
    assert saved["mentor_pack_folder"] == str(tmp_path / "packs")
    assert saved["backup_folder"] == str(tmp_path / "usb")
