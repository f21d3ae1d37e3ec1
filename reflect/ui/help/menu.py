"""The Help menu's two actions; the main window only makes the menu and hands it here."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from reflect.ui.help.dialogs import AboutDialog, HelpDialog


class HelpMenu:
    """Help > Using Reflect (F1) and Help > About Reflect; each dialog is kept while open."""

    def __init__(self, window: QWidget, menu: QMenu, journal_folder: Path) -> None:
        self.window = window
        self.journal_folder = Path(journal_folder)
        self.about_dialog: AboutDialog | None = None
        self.help_dialog: HelpDialog | None = None
        self.help_action = QAction("&Using Reflect", window)
        self.help_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.help_action.setStatusTip("Markdown and keyboard shortcuts")
        self.help_action.triggered.connect(self.open_help)
        self.about_action = QAction("&About Reflect", window)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.open_about)
        menu.addAction(self.help_action)
        menu.addSeparator()
        menu.addAction(self.about_action)

    def open_help(self) -> None:
        self.help_dialog = self.help_dialog or HelpDialog(self.window)
        self.help_dialog.show()
        self.help_dialog.raise_()

    def open_about(self) -> None:
        self.about_dialog = self.about_dialog or AboutDialog(self.journal_folder, self.window)
        self.about_dialog.show()
        self.about_dialog.raise_()
