"""Entries. Their full-text index (``entry_fts``) and tag counts (``entry_tag``) are kept by
triggers on ``entry`` (migration 0009) in the same transaction as every write, so search,
tags and list can never disagree after a crash, whoever writes."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import text
from sqlmodel import Session, col, select

from reflect.store import queries
from reflect.store.models import Entry
from reflect.store.queries import EntryFilter, EntrySummary, SearchHit

__all__ = ["EntryFilter", "EntrySummary", "SearchHit"]


def utc_now() -> datetime:
    return datetime.now(UTC)


def sections_text(sections: dict) -> str:
    """Searchable text of template answers: strings, choices, action descriptions/outcomes."""
    parts: list[str] = []

    def walk(value) -> None:
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    walk(sections)
    return "\n".join(p for p in parts if p.strip())


def save(session: Session, entry: Entry) -> Entry:
    """Insert or update an entry (the triggers index it)."""
    entry.updated_at = utc_now()
    session.add(entry)
    session.flush()
    return entry


def save_many(session: Session, entries: Iterable[Entry]) -> int:
    count = 0
    for entry in entries:
        save(session, entry)
        count += 1
    return count


def get(session: Session, entry_id: int) -> Entry | None:
    return session.get(Entry, entry_id)


def _dbapi(session: Session):
    """The session's own DB-API connection, inside its transaction."""
    return session.connection().connection.driver_connection


def list_summaries(session: Session, f: EntryFilter | None = None, limit: int = 100,
                   offset: int = 0, after: queries.Keyset | None = None) -> list[EntrySummary]:
    return queries.list_summaries(_dbapi(session), f, limit, offset, after)


def position(session: Session, f: EntryFilter | None, entry_id: int) -> int | None:
    return queries.position(_dbapi(session), f, entry_id)


def list_entries(session: Session, f: EntryFilter | None = None, limit: int = 100,
                 offset: int = 0) -> list[Entry]:
    """Whole entries, newest first, for export and the editor."""
    ids = [s.entry_id for s in queries.list_summaries(_dbapi(session), f, limit, offset)]
    found = {e.id: e for e in session.exec(select(Entry).where(col(Entry.id).in_(ids))).all()}
    return [found[i] for i in ids if i in found]


def count(session: Session, f: EntryFilter | None = None) -> int:
    return queries.count(_dbapi(session), f)


def search(session: Session, user_text: str, limit: int = 50,
           offset: int = 0) -> tuple[list[SearchHit], int]:
    return queries.search(_dbapi(session), user_text, limit, offset)


def prompt_usage(session: Session) -> dict[str, queries.PromptUsage]:
    return queries.prompt_usage(_dbapi(session))


def all_tags(session: Session) -> list[str]:
    """Tags on entries not in the trash, sorted: one read of the counted table."""
    return [r[0] for r in session.execute(text("SELECT tag FROM entry_tag ORDER BY tag"))]



def soft_delete(session: Session, entry_id: int) -> Entry | None:
    entry = session.get(Entry, entry_id)
    if entry is None or entry.deleted_at is not None:
        return entry
    entry.deleted_at = utc_now()
    return save(session, entry)


def restore(session: Session, entry_id: int) -> Entry | None:
    entry = session.get(Entry, entry_id)
    if entry is None or entry.deleted_at is None:
        return entry
    entry.deleted_at = None
    return save(session, entry)


def deleted_ids(session: Session) -> list[int]:
    """Ids of the entries in the trash (for emptying it)."""
    rows = session.execute(text("SELECT id FROM entry WHERE deleted_at IS NOT NULL"))
    return [r[0] for r in rows]


def purge(session: Session, entry_id: int) -> None:
    """Delete for good (emptying the trash)."""
    entry = session.get(Entry, entry_id)
    if entry is not None:
        session.delete(entry)
