"""Print on the recovery-key screen: reached by Tab and Enter or Ctrl+P, one sheet with the key,
the journal's folder and where to keep it, nothing else secret, and no file left behind."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt

from tests.ui.printing import PrintToFile, compact, empty_tmp, pages_text

CTRL = Qt.KeyboardModifier.ControlModifier


def _recovery_page(qtbot, make_window, folder: Path, passphrase: str):
    window = make_window(folder)
    page = window.create_view.passphrase_page
    qtbot.keyClicks(page.passphrase_edit, passphrase)
    qtbot.keyClicks(page.repeat_edit, passphrase)
    qtbot.keyClick(page.repeat_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.create_view.showing_recovery_key, timeout=10_000)
    window.activateWindow()
    qtbot.waitActive(window)
    return window, window.create_view.recovery_page


def _files(folder: Path) -> set[str]:
    return {os.path.relpath(os.path.join(d, f), folder)
            for d, _dirs, files in os.walk(folder) for f in files}


def test_tab_and_enter_print_the_key_on_one_sheet(qtbot, make_window, folder, passphrase,
                                                   tmp_path, monkeypatch):
    tmp = empty_tmp(tmp_path, monkeypatch)
    window, recovery = _recovery_page(qtbot, make_window, folder, passphrase)
    key = recovery.recovery_key
    out = tmp_path / "printed.pdf"
    choose = PrintToFile(out)
    recovery.choose_printer = choose
    journal_files = _files(folder)

    # From the box the screen starts on, Shift+Tab goes back to Print, Tab returns.
    assert recovery.saved_box.hasFocus()
    qtbot.keyClick(recovery.saved_box, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert recovery.print_button.hasFocus()
    qtbot.keyClick(recovery.print_button, Qt.Key.Key_Tab)
    assert recovery.saved_box.hasFocus()
    qtbot.keyClick(recovery.saved_box, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(recovery.print_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: choose.asked == 1, timeout=5_000)
    assert recovery.copied_label.text().startswith("Sent to the printer")

    pages = pages_text(out)
    assert len(pages) == 1
    text = pages[0]
    first, second = key[:19], key[20:]  # two lines of four groups
    assert first in compact(text) and second in compact(text)
    assert f"Journal: {folder.name}" in text and compact(str(folder)) in compact(text)
    assert "away from the laptop" in text and "Printed on" in text
    assert passphrase not in text and compact(passphrase) not in compact(text)
    # Nothing of ours on disk: no temp file, nothing new in the journal folder.
    assert list(tmp.iterdir()) == []
    assert _files(folder) == journal_files

    # Ctrl+P prints again from anywhere on the screen; the key is still shown until Continue.
    qtbot.keyClick(recovery.saved_box, Qt.Key.Key_P, CTRL)
    qtbot.waitUntil(lambda: choose.asked == 2, timeout=5_000)
    assert recovery.recovery_key == key
    window.close()


def test_print_is_beside_copy_and_looks_right(qtbot, make_window, folder, passphrase, tmp_path):
    window, recovery = _recovery_page(qtbot, make_window, folder, passphrase)
    assert recovery.print_button.text() == "Print…"
    assert recovery.print_button.isVisible() and recovery.print_button.isEnabled()
    assert recovery.print_button.y() == recovery.copy_button.y()
    shots = Path(os.environ.get("REFLECT_SHOTS_DIR") or tmp_path)
    window.resize(900, 640)
    recovery.print_button.setFocus()
    assert window.grab().save(str(shots / "recovery-print.png"))
    window.close()
