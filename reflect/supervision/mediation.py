"""Mediation: what a supervisee needs taken up the organisation, carried to the leader's own
supervision.

Mediation is the fourth of Morrison's functions of supervision (with management, support and
development): the supervisor takes the worker's needs for resources, policy or workload up the
organisation. A one-to-one records them in its "mediation" section, one item a line; the
leader takes them to their own supervision with their manager, so a new own-supervision record
starts with every item from the records since the last one in its "What I am bringing"
section, to keep, edit or delete.

Two section ids make the link, so a user's copy of either template takes part too:
:data:`MEDIATION` in a record with a supervisee, and :data:`BRING` in a template with no
supervisee section (the leader's own supervision). An item is open until an own-supervision
record is saved after it (by session date, then by when it was written); a record in the
trash takes its items with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, MutableMapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from reflect.common.dates import uk_date
from reflect.content.templates import Template
from reflect.store.models import Entry
from reflect.store.queries import EntryFilter

if TYPE_CHECKING:
    from reflect.supervision.records import Supervision

#: The one-to-one's section of items to take up the organisation.
MEDIATION = "mediation"
#: The own supervision's "What I am bringing".
BRING = "bring"
#: Enough records since the last own supervision for any real gap between two of them.
_SCAN = 2000
_BULLET = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")


@dataclass(frozen=True)
class MediationItem:
    """One thing to take up, and the record it came from."""

    text: str
    code_name: str  # the supervisee's code name; "" if the record has none any more
    happened_on: date
    entry_id: int


def items_in(text: Any) -> list[str]:
    """The items of a mediation answer: one a line, list marks taken off; an indented line
    that is not a list item continues the item above it (a wrapped Markdown bullet)."""
    if not isinstance(text, str):
        return []
    items: list[str] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        bullet = _BULLET.match(line)
        if bullet is None and line[:1].isspace() and items:
            items[-1] = f"{items[-1]} {line.strip()}"
        else:
            items.append(line[bullet.end():].strip() if bullet else line.strip())
    return [item for item in items if item]


def is_own_supervision(template: Template | None) -> bool:
    """A template whose records take mediation items: a "bring" text section and no
    supervisee (the leader's own supervision, or a copy of it)."""
    if template is None:
        return False
    types = {s.id: s.type for s in template.sections}
    return types.get(BRING) == "text" and "supervisee" not in types.values()


def last_own_record(supervision: Supervision) -> Entry | None:
    """The latest saved own-supervision record (not in the trash), or None."""
    own = {t.id for t in supervision.templates().templates if is_own_supervision(t)}
    return next((e for e in supervision.records_for(None, limit=_SCAN)
                 if e.template_id in own), None)


def _order(entry: Entry) -> tuple[date, str]:
    return entry.happened_on, entry.created_at.isoformat() if entry.created_at else ""


def open_items(supervision: Supervision, on: date | None = None) -> list[MediationItem]:
    """Items from records with a supervisee since the last own-supervision record, up to
    ``on`` (default: any date), oldest first: what is still to be taken up."""
    return _items_after(supervision, last_own_record(supervision), on)


def _items_after(supervision: Supervision, last: Entry | None,
                 on: date | None) -> list[MediationItem]:
    found = supervision.journal.list_entries(EntryFilter(
        kind="supervision", date_from=last.happened_on if last else None, date_to=on),
        limit=_SCAN)
    names = {p.id: p.code_name for p in supervision.supervisees()}
    items: list[MediationItem] = []
    for entry in sorted(found, key=_order):
        if entry.person_id is None or (last is not None and _order(entry) <= _order(last)):
            continue
        items += [MediationItem(text, names.get(entry.person_id, ""), entry.happened_on,
                                int(entry.id or 0))
                  for text in items_in((entry.sections or {}).get(MEDIATION))]
    return items


def _source(item: MediationItem) -> str:
    """"Kestrel, 3 March 2026": whose one-to-one, and when."""
    return ", ".join(filter(None, [item.code_name, uk_date(item.happened_on)]))


def bring_text(items: Iterable[MediationItem], since: date | None = None) -> str:
    """The items as a Markdown list under a line that says where they come from."""
    lines = [f"- {item.text} ({_source(item)})" for item in items]
    if not lines:
        return ""
    head = ("To take up from my supervisees' one-to-ones since my last supervision "
            f"({uk_date(since)}):" if since else "To take up from my supervisees' one-to-ones:")
    return "\n".join([head, "", *lines]) + "\n"  # a list needs a blank line before it


def offer(supervision: Supervision, template: Template | None,
          sections: MutableMapping[str, Any], on: date | None = None) -> list[MediationItem]:
    """For a new own-supervision record: put the open items into its "What I am bringing"
    (after anything already there) and return them; any other template is left alone."""
    if not is_own_supervision(template):
        return []
    last = last_own_record(supervision)
    items = _items_after(supervision, last, on)
    if items:
        text = bring_text(items, last.happened_on if last else None)
        before = sections.get(BRING)
        sections[BRING] = f"{before.rstrip()}\n\n{text}" if isinstance(before, str) \
            and before.strip() else text
    return items
