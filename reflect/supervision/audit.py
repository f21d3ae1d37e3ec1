"""The supervision self-audit: over a period, per supervisee and for the team, how much of
what Ofsted looks for in supervision the records show (Joining the dots, paras 59–62:
supervision provided regularly, "challenge and differences of opinion", "the agreed way
forward", and "how discussions had influenced practice").

Each measure is a count out of what there was to count ("2 of 12, 17%"); with nothing to count
it says "none to count", never 0%. The rules, one named function or constant each:

- **Sessions held on schedule** (:func:`session_due_on`): every held session in the period
  after an earlier one (or the last session given when the supervisee was added) is due by the
  next session agreed in the record before it, else one interval of the supervisee's schedule
  later (:func:`reflect.supervision.schedules.next_due`; the schedule is today's, as Reflect
  keeps no history of it); on schedule if held on or before that day. A session overdue at the
  end of the period and still not held counts once, as not on schedule. Cancelled and moved
  sessions are shown beside the counts, and are not supervision.
- **Records with challenge recorded** (:func:`challenge_recorded`): of the records of held
  sessions, those with words in a section named in :data:`CHALLENGE_SECTIONS` or a "where it
  stands" answer (:data:`~reflect.store.disagreements.OUTCOME_SECTION`).
- **Actions with an owner and a date**: of the actions agreed in the period's records (carried
  ones included: each was agreed again), those with an owner and a due date.
- **Actions followed up with an outcome** (:func:`followed_up`): of those actions that were
  due by the end of the period, or undated, or already closed (carried ones left out: the action
  they became is counted in its own record), those done with what changed written, or dropped
  with a reason.
- **Decisions confirmed on the child's file** (:func:`file_decisions`): each case block with a
  "Recorded on the child's file" question, and each record whose template asks it for the
  whole record (:data:`CHILD_FILE_SECTIONS`); confirmed when answered Yes, or when the action to
  record it there is done.
- **Disagreements resolved**: of the records with a difference of opinion (Open, Escalated or
  Resolved), those resolved in the session or in a later record; the rest are still open.

Pure: it reads the journal and writes nothing. Qt-free, for the window, the PDF and the CLI.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from reflect.common.errors import ReflectError
from reflect.journal.journal import Journal
from reflect.store import audit as audit_store
from reflect.store.actions import CARRIED, DONE, DROPPED, OPEN, ActionRow
from reflect.store.disagreements import OUTCOME_SECTION, RESOLUTION_KEY
from reflect.store.models import Entry, Person
from reflect.store.people import list_people
from reflect.supervision import schedules
from reflect.supervision.case_notes import FILE_ACTION_KEY, blocks, field_of, groups
from reflect.supervision.records import Supervision
from reflect.supervision.session_info import CANCELLED, HELD, MOVED, session_of

#: Sections whose words count as challenge recorded (the one-to-one's "Challenge and
#: differences of opinion", the case reviews' "Professional challenge", "Challenge my
#: thinking").
CHALLENGE_SECTIONS: tuple[str, ...] = ("challenge",)
#: Record-level yes/no sections asking whether the decision is on the child's file.
CHILD_FILE_SECTIONS: tuple[str, ...] = ("child_file",)
DISAGREEMENT_OUTCOMES: tuple[str, ...] = ("Open", "Escalated", "Resolved")
NONE_TO_COUNT = "none to count"
TEAM = "Team"
SOURCE = ("Ofsted, Joining the dots… Effective leadership of children's services (2015), "
          "paragraphs 59–62")


@dataclass(frozen=True)
class MeasureInfo:
    """A measure's key (for scripts), its label and what it counts (for readers)."""

    key: str
    label: str
    meaning: str
    gap: str  # what the ones not counted in were: "late or not held"


MEASURES: tuple[MeasureInfo, ...] = (
    MeasureInfo("on_schedule", "Sessions held on schedule",
                "Held sessions on or before their due date (the next session agreed in the "
                "record before, else one interval of the schedule); a session overdue at the "
                "end of the period counts as not on schedule.",
                "late or not held"),
    MeasureInfo("challenge", "Records with challenge recorded",
                "Records of held sessions with the challenge section written or where the "
                "difference of opinion stands answered.",
                "without challenge"),
    MeasureInfo("owner_and_date", "Actions with an owner and a date",
                "Actions agreed in the period's records that have an owner and a due date.",
                "without an owner or a date"),
    MeasureInfo("followed_up", "Actions followed up with an outcome",
                "Actions due by the end of the period (or undated, or closed) that are done "
                "with what changed written, or dropped with a reason; carried ones are "
                "counted as the action they became.",
                "not followed up"),
    MeasureInfo("on_file", "Decisions confirmed on the child's file",
                "Case decisions and records asking \u201cRecorded on the child's file\u201d "
                "answered Yes, or whose action to record it there is done.",
                "not confirmed"),
    MeasureInfo("disagreements_resolved", "Disagreements resolved",
                "Differences of opinion recorded in the period that were resolved then or in "
                "a later record; the rest are still open.",
                "still open"),
)


