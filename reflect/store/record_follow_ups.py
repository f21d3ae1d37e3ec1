"""The earlier actions a record followed up, and what the trash does to them.

A record decides earlier actions in two ways: done or dropped (linked from the record's
``sections`` under :data:`~reflect.store.actions.FOLLOW_UPS_KEY`), or carried forward (one of
the record's own actions continues it, ``carried_from_id``). :func:`reviewed_in` lists both.

A record in the trash does not exist, so its decisions do not count: :func:`set_aside`
reopens what it closed and keeps, in the record itself (:data:`SET_ASIDE_KEY`), what to close
again; :func:`bring_back` closes those again when the record is restored, unless the action
was decided elsewhere in the meantime (then that decision stands and the record's is
forgotten). Emptying the trash leaves the actions open. Both run inside the caller's
transaction, with the record's own move in or out of the trash.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from reflect.common.ids import saved_id
from reflect.store import actions as action_store
from reflect.store import entries as entry_store
from reflect.store.actions import CARRIED, DONE, DROPPED, FOLLOW_UPS_KEY, OPEN, ActionRow
from reflect.store.models import Action, Entry

#: In a record in the trash: the decisions it made, set aside until it is restored.
SET_ASIDE_KEY = "_set_aside"


@dataclass(frozen=True)
class Reviewed:
    """An earlier action decided in a record: ``status`` done, dropped or carried; ``note``
    the outcome or reason (carried: ""); a carry's continuation in the record and its due
    date."""

    action: ActionRow
    status: str
    note: str
    continuation_id: int | None = None
    due_on: date | None = None


def reviewed_in(session: Session, entry: Entry) -> list[Reviewed]:
    """What ``entry`` decided about earlier actions, in the order they were agreed. A link
    whose action is gone, or no longer in that state, is left out."""
    found: list[Reviewed] = []
    for link in action_store.follow_ups(entry):
        row = _live_row(session, link.get("followed_up"))
        if row is not None and row.status == link.get("status") in (DONE, DROPPED):
            found.append(Reviewed(row, row.status, row.outcome or row.reason))
    for action in action_store.for_entry(session, saved_id(entry)):
        row = _live_row(session, action.carried_from_id)
        if row is not None and row.status == CARRIED:
            found.append(Reviewed(row, CARRIED, "", action.id, action.due_on))
    return sorted(found, key=lambda r: r.action.id)


def _live_row(session: Session, action_id: object) -> ActionRow | None:
    if not isinstance(action_id, int):
        return None
    row = action_store.row(session, action_id)
    if row is None or row.entry_id is None:
        return row
    agreed_in = session.get(Entry, row.entry_id)
    return row if agreed_in is not None and agreed_in.deleted_at is None else None


def set_aside(session: Session, entry_id: int) -> None:
    """Before ``entry_id`` goes to the trash: reopen the actions it closed."""
    entry = session.get(Entry, entry_id)
    if entry is None or entry.deleted_at is not None:
        return
    aside: list[dict] = []
    for link in action_store.follow_ups(entry):
        action = _action(session, link.get("followed_up"))
        if action is not None and action.status == link.get("status") in (DONE, DROPPED):
            aside.append({"action": action.id, "status": action.status,
                          "note": action.outcome or action.reason})
            _reopen(session, action)
    for continuation in action_store.for_entry(session, entry_id):
        earlier = _action(session, continuation.carried_from_id)
        if earlier is not None and earlier.status == CARRIED:
            aside.append({"action": earlier.id, "status": CARRIED,
                          "continuation": continuation.id})
            continuation.carried_from_id = None  # the earlier one is open: not carried
            session.add(continuation)
            _reopen(session, earlier)
    if aside:
        sections = {k: v for k, v in (entry.sections or {}).items() if k != FOLLOW_UPS_KEY}
        entry.sections = {**sections, SET_ASIDE_KEY: aside}
        entry_store.save(session, entry)


def bring_back(session: Session, entry_id: int) -> None:
    """After ``entry_id`` left the trash: close again what it had closed, where the action
    is still open; a record trashed by an older version has nothing set aside."""
    entry = session.get(Entry, entry_id)
    if entry is None or entry.deleted_at is not None:
        return
    aside = (entry.sections or {}).get(SET_ASIDE_KEY)
    if aside is None:
        return
    entry.sections = {k: v for k, v in (entry.sections or {}).items() if k != SET_ASIDE_KEY}
    entry_store.save(session, entry)
    for item in aside if isinstance(aside, list) else []:
        action = _action(session, item.get("action")) if isinstance(item, dict) else None
        if action is None or action.status != OPEN:
            continue  # gone, or decided elsewhere meanwhile: that decision stands
        status = item.get("status")
        if status in (DONE, DROPPED) and str(item.get("note") or "").strip():
            note = {"outcome" if status == DONE else "reason": str(item["note"])}
            _refresh(session, action_store.close(session, action, status, entry.happened_on,
                                                 **note))
            action_store.link_follow_up(session, entry, action)
        elif status == CARRIED:
            continuation = _action(session, item.get("continuation"))
            if continuation is None or continuation.entry_id != entry_id:
                continue
            continuation.carried_from_id = action.id
            action.status, action.closed_on = CARRIED, entry.happened_on
            session.add_all([continuation, action])
            session.flush()
            _refresh(session, {action.entry_id, entry_id})


def _action(session: Session, action_id: object) -> Action | None:
    return action_store.get(session, action_id) if isinstance(action_id, int) else None


def _reopen(session: Session, action: Action) -> None:
    action.status, action.outcome, action.reason, action.closed_on = OPEN, "", "", None
    session.add(action)
    session.flush()
    _refresh(session, {action.entry_id})


def _refresh(session: Session, entry_ids: set[int | None]) -> None:
    """Rewrite the search copy of these records' actions where they keep one."""
    for entry_id in entry_ids - {None}:
        entry = session.get(Entry, entry_id)
        key = next((k for k, v in (entry.sections or {}).items() if isinstance(v, list)
                    and v and all(isinstance(i, dict) and "action_id" in i for i in v)),
                   None) if entry is not None else None
        if entry is not None and key is not None:
            action_store.write_snapshot(session, entry, key)
