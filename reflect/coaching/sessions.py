"""Coaching sessions: the coaching preparations, each with its session date, its goals and
the actions agreed in it, with how each was followed up since.

The mentor pack's brief and "since last session" read them: :func:`latest_session` is the
session being prepared for, :func:`previous_session` the one before a date. A session is a
record from a coaching template with a session date section (``session_on``: the shipped
coaching preparation or a copy of it); its date is that answer, else the record's date. A
record in the trash is no session.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from reflect.common.ids import saved_id
from reflect.content.templates import Template, TemplateLoadResult, load_templates
from reflect.store import actions as action_store
from reflect.store import entries as entry_store
from reflect.store.actions import CARRIED, DONE, DROPPED
from reflect.store.models import Entry
from reflect.store.queries import EntryFilter

if TYPE_CHECKING:
    from reflect.journal.journal import Journal

SESSION_ON, GOALS, AFTER = "session_on", "goals", "after"
COACHING = "coaching"
#: More coaching preparations than anyone writes in a career.
_SCAN = 5000


@dataclass(frozen=True)
class SessionAction:
    """An action agreed in a session and where it stands: ``status`` in that record (open,
    done, dropped, carried); ``note`` what changed (done) or why (dropped); ``closed_on``
    when it was reviewed. A carried one continues: ``now`` and ``now_note`` are the end of
    its chain (the latest step), ``continued_in`` the record it was carried into."""

    action_id: int
    description: str
    owner: str
    due_on: date | None
    status: str
    note: str
    closed_on: date | None
    now: str
    now_note: str = ""
    continued_in: str = ""

    @property
    def followed_up(self) -> bool:
        return self.status in (DONE, DROPPED, CARRIED)


@dataclass(frozen=True)
class CoachingSession:
    entry_id: int
    title: str
    session_on: date
    written_on: date  # the record's own date
    goals: str
    after: str
    actions: tuple[SessionAction, ...] = ()


def is_session_template(template: Template | None) -> bool:
    """A coaching template with a session date: its records are coaching sessions."""
    return template is not None and template.kind == COACHING and \
        template.section(SESSION_ON) is not None


def sessions(journal: Journal, templates: TemplateLoadResult | None = None
             ) -> tuple[CoachingSession, ...]:
    """Every coaching session, newest first (by session date, then as written)."""
    loaded = templates or load_templates()
    ids = {t.id for t in loaded.templates if is_session_template(t)}
    found = []
    with journal.vault.session() as session:
        for entry in entry_store.list_entries(session, EntryFilter(kind=COACHING), _SCAN, 0):
            if entry.template_id in ids and entry.id is not None:
                found.append(_session(session, entry))
    return tuple(sorted(found, key=lambda s: (s.session_on, s.written_on, s.entry_id),
                        reverse=True))


def latest_session(journal: Journal, templates: TemplateLoadResult | None = None
                   ) -> CoachingSession | None:
    """The newest session: the one being prepared for."""
    return next(iter(sessions(journal, templates)), None)


def previous_session(journal: Journal, before: date,
                     templates: TemplateLoadResult | None = None) -> CoachingSession | None:
    """The newest session held before ``before``: where "since last session" starts."""
    return next((s for s in sessions(journal, templates) if s.session_on < before), None)


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _session(session: Any, entry: Entry) -> CoachingSession:
    sections = entry.sections or {}
    agreed = action_store.for_entry(session, saved_id(entry))
    actions = tuple(_followed(session, a.id) for a in agreed if a.id is not None)
    return CoachingSession(
        entry_id=saved_id(entry), title=entry.title,
        session_on=_day(sections.get(SESSION_ON)) or entry.happened_on,
        written_on=entry.happened_on, goals=_text(sections.get(GOALS)),
        after=_text(sections.get(AFTER)), actions=actions)


def _followed(session: Any, action_id: int) -> SessionAction:
    steps = action_store.chain(session, action_id)
    here = next(r for r in steps if r.id == action_id)
    last = steps[-1]
    later = steps[steps.index(here) + 1] if here.status == CARRIED and here is not last else None
    return SessionAction(
        action_id=here.id, description=here.description, owner=here.owner,
        due_on=here.due_on, status=here.status, note=here.outcome or here.reason,
        closed_on=here.closed_on, now=last.status, now_note=last.outcome or last.reason,
        continued_in=(later.entry_title or "") if later is not None else "")
