"""Date boxes in the UK order (dd/mm/yyyy) with a calendar, shared by every page that asks
for a date; an "any" box reads "Any" while empty, which is how "no limit" is shown without a
separate checkbox. The box itself is :class:`reflect.ui.widgets.date_box.DateBox`."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate

from reflect.ui.widgets.date_box import NO_DATE, UK_DATE, DateBox

__all__ = ["NO_LIMIT", "UK_DATE", "DateBox", "date_edit", "date_or_none", "to_qdate",
           "uk_date_edit"]

#: What an "Any" box holds.
NO_LIMIT = NO_DATE


def date_edit(accessible_name: str, *, allow_any: bool = False) -> DateBox:
    """A UK-format date box with a calendar, on today; ``allow_any`` starts it empty ("Any")."""
    return DateBox(accessible_name, empty_text="Any" if allow_any else None)


def date_or_none(edit: DateBox) -> date | None:
    """The chosen date, or None where an "Any" box shows "Any"."""
    return edit.value()


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def uk_date_edit(name: str, day: date) -> DateBox:
    """A UK-format date box with a calendar, starting on ``day``."""
    return DateBox(name, day=day)
