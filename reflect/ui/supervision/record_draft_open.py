"""Opening a record draft found after unlocking: into its record, or, when there is none (a
new record, or one since deleted), as a new record, so no word is lost."""

from __future__ import annotations

import logging
from typing import Any, Protocol

from reflect.journal.drafts import Draft, DraftKeeper, DraftKind, DraftUnreadable
from reflect.ui.widgets.feedback import ErrorNotice
from reflect.ui.widgets.messages import Failure

log = logging.getLogger(__name__)


class DraftTarget(Protocol):
    """The parts of the record form a found draft is opened into."""

    error: ErrorNotice
    drafts: DraftKeeper

    def open_record(self, entry_id: int) -> bool: ...
    def start_new(self, person_id: int | None, template_id: str) -> bool: ...
    def set_form_state(self, state: dict[str, Any]) -> None: ...
    def flush_draft(self) -> bool: ...
    def show_status(self, text: str | None = None) -> None: ...


def open_found_draft(form: DraftTarget, key: str, payload: dict) -> bool:
    """False when the draft cannot be read: it is then left stored as it was, for the version
    that wrote it, and the form says so."""
    try:
        draft = Draft.from_payload(DraftKind.SUPERVISION, payload)
    except DraftUnreadable as exc:
        log.warning("a record draft was not opened: %s", exc)
        form.error.show_failure(Failure("An unsaved record could not be opened.",
                                        f"{exc} It is kept as it was."))
        return False
    entry_id, state = draft.entry_id, draft.state
    if entry_id is not None and form.open_record(entry_id):
        return True
    person_id = draft.meta.get("person_id")
    if not form.start_new(person_id if isinstance(person_id, int) else None,
                          str(draft.meta.get("template_id") or "")):
        return False
    if entry_id is not None and isinstance(state.get("actions"), list):
        # The deleted record's own actions are gone with it: keep the open ones as new.
        state = {**state, "actions": [{**a, "id": None} for a in state["actions"]
                                      if isinstance(a, dict) and a.get("status") == "open"]}
    form.set_form_state(state)
    form.drafts.flushed = None
    if form.flush_draft():  # re-keyed under the new uid before the old one goes
        form.drafts.retire(key)
    form.show_status()
    return True
