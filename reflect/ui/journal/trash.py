"""The trash: entries moved out of the journal, which can be restored or deleted for good.

Deleting an entry only moves it here (with an Undo right after), so a slip of the Delete key
costs nothing. Emptying the trash is the one destructive act, so it asks first and says how
many entries will go.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QPushButton, QVBoxLayout, QWidget

from reflect.common.errors import ReflectError
from reflect.journal.journal import Journal
from reflect.store.queries import EntryFilter
from reflect.ui.journal.entry_list import EntryListModel, EntryListView
from reflect.ui.widgets.card import heading
from reflect.ui.widgets.feedback import ErrorNotice, hint_label
from reflect.ui.widgets.messages import Failure

log = logging.getLogger(__name__)


def _count(n: int) -> str:
    return "1 entry" if n == 1 else f"{n:,} entries"


class TrashView(QWidget):
    """Trashed entries, newest first; Restore (Enter) and Empty trash (asks first)."""

    restored = Signal(int)
    emptied = Signal(int)
    back_requested = Signal()

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Trash")
        self.journal = journal
        self.model = EntryListModel(journal, EntryFilter(deleted=True), self)
        self.list_view = EntryListView()
        self.list_view.setAccessibleName("Entries in the trash")
        self.list_view.setModel(self.model)
        self.list_view.set_placeholder("The trash is empty.")
        self.count_label = hint_label()
        self.error = ErrorNotice()
        self.back_button = QPushButton("Back to journal")
        self.back_button.setAccessibleName("Back to journal")
        self.restore_button = QPushButton("Restore")
        self.restore_button.setAccessibleName("Restore entry")
        self.restore_button.setToolTip("Put the selected entry back in the journal (Enter)")
        self.empty_button = QPushButton("Empty trash…")
        self.empty_button.setAccessibleName("Empty trash")
        self.empty_button.setToolTip("Delete every entry in the trash for good")
        #: The confirmation on screen while emptying, if any (tests answer it).
        self.confirm_dialog: QMessageBox | None = None

        top = QHBoxLayout()
        top.addWidget(heading("Trash", scale=1.25))
        top.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)
        top.addStretch(1)
        top.addWidget(self.back_button)
        buttons = QHBoxLayout()
        buttons.addWidget(hint_label("Entries here are not listed or searched. Restore puts "
                                     "one back; emptying the trash deletes them for good."), 1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.empty_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addWidget(self.list_view, 1)
        layout.addLayout(buttons)

        self.back_button.clicked.connect(self.back_requested)
        self.restore_button.clicked.connect(self.restore_selected)
        self.empty_button.clicked.connect(self.ask_to_empty)
        self.list_view.activated.connect(lambda _index: self.restore_selected())
        back = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.activated.connect(self.back_requested)
        self.list_view.selectionModel().currentChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)

    def reload(self) -> None:
        """Read the trash again, with its first entry selected so Restore acts on what is
        highlighted."""
        self.model.reload()
        if self.model.rowCount():
            self.list_view.setCurrentIndex(self.model.index(0))
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        total = self.model.total
        self.count_label.setText("empty" if total == 0 else _count(total))
        self.restore_button.setEnabled(self.list_view.current_entry_id() is not None)
        self.empty_button.setEnabled(total > 0)

    def _failed(self, headline: str, exc: Exception) -> None:
        log.warning("%s: %s", headline, type(exc).__name__)
        reason = str(exc) if isinstance(exc, ReflectError) else f"({type(exc).__name__})"
        self.error.show_failure(Failure(headline, reason))

    def restore_selected(self) -> None:
        entry_id = self.list_view.current_entry_id()
        if entry_id is None:
            return
        row = self.list_view.currentIndex().row()
        try:
            self.journal.restore_entry(entry_id)
        except Exception as exc:
            self._failed("The entry could not be restored.", exc)
            return
        self.error.clear()
        self.reload()
        if self.model.rowCount():
            self.list_view.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1)))
        self.restored.emit(entry_id)

    def ask_to_empty(self) -> None:
        total = self.model.total
        if total == 0:
            return
        dialog = QMessageBox(self)
        dialog.setIcon(QMessageBox.Icon.Warning)
        dialog.setWindowTitle("Empty trash")
        dialog.setTextFormat(Qt.TextFormat.PlainText)
        dialog.setText(f"Delete {_count(total)} for good?\n\nThis cannot be undone. Backups "
                       "you made earlier still hold them.")
        delete = dialog.addButton("Delete for good", QMessageBox.ButtonRole.DestructiveRole)
        dialog.addButton(QMessageBox.StandardButton.Cancel)
        dialog.setDefaultButton(QMessageBox.StandardButton.Cancel)
        dialog.finished.connect(lambda _r: self._answered(dialog.clickedButton() is delete))
        dialog.finished.connect(dialog.deleteLater)
        self.confirm_dialog = dialog
        dialog.open()

    def _answered(self, confirmed: bool) -> None:
        self.confirm_dialog = None
        if not confirmed:
            return
        try:
            gone = self.journal.empty_trash()
        except Exception as exc:
            self._failed("The trash could not be emptied.", exc)
            return
        self.error.clear()
        self.reload()
        self.emptied.emit(gone)
