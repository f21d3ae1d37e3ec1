"""Team climate check-ins over the journal: record one (the leader's now and ideal on the six
dimensions, for the climate they create or experience), correct its ratings and note, delete
it with undo, add team members' paper responses, and read them back for the views.

A check-in each quarter (Home reminds); the numbers and the small-group rule are in
:mod:`reflect.climate.views`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from reflect.climate.errors import ClimateError
from reflect.climate.views import PERSPECTIVES, SCORES, CheckIn, is_due, latest
from reflect.content.climate import climate_content
from reflect.store import climate as store
from reflect.store.entries import utc_now
from reflect.store.models import ClimateCheckIn

if TYPE_CHECKING:
    from reflect.journal.journal import Journal

__all__ = ["CheckIn", "ClimateError", "Deleted"]

#: What a chooser holds for one dimension: (now, ideal), either None while not chosen.
Chosen = Mapping[str, tuple[int | None, int | None]]


@dataclass(frozen=True)
class Deleted:
    """A deleted check-in, whole, so Undo can put it back as it was."""

    checkin: CheckIn
    created_at: datetime


def _clean(scores: Chosen) -> dict[str, tuple[int, int]]:
    """Known dimensions in order, each both rated 1–5 or both left out; at least one rated."""
    content = climate_content()
    known = {d.id: d.name for d in content.dimensions}
    unknown = [key for key in scores if key not in known]
    if unknown:
        raise ClimateError(f"'{unknown[0]}' is not a climate dimension; choose from "
                           f"{', '.join(known)}.")
    clean: dict[str, tuple[int, int]] = {}
    for dimension in content.dimensions:
        now, ideal = scores.get(dimension.id, (None, None))
        if now is None and ideal is None:
            continue
        for value in (now, ideal):
            if value is not None and (isinstance(value, bool) or value not in SCORES):
                raise ClimateError(f"{dimension.name}: a score runs from 1 to 5, not "
                                   f"{value!r}.")
        if now is None or ideal is None:
            missing = "now" if now is None else "ideal"
            raise ClimateError(f"{dimension.name} has no {missing} score: choose both, or "
                               "leave both empty to skip it.")
        clean[dimension.id] = (now, ideal)
    if not clean:
        raise ClimateError("Nothing is rated yet: choose now and ideal for at least one "
                           "dimension.")
    return clean


def _perspective(value: str) -> str:
    if value not in PERSPECTIVES:
        raise ClimateError(f"'{value}' is not a perspective; use 'create' (the climate you "
                           "create for your team) or 'experience' (from your manager).")
    return value


def record(journal: Journal, scores: Chosen, *, perspective: str = "create",
           checked_on: date | None = None, note: str = "") -> int:
    """A new check-in; its id. Refused (nothing written) with the reason."""
    clean, perspective = _clean(scores), _perspective(perspective)
    on = checked_on or date.today()
    row = ClimateCheckIn(checked_on=on, perspective=perspective, note=note.strip(),
                         created_at=utc_now())
    with journal.vault.session() as session:
        return store.add_checkin(session, row, clean)


def _row(session: store.Session, checkin_id: int) -> ClimateCheckIn:
    row = store.checkin(session, checkin_id)
    if row is None:
        raise ClimateError("That check-in is no longer in the journal; reload the page.")
    return row


def correct(journal: Journal, checkin_id: int, scores: Chosen, *, note: str,
            checked_on: date | None = None) -> None:
    """Put right a check-in's ratings and note (and its day, when given)."""
    clean = _clean(scores)
    with journal.vault.session() as session:
        row = _row(session, checkin_id)
        row.note = note.strip()
        if checked_on is not None:
            row.checked_on = checked_on
        store.update(session, row)
        store.set_scores(session, checkin_id, clean)


def add_response(journal: Journal, checkin_id: int, scores: Chosen) -> int:
    """One team member's paper response (no name) under a check-in; its id."""
    clean = _clean(scores)
    with journal.vault.session() as session:
        _row(session, checkin_id)
        return store.add_response(session, checkin_id, clean, utc_now())


def checkins(journal: Journal, perspective: str | None = None) -> tuple[CheckIn, ...]:
    """Every check-in (of one perspective), oldest first, with its responses."""
    with journal.vault.session() as session:
        rows = store.checkins(session, perspective)
        ids = [r.id for r in rows if r.id is not None]
        own, team = store.own_scores(session, ids), store.response_scores(session, ids)
    return tuple(CheckIn(r.id or 0, r.checked_on, r.perspective, r.note, own.get(r.id or 0, {}),
                         tuple(team.get(r.id or 0, ()))) for r in rows)


def checkin(journal: Journal, checkin_id: int) -> CheckIn | None:
    return next((c for c in checkins(journal) if c.id == checkin_id), None)


def latest_checkin(journal: Journal, perspective: str = "create") -> CheckIn | None:
    return latest(checkins(journal, perspective), perspective)


def delete(journal: Journal, checkin_id: int) -> Deleted:
    """Delete a check-in with its responses; what :func:`undo_delete` needs to put it back."""
    found = checkin(journal, checkin_id)
    with journal.vault.session() as session:
        row = _row(session, checkin_id)
        made = row.created_at
        store.delete_checkin(session, row)
    assert found is not None
    return Deleted(found, made)


def undo_delete(journal: Journal, deleted: Deleted) -> int:
    """Put a deleted check-in back as it was, under its old id when that is free."""
    old = deleted.checkin
    with journal.vault.session() as session:
        free = store.checkin(session, old.id) is None
        row = ClimateCheckIn(id=old.id if free else None, checked_on=old.checked_on,
                             perspective=old.perspective, note=old.note,
                             created_at=deleted.created_at)
        checkin_id = store.add_checkin(session, row, old.scores)
        for response in old.responses:
            store.add_response(session, checkin_id, response, deleted.created_at)
    return checkin_id


def last_checked_on(journal: Journal) -> date | None:
    """The day of the latest check-in, either perspective."""
    found = checkins(journal)
    return max((c.checked_on for c in found), default=None)


def due(journal: Journal, today: date | None = None) -> bool:
    """Whether Home should remind: no check-in yet, or the last is 90 days old or more."""
    return is_due(last_checked_on(journal), today or date.today())
