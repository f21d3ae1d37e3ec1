"""Dates as readers in the UK write them, whatever the machine's locale.

One module for the window, the exports and the PDFs, so "3 March 2026" reads the same
everywhere.
"""

from __future__ import annotations

from datetime import date

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def as_date(value: date | str | None) -> date | None:
    """A date, or an ISO date at the start of a text (as stored in template answers)."""
    if isinstance(value, date) or value is None:
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def uk_date(value: date | str | None, *, short: bool = False) -> str:
    """'5 March 2026', or '5 Mar 2026' when ``short`` (for lists). Text that is not a date
    is returned as it is; None gives ''."""
    day = as_date(value)
    if day is None:
        return value.strip() if isinstance(value, str) else ""
    month = _MONTHS[day.month - 1]
    return f"{day.day} {month[:3] if short else month} {day.year}"


def uk_numeric(day: date | None) -> str:
    """'05/03/2026': day first, for narrow table cells."""
    return day.strftime("%d/%m/%Y") if day else ""


def uk_long_date(day: date) -> str:
    """'Thursday 5 March 2026', for headings."""
    return f"{_DAYS[day.weekday()]} {uk_date(day)}"


def uk_period(start: date | None, end: date | None) -> str:
    """'1 January 2026 to 31 March 2026', 'up to …', 'from …' or 'all dates'."""
    if start and end:
        return f"{uk_date(start)} to {uk_date(end)}"
    if end:
        return f"up to {uk_date(end)}"
    if start:
        return f"from {uk_date(start)}"
    return "all dates"
