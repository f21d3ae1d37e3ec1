"""``reflect --demo``: a throwaway journal that shows a year of use at once.

A newcomer learns what Reflect is for by seeing it lived in: reflections answering the
prompts, supervision records with challenge and actions in every state, a profile with a
blind spot. The words come from ``resources/demo`` (see :mod:`reflect.demo.content`); this
module only replays them through the same domain calls the app makes (Journal, Supervision,
profile), so the demo can never show something a user could not have made.

Dates are relative to ``today``, so the same ``today`` always gives the same journal.
:func:`create_demo` writes the same content into a lasting journal with its own passphrase
(``reflect init --demo``, for trainers and for trying the mentor pack from the command line).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from reflect.common.ids import saved_id
from reflect.demo import climate_parts, plan_parts, round_parts
from reflect.demo.content import (
    DemoAction,
    DemoContent,
    DemoRecord,
    demo_dir,
    load_demo,
    shipped_templates,
)
from reflect.demo.record_parts import DemoLogged
from reflect.feedback.returns import add_typed_return
from reflect.journal.journal import Journal, new_entry
from reflect.privacy import retention
from reflect.profile import ratings as profile
from reflect.store import entries as entry_store
from reflect.store.entries import utc_now
from reflect.store.envelope import KdfParams
from reflect.store.layout import missing_parents, remove_partial_journal
from reflect.store.models import Action
from reflect.store.people import SESSION_KEY
from reflect.supervision.agreement import VIA_TYPED, Agreement, Comment, clean_comment
from reflect.supervision.agreement import store as store_agreement
from reflect.supervision.case_notes import ROLE_KEY
from reflect.supervision.contracts import set_contract
from reflect.supervision.disagreements import Resolution
from reflect.supervision.records import FollowUp, Supervision
from reflect.supervision.sessions import SessionInfo, log_session
from reflect.supervision.supervisee_copy import Returned, apply_returned

#: Shown on screen in demo mode, so that a newcomer who locks the demo can open it again.
DEMO_PASSPHRASE = "demo"


def build_demo(folder: Path, today: date | None = None, params: KdfParams | None = None,
               content: DemoContent | None = None) -> tuple[Journal, str]:
    """Create a journal in ``folder`` (which must not hold one) filled with the demo content;
    return it open, with its passphrase. ``params`` is the key-derivation cost (default: the
    normal cost, so unlocking after a lock feels like the real thing)."""
    journal, _recovery_key = create_demo(folder, DEMO_PASSPHRASE, today, params, content)
    return journal, DEMO_PASSPHRASE


def create_demo(folder: Path, passphrase: str, today: date | None = None,
                params: KdfParams | None = None,
                content: DemoContent | None = None) -> tuple[Journal, str]:
    """The demo content in a new journal in ``folder`` under ``passphrase``; return it open,
    with its recovery key. The content is loaded and checked before anything is written, and
    a failure part-way (a full disk, Ctrl+C) removes what was made: no half-filled journal is
    left for a second attempt to be refused by."""
    today = today or date.today()
    content = content or load_demo()
    folder = Path(folder)
    made = missing_parents(folder)
    journal, recovery_key = Journal.create(folder, passphrase, params)
    try:
        _fill(journal, content, today)
    except BaseException:
        journal.close()
        remove_partial_journal(folder, made)
        raise
    return journal, recovery_key


@dataclass(frozen=True)
class DemoCounts:
    """What a built demo holds, as ``reflect init --demo`` reports it."""

    entries: int
    records: int  # supervision and coaching records, Gibbs reflections: entries of a template
    ratings: int  # one per attribute scored
    actions: int


def demo_counts(journal: Journal) -> DemoCounts:
    entries = journal.list_entries(limit=journal.count_entries() + 1)
    return DemoCounts(len(entries), sum(e.template_id is not None for e in entries),
                      len(profile.ratings(journal)),
                      len(Supervision(journal, shipped_templates()).actions(limit=None)))


def record_day(today: date, days_ago: int) -> date:
    """Supervision happens on weekdays: a weekend date moves back to the Friday."""
    day = today - timedelta(days=days_ago)
    return day - timedelta(days=max(0, day.weekday() - 4))


def _created(day: date) -> datetime:
    """Written up at the end of the day it happened, not at build time."""
    return datetime.combine(day, time(17, 30), tzinfo=UTC)


def _fill(journal: Journal, content: DemoContent, today: date) -> None:
    if content.leader_name:
        profile.set_leader_name(journal, content.leader_name)
    _add_reflections(journal, content, today)
    supervision = Supervision(journal, shipped_templates())
    people: dict[str, int] = {}
    for person in content.people:
        started = (today - timedelta(days=person.started_days_ago)
                   if person.started_days_ago is not None else None)
        people[person.code_name] = saved_id(supervision.add_supervisee(
            person.code_name, person.role, person.schedule, started))
    _contracts(supervision, content, people, today)
    _add_records(supervision, content, people, today)
    _log_sessions(supervision, content, people, today)
    for person in content.people:
        if person.left_days_ago is not None:  # left: reviewed after the retention period
            retention.set_retention(journal, people[person.code_name],
                                    left_on=today - timedelta(days=person.left_days_ago))
        elif not person.active:
            supervision.deactivate(people[person.code_name])
    made = round_parts.add_rounds(journal, content.rounds, today)
    for rating in content.ratings:
        rated_on = today - timedelta(days=rating.days_ago)
        target_by = (rated_on + timedelta(days=rating.target_by_days)
                     if rating.target_by_days is not None else None)
        if rating.kind == "other" and rating.rater_group:  # one rater: one return
            add_typed_return(journal, rating.rater_group, rated_on, rating.scores, rating.notes,
                             round_id=made[rating.round].id if rating.round else None)
        else:
            profile.rate(journal, rating.scores, kind=rating.kind, rated_on=rated_on,
                         target_by=target_by, notes=rating.notes)
    round_parts.close_rounds(journal, content.rounds, made, today)
    plan_parts.add_plan(journal, today, demo_dir())
    climate_parts.add_checkins(journal, today, demo_dir())  # four quarters and a trend


def _add_reflections(journal: Journal, content: DemoContent, today: date) -> None:
    """All free reflections in one transaction: it is the bulk of the demo."""
    entries = []
    for item in sorted(content.reflections, key=lambda r: -r.days_ago):
        day = today - timedelta(days=item.days_ago)
        entry = new_entry(item.title, item.body.strip() + "\n", happened_on=day,
                          tags=item.tags, attributes=list(item.attributes),
                          prompt_id=item.prompt_id, share_with_mentor=item.share_with_mentor,
                          sensitive=item.sensitive)
        entry.created_at = _created(day)
        entries.append(entry)
    with journal.vault.session() as session:
        entry_store.save_many(session, entries)


def _add_records(supervision: Supervision, content: DemoContent, people: dict[str, int],
                 today: date) -> None:
    """Records oldest first, so each one reviews the open actions of the one before: done
    or dropped in the next record of the thread, as its review panel does (``follow_ups``),
    or from the Actions page on ``closed_days_ago``, once every record is in."""
    ordered = sorted(content.records, key=lambda r: -r.days_ago)
    keyed: dict[str, int] = {}
    records: dict[str, int] = {}  # record key -> entry id, for resolving its disagreement
    to_review: dict[tuple[str | None, str], list[FollowUp]] = {}  # by thread
    closures: list[tuple[date, int, DemoAction]] = []
    for record in ordered:
        day = record_day(today, record.days_ago)
        entry, actions, cases, wanted_actions = _record(supervision, record, people, keyed, day)
        resolutions = [Resolution.made(records[r.key], r.how, r.by) for r in record.resolves]
        saved = supervision.save_record(entry, actions, resolutions=resolutions, cases=cases,
                                        follow_ups=to_review.pop(record.thread, []),
                                        require_complete=True)
        entry_id = saved_id(saved.entry)
        if record.key:
            records[record.key] = entry_id
        if record.agreement and record.agreement.returned_days is not None:
            _read_back(supervision, entry_id, record, day)
        for wanted, action in _matched(wanted_actions, saved.actions):
            if wanted.key:
                keyed[wanted.key] = saved_id(action)
            if wanted.fate == "open":
                continue
            if wanted.closed_days_ago is None:  # content.py checks a later record exists
                to_review.setdefault(record.thread, []).append(
                    FollowUp.made(saved_id(action), wanted.fate, wanted.note))
            else:
                closures.append((today - timedelta(days=wanted.closed_days_ago),
                                 saved_id(action), wanted))
    for closed, action_id, wanted in sorted(closures, key=lambda c: (c[0], c[1])):
        if wanted.fate == "done":
            supervision.complete(action_id, wanted.note, on=closed)
        else:
            supervision.drop(action_id, wanted.note, on=closed)


def _matched(wanted: list[tuple[DemoAction, Action]],
             saved: Sequence[Action]) -> list[tuple[DemoAction, Action]]:
    """Each wanted action with the row it was saved as (same words, in order); the
    child's-file actions the app added are the rows left over."""
    left = list(saved)
    out = []
    for demo, built in wanted:
        row = next(a for a in left if (a.description, a.owner) == (built.description,
                                                                    built.owner))
        left.remove(row)
        out.append((demo, row))
    return out


