"""A new own-supervision record starts with what supervisees asked to have taken up the
organisation (:mod:`reflect.supervision.mediation`): the items are written into "What I am
bringing" before the form is filled, so they are its starting point (leaving untouched saves
nothing), and a line under the guidance says where they came from.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QVBoxLayout

from reflect.common.errors import ReflectError
from reflect.supervision import mediation
from reflect.supervision.mediation import BRING, MediationItem
from reflect.supervision.records import RecordStart, Supervision
from reflect.ui.supervision.record_body import RecordBody
from reflect.ui.supervision.record_fields import TextField
from reflect.ui.widgets.feedback import hint_label

log = logging.getLogger(__name__)


def prefill(supervision: Supervision, start: RecordStart,
            state: dict[str, Any]) -> list[MediationItem]:
    """Put the open items into the new record's ``state``; none if they cannot be read (the
    record still starts: the items stay open for the next one)."""
    try:
        return mediation.offer(supervision, start.template, state["sections"],
                               start.entry.happened_on)
    except (ReflectError, ValueError) as exc:
        log.warning("items to take up could not be read: %s", type(exc).__name__)
        return []


def show_offered(body: RecordBody | None, items: list[MediationItem]) -> None:
    """Say under "What I am bringing" where its starting words came from, and put the
    cursor after them, where the leader's own words go."""
    field = body.fields.get(BRING) if body is not None and items else None
    if body is None or not isinstance(field, TextField):
        return
    people = sorted({i.code_name for i in items if i.code_name})
    count = f"{len(items)} item{'s' if len(items) != 1 else ''}"
    note = hint_label(f"{count} to take up the organisation, from the one-to-ones with "
                      f"{', '.join(people) or 'your supervisees'} since your last "
                      "supervision, are written in below: keep, edit or delete each.")
    note.setAccessibleName("Items to take up")
    layout = body.boxes[BRING].layout()
    if isinstance(layout, QVBoxLayout):
        layout.insertWidget(layout.indexOf(field), note)
        note.show()  # the body may be on screen already: a new child stays hidden unless told
    field.edit.moveCursor(QTextCursor.MoveOperation.End)