def percent(count: int, of: int) -> int | None:
    """Whole per cent, halves rounded up (1 of 8 is 13%); None with nothing to count."""
    return None if of <= 0 else (200 * count + of) // (2 * of)


@dataclass(frozen=True)
class Measure:
    """``count`` of ``of``."""

    count: int = 0
    of: int = 0

    @property
    def percent(self) -> int | None:
        return percent(self.count, self.of)

    @property
    def text(self) -> str:
        """"2 of 12, 17%", or "none to count"."""
        if not self.of:
            return NONE_TO_COUNT
        return f"{self.count} of {self.of}, {self.percent}%"

    def __add__(self, other: Measure) -> Measure:
        return Measure(self.count + other.count, self.of + other.of)

    def as_json(self) -> dict[str, Any]:
        return {"count": self.count, "of": self.of, "percent": self.percent,
                "text": self.text}


@dataclass(frozen=True)
class AuditRow:
    """One supervisee's figures (or the team's: ``person_id`` None), by measure key."""

    code_name: str
    person_id: int | None
    held: int = 0
    cancelled: int = 0
    moved: int = 0
    measures: Mapping[str, Measure] = field(default_factory=dict)

    def measure(self, key: str) -> Measure:
        return self.measures.get(key, Measure())

    @property
    def disagreements_open(self) -> int:
        found = self.measure("disagreements_resolved")
        return found.of - found.count

    @property
    def sessions_line(self) -> str:
        """"12 held; 1 cancelled, 1 moved"."""
        extra = [f"{n} {w}" for n, w in ((self.cancelled, "cancelled"), (self.moved, "moved"))
                 if n]
        return f"{self.held} held" + ("; " + ", ".join(extra) if extra else "")

    def as_json(self) -> dict[str, Any]:
        return {"code_name": self.code_name, "held": self.held, "cancelled": self.cancelled,
                "moved": self.moved, "disagreements_open": self.disagreements_open,
                "measures": {m.key: self.measure(m.key).as_json() for m in MEASURES}}


@dataclass(frozen=True)
class Audit:
    """The period, one row per supervisee (by code name) and the team's."""

    date_from: date
    date_to: date
    rows: tuple[AuditRow, ...]
    team: AuditRow

    def as_json(self) -> dict[str, Any]:
        """The stable shape ``reflect audit --json`` prints (documented in the README)."""
        return {"period": {"from": self.date_from.isoformat(), "to": self.date_to.isoformat()},
                "measures": [{"key": m.key, "label": m.label, "meaning": m.meaning,
                              "gap": m.gap}
                             for m in MEASURES],
                "team": self.team.as_json(),
                "supervisees": [row.as_json() for row in self.rows],
                "source": SOURCE}


class AuditError(ReflectError, ValueError):
    """A period that cannot be audited; the message is one sentence for the user."""


def challenge_recorded(sections: Mapping[str, Any]) -> bool:
    """Challenge recorded: words in a :data:`CHALLENGE_SECTIONS` section, or an answer to
    where the difference of opinion stands."""
    for key in CHALLENGE_SECTIONS:
        value = sections.get(key)
        if isinstance(value, str) and value.strip():
            return True
    return sections.get(OUTCOME_SECTION) in DISAGREEMENT_OUTCOMES


def followed_up(action: ActionRow) -> bool:
    """Closed with its follow-up written: done with an outcome, dropped with a reason."""
    return (action.status == DONE and bool(action.outcome.strip())) or (
        action.status == DROPPED and bool(action.reason.strip()))


def _due_for_follow_up(action: ActionRow, date_to: date) -> bool:
    if action.status == CARRIED:
        return False
    return action.status != OPEN or action.due_on is None or action.due_on <= date_to


def _agreed_next(entry: Entry) -> date | None:
    value = (entry.sections or {}).get("next_session")
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def session_due_on(person: Person, previous: Entry | None, previous_on: date) -> date | None:
    """When the session after one held on ``previous_on`` was due: the next session agreed in
    that record (``previous``, None for the last session given when they were added), else one
    interval of the schedule; None when the schedule cannot say."""
    agreed = _agreed_next(previous) if previous is not None else None
    if agreed is not None and agreed > previous_on:
        return agreed
    try:
        return schedules.next_due(person.schedule, person.started_on, previous_on)
    except schedules.ScheduleError:
        return None


def _on_schedule(person: Person, held: Sequence[Entry], date_from: date,
                 date_to: date) -> Measure:
    on_time = due = 0
    previous: Entry | None = None
    previous_on = person.last_supervised_on
    for entry in held:
        if previous_on is not None and entry.happened_on >= previous_on \
                and date_from <= entry.happened_on:
            due_on = session_due_on(person, previous, previous_on)
            if due_on is not None:
                due += 1
                on_time += entry.happened_on <= due_on
        previous, previous_on = entry, entry.happened_on
    if previous_on is not None:
        due_on = session_due_on(person, previous, previous_on)
        still_here = person.active and (person.left_on is None or person.left_on > due_on) \
            if due_on is not None else False
        if due_on is not None and date_from <= due_on < date_to and still_here:
            due += 1  # overdue at the end of the period, not held
    return Measure(on_time, due)


