"""The session a supervision record keeps: held, moved (to a new date) or cancelled (with a
reason), how long, planned or ad hoc. Stored under the reserved key ``_session`` in the
record's ``sections`` (:data:`reflect.store.people.SESSION_KEY`); a record without one was a
planned session that was held.

Below :mod:`reflect.supervision.records` and the exports, which show it; regularity and
logging a session on its own are in :mod:`reflect.supervision.sessions`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from reflect.common.dates import uk_date
from reflect.store.models import Entry
from reflect.store.people import SESSION_KEY
from reflect.supervision.errors import SupervisionError

HELD, MOVED, CANCELLED = "held", "moved", "cancelled"
STATUSES = {HELD: "Held", MOVED: "Moved", CANCELLED: "Cancelled"}
REASON_MAX = 500
MINUTES_MAX = 8 * 60


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


def session_line(info: SessionInfo) -> str:
    """For a record's export: "Held · planned · 90 minutes", "Cancelled · planned · reason:
    sickness", "Moved to 10 March 2026 · reason: …"."""
    parts = [STATUSES[info.status] if info.status != MOVED
             else f"Moved to {uk_date(info.moved_to)}"]
    parts.append("planned" if info.planned else "ad hoc")
    if info.minutes:
        parts.append(f"{info.minutes} minutes")
    if info.reason:
        parts.append(f"reason: {info.reason}")
    return " · ".join(parts)


def check_recorded(value: Any, on: date) -> None:
    """Refuse a record whose session is moved or cancelled without saying why (or, moved,
    to when): the quick log asks for the reason, and a whole record must too."""
    if value is None:
        return
    info = SessionInfo.from_value(value)
    if info.held:
        return
    if not info.reason.strip():
        raise SupervisionError(f"The session at the top of this record is marked {info.status}: "
                               "write why in its reason box, then save again.")
    SessionInfo.made(info.status, info.planned, info.minutes, info.reason, info.moved_to, on=on)
