"""Which leader the reader is: first line, middle or senior.

Kept in the journal (its ``meta`` table, like the leader's name), so it travels with the
journal and its backups, and Home can favour the prompts written for that level. Unset reads
as first line: most people who use Reflect are team managers or practice supervisors, and a
first line reader still meets every prompt once their own are answered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reflect.content.library import AUDIENCES, FIRST_LINE, MIDDLE, SENIOR
from reflect.store import ratings as meta_store

if TYPE_CHECKING:
    from reflect.journal.journal import Journal

READER_LEVEL_KEY = meta_store.READER_LEVEL_KEY
DEFAULT_LEVEL = FIRST_LINE

#: How the choice reads at first run and in Preferences, in :data:`AUDIENCES` order.
LEVEL_LABELS: dict[str, str] = {
    FIRST_LINE: "Team manager or practice supervisor (first line)",
    MIDDLE: "Service or group manager (middle)",
    SENIOR: "Head of service or director (senior)",
}
#: The short names the Prompts page filters by and its detail shows.
SHORT_LABELS: dict[str, str] = {FIRST_LINE: "First line", MIDDLE: "Middle", SENIOR: "Senior"}


def reader_level(journal: Journal) -> str:
    """The level chosen, or :data:`DEFAULT_LEVEL`; a value this version does not know (a
    journal from a later one) reads as the default rather than failing."""
    with journal.vault.session() as session:
        stored = meta_store.get_meta(session, READER_LEVEL_KEY)
    return stored if stored in AUDIENCES else DEFAULT_LEVEL


def set_reader_level(journal: Journal, level: str) -> None:
    """Store ``level``; only one of :data:`AUDIENCES` (the choices offered) is accepted."""
    if level not in AUDIENCES:
        raise ValueError(f"unknown reader level {level!r} (one of {', '.join(AUDIENCES)})")
    with journal.vault.session() as session:
        if meta_store.get_meta(session, READER_LEVEL_KEY) != level:  # no write, no change
            meta_store.set_meta(session, READER_LEVEL_KEY, level)


def audience_text(audience: tuple[str, ...]) -> str:
    """Who a prompt is written for, as the Prompts page says it."""
    if not audience or set(audience) >= set(AUDIENCES):
        return "Leaders at every level"
    names = [SHORT_LABELS[level].lower() for level in AUDIENCES if level in audience]
    joined = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return f"{joined[0].upper()}{joined[1:]} leaders"
