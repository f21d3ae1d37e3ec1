"""Everything the journal holds about one supervisee, for a subject access request (UK GDPR).

What it holds, and the rules that decide it (docs/decisions.md says why):

- the person's own details: code name, role, schedule, dates, the supervision agreement note;
- every record with them as supervisee, the trash included (a record in the trash is still
  held), with every section: sensitive ones and the supervisor's own notes too, because a
  subject access request covers everything held;
- from those records, listed again for reading at a glance: the sessions held, moved or
  cancelled, the actions and how each was followed up, the differences of opinion and their
  resolution, the cases discussed (case references as written) and the supervisee's comments;
- unsaved drafts of a record for them (kept in the journal, so held);
- a group supervision that someone else presented: only the sections that name them;
- other entries that name them (the leader's reflections, the leader's own supervision, other
  supervisees' one-to-ones) are not reliably about them: counted for the leader, and given
  only when asked (``include_mentions``), as a separate section to review before sending.

Every other supervisee's code name is taken out (:mod:`reflect.privacy.redaction`). Qt-free.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from reflect.common.dates import uk_date
from reflect.content.templates import Template
from reflect.journal.journal import Journal
from reflect.privacy.redaction import Redactor, mentions
from reflect.store.actions import ActionFilter
from reflect.store.disagreements import OUTCOME_SECTION, WHAT_SECTION
from reflect.store.models import Action, Entry, Person
from reflect.store.queries import EntryFilter
from reflect.supervision import case_notes
from reflect.supervision.agreement import VIA_PDF, agreement_of
from reflect.supervision.record_export import (
    OutlineItem,
    action_line,
    record_outline,
    record_title,
    resolution_text,
)
from reflect.supervision.records import Supervision
from reflect.supervision.session_info import session_line, session_of

_ALL = 10**9
_PARAGRAPH = re.compile(r"\n\s*\n")


class UnknownPerson(LookupError):
    """No supervisee has that code name; ``known`` lists those that do."""

    def __init__(self, code_name: str, known: Sequence[str]) -> None:
        super().__init__(f"No supervisee is called '{code_name}'.")
        self.code_name, self.known = code_name, tuple(known)


@dataclass(frozen=True)
class Part:
    """One heading of a record as given: its text (Markdown) or its table rows."""

    heading: str
    kind: str  # "text", "actions", "reviewed" or a field type (yesno, choice, date…)
    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()
    sensitive: bool = False
    supervisor_only: bool = False


@dataclass(frozen=True)
class HeldRecord:
    """A record as the export gives it. ``named_only``: a group supervision someone else
    presented, of which only the parts that name the supervisee are given."""

    uid: str
    happened_on: date
    title: str
    record_type: str
    in_trash: bool
    meta: tuple[tuple[str, str], ...]
    parts: tuple[Part, ...]
    named_only: bool = False


@dataclass(frozen=True)
class Mention:
    """Another entry naming the supervisee: only its paragraphs that name them."""

    happened_on: date
    title: str
    kind: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class SubjectAccess:
    code_name: str
    made_at: datetime
    details: tuple[tuple[str, str], ...]
    records: tuple[HeldRecord, ...]
    group_records: tuple[HeldRecord, ...]
    sessions: tuple[tuple[str, ...], ...]  # date, how it went, record
    actions: tuple[tuple[str, ...], ...]  # record date, action, owner, due, status, outcome
    disagreements: tuple[tuple[str, ...], ...]  # date, where it stands, what, resolved
    cases: tuple[tuple[str, ...], ...]  # date, case reference, record
    comments: tuple[tuple[str, ...], ...]  # date, record, how it came, text
    drafts: tuple[tuple[str, str, str], ...]  # date, title, text
    mention_count: int
    mentions: tuple[Mention, ...] = field(default=())
    mentions_included: bool = False


def find_person(sup: Supervision, code_name: str) -> Person:
    """The supervisee with that code name (any case), or :class:`UnknownPerson`."""
    people = sup.supervisees()
    wanted = " ".join(code_name.split()).casefold()
    for person in people:
        if person.code_name.casefold() == wanted:
            return person
    raise UnknownPerson(code_name, [p.code_name for p in people])


def _text_of(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for v in value.values():
            yield from _text_of(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _text_of(v)


def _names(entry: Entry, code_name: str) -> bool:
    texts = [entry.title, entry.body, *(entry.tags or []),
             *_text_of({k: v for k, v in (entry.sections or {}).items()})]
    return any(mentions(t, code_name) for t in texts if t)


def is_group(template: Template | None) -> bool:
    """A group supervision: the record's supervisee is its presenter, others take part."""
    if template is None:
        return False
    return "group" in template.id or any(
        s.type == "supervisee" and s.id == "presenter" for s in template.sections)


