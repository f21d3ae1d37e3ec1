"""Dates as readers in the UK write them, independent of the system locale."""

from __future__ import annotations

from datetime import date

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def uk_date(day: date | None, *, short: bool = False) -> str:
    """'5 March 2026', or '5 Mar 2026' when ``short`` (for lists); '' for None."""
    if day is None:
        return ""
    month = _MONTHS[day.month - 1]
    return f"{day.day} {month[:3] if short else month} {day.year}"


def uk_long_date(day: date) -> str:
    """'Thursday 5 March 2026', for headings."""
    return f"{_DAYS[day.weekday()]} {uk_date(day)}"
