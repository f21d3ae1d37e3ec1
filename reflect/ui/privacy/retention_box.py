"""The "Data protection" part of Edit supervisee: the day they left, when their notes are due
for review, a legal hold with its reason, and "Delete all notes about this supervisee…".

A leaving date makes them a former supervisee; the review date, left empty, becomes the
journal's period after leaving (six years unless changed in Preferences), shown as a hint
while the leaving date is typed.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from reflect.common.dates import uk_date
from reflect.journal.journal import Journal
from reflect.privacy import retention
from reflect.store.models import Person
from reflect.ui.widgets.feedback import hint_label, plain_label
from reflect.ui.widgets.optional_date import OptionalDateEdit


class RetentionBox(QGroupBox):
    """``delete_requested`` when the delete button is pressed (the dialog opens the
    confirmation)."""

    delete_requested = Signal()

    def __init__(self, journal: Journal, person: Person, parent: QWidget | None = None) -> None:
        super().__init__("Data protection", parent)
        self.journal = journal
        self.years = retention.retention_years(journal)
        self.left_edit = OptionalDateEdit("Left on", "Still here")
        self.left_edit.setMaximumDate(QDate.currentDate())
        self.review_edit = OptionalDateEdit("Review notes on", "Not set")
        self.review_hint = hint_label()
        self.hold_box = QCheckBox("&Legal hold: keep these notes, do not delete")
        self.hold_note = QLineEdit()
        self.hold_note.setAccessibleName("Legal hold reason")
        self.hold_note.setMaxLength(retention.HOLD_NOTE_MAX)
        self.hold_note.setPlaceholderText("The claim, complaint or inquiry, and its reference")
        self.delete_button = QPushButton("Delete all notes about this supervisee…")
        self.delete_button.setAutoDefault(False)  # Enter in the dialog saves, never this
        form = QFormLayout(self)
        form.setVerticalSpacing(6)
        for text, box in (("Le&ft on", self.left_edit), ("Re&view notes on", self.review_edit)):
            row = QHBoxLayout()
            row.addWidget(box)
            row.addStretch(1)
            # A row holding a layout gets a label without a buddy, which shows "&" as it is.
            label = plain_label(text, wrap=False)
            label.setBuddy(box)
            form.addRow(label, row)
        form.addRow("", self.review_hint)
        form.addRow("", self.hold_box)
        form.addRow("&Reason", self.hold_note)
        form.addRow("", self.delete_button)
        self.left_edit.set_value(person.left_on)
        self.review_edit.set_value(person.retention_review_on)
        self.hold_box.setChecked(person.legal_hold)
        self.hold_note.setText(person.legal_hold_note)
        for box in (self.left_edit, self.review_edit):
            box.textChanged.connect(self._hint)
            box.dateChanged.connect(self._hint)
        self.hold_box.toggled.connect(self._hold_changed)
        self.delete_button.clicked.connect(self.delete_requested)
        self._hold_changed(person.legal_hold)
        self._hint()

    def _hold_changed(self, on: bool) -> None:
        self.hold_note.setEnabled(on)
        self.delete_button.setEnabled(not on)
        self.delete_button.setToolTip("Lift the legal hold first." if on else
                                      "Removes them, their records, actions and drafts "
                                      "for good.")

    def _hint(self, *_args: object) -> None:
        left = self.left_edit.value()
        if left is None:
            text = (f"When they leave, their notes are due for review {self.years} years "
                    "later, unless you set a date.")
        elif self.review_edit.value() is None:
            text = (f"Left empty: {uk_date(retention.review_after(left, self.years))}, "
                    f"{self.years} years after leaving. Saving makes them a former "
                    "supervisee.")
        else:
            text = "Home lists their notes for review on that date."
        self.review_hint.setText(text)

    def values(self) -> dict:
        """For :func:`reflect.privacy.retention.set_retention`."""
        left = self.left_edit.value()
        review = self.review_edit.value()
        return {"left_on": _day(left), "review_on": _day(review),
                "legal_hold": self.hold_box.isChecked(), "hold_note": self.hold_note.text()}


def _day(value: object) -> date | None:
    return value if isinstance(value, date) else None
