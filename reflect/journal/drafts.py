"""The rules every editor follows for its encrypted draft, in one place.

A draft is written when the form differs from what was last kept, dropped when the person
types and then puts the text back, and never written for an untouched form. Failing to drop
a draft is harmless (it only reopens the same text), so that is logged, not shown.

What is stored is a :class:`Draft`, versioned so that a draft written by a newer Reflect (or
damaged) is reported and left in place rather than half-read into a form. Version 1 is the
layout Reflect has always written: a journal draft holds the form's fields at its top level,
a record draft holds them under ``"state"``. :class:`DraftKeeper` is the Qt-free part both
the entry editor and the record form share: what was saved, what the draft holds, and when
to write or drop it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import Enum, StrEnum
from typing import Any

from reflect.common.errors import ReflectError
from reflect.journal.journal import Journal

log = logging.getLogger(__name__)

DRAFT_VERSION = 1


class DraftKind(StrEnum):
    """Which editor a draft belongs to; also the first part of its key."""

    JOURNAL = "journal"
    SUPERVISION = "supervision"


#: The values beside the form's state that each kind of draft keeps (besides the envelope).
_META = {DraftKind.JOURNAL: ("prompt_id",), DraftKind.SUPERVISION: ("template_id", "person_id")}
_ENVELOPE = ("v", "entry_id", "uid", "saved_at")


class DraftUnreadable(ReflectError):
    """A stored draft this version cannot use; it is left as it is, never overwritten by a
    guess, so the version that wrote it can still open it."""


def draft_key(kind: DraftKind, entry_id: int | None, uid: str) -> str:
    """``<kind>:entry:<id>`` once saved, ``<kind>:new:<uid>`` before (the uid becomes the
    entry's own when it is saved)."""
    return f"{kind}:entry:{entry_id}" if entry_id is not None else f"{kind}:new:{uid}"


@dataclass(frozen=True)
class Draft:
    """One form's unsaved state and what it belongs to."""

    kind: DraftKind
    state: dict[str, Any]
    saved_at: str
    entry_id: int | None = None
    uid: str = ""
    meta: Mapping[str, Any] = field(default_factory=dict)
    version: int = DRAFT_VERSION

    @classmethod
    def now(cls, kind: DraftKind, state: dict[str, Any], *, entry_id: int | None, uid: str,
            **meta: Any) -> Draft:
        return cls(kind, dict(state), datetime.now(UTC).isoformat(), entry_id, uid, meta)

    def to_payload(self) -> dict[str, Any]:
        envelope = {"v": self.version, "entry_id": self.entry_id, "uid": self.uid,
                    **{key: self.meta.get(key) for key in _META[self.kind]},
                    "saved_at": self.saved_at}
        if self.kind is DraftKind.JOURNAL:
            return {**self.state, **envelope}
        return {**envelope, "state": dict(self.state)}

    @classmethod
    def from_payload(cls, kind: DraftKind, payload: object) -> Draft:
        """Read a stored draft. Raises :class:`DraftUnreadable` for one of an unknown or
        newer version, or with no form in it; wrong-typed values inside the state are the
        form's to ignore. A draft without a version predates the check: it is version 1."""
        if not isinstance(payload, dict):
            raise DraftUnreadable("The draft is not in a form Reflect can read.")
        version = payload.get("v", 1)
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise DraftUnreadable("The draft is in a format Reflect does not know.")
        if version > DRAFT_VERSION:
            raise DraftUnreadable(f"The draft was kept by a newer version of Reflect (draft "
                                  f"format {version}); open it there.")
        meta_keys = _META[kind]
        if kind is DraftKind.JOURNAL:
            state = {k: v for k, v in payload.items() if k not in _ENVELOPE + meta_keys}
        else:
            inner = payload.get("state")
            if not isinstance(inner, dict):
                raise DraftUnreadable("The draft has no record in it.")
            state = inner
        entry_id = payload.get("entry_id")
        uid, saved_at = payload.get("uid"), payload.get("saved_at")
        return cls(kind, dict(state), saved_at if isinstance(saved_at, str) else "",
                   entry_id if isinstance(entry_id, int) and not isinstance(entry_id, bool)
                   else None, uid if isinstance(uid, str) else "",
                   {key: payload.get(key) for key in meta_keys}, version)


class DraftStep(Enum):
    NOTHING = "nothing"  # unchanged since the last draft, or never touched
    DISCARD = "discard"  # typed, then put back as it was saved
    SAVE = "save"


def next_step(state: dict, baseline: dict | None, flushed: dict | None) -> DraftStep:
    """What to do with the draft of a form now in ``state``; ``baseline`` is the saved
    version and ``flushed`` what the draft holds (None: no draft)."""
    if state == flushed or (state == baseline and flushed is None):
        return DraftStep.NOTHING
    if state == baseline:
        return DraftStep.DISCARD
    return DraftStep.SAVE


def discard_quietly(journal: Journal, key: str) -> None:
    try:
        journal.discard_draft(key)
    except Exception as exc:  # a leftover draft only reopens the same text
        log.warning("a draft could not be discarded: %s", type(exc).__name__)


class DraftKeeper:
    """The draft bookkeeping of one form, shared by the entry editor and the record form.

    ``baseline`` is the form as last saved (or as first shown), ``flushed`` what the stored
    draft holds (None: no draft). The form owns its widgets and messages; this owns when to
    write and drop, so both forms follow the same rules.
    """

    def __init__(self, journal: Journal, kind: DraftKind) -> None:
        self.journal = journal
        self.kind = kind
        self.baseline: dict[str, Any] = {}
        self.flushed: dict[str, Any] | None = None

    def begin(self, baseline: dict[str, Any]) -> None:
        """A form was (re)loaded and now shows ``baseline``; no draft is applied yet."""
        self.baseline = baseline
        self.flushed = None

    def read(self, payload: object | None) -> Draft | None:
        """The stored draft to show on top of the baseline (None: none). Raises
        :class:`DraftUnreadable`; the draft is then left stored, untouched."""
        if payload is None:
            return None
        try:
            return Draft.from_payload(self.kind, payload)
        except DraftUnreadable as exc:
            log.warning("a draft was not opened: %s", exc)
            raise

    def restored(self, state: dict[str, Any]) -> None:
        """The form now shows a stored draft, read back as ``state``."""
        self.flushed = state

    def is_dirty(self, state: dict[str, Any]) -> bool:
        return state != self.baseline

    def kept(self, state: dict[str, Any]) -> bool:
        """Whether ``state`` is safe in the draft store right now."""
        return self.flushed is not None and self.flushed == state

    def flush(self, key: str, state: dict[str, Any], *, entry_id: int | None, uid: str,
              **meta: Any) -> DraftStep:
        """Write, drop or leave the draft under ``key``; raises if a write fails (the form
        says so: its text is then only on screen)."""
        step = next_step(state, self.baseline, self.flushed)
        if step is DraftStep.DISCARD:
            self.discard(key)
        elif step is DraftStep.SAVE:
            draft = Draft.now(self.kind, state, entry_id=entry_id, uid=uid, **meta)
            self.journal.save_draft(key, draft.to_payload())
            self.flushed = state
        return step

    def discard(self, key: str) -> None:
        discard_quietly(self.journal, key)
        self.flushed = None

    def retire(self, old_key: str) -> None:
        """Drop a draft left under a key the form no longer uses (it was re-keyed): the
        form's own draft stays kept, so it still says "Draft kept"."""
        discard_quietly(self.journal, old_key)

    def drop_unneeded(self, key: str) -> None:
        """The form is clean (or empty): a draft it still has would only repeat it."""
        if self.flushed is not None:
            self.discard(key)

    def saved(self, old_key: str, new_key: str, state: dict[str, Any]) -> None:
        """The form was saved and now shows ``state``: its draft (under the key it had
        before saving, which changes for a new entry) is no longer needed."""
        if self.flushed is not None or old_key != new_key:
            discard_quietly(self.journal, old_key)
        self.baseline = state
        self.flushed = None
