"""Cases discussed, as saving a record settles them, and every discussion of one case.

Each block's actions are rows of the record's ``action`` table, followed up like any other
(the block keeps their ids); a block answering "On the child's file: No" gets one open
action "Record the decision on … on the child's file", due two working days after the
session, owned by the supervisor. Saving again never adds a second one; "Yes" later closes
it as done (docs/decisions.md says why).

:func:`settle` runs inside :meth:`Supervision.save_record`'s transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from reflect.content.templates import Template
from reflect.store import actions as action_store
from reflect.store import cases as case_store
from reflect.store import ratings as meta_store
from reflect.store.actions import DONE, OPEN
from reflect.store.entries import utc_now
from reflect.store.models import Action, Entry
from reflect.supervision.case_notes import (
    ACTION_IDS_KEY,
    ACTIONS_KEY,
    CASE_KEY,
    DEFAULT_ROLE,
    FILE_ACTION_DAYS,
    FILE_ACTION_KEY,
    ROLE_KEY,
    blocks,
    case_key,
    field_of,
    file_action_text,
    groups,
    reference,
    working_days_after,
)

#: The outcome written when "On the child's file" turns to Yes.
ON_FILE_OUTCOME = "The decision is on the child's file (answered Yes in the record)."
ROLE_META_KEY = "supervisor_role"
#: Per group id, per block in order: the block's actions as saved.
CaseActions = Mapping[str, Sequence[Sequence[Action]]]


def case_actions(state: Mapping[str, Any], template: Template | None,
                 rows_to_actions: Any) -> dict[str, list[list[Action]]]:
    """The form's block rows as :class:`Action` objects (``rows_to_actions`` turns a form
    state's ``actions`` into them, as for the record's own rows)."""
    sections = state.get("sections") or {}
    return {group.id: [rows_to_actions({"actions": [r for r in block.get(ACTIONS_KEY) or ()
                                                    if isinstance(r, dict)]})
                       for block in blocks(sections, group)]
            for group in groups(template)}


def split_actions(state: dict[str, Any], template: Template | None) -> dict[str, Any]:
    """A saved record's form state with each block's action rows moved into the block
    (``state["actions"]`` keeps the record's own); ids and lookup keys are left out, as
    saving writes them again."""
    rows = [a for a in state.get("actions") or () if isinstance(a, dict)]
    sections = dict(state.get("sections") or {})
    taken: set[int] = set()
    for group in groups(template):
        out = []
        for block in blocks(sections, group):
            ids = [i for i in block.get(ACTION_IDS_KEY) or () if isinstance(i, int)]
            mine = [r for r in rows if r.get("id") in ids]
            taken |= set(ids)
            out.append({**{k: v for k, v in block.items() if k not in (ACTION_IDS_KEY,
                                                                         CASE_KEY)},
                        ACTIONS_KEY: mine})
        if group.id in sections:
            sections[group.id] = out
    return {**state, "sections": sections,
            "actions": [r for r in rows if r.get("id") not in taken]}


def settle(s, entry: Entry, template: Template | None, cases: CaseActions | None,
           today: date) -> set[int | None]:
    """Write each block's action ids and lookup key, and keep its child's-file action as
    the answer says; returns the records whose actions changed."""
    sections = dict(entry.sections or {})
    role = " ".join(str(sections.get(ROLE_KEY) or "").split())
    if role:
        meta_store.set_meta(s, ROLE_META_KEY, role)
    touched: set[int | None] = set()
    for group in groups(template):
        given = cases.get(group.id) if cases is not None else None
        out = []
        for index, raw in enumerate(blocks(sections, group)):
            block = {k: v for k, v in raw.items() if k != ACTIONS_KEY}
            if given is not None and index < len(given):
                ids = [a.id for a in given[index] if a.id is not None]
            else:
                ids = [i for i in block.get(ACTION_IDS_KEY) or () if isinstance(i, int)]
            ref = reference(group, block, index)
            if field_of(group, kind="case_ref") is not None:
                block[CASE_KEY] = case_key(ref)
            question = field_of(group, child_file=True)
            if question is not None:
                touched |= _file_action(s, entry, block, ids, block.get(question.id), ref,
                                        role or DEFAULT_ROLE, today)
            block[ACTION_IDS_KEY] = ids
            out.append(block)
        if group.id in sections:
            sections[group.id] = out
    entry.sections = sections
    return touched


def _file_action(s, entry: Entry, block: dict[str, Any], ids: list[int], answer: Any,
                 ref: str, owner: str, today: date) -> set[int | None]:
    found = block.get(FILE_ACTION_KEY)
    action = s.get(Action, found) if isinstance(found, int) else None
    if action is not None and action.entry_id != entry.id:
        action = None
    touched: set[int | None] = set()
    if answer is False:
        if action is None:
            action = Action(description=file_action_text(ref), owner=owner,
                            due_on=working_days_after(entry.happened_on, FILE_ACTION_DAYS),
                            created_at=utc_now())
            touched |= action_store.agree(s, entry, action)
        elif action.status == OPEN:
            action.description = file_action_text(ref)  # the reference may have changed
        elif action.status == DONE and action.outcome == ON_FILE_OUTCOME:
            touched |= action_store.reopen(s, action)  # Yes, then No again: open again
    elif answer is True and action is not None and action.status == OPEN:
        touched |= action_store.close(s, action, DONE, today, outcome=ON_FILE_OUTCOME)
    if action is not None:
        block[FILE_ACTION_KEY] = action.id
        if action.id not in ids:
            ids.append(action.id)
    else:
        block.pop(FILE_ACTION_KEY, None)
    return touched


def default_role(s) -> str:
    """The role the last saved record gave, for a new record's case-file notes."""
    return meta_store.get_meta(s, ROLE_META_KEY) or DEFAULT_ROLE


@dataclass(frozen=True)
class Discussion:
    """One record that discussed a case, and what it decided."""

    entry_id: int
    happened_on: date
    title: str
    code_name: str
    reference: str
    decision: str


def discussions(supervision: Any, ref: str) -> list[Discussion]:
    """Every record that discussed the case ``ref`` ("c-14" finds "C-14"), newest first."""
    key = case_key(ref)
    with supervision.journal.vault.session() as s:
        ids = case_store.entries_discussing(s, key)
    found = []
    for entry_id in ids:
        record = supervision.record(entry_id)
        for group in groups(record.template):
            decision = field_of(group, kind="text")
            for index, block in enumerate(blocks(record.entry.sections, group)):
                if block.get(CASE_KEY) != key:
                    continue
                note = next((f for f in group.fields if f.note), decision)
                words = block.get(note.id) if note else ""
                found.append(Discussion(
                    entry_id, record.entry.happened_on, record.entry.title,
                    record.person.code_name if record.person else "",
                    reference(group, block, index), words if isinstance(words, str) else ""))
    return found