def file_decisions(entry: Entry, template: Any, actions: Mapping[int, ActionRow]) -> Measure:
    """The record's decisions that belong on the child's file, and how many are confirmed
    there: answered Yes, or the action to record it there done."""
    sections = entry.sections or {}
    confirmed = asked = 0
    for section in template.sections if template is not None else ():
        if section.id in CHILD_FILE_SECTIONS and section.type == "yesno":
            asked += 1
            confirmed += sections.get(section.id) is True
    for group in groups(template):
        question = field_of(group, child_file=True)
        if question is None:
            continue
        for block in blocks(sections, group):
            asked += 1
            action = actions.get(block.get(FILE_ACTION_KEY))  # type: ignore[arg-type]
            confirmed += block.get(question.id) is True or (
                action is not None and action.status == DONE)
    return Measure(confirmed, asked)


def _disagreement(entry: Entry) -> Measure:
    sections = entry.sections or {}
    outcome = sections.get(OUTCOME_SECTION)
    if outcome not in DISAGREEMENT_OUTCOMES:
        return Measure()
    resolved = outcome == "Resolved" or isinstance(sections.get(RESOLUTION_KEY), dict)
    return Measure(int(resolved), 1)


def _row(person: Person, records: Sequence[Entry], actions: Sequence[ActionRow],
         templates: Supervision, date_from: date, date_to: date) -> AuditRow:
    in_period = [e for e in records if date_from <= e.happened_on <= date_to]
    status = [session_of(e).status for e in in_period]
    held_all = [e for e in records if session_of(e).status == HELD]
    held = [e for e, s in zip(in_period, status, strict=True) if s == HELD]
    ids = {e.id for e in in_period}
    mine = [a for a in actions if a.entry_id in ids]
    by_id = {a.id: a for a in mine}
    due = [a for a in mine if _due_for_follow_up(a, date_to)]
    measures = {
        "on_schedule": _on_schedule(person, held_all, date_from, date_to),
        "challenge": Measure(sum(challenge_recorded(e.sections or {}) for e in held), len(held)),
        "owner_and_date": Measure(sum(bool(a.owner.strip()) and a.due_on is not None
                                      for a in mine), len(mine)),
        "followed_up": Measure(sum(followed_up(a) for a in due), len(due)),
        "on_file": _sum(file_decisions(e, templates.template(e.template_id), by_id)
                        for e in held),
        "disagreements_resolved": _sum(_disagreement(e) for e in held),
    }
    return AuditRow(person.code_name, person.id, len(held), status.count(CANCELLED),
                    status.count(MOVED), measures)


def _sum(measures: Iterable[Measure]) -> Measure:
    total = Measure()
    for m in measures:
        total += m
    return total


def _team(rows: Sequence[AuditRow]) -> AuditRow:
    return AuditRow(TEAM, None, sum(r.held for r in rows), sum(r.cancelled for r in rows),
                    sum(r.moved for r in rows),
                    {m.key: _sum(r.measure(m.key) for r in rows) for m in MEASURES})


def default_period(today: date) -> tuple[date, date]:
    """The last twelve months, both days included: 3 Dec 2025 to 2 Dec 2026."""
    return schedules.add_months(today, -12) + timedelta(days=1), today


def check_period(date_from: date, date_to: date) -> None:
    if date_from > date_to:
        raise AuditError("The period ends before it starts: choose a 'from' date on or "
                         "before the 'to' date.")


def audit(journal: Journal, date_from: date, date_to: date,
          supervision: Supervision | None = None) -> Audit:
    """The self-audit of ``date_from`` to ``date_to`` (both days included). A supervisee is
    listed if they had a session in the period, or one fell due in it while they were here."""
    check_period(date_from, date_to)
    sup = supervision or Supervision(journal)
    with journal.vault.session() as s:
        people = list_people(s)
        records = audit_store.supervisee_records(s, date_to)
        in_period = [e.id for e in records if e.happened_on >= date_from and e.id is not None]
        actions = audit_store.actions_of(s, in_period)
    per_person: dict[int, list[Entry]] = {}
    for entry in records:
        per_person.setdefault(int(entry.person_id or 0), []).append(entry)
    rows = []
    for person in people:
        row = _row(person, per_person.get(int(person.id or 0), []), actions, sup,
                   date_from, date_to)
        if row.held or row.cancelled or row.moved or row.measure("on_schedule").of:
            rows.append(row)
    rows.sort(key=lambda r: r.code_name.casefold())
    return Audit(date_from, date_to, tuple(rows), _team(rows))
