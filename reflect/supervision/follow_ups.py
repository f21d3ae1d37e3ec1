"""The earlier actions a saved record reviewed: done, carried forward or dropped in it.

The record form shows them in its review panel (with Undo), the exports and the printed
record list them under "Previous actions reviewed". One function, :func:`follow_ups_of`, so
the three never disagree. A record in the trash reviewed nothing (see
:mod:`reflect.store.record_follow_ups`).
"""

from __future__ import annotations

from datetime import date
from typing import Protocol, runtime_checkable

from reflect.common.dates import uk_date
from reflect.content.templates import TemplateLoadResult, load_templates
from reflect.journal.journal import Journal
from reflect.store import record_follow_ups
from reflect.store.actions import CARRIED, DONE, ActionRow
from reflect.store.models import Entry
from reflect.store.record_follow_ups import Reviewed
from reflect.supervision import own_actions
from reflect.supervision.record_export import ReviewedLine

__all__ = ["DECISION_LABELS", "Reviewed", "decision_label", "follow_ups_of", "note_text",
           "reviewed_lines", "to_review"]

DECISION_LABELS = {DONE: "Done", CARRIED: "Carried forward", "dropped": "Dropped"}


class _HasJournal(Protocol):
    @property
    def journal(self) -> Journal: ...


@runtime_checkable
class _HasTemplates(Protocol):
    """A ``Supervision``: the templates it loaded, user copies included."""

    def templates(self, reload: bool = False) -> TemplateLoadResult: ...


def follow_ups_of(source: Journal | _HasJournal, record: Entry | int) -> list[Reviewed]:
    """The earlier actions ``record`` (an entry or its id) decided, in the order they were
    agreed; [] for a record in the trash, one not saved or one that no longer exists.
    ``source`` is the open journal or anything holding it (a ``Supervision``)."""
    journal = source if isinstance(source, Journal) else source.journal
    record_id = record if isinstance(record, int) else record.id
    if record_id is None:
        return []
    with journal.vault.session() as session:
        entry = session.get(Entry, record_id)
        if entry is None or entry.deleted_at is not None:
            return []
        return record_follow_ups.reviewed_in(session, entry)


def to_review(source: Journal | _HasJournal, record: Entry) -> list[ActionRow]:
    """What a saved record's review panel lists: the open actions from before it (the
    supervisee's, or the leader's own for a template that reviews them, see
    :mod:`.own_actions`) and those it decided (as they now are, to show with Undo), in the
    order a new record lists them (soonest due first)."""
    journal = source if isinstance(source, Journal) else source.journal
    templates = source.templates() if isinstance(source, _HasTemplates) else load_templates()
    template = templates.by_id(record.template_id) if record.template_id else None
    if record.person_id is None and not own_actions.reviews_own(template):
        return []
    with journal.vault.session() as session:
        rows = own_actions.open_to_review(session, templates, template, record.person_id,
                                          record)
        stored = session.get(Entry, record.id) if record.id is not None else None
        if stored is not None and stored.deleted_at is None:
            rows += [r.action for r in record_follow_ups.reviewed_in(session, stored)]
    return sorted({r.id: r for r in rows}.values(),
                  key=lambda r: (r.due_on is None, r.due_on or date.min, r.id))


def decision_label(item: Reviewed) -> str:
    """"Done", "Carried forward" or "Dropped"."""
    return DECISION_LABELS.get(item.status, item.status.capitalize())


def note_text(item: Reviewed) -> str:
    """What changed in practice (done), why it was dropped, or where a carry went."""
    if item.status == CARRIED:
        due = f", due {uk_date(item.due_on)}" if item.due_on else ""
        return f"Continued in this record's actions{due}."
    return " ".join(item.note.split())


def reviewed_lines(items: list[Reviewed]) -> tuple[ReviewedLine, ...]:
    """The follow-ups as the exports and the printed record list them."""
    return tuple(ReviewedLine(" ".join(i.action.description.split()), decision_label(i),
                              note_text(i)) for i in items)
