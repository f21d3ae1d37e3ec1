"""Cases discussed in records: which records discussed one case.

A record keeps each case block with its reference folded for lookup under ``_case`` (see
``reflect.supervision.case_notes``), so one JSON walk over the sections finds every
discussion of a case, whatever the template calls its group.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlmodel import Session


def entries_discussing(session: Session, key: str, limit: int = 500) -> list[int]:
    """Ids of the live records with a block whose folded reference is ``key``, newest
    session first."""
    if not key:
        return []
    result = session.execute(text(
        "SELECT DISTINCT e.id, e.happened_on FROM entry e, json_each(e.sections) g, "
        "json_each(g.value) c WHERE e.deleted_at IS NULL AND json_valid(e.sections) "
        "AND g.type = 'array' AND c.type = 'object' "
        "AND json_extract(c.value, '$._case') = :key "
        "ORDER BY e.happened_on DESC, e.id DESC LIMIT :limit"), {"key": key, "limit": limit})
    return [int(r[0]) for r in result]
