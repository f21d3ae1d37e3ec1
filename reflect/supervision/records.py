"""Supervision: supervisees, records and the actions agreed in them.

Ofsted found services struggle to show how supervision changed practice, so every action is
followed up until it is done with an outcome ("what changed in practice"), carried forward
into a later record (the chain shows when it was reviewed), or dropped with a reason.

A record is an :class:`Entry` (``template_id``, answers in ``sections`` keyed by section id,
``person_id`` = the supervisee), so it is in the journal list and search finds any section.
The ``action`` table is the truth; each change also copies the words into the record's
actions section for search (``store.actions.snapshot``), bumping its ``updated_at``.

Each public method is one transaction. Invalid input raises :class:`SupervisionError` (a
ValueError) with a message for the user. ``today``/``on`` default to today's date.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from reflect.common.ids import saved_id
from reflect.content.templates import Template, TemplateLoadResult, load_templates
from reflect.journal.journal import Journal, new_entry
from reflect.store import actions as action_store
from reflect.store import people as people_store
from reflect.store import record_follow_ups
from reflect.store.actions import (
    CARRIED,
    DONE,
    DROPPED,
    OPEN,
    ActionCounts,
    ActionFilter,
    ActionRow,
    ActionStateError,
)
from reflect.store.entries import EntryFilter, utc_now
from reflect.store.models import Action, Entry, Person
from reflect.store.people import CODE_NAME_MAX, SESSION_KEY, PersonError, clean_code_name
from reflect.supervision import cases as case_blocks
from reflect.supervision import disagreements, own_actions, schedules
from reflect.supervision.case_notes import (
    FILE_ACTION_KEY,
    ROLE_KEY,
    blocks,
    case_action_ids,
    groups,
)
from reflect.supervision.errors import SupervisionError
from reflect.supervision.follow_ups import reviewed_lines
from reflect.supervision.record_export import Record, missing_required, record_markdown
from reflect.supervision.schedules import SuperviseeDue
from reflect.supervision.session_info import check_recorded

__all__ = ["CARRIED", "CODE_NAME_HINT", "CODE_NAME_MAX", "DONE", "DROPPED", "OPEN",
           "ActionCounts", "ActionFilter", "ActionRow", "FollowUp", "HomeSummary", "Record",
           "RecordStart",
           "SuperviseeDue", "Supervision", "SupervisionError", "clean_code_name"]

DESCRIPTION_MAX = 10_000
#: Shown beside the code-name field (real names are not detected: see clean_code_name).
CODE_NAME_HINT = "A code name or initials for the person you supervise — never a child's name."
_KEEP = object()


@dataclass(frozen=True)
class RecordStart:
    """A new, unsaved record and the supervisee's open actions from earlier records."""

    entry: Entry
    template: Template
    person: Person | None
    to_review: list[ActionRow]


@dataclass(frozen=True)
class FollowUp:
    """An earlier action marked done or dropped in a record not saved yet: it belongs to
    that record, so it is held with the record's words (and its draft) and written in the
    same transaction as the record, or never. Make one with :meth:`FollowUp.made`."""

    action_id: int
    status: str  # DONE or DROPPED
    text: str  # what changed in practice, or why it was dropped

    @classmethod
    def made(cls, action_id: int, status: str, text: str) -> FollowUp:
        """Checked as :meth:`Supervision.complete` and :meth:`Supervision.drop` check."""
        if status == DONE:
            return cls(action_id, DONE, _required_text(text, "what changed in practice"))
        if status == DROPPED:
            return cls(action_id, DROPPED, _required_text(text, "why it is dropped"))
        raise SupervisionError(f"An action is followed up as done or dropped, not {status}.")


@dataclass(frozen=True)
class HomeSummary:
    today: date
    overdue_actions: list[ActionRow]
    supervisees: list[SuperviseeDue]  # active ones, most overdue first, then soonest due
    counts: ActionCounts


def _required_text(text: str, what: str) -> str:
    value = str(text or "").strip()
    if not value:
        raise SupervisionError(f"Write {what} first.")
    if len(value) > DESCRIPTION_MAX:
        raise SupervisionError(f"That {what.split()[-1]} is too long.")
    return value


