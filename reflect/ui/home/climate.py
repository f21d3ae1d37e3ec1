"""Home's "Team climate check-in" card: shown once a quarter, when no check-in has been
recorded yet or the last is 90 days old (:func:`reflect.climate.checkins.due`), with a button
that opens the check-in. Hidden otherwise, so it asks for nothing in between.

A Home section (see :meth:`HomePage.add_section`): Home calls :meth:`refresh` on each show,
so a check-in recorded on the Profile page takes it away the next time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from reflect.climate import checkins
from reflect.common.dates import uk_date
from reflect.journal.journal import Journal
from reflect.ui.climate.checkin_dialog import ClimateDialog
from reflect.ui.widgets.card import Section
from reflect.ui.widgets.feedback import hint_label


class ClimateReminder(Section):
    """See the module docstring; ``today`` is the clock (tests fix it)."""

    def __init__(self, journal: Journal, today: Callable[[], date] = date.today,
                 parent: QWidget | None = None) -> None:
        super().__init__("Team climate check-in", parent)
        self.journal = journal
        self.today = today
        self.dialog: ClimateDialog | None = None
        self.text = hint_label()
        self.text.setAccessibleName("Team climate check-in due")
        self.button = QPushButton("Check in now…")
        self.button.setToolTip("Rate the six climate dimensions now and ideal")
        self.button.clicked.connect(self.open_check_in)
        row = QHBoxLayout()
        row.addWidget(self.button)
        row.addStretch(1)
        self.body.addWidget(self.text)
        self.body.addLayout(row)
        self.hide()

    def refresh(self) -> None:
        if self.journal is None or not self.journal.is_open:
            return
        today = self.today()
        last = checkins.last_checked_on(self.journal)
        due = checkins.is_due(last, today)
        if due:
            self.text.setText(
                "A quarterly look at the climate you create for your team: rate the six "
                "dimensions now and ideal, and see where the widest gap is."
                if last is None else
                f"Your last check-in was on {uk_date(last)}, {(today - last).days} days ago: "
                "time for this quarter's.")
        self.setVisible(due)

    def open_check_in(self) -> ClimateDialog:
        self.dialog = dialog = ClimateDialog(self.journal, parent=self)
        dialog.saved.connect(lambda _id: self.refresh())
        dialog.open()
        return dialog


def climate_reminder(journal: Journal) -> ClimateReminder:
    """For the Home page factory."""
    return ClimateReminder(journal)
