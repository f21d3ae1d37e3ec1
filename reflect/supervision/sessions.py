"""Supervision sessions: held, moved (to a new date) or cancelled (with a reason), how long,
planned or ad hoc; and how regular the held ones have been.

A record keeps its session under the reserved key :data:`SESSION_KEY` in ``sections``; a
record without one was a planned session that was held. Only held sessions are supervision:
the last supervision and the next due date count from them (the SQL is in
:mod:`reflect.store.people`), and so does regularity. A cancelled or moved session is logged
as a light record of its own (:func:`log_session`) without writing a whole record, and shows
in the supervisee's history with its reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from reflect.journal.journal import new_entry
from reflect.store.models import Entry
from reflect.store.people import SESSION_KEY
from reflect.supervision.records import Supervision, SupervisionError
from reflect.supervision.session_info import (
    CANCELLED,
    HELD,
    MINUTES_MAX,
    MOVED,
    REASON_MAX,
    STATUSES,
    SessionInfo,
    check_recorded,
    history_note,
    session_line,
    session_of,
)

__all__ = ["CANCELLED", "HELD", "MINUTES_MAX", "MOVED", "REASON_MAX", "SESSION_KEY", "STATUSES",
           "Regularity", "SessionInfo", "check_recorded", "history_note", "log_session",
           "regularity", "regularity_text", "session_line", "session_of"]

REGULARITY_MONTHS = 6
LIGHT_TEMPLATE = "one_to_one"


def log_session(sup: Supervision, person_id: int, status: str, on: date, reason: str,
                moved_to: date | None = None) -> Entry:
    """A cancelled or moved session as a light record (kind supervision) of its own."""
    if status not in (CANCELLED, MOVED):
        raise SupervisionError("Log a cancelled or moved session here; write a record for "
                               "one that was held.")
    info = SessionInfo.made(status, reason=reason, moved_to=moved_to, on=on)
    person = sup.supervisee(person_id)
    template = sup.template(LIGHT_TEMPLATE)
    sections: dict[str, Any] = {SESSION_KEY: info.as_value()}
    for section in template.sections if template else ():
        if section.type == "supervisee":
            sections[section.id] = person.code_name
    entry = new_entry(f"{STATUSES[status]} session — {person.code_name}", kind="supervision",
                      happened_on=on, template_id=template.id if template else LIGHT_TEMPLATE,
                      sections=sections, person_id=person_id)
    return sup.save_record(entry).entry


@dataclass(frozen=True)
class Regularity:
    """Sessions in the last :data:`REGULARITY_MONTHS` months. ``average_weeks`` is the mean
    gap between held sessions (None with fewer than two)."""

    months: int
    held: int
    cancelled: int
    moved: int
    average_weeks: float | None


def regularity(entries: Iterable[Entry], today: date,
               months: int = REGULARITY_MONTHS) -> Regularity:
    """From a supervisee's records (deleted ones left out): held sessions only count."""
    since = today - timedelta(days=round(months * 365.25 / 12))
    held: list[date] = []
    counts = {CANCELLED: 0, MOVED: 0}
    for entry in entries:
        if entry.deleted_at is not None or entry.kind != "supervision" \
                or not since <= entry.happened_on <= today:
            continue
        status = session_of(entry).status
        if status == HELD:
            held.append(entry.happened_on)
        else:
            counts[status] += 1
    held.sort()
    gaps = [(b - a).days for a, b in pairwise(held)]
    average = round(sum(gaps) / len(gaps) / 7, 1) if gaps else None
    return Regularity(months, len(held), counts[CANCELLED], counts[MOVED], average)


def regularity_text(reg: Regularity) -> str:
    """"6 held in the last 6 months, every 4.1 weeks on average; 1 cancelled"."""
    text = f"{reg.held} held in the last {reg.months} months"
    if reg.average_weeks is not None:
        text += f", every {reg.average_weeks:.1f} weeks on average"
    extra = [f"{n} {word}" for n, word in ((reg.cancelled, "cancelled"), (reg.moved, "moved"))
             if n]
    return text + ("; " + ", ".join(extra) if extra else "")
