"""Notice when a transaction changed what the journal holds, so views can follow it.

Every write in the app goes through :meth:`Vault.session`, whether through ORM objects or
text SQL; watching the session there means no caller (records, ratings, import, …) can forget
to say that it changed something. Drafts are left out: they are written as the user types and
change no list, count or due date.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

from reflect.store.models import Draft

log = logging.getLogger(__name__)

_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def _writes_more_than_drafts(sql: str) -> bool:
    head = sql.lstrip().upper()
    return head.startswith(_WRITES) and " DRAFT" not in head.split("(", 1)[0].split("SET")[0]


class ChangeTracker:
    """A change counter and listeners, bumped once per committed transaction that wrote."""

    def __init__(self) -> None:
        self.count = 0
        self._listeners: list[Callable[[], None]] = []

    def watch(self, session: Session) -> Callable[[], bool]:
        """Hook ``session``; the returned function says whether it wrote anything but drafts."""
        wrote = [False]

        def after_flush(s: Session, _context: object) -> None:
            touched = [*s.new, *s.dirty, *s.deleted]
            if any(not isinstance(obj, Draft) for obj in touched):
                wrote[0] = True

        def on_execute(state: ORMExecuteState) -> None:
            if state.is_select:
                return
            if _writes_more_than_drafts(str(state.statement)):
                wrote[0] = True

        event.listen(session, "after_flush", after_flush)
        event.listen(session, "do_orm_execute", on_execute)
        return lambda: wrote[0]

    def add_listener(self, listener: Callable[[], None]) -> None:
        if listener not in self._listeners:
            self._listeners.append(listener)

    def remove_listener(self, listener: Callable[[], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def changed(self) -> None:
        """Count one change and tell every listener; one failing listener stops no other."""
        self.count += 1
        for listener in list(self._listeners):
            try:
                listener()
            except Exception:
                log.exception("a journal change listener failed")
