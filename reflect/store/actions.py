"""Agreed actions (``action`` rows): the SQL behind records, the Actions view and Home.

Everything runs inside the caller's transaction. The life of an action (agree, close, carry,
reopen, remove) is kept consistent here, as the table's own integrity; what a user must write
(an outcome before "done", a reason before "dropped") is checked in ``reflect.supervision.records``.

Lists are one SQL statement over the indexed ``status``, ``due_on`` and ``person_id`` columns,
joined to the supervisee and the record, paged with LIMIT/OFFSET, and returned as small
frozen :class:`ActionRow` values, so the Actions view stays quick at thousands of actions.
Actions on records in the trash are left out everywhere, and come back with the record.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import text
from sqlalchemy.orm.attributes import flag_modified
from sqlmodel import Session, col, select

from reflect.common.errors import ReflectError
from reflect.common.ids import saved_id
from reflect.store import entries as entry_store
from reflect.store.entries import utc_now
from reflect.store.models import Action, Entry
from reflect.store.queries import _as_date

OPEN, DONE, DROPPED, CARRIED = "open", "done", "dropped", "carried"
STATUSES: tuple[str, ...] = (OPEN, DONE, DROPPED, CARRIED)
#: In a record's ``sections``: the earlier actions done or dropped in it, so the record
#: shows (and search finds) its follow-ups, and undoing one takes it out again. Template
#: section ids start with a letter or digit, so no section ever has this key.
FOLLOW_UPS_KEY = "_follow_ups"


class ActionStateError(ReflectError, ValueError):
    """A change that would break an action's history; the message is for the user."""


@dataclass(frozen=True)
class ActionRow:
    """One action as a list shows it, with the supervisee's code name and its record."""

    id: int
    entry_id: int | None
    person_id: int | None
    code_name: str | None
    description: str
    owner: str
    due_on: date | None
    status: str
    outcome: str
    reason: str
    closed_on: date | None
    carried_from_id: int | None
    entry_title: str | None
    entry_happened_on: date | None

    def is_overdue(self, today: date) -> bool:
        """Open and due before ``today`` (due today is not overdue yet)."""
        return self.status == OPEN and self.due_on is not None and self.due_on < today

    def days_overdue(self, today: date) -> int:
        if self.due_on is None or not self.is_overdue(today):
            return 0
        return (today - self.due_on).days


@dataclass(frozen=True)
class ActionCounts:
    """How many actions are in each status; ``overdue`` counts open ones past their date."""

    open: int = 0
    done: int = 0
    dropped: int = 0
    carried: int = 0
    overdue: int = 0

    @property
    def total(self) -> int:
        return self.open + self.done + self.dropped + self.carried


@dataclass(frozen=True)
class ActionFilter:
    """What the Actions view filters on; every field left as None matches everything.

    ``status`` is one status or several; ``overdue_as_of`` keeps only open actions due
    before that date.
    """

    person_id: int | None = None
    status: str | tuple[str, ...] | None = None
    overdue_as_of: date | None = None
    entry_id: int | None = None


_SELECT = (
    "SELECT a.id, a.entry_id, a.person_id, p.code_name, a.description, a.owner, a.due_on, "
    "a.status, a.outcome, a.reason, a.closed_on, a.carried_from_id, e.title, e.happened_on "
    "FROM action a LEFT JOIN entry e ON e.id = a.entry_id "
    "LEFT JOIN person p ON p.id = a.person_id "
)
_LIVE = "(a.entry_id IS NULL OR e.deleted_at IS NULL)"
# Open first, then by due date (undated last), then in the order they were agreed.
_ORDER = " ORDER BY a.status <> 'open', a.due_on IS NULL, a.due_on, a.id"


def _date_or_none(value) -> date | None:
    return None if value is None else _as_date(value)


def _row(r) -> ActionRow:
    return ActionRow(
        id=r[0], entry_id=r[1], person_id=r[2], code_name=r[3], description=r[4], owner=r[5],
        due_on=_date_or_none(r[6]), status=r[7], outcome=r[8], reason=r[9],
        closed_on=_date_or_none(r[10]), carried_from_id=r[11], entry_title=r[12],
        entry_happened_on=_date_or_none(r[13]),
    )


def _where(f: ActionFilter) -> tuple[str, dict]:
    clauses: list[str] = [_LIVE]
    params: dict[str, object] = {}
    if f.person_id is not None:
        clauses.append("a.person_id = :person_id")
        params["person_id"] = f.person_id
    if f.entry_id is not None:
        clauses.append("a.entry_id = :entry_id")
        params["entry_id"] = f.entry_id
    if f.status is not None:
        statuses = (f.status,) if isinstance(f.status, str) else tuple(f.status)
        names = [f"status{i}" for i in range(len(statuses))]
        clauses.append(f"a.status IN ({', '.join(':' + n for n in names)})" if names else "0")
        params.update(zip(names, statuses, strict=True))
    if f.overdue_as_of is not None:
        clauses.append("a.status = 'open' AND a.due_on IS NOT NULL AND a.due_on < :today")
        params["today"] = f.overdue_as_of.isoformat()
    return " AND ".join(clauses), params