def _read_back(supervision: Supervision, entry_id: int, record: DemoRecord, day: date) -> None:
    """The supervisee's filled-in PDF taken in as Export > Read back takes it in."""
    wanted = record.agreement
    assert wanted is not None and wanted.returned_days is not None
    on = day + timedelta(days=wanted.returned_days)
    title = supervision.record(entry_id).entry.title
    returned = Returned(Path(f"{title} - comments.pdf"), wanted.returned_comments,
                        wanted.returned_agreed, on, True, record.supervisee or "")
    apply_returned(supervision, entry_id, returned)


def _agreement(record: DemoRecord, day: date) -> Agreement | None:
    """Shared, agreed and commented on in the form, as the Agreement panel keeps them."""
    wanted = record.agreement
    if wanted is None:
        return None

    def after(days: int | None) -> date | None:
        return day + timedelta(days=days) if days is not None else None

    comments: tuple[Comment, ...] = ()
    if wanted.comment:
        on = after(wanted.comment_days) or after(wanted.agreed_days) or after(
            wanted.shared_days) or day
        comments = (Comment(on, clean_comment(wanted.comment), VIA_TYPED),)
    return Agreement(after(wanted.shared_days), after(wanted.agreed_days), comments)


def _session(record: DemoRecord | DemoLogged, day: date) -> SessionInfo | None:
    wanted = record.session
    if wanted is None:
        return None
    moved = day + timedelta(days=wanted.moved_days) if wanted.moved_days is not None else None
    return SessionInfo.made(wanted.status, wanted.planned, wanted.minutes, wanted.reason,
                            moved, on=day)


