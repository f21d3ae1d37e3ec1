"""Deleting every note about one supervisee, for good.

What goes (``reflect.store.erase``): the supervisee, every record about them (the trash
included) with the session, agreement and comments, cases discussed and disagreements those
records hold, the records' search index rows, their actions, the links other records had to
those actions, and the drafts of their records. The free space is overwritten
(``secure_delete``), the search index merged so no old segment keeps a word, and the
write-ahead log checkpointed and truncated. There is no undo.

The rule for records that name them but are about someone else (a group supervision where
they observed, the leader's own supervision that took up their request): deletion is refused,
and the refusal lists those records, so the leader edits the name out first. Rewriting other
people's records automatically would guess at what is theirs (a code name such as "Wren" can
be a word of the text), and deleting them would lose someone else's notes.

Also refused, with nothing changed: a supervisee on legal hold (the message names the hold's
note), and a typed code name that does not match.

Backups are copies made earlier: they keep the notes until they rotate out (automatic ones)
or are deleted (the others); :func:`backups_statement` says how many and since when.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from reflect.common.dates import uk_date
from reflect.common.errors import ReflectError
from reflect.journal.journal import Journal
from reflect.store import backups as backup_store
from reflect.store import erase
from reflect.store import people as people_store
from reflect.store.erase import Mention


class DeletionRefused(ReflectError, ValueError):
    """The deletion was not made; nothing changed. The message says why and what to do."""


@dataclass(frozen=True)
class BackupsHeld:
    """The journal's own backups made before now: each may hold a copy."""

    count: int
    oldest: datetime | None
    manual: int  # not automatic: never rotated out, deleted only by the leader


@dataclass(frozen=True)
class DeletionPlan:
    """What deleting one supervisee would remove, and what stands in its way."""

    person_id: int
    code_name: str
    records: int
    actions: int
    drafts: int
    mentions: tuple[Mention, ...]
    legal_hold: bool
    hold_note: str
    backups: BackupsHeld

    @property
    def blocked(self) -> str:
        """Why it cannot be done now ("" when it can)."""
        if self.legal_hold:
            return hold_message(self.code_name, self.hold_note, tried=False)
        if self.mentions:
            return mentions_message(self.code_name, self.mentions, tried=False)
        return ""

    def summary(self) -> str:
        """"4 records, 6 actions and 1 draft about Plover" for the confirmation."""
        return (f"{_count(self.records, 'record')}, {_count(self.actions, 'action')} and "
                f"{_count(self.drafts, 'draft')} about {self.code_name}")


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def hold_message(code_name: str, note: str, tried: bool = True) -> str:
    """Why a held supervisee cannot be deleted; ``tried``: after an attempt (else before)."""
    held = f"{code_name}'s notes are on legal hold ({note or 'no reason written'})"
    if tried:
        return f"{held}; nothing was deleted. Lift the hold in Edit supervisee once it has ended."
    return f"{held}, so they cannot be deleted. Lift the hold in Edit supervisee once it has ended."


def mentions_message(code_name: str, mentions: tuple[Mention, ...], tried: bool = True) -> str:
    shown = "; ".join(f"{m.title or 'Untitled'} ({uk_date(m.happened_on, short=True)})"
                      for m in mentions[:5])
    more = f" and {len(mentions) - 5} more" if len(mentions) > 5 else ""
    return (f"{_count(len(mentions), 'other record')} name{'s' if len(mentions) == 1 else ''} "
            f"{code_name}: {shown}{more}. Edit the name out of "
            f"{'it' if len(mentions) == 1 else 'them'} first"
            f"{'; nothing was deleted.' if tried else ', then delete.'}")


def backups_held(journal: Journal) -> BackupsHeld:
    found = backup_store.list_backups(journal.folder)
    return BackupsHeld(len(found), min((b.made_at for b in found), default=None),
                       sum(1 for b in found if not b.is_automatic))


def backups_statement(held: BackupsHeld) -> str:
    """The plain statement the confirmation and the command line show."""
    if held.count == 0 or held.oldest is None:
        return ("There are no backups in the journal's backups folder. Copies you made to "
                "another folder or drive still hold these notes until you delete them.")
    one = held.manual == 1
    kept = (f" {held.manual} of them {'is' if one else 'are'} not automatic and "
            f"{'stays until you delete it' if one else 'stay until you delete them'}."
            if held.manual else "")
    return (f"Backups made before this deletion still hold copies until they rotate out "
            f"({_count(held.count, 'backup')}, the oldest from {uk_date(held.oldest.date())})."
            f"{kept} Copies you made to another folder or drive stay until you delete "
            "them.")


def plan(journal: Journal, person_id: int) -> DeletionPlan:
    """What :func:`delete_supervisee` would remove; nothing is written."""
    with journal.vault.session() as session:
        person = people_store.get(session, person_id)
        if person is None:
            raise DeletionRefused("That supervisee no longer exists; nothing was deleted.")
        found = erase.footprint(session, person_id, person.code_name)
        code_name, hold, note = person.code_name, person.legal_hold, person.legal_hold_note
    return DeletionPlan(person_id, code_name, len(found.entry_ids), len(found.action_ids),
                        len(found.draft_keys), found.mentions, hold, note,
                        backups_held(journal))


@dataclass(frozen=True)
class Deleted:
    """What was removed."""

    code_name: str
    records: int
    actions: int
    drafts: int
    deleted_on: date


def delete_supervisee(journal: Journal, person_id: int, typed_code_name: str) -> Deleted:
    """Remove every note about the supervisee for good, once the leader has typed their code
    name (ignoring case and spaces at the ends). Refused with nothing changed on a legal hold,
    a mismatch, or other records that name them."""
    with journal.vault.session() as session:
        erase.secure_delete_on(session)
        person = people_store.get(session, person_id)
        if person is None:
            raise DeletionRefused("That supervisee no longer exists; nothing was deleted.")
        name = person.code_name
        if person.legal_hold:
            raise DeletionRefused(hold_message(name, person.legal_hold_note))
        if " ".join(str(typed_code_name).split()).lower() != name.lower():
            raise DeletionRefused(f"Type the code name {name} exactly to confirm; nothing was "
                                  "deleted.")
        found = erase.footprint(session, person_id, name)
        if found.mentions:
            raise DeletionRefused(mentions_message(name, found.mentions))
        erase.erase(session, found)
    erase.scrub(journal.vault.live_engine())
    return Deleted(name, len(found.entry_ids), len(found.action_ids), len(found.draft_keys),
                   date.today())