def rows(session: Session, f: ActionFilter | None = None, limit: int | None = None,
         offset: int = 0) -> list[ActionRow]:
    """Actions matching ``f``: open first, soonest due first. ``limit`` None means all."""
    where, params = _where(f or ActionFilter())
    result = session.execute(
        text(_SELECT + f"WHERE {where}" + _ORDER + " LIMIT :limit OFFSET :offset"),
        {**params, "limit": -1 if limit is None else limit, "offset": offset},
    )
    return [_row(r) for r in result]


def row(session: Session, action_id: int) -> ActionRow | None:
    found = session.execute(text(_SELECT + "WHERE a.id = :id"), {"id": action_id}).first()
    return None if found is None else _row(found)


def count(session: Session, f: ActionFilter | None = None) -> int:
    where, params = _where(f or ActionFilter())
    sql = ("SELECT count(*) FROM action a LEFT JOIN entry e ON e.id = a.entry_id "
           f"WHERE {where}")
    return int(session.execute(text(sql), params).scalar_one())


def status_counts(session: Session, today: date, person_id: int | None = None) -> ActionCounts:
    """Actions per status, and how many open ones are due before ``today``."""
    where, params = _where(ActionFilter(person_id=person_id))
    result = session.execute(text(
        "SELECT a.status, count(*), "
        "sum(a.status = 'open' AND a.due_on IS NOT NULL AND a.due_on < :today) "
        f"FROM action a LEFT JOIN entry e ON e.id = a.entry_id WHERE {where} GROUP BY a.status"
    ), {**params, "today": today.isoformat()})
    counts = dict.fromkeys((*STATUSES, "overdue"), 0)
    for status, number, overdue in result:
        if status in counts:  # a status written by a newer version is not counted
            counts[status] += int(number)
        counts["overdue"] += int(overdue or 0)
    return ActionCounts(**counts)


def open_before(session: Session, person_id: int, entry: Entry | None = None) -> list[ActionRow]:
    """The supervisee's open actions agreed before ``entry`` (all of them when None), plus
    open actions not tied to any record."""
    clauses = [_LIVE, "a.status = 'open'", "a.person_id = :person_id"]
    params: dict = {"person_id": person_id}
    if entry is not None and entry.id is not None:
        clauses.append(
            "(a.entry_id IS NULL OR e.happened_on < :day OR (e.happened_on = :day AND e.id < :id))"
        )
        params.update(day=entry.happened_on.isoformat(), id=entry.id)
    sql = _SELECT + "WHERE " + " AND ".join(clauses) + _ORDER
    return [_row(r) for r in session.execute(text(sql), params)]


def open_own_before(session: Session, own_templates: Iterable[str], entry: Entry | None = None,
                    day: date | None = None) -> list[ActionRow]:
    """The leader's own open actions agreed before ``entry`` (a saved record: by date, then
    id) or, for a record not saved yet, on or before ``day``; all of them when both are None.

    Own: for no supervisee, agreed outside supervision records (a coaching preparation, a
    reflection, or no record at all) or in the leader's own supervision (``own_templates``).
    A group supervision's actions concern the team's cases, so they stay out."""
    own = sorted(set(own_templates))
    marks = ", ".join(f":own{n}" for n in range(len(own))) or "NULL"
    clauses = [_LIVE, "a.status = 'open'", "a.person_id IS NULL",
               f"(a.entry_id IS NULL OR e.kind <> 'supervision' OR e.template_id IN ({marks}))"]
    params: dict = {f"own{n}": t for n, t in enumerate(own)}
    if entry is not None and entry.id is not None:
        clauses.append(
            "(a.entry_id IS NULL OR e.happened_on < :day OR (e.happened_on = :day AND e.id < :id))"
        )
        params.update(day=entry.happened_on.isoformat(), id=entry.id)
    elif day is not None:
        clauses.append("(a.entry_id IS NULL OR e.happened_on <= :day)")
        params["day"] = day.isoformat()
    sql = _SELECT + "WHERE " + " AND ".join(clauses) + _ORDER
    return [_row(r) for r in session.execute(text(sql), params)]


