"""Pick a menu item as a person does from the keyboard: Alt+letter opens the menu, the item's
underlined letter picks it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu


def pick(qtbot, window, menu_letter: Qt.Key, item_letter: Qt.Key) -> None:
    """Alt+``menu_letter`` on the focused widget, then ``item_letter`` in the open menu."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3_000)
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, menu_letter, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=3_000)
    menu = QApplication.activePopupWidget()
    qtbot.keyClick(menu, item_letter)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None, timeout=3_000)


def file_menu(qtbot, window, item_letter: Qt.Key) -> None:
    pick(qtbot, window, Qt.Key.Key_F, item_letter)
