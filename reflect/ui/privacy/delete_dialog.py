"""Delete all notes about one supervisee: what goes, what stops it, what backups still hold,
that there is no undo, and the code name typed to confirm (a destructive act is never one
key press away: "Delete for good" stays disabled until the name matches).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reflect.common.errors import ReflectError
from reflect.journal.journal import Journal
from reflect.privacy import deletion
from reflect.privacy.deletion import Deleted, DeletionPlan
from reflect.ui.widgets.card import heading
from reflect.ui.widgets.feedback import ErrorNotice, hint_label, plain_label
from reflect.ui.widgets.messages import Failure
from reflect.ui.workers import run_in_thread


class DeleteSuperviseeDialog(QDialog):
    """``deleted(code_name)`` once everything about them is gone."""

    deleted = Signal(str)

    def __init__(self, journal: Journal, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.person_id = person_id
        self.plan: DeletionPlan = deletion.plan(journal, person_id)
        name = self.plan.code_name
        self.setWindowTitle(f"Delete all notes about {name}")
        self.setAccessibleName(self.windowTitle())
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 36)
        self.error = ErrorNotice()
        self.what = plain_label(
            f"This deletes {self.plan.summary()} for good: the supervisee, every record about "
            "them (the trash too) with its sessions, agreement comments, cases discussed and "
            "disagreements, their actions, and their place in search.")
        self.no_undo = plain_label("There is no undo: Reflect cannot bring these notes back.")
        self.backups = plain_label(deletion.backups_statement(self.plan.backups))
        self.blocked = plain_label(self.plan.blocked)
        self.blocked.setAccessibleName("Why the notes cannot be deleted")
        self.type_label = plain_label(f"Type {name} to confirm:")
        self.type_edit = QLineEdit()
        self.type_edit.setAccessibleName(f"Type {name} to confirm")
        self.type_edit.setPlaceholderText(name)
        self.type_label.setBuddy(self.type_edit)
        self.progress = hint_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.delete_button: QPushButton = self.buttons.addButton(
            "Delete for good", QDialogButtonBox.ButtonRole.DestructiveRole)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(heading(self.windowTitle(), scale=1.1))
        layout.addWidget(self.error)
        for widget in (self.what, self.no_undo, self.backups, self.blocked, self.type_label,
                       self.type_edit, self.progress):
            layout.addWidget(widget)
        layout.addWidget(self.buttons)
        # Enter deletes only once the name matches (a disabled default does nothing); set once
        # the button is in the dialog, or the dialog would not know it as its default.
        for button in self.buttons.findChildren(QPushButton):
            button.setAutoDefault(False)
        self.delete_button.setDefault(True)
        self.type_edit.setFocus()
        self.blocked.setVisible(bool(self.plan.blocked))
        for widget in (self.type_label, self.type_edit):
            widget.setEnabled(not self.plan.blocked)
        self.type_edit.textChanged.connect(self._typed)
        self.delete_button.clicked.connect(self._delete)
        self.buttons.rejected.connect(self.reject)
        self._typed()

    def showEvent(self, event: QShowEvent) -> None:
        """Tall enough for its wrapped text at this width (a window's layout does not ask its
        labels' height for width), so no sentence is cut off at any scale."""
        super().showEvent(event)
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth():
            needed = layout.totalHeightForWidth(self.width())
            if needed > self.height():
                self.resize(self.width(), needed)

    def _matches(self) -> bool:
        return " ".join(self.type_edit.text().split()).lower() == self.plan.code_name.lower()

    def _typed(self, *_args: object) -> None:
        self.delete_button.setEnabled(not self.plan.blocked and self._matches())

    def _delete(self) -> None:
        """On a pool thread (merging the index and the checkpoint take a moment in a large
        journal); a lock meanwhile waits for it."""
        if not self.delete_button.isEnabled():
            return
        typed = self.type_edit.text()
        for widget in (self.delete_button, self.type_edit):
            widget.setEnabled(False)
        self.progress.setText("Deleting…")
        run_in_thread(lambda: deletion.delete_supervisee(self.journal, self.person_id, typed),
                      on_success=self._done, on_failure=self._failed, owner=self)

    def _done(self, done: Deleted) -> None:
        self.deleted.emit(done.code_name)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.progress.setText("")
        self.type_edit.setEnabled(not self.plan.blocked)
        self._typed()
        if not isinstance(exc, ReflectError):
            raise exc
        self.error.show_failure(Failure("Nothing was deleted.", str(exc)))