def _part(item: OutlineItem, template: Template | None) -> Part:
    by_title = {s.title: s for s in template.sections} if template else {}
    section = by_title.get(item.heading)
    rows: tuple[tuple[str, ...], ...] = ()
    if item.kind == "actions":
        rows = tuple(tuple(a) for a in item.actions)
    elif item.kind == "reviewed":
        rows = tuple(tuple(r) for r in item.reviewed)
    return Part(item.heading, item.kind, item.text, rows,
                bool(section and section.sensitive),
                bool(section and section.audience == "supervisor"))


def _fallback_parts(entry: Entry) -> list[Part]:
    """A record whose template is gone: every answer under its section id."""
    parts = [Part(key.replace("_", " ").capitalize(), "text", "\n\n".join(_text_of(value)))
             for key, value in (entry.sections or {}).items() if not key.startswith("_")]
    return parts or ([Part("Text", "text", entry.body)] if entry.body else [])


class _Collector:
    def __init__(self, sup: Supervision, person: Person) -> None:
        self.sup, self.person = sup, person
        self.redact = Redactor(person.code_name, [p.code_name for p in sup.supervisees()])

    def held(self, entry: Entry, *, named_only: bool = False) -> HeldRecord:
        rec = self.sup.record(entry.id or 0)
        template, r = rec.template, self.redact
        clean = r.entry(entry)
        actions = [r.action(a) for a in rec.actions]
        if template is None:
            meta, parts = [("Date", uk_date(entry.happened_on))], _fallback_parts(clean)
            title, kind = clean.title or "Record", entry.template_id or "Record"
        else:
            person = None if named_only else self.person
            outline = record_outline(clean, template, person, actions,
                                     reviewed=[r.reviewed(x) for x in rec.reviewed])
            meta = [(i.heading, i.text) for i in outline if i.kind == "meta"]
            parts = [_part(i, template) for i in outline if i.kind != "meta"]
            title, kind = record_title(clean, template), template.name
        if named_only:  # someone else's group record: only what names this person
            meta = [(k, v) for k, v in meta if k in ("Date", "Record")]
            parts = [self._named(p) for p in parts]
            parts = [p for p in parts if p.text or p.rows]
            title = f"{kind} where {self.person.code_name} took part"
        return HeldRecord(entry.uid, entry.happened_on, title, kind,
                          entry.deleted_at is not None, tuple(meta), tuple(parts), named_only)

    def _named(self, part: Part) -> Part:
        name = self.person.code_name
        rows = tuple(row for row in part.rows if any(mentions(c, name) for c in row))
        text = part.text if mentions(part.text, name) else ""
        return Part(part.heading, part.kind, text, rows, part.sensitive, part.supervisor_only)

    def mention(self, entry: Entry) -> Mention:
        name = self.person.code_name
        texts = [entry.title, entry.body, *_text_of(entry.sections or {})]
        paragraphs = [p.strip() for t in texts if t for p in _PARAGRAPH.split(t)
                      if mentions(p, name)]
        return Mention(entry.happened_on, self.redact.text(entry.title) or "Untitled",
                       entry.kind, tuple(self.redact.text(p) for p in paragraphs))


def _day(value: Any) -> str:
    try:
        return uk_date(date.fromisoformat(str(value)))
    except ValueError:
        return "—"


