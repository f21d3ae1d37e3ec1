"""Dates as readers in the UK write them, whatever the machine's locale.

One module for the window, the exports and the PDFs, so "3 March 2026" reads the same
everywhere.
"""

from __future__ import annotations

import calendar
import re
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


#: Shown wherever a typed date could not be read.
DATE_EXAMPLE = "type day/month/year, for example 3/11/2026"
_TYPED = re.compile(r"^\s*(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d{2}|\d{4})\s*$")
_TYPED_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


class NotADate(ValueError):
    """Typed text that is not a date; the message is one calm sentence for the user."""


def read_typed_date(text: str) -> date:
    """The date in what a person typed: day first (1/2/2027, 01/02/2027, 1.2.27, 1-2-2027),
    or ISO 2027-02-01. A two-digit year is this century. Raises :class:`NotADate` saying what
    is wrong (``31/2/2027``: February 2027 has 28 days) rather than guessing another date."""
    iso = _TYPED_ISO.match(text)
    found = _TYPED.match(text)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
    elif found:
        day, month, year = (int(part) for part in found.groups())
        if len(found.group(3)) == 2:
            year += 2000
    else:
        raise NotADate(f"“{text.strip()}” is not a date: {DATE_EXAMPLE}.")
    if not 1 <= month <= 12:
        raise NotADate(f"There is no month {month}: {DATE_EXAMPLE}.")
    last = calendar.monthrange(year, month)[1] if year >= 1 else 31
    if not 1 <= day <= last or year < 1:
        name = _MONTHS[month - 1]
        if day > last:
            raise NotADate(f"There is no {day} {name} {year}: {name} {year} has {last} days.")
        raise NotADate(f"“{text.strip()}” is not a date: {DATE_EXAMPLE}.")
    return date(year, month, day)


def typed_date_if_complete(text: str) -> date | None:
    """The date while it is being typed, once it is whole (a four-digit year) and real;
    None for anything shorter or impossible, so a half-typed date changes nothing."""
    found = _TYPED.match(text)
    if (found and len(found.group(3)) == 4) or _TYPED_ISO.match(text):
        try:
            return read_typed_date(text)
        except NotADate:
            return None
    return None
