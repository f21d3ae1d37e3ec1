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

from reflect.common.dates import uk_date
from reflect.journal.journal import new_entry
from reflect.store.models import Entry
from reflect.store.people import SESSION_KEY
from reflect.supervision.records import Supervision, SupervisionError

__all__ = ["CANCELLED", "HELD", "MOVED", "SESSION_KEY", "STATUSES", "Regularity", "SessionInfo",
           "history_note", "log_session", "regularity", "regularity_text", "session_of"]

HELD, MOVED, CANCELLED = "held", "moved", "cancelled"
STATUSES = {HELD: "Held", MOVED: "Moved", CANCELLED: "Cancelled"}
REASON_MAX = 500
MINUTES_MAX = 8 * 60
REGULARITY_MONTHS = 6
LIGHT_TEMPLATE = "one_to_one"


@dataclass(frozen=True)
class SessionInfo:
    """One session as a record keeps it. ``minutes`` None: not given."""

    status: str = HELD
    planned: bool = True
    minutes: int | None = None
    reason: str = ""
    moved_to: date | None = None

    @property
    def held(self) -> bool:
        return self.status == HELD

    @classmethod
    def made(cls, status: str, planned: bool = True, minutes: int | None = None,
             reason: str = "", moved_to: date | None = None,
             on: date | None = None) -> SessionInfo:
        """Checked: a cancelled or moved session says why; a moved one says to when."""
        if status not in STATUSES:
            raise SupervisionError(f"A session is held, moved or cancelled, not {status}.")
        why = " ".join(str(reason or "").split())
        if len(why) > REASON_MAX:
            raise SupervisionError("That reason is too long: keep it to a sentence or two.")
        if status != HELD and not why:
            raise SupervisionError(f"Say why the session was {status}.")
        if minutes is not None and not 0 < minutes <= MINUTES_MAX:
            raise SupervisionError("A session lasts between 1 minute and 8 hours.")
        if status == MOVED and moved_to is None:
            raise SupervisionError("Give the date the session was moved to.")
        if status == MOVED and on is not None and moved_to is not None and moved_to <= on:
            raise SupervisionError("A session is moved to a later date.")
        return cls(status, bool(planned), minutes, why if status != HELD else "",
                   moved_to if status == MOVED else None)

    def as_value(self) -> dict[str, Any] | None:
        """For ``sections``; None for a planned, held session with no duration (the default,
        so records written before sessions existed read the same)."""
        if self == SessionInfo():
            return None
        value: dict[str, Any] = {"status": self.status, "planned": self.planned}
        if self.minutes is not None:
            value["minutes"] = self.minutes
        if self.reason:
            value["reason"] = self.reason
        if self.moved_to is not None:
            value["moved_to"] = self.moved_to.isoformat()
        return value

    @classmethod
    def from_value(cls, value: Any) -> SessionInfo:
        """What a record stored; anything unreadable reads as the default."""
        if not isinstance(value, dict):
            return cls()
        status = value.get("status") if value.get("status") in STATUSES else HELD
        minutes = value.get("minutes")
        try:
            moved = date.fromisoformat(str(value.get("moved_to"))[:10]) \
                if value.get("moved_to") else None
        except ValueError:
            moved = None
        return cls(str(status), value.get("planned") is not False,
                   minutes if isinstance(minutes, int) and minutes > 0 else None,
                   str(value.get("reason") or ""), moved)


def session_of(entry: Entry) -> SessionInfo:
    return SessionInfo.from_value((entry.sections or {}).get(SESSION_KEY))


def history_note(entry: Entry) -> str:
    """For the supervisee's list of records: "Cancelled: sickness", "Moved to 10 Mar 2026:
    …", "Held, ad hoc, 50 min"; "" for a planned held session with nothing more to say."""
    info = session_of(entry)
    if info.status == CANCELLED:
        return f"Cancelled: {info.reason}"
    if info.status == MOVED:
        return f"Moved to {uk_date(info.moved_to, short=True)}: {info.reason}"
    parts = [] if info.planned else ["ad hoc"]
    if info.minutes:
        parts.append(f"{info.minutes} min")
    return ", ".join(parts)


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
