"""The whole journal as one Markdown file a person can read, print or take to another app.

Kept apart from import and JSON Lines: it reads entries and writes words, and knows the
templates' section titles so answers appear under the headings the person saw.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any

from reflect.common.dates import uk_date
from reflect.journal.kinds import EntryKind
from reflect.journal.markdown_text import (
    MAX_SECTION_DEPTH,
    demote_headings,
    flat_text,
    nests_deeper,
)
from reflect.store.models import Entry

SectionTitles = Mapping[str, Mapping[str, tuple[str, str]]]  # template → section → (title, type)


def section_titles() -> dict[str, dict[str, tuple[str, str]]]:
    from reflect.content.templates import load_templates

    return {t.id: {s.id: (s.title, s.type) for s in t.sections}
            for t in load_templates().templates}


def render_markdown(entries: Iterable[Entry], people: Mapping[int, str],
                    titles: SectionTitles, today: date) -> str:
    """The whole journal as Markdown: a heading per entry, its date, tags and body, and a
    sub-heading per answered template section."""
    listed = list(entries)
    parts: list[str] = []
    write_markdown(parts.append, listed, len(listed), people, titles, today)
    return "".join(parts)


def write_markdown(write: Callable[[str], object], entries: Iterable[Entry], count: int,
                   people: Mapping[int, str], titles: SectionTitles, today: date) -> None:
    """:func:`render_markdown` written piece by piece, so the file never sits in memory;
    ``count`` is the number of ``entries``, said at the top."""
    counted = "1 entry" if count == 1 else f"{count:,} entries"
    write(f"# Reflect journal\n\nExported on {uk_date(today)}: {counted}, newest first. "
          "This file is not encrypted.\n")
    for entry in entries:
        write("\n" + _entry_markdown(entry, people, titles.get(entry.template_id or "", {})))


def _entry_markdown(entry: Entry, people: Mapping[int, str],
                    titles: Mapping[str, tuple[str, str]]) -> str:
    title = " ".join(entry.title.split()) or "(untitled)"
    facts = [uk_date(entry.happened_on)]
    if entry.kind != EntryKind.REFLECTION:
        facts.append(entry.kind.capitalize())
    if entry.person_id is not None and entry.person_id in people:
        facts.append(f"Supervisee: {people[entry.person_id]}")
    if entry.sensitive:
        facts.append("Sensitive")
    if entry.share_with_mentor:
        facts.append("Shared with mentor")
    parts = [f"## {title}", " · ".join(facts)]
    if entry.tags:
        parts.append("Tags: " + " ".join(f"#{t}" for t in entry.tags))
    if entry.body.strip():
        parts.append(demote_headings(entry.body.strip("\n"), 2))
    order = [k for k in titles if k in entry.sections]
    order += [k for k in entry.sections if k not in titles]
    for key in order:
        name, kind = titles.get(key, (key.replace("_", " ").capitalize(), ""))
        text = _section_markdown(entry.sections[key], kind)
        if text:
            parts += [f"### {' '.join(name.split())}", text]
    return "\n\n".join(parts) + "\n"


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _section_markdown(value: Any, kind: str) -> str:
    if value in (None, "", [], {}):
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, str):
        if (kind == "date" or _ISO_DATE.fullmatch(value)) and _is_date(value):
            return uk_date(date.fromisoformat(value))
        return demote_headings(value.strip("\n"), 3)
    if isinstance(value, int | float):
        return f"{value} out of 10" if kind == "scale" else str(value)
    if isinstance(value, list):
        return "\n".join(f"- {_item_text(item)}" for item in value if item not in ("", None))
    if isinstance(value, dict):
        return "\n".join(f"- {k}: {_item_text(v)}" for k, v in value.items())
    return str(value)


def _item_text(item: Any, depth: int = 0) -> str:
    """An agreed action (description, owner, due date, status, outcome) or any value, on one
    line."""
    if depth >= MAX_SECTION_DEPTH or nests_deeper(item, MAX_SECTION_DEPTH - depth):
        return flat_text(item)
    if not isinstance(item, dict):
        return " ".join(str(item).split())
    if "description" not in item:
        return "; ".join(f"{k}: {_item_text(v, depth + 1)}" for k, v in item.items()
                         if k != "action_id")
    due = item.get("due_on") or item.get("due")
    details = [item.get("owner"), due and f"due {_section_markdown(due, 'date')}",
               item.get("status")]
    text = _item_text(item["description"], depth + 1)
    if any(details):
        text += " (" + ", ".join(str(d) for d in details if d) + ")"
    for key in ("outcome", "reason"):
        if item.get(key):
            text += f". {key.capitalize()}: {_item_text(item[key], depth + 1)}"
    return text


def _is_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True
