"""Date boxes in the UK order (dd/MM/yyyy) with a calendar, shared by every page that asks
for a date; the lowest date of an "any" box reads "Any", which is how "no limit" is shown
without a separate checkbox."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject
from PySide6.QtWidgets import QDateEdit

UK_DATE = "dd/MM/yyyy"
#: What an "Any" box holds.
NO_LIMIT = QDate(1900, 1, 1)


class _OpenOnThisMonth(QObject):
    """A date box reading "Any" holds 1 January 1900; its calendar opens on this month
    instead, so picking a date does not start with a century of paging."""

    def __init__(self, edit: QDateEdit) -> None:
        super().__init__(edit)
        self._edit = edit

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self._edit.date() <= NO_LIMIT:
            today = QDate.currentDate()
            self._edit.calendarWidget().setCurrentPage(today.year(), today.month())
        return False


def date_edit(accessible_name: str, *, allow_any: bool = False) -> QDateEdit:
    """A UK-format date box with a calendar popup; ``allow_any`` shows "Any" at its lowest."""
    edit = QDateEdit()
    edit.setDisplayFormat(UK_DATE)
    edit.setCalendarPopup(True)
    edit.setAccessibleName(accessible_name)
    if allow_any:
        edit.setMinimumDate(NO_LIMIT)
        edit.setSpecialValueText("Any")
        edit.setDate(NO_LIMIT)
        edit.calendarWidget().installEventFilter(_OpenOnThisMonth(edit))
    else:
        edit.setDate(QDate.currentDate())
    return edit


def date_or_none(edit: QDateEdit) -> date | None:
    """The chosen date, or None where an "Any" box shows "Any"."""
    value = edit.date()
    return None if value <= NO_LIMIT else date(value.year(), value.month(), value.day())


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def uk_date_edit(name: str, day: date) -> QDateEdit:
    """A UK-format date box with a calendar popup, starting on ``day``."""
    edit = QDateEdit(to_qdate(day))
    edit.setDisplayFormat(UK_DATE)
    edit.setCalendarPopup(True)
    edit.setAccessibleName(name)
    return edit
