"""Which earlier actions a record reviews: the supervisee's, or the leader's own.

A record with a supervisee reviews that supervisee's open actions. A record from a template
marked ``reviews_own_actions`` (My supervision, Coaching session preparation: content, see
:mod:`reflect.content.template_flags`) has no supervisee and reviews the leader's own open
actions instead: from their own supervision, coaching preparations and reflections, agreed
before it. Neither ever shows the other's, and a record never reviews its own actions.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from reflect.content.templates import Template, TemplateLoadResult
from reflect.store import actions as action_store
from reflect.store.actions import ActionRow
from reflect.store.models import Entry


def reviews_own(template: Template | None) -> bool:
    return template is not None and template.reviews_own_actions


def own_template_ids(templates: TemplateLoadResult) -> tuple[str, ...]:
    """The templates whose records are the leader's own (their actions are own too)."""
    return tuple(t.id for t in templates.templates if t.reviews_own_actions)


def open_to_review(session: Any, templates: TemplateLoadResult, template: Template | None,
                   person_id: int | None, entry: Entry | None = None,
                   day: date | None = None) -> list[ActionRow]:
    """The open actions a record reviews: ``entry`` when saved (those agreed before it), else
    a new record on ``day``. The supervisee's new record keeps its old rule (all open ones).
    ``session``: the caller's transaction (a store session; only the store names its type)."""
    if person_id is not None:
        return action_store.open_before(session, person_id, entry)
    if not reviews_own(template):
        return []
    return action_store.open_own_before(session, own_template_ids(templates), entry, day)
