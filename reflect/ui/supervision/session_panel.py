"""On a supervisee's page, under their supervision interval: how regular their held sessions
have been, their supervision agreement (overdue review in the warning colour), and two quick
forms in place: "Log a cancelled or moved session…" (a date, the reason, the new date for a
moved one: a light record, no whole record to write) and "Supervision agreement…".
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from reflect.common.errors import ReflectError
from reflect.common.ids import saved_id
from reflect.store.models import Person
from reflect.supervision import contracts, sessions
from reflect.supervision.records import Supervision
from reflect.ui.widgets.dates import date_edit, to_qdate
from reflect.ui.widgets.feedback import error_colour, hint_label, plain_label
from reflect.ui.widgets.optional_date import OptionalDateEdit


def _form() -> tuple[QFrame, QGridLayout]:
    frame = QFrame()
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    grid = QGridLayout(frame)
    grid.setContentsMargins(12, 10, 12, 10)
    frame.hide()
    return frame, grid


class SessionPanel(QWidget):
    """``logged`` after a session was logged or the agreement changed."""

    logged = Signal()

    def __init__(self, supervision: Supervision, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.supervision = supervision
        self.person: Person | None = None
        # Its own height only: the records list below takes the room that is left.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.regularity = hint_label()
        self.regularity.setAccessibleName("Regularity of supervision")
        self.contract = hint_label()
        self.contract.setAccessibleName("Supervision agreement")
        for label in (self.regularity, self.contract):  # one line each: no height-for-width
            label.setWordWrap(False)
        self.log_button = QPushButton("Log a cancelled or moved session…")
        self.contract_button = QPushButton("Supervision agreement…")
        # Logging a session
        self.log_form, grid = _form()
        self.log_status = QComboBox()
        self.log_status.setAccessibleName("Cancelled or moved")
        self.log_status.addItem("Cancelled", sessions.CANCELLED)
        self.log_status.addItem("Moved", sessions.MOVED)
        self.log_date = date_edit("Date of the session")
        self.log_moved_to = OptionalDateEdit("Moved to", empty_text="New date")
        self.log_reason = QLineEdit()
        self.log_reason.setAccessibleName("Reason")
        self.log_reason.setPlaceholderText("For example: the supervisee was off sick")
        self.log_reason.setMaxLength(sessions.REASON_MAX)
        self.log_problem = plain_label()
        self.log_save = QPushButton("Log session")
        self.log_cancel = QPushButton("Cancel")
        grid.addWidget(plain_label("Session", wrap=False), 0, 0)
        grid.addWidget(self.log_status, 0, 1)
        grid.addWidget(plain_label("On", wrap=False), 0, 2)
        grid.addWidget(self.log_date, 0, 3)
        self.moved_label = plain_label("Moved to", wrap=False)
        grid.addWidget(self.moved_label, 0, 4)
        grid.addWidget(self.log_moved_to, 0, 5)
        grid.addWidget(plain_label("Why?", wrap=False), 1, 0)
        grid.addWidget(self.log_reason, 1, 1, 1, 5)
        grid.addLayout(self._buttons(self.log_problem, self.log_cancel, self.log_save),
                       2, 0, 1, 6)
        # The agreement
        self.contract_form, grid = _form()
        self.agreed_on = OptionalDateEdit("Agreed on", empty_text="Not agreed")
        self.review_on = OptionalDateEdit("Review by", empty_text="No review date")
        self.contract_note = QPlainTextEdit()
        self.contract_note.setAccessibleName("The agreement: a short note or its text")
        self.contract_note.setPlaceholderText("How often, how long, where; what each of you "
                                              "brings; how disagreements are escalated")
        self.contract_note.setTabChangesFocus(True)
        self.contract_note.setFixedHeight(self.fontMetrics().lineSpacing() * 5)
        self.contract_problem = plain_label()
        self.contract_save = QPushButton("Save agreement")
        self.contract_cancel = QPushButton("Cancel")
        grid.addWidget(plain_label("Agreed on", wrap=False), 0, 0)
        grid.addWidget(self.agreed_on, 0, 1)
        grid.addWidget(plain_label("Review by", wrap=False), 0, 2)
        grid.addWidget(self.review_on, 0, 3)
        grid.addWidget(self.contract_note, 1, 0, 1, 4)
        grid.addLayout(self._buttons(self.contract_problem, self.contract_cancel,
                                     self.contract_save), 2, 0, 1, 4)
        buttons = QHBoxLayout()
        buttons.addWidget(self.log_button)
        buttons.addWidget(self.contract_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for widget in (self.regularity, self.contract):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        layout.addWidget(self.log_form)
        layout.addWidget(self.contract_form)
        self.log_button.clicked.connect(self.open_log)
        self.log_status.currentIndexChanged.connect(self._moved_parts)
        self.log_save.clicked.connect(self.log)
        self.log_reason.returnPressed.connect(self.log)
        self.log_cancel.clicked.connect(lambda: self._close(self.log_form, self.log_button))
        self.contract_button.clicked.connect(self.open_contract)
        self.contract_save.clicked.connect(self.save_contract)
        self.contract_cancel.clicked.connect(
            lambda: self._close(self.contract_form, self.contract_button))
        self._moved_parts()

    @staticmethod
    def _buttons(problem: QWidget, cancel: QWidget, save: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(problem, 1)
        row.addWidget(cancel)
        row.addWidget(save)
        return row

    def _moved_parts(self, *_args: object) -> None:
        moved = self.log_status.currentData() == sessions.MOVED
        self.moved_label.setVisible(moved)
        self.log_moved_to.setVisible(moved)

    def show_person(self, person: Person | None, today: date | None = None) -> None:
        """The lines for ``person`` (hidden for "My own records" and former supervisees)."""
        today = today or date.today()
        self.person = person
        self.log_form.hide()
        self.contract_form.hide()
        self.setVisible(person is not None)
        if person is None:
            return
        entries = self.supervision.records_for(saved_id(person), limit=500)
        self.regularity.setText(sessions.regularity_text(sessions.regularity(entries, today)))
        self.contract.setText(contracts.contract_line(person, today))
        palette = self.palette()
        if contracts.is_review_overdue(person, today):
            palette.setColor(self.contract.foregroundRole(), error_colour(palette))
        self.contract.setPalette(palette)
        for button in (self.log_button, self.contract_button):
            button.setEnabled(person.active)

    def _close(self, form: QFrame, button: QWidget) -> None:
        form.hide()
        button.setFocus()

    # -- logging a session ------------------------------------------------------------------
    def open_log(self) -> None:
        self.contract_form.hide()
        self.log_date.setDate(to_qdate(date.today()))
        self.log_moved_to.set_value(None)
        self.log_reason.clear()
        self.log_problem.clear()
        self.log_form.show()
        self.log_status.setFocus()

    def log(self) -> None:
        if self.person is None:
            return
        day = self.log_date.date()
        try:
            sessions.log_session(self.supervision, saved_id(self.person),
                                 str(self.log_status.currentData()),
                                 date(day.year(), day.month(), day.day()),
                                 self.log_reason.text(), self.log_moved_to.value())
        except (ReflectError, ValueError) as exc:
            self.log_problem.setText(str(exc))
            return
        self.logged.emit()

    # -- the agreement ----------------------------------------------------------------------
    def open_contract(self) -> None:
        if self.person is None:
            return
        self.log_form.hide()
        self.agreed_on.set_value(self.person.contract_agreed_on)
        self.review_on.set_value(self.person.contract_review_on)
        self.contract_note.setPlainText(self.person.contract_note)
        self.contract_problem.clear()
        self.contract_form.show()
        self.agreed_on.setFocus()

    def save_contract(self) -> None:
        if self.person is None:
            return
        try:
            contracts.set_contract(self.supervision, saved_id(self.person),
                                   self.agreed_on.value(), self.review_on.value(),
                                   self.contract_note.toPlainText())
        except (ReflectError, ValueError) as exc:
            self.contract_problem.setText(str(exc))
            return
        self.logged.emit()

    def focus_widgets(self) -> list[QWidget]:
        return [self.log_button, self.contract_button, self.log_status, self.log_date,
                self.log_moved_to, self.log_reason, self.log_cancel, self.log_save,
                self.agreed_on, self.review_on, self.contract_note, self.contract_cancel,
                self.contract_save]