def chain(session: Session, action_id: int) -> list[ActionRow]:
    """The carry-forward chain through this action, first agreed to latest."""
    result = session.execute(text(
        "WITH RECURSIVE back(id, depth) AS ("
        " SELECT :id, 0 UNION ALL"
        " SELECT a.carried_from_id, back.depth + 1 FROM action a JOIN back ON a.id = back.id"
        " WHERE a.carried_from_id IS NOT NULL AND back.depth < 1000),"
        " root(id) AS (SELECT id FROM back ORDER BY depth DESC LIMIT 1),"
        " fwd(id, depth) AS ("
        " SELECT id, 0 FROM root UNION ALL"
        " SELECT a.id, fwd.depth + 1 FROM action a JOIN fwd ON a.carried_from_id = fwd.id"
        " WHERE fwd.depth < 1000) "
        "SELECT id FROM fwd ORDER BY depth"
    ), {"id": action_id})
    ids = [r[0] for r in result]
    found = {r.id: r for r in (row(session, i) for i in ids) if r is not None}
    return [found[i] for i in ids if i in found]


# --- writing ----------------------------------------------------------------------------


def get(session: Session, action_id: int) -> Action | None:
    return session.get(Action, action_id)


def for_entry(session: Session, entry_id: int) -> list[Action]:
    """The actions agreed in one record, in the order they were added."""
    query = select(Action).where(Action.entry_id == entry_id).order_by(col(Action.id))
    return list(session.exec(query).all())


def successor(session: Session, action_id: int) -> Action | None:
    """The action this one was carried forward into, if any."""
    return session.exec(select(Action).where(Action.carried_from_id == action_id)).first()


def attach_entry(session: Session, entry: Entry) -> Entry:
    """Put a record into this session and give it an id: a new one is added as is (so the
    caller's object gets its id), an existing one is merged (use the returned object)."""
    if entry.id is None:
        session.add(entry)
    else:
        entry = session.merge(entry)
        flag_modified(entry, "sections")  # in-place edits of a JSON column are not tracked
    session.flush()
    return entry


def add(session: Session, action: Action, entry: Entry | None = None) -> Action:
    """Insert a new action as given, on ``entry`` and for its supervisee when given."""
    if entry is not None:
        action.entry_id = entry.id
        if action.person_id is None:
            action.person_id = entry.person_id
    if action.created_at is None:
        action.created_at = utc_now()
    session.add(action)
    session.flush()
    return action


# --- the life of an action ------------------------------------------------------------
# Each step keeps the history whole (a carried action has exactly one continuation, which
# records when it was reviewed) and returns the ids of the records whose actions changed,
# so the caller can refresh their search copies.


def _set(session: Session, action: Action, status: str, *, outcome: str = "",
         reason: str = "", closed_on: date | None = None) -> None:
    action.status, action.outcome, action.reason = status, outcome, reason
    action.closed_on = closed_on
    session.add(action)
    session.flush()


def _get(session: Session, action_id: int) -> Action:
    action = session.get(Action, action_id)
    if action is None:
        raise ActionStateError("That action no longer exists.")
    return action


def agree(session: Session, entry: Entry, action: Action) -> set[int | None]:
    """Add a new open action to a saved record. With ``carried_from_id`` it continues that
    earlier open action, which becomes "carried" on the record's date."""
    if action.status != OPEN:
        raise ActionStateError("A new action starts open.")
    action.outcome = action.reason = ""
    action.closed_on = None
    touched = {entry.id}
    if action.carried_from_id is not None:
        earlier = _get(session, action.carried_from_id)
        if earlier.status != OPEN:
            raise ActionStateError(f"'{earlier.description}' is already {earlier.status}.")
        if earlier.entry_id == entry.id:
            raise ActionStateError("An action cannot be carried into its own record.")
        if action.person_id is None:
            action.person_id = earlier.person_id
        _set(session, earlier, CARRIED, closed_on=entry.happened_on)
        touched.add(earlier.entry_id)
    add(session, action, entry)
    return touched


def close(session: Session, action: Action, status: str, closed_on: date, *,
          outcome: str = "", reason: str = "") -> set[int | None]:
    """Mark an open action done or dropped."""
    if status not in (DONE, DROPPED):
        raise ValueError(f"close() takes done or dropped, not {status!r}")
    if action.status != OPEN:
        raise ActionStateError(f"'{action.description}' is already {action.status}.")
    _set(session, action, status, outcome=outcome, reason=reason, closed_on=closed_on)
    return {action.entry_id}


def reopen(session: Session, action: Action) -> set[int | None]:
    """Undo done, dropped or carried (outcome and reason are cleared). Undoing a carry
    deletes the continuation, which must still be open and not carried on itself."""
    if action.status == OPEN:
        raise ActionStateError(f"'{action.description}' is already open.")
    touched = {action.entry_id}
    unlink_follow_up(session, saved_id(action))
    later = successor(session, saved_id(action)) if action.status == CARRIED else None
    if later is not None:
        if later.status != OPEN:
            raise ActionStateError(f"'{action.description}' was carried forward and is "
                                   f"{later.status} there; reopen that one first.")
        touched.add(later.entry_id)
        session.delete(later)
        session.flush()
    _set(session, action, OPEN)
    return touched


