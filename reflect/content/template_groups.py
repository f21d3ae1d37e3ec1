"""Repeatable groups in templates: a block of fields filled in any number of times.

The use it was made for is the case discussed in supervision: a team manager discusses
several cases in one session, and each needs its own decision, actions and "is it on the
child's file?". A group is a section with ``type = "group"`` and its own
``[[sections.fields]]``; a record stores it as a list of dicts, one per block, under the
group's id. The rules here are checked by :mod:`reflect.content.templates` while it loads a
file, so a malformed group is named with its file and line like any other mistake.

This module imports nothing from ``templates`` (which imports it): the field parser and
the error maker are handed in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from reflect.content.template_lines import FieldLines

GROUP = "group"
#: The field types a group may hold: "case_ref" is a case reference (initials or a case
#: number), warned about when it looks like a full name. No supervisee, no nested group.
GROUP_FIELD_TYPES: tuple[str, ...] = (
    "case_ref", "text", "actions", "date", "choice", "yesno", "scale",
)
GROUP_KEYS = ("item", "fields")  # keys only a group section has
FIELD_KEYS = ("id", "title", "guidance", "type", "choices", "case_notes", "note", "child_file")

Fail = Callable[[int, str], Exception]


def parse_group(raw: dict[str, Any], label: str, header: int, line: Callable[[str], int],
                fields_at: FieldLines, fail: Fail,
                parse_field: Callable[[Any, int, str, FieldLines], Any]) -> tuple[tuple, str]:
    """The group's fields (parsed by ``parse_field``) and its item noun, checked as a whole:
    at least one field, ids unique, at most one case reference, one actions list and one
    child's-file question, and that question needs a case reference to name the case."""
    item = raw.get("item", "")
    if not isinstance(item, str):
        raise fail(line("item"), f"{label}: 'item' must be text")
    raw_fields = raw.get("fields")
    if raw_fields is None:
        raise fail(header, f"{label}: type 'group' needs [[sections.fields]] tables")
    if not isinstance(raw_fields, list) or not raw_fields:
        raise fail(line("fields"), f"{label}: 'fields' must be a list of "
                   "[[sections.fields]] tables")
    fields = []
    seen: set[str] = set()
    for index, raw_field in enumerate(raw_fields):
        field = parse_field(raw_field, index, label, fields_at)
        if field.id in seen:
            raise fail(fields_at.key(index, "id"), f"{label}: field id '{field.id}' is used twice")
        seen.add(field.id)
        fields.append(field)
    for kind, what in (("case_ref", "case reference"), ("actions", "actions list")):
        extra = [i for i, f in enumerate(fields) if f.type == kind][1:]
        if extra:
            raise fail(fields_at.header(extra[0]), f"{label}: a group has one {what} at most")
    marked = [i for i, f in enumerate(fields) if f.child_file]
    if len(marked) > 1:
        raise fail(fields_at.key(marked[1], "child_file"),
                   f"{label}: one field at most is the child's-file question")
    if marked and not any(f.type == "case_ref" for f in fields):
        raise fail(fields_at.key(marked[0], "child_file"), f"{label}: the child's-file "
                   "question needs a field of type 'case_ref' to name the case")
    return tuple(fields), item.strip()


def check_field_flags(field_type: str, note: bool, child_file: bool, label: str,
                      line: Callable[[str], int], fail: Fail) -> None:
    """``child_file`` only on a yes/no; ``note`` (in the case-file note) not on the case
    reference or the actions, which every note has anyway."""
    if child_file and field_type != "yesno":
        raise fail(line("child_file"), f"{label}: 'child_file' only applies to type 'yesno'")
    if note and field_type in ("case_ref", "actions"):
        raise fail(line("note"), f"{label}: 'note' does not apply to type '{field_type}' "
                   "(every case-file note has it)")


def fields_toml(fields: Sequence[Any], string: Callable[[str], str]) -> list[str]:
    """The ``[[sections.fields]]`` tables of a group, in the documented format."""
    lines: list[str] = []
    for field in fields:
        lines += ["", "[[sections.fields]]", f"id = {string(field.id)}",
                  f"title = {string(field.title)}", f"guidance = {string(field.guidance)}",
                  f"type = {string(field.type)}"]
        if field.choices:
            lines.append(f"choices = [{', '.join(string(c) for c in field.choices)}]")
        for key in ("case_notes", "note", "child_file"):
            if getattr(field, key):
                lines.append(f"{key} = true")
    return lines
