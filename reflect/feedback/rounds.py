"""360 rounds as the leader runs them: named and dated, with the rater groups invited and how
many forms went to each, and how many came back. No rater is named anywhere.

Plain functions over the :class:`~reflect.journal.journal.Journal`; the rows are kept by
:mod:`reflect.store.feedback`. Qt-free, SQL-free.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from reflect.common.dates import uk_date
from reflect.common.errors import ReflectError
from reflect.feedback.groups import RATER_GROUPS
from reflect.feedback.round_info import RoundInfo
from reflect.store import feedback as store
from reflect.store.entries import utc_now
from reflect.store.models import FeedbackRound

if TYPE_CHECKING:
    from reflect.journal.journal import Journal

NAME_MAX = 80  # a round's name heads every form and names its files
MAX_FORMS_PER_GROUP = 100  # a 360 round asks a handful; a typo of 4000 would write 4000 files
GROUP_NAMES = tuple(group.name for group in RATER_GROUPS)


class FeedbackError(ReflectError):
    """A round or a return that cannot be made as asked; the message says what to do."""

    exit_code = 2


class FormsExist(FeedbackError):
    """A form would replace a file already there; nothing was written."""

    exit_code = 8


@dataclass(frozen=True)
class Round:
    """One round, detached from the database. ``invited``: group name -> forms sent;
    ``returned``: group name -> returns counted (forms imported and typed returns)."""

    id: int
    uid: str
    name: str
    opened_on: date
    closed_on: date | None = None
    invited: Mapping[str, int] = field(default_factory=dict)
    returned: Mapping[str, int] = field(default_factory=dict)

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    @property
    def forms_sent(self) -> int:
        return sum(self.invited.values())

    @property
    def returns(self) -> int:
        return sum(self.returned.values())

    @property
    def groups(self) -> tuple[str, ...]:
        """Every group invited or returned, in the form's order (others' own names last)."""
        present = set(self.invited) | set(self.returned)
        known = [name for name in GROUP_NAMES if name in present]
        return (*known, *sorted(present - set(GROUP_NAMES)))


def round_info(round: Round) -> RoundInfo:
    """What the form and its reader know of the round."""
    return RoundInfo(round.uid, round.name, round.opened_on)


def group_name(text: str) -> str | None:
    """A rater group as a person types it ("Peers", "team_member", "Line Manager") -> its
    stored name, or None when it is not one of the round's groups."""
    clean = " ".join(text.replace("_", " ").split()).lower()
    for candidate in (clean, clean[:-1] if clean.endswith("s") else clean):
        for group in RATER_GROUPS:
            if candidate in (group.name, group.label.lower()):
                return group.name
    return None


def _of(row: FeedbackRound, returned: Mapping[str, int] | None = None) -> Round:
    invited = {str(k): int(v) for k, v in (row.invited or {}).items()}
    return Round(row.id or 0, row.uid, row.name, row.opened_on, row.closed_on, invited,
                 dict(returned or {}))


def _invited(invited: Mapping[str, int]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for given, count in invited.items():
        name = group_name(given)
        if name is None:
            raise FeedbackError(f"“{given}” is not a rater group: invite one of "
                                f"{', '.join(GROUP_NAMES)}.")
        if name in counts:
            raise FeedbackError(f"The {name} group is invited twice: give it once, with the "
                                "number of forms sent.")
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise FeedbackError(f"The forms sent to the {name} group must be a whole number, "
                                f"0 or more, not {count!r}.")
        if count > MAX_FORMS_PER_GROUP:
            raise FeedbackError(f"{count} forms for the {name} group is more than the "
                                f"{MAX_FORMS_PER_GROUP} a round can send to one group: "
                                "check the number.")
        counts[name] = count
    if not any(counts.values()):
        raise FeedbackError("A round needs at least one form: invite a group, such as "
                            "peer=4.")
    return {name: counts[name] for name in GROUP_NAMES if counts.get(name)}


def clean_name(name: str) -> str:
    """A round's name as stored: spaces made single, ends trimmed; refused when empty or
    long, in a sentence."""
    clean = " ".join(name.split())
    if not clean:
        raise FeedbackError("A round needs a name, such as “Autumn 2026”.")
    if len(clean) > NAME_MAX:
        raise FeedbackError(f"A round's name is at most {NAME_MAX} characters; this one has "
                            f"{len(clean)}: give a shorter name.")
    return clean


def create_round(journal: Journal, name: str, invited: Mapping[str, int],
                 opened_on: date | None = None) -> Round:
    """Open a round: ``invited`` maps a rater group to the forms sent to it (groups with none
    are left out). Its uid is printed into every form, so returned forms find it."""
    clean = clean_name(name)
    counts = _invited(invited)
    with journal.vault.session() as session:
        if store.round_by_name(session, clean) is not None:
            raise FeedbackError(f"A round called “{clean}” already exists: give the new round "
                                "another name.")
        row = store.add_round(session, FeedbackRound(
            uid=f"round-{uuid.uuid4().hex}", name=clean, opened_on=opened_on or date.today(),
            invited=counts, created_at=utc_now()))
        return _of(row)


def rounds(journal: Journal) -> list[Round]:
    """Every round, newest first, with its returns counted per group."""
    with journal.vault.session() as session:
        rows = store.list_rounds(session)
        counts = store.returns_per_group(session)
    return [_of(row, counts.get(row.id or 0)) for row in rows]


def get_round(journal: Journal, round_id: int) -> Round | None:
    with journal.vault.session() as session:
        row = store.get_round(session, round_id)
        if row is None:
            return None
        return _of(row, store.returns_per_group(session, [round_id]).get(round_id))


def find_round(journal: Journal, name_or_uid: str) -> Round:
    """The round of that name (any case) or uid; raises :class:`FeedbackError` naming the
    rounds there are."""
    wanted = " ".join(name_or_uid.split())
    with journal.vault.session() as session:
        row = store.round_by_name(session, wanted) or store.round_by_uid(session, wanted)
        if row is not None:
            return _of(row, store.returns_per_group(session, [row.id or 0]).get(row.id or 0))
        names = [r.name for r in store.list_rounds(session)]
    there = (f"the rounds are {', '.join(f'“{n}”' for n in names[:5])}" if names
             else "there are no rounds yet; start one with 'reflect feedback round new'")
    raise FeedbackError(f"There is no round called “{wanted}”: {there}.")


def close_round(journal: Journal, name_or_uid: str, closed_on: date | None = None) -> Round:
    """Close a round: no more forms are written or taken in for it."""
    found = find_round(journal, name_or_uid)
    day = closed_on or date.today()
    if found.closed_on is not None:
        raise FeedbackError(f"The round “{found.name}” was already closed on "
                            f"{uk_date(found.closed_on)}.")
    if day < found.opened_on:
        raise FeedbackError(f"The round “{found.name}” opened on {uk_date(found.opened_on)}, "
                            "after that day: give a closing date on or after it.")
    with journal.vault.session() as session:
        store.set_closed(session, found.id, day)
    return Round(found.id, found.uid, found.name, found.opened_on, day, found.invited,
                 found.returned)


def reopen_round(journal: Journal, name_or_uid: str) -> Round:
    """Open a closed round again, so a late form can still be taken in."""
    found = find_round(journal, name_or_uid)
    if found.closed_on is not None:
        with journal.vault.session() as session:
            store.set_closed(session, found.id, None)
    return Round(found.id, found.uid, found.name, found.opened_on, None, found.invited,
                 found.returned)
