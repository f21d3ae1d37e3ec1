"""A UK-format date box that can also say "no date" (an action without a due date, a record
section not filled in), because a QDateEdit on its own always holds some date.

"No date" is the box's lowest date shown as special text; Delete or Backspace returns to it,
and the calendar then opens on this month rather than in 1900.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit, QWidget

UK_DATE = "dd/MM/yyyy"
NO_DATE = QDate(1900, 1, 1)


class OptionalDateEdit(QDateEdit):
    """``value()`` is a date or None; ``empty_text`` is what the box shows for None."""

    def __init__(self, accessible_name: str, empty_text: str = "No date",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat(UK_DATE)
        self.setCalendarPopup(True)
        self.setAccessibleName(accessible_name)
        self.setMinimumDate(NO_DATE)
        self.setSpecialValueText(empty_text)
        self.setDate(NO_DATE)
        self.setToolTip(f"{accessible_name}. Delete clears it.")
        self.calendarWidget().installEventFilter(self)

    def value(self) -> date | None:
        day = self.date()
        return None if day <= NO_DATE else date(day.year(), day.month(), day.day())

    def set_value(self, day: date | None) -> None:
        self.setDate(NO_DATE if day is None else QDate(day.year, day.month, day.day))

    def iso(self) -> str | None:
        day = self.value()
        return day.isoformat() if day else None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not event.modifiers():
            self.set_value(None)
            return
        if self.value() is None and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.set_value(date.today())  # arrows start from today, not from 1900
            return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab leaves a box showing "no date" (QDateEdit would step through date sections
        it does not show, and never let go)."""
        if self.value() is None:
            return QWidget.focusNextPrevChild(self, next)
        return super().focusNextPrevChild(next)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self.value() is None:
            today = QDate.currentDate()
            self.calendarWidget().setCurrentPage(today.year(), today.month())
        return super().eventFilter(watched, event)
