"""Who the leader's coach or mentor is: a name or a role, optional, kept in the journal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reflect.store import ratings as meta_store

if TYPE_CHECKING:
    from reflect.journal.journal import Journal

COACH_KEY = "coach"


def coach_name(journal: Journal) -> str:
    """"Dr Lee", "my mentor at the regional programme", or '' when not given."""
    with journal.vault.session() as session:
        return meta_store.get_meta(session, COACH_KEY) or ""


def set_coach_name(journal: Journal, name: str) -> None:
    with journal.vault.session() as session:
        meta_store.set_meta(session, COACH_KEY, " ".join(name.split()))
