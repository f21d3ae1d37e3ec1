"""A record form's values as plain data, and back into the domain's objects.

The form's state is one JSON-friendly dict (title, happened_on, person_id, sections,
actions), the shape an encrypted draft keeps, so "what is on screen" against "what was
saved" is a dict comparison. These helpers hold no widgets.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from reflect.common.errors import ReflectError
from reflect.content.templates import Section, Template
from reflect.journal import drafts
from reflect.journal.drafts import DraftKind
from reflect.journal.journal import new_entry
from reflect.store.actions import FOLLOW_UPS_KEY
from reflect.store.entries import utc_now
from reflect.store.models import Action, Entry

DRAFT_PREFIX = f"{DraftKind.SUPERVISION}:"


def draft_key(entry_id: int | None, uid: str) -> str:
    """The record form's draft key, by the journal's one rule for draft keys."""
    return drafts.draft_key(DraftKind.SUPERVISION, entry_id, uid)


def reason(exc: BaseException) -> str:
    """The user's sentence for a refusal; the type name only for the unexpected."""
    return str(exc) if isinstance(exc, ReflectError | ValueError) else (
        f"Something unexpected went wrong ({type(exc).__name__}).")


def iso(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def fallback_template(entry: Entry) -> Template:
    """A record whose template file is gone still opens: each written answer as a text
    section, the actions as actions; other values (dates, scales) are kept untouched."""
    def kind(value: Any) -> str:
        snapshot = isinstance(value, list) and value and all(
            isinstance(v, dict) and "action_id" in v for v in value)
        return "actions" if snapshot else "text"

    sections = tuple(Section(id=key, title=key.replace("_", " ").capitalize(), type=kind(value))
                     for key, value in (entry.sections or {}).items()
                     if isinstance(value, str | list) and key != FOLLOW_UPS_KEY
                     and not key.startswith("_"))
    return Template(id=entry.template_id or "missing", name="Record (template missing)",
                    purpose="", kind=entry.kind, version=1, sections=sections,
                    path=Path(), builtin=True)


def has_content(state: dict[str, Any], template: Template | None) -> bool:
    """Anything typed beyond what a new record starts with (the supervisee's name), or an
    earlier action followed up in it."""
    kinds = {s.id: s.type for s in template.sections} if template else {}
    return any(v not in (None, "", []) for k, v in state["sections"].items()
               if kinds.get(k) != "supervisee" and not k.startswith("_")) or any(
        a["description"].strip() or a["owner"].strip() for a in state["actions"]) or bool(
        state.get("follow_ups"))


def fill_entry(entry: Entry, state: dict[str, Any], template: Template) -> Entry:
    """Put the form's values into ``entry``; answers emptied are removed, and keys the form
    does not show (the search copy of the actions, old sections) are kept."""
    entry.title = " ".join(state["title"].split()) or template.name
    entry.happened_on = date.fromisoformat(state["happened_on"])
    entry.person_id = state["person_id"]
    sections = dict(entry.sections or {})
    for key, value in state["sections"].items():
        if value in (None, ""):
            sections.pop(key, None)
        else:
            sections[key] = value
    entry.sections = sections
    return entry


def new_record_entry(template: Template, uid: str) -> Entry:
    entry = new_entry(kind=template.kind, template_id=template.id)
    entry.uid = uid
    return entry


def actions_to_save(state: dict[str, Any]) -> list[Action]:
    """Every stored action (closed ones too: the list is the record's full list) and each
    new row with words in it; blank new rows are dropped."""
    return [Action(id=a["id"], description=a["description"], owner=a["owner"],
                   due_on=iso(a["due_on"]), person_id=a["person_id"],
                   carried_from_id=a["carried_from_id"], created_at=utc_now())
            for a in state["actions"]
            if a["id"] is not None or a["description"].strip() or a["owner"].strip()]
