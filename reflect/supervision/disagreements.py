"""Differences of opinion followed up: a record whose disagreement was left "Open" or
"Escalated" carries it, like an action, to the top of that supervisee's next record and onto
Home, until it is closed with how it was resolved and by whom.

Escalation is a way to resolve, not to punish (:func:`escalation_guidance`, quoted where
the follow-up is shown). As with actions (:class:`reflect.supervision.records.FollowUp`), a
resolution made in a record not saved yet belongs to that record: it is held with the
record's words and written in the same transaction, or never.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reflect.common.dates import uk_date
from reflect.common.errors import ReflectError
from reflect.content.guidance import Quote, quote
from reflect.journal.journal import Journal
from reflect.store import disagreements as store
from reflect.store.disagreements import OPEN_OUTCOMES, DisagreementRow
from reflect.store.models import Entry

__all__ = [
    "OPEN_OUTCOMES",
    "DisagreementError",
    "DisagreementRow",
    "Resolution",
    "apply",
    "escalation_guidance",
    "for_record",
    "open_disagreements",
    "reopen",
    "resolve_in",
    "resolved_line",
    "summary",
]

TEXT_MAX = 10_000


def escalation_guidance() -> Quote:
    """Para 117, shown where a difference of opinion is followed up (resources/guidance.toml)."""
    return quote("escalation")


class DisagreementError(ReflectError, ValueError):
    """A resolution that cannot be recorded; the message says why, for the user."""


def _required(text: str, what: str) -> str:
    value = " ".join(str(text or "").split())
    if not value:
        raise DisagreementError(f"Write {what} first.")
    if len(value) > TEXT_MAX:
        raise DisagreementError(f"That is too long for {what}.")
    return value


@dataclass(frozen=True)
class Resolution:
    """How the difference of opinion in record ``entry_id`` was resolved, and by whom."""

    entry_id: int
    how: str
    by: str

    @classmethod
    def made(cls, entry_id: int, how: str, by: str) -> Resolution:
        return cls(int(entry_id), _required(how, "how it was resolved"),
                   _required(by, "who resolved it"))

    def as_state(self) -> dict:
        return {"entry_id": self.entry_id, "how": self.how, "by": self.by}


def open_disagreements(journal: Journal, person_id: int | None = None) -> list[DisagreementRow]:
    """Every difference of opinion still open or escalated, oldest first (for Home)."""
    with journal.vault.session() as s:
        return [r for r in store.rows(s, person_id) if r.resolution is None]


def for_record(journal: Journal, person_id: int, record: Entry | None) -> list[DisagreementRow]:
    """What a record shows at its top: the supervisee's open disagreements from records
    before it (all of them for a new record), and those resolved in it."""
    record_id = record.id if record is not None else None
    with journal.vault.session() as s:
        found = store.rows(s, person_id)
    shown = []
    for row in found:
        if row.entry_id == record_id:
            continue
        if row.resolution is not None:
            if record_id is not None and row.resolution.get("in_entry") == record_id:
                shown.append(row)
            continue
        if record is None or (row.happened_on, row.entry_id) < (record.happened_on,
                                                                record_id or 0):
            shown.append(row)
    return shown


def apply(session, resolutions: Sequence[Resolution], record: Entry) -> None:
    """Write ``resolutions`` in the caller's transaction, on ``record``'s date, linked to it."""
    for resolution in resolutions:
        entry = session.get(Entry, resolution.entry_id)
        if entry is None or entry.deleted_at is not None:
            raise DisagreementError("The record with that difference of opinion no longer "
                                    "exists.")
        if entry.id == record.id:
            raise DisagreementError("A difference of opinion is closed in a later record.")
        store.resolve(session, entry, resolution.how, resolution.by, record.happened_on,
                      record.id)


def resolve_in(journal: Journal, record_id: int, resolution: Resolution) -> None:
    """Close it at once from a saved record (``record_id``)."""
    with journal.vault.session() as s:
        record = s.get(Entry, record_id)
        if record is None or record.deleted_at is not None:
            raise DisagreementError("That record no longer exists.")
        apply(s, [resolution], record)


def reopen(journal: Journal, entry_id: int) -> None:
    """Undo a resolution written earlier: the difference of opinion is open again."""
    with journal.vault.session() as s:
        entry = s.get(Entry, entry_id)
        if entry is not None:
            store.reopen(s, entry)


def resolved_line(row: DisagreementRow) -> str:
    """"Resolved 3 Mar 2026 by the service manager: a joint visit agreed"."""
    res = row.resolution or {}
    when = uk_date(str(res.get("on") or ""), short=True)
    return f"Resolved {when} by {res.get('by', '')}: {res.get('how', '')}"


def summary(row: DisagreementRow, width: int = 120) -> str:
    """The disagreement in one line: the record's challenge text, shortened."""
    words = " ".join(row.what.split()) or "No details written"
    return words if len(words) <= width else words[: width - 1].rstrip() + "…"
