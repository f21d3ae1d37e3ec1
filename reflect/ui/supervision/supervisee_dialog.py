"""Add or edit a supervisee: a code name (never a child's name, never needed as a real name),
a role, how often they are supervised and, for the newly-qualified schedule, when they started;
when editing, their data protection: leaving, the review date, a legal hold and deleting
every note about them (``reflect.ui.privacy``).

The dialog is opened with ``open()`` (window-modal, not blocking) so the idle lock keeps
running behind it; a refused save (a code name already used, the newly-qualified schedule
without a start date) keeps the dialog open with the reason in plain text.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from reflect.common.ids import saved_id
from reflect.privacy import retention
from reflect.privacy.retention import RetentionError
from reflect.store.models import Person
from reflect.supervision.records import CODE_NAME_HINT, CODE_NAME_MAX, Supervision, SupervisionError
from reflect.supervision.schedules import DEFAULT_SCHEDULE, NQSW, SCHEDULES
from reflect.ui.privacy.delete_dialog import DeleteSuperviseeDialog
from reflect.ui.privacy.retention_box import RetentionBox
from reflect.ui.widgets.feedback import ErrorNotice, hint_label, plain_label
from reflect.ui.widgets.messages import Failure
from reflect.ui.widgets.optional_date import OptionalDateEdit


class SuperviseeDialog(QDialog):
    """``saved(person_id)`` after a successful add or edit; ``person`` is then the result.
    ``deleted(code_name)`` once every note about them was deleted (the dialog then closes)."""

    saved = Signal(int)
    deleted = Signal(str)

    def __init__(self, supervision: Supervision, person: Person | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.supervision = supervision
        self.person = person
        self.setWindowTitle("Edit supervisee" if person else "Add supervisee")
        self.setAccessibleName(self.windowTitle())
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 34)
        self.error = ErrorNotice()
        self.code_edit = QLineEdit()
        self.code_edit.setAccessibleName("Code name")
        self.code_edit.setMaxLength(CODE_NAME_MAX)
        self.code_edit.setPlaceholderText("For example Wren, or initials")
        self.code_hint = hint_label(CODE_NAME_HINT)
        self.role_edit = QLineEdit()
        self.role_edit.setAccessibleName("Role")
        self.role_edit.setPlaceholderText("For example Social worker (ASYE)")
        self.schedule_combo = QComboBox()
        self.schedule_combo.setAccessibleName("Supervision schedule")
        for key, label in SCHEDULES.items():
            self.schedule_combo.addItem(label, key)
        self.started_edit = OptionalDateEdit("Started on", "Not set")
        self.started_hint = hint_label()
        self.last_edit = OptionalDateEdit("Last supervision", "Not yet")
        self.last_edit.setMaximumDate(QDate.currentDate())  # a session still to come is not one
        self.last_hint = hint_label("Optional: their last session before Reflect. Next due "
                                    "counts from it, or from today if there was none yet.")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        form = QFormLayout()
        form.setVerticalSpacing(6)
        form.addRow("&Code name", self.code_edit)
        form.addRow("", self.code_hint)
        form.addRow("&Role", self.role_edit)
        form.addRow("&Schedule", self.schedule_combo)
        started = QHBoxLayout()
        started.setSpacing(10)
        started.addWidget(self.started_edit)
        started.addWidget(self.started_hint, 1)
        # A row holding a layout gets a label without a buddy, which shows "&" as it is.
        started_label = plain_label("S&tarted on", wrap=False)
        started_label.setBuddy(self.started_edit)
        form.addRow(started_label, started)
        last = QHBoxLayout()
        last.addWidget(self.last_edit)
        last.addStretch(1)
        last_label = plain_label("&Last supervision", wrap=False)
        last_label.setBuddy(self.last_edit)
        form.addRow(last_label, last)
        form.addRow("", self.last_hint)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.error)
        layout.addLayout(form)
        self.retention: RetentionBox | None = None
        self.delete_dialog: DeleteSuperviseeDialog | None = None
        if person is not None:
            self.retention = RetentionBox(supervision.journal, person)
            self.retention.delete_requested.connect(self.ask_delete)
            layout.addWidget(self.retention)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.schedule_combo.currentIndexChanged.connect(self._schedule_changed)
        self._fill(person)

    def _fill(self, person: Person | None) -> None:
        schedule = person.schedule if person else DEFAULT_SCHEDULE
        self.schedule_combo.setCurrentIndex(max(0, self.schedule_combo.findData(schedule)))
        if person is not None:
            self.code_edit.setText(person.code_name)
            self.role_edit.setText(person.role)
            self.started_edit.set_value(person.started_on)
            self.last_edit.set_value(person.last_supervised_on)
            self.last_hint.setText("Optional: their last session before Reflect; sessions "
                                   "recorded here count after it.")
        self._schedule_changed()

    def _schedule_changed(self, *_args: object) -> None:
        needed = self.schedule_combo.currentData() == NQSW
        self.started_hint.setText("Needed: the newly-qualified schedule counts from it."
                                  if needed else "Optional: when they started.")

    def accept(self) -> None:
        """Save, or stay open with the reason."""
        schedule = self.schedule_combo.currentData()
        kept = self.retention.values() if self.retention is not None else None
        try:
            if kept is not None:  # refused before anything is written
                retention.check(**kept)
            if self.person is None:
                self.person = self.supervision.add_supervisee(
                    self.code_edit.text(), role=self.role_edit.text(), schedule=schedule,
                    started_on=self.started_edit.value(),
                    last_supervised_on=self.last_edit.value())
            else:
                self.person = self.supervision.update_supervisee(
                    saved_id(self.person), code_name=self.code_edit.text(),
                    role=self.role_edit.text(), schedule=schedule,
                    started_on=self.started_edit.value(),
                    last_supervised_on=self.last_edit.value())
                if kept is not None:
                    self.person = retention.set_retention(self.supervision.journal,
                                                          saved_id(self.person), **kept)
        except (SupervisionError, RetentionError) as exc:
            self.error.show_failure(Failure("The supervisee was not saved.", str(exc)))
            return
        self.error.clear()
        self.saved.emit(saved_id(self.person))
        super().accept()

    def ask_delete(self) -> DeleteSuperviseeDialog | None:
        """The typed confirmation; on deletion this dialog closes too."""
        if self.person is None:
            return None
        dialog = DeleteSuperviseeDialog(self.supervision.journal, saved_id(self.person), self)
        dialog.deleted.connect(self._deleted)
        dialog.finished.connect(dialog.deleteLater)
        self.delete_dialog = dialog
        dialog.open()
        return dialog

    def _deleted(self, code_name: str) -> None:
        self.deleted.emit(code_name)
        self.reject()  # nothing left to save
