"""Cases discussed in a record: the block's words, its case-file note, and the rules around it.

A team manager discusses several cases in one session, and the decision on each belongs on
the child's file (the SCIE recording principle; Ofsted, Joining the dots, para 145), which
lives in the council's case system, not in Reflect. So each block gives a **case-file
note** (date, case reference, supervisor's role, decision, rationale, actions with owner
and date) to copy and paste there, and the record's export carries the same notes.

A group's value in ``entry.sections`` is a list of dicts, one per block: the fields' values
by field id, plus keys starting with "_" that no field id can take (see below). Qt-free and
store-free: plain functions over plain values, used by the form, the exports and
:mod:`reflect.supervision.cases`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from reflect.common.dates import as_date, uk_date
from reflect.content.template_groups import GROUP
from reflect.content.templates import CASE_NOTES_HINT, SCALE_MAX, Section, Template

#: In ``sections``: the supervisor's role as this record's case-file notes give it.
ROLE_KEY = "_case_role"
DEFAULT_ROLE = "Supervisor"
#: In a block: the form's action rows (a draft keeps them; saving turns them into ids).
ACTIONS_KEY = "_actions"
#: In a saved block: the ids of its actions (rows of the record's ``action`` table).
ACTION_IDS_KEY = "_action_ids"
#: In a saved block: the action "Record the decision on … on the child's file".
FILE_ACTION_KEY = "_file_action"
#: In a saved block: the reference folded for lookup (see :func:`case_key`).
CASE_KEY = "_case"
FILE_ACTION_DAYS = 2
NAME_WARNING = "This looks like a full name. " + CASE_NOTES_HINT
_NAME_WORD = r"[A-Z][a-z'’-]+"
_FULL_NAME = re.compile(rf"\b{_NAME_WORD}(?:\s+{_NAME_WORD})+\b")


def looks_like_full_name(reference: str) -> bool:
    """Two or more capitalised words in a row ("Jamie Smith"): a case reference is initials
    or a case number ("JS", "C-1042"), so this is only a warning; the words are kept."""
    return bool(_FULL_NAME.search(reference or ""))


def case_key(reference: str) -> str:
    """A reference folded so "c-14", "C 14" and "C14" find the same case."""
    return re.sub(r"[\W_]+", "", str(reference or "")).upper()


def working_days_after(day: date, days: int) -> date:
    """``days`` working days (Monday to Friday) after ``day``: two working days after a
    Friday is the Tuesday. Bank holidays are not counted as days off: the date may come a
    day early around them, never late."""
    current = day
    while days > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


def file_action_text(reference: str) -> str:
    return f"Record the decision on {reference} on the child's file"


def groups(template: Template | None) -> list[Section]:
    """The template's repeatable groups, in order."""
    return [s for s in template.sections if s.type == GROUP] if template else []


def field_of(group: Section, *, kind: str | None = None,
             child_file: bool = False) -> Section | None:
    """The group's field of type ``kind`` (case_ref, actions), or its child's-file question."""
    return next((f for f in group.fields
                 if (child_file and f.child_file) or (kind and f.type == kind)), None)


def reference(group: Section, block: Mapping[str, Any], index: int) -> str:
    """The block's case reference, or "case 2" (its place) while none is written."""
    field = field_of(group, kind="case_ref")
    value = block.get(field.id) if field else None
    text = " ".join(value.split()) if isinstance(value, str) else ""
    return text or f"{group.item or 'item'} {index + 1}"


def block_heading(group: Section, block: Mapping[str, Any], index: int) -> str:
    """ "Case discussed: C-14" in a record's export."""
    noun = (group.item or "item").capitalize()
    return f"{noun} discussed: {reference(group, block, index)}"


def blocks(sections: Mapping[str, Any] | None, group: Section) -> list[dict[str, Any]]:
    value = (sections or {}).get(group.id)
    return [b for b in value if isinstance(b, dict)] if isinstance(value, list) else []


@dataclass(frozen=True)
class NoteAction:
    description: str
    owner: str
    due_on: date | None


@dataclass(frozen=True)
class CaseNote:
    """What goes on the child's file about one case discussed."""

    happened_on: date
    reference: str
    role: str
    parts: tuple[tuple[str, str], ...]  # (field title, text): the decision, the rationale
    actions: tuple[NoteAction, ...]