def follow_ups(entry: Entry) -> list[dict]:
    """The follow-ups a record links to (see :data:`FOLLOW_UPS_KEY`)."""
    value = (entry.sections or {}).get(FOLLOW_UPS_KEY)
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _set_follow_ups(session: Session, entry: Entry, links: list[dict]) -> None:
    sections = {k: v for k, v in (entry.sections or {}).items() if k != FOLLOW_UPS_KEY}
    entry.sections = {**sections, FOLLOW_UPS_KEY: links} if links else sections
    entry_store.save(session, entry)


def link_follow_up(session: Session, entry: Entry, action: Action) -> None:
    """Note in ``entry`` that ``action`` was closed there, with what was written."""
    links = [v for v in follow_ups(entry) if v.get("followed_up") != action.id]
    links.append({"followed_up": action.id, "status": action.status,
                  "description": action.description, "note": action.outcome or action.reason})
    _set_follow_ups(session, entry, links)


def unlink_follow_up(session: Session, action_id: int) -> None:
    """Take a reopened action out of the record(s) that followed it up."""
    found = session.execute(text(
        "SELECT e.id FROM entry e, json_each(e.sections, '$." + FOLLOW_UPS_KEY + "') j "
        "WHERE json_extract(j.value, '$.followed_up') = :id"), {"id": action_id})
    for entry_id in {r[0] for r in found}:
        entry = session.get(Entry, entry_id)
        if entry is not None:
            _set_follow_ups(session, entry, [v for v in follow_ups(entry)
                                             if v.get("followed_up") != action_id])


def remove(session: Session, action: Action) -> set[int | None]:
    """Delete an open action agreed by mistake; if it continued an earlier action, that one
    is open again. Closed actions are history and stay."""
    if action.status != OPEN or successor(session, saved_id(action)) is not None:
        raise ActionStateError(f"'{action.description}' is {action.status}; reopen it "
                               "before removing it.")
    touched = {action.entry_id}
    if action.carried_from_id is not None:
        earlier = _get(session, action.carried_from_id)
        _set(session, earlier, OPEN)
        touched.add(earlier.entry_id)
    session.delete(action)
    session.flush()
    return touched


def sync_for_entry(session: Session, entry: Entry, actions: Iterable[Action]) -> set[int | None]:
    """Make ``actions`` the record's agreed way forward: new ones (no id) are agreed,
    existing ones take the given description, owner and due date (never status), and open
    ones left out are removed."""
    existing = {a.id: a for a in for_entry(session, saved_id(entry))}
    touched = {entry.id}
    for action in actions:
        if action.id is None:
            touched |= agree(session, entry, action)
        elif action.id in existing:
            current = existing.pop(action.id)
            current.description, current.owner = action.description, action.owner
            current.due_on = action.due_on
        else:
            raise ActionStateError(f"'{action.description}' belongs to another record.")
    for leftover in existing.values():
        touched |= remove(session, leftover)
    session.flush()
    return touched


def delete_for_entry(session: Session, entry_id: int) -> None:
    """Remove a record's actions before the record itself is purged for good. Later
    continuations lose their link back (foreign keys are enforced), and an earlier action
    that was carried into this record is open again, so nothing agreed silently vanishes."""
    ids = [a.id for a in for_entry(session, entry_id)]
    if not ids:
        return
    marks = ", ".join(f":i{n}" for n in range(len(ids)))
    params = {f"i{n}": i for n, i in enumerate(ids)}
    session.execute(text(
        f"UPDATE action SET status = 'open', closed_on = NULL WHERE status = 'carried' "
        f"AND id NOT IN ({marks}) AND id IN (SELECT carried_from_id FROM action "
        f"WHERE id IN ({marks}))"), params)
    session.execute(text(f"UPDATE action SET carried_from_id = NULL "
                         f"WHERE carried_from_id IN ({marks})"), params)
    session.execute(text(f"DELETE FROM action WHERE id IN ({marks})"), params)
    session.expire_all()


def snapshot(actions: Iterable[Action]) -> list[dict]:
    """The searchable copy of a record's actions kept in its ``sections`` (the table stays
    the truth). Only words worth finding: no statuses or dates, which would match every
    record."""
    return [{"action_id": a.id, "description": a.description, "owner": a.owner,
             "outcome": a.outcome, "reason": a.reason} for a in actions]


def write_snapshot(session: Session, entry: Entry, key: str) -> Entry:
    """Copy the record's current actions into ``entry.sections[key]`` and re-index it."""
    entry.sections = {**(entry.sections or {}), key: snapshot(for_entry(session, saved_id(entry)))}
    return entry_store.save(session, entry)
