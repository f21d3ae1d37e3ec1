"""The id of a saved row, for code that holds rows read back from the journal.

Table models declare ``id: int | None`` because a new row has no id until it is flushed;
every row that came out of the database has one. ``saved_id`` says so once, and fails
loudly if an unsaved row slips through instead of passing ``None`` on as an id.
"""

from __future__ import annotations

from typing import Protocol


class _HasId(Protocol):
    @property
    def id(self) -> int | None: ...


def saved_id(row: _HasId) -> int:
    if row.id is None:
        raise ValueError(f"this {type(row).__name__} has not been saved yet")
    return row.id
