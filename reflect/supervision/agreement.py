"""Agreeing a supervision record: when it was shared with the supervisee, when they agreed
it, and their comments on it, each dated (a record may go back and forth more than once).

It is record-level data, not a template answer, so it lives in the record's ``sections``
under the reserved key ``_agreement`` (template section ids start with a letter or digit):
``{"shared_on": "2026-03-04", "agreed_on": null, "comments": [{"on": "2026-03-06",
"text": "…", "via": "pdf"}]}``. Reading never raises on odd stored values (a draft or a
record from another version): what cannot be read is left out.

Home lists records of a supervisee not agreed some days after the session
(:func:`awaiting`); the days are a setting (``agree_within_days``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from reflect.common.dates import uk_date
from reflect.journal.journal import Journal
from reflect.store.models import Entry
from reflect.store.people import SESSION_KEY
from reflect.store.queries import EntryFilter

#: More supervision records than a manager writes in years; Home reads no further back.
SCAN_LIMIT = 5000

AGREEMENT_KEY = "_agreement"
DEFAULT_DAYS = 7
COMMENT_MAX = 10_000
#: Where a comment came from: typed into the form, or read back from the returned PDF.
VIA_TYPED, VIA_PDF = "typed", "pdf"


class AgreementError(ValueError):
    """A comment or agreement that cannot be taken; the message says why, for the user."""


@dataclass(frozen=True)
class Comment:
    """One round of the supervisee's comments on the record, dated."""

    on: date
    text: str
    via: str = VIA_TYPED

    def as_json(self) -> dict[str, str]:
        return {"on": self.on.isoformat(), "text": self.text, "via": self.via}


@dataclass(frozen=True)
class Agreement:
    shared_on: date | None = None
    agreed_on: date | None = None
    comments: tuple[Comment, ...] = field(default=())

    @property
    def empty(self) -> bool:
        return self.shared_on is None and self.agreed_on is None and not self.comments

    def as_json(self) -> dict[str, Any] | None:
        """What ``sections["_agreement"]`` holds; None when there is nothing to keep."""
        if self.empty:
            return None
        return {"shared_on": _iso(self.shared_on), "agreed_on": _iso(self.agreed_on),
                "comments": [c.as_json() for c in self.comments]}

    def with_comment(self, comment: Comment) -> Agreement:
        """Appended, unless the same words on the same day are already there (a returned
        PDF read back twice counts once)."""
        if any(c.on == comment.on and c.text == comment.text for c in self.comments):
            return self
        return replace(self, comments=(*self.comments, comment))

    def status(self) -> str:
        """One line for lists and exports."""
        if self.agreed_on is not None:
            return f"Agreed on {uk_date(self.agreed_on)}"
        if self.shared_on is not None:
            return f"Shared on {uk_date(self.shared_on)}, not agreed yet"
        return "Not shared with the supervisee yet"


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _day(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def clean_comment(text: str) -> str:
    """The comment's words, trimmed; refused when empty or far too long."""
    value = str(text or "").strip()
    if not value:
        raise AgreementError("Write the supervisee's comment first.")
    if len(value) > COMMENT_MAX:
        raise AgreementError(f"That comment is too long: keep it under {COMMENT_MAX:,} "
                             "characters.")
    return value


def parse(value: Any) -> Agreement:
    """An :class:`Agreement` from what ``sections["_agreement"]`` holds (anything)."""
    if not isinstance(value, Mapping):
        return Agreement()
    comments = []
    raw = value.get("comments")
    for item in raw if isinstance(raw, list) else ():
        if not isinstance(item, Mapping):
            continue
        on, text = _day(item.get("on")), item.get("text")
        if on is None or not isinstance(text, str) or not text.strip():
            continue
        via = item.get("via") if item.get("via") in (VIA_TYPED, VIA_PDF) else VIA_TYPED
        comments.append(Comment(on, text.strip(), str(via)))
    return Agreement(_day(value.get("shared_on")), _day(value.get("agreed_on")),
                     tuple(comments))


def agreement_of(entry: Entry) -> Agreement:
    return parse((entry.sections or {}).get(AGREEMENT_KEY))


def store(entry: Entry, agreement: Agreement) -> Entry:
    """Put ``agreement`` into the entry's sections (removed when empty); not saved."""
    sections = dict(entry.sections or {})
    value = agreement.as_json()
    if value is None:
        sections.pop(AGREEMENT_KEY, None)
    else:
        sections[AGREEMENT_KEY] = value
    entry.sections = sections
    return entry


@dataclass(frozen=True)
class Awaiting:
    """A record of a supervisee not agreed ``days`` after its session."""

    entry_id: int
    title: str
    happened_on: date
    days: int
    agreement: Agreement


def _held(entry: Entry) -> bool:
    """A cancelled or moved session (logged as a light record) has nothing to agree."""
    session = (entry.sections or {}).get(SESSION_KEY)
    return not isinstance(session, Mapping) or session.get("status") in (None, "held")


def awaiting(entries: Iterable[Entry], today: date,
             days: int = DEFAULT_DAYS) -> list[Awaiting]:
    """Records with a supervisee, not deleted and not agreed, whose session was ``days`` or
    more days ago, held sessions only; the longest waiting first. Counted from the session,
    not from sharing: a record nobody shared is the one most worth seeing."""
    out = []
    for entry in entries:
        if entry.person_id is None or entry.deleted_at is not None or entry.id is None:
            continue
        if entry.kind != "supervision" or not _held(entry):
            continue
        agreement = agreement_of(entry)
        waited = (today - entry.happened_on).days
        if agreement.agreed_on is None and waited >= max(0, days):
            out.append(Awaiting(entry.id, entry.title, entry.happened_on, waited, agreement))
    return sorted(out, key=lambda a: (-a.days, a.entry_id))


def awaiting_in(journal: Journal, today: date, days: int = DEFAULT_DAYS) -> list[Awaiting]:
    """:func:`awaiting` over the journal's supervision records."""
    until = date.fromordinal(max(1, today.toordinal() - max(0, days)))
    # Only records with a supervisee can await agreement: the others stay in the database
    # (at 100,000 entries, loading them whole cost 0.4 s at every unlock).
    entries = journal.list_entries(EntryFilter(kind="supervision", with_person=True,
                                               date_to=until), limit=SCAN_LIMIT)
    return awaiting(entries, today, days)