def _details(person: Person) -> tuple[tuple[str, str], ...]:
    rows = [("Code name", person.code_name), ("Role", person.role),
            ("Supervision schedule", person.schedule),
            ("Supervised from", uk_date(person.started_on) if person.started_on else ""),
            ("Last supervision before Reflect",
             uk_date(person.last_supervised_on) if person.last_supervised_on else ""),
            ("Supervision agreement agreed on",
             uk_date(person.contract_agreed_on) if person.contract_agreed_on else ""),
            ("Supervision agreement to be reviewed by",
             uk_date(person.contract_review_on) if person.contract_review_on else ""),
            ("Supervision agreement note", person.contract_note),
            ("Currently supervised", "Yes" if person.active else "No"),
            ("Left on", uk_date(person.left_on) if person.left_on else ""),
            ("Added to Reflect", uk_date(person.created_at.date()))]
    return tuple((k, v or "—") for k, v in rows)


def collect(sup: Supervision, code_name: str, *, include_mentions: bool = False,
            now: datetime | None = None) -> SubjectAccess:
    """Everything about the supervisee called ``code_name`` (see the module docstring)."""
    person = find_person(sup, code_name)
    journal: Journal = sup.journal
    c = _Collector(sup, person)
    every = [e for deleted in (False, True)
             for e in journal.list_entries(EntryFilter(deleted=deleted), limit=_ALL)]
    every.sort(key=lambda e: (e.happened_on, e.id or 0))
    own = [e for e in every if e.person_id == person.id]
    group: list[Entry] = []
    other: list[Entry] = []
    for e in every:
        if e.person_id == person.id or not _names(e, person.code_name):
            continue
        (group if e.person_id is not None and is_group(sup.template(e.template_id))
         else other).append(e)
    records = tuple(c.held(e) for e in own)
    titles = {r.uid: r.title + (" (in the trash)" if r.in_trash else "") for r in records}
    sessions: list[tuple[str, ...]] = []
    disagreements: list[tuple[str, ...]] = []
    cases: list[tuple[str, ...]] = []
    comments: list[tuple[str, ...]] = []
    for e in own:
        sections, title = e.sections or {}, titles[e.uid]
        info = session_of(e)
        sessions.append((uk_date(e.happened_on), c.redact.text(session_line(info)), title))
        what, outcome = sections.get(WHAT_SECTION), sections.get(OUTCOME_SECTION)
        if (isinstance(what, str) and what.strip()) or outcome:
            disagreements.append((uk_date(e.happened_on), str(outcome or "—"),
                                  c.redact.text(str(what or "")),
                                  c.redact.text(resolution_text(sections))))
        template = sup.template(e.template_id)
        for note in case_notes.record_notes(sections, template, e.happened_on, []):
            cases.append((uk_date(e.happened_on), c.redact.text(note.reference), title))
        for comment in agreement_of(e).comments:
            how = "from the returned PDF" if comment.via == VIA_PDF else "typed in"
            comments.append((uk_date(comment.on), title, how, c.redact.text(comment.text)))
    actions = []
    for row in sup.actions(ActionFilter(person_id=person.id), limit=None):
        stored = Action(description=row.description, owner=row.owner, due_on=row.due_on,
                        status=row.status, outcome=row.outcome, reason=row.reason,
                        closed_on=row.closed_on, created_at=datetime.now())
        line = action_line(c.redact.action(stored))
        actions.append((uk_date(row.entry_happened_on) if row.entry_happened_on else "—",
                        *line))
    drafts = []
    for _key, payload in sorted(journal.drafts().items()):
        inner = payload.get("state")
        state: dict[str, Any] = inner if isinstance(inner, dict) else payload
        if person.id in (payload.get("person_id"), state.get("person_id")):
            text = "\n\n".join(t for t in _text_of(state.get("sections") or {}) if t.strip())
            drafts.append((_day(state.get("happened_on")),
                           c.redact.text(str(state.get("title") or "")),
                           c.redact.text(text)))
    return SubjectAccess(
        person.code_name, now or datetime.now().astimezone(), _details(person), records,
        tuple(c.held(e, named_only=True) for e in group), tuple(sessions), tuple(actions),
        tuple(disagreements), tuple(cases), tuple(comments), tuple(drafts), len(other),
        tuple(c.mention(e) for e in other) if include_mentions else (), include_mentions)