def _log_sessions(supervision: Supervision, content: DemoContent, people: dict[str, int],
                  today: date) -> None:
    """Sessions cancelled or moved, logged from the supervisee's page without a record."""
    for logged in sorted(content.sessions, key=lambda s: -s.days_ago):
        day = record_day(today, logged.days_ago)
        info = _session(logged, day)
        assert info is not None
        log_session(supervision, people[logged.supervisee], info.status, day, info.reason,
                    info.moved_to)


def _contracts(supervision: Supervision, content: DemoContent, people: dict[str, int],
               today: date) -> None:
    for person in content.people:
        wanted = person.contract
        if wanted is None:
            continue
        agreed = today - timedelta(days=wanted.agreed_days_ago)
        review = agreed + timedelta(days=wanted.review_days) if wanted.review_days else None
        set_contract(supervision, people[person.code_name], agreed, review, wanted.note)


def _record(supervision: Supervision, record: DemoRecord, people: dict[str, int],
            keyed: dict[str, int], day: date) -> tuple:
    """The unsaved entry, its actions and its case blocks' actions, as the record form would
    hand them over; and each demo action with the action made of it."""
    person_id = people[record.supervisee] if record.supervisee else None
    start = supervision.start_record(person_id, record.template_id, day)
    entry = start.entry
    if record.title:
        entry.title = record.title
    entry.tags = list(record.tags)
    entry.attributes = list(record.attributes)
    entry.share_with_mentor, entry.sensitive = record.share_with_mentor, record.sensitive
    entry.created_at = _created(day)
    for section in start.template.sections:
        value = record.sections.get(section.id)
        if value is None:
            continue
        if section.type == "date":
            value = (day + timedelta(days=value)).isoformat()
        elif isinstance(value, str):
            value = value.strip()
        entry.sections[section.id] = value
    if record.case_role:
        entry.sections[ROLE_KEY] = record.case_role  # the form's role box
    wanted: list[tuple[DemoAction, Action]] = []
    actions = [_action(supervision, a, keyed, day, wanted) for a in record.actions]
    cases: dict[str, list[list[Action]]] = {}
    for group_id, blocks in record.cases.items():
        entry.sections[group_id] = [dict(block.values) for block in blocks]
        cases[group_id] = [[_action(supervision, a, keyed, day, wanted) for a in block.actions]
                           for block in blocks]
    session = _session(record, day)
    if session is not None and (value := session.as_value()) is not None:
        entry.sections[SESSION_KEY] = value
    if (agreed := _agreement(record, day)) is not None:
        store_agreement(entry, agreed)
    return entry, actions, cases, wanted


def _action(supervision: Supervision, wanted: DemoAction, keyed: dict[str, int], day: date,
            made: list[tuple[DemoAction, Action]]) -> Action:
    due = day + timedelta(days=wanted.due_days) if wanted.due_days is not None else None
    if wanted.carry:
        earlier = supervision.action(keyed[wanted.carry])
        if earlier is None:
            raise LookupError(f"demo action {wanted.carry!r} was not saved")
        action = Supervision.carried_copy(earlier, due)
        action.description = wanted.description or action.description
        action.owner = wanted.owner or action.owner
    else:
        action = Action(description=wanted.description, owner=wanted.owner, due_on=due,
                        created_at=utc_now())
    made.append((wanted, action))
    return action