def note_action(action: Any) -> NoteAction:
    """An action's words, from a stored :class:`Action` or a form row (a dict)."""
    get = action.get if isinstance(action, Mapping) else lambda k: getattr(action, k, None)
    return NoteAction(" ".join(str(get("description") or "").split()),
                      " ".join(str(get("owner") or "").split()), as_date(get("due_on")))


def case_note(group: Section, block: Mapping[str, Any], index: int, happened_on: date,
              role: str, actions: Sequence[Any]) -> CaseNote:
    """The note of one block; ``actions`` are its own (stored actions or form rows)."""
    parts = tuple((f.title, text) for f in group.fields
                  if f.note and (text := format_value(f, block.get(f.id))))
    lines = tuple(a for a in (note_action(x) for x in actions) if a.description)
    return CaseNote(happened_on, reference(group, block, index),
                    " ".join((role or "").split()) or DEFAULT_ROLE, parts, lines)


def format_value(field: Section, value: Any) -> str:
    """A field's answer as text ("" when not answered)."""
    if value is None or value == "" or isinstance(value, list | dict):
        return ""
    if field.type == "yesno":
        return "Yes" if value is True else "No" if value is False else str(value)
    if field.type == "scale":
        return f"{value} / {SCALE_MAX}"
    if field.type == "date":
        return uk_date(str(value))
    return str(value).strip()


def _action_line(action: NoteAction) -> str:
    owner = f" Owner: {action.owner}." if action.owner else ""
    due = f" Due: {uk_date(action.due_on)}." if action.due_on else ""
    return f"- {action.description.rstrip('.')}.{owner}{due}"


def note_text(note: CaseNote) -> str:
    """The note as plain text, ready to paste into a case recording system."""
    out = [f"Supervision decision, {uk_date(note.happened_on)}", f"Case: {note.reference}",
           f"Discussed in supervision; recorded by: {note.role}"]
    for title, text in note.parts:
        out.append(f"{title}: {text}" if "\n" not in text else f"{title}:\n{text}")
    out += ["Actions:", *(_action_line(a) for a in note.actions)] if note.actions else [
        "Actions: none agreed."]
    return "\n".join(out) + "\n"


_SPECIALS = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|-+."})


def _plain(text: str) -> str:
    return " ".join(str(text).split()).translate(_SPECIALS)


def notes_markdown(notes: Sequence[CaseNote]) -> str:
    """The record export's "Case-file notes": each note's lines, as the Copy button gives
    them, one paragraph per case."""
    paragraphs = []
    for note in notes:
        lines = [_plain(line) for line in note_text(note).splitlines() if line.strip()]
        lines[0] = f"**{lines[0]}**"
        paragraphs.append("  \n".join(lines))
    return "\n\n".join(paragraphs)


def block_markdown(group: Section, block: Mapping[str, Any], actions: Sequence[Any]) -> str:
    """One case discussed, as the record export shows it: each answered field under its
    title, the block's actions as a list."""
    out: list[str] = []
    for field in group.fields:
        if field.type == "actions":
            lines = [a for a in (note_action(x) for x in actions) if a.description]
            if lines:
                out += [f"**{_plain(field.title)}**",
                        "\n".join("- " + _plain(_action_line(a)[2:]) for a in lines)]
            continue
        text = format_value(field, block.get(field.id))
        if not text or field.type == "case_ref":  # the heading names the case
            continue
        if field.type == "text":
            out += [f"**{_plain(field.title)}**", text]
        else:
            out.append(f"**{_plain(field.title)}:** {_plain(text)}")
    return "\n\n".join(out)


def block_actions(block: Mapping[str, Any], actions: Sequence[Any]) -> list[Any]:
    """The record's stored actions that belong to this saved block, in the record's order."""
    ids = {i for i in block.get(ACTION_IDS_KEY) or () if isinstance(i, int)}
    return [a for a in actions if getattr(a, "id", None) in ids]


def case_action_ids(sections: Mapping[str, Any] | None, template: Template | None) -> set[int]:
    """Every action id that belongs to a case block (the rest are the record's own)."""
    return {i for group in groups(template) for block in blocks(sections, group)
            for i in block.get(ACTION_IDS_KEY) or () if isinstance(i, int)}


def record_notes(sections: Mapping[str, Any] | None, template: Template | None,
                 happened_on: date, actions: Sequence[Any]) -> list[CaseNote]:
    """The case-file note of every block of a saved record."""
    role = str((sections or {}).get(ROLE_KEY) or "")
    return [case_note(group, block, index, happened_on, role, block_actions(block, actions))
            for group in groups(template)
            for index, block in enumerate(blocks(sections, group))]
