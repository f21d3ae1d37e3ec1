"""File > Import… and File > Export…, placed above the backup items and enabled with them.

The choosers are parameters (see ``reflect.ui.safety.choosers``): tests hand in functions
that return temporary paths.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

from reflect.ui.interchange.export_dialog import ExportDialog
from reflect.ui.interchange.import_dialog import ImportDialog
from reflect.ui.safety.choosers import FileChooser, ask_for_export_file, ask_for_import_file
from reflect.ui.safety.journal_actions import JournalActions


class InterchangeActions(QObject):
    """``import_dialog`` and ``export_dialog`` are the last ones opened; ``last_export`` is
    ``(path, count)`` of the last export and ``last_message`` the box that reported it."""

    def __init__(self, window: QMainWindow, menu: QMenu, journal_actions: JournalActions,
                 choose_import: FileChooser = ask_for_import_file,
                 choose_export: FileChooser = ask_for_export_file) -> None:
        super().__init__(window)
        self.window = window
        self.choose_import = choose_import
        self.choose_export = choose_export
        self.import_dialog: ImportDialog | None = None
        self.export_dialog: ExportDialog | None = None
        self.last_export: tuple[Path, int] | None = None
        self.last_message: QMessageBox | None = None
        self.import_action = QAction("&Import…", window)
        self.import_action.setStatusTip("Add entries from JSON Lines or a jrnl JSON export")
        self.import_action.triggered.connect(self.open_import)
        self.export_action = QAction("&Export…", window)
        self.export_action.setStatusTip("Write every entry to Markdown or JSON Lines "
                                        "(not encrypted)")
        self.export_action.triggered.connect(self.open_export)
        before = journal_actions.backup_action
        menu.insertActions(before, [self.import_action, self.export_action])
        menu.insertSeparator(before)
        journal_actions.unlocked_changed.connect(self.set_unlocked)
        self.set_unlocked(False)

    def set_unlocked(self, unlocked: bool) -> None:
        self.import_action.setEnabled(unlocked)
        self.export_action.setEnabled(unlocked)

    @property
    def _journal(self):
        return getattr(self.window, "journal", None) if self.import_action.isEnabled() else None

    def open_import(self) -> ImportDialog | None:
        journal = self._journal
        if journal is None:
            return None
        dialog = ImportDialog(journal, self.window, choose_file=self.choose_import)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.import_dialog = dialog
        return dialog

    def open_export(self) -> ExportDialog | None:
        journal = self._journal
        if journal is None:
            return None
        dialog = ExportDialog(journal, self.window, choose_file=self.choose_export)
        dialog.accepted.connect(lambda: self._exported(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.export_dialog = dialog
        return dialog

    def _exported(self, dialog: ExportDialog) -> None:
        self.last_export, self.last_message = dialog.exported, dialog.result_message