@contextmanager
def _unchanged_on_failure(objects: Sequence) -> Iterator[None]:
    """A refused save leaves the caller's objects as they were: ids from a rolled-back
    flush would make the retry look like an edit of rows that do not exist."""
    keys = ("id", "entry_id", "person_id")
    saved = [(o, {k: getattr(o, k) for k in keys if hasattr(o, k)}) for o in objects]
    try:
        yield
    except BaseException:
        for obj, values in saved:
            for key, value in values.items():
                setattr(obj, key, value)
        raise


class Supervision:
    """Supervisees, records and actions of one open journal."""

    def __init__(self, journal: Journal, templates: TemplateLoadResult | None = None) -> None:
        self.journal = journal
        self._templates = templates

    @contextmanager
    def _session(self) -> Iterator:
        """One transaction; refusals from below reach the caller as SupervisionError."""
        try:
            with self.journal.vault.session() as session:
                yield session
        except (ActionStateError, PersonError, schedules.ScheduleError,
                disagreements.DisagreementError) as exc:
            raise SupervisionError(str(exc)) from None

    # -- templates -----------------------------------------------------------------------
    def templates(self, reload: bool = False) -> TemplateLoadResult:
        """Shipped templates, then the user's copies; loaded once unless ``reload``."""
        if self._templates is None or reload:
            self._templates = load_templates()
        return self._templates

    def template(self, template_id: str | None) -> Template | None:
        return self.templates().by_id(template_id) if template_id else None

    def _snapshot_key(self, entry: Entry) -> str:
        """Where a record's action words are copied: its template's actions section, else
        the key an earlier save used, else ``"actions"``."""
        template = self.template(entry.template_id)
        for section in template.sections if template else ():
            if section.type == "actions":
                return section.id
        for key, value in (entry.sections or {}).items():
            if isinstance(value, list) and value and all(
                    isinstance(v, dict) and "action_id" in v for v in value):
                return key
        return "actions"

    # -- supervisees -----------------------------------------------------------------------
    def supervisees(self, include_inactive: bool = True) -> list[Person]:
        """Active first, then by code name."""
        with self._session() as s:
            return people_store.list_people(s, include_inactive)

    def supervisee(self, person_id: int) -> Person:
        with self._session() as s:
            return self._person(s, person_id)

    def add_supervisee(self, code_name: str, role: str = "",
                       schedule: str = schedules.DEFAULT_SCHEDULE,
                       started_on: date | None = None,
                       last_supervised_on: date | None = None) -> Person:
        """A new active supervisee; the code name must be new (ignoring case).
        ``last_supervised_on``: their last supervision before Reflect, None for not yet."""
        with self._session() as s:
            return people_store.add(s, Person(
                code_name=code_name, role=" ".join(role.split()), started_on=started_on,
                last_supervised_on=last_supervised_on,
                schedule=schedules.validate(schedule, started_on), created_at=utc_now()))

    def update_supervisee(self, person_id: int, *, code_name: str | None = None,
                          role: str | None = None, schedule: str | None = None,
                          started_on=_KEEP, last_supervised_on=_KEEP,
                          active: bool | None = None) -> Person:
        """Change any of these; None (the dates: not given) keeps the current value."""
        with self._session() as s:
            person = self._person(s, person_id)
            if code_name is not None:
                people_store.rename(s, person, code_name)
            if role is not None:
                person.role = " ".join(role.split())
            if started_on is not _KEEP:
                person.started_on = started_on
            if last_supervised_on is not _KEEP:
                person.last_supervised_on = last_supervised_on
            person.schedule = schedules.validate(schedule or person.schedule, person.started_on)
            if active is not None:
                person.active = active
            return people_store.update(s, person)

    def rename_supervisee(self, person_id: int, code_name: str) -> Person:
        return self.update_supervisee(person_id, code_name=code_name)

    def set_schedule(self, person_id: int, schedule: str, started_on=_KEEP) -> Person:
        return self.update_supervisee(person_id, schedule=schedule, started_on=started_on)

    def deactivate(self, person_id: int) -> Person:
        """Off Home and out of pickers; their records and actions stay."""
        return self.update_supervisee(person_id, active=False)

    def reactivate(self, person_id: int) -> Person:
        return self.update_supervisee(person_id, active=True)

    @staticmethod
    def _person(s, person_id: int) -> Person:
        person = people_store.get(s, person_id)
        if person is None:
            raise SupervisionError("That supervisee no longer exists.")
        return person

    # -- records ---------------------------------------------------------------------------
    def start_record(self, person_id: int | None, template_id: str = "one_to_one",
                     happened_on: date | None = None) -> RecordStart:
        """A new unsaved record (nothing is written until :meth:`save_record`) and the open
        actions to review there and then: the supervisee's, or the leader's own for a template
        that reviews them (:mod:`.own_actions`)."""
        template = self.template(template_id)
        if template is None:
            raise SupervisionError(f"There is no template '{template_id}'.")
        with self._session() as s:
            person = self._person(s, person_id) if person_id is not None else None
            to_review = own_actions.open_to_review(s, self.templates(), template, person_id,
                                                   day=happened_on or date.today())
            role = case_blocks.default_role(s) if groups(template) else ""
        name = person.code_name if person else ""
        sections = {sec.id: name for sec in template.sections if sec.type == "supervisee" and name}
        sections |= {ROLE_KEY: role} if role else {}
        entry = new_entry(f"{template.name} — {name}" if name else template.name,
                          kind=template.kind, happened_on=happened_on, template_id=template.id,
                          sections=sections, person_id=person_id)
        return RecordStart(entry, template, person, to_review)

    def save_record(self, entry: Entry, actions: Sequence[Action] = (), *,
                    follow_ups: Sequence[FollowUp] = (),
                    resolutions: Sequence[disagreements.Resolution] = (),
                    require_complete: bool = False,
                    cases: case_blocks.CaseActions | None = None) -> Record:
        """Save the record and its agreed way forward in one transaction; use the returned
        objects (an existing entry is merged, not updated in place).

        ``actions`` is the record's full list: new ones (no id) are added, existing ones take
        the given description, owner and due date (status changes go through :meth:`complete`
        and friends), open ones left out are deleted. A new action with ``carried_from_id``
        (:meth:`carried_copy`) marks that earlier action carried. ``require_complete`` refuses
        while a required section is empty: use it for the final save, not for autosave.
        ``follow_ups`` close earlier actions in the same transaction, on the record's date,
        linked to it: if the record is refused, none of them counts; so do ``resolutions``
        of earlier differences of opinion (:mod:`reflect.supervision.disagreements`).
        ``cases``: each case block's actions, by group id (:func:`.cases.settle`)."""
        template = self.template(entry.template_id)
        if require_complete and template and (gaps := missing_required(entry, template)):
            raise SupervisionError("Still to fill in: " + ", ".join(s.title for s in gaps) + ".")
        if require_complete:
            check_recorded((entry.sections or {}).get(SESSION_KEY), entry.happened_on)
        in_cases = [a for group in (cases or {}).values() for block in group for a in block]
        actions = [*actions, *in_cases]
        for action in actions:
            action.description = _required_text(action.description, "what the action is")
            action.owner = " ".join((action.owner or "").split())
        with _unchanged_on_failure([entry, *actions]), self._session() as s:
            if entry.person_id is not None:
                self._person(s, entry.person_id)
            stored = action_store.attach_entry(s, entry)
            if cases is None:  # a caller that knows no case blocks keeps the blocks' actions
                actions = [*actions, *self._case_actions_kept(s, stored, template, actions)]
            touched = action_store.sync_for_entry(s, stored, actions)
            for follow_up in follow_ups:
                touched |= self._follow_up(s, follow_up, stored)
            disagreements.apply(s, resolutions, stored)
            touched |= case_blocks.settle(s, stored, template, cases, date.today())
            self._refresh(s, touched | {stored.id})
            return Record(stored, template, people_store.get(s, stored.person_id),
                          action_store.for_entry(s, saved_id(stored)),
                          reviewed_lines(record_follow_ups.reviewed_in(s, stored)))

    @staticmethod
    def _case_actions_kept(s, stored: Entry, template, given: Sequence[Action]) -> list[Action]:
        if stored.id is None:
            return []
        sections = stored.sections or {}
        ids = case_action_ids(sections, template) | {
            block.get(FILE_ACTION_KEY) for group in groups(template)
            for block in blocks(sections, group)}
        ids -= {a.id for a in given}
        return [a for a in action_store.for_entry(s, stored.id) if a.id in ids]

    def _refresh(self, s, entry_ids: set) -> None:
        """Rewrite the search copy of these records' actions."""
        for entry_id in entry_ids - {None}:
            entry = s.get(Entry, entry_id)
            if entry is not None:
                action_store.write_snapshot(s, entry, self._snapshot_key(entry))

    def record(self, entry_id: int) -> Record:
        with self._session() as s:
            entry = s.get(Entry, entry_id)
            if entry is None:
                raise SupervisionError("That record no longer exists.")
            return Record(entry, self.template(entry.template_id),
                          people_store.get(s, entry.person_id),
                          action_store.for_entry(s, entry_id),
                          reviewed_lines(record_follow_ups.reviewed_in(s, entry)))

    def agreed_next_sessions(self) -> dict[int, date]:
        """The "Next session" agreed in each supervisee's latest record, by person id."""
        with self._session() as s:
            return people_store.agreed_next_sessions(s)

    def records_for(self, person_id: int | None, limit: int = 100) -> list[Entry]:
        """The supervisee's records, newest first; None: those without one (the leader's)."""
        if person_id is None:
            with self._session() as s:
                return people_store.own_records(s, limit)
        return self.journal.list_entries(EntryFilter(person_id=person_id), limit=limit)

    def last_supervised(self) -> dict[int, date]:
        with self._session() as s:
            return people_store.last_supervised(s)

    def record_markdown(self, entry_id: int, include_sensitive: bool = True) -> str:
        """The record as Markdown for the supervisee to read and agree."""
        rec = self.record(entry_id)
        if rec.template is None:
            raise SupervisionError(f"The template '{rec.entry.template_id}' is missing.")
        return record_markdown(rec.entry, rec.template, rec.person, rec.actions,
                               include_sensitive=include_sensitive, reviewed=rec.reviewed)

    # -- actions -----------------------------------------------------------------------------
    @staticmethod
    def carried_copy(action: Action | ActionRow, new_due_on: date | None = None) -> Action:
        """An unsaved action continuing ``action``, for a record not saved yet: put it in the
        list given to :meth:`save_record`, which marks ``action`` carried. The due date is
        kept unless a new one is given (an overdue action stays overdue until re-agreed)."""
        return Action(description=action.description, owner=action.owner,
                      due_on=new_due_on or action.due_on, person_id=action.person_id,
                      carried_from_id=action.id, created_at=utc_now())

    def add_action(self, entry_id: int, description: str, owner: str = "",
                   due_on: date | None = None) -> Action:
        """Add one action to a saved record."""
        with self._session() as s:
            entry = s.get(Entry, entry_id)
            if entry is None:
                raise SupervisionError("That record no longer exists.")
            action = Action(description=_required_text(description, "what the action is"),
                            owner=" ".join(owner.split()), due_on=due_on, created_at=utc_now())
            self._refresh(s, action_store.agree(s, entry, action))
            return action

    def update_action(self, action_id: int, *, description: str | None = None,
                      owner: str | None = None, due_on=_KEEP) -> Action:
        with self._session() as s:
            action = self._action(s, action_id)
            if description is not None:
                action.description = _required_text(description, "what the action is")
            if owner is not None:
                action.owner = " ".join(owner.split())
            if due_on is not _KEEP:
                action.due_on = due_on
            s.flush()
            self._refresh(s, {action.entry_id})
            return action

    def complete(self, action_id: int, outcome: str, on: date | None = None) -> Action:
        """Done, with what changed in practice (required: that is the point of follow-up)."""
        text = _required_text(outcome, "what changed in practice")
        return self._close(action_id, DONE, on, outcome=text)

    def drop(self, action_id: int, reason: str, on: date | None = None) -> Action:
        """No longer needed, with the reason (required)."""
        text = _required_text(reason, "why it is dropped")
        return self._close(action_id, DROPPED, on, reason=text)

    def complete_in(self, record_id: int, follow_up: FollowUp) -> Action:
        """Done or dropped in a saved record: on its date, and linked to it."""
        with self._session() as s:
            record = s.get(Entry, record_id)
            if record is None or record.deleted_at is not None:
                raise SupervisionError("That record no longer exists.")
            self._refresh(s, self._follow_up(s, follow_up, record))
            return self._action(s, follow_up.action_id)

    def _follow_up(self, s, follow_up: FollowUp, record: Entry) -> set:
        action = self._action(s, follow_up.action_id)
        if action.entry_id is not None and action.entry_id == record.id:
            raise SupervisionError("An action is followed up in a later record.")
        key = "outcome" if follow_up.status == DONE else "reason"
        touched = action_store.close(s, action, follow_up.status, record.happened_on,
                                     **{key: follow_up.text})
        action_store.link_follow_up(s, record, action)
        return touched

    def _close(self, action_id: int, status: str, on: date | None, **text: str) -> Action:
        with self._session() as s:
            action = self._action(s, action_id)
            self._refresh(s, action_store.close(s, action, status, on or date.today(), **text))
            return action

    def carry_forward(self, action_id: int, to_entry_id: int,
                      new_due_on: date | None = None) -> Action:
        """Continue an open action in a later saved record; returns the new open action."""
        with self._session() as s:
            target = s.get(Entry, to_entry_id)
            if target is None or target.deleted_at is not None:
                raise SupervisionError("Save the new record before carrying actions into it.")
            copy = self.carried_copy(self._action(s, action_id), new_due_on)
            self._refresh(s, action_store.agree(s, target, copy))
            return copy

    def reopen(self, action_id: int) -> Action:
        """Undo done, dropped or carried (undoing a carry deletes the still-open
        continuation); outcome and reason are cleared."""
        with self._session() as s:
            action = self._action(s, action_id)
            self._refresh(s, action_store.reopen(s, action))
            return action

    def delete_action(self, action_id: int) -> None:
        """Delete an open action agreed by mistake; a carried one reopens its original."""
        with self._session() as s:
            self._refresh(s, action_store.remove(s, self._action(s, action_id)))

    @staticmethod
    def _action(s, action_id: int) -> Action:
        action = action_store.get(s, action_id)
        if action is None:
            raise SupervisionError("That action no longer exists.")
        return action

    # -- action queries ----------------------------------------------------------------------
    def actions(self, f: ActionFilter | None = None, limit: int | None = 200,
                offset: int = 0) -> list[ActionRow]:
        """For the Actions view: open first, soonest due first; page with limit/offset."""
        with self._session() as s:
            return action_store.rows(s, f, limit, offset)

    def count_actions(self, f: ActionFilter | None = None) -> int:
        with self._session() as s:
            return action_store.count(s, f)

    def action(self, action_id: int) -> ActionRow | None:
        with self._session() as s:
            return action_store.row(s, action_id)

    def action_chain(self, action_id: int) -> list[ActionRow]:
        """Every step of a carried action, first agreed to latest."""
        with self._session() as s:
            return action_store.chain(s, action_id)

    def open_actions_for(self, person_id: int,
                         before_entry_id: int | None = None) -> list[ActionRow]:
        """Open actions to review: from records before ``before_entry_id`` (all when None)."""
        with self._session() as s:
            entry = s.get(Entry, before_entry_id) if before_entry_id is not None else None
            return action_store.open_before(s, person_id, entry)

    def overdue(self, today: date | None = None, person_id: int | None = None) -> list[ActionRow]:
        return self.actions(ActionFilter(person_id=person_id,
                                         overdue_as_of=today or date.today()), limit=None)

    def action_counts(self, person_id: int | None = None,
                      today: date | None = None) -> ActionCounts:
        with self._session() as s:
            return action_store.status_counts(s, today or date.today(), person_id)

    # -- home ------------------------------------------------------------------------------
    def home_summary(self, today: date | None = None) -> HomeSummary:
        """Overdue actions; each active supervisee's days since supervision vs interval."""
        today = today or date.today()
        with self._session() as s:
            people = people_store.list_people(s, include_inactive=False)
            last = people_store.last_supervised(s)
            agreed = people_store.agreed_next_sessions(s)
        due = schedules.due_list(people, last, today, agreed)
        return HomeSummary(today, self.overdue(today), due, self.action_counts(today=today))
